"""The MkDocs plugin: a thin adapter between MkDocs and ``timeline.site``.

MkDocs reads ``mkdocs.yml``, converts the editors' pages (``index.md``,
``about.md``) and copies the theme's assets; the plugin

- ``on_config``: loads and validates all content (a build never proceeds
  with invalid content; ``content.load.load_content`` hands back what the
  command has loaded already), and prepares the site renderer;
- ``on_files``: takes articles, events, outlets.yml and gazetteer.yml away
  from MkDocs, so they never become pages at the wrong URLs or enter the nav,
  and adds the data exports (feed.xml, timeline.json, timeline.csv, search
  index) as generated files that pages may link to;
- ``on_page_context``: renders index.md and about.md through the timeline
  templates (MkDocs' ``main.html`` only prints the result);
- ``on_post_build``: writes every generated page and export;
- ``on_startup``/``on_serve``: under ``mkdocs serve`` the first build leaves the
  timeline's pages to the incremental preview, which watches the content and
  theme folders (docs/preview.md).

All the work lives in ``timeline.site``, which does not import MkDocs.
"""

from __future__ import annotations

import gc
import logging
import os
import posixpath
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

import click
import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from timeline.config import TimelineConfig, categories_from, content_dir_of
from timeline.content.load import load_content
from timeline.content.model import Content
from timeline.content.problems import errors
from timeline.site.cache import RenderCache
from timeline.site.markup import SafeMarkdownExtension
from timeline.site.parallel import processes_for, write_pages
from timeline.site.render import SiteOptions, SiteRenderer
from timeline.urlpolicy import site_url_problems

if TYPE_CHECKING:  # for the hooks' annotations only: the live-reload server imports watchdog (27 ms), which `timeline check` never needs
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.utils.templates import TemplateContext

log = logging.getLogger("mkdocs.plugins.timeline")

CONTENT_FILES = ("outlets.yml", "gazetteer.yml", "dismissed-suggestions.yml")
CONTENT_FOLDERS = ("articles/", "events/")


def write_files(site_dir: Path, files: Iterable[tuple[str, bytes | Iterable[bytes] | None]]) -> None:
    """Write (relative path, bytes or pieces of bytes) pairs, creating each folder once.

    Most pages sit in a folder of their own (``events/<id>/index.html``), so
    a build makes tens of thousands of folders: each is made once with one
    ``mkdir`` (its parent is known to exist: made before, or found), and every
    path is opened relative to the site folder's descriptor, so the kernel
    never walks the site folder's absolute path again (measured at 50,000
    events: ``os.makedirs`` asked twice per folder)."""
    made: set[str] = {""}
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    relative_open = os.open in os.supports_dir_fd and os.mkdir in os.supports_dir_fd
    os.makedirs(site_dir, exist_ok=True)  # `mkdocs build` makes it only later
    root = os.open(site_dir, os.O_RDONLY) if relative_open else None
    base = "" if relative_open else os.fspath(site_dir)
    try:
        for relative, data in files:
            if data is None:  # unchanged since the last build (the preview's cache), already on disk
                continue
            folder = posixpath.dirname(relative)
            if folder not in made:
                _make_folder(folder, made, root, base)
            descriptor = os.open(os.path.join(base, relative), flags, 0o666, dir_fd=root)
            try:
                for chunk in (data,) if isinstance(data, bytes) else data:
                    view = memoryview(chunk)
                    while view:
                        view = view[os.write(descriptor, view):]
            finally:
                os.close(descriptor)
    finally:
        if root is not None:
            os.close(root)


def _make_folder(folder: str, made: set[str], root: int | None, base: str) -> None:
    """``folder`` (relative) and any missing parent, each asked for once."""
    parent = posixpath.dirname(folder)
    if parent not in made:
        _make_folder(parent, made, root, base)
    try:
        os.mkdir(os.path.join(base, folder), dir_fd=root)
    except FileExistsError:
        pass
    made.add(folder)


