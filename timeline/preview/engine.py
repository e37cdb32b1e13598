"""The live preview's builds: one full build, then only what changed.

``Preview`` owns a folder of its own (made and removed by it) holding the
site exactly as ``timeline build`` would write it. The first build, and any
build after a change to ``mkdocs.yml``, the theme, or the editors' Markdown
pages (``index.md``, ``about.md``), is a full MkDocs build. After a change to
content files only, ``update`` re-reads those files (``ContentState``),
computes the page data again reusing every unchanged event's view, renders
the edited events' own pages first, then goes through every page of the site
with the render cache (``timeline.site.cache``), which renders a page only
when its arguments differ from its last rendering, and rewrites the exports,
index, sitemap and feeds when their bytes differ. Files no page makes any
more are removed. docs/preview.md explains the rules.

Invalid content never reaches the folder: the problems are kept (and shown
in the browser by the server) while the last good site stays served.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from timeline.build import run_mkdocs, template_problem
from timeline.content.problems import ContentError, Problem, errors
from timeline.output_paths import mark_site, normal_folder_mode
from timeline.preview.affected import units_to_look_at
from timeline.preview.content_state import ContentState
from timeline.site.cache import RenderCache
from timeline.site.render import SiteRenderer

log = logging.getLogger("timeline.preview")


class _Interrupted(Exception):
    """Newer changes arrived during an update."""


@dataclass
class BuildReport:
    """One build of the preview, for the log and the benchmarks."""

    kind: str  # "full", "update", "failed" or "unchanged"
    seconds: float
    rendered: int = 0
    reused: int = 0
    written: int = 0
    removed: int = 0
    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        if self.kind == "failed":
            return f"preview: {len(errors(self.problems))} problem(s); the last good site is still served"
        return (f"preview: {self.kind} build in {self.seconds:.2f} s ({self.rendered} pages rendered, "
                f"{self.reused} unchanged, {self.written} files written, {self.removed} removed)")


@dataclass
class _Document:
    """A page MkDocs converted (index.md, about.md): rendered again with the kept Markdown."""

    source: str
    url: str
    title: str
    body: str
    prefix: bytes  # what MkDocs' main.html puts around the timeline's HTML
    suffix: bytes


class Preview:
    """The site of one project, kept up to date in a folder this object owns."""

    def __init__(self, config_file: Path, interrupted: Callable[[], bool] | None = None) -> None:
        self.config_file = Path(config_file).resolve()
        self.site_dir = Path(tempfile.mkdtemp(prefix="timeline-preview-"))  # ours: removed by close()
        # Asked between pages: True when newer changes wait, so this update stops
        # (after the edited pages) and the next one, with all changes, starts.
        self.interrupted = interrupted or (lambda: False)
        # Called once the edited events' own pages are written, before the rest
        # of an update (``mkdocs serve`` lets the browsers have them then).
        self.first_pages_written: Callable[[], None] = lambda: None
        self.problems: list[Problem] = []  # of the last attempt; errors mean the site is stale
        self.version = 0  # bumped whenever what the browser should show changed
        self.changed = threading.Condition()  # held when reading or bumping the versions below
        self._page_versions: dict[str, int] = {}  # a file of the site -> the version that changed it
        self._everything_version = 0  # the last version every page changed in (full build, problems)
        self._unpublished: set[str] = set()  # files written or removed since the last version
        self.state = None
        self.renderer = None
        self._cache = None
        self._documents: dict[str, _Document] = {}
        self._produced: set[str] = set()
        self._digests: dict[str, bytes] = {}
        self._mkdocs_pages: list[str] = []
        self._watched_roots: tuple[Path, ...] = ()

    # -- what is watched ------------------------------------------------------------------

    def watched(self) -> list[Path]:
        """The folders and files whose changes matter: content, theme, mkdocs.yml."""
        roots = [self.config_file]
        if self.state is not None:
            roots.append(self.state.content_dir)
        if self.renderer is not None:
            roots.append(self.renderer.options.theme_dir)
        return roots

    # -- builds ---------------------------------------------------------------------------

    def full_build(self) -> BuildReport:
        """Load everything and build the whole site with MkDocs."""
        started = time.perf_counter()
        try:
            state = ContentState(self.config_file)
        except ContentError as error:  # mkdocs.yml itself unreadable
            return self._failed(error.problems, started)
        self.state = state
        if errors(state.problems):
            return self._failed(state.problems, started)
        cache = RenderCache()
        staging = Path(tempfile.mkdtemp(prefix=".preview-new-", dir=self.site_dir.parent))
        os.chmod(staging, normal_folder_mode())
        mark_site(staging)  # the same folder `timeline build` writes, marker included
        try:
            plugin = run_mkdocs(self.config_file, staging, (state.content, state.problems), render_cache=cache)
        except ContentError as error:
            shutil.rmtree(staging, ignore_errors=True)
            return self._failed(error.problems, started)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        self._cache, self.renderer = cache, plugin.renderer
        self._documents = self._documents_of(plugin, staging)
        self._mkdocs_pages = list(plugin.mkdocs_pages)
        self._produced = set(plugin.written) | {"sitemap.xml"}
        self._digests = {}
        self._swap_in(staging)
        cache.finish_build()
        report = BuildReport("full", time.perf_counter() - started, cache.rendered, 0,
                             sum(len(files) for _, _, files in os.walk(self.site_dir)))
        self._succeeded(state.problems, everything=True)
        return report

    def update(self, paths: Iterable[Path]) -> BuildReport:
        """Bring the site up to date after ``paths`` changed (created, modified, deleted or moved)."""
        started = time.perf_counter()
        paths = {Path(os.path.abspath(p)) for p in paths}
        if self.state is None or self.renderer is None or self._documents is None \
                or not all(self.state.owns(path) for path in paths):
            return self.full_build()
        change = self.state.apply(paths)
        if errors(self.state.problems):
            return self._failed(self.state.problems, started)
        cache = self._cache
        cache.start_build()
        # No cyclic collection before the edited pages are out: one pass over
        # the hundreds of thousands of objects of a large site costs more than
        # the pages themselves (turned back on once they are written).
        collecting = gc.isenabled()
        gc.disable()
        try:
            renderer = SiteRenderer(self.state.content, self.renderer.options, cache=cache, previous=self.renderer.data)
            only = units_to_look_at(self.renderer, renderer)
            written, produced = self._write_all(renderer, change.entry_ids, only, collecting)
        except _Interrupted:
            return BuildReport("interrupted", time.perf_counter() - started, cache.rendered, cache.reused)
        except Exception as error:  # a template error on new content: shown like a content problem
            return self._failed([template_problem(error)], started)
        finally:
            if collecting:
                gc.enable()
        self.renderer = renderer
        removed = sorted(self._produced - produced)
        for relative in removed:
            self._digests.pop(relative, None)  # made again later, it must be written again
            target = self.site_dir / relative
            self._unpublished.add(relative)
            if target.is_file():
                target.unlink()
                self._prune_folders(target.parent)
        self._produced = produced
        cache.finish_build()
        self._succeeded(self.state.problems)
        return BuildReport("update", time.perf_counter() - started, cache.rendered, cache.reused, written, len(removed))

    def close(self) -> None:
        """Remove the folder this object made (never one it was given)."""
        if self.site_dir.exists():
            shutil.rmtree(self.site_dir, ignore_errors=True)

    # -- helpers --------------------------------------------------------------------------

    def _write_all(self, renderer, first_ids: set[str], only: set | None = None,  # noqa: ANN001
                   collecting: bool = False) -> tuple[int, set[str]]:
        """Write every file whose bytes may have changed, the edited events' pages first;
        ``only``: the units of pages to look at (None: all)."""
        produced: set[str] = set()
        written = 0
        for event_id in sorted(first_ids):
            view = renderer.data.by_id.get(event_id)
            if view is not None:
                written += self._put(*renderer.event_page(view))
        if first_ids:
            self._publish()  # the edited pages are there: their browsers reload now, not after the listings
            self.first_pages_written()
        if collecting:
            gc.enable()
        for path, data in renderer.outputs(only, self.renderer.units):
            produced.add(path)
            written += self._put(path, data)
            if self.interrupted():
                raise _Interrupted
        for path, data in renderer.exports():
            produced.add(path)
            written += self._put(path, data)
        for dest, document in self._documents.items():
            if document.source == "index.md":
                html = renderer.render_index(document.body)
            else:
                html = renderer.render_document(document.url, document.title, document.body)
            written += self._put(dest, document.prefix + html.encode("utf-8") + document.suffix)
        produced.add("sitemap.xml")
        written += self._put("sitemap.xml", renderer.sitemap(self._mkdocs_pages))
        return written, produced

    def _put(self, relative: str, data: bytes | None) -> int:
        """Write one file unless unchanged; 1 if written."""
        if data is None:
            return 0
        fingerprint = hashlib.blake2b(data, digest_size=16).digest()
        known = self._digests.get(relative)
        if known == fingerprint:
            return 0
        self._digests[relative] = fingerprint
        target = self.site_dir / relative
        if known is None and _holds(target, data):  # the full build wrote it: reading is cheaper than replacing
            return 0
        self._unpublished.add(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.preview-tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)  # a page is never served half-written
        return 1

    def _prune_folders(self, folder: Path) -> None:
        while folder != self.site_dir and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent

    def _documents_of(self, plugin, staging: Path) -> dict[str, _Document]:  # noqa: ANN001
        """The MkDocs pages and what MkDocs wrapped around the timeline's HTML in each."""
        documents: dict[str, _Document] = {}
        for dest, (source, url, title, body, html) in plugin.documents.items():
            written = (staging / dest).read_bytes()
            inner = html.encode("utf-8")
            at = written.find(inner)
            if at < 0 or written.find(inner, at + 1) >= 0:
                return None  # the theme's main.html changes the HTML: every update is a full build
            documents[dest] = _Document(source, url, title, body, written[:at], written[at + len(inner):])
        return documents

    def _swap_in(self, staging: Path) -> None:
        """Replace the served folder's contents with a finished build."""
        old = self.site_dir.with_name(self.site_dir.name + ".old-preview")
        if self.site_dir.exists():
            os.replace(self.site_dir, old)
        os.replace(staging, self.site_dir)
        shutil.rmtree(old, ignore_errors=True)

    def _failed(self, problems: list[Problem], started: float) -> BuildReport:
        self.problems = sorted(problems)
        self._publish(everything=True)  # every page shows the problems
        return BuildReport("failed", time.perf_counter() - started, problems=self.problems)

    def _succeeded(self, problems: list[Problem], everything: bool = False) -> None:
        had_errors = bool(errors(self.problems))
        self.problems = [p for p in problems if p.severity != "error"]
        self._publish(everything=everything or had_errors)  # a panel of problems leaves every page

    def _publish(self, everything: bool = False) -> None:
        """A new version: the files written since the last one, or every page, changed in it."""
        with self.changed:
            self.version += 1
            for relative in self._unpublished:
                self._page_versions[relative] = self.version
            self._unpublished.clear()
            if everything:
                self._everything_version = self.version
            self.changed.notify_all()

    def changed_since(self, relative: str, seen: int) -> bool:
        """True if the site file ``relative`` (or every page) changed in a version after ``seen``;
        call with ``changed`` held."""
        return max(self._page_versions.get(relative, 0), self._everything_version) > seen


def _holds(target: Path, data: bytes) -> bool:
    """True if ``target`` is a file holding exactly ``data``."""
    try:
        return target.stat().st_size == len(data) and target.read_bytes() == data
    except OSError:
        return False
