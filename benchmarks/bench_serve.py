"""Live-preview benchmark: save an entry → the updated page as an HTTP client sees it (issue 15).

For each size (1,000 and 10,000 events by default) it starts, side by side on
the same machine and in the same run, three whole server processes:

- **ours**: ``timeline serve`` of the generated project;
- **mkdocs+plugin**: ``mkdocs serve`` of a copy of the same project, through
  the timeline plugin (its ``on_serve`` makes it incremental too);
- **plain**: ``mkdocs serve --dirty`` of a bare MkDocs project holding the
  very same entry files (``bench_build.prepare_plain``), whose one-line
  template prints the front matter's title and date and the page body, so
  both show an edited title or date.

Then, ``--edits`` times, alternating which contender goes first in each
round, it edits one published entry (alternately its title and its date, a
value no other entry has), and polls the entry's page over HTTP (every 20 ms,
a fresh request each time, like ``curl`` in a loop) until the new value is
in it: that wall time is the save → page delay. At the same time it does
what an open browser tab does: before the save it sends the long request
of the page's own reload script (timeline's ``/__timeline_preview/wait``
or MkDocs' ``/livereload/``) and, when told to reload, loads the page once:
the save → reloaded page delay, and whether that page already showed the
edit (a "stale" reload would leave the editor looking at the old page).
Between edits it waits until
the server's CPU time stops moving (the whole rebuild finished). It reports
per contender the median, min and max delay, the server's user+sys CPU
seconds per edit (from /proc, the whole process), its CPU use while idle
over ``--idle`` seconds (% of one core), its peak RSS, and the ratios
ours/plain. Both entry files are restored at the end; both servers (process
groups this script started) are stopped.

    python benchmarks/bench_serve.py [--sizes 1000,10000] [--edits 6] [--idle 10] [--timeout 600]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.bench_build import prepare_plain  # noqa: E402
from benchmarks.common import corpus, free_port, middle, now  # noqa: E402

POLL_SECONDS = 0.02
SETTLE_SECONDS = 0.5
PLAIN_SERVE_TEMPLATE = "<h1>{{ page.meta.title }}</h1><p>{{ page.meta.date }}</p>{{ page.content }}\n"
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Server:
    name: str
    command: list[str]
    cwd: Path
    entry: Path  # the entry file this server reads
    page_url: str
    log: Path
    process: subprocess.Popen | None = None
    startup: float | None = None
    delays: list[float | None] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    reloads: list[float | None] = field(default_factory=list)  # save → page loaded after the reload signal
    stale_reloads: int = 0  # reloads that still showed the old page
    idle_percent: float | None = None

    def start(self, timeout: float) -> bool:
        with self.log.open("wb") as output:
            self.process = subprocess.Popen(self.command, cwd=self.cwd, stdout=output, stderr=subprocess.STDOUT,
                                            start_new_session=True)
        started = now()
        while now() - started < timeout:
            if self.process.poll() is not None:
                return False
            if fetch(self.page_url) is not None:
                self.startup = now() - started
                return True
            time.sleep(0.2)
        return False

    def cpu_seconds(self) -> float:
        """User + system CPU of the server process (and its finished children)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return sum(int(value) for value in fields[11:15]) / TICKS

    def peak_rss_mb(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=20)


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def settle(server: Server, timeout: float) -> None:
    """Wait until the server's CPU time has not moved for SETTLE_SECONDS."""
    started, last = now(), server.cpu_seconds()
    while now() - started < timeout:
        time.sleep(SETTLE_SECONDS)
        current = server.cpu_seconds()
        if current - last < 0.02:
            return
        last = current


