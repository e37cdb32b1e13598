"""``mkdocs serve`` through the plugin, incremental like ``timeline serve``.

MkDocs' server rebuilds by calling its ``builder`` with no word of what
changed, and its builder loads a new configuration and a new plugin instance
and builds everything again. The plugin's ``on_serve`` hands the server to
``serve_incrementally``: a ``Preview`` (the engine of ``timeline serve``)
keeps the content in memory in a folder of its own, an event-based watcher
of our own records which files changed, and the server's builder and root
become the preview's. MkDocs' own watches poll every file
twice a second (a fifth of a core at 10,000 events, and up to half a second
late), so they are replaced by ours when the server has the attributes of
MkDocs 1.6's ``LiveReloadServer`` (``_rebuild_cond``, ``_want_rebuild``,
``_watched_paths``): our watcher then says both *when* and *what*, and MkDocs
still reloads the browsers after each build. Without them MkDocs' polling
says when and ours what; a change MkDocs saw and we did not (an editor's swap
file, which never changes the site) builds nothing.

Problems in content are logged as ``path:line: field: message``, the last
good site stays served, and every page shows them above it, as in
``timeline serve``.
"""

from __future__ import annotations

import logging
import os
import queue
from pathlib import Path
from typing import Callable

from mkdocs.livereload import LiveReloadServer, _timestamp

from timeline.content.problems import errors
from timeline.preview.engine import BuildReport, Preview
from timeline.preview.server import before_body_end, problems_panel
from timeline.preview.watch import Watcher

log = logging.getLogger("mkdocs.plugins.timeline")
OUR_WATCHER_LAG = 0.5  # seconds: MkDocs polls every 0.5 s, inotify/FSEvents tell at once


class _Changes(queue.Queue):
    """The watcher's queue; every change also wakes the server's build loop."""

    def __init__(self, wake: Callable[[], None]) -> None:
        super().__init__()
        self.wake = wake

    def put(self, item: object, block: bool = True, timeout: float | None = None) -> None:
        super().put(item, block, timeout)
        self.wake()


class IncrementalServe:
    """The preview, its watcher and the server's builder that applies their changes."""

    def __init__(self, config_file: Path, wake: Callable[[], None] = lambda: None) -> None:
        self.preview = Preview(config_file)
        self.changes: queue.Queue = _Changes(wake)
        self.watcher: Watcher | None = None

    def start(self) -> BuildReport:
        report = self.preview.full_build()
        self._log(report)
        self._watch()
        return report

    def build(self, config: object = None) -> None:
        """MkDocs' builder: apply what changed since the last call (all of it, as one batch)."""
        batch = self._take_changes()
        if not batch:
            return
        roots = self.preview.watched()
        self._log(self.preview.update(batch))
        if self.preview.watched() != roots:  # the theme folder moved in mkdocs.yml
            self._watch()

    def close(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None
        self.preview.close()

    def _take_changes(self) -> set[Path]:
        """What changed: MkDocs' poller is slower than our watcher, but give ours
        OUR_WATCHER_LAG to catch up before deciding nothing did."""
        try:
            batch = {self.changes.get(timeout=OUR_WATCHER_LAG)}
        except queue.Empty:
            return set()
        while True:
            try:
                batch.add(self.changes.get_nowait())
            except queue.Empty:
                return batch

    def _watch(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
        self.watcher = Watcher(self.preview.watched(), self.changes)
        self.watcher.start()

    def _log(self, report: BuildReport) -> None:
        for problem in self.preview.problems:
            (log.error if problem.severity == "error" else log.warning)(str(problem))
        log.info(str(report))


# What of MkDocs 1.6's LiveReloadServer the take-over relies on (pinned by tests/test_mkdocs_serve.py).
BUILD_LOOP_ATTRIBUTES = ("_rebuild_cond", "_want_rebuild", "_watched_paths")
EPOCH_ATTRIBUTES = ("_epoch_cond", "_visible_epoch", "_wanted_epoch")


def serve_incrementally(server: LiveReloadServer, config_file: Path) -> IncrementalServe | None:
    """Make ``server`` serve the preview's folder and rebuild through it; None
    (MkDocs' own full rebuilds kept) when the first build fails."""
    takes_over = all(hasattr(server, name) for name in BUILD_LOOP_ATTRIBUTES)
    serving = IncrementalServe(config_file, wake=(lambda: _wake(server)) if takes_over else (lambda: None))
    if serving.start().kind == "failed":
        serving.close()
        log.warning("timeline: the incremental preview could not start; every change is a full MkDocs build")
        return None
    server.builder = serving.build
    server.root = str(serving.preview.site_dir)
    if takes_over:
        server.build_delay = 0  # our watcher already made one batch of a burst of events (20 ms)
        # MkDocs injects its reload script only while it watches something: it keeps
        # polling mkdocs.yml alone (one file; ours watches it too).
        keep = os.path.abspath(config_file)
        for path in list(server._watched_paths):
            while path in server._watched_paths and path != keep:
                server.unwatch(path)
        if keep not in server._watched_paths:
            server.watch(keep)
    if all(hasattr(server, name) for name in EPOCH_ATTRIBUTES):
        server.builder = _publishing_early(server, serving)
    if hasattr(server, "_inject_js_into_html"):
        server._inject_js_into_html = _showing_problems(server._inject_js_into_html, serving.preview)
    server.error_handler = lambda code: _error_page(serving.preview.site_dir, code)
    return serving


def _publishing_early(server: LiveReloadServer, serving: IncrementalServe) -> Callable[..., None]:
    """A builder that lets the browsers have the edited pages as soon as they are
    written, then once more when the rest of the update (listings, months) is.
    MkDocs' reload signal is one for all pages, so an open page reloads twice on
    an edit; ``timeline serve`` reloads each page once, when its own file changed."""
    published: list[bool] = []

    def early() -> None:
        published.append(True)
        _publish(server)

    def build(config: object = None) -> None:
        published.clear()
        serving.build(config)
        if published:  # a second version; MkDocs' build loop publishes it when we return
            with server._epoch_cond:
                server._wanted_epoch = max(_timestamp(), server._wanted_epoch + 1)

    serving.preview.first_pages_written = early
    return build


def _showing_problems(inject: Callable[[bytes, int], bytes], preview: Preview) -> Callable[[bytes, int], bytes]:
    """MkDocs' script injection, plus the panel of problems ``timeline serve`` shows
    above the last good page while the content is invalid."""
    def inject_both(content: bytes, epoch: int) -> bytes:
        content = inject(content, epoch)
        if not errors(preview.problems):
            return content
        return before_body_end(content, problems_panel(preview.problems).encode("utf-8"))

    return inject_both


def _wake(server: LiveReloadServer) -> None:
    """What MkDocs' own watch callback does: ask its build loop for a build."""
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()


def _publish(server: LiveReloadServer) -> None:
    """What MkDocs' build loop does once its builder returns, done as soon as the
    edited pages are written: requests stop waiting and the browsers reload.
    Every file is renamed into place whole, so the rest of the update is
    served page by page as it is written, never half a page."""
    with server._epoch_cond:
        server._visible_epoch = server._wanted_epoch
        server._epoch_cond.notify_all()


def _error_page(site_dir: Path, code: int) -> bytes | None:
    page = site_dir / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None
