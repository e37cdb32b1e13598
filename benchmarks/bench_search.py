"""In-browser search speed at archive scale, measured with ``performance.now()``.

Builds the generated corpus of N events (default 10,000), serves it on
127.0.0.1, opens the index in Debian's chromium through Playwright, lets the
search index load, then times each query from the input event to the
filtered listing (the handler is synchronous once the index is loaded).
Reports milliseconds per query and the index's size; asserts nothing.

    python benchmarks/bench_search.py [--events 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import sys
import threading
from pathlib import Path
from statistics import median

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.common import corpus  # noqa: E402

QUERIES = ("دوما", "الاسلام", "جيش الإسلام", "١٢٠٠", "قصف الغوطة", "مفاوضات", "حرستا")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

TIME_QUERY = """async ([query, repeat]) => {
  const input = document.querySelector('input[type=search]');
  const times = [];
  let shown = 0;
  for (let i = 0; i < repeat; i++) {
    input.value = '';
    input.dispatchEvent(new Event('input'));
    const start = performance.now();
    input.value = query;
    input.dispatchEvent(new Event('input'));
    times.push(performance.now() - start);
    // Cards on this page, or the result list the index shows when events live on month pages.
    shown = document.querySelectorAll('article[data-event-id]:not([hidden])').length
      + document.querySelectorAll('.results:not([hidden]) li').length;
  }
  return {times, shown};
}"""


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:  # noqa: ANN002
            pass

    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def measure(site: Path, repeat: int) -> list[tuple[str, float, float, int]]:
    from playwright.sync_api import sync_playwright

    server, url = serve(site)
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url) else route.abort())
            page.goto(url)
            start = page.evaluate("performance.now()")
            page.focus("input[type=search]")
            page.wait_for_function("() => window.TIMELINE_SEARCH !== undefined", timeout=60_000)
            load_ms = page.evaluate("performance.now()") - start
            rows.append(("(loading the index on first focus)", load_ms, load_ms, 0))
            for query in QUERIES:
                result = page.evaluate(TIME_QUERY, [query, repeat])
                rows.append((query, median(result["times"]), max(result["times"]), result["shown"]))
            browser.close()
    finally:
        server.shutdown()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/timeline-bench"))
    args = parser.parse_args()

    from timeline.build import build_site

    config = corpus(args.events, args.work_dir)
    site = args.work_dir / f"search-site-{args.events}"
    if site.exists():
        shutil.rmtree(site)
    build_site(config, site)
    index_files = sorted(site.glob("assets/search-index*.js"))
    index_kb = sum(p.stat().st_size for p in index_files) / 1024
    print(f"search at {args.events:,} events: index {index_kb:,.0f} KB in {len(index_files)} file(s); "
          f"each query run {args.repeat} times, from the input event to the filtered listing")
    print("| query | median ms | max ms | hits shown (cards or first 50 links) |\n|---|---:|---:|---:|")
    for query, middle, worst, shown in measure(site, args.repeat):
        print(f"| {query} | {middle:.1f} | {worst:.1f} | {shown:,} |")


if __name__ == "__main__":
    main()
