"""Watching content, theme and mkdocs.yml with the system's file events.

``watchdog`` uses inotify on Linux (FSEvents, ReadDirectoryChangesW
elsewhere): the preview sleeps until a file changes, and uses no CPU while
nothing does. Changes arriving within ``QUIET_SECONDS`` of each other (an
editor writing a temporary file and moving it over the entry) become one
batch.
"""

from __future__ import annotations

import queue
from pathlib import Path
from typing import Callable

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

QUIET_SECONDS = 0.02
STOP = Path("\x00stop")


class _Collector(FileSystemEventHandler):
    def __init__(self, changes: queue.Queue, wanted: Callable[[Path], bool]) -> None:
        self.changes = changes
        self.wanted = wanted

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        if event.is_directory and event.event_type == "modified":
            return  # a file in it changed: that file's own event follows
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if raw:
                path = Path(raw if isinstance(raw, str) else raw.decode())
                if self.wanted(path):
                    self.changes.put(path)


def is_editor_noise(path: Path) -> bool:
    """Hidden files, backups and editors' swap files never change the site."""
    name = path.name
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp"))


class Watcher:
    """Puts every changed path under ``roots`` on ``changes``."""

    def __init__(self, roots: list[Path], changes: queue.Queue) -> None:
        self.changes = changes
        self.observer = Observer()
        files = {root for root in roots if root.is_file()}
        folders = [root for root in roots if root.is_dir()]
        wanted = lambda path: not is_editor_noise(path) and (  # noqa: E731
            path in files or any(_within(path, folder) for folder in folders))
        handler = _Collector(changes, wanted)
        for folder in folders:
            self.observer.schedule(handler, str(folder), recursive=True)
        for parent in {file.parent for file in files} - set(folders):
            self.observer.schedule(handler, str(parent), recursive=False)

    def start(self) -> None:
        self.observer.start()

    def stop(self) -> None:
        self.observer.stop()
        self.observer.join(timeout=5)


def next_batch(changes: queue.Queue) -> set[Path]:
    """Block until a change (no timeout: no polling), then take all that follow within QUIET_SECONDS."""
    batch = {changes.get()}
    while True:
        try:
            batch.add(changes.get(timeout=QUIET_SECONDS))
        except queue.Empty:
            return batch


def _within(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True
