"""`mkdocs serve` with the timeline plugin: a saved entry is rebuilt and served, incrementally.

MkDocs' own builder makes a new configuration and plugin instance for every
rebuild; the plugin's ``on_serve`` watches the content and theme folders and
hands the server the preview of `timeline serve` (timeline/preview/mkdocs_serve.py),
so an edited entry is an update of the pages it reaches, not a full build,
and MkDocs' polling watches are replaced by the preview's event-based watcher.
An open page is told to reload once its edited page is written (MkDocs'
``/livereload/`` request), and invalid content shows its problems on the page.
"""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.make_corpus import make_corpus  # noqa: E402

PATIENCE = 240  # seconds: a loaded machine, not a timing


def page(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def wait_for(url: str, wanted: str, process: subprocess.Popen) -> bool:
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline and process.poll() is None:
        if wanted in (page(url) or ""):
            return True
        time.sleep(0.3)
    return False


@contextmanager
def mkdocs_serving(config: Path, *options: str, log: Path | None = None) -> Iterator[tuple[int, subprocess.Popen]]:
    """``mkdocs serve`` of ``config`` on a free port, stopped (SIGINT, then kill) at the end."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    stderr = log.open("w") if log else subprocess.DEVNULL
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *options, "-f", str(config),
                                "-a", f"127.0.0.1:{port}"], cwd=config.parent, stdout=subprocess.DEVNULL,
                               stderr=stderr, start_new_session=True)
    try:
        yield port, process
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_mkdocs_serve_rebuilds_an_edited_entry(tmp_path: Path) -> None:
    config = make_corpus(20, 4, tmp_path / "project", seed=1)
    entry = sorted((config.parent / "content" / "events").rglob("*.md"))[3]
    log = tmp_path / "serve.log"
    with mkdocs_serving(config, log=log) as (port, process):
        url = f"http://127.0.0.1:{port}/events/{entry.stem}/"
        title = re.search(r"^title: (.*)$", entry.read_text(encoding="utf-8"), re.MULTILINE).group(1)
        assert wait_for(url, title, process), "the entry's page was never served"
        epoch = re.search(r"livereload\((\d+), \d+\)", page(url) or "")
        assert epoch, "the page has no reload script: the browser would never reload"
        told: list[int] = []
        waiting = threading.Thread(target=lambda: told.append(int(page(
            f"http://127.0.0.1:{port}/livereload/{epoch[1]}/1") or "0")))
        waiting.start()
        new_title = "عنوان عدل أثناء mkdocs serve"
        entry.write_text(entry.read_text(encoding="utf-8").replace(f"title: {title}", f"title: {new_title}", 1),
                         encoding="utf-8")
        waiting.join(PATIENCE)
        assert told and told[0] > int(epoch[1]), "the browser was never told to reload"
        assert new_title in (page(url) or ""), "the browser was told to reload before its page was ready"
        deadline = time.monotonic() + PATIENCE  # the rest of the update goes on after the page is out
        while "preview: update build" not in log.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.3)
        said = log.read_text(encoding="utf-8")
        assert "preview: update build" in said, said[-2000:]  # the edit was an update, not a full build
        theme_css = config.parent / "theme" / "assets" / "timeline.css"
        theme_css.write_text(theme_css.read_text(encoding="utf-8") + "\n/* edited while serving */\n", encoding="utf-8")
        assert wait_for(f"http://127.0.0.1:{port}/assets/timeline.css", "edited while serving", process), \
            "a theme change was not watched"
        good = entry.read_text(encoding="utf-8")
        entry.write_text(re.sub(r"^date: .*$", "date: '2018-13-45'", good, count=1, flags=re.MULTILINE),
                         encoding="utf-8")
        assert wait_for(url, f"{entry}:", process), "the problem is not shown in the browser"
        assert new_title in (page(url) or ""), "the last good page is not served under the problems"
        entry.write_text(good, encoding="utf-8")
        deadline = time.monotonic() + PATIENCE
        while "timeline-preview-problems" in (page(url) or "") and time.monotonic() < deadline:
            time.sleep(0.3)
        assert "timeline-preview-problems" not in (page(url) or ""), "the fixed problem is still shown"


def test_mkdocs_serve_without_live_reload_serves_every_page(tmp_path: Path) -> None:
    """Without live reload MkDocs never calls on_serve: its first build must write the timeline's pages."""
    config = make_corpus(12, 3, tmp_path / "project", seed=2)
    entry = sorted((config.parent / "content" / "events").rglob("*.md"))[2]
    with mkdocs_serving(config, "--no-livereload") as (port, process):
        title = re.search(r"^title: (.*)$", entry.read_text(encoding="utf-8"), re.MULTILINE).group(1)
        assert wait_for(f"http://127.0.0.1:{port}/events/{entry.stem}/", title, process), "the entry's page is missing"
