"""The build: content in, a complete site out, or nothing changed.

Reads like the pipeline: extract articles never extracted, validate all
content, render through MkDocs (the ``timeline`` plugin and ``theme/``) into
a temporary folder beside the target, and swap it in only on success.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

if TYPE_CHECKING:
    from timeline.content.problems import Problem


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    entries: int
    pages: int
    notes: tuple[str, ...] = ()  # one-line notes for the user (the plugin's: relative permalinks)


def load_mkdocs_config(config_file: Path, *, site_dir: Path | None = None, offline: bool = False, strict: bool | None = None):
    """MkDocs' validated config, with the timeline plugin set for this build."""
    from mkdocs.config import load_config

    overrides: dict = {}
    if site_dir is not None:
        overrides["site_dir"] = str(site_dir)
    if offline:
        overrides["use_directory_urls"] = False
    if strict is not None:
        overrides["strict"] = strict
    config = load_config(config_file=str(config_file), **overrides)
    plugin = config.plugins.get("timeline")
    if plugin is not None and offline:
        plugin.config.offline = True
    return config


def template_problem(error: Exception) -> Problem:
    """Name the template file and line where rendering failed."""
    from timeline.content.problems import Problem

    path, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    traceback = error.__traceback__
    while traceback is not None:  # Jinja maps template frames to their .html file and line
        filename = traceback.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".js")):
            path, line = filename, traceback.tb_lineno
        traceback = traceback.tb_next
    return Problem(str(path or "theme"), int(line or 1), "template", f"{type(error).__name__}: {error}")


def safe_site_dir(config_file: Path, site_dir: Path | None) -> Path:
    """The site folder to build into (``--site-dir`` or mkdocs.yml's), once
    proven safe to replace (``timeline.output_paths``)."""
    from timeline.config import load_config
    from timeline.content.load import content_dir_of
    from timeline.output_paths import check_site_dir, protected_folders

    config, raw, _ = load_config(config_file)
    if site_dir is None:
        site_dir = Path(config_file).parent / str(raw.get("site_dir") or "site")
    protected = protected_folders(config_file, raw, content_dir_of(config_file, raw, config.content_dir))
    return check_site_dir(Path(site_dir), config_file, protected)


def run_mkdocs(config_file: Path, out_dir: Path, loaded: tuple, *, offline: bool = False, strict: bool | None = None,
               render_cache=None):  # noqa: ANN001 - a timeline.site.cache.RenderCache, for the preview
    """Run MkDocs' build of ``config_file`` into ``out_dir`` with content already
    loaded; the timeline plugin instance (its content and renderer), or None.

    Raises ContentError naming the file and line of a build or template error."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    from timeline.content.problems import ContentError, Problem

    config = load_mkdocs_config(config_file, site_dir=out_dir, offline=offline, strict=strict)
    plugin = config.plugins.get("timeline")
    if plugin is not None:
        plugin.preloaded = loaded
        plugin.render_cache = render_cache
    try:
        build(config)
    except MkDocsException as error:
        raise ContentError([Problem(str(config_file), 1, "build", str(error))], action="build") from None
    except jinja2.TemplateError as error:
        raise ContentError([template_problem(error)], action="build") from None
    return plugin


def build_site(config_file: Path, site_dir: Path | None = None, *, offline: bool = False, strict: bool | None = None,
               loaded: tuple | None = None) -> BuildResult:
    """Build the site into ``site_dir`` (default: mkdocs.yml's ``site_dir``) atomically.

    The target is checked first: never the project, content or theme folder,
    never a folder that is not a previous build (``timeline.output_paths``).

    A failure anywhere, a template error included, leaves the previous site
    exactly as it was and no temporary folder behind. ``loaded`` is the
    result of ``content.load_project`` when the caller has it already.
    """
    from timeline.content.load import load_project
    from timeline.fileio import replace_directory
    from timeline.content.problems import ContentError, Problem, errors
    from timeline.output_paths import mark_site, normal_folder_mode, remove_leftovers, staging_prefix

    loaded = loaded or load_project(config_file)
    if errors(loaded[1]):  # before MkDocs, so every problem is listed with its file and line
        raise ContentError(loaded[1], action="build")

    target = safe_site_dir(config_file, site_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(target)
    staging = Path(tempfile.mkdtemp(prefix=staging_prefix(target), dir=target.parent))
    os.chmod(staging, normal_folder_mode())  # mkdtemp makes 0700; a web server must read the site
    mark_site(staging)
    try:
        plugin = run_mkdocs(config_file, staging, loaded, offline=offline, strict=strict)
        pages = sum(name.endswith(".html") for _, _, names in os.walk(staging) for name in names)
        entries = len(plugin.content.published_entries) if plugin is not None and getattr(plugin, "content", None) else 0
        notes = tuple(getattr(plugin, "notes", ()))
        replace_directory(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(site_dir=target, entries=entries, pages=pages, notes=notes)