def pick_entry(config: Path) -> Path:
    """A published entry in the middle of the sorted files (not the first or last page)."""
    paths = [p for p in sorted((config.parent / "content" / "events").rglob("*.md"))
             if "review: rejected" not in p.read_text(encoding="utf-8")]
    if not paths:
        raise SystemExit("the corpus has no published entry")
    return paths[len(paths) // 2]


def edited(original: str, number: int) -> tuple[str, str]:
    """(new file text, what the page shows once rebuilt): a title on odd edits, a date on even ones."""
    if number % 2:
        marker = f"عنوان معدل للقياس رقم {number}"
        return re.sub(r"^title: .*$", f"title: {marker}", original, count=1, flags=re.MULTILINE), marker
    day = f"2021-01-{number:02d}"  # after every generated date, so no other entry has it
    text = re.sub(r"^date: .*$", f"date: '{day}'", original, count=1, flags=re.MULTILINE)
    text = re.sub(r"^end: .*\n", "", text, count=1, flags=re.MULTILINE)
    return text, day


def reload_url(server: Server) -> str | None:
    """The long request the page's own reload script makes (timeline's or MkDocs')."""
    page = fetch(server.page_url) or ""
    base = server.page_url.split("/", 3)
    origin = f"{base[0]}//{base[2]}"
    ours = re.search(r"var v=(\d+),u=\"([^\"?]+)", page)
    if ours:
        return f"{origin}{ours[2]}?version={ours[1]}&page=/{base[3]}"
    theirs = re.search(r"livereload\((\d+), (\d+)\)", page)
    return f"{origin}/livereload/{theirs[1]}/{theirs[2]}" if theirs else None


def wait_for_reload(url: str, timeout: float, marker: str, browser: dict) -> None:
    """Do what the browser does: wait to be told to reload, then load the page once;
    ``browser["loaded"]``: seconds from the save to that load, ``fresh``: it showed the edit."""
    seen = url.rsplit("/", 2)[-2] if "/livereload/" in url else None
    started = now()
    while now() - started < timeout:
        answer = fetch(url) or ""
        if seen is None:
            told = '"reload": true' in answer
        else:
            told = answer.strip().isdigit() and int(answer) > int(seen)
        if told:
            browser["fresh"] = marker in (fetch(browser["page"]) or "")
            browser["loaded"] = now() - browser["saved"]
            return


def measure_edit(server: Server, number: int, timeout: float) -> None:
    original = server.entry.read_text(encoding="utf-8")
    text, marker = edited(original, number)
    url = reload_url(server)
    browser: dict = {"page": server.page_url, "saved": float("inf")}
    waiter = threading.Thread(target=wait_for_reload, args=(url, timeout, marker, browser), daemon=True) \
        if url else None
    if waiter:
        waiter.start()
        time.sleep(0.1)  # the long request is in before the save, as an open page's is
    cpu_before = server.cpu_seconds()
    started = browser["saved"] = now()
    server.entry.write_text(text, encoding="utf-8")
    delay = None
    while now() - started < timeout:
        if marker in (fetch(server.page_url) or ""):
            delay = now() - started
            break
        time.sleep(POLL_SECONDS)
    if waiter:
        waiter.join(timeout)
    settle(server, timeout)
    server.delays.append(delay)
    server.cpu.append(server.cpu_seconds() - cpu_before)
    server.reloads.append(browser.get("loaded"))
    server.stale_reloads += 0 if browser.get("fresh", True) else 1


def idle_percent(server: Server, seconds: float) -> float:
    before, started = server.cpu_seconds(), now()
    time.sleep(seconds)
    return 100 * (server.cpu_seconds() - before) / (now() - started)


def run_size(n: int, args: argparse.Namespace) -> list[Server]:
    config = corpus(n, args.work_dir)
    plain_config = prepare_plain(config, args.work_dir / f"plain-serve-{n}")
    (plain_config.parent / "templates" / "main.html").write_text(PLAIN_SERVE_TEMPLATE, encoding="utf-8")
    entry = pick_entry(config)
    plain_entry = plain_config.parent / "docs" / entry.relative_to(config.parent / "content")
    ours_port, plain_port, plugin_port = free_port(), free_port(), free_port()
    plugin_project = args.work_dir / f"mkdocs-serve-{n}"
    if plugin_project.exists():
        shutil.rmtree(plugin_project)  # a copy this script made in an earlier run
    shutil.copytree(config.parent, plugin_project, ignore=shutil.ignore_patterns("site", ".timeline"))
    plugin_config = plugin_project / config.name
    plugin_entry = plugin_project / entry.relative_to(config.parent)
    servers = [
        Server("ours", [sys.executable, "-m", "timeline", "serve", "--config", str(config),
                        "--dev-addr", f"127.0.0.1:{ours_port}"], config.parent, entry,
               f"http://127.0.0.1:{ours_port}/events/{entry.stem}/", args.work_dir / f"serve-ours-{n}.log"),
        Server("plain", [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(plain_config),
                         "-a", f"127.0.0.1:{plain_port}"], plain_config.parent, plain_entry,
               f"http://127.0.0.1:{plain_port}/" + plain_entry.relative_to(plain_config.parent / "docs").with_suffix("").as_posix() + "/",
               args.work_dir / f"serve-plain-{n}.log"),
        Server("mkdocs+plugin", [sys.executable, "-m", "mkdocs", "serve", "-f", str(plugin_config),
                                 "-a", f"127.0.0.1:{plugin_port}"], plugin_project, plugin_entry,
               f"http://127.0.0.1:{plugin_port}/events/{entry.stem}/", args.work_dir / f"serve-mkdocs-plugin-{n}.log"),
    ]
    originals = {server.name: server.entry.read_text(encoding="utf-8") for server in servers}
    try:
        for server in servers:
            if not server.start(args.timeout):
                print(f"{server.name}: the server did not come up within {args.timeout:.0f} s; see {server.log}")
                return servers
            settle(server, args.timeout)
        for number in range(1, args.edits + 1):
            order = servers if number % 2 else list(reversed(servers))  # alternate who goes first
            for server in order:
                measure_edit(server, number, args.timeout)
        for server in servers:
            server.entry.write_text(originals[server.name], encoding="utf-8")
            settle(server, args.timeout)
        for server in servers:
            server.idle_percent = idle_percent(server, args.idle)
        for server in servers:
            server.peak_mb = server.peak_rss_mb()
    finally:
        for server in servers:
            server.entry.write_text(originals[server.name], encoding="utf-8")
            server.stop()
    return servers


def report(results: dict[int, list[Server]]) -> str:
    lines = ["| N events | contender | first page s | save→page median s | min–max s "
             "| save→reloaded page median s | CPU s per edit | idle % of a core | peak RSS MB |",
             "|---|---|---|---|---|---|---|---|---|"]
    ratios = []
    for n, servers in results.items():
        for server in servers:
            done = [d for d in server.delays if d is not None]
            span = f"{min(done):.2f}–{max(done):.2f}" if done else "–"
            timeouts = len(server.delays) - len(done)
            lines.append(f"| {n:,} | {server.name} | {_f(server.startup, 1)} | {_f(middle(done))}"
                         f"{f' ({timeouts} timeouts)' if timeouts else ''} | {span} | {_reloads(server)} "
                         f"| {_f(middle(server.cpu))} "
                         f"| {_f(server.idle_percent, 1)} | {_f(getattr(server, 'peak_mb', None), 0)} |")
        by_name = {s.name: s for s in servers}
        if "ours" in by_name and "plain" in by_name:
            ours = middle([d for d in by_name["ours"].delays if d is not None])
            plain = middle([d for d in by_name["plain"].delays if d is not None])
            ratios.append(f"{n:,} events: save→page ours/plain = {_f(ours / plain if plain else None)}, "
                          f"CPU per edit ours/plain = {_f(middle(by_name['ours'].cpu) / middle(by_name['plain'].cpu) if middle(by_name['plain'].cpu) else None)}")
    return "\n".join(lines + [""] + ratios)


def _reloads(server: Server) -> str:
    """Median of the browser's view; reloads that showed the old page are named."""
    told = [r for r in server.reloads if r is not None]
    if not told:
        return "– (no reload)"
    notes = [f"{server.stale_reloads} stale"] if server.stale_reloads else []
    if len(told) < len(server.reloads):
        notes.append(f"{len(server.reloads) - len(told)} never told")
    return _f(middle(told)) + (f" ({', '.join(notes)})" if notes else "")


def _f(value: float | None, digits: int = 2) -> str:
    return "–" if value is None or value != value else f"{value:.{digits}f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--edits", type=int, default=6)
    parser.add_argument("--idle", type=float, default=10.0, help="seconds of idle CPU measurement")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/timeline-bench"))
    args = parser.parse_args(argv)
    args.work_dir.mkdir(parents=True, exist_ok=True)
    # `kill` or `timeout` still stops the servers and restores the entries (the finally blocks run).
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(143))
    results = {}
    for n in [int(size) for size in args.sizes.split(",")]:
        results[n] = run_size(n, args)
        print(report({n: results[n]}), flush=True)
    print()
    print(f"load average at the end: {os.getloadavg()[0]:.2f} (2 cores, shared)")
    print(report(results))
    done = all(d is not None for servers in results.values() for s in servers for d in s.delays)
    return 0 if done else 1


if __name__ == "__main__":
    sys.exit(main())
