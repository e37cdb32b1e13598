"""The build: content in, a complete site out, or nothing changed.

Reads like the pipeline: validate all content (loaded once per command,
``content.session.one_load``), render through MkDocs (the ``timeline`` plugin and
``theme/``) into a temporary folder beside the target, and swap it in only on
success. Build options reach MkDocs and the plugin as ``load_config``
overrides; the loaded content reaches the plugin through the same
``one_load`` block, never by setting attributes on the plugin.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import jinja2
from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from timeline.config import ProjectConfig, project_config, with_plugin_options
from timeline.content.load import load_content
from timeline.content.problems import ContentError, Problem, errors
from timeline.content.session import Loaded, one_load
from timeline.fileio import replace_directory
from timeline.output_paths import (
    check_site_dir, mark_site, normal_folder_mode, protected_folders, remove_leftovers, staging_prefix,
)
from timeline.plugin import TimelinePlugin, rendering_with
from timeline.site.cache import RenderCache


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    entries: int
    pages: int
    notes: tuple[str, ...] = ()  # one-line notes for the user (the plugin's: relative permalinks)


def build_config(config_file: Path, out_dir: Path, *, offline: bool = False, strict: bool | None = None) -> MkDocsConfig:
    """MkDocs' validated config for a build into ``out_dir``: ``site_dir``, ``strict`` and,
    for ``file://``, ``use_directory_urls: false`` and the plugin's ``offline: true``, as
    overrides of ``load_config``."""
    overrides: dict[str, object] = {"site_dir": str(out_dir), "strict": strict}
    if offline:
        overrides["use_directory_urls"] = False
        overrides["plugins"] = with_plugin_options(project_config(config_file, "build"), offline=True)
    return project_config(config_file, "build", **overrides).mkdocs


def template_problem(error: Exception) -> Problem:
    """Name the template file and line where rendering failed."""
    path, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    traceback = error.__traceback__
    while traceback is not None:  # Jinja maps template frames to their .html file and line
        filename = traceback.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".js")):
            path, line = filename, traceback.tb_lineno
        traceback = traceback.tb_next
    return Problem(str(path or "theme"), int(line or 1), "template", f"{type(error).__name__}: {error}")


def safe_site_dir(project: ProjectConfig, site_dir: Path | None) -> Path:
    """The site folder to build into (``--site-dir`` or mkdocs.yml's), once
    proven safe to replace (``timeline.output_paths``)."""
    target = Path(site_dir) if site_dir is not None else project.site_dir
    protected = protected_folders(project.content_dir, project.theme_dir)
    return check_site_dir(target, project.config_file, protected)


def run_mkdocs(config_file: Path, out_dir: Path, loaded: Loaded, *, offline: bool = False, strict: bool | None = None,
               render_cache: RenderCache | None = None) -> TimelinePlugin | None:
    """Run MkDocs' build of ``config_file`` into ``out_dir`` with content already
    loaded; the timeline plugin instance (its content and renderer), or None.

    Raises ContentError naming the file and line of a build or template error."""
    config = build_config(config_file, out_dir, offline=offline, strict=strict)
    plugin = config.plugins.get("timeline")
    try:
        with one_load(loaded), rendering_with(render_cache):
            build(config)
    except MkDocsException as error:
        raise ContentError([Problem(str(config_file), 1, "build", str(error))], action="build") from None
    except jinja2.TemplateError as error:
        raise ContentError([template_problem(error)], action="build") from None
    return plugin if isinstance(plugin, TimelinePlugin) else None


def build_site(config_file: Path, site_dir: Path | None = None, *, offline: bool = False, strict: bool | None = None,
               loaded: Loaded | None = None) -> BuildResult:
    """Build the site into ``site_dir`` (default: mkdocs.yml's ``site_dir``) atomically.

    The target is checked first: never the project, content or theme folder,
    never a folder that is not a previous build (``timeline.output_paths``).

    A failure anywhere, a template error included, leaves the previous site
    exactly as it was and no temporary folder behind. ``loaded`` is the
    content when the caller has loaded it already; otherwise it is loaded here
    (once: the plugin is handed the same).
    """
    project = project_config(config_file, "build")
    loaded = loaded or load_content(project.content_dir, project.categories, project.markdown)
    if errors(loaded[1]):  # before MkDocs, so every problem is listed with its file and line
        raise ContentError(loaded[1], action="build")

    target = safe_site_dir(project, site_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(target)
    staging = Path(tempfile.mkdtemp(prefix=staging_prefix(target), dir=target.parent))
    os.chmod(staging, normal_folder_mode())  # mkdtemp makes 0700; a web server must read the site
    mark_site(staging)
    try:
        plugin = run_mkdocs(config_file, staging, loaded, offline=offline, strict=strict)
        # The plugin knows what it and MkDocs wrote: walking 50,000 fresh folders again cost seconds.
        pages = plugin.html_files if plugin is not None else sum(
            name.endswith(".html") for _, _, names in os.walk(staging) for name in names)
        entries = len(plugin.content.published_entries) if plugin is not None and plugin.content is not None else 0
        notes = tuple(plugin.notes) if plugin is not None else ()
        replace_directory(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(site_dir=target, entries=entries, pages=pages, notes=notes)
