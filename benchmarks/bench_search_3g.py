"""First search result on slow 3G (issue 12): a built site served on 127.0.0.1,
headless Chromium throttled through CDP (``Network.emulateNetworkConditions``:
2 s latency, 50 KB/s down and up, cache off). The index page is loaded first;
then each query is typed into a fresh page and the clock runs from the
keystroke to the first result row on screen (``performance.now()`` in the
page). Also printed: the bytes the search requested, and, side by side in
the same run, the baseline of loading every part of the index (what one
monolithic index file costs on the same link).

    python benchmarks/bench_search_3g.py SITE_DIR [--query دوما --query ...]

Budget: 3 s for the first result at 10,000 events (issue 12).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import sys
import threading
from pathlib import Path

LATENCY_MS = 2000
THROUGHPUT = 50 * 1024  # bytes per second
QUERIES = ("دوما", "الكيماوي", "مفاوضات", "جيش الإسلام")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_port}/"


def throttled_page(browser):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": LATENCY_MS, "downloadThroughput": THROUGHPUT, "uploadThroughput": THROUGHPUT})
    sizes: list[int] = []
    cdp.on("Network.loadingFinished", lambda event: sizes.append(int(event.get("encodedDataLength", 0))))
    return context, page, sizes


def first_result(browser, url: str, query: str) -> tuple[float, int, float]:
    """(ms from typing to the first row, bytes fetched for it, ms to load the index page)."""
    context, page, sizes = throttled_page(browser)
    try:
        page.goto(url, wait_until="load", timeout=120_000)
        load_ms = page.evaluate("performance.now()")
        before = len(sizes)
        elapsed = page.evaluate("""(query) => new Promise((resolve) => {
            const input = document.querySelector('#q');
            const list = document.querySelector('.finder .results');
            const start = performance.now();
            const watch = new MutationObserver(() => {
              if (list.querySelector('li')) { watch.disconnect(); resolve(performance.now() - start); }
            });
            watch.observe(list, {childList: true});
            input.value = query;
            input.form.requestSubmit();
        })""", query)
        page.wait_for_timeout(200)
        return elapsed, sum(sizes[before:]), load_ms
    finally:
        context.close()


def all_parts(browser, url: str, site: Path) -> float:
    """Baseline: ms to fetch every part of the index on the same link (one file's worth)."""
    context, page, _ = throttled_page(browser)
    try:
        page.goto(url, wait_until="load", timeout=120_000)
        names = sorted(p.name for p in (site / "assets" / "search").glob("*.js"))
        return page.evaluate("""(names) => new Promise((resolve) => {
            const start = performance.now(); let left = names.length;
            window.TIMELINE_PART = window.TIMELINE_PART || function () {};
            for (const name of names) {
              const s = document.createElement('script'); s.src = 'assets/search/' + name;
              s.onload = s.onerror = () => { if (--left === 0) resolve(performance.now() - start); };
              document.head.appendChild(s);
            }
        })""", names)
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", action="append")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    total_bytes = sum(p.stat().st_size for p in (args.site / "assets" / "search").glob("*.js"))
    httpd, url = serve(args.site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
            times = []
            for query in args.query or QUERIES:
                ms, fetched, load_ms = first_result(browser, url, query)
                times.append(ms)
                print(f"{query}: first result {ms / 1000:.2f} s after typing, {fetched / 1024:.1f} KB fetched "
                      f"(index page loaded in {load_ms / 1000:.1f} s)")
            baseline = all_parts(browser, url, args.site)
            browser.close()
    finally:
        httpd.shutdown()
    worst = max(times)
    print(f"whole index ({total_bytes / 1024:.0f} KB in {len(list((args.site / 'assets' / 'search').glob('*.js')))} "
          f"files) on the same link: {baseline / 1000:.1f} s")
    print(f"first result: median {statistics.median(times) / 1000:.2f} s, worst {worst / 1000:.2f} s "
          f"(budget 3 s; {worst / baseline:.2f} of the whole-index baseline)")
    return 0 if worst <= 3000 else 1


if __name__ == "__main__":
    sys.exit(main())
