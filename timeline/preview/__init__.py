"""The live preview (``timeline serve``): content kept in memory, only what changed rebuilt.

See ``docs/preview.md``: ``content_state`` re-reads changed files, ``engine``
decides what to render and write, ``watch`` turns file events into batches,
``server`` serves the folder with a reload signal and the problems.
"""

from __future__ import annotations

import queue
import signal
import threading
from pathlib import Path
from typing import Callable

from timeline.preview.engine import BuildReport, Preview
from timeline.preview.server import PreviewServer, serve_in_thread
from timeline.preview.watch import STOP, Watcher, next_batch

__all__ = ["BuildReport", "Preview", "run_preview"]


def run_preview(config_file: Path, host: str, port: int, echo: Callable[[str], None],
                stop: threading.Event | None = None) -> None:
    """Build, serve and rebuild on every change until ``stop`` is set or Ctrl-C."""
    changes: queue.Queue = queue.Queue()
    preview = Preview(config_file, interrupted=lambda: not changes.empty())
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():  # `kill` stops it as cleanly as Ctrl-C
        signal.signal(signal.SIGTERM, lambda number, frame: stop.set())
    server = watcher = None
    try:
        report = preview.full_build()
        _echo_report(report, preview, echo)
        server = PreviewServer(preview, (host, port))
        serve_in_thread(server)
        watcher = Watcher(preview.watched(), changes)
        watcher.start()
        echo(f"serving on http://{host}:{server.server_address[1]}/ (Ctrl-C to stop)")
        waiter = threading.Thread(target=lambda: (stop.wait(), changes.put(STOP)), daemon=True)
        waiter.start()
        while not stop.is_set():
            batch = next_batch(changes)
            if STOP in batch:
                break
            roots = preview.watched()
            report = preview.update(batch)
            _echo_report(report, preview, echo)
            if preview.watched() != roots:  # the theme folder moved in mkdocs.yml
                watcher.stop()
                watcher = Watcher(preview.watched(), changes)
                watcher.start()
    except KeyboardInterrupt:
        pass
    finally:
        if watcher is not None:
            watcher.stop()
        if server is not None:
            server.shutdown()
            server.server_close()
        preview.close()


def _echo_report(report: BuildReport, preview: Preview, echo: Callable[[str], None]) -> None:
    for problem in preview.problems:
        echo(str(problem))
    echo(str(report))