# The preview's RenderCache for the build running now (``rendering_with``), or None.
_RENDER_CACHE: ContextVar[RenderCache | None] = ContextVar("timeline_render_cache", default=None)


@contextmanager
def rendering_with(cache: RenderCache | None) -> Iterator[None]:
    """Builds in this block render through ``cache`` (kept by `timeline serve` across builds)."""
    token = _RENDER_CACHE.set(cache)
    try:
        yield
    finally:
        _RENDER_CACHE.reset(token)


class TimelinePlugin(BasePlugin[TimelineConfig]):
    """Builds the timeline pages, listings and exports from ``content/``."""

    def __init__(self) -> None:
        self.content: Content | None = None
        self.renderer: SiteRenderer | None = None
        self.content_dir: Path | None = None
        self.documents: dict[str, tuple[str, str, str, str, str]] = {}
        self.written: list[str] = []
        self.mkdocs_pages: list[str] = []
        self.notes: list[str] = []  # for the user, once the build is done (timeline build prints them)
        self._documentation_files: list[File] = []
        self._mkdocs_html: set[str] = set()  # HTML files MkDocs writes or copies (pages, static .html)
        self.html_files = 0  # HTML files in the site after the build (counted, not walked)
        self._frozen = False
        self._serving = None  # the incremental preview under `mkdocs serve` (on_serve)
        # `mkdocs serve`'s first build: the preview builds the site again at once
        # (on_serve) and the server serves the preview's folder, so this one
        # leaves out the timeline's pages and exports (half the startup at 10,000 events).
        self._preview_builds_next = False

    def on_startup(self, command: str, dirty: bool) -> None:
        # MkDocs calls on_serve only with live reload on (its command line's `livereload`).
        invoked = click.get_current_context(silent=True)
        self._preview_builds_next = command == "serve" and invoked is not None and invoked.params.get("livereload") is True

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.content_dir = content_dir_of(config, self.config)
        markdown = (list(config.markdown_extensions), dict(config.mdx_configs))
        content, problems = load_content(self.content_dir, categories_from(self.config), markdown)
        problems = [*site_url_problems(config.config_file_path or "mkdocs.yml", config.site_url, 1), *problems]
        for problem in problems:
            if problem.severity != "error":
                log.warning(str(problem))
        if errors(problems):
            lines = [str(p) for p in sorted(errors(problems))]
            raise PluginError("\n".join(lines) + f"\nbuild failed: {len(lines)} problem{'s' if len(lines) != 1 else ''} found")
        self.content = content
        config.markdown_extensions.append(SafeMarkdownExtension())
        options = SiteOptions(
            theme_dir=self._theme_dir(config), site_name=config.site_name,
            site_description=config.site_description or "", site_author=config.site_author or "",
            site_url=config.site_url or None, directory_urls=config.use_directory_urls,
            offline=self.config.offline, month_names=self.config.month_names, digits=self.config.digits,
            site_id=self.config.site_id, feed_limit=self.config.feed_limit,
            month_pages_after=self.config.month_pages_after, listing_years_after=self.config.listing_years_after,
        )
        self.renderer = SiteRenderer(content, options, cache=_RENDER_CACHE.get())
        self._freeze()
        return config

    def _freeze(self) -> None:
        """Keep the content and page data, which live until the end of this build,
        out of the cyclic collector's generations: it would otherwise rescan some
        hundreds of thousands of objects again and again (over half a second at
        10,000 events). Scoped to the build: ``on_post_build`` and
        ``on_build_error`` hand them back (``gc.unfreeze`` only moves them to the
        oldest generation; it collects nothing)."""
        if not self._frozen:
            gc.freeze()
            self._frozen = True

    def _unfreeze(self) -> None:
        if self._frozen:
            gc.unfreeze()
            self._frozen = False

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.renderer is not None
        for file in list(files):
            if file.src_uri.startswith(CONTENT_FOLDERS) or file.src_uri in CONTENT_FILES:
                files.remove(file)
        self._mkdocs_html = {file.dest_uri for file in files if file.dest_uri.endswith(".html")}
        # The exports are files MkDocs knows, so editors' pages may link to them.
        # Written into the site now, one at a time (the largest is tens of MB at
        # 50,000 events): MkDocs' copy of a file onto itself is a no-op.
        site_dir = Path(config.site_dir)
        for path, chunks in ([] if self._preview_builds_next else self.renderer.export_chunks()):
            write_files(site_dir, [(path, chunks)])
            self.written.append(path)
            files.append(File.generated(config, path, abs_src_path=str(site_dir / path)))
        return files

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        env.autoescape = True
        env.undefined = jinja2.StrictUndefined
        return env

    def on_page_context(self, context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
        assert self.renderer is not None
        url = page.url.lstrip("./") if page.url not in (".", "./") else ""
        if page.file.src_uri == "index.md":
            html = self.renderer.render_index(page.content or "")
        else:
            html = self.renderer.render_document(url, page.title or "", page.content or "")
        context["timeline_html"] = Markup(html)
        # What the preview needs to render this page again without MkDocs.
        self.documents[page.file.dest_uri] = (page.file.src_uri, url, page.title or "", page.content or "", html)
        return context

    def on_post_build(self, config: MkDocsConfig) -> None:
        assert self.renderer is not None
        site_dir = Path(config.site_dir)
        # One process in the preview (its cache lives in this one); else as configured.
        events = len(self.renderer.data.events)
        processes = 1 if self.renderer.cache is not None else processes_for(self.config.processes, events)
        if not self._preview_builds_next:
            self.written += write_pages(self.renderer, site_dir, processes, write_files)
        self.mkdocs_pages = [self._page_url(f) for f in self._documentation_files]
        sitemap = self.renderer.sitemap(self.mkdocs_pages)
        if sitemap is not None:
            (site_dir / "sitemap.xml").write_bytes(sitemap)
        self.notes = self.renderer.notes()
        templates = {name for name in config.theme.static_templates
                     if name.endswith(".html") and (site_dir / name).is_file()}
        self.html_files = len({path for path in self.written if path.endswith(".html")} | self._mkdocs_html | templates)
        for note in self.notes:
            log.info(note)
        self._unfreeze()

    def on_build_error(self, error: Exception) -> None:
        self._unfreeze()

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self.written = []
        self._documentation_files = []
        self.documents = {}  # dest path -> (source, url, title, body, page)

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        self._documentation_files.append(page.file)
        return markdown

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
        """Watch the content and theme folders too, and rebuild incrementally (docs/preview.md)."""
        # This instance is MkDocs' one for the whole `mkdocs serve` (it has on_startup),
        # so the preview's builds go through it too: from now on, every page is written.
        first_build_left_pages_out, self._preview_builds_next = self._preview_builds_next, False
        if self.content_dir is not None:
            server.watch(str(self.content_dir))
        server.watch(str(self._theme_dir(config)))
        if config.config_file_path:
            # Import cycle (preview builds through timeline.build, which imports this
            # module), and only `mkdocs serve` needs it: watchdog and the preview stay out of builds.
            from timeline.preview.mkdocs_serve import serve_incrementally
            self._serving = serve_incrementally(server, Path(config.config_file_path))
        if self._serving is None and first_build_left_pages_out:
            builder()  # no preview after all: MkDocs' own full build
        return server

    def on_shutdown(self) -> None:
        if self._serving is not None:
            self._serving.close()

    @staticmethod
    def _page_url(file: File) -> str:
        return "" if file.url in (".", "./") else file.url

    @staticmethod
    def _theme_dir(config: MkDocsConfig) -> Path:
        if not config.theme.custom_dir:
            raise PluginError("the timeline plugin needs its theme: set theme.custom_dir to the theme folder (theme)")
        return Path(config.theme.custom_dir).resolve()
