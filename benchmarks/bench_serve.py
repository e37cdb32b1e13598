"""Live-preview benchmark: seconds from saving an entry to the rebuilt page (issue 7).

Generates a corpus (1,000 events by default), starts ``timeline serve`` on
127.0.0.1 at a free port, waits until it answers, then, ``--repeat`` times,
rewrites one entry's title and polls that event's page until the new title
appears. Reports each delay and the median. Every loop is bounded; the
server (a process group this script started) is stopped at the end, and the
entry is restored.

    python benchmarks/bench_serve.py [--events 1000] [--repeat 3] [--timeout 180]
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.common import corpus, free_port, middle, now  # noqa: E402

POLL_SECONDS = 0.05
TITLE_LINE = re.compile(r"^title: .*$", re.MULTILINE)


def fetch(url: str) -> str | None:
    """The page's text, or None while the server is not answering (or answers an error)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def wait_until(condition, timeout: float) -> float | None:  # noqa: ANN001 - a zero-argument callable
    """Seconds until ``condition()`` is true, or None after ``timeout``."""
    start = now()
    while now() - start < timeout:
        if condition():
            return now() - start
        time.sleep(POLL_SECONDS)
    return None


def pick_entry(config: Path) -> Path:
    """The first published entry, in sorted path order."""
    for path in sorted((config.parent / "content" / "events").rglob("*.md")):
        if "review: rejected" not in path.read_text(encoding="utf-8"):
            return path
    raise SystemExit("the corpus has no published entry")


def start_server(config: Path, port: int, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "timeline", "serve", "--config", str(config), "--dev-addr", f"127.0.0.1:{port}"]
    with log.open("wb") as output:
        return subprocess.Popen(command, cwd=config.parent, stdout=output, stderr=subprocess.STDOUT,
                                start_new_session=True)


def stop_server(server: subprocess.Popen) -> None:
    """Stop the server's own process group (started by us), politely first."""
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGINT)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=15)


def measure_edits(entry: Path, page_url: str, repeat: int, timeout: float) -> list[float | None]:
    original = entry.read_text(encoding="utf-8")
    delays: list[float | None] = []
    try:
        for number in range(1, repeat + 1):
            marker = f"عنوان معدل للقياس رقم {number}"
            edited = TITLE_LINE.sub(f"title: {marker}", original, count=1)
            started = now()
            entry.write_text(edited, encoding="utf-8")
            seen = wait_until(lambda: marker in (fetch(page_url) or ""), timeout)
            delays.append(None if seen is None else now() - started)
            time.sleep(1.0)  # let the watcher settle before the next save
    finally:
        entry.write_text(original, encoding="utf-8")
    return delays


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=180, help="seconds allowed for startup and for each rebuild")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/timeline-bench"))
    args = parser.parse_args(argv)
    args.work_dir.mkdir(parents=True, exist_ok=True)
    config = corpus(args.events, args.work_dir, args.seed)
    entry = pick_entry(config)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    page_url = f"{base}events/{entry.stem}/"
    log = args.work_dir / f"serve-{args.events}.log"
    server = start_server(config, port, log)
    try:
        started = wait_until(lambda: server.poll() is not None or fetch(page_url) is not None, args.timeout)
        if started is None or server.poll() is not None:
            print(f"the server did not come up within {args.timeout:.0f} s; see {log}")
            return 1
        print(f"timeline serve, {args.events} events: first page served after {started:.1f} s (port {port})")
        delays = measure_edits(entry, page_url, args.repeat, args.timeout)
    finally:
        stop_server(server)
    shown = ", ".join("timeout" if d is None else f"{d:.2f}" for d in delays)
    done = [d for d in delays if d is not None]
    print(f"save → rebuilt page ({entry.stem}): {shown} s; median {middle(done):.2f} s")
    return 0 if len(done) == len(delays) else 1


if __name__ == "__main__":
    sys.exit(main())
