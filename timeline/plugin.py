"""The MkDocs plugin: a thin adapter between MkDocs and ``timeline.site``.

MkDocs reads ``mkdocs.yml``, converts the editors' pages (``index.md``,
``about.md``) and copies the theme's assets; the plugin

- ``on_config``: loads and validates all content (a build never proceeds
  with invalid content), and prepares the site renderer;
- ``on_files``: takes articles, events, outlets.yml and gazetteer.yml away
  from MkDocs, so they never become pages at the wrong URLs or enter the nav,
  and adds the data exports (feed.xml, timeline.json, timeline.csv, search
  index) as generated files that pages may link to;
- ``on_page_context``: renders index.md and about.md through the timeline
  templates (MkDocs' ``main.html`` only prints the result);
- ``on_post_build``: writes every generated page and export;
- ``on_serve``: watches the content and theme folders.

All the work lives in ``timeline.site``, which does not import MkDocs.
"""

from __future__ import annotations

import gc
import logging
import os
import posixpath
from pathlib import Path
from typing import Any, Iterable

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from timeline.config import TimelineConfig, categories_from

log = logging.getLogger("mkdocs.plugins.timeline")

CONTENT_FILES = ("outlets.yml", "gazetteer.yml", "dismissed-suggestions.yml")
CONTENT_FOLDERS = ("articles/", "events/")


def write_files(site_dir: Path, files: Iterable[tuple[str, bytes | None]]) -> None:
    """Write (relative path, bytes) pairs, creating each folder once.

    Most pages sit in a folder of their own (``events/<id>/index.html``), so
    a build makes some ten thousand folders; asking for each only when it is
    new, and writing with plain ``os`` calls, keeps that to the system calls
    it needs."""
    made: set[str] = set()
    root = os.fspath(site_dir)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    for relative, data in files:
        if data is None:  # unchanged since the last build (the preview's cache), already on disk
            continue
        folder = posixpath.dirname(relative)
        if folder not in made:
            os.makedirs(os.path.join(root, folder), exist_ok=True)
            made.add(folder)
        descriptor = os.open(os.path.join(root, relative), flags, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view):]
        finally:
            os.close(descriptor)


class TimelinePlugin(BasePlugin[TimelineConfig]):
    """Builds the timeline pages, listings and exports from ``content/``."""

    def __init__(self) -> None:
        self.content = None
        self.renderer = None
        # Content already loaded and validated by `timeline build`, used once
        # instead of loading everything a second time.
        self.preloaded: tuple[Any, list] | None = None
        self.content_dir: Path | None = None
        self.documents: dict[str, tuple[str, str, str, str, str]] = {}
        self.written: list[str] = []
        self.mkdocs_pages: list[str] = []
        self.notes: list[str] = []  # for the user, once the build is done (timeline build prints them)
        # A RenderCache kept by `timeline serve` across builds (see timeline.preview).
        self.render_cache = None

    def on_config(self, config: Any) -> Any:
        from timeline.content.load import load_content
        from timeline.content.problems import errors
        from timeline.site.markup import SafeMarkdownExtension
        from timeline.site.render import SiteOptions, SiteRenderer
        from timeline.urlpolicy import site_url_problems

        # Content and page data live until the end of the build. Keeping what
        # exists now (the preloaded content) and, once it exists, the page data
        # out of the cyclic collector's generations spares it rescanning some
        # hundreds of thousands of objects again and again (over half a second
        # at 10,000 events). They are handed back at the start of the next
        # build (`serve`), not at the end of this one: a full collection right
        # after would cost as much again, just before the process ends.
        gc.unfreeze()
        gc.freeze()
        self.content_dir = self._content_dir(config)
        if self.preloaded is not None and Path(self.preloaded[0].root) == self.content_dir:
            (content, problems), self.preloaded = self.preloaded, None
        else:
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
        self.renderer = SiteRenderer(content, options, cache=self.render_cache)
        gc.freeze()
        return config

    def on_files(self, files: Any, config: Any) -> Any:
        from mkdocs.structure.files import File

        assert self.renderer is not None
        for file in list(files):
            if file.src_uri.startswith(CONTENT_FOLDERS) or file.src_uri in CONTENT_FILES:
                files.remove(file)
        # The exports are files MkDocs knows, so editors' pages may link to them.
        for path, data in self.renderer.exports():
            self.written.append(path)
            files.append(File.generated(config, path, content=data))
        return files

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        import jinja2

        env.autoescape = True
        env.undefined = jinja2.StrictUndefined
        return env

    def on_page_context(self, context: dict, page: Any, config: Any, nav: Any) -> dict:
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

    def on_post_build(self, config: Any) -> None:
        assert self.renderer is not None
        site_dir = Path(config.site_dir)
        write_files(site_dir, self._recorded(self.renderer.outputs()))
        self.mkdocs_pages = [self._page_url(f) for f in self._documentation_files]
        sitemap = self.renderer.sitemap(self.mkdocs_pages)
        if sitemap is not None:
            (site_dir / "sitemap.xml").write_bytes(sitemap)
        self.notes = self.renderer.notes()
        for note in self.notes:
            log.info(note)

    def _recorded(self, files: Iterable[tuple[str, bytes | None]]) -> Iterable[tuple[str, bytes | None]]:
        """The files, with their paths noted in ``written`` (the preview removes what a later build no longer makes)."""
        for path, data in files:
            self.written.append(path)
            yield path, data

    def on_pre_build(self, config: Any) -> None:
        self.written: list[str] = []
        self._documentation_files: list = []
        self.documents: dict[str, tuple[str, str, str, str, str]] = {}  # dest path -> (source, url, title, body, page)

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        self._documentation_files.append(page.file)
        return markdown

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        if self.content_dir is not None:
            server.watch(str(self.content_dir))
        server.watch(str(self._theme_dir(config)))
        return server

    def _page_url(self, file: Any) -> str:
        return "" if file.url in (".", "./") else file.url

    def _content_dir(self, config: Any) -> Path:
        if self.config.content_dir:
            return (Path(config.config_file_path).parent / self.config.content_dir).resolve()
        return Path(config.docs_dir).resolve()

    @staticmethod
    def _theme_dir(config: Any) -> Path:
        if not config.theme.custom_dir:
            raise PluginError("the timeline plugin needs its theme: set theme.custom_dir to the theme folder (theme)")
        return Path(config.theme.custom_dir).resolve()
