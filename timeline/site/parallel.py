"""A build's pages rendered in several processes (issue 15: the second core).

After the page data is computed, ``write_pages`` forks workers that share
the pages out by unit (``SiteRenderer.outputs``: an event's page, a list's
pages, a month's…), round robin, and write them into the site folder; the
parent waits, then takes back the URLs each wrote (for the sitemap). Every
page is rendered by the same code from the same data whichever process
renders it, so the site is byte for byte the one-process build's (tested in
``tests/test_site_parallel.py``).

Forking shares the page data without copying or pickling it. If a worker
fails, the parent renders everything itself, so the error is raised as in a
one-process build (with its template file and line). Without ``os.fork``
(Windows) or with one process, nothing is forked.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
from pathlib import Path
from typing import Any, Callable, Iterable

AUTOMATIC_FROM = 5000  # published events from which `processes: 0` (automatic) forks


def processes_for(configured: int, events: int) -> int:
    """The number of rendering processes: as configured, or 0 for automatic
    (two above AUTOMATIC_FROM events on a machine of two cores or more)."""
    if configured:
        return configured
    return min(2, os.cpu_count() or 1) if events >= AUTOMATIC_FROM else 1


Writer = Callable[[Path, Iterable[tuple[str, Any]]], None]


def write_pages(renderer: Any, site_dir: Path, processes: int, write: Writer) -> list[str]:
    """Write ``renderer.outputs()`` into ``site_dir`` with ``write`` (``plugin.write_files``),
    in ``processes`` processes; the paths written."""
    if processes <= 1 or not hasattr(os, "fork"):
        return _write_share(renderer, site_dir, None, write)
    sys.stdout.flush()
    sys.stderr.flush()
    freezing = gc.get_freeze_count() == 0  # the plugin may have frozen the build's objects already
    if freezing:
        gc.freeze()  # the workers then never write to the shared objects' pages to collect them
    workers = []
    try:
        for number in range(processes):
            reader, writer = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker
                os.close(reader)
                _work(renderer, site_dir, (number, processes), write, writer)
            os.close(writer)
            workers.append((pid, reader))
    finally:
        if freezing:
            gc.unfreeze()
    results = [_collect(pid, reader) for pid, reader in workers]
    if any(result is None for result in results):
        return _write_share(renderer, site_dir, None, write)
    written: list[str] = []
    for paths, pages in results:
        written += paths
        renderer.pages += pages
    return written


def _work(renderer: Any, site_dir: Path, share: tuple[int, int], write: Writer, pipe: int) -> None:
    """In the worker: render and write one share, send back what it wrote, exit."""
    status = 0
    try:
        paths = _write_share(renderer, site_dir, share, write)
        payload = pickle.dumps((paths, renderer.pages))
    except BaseException:  # noqa: BLE001 - the parent renders again and raises it properly
        payload, status = b"", 1
    try:
        with os.fdopen(pipe, "wb") as out:
            out.write(payload)
    finally:
        os._exit(status)  # never back into the parent's MkDocs build


def _collect(pid: int, reader: int) -> tuple[list[str], list[str]] | None:
    with os.fdopen(reader, "rb") as source:
        payload = source.read()
    _, status = os.waitpid(pid, 0)
    return pickle.loads(payload) if status == 0 and payload else None


def _write_share(renderer: Any, site_dir: Path, share: tuple[int, int] | None, write: Writer) -> list[str]:
    paths: list[str] = []

    def noted(files: Iterable[tuple[str, Any]]) -> Iterable[tuple[str, Any]]:
        for path, data in files:
            paths.append(path)
            yield path, data

    write(site_dir, noted(renderer.outputs(share=share)))
    return paths
