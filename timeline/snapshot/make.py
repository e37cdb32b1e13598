"""``timeline snapshot``: the site built for ``file://`` and its sources, in a zipped bag.

Reads like the steps: build the offline site into ``data/site/``, copy what
it was built from into ``data/source/``, add ``snapshot.json`` and
``entries.jsonl``, check every path, bag it with ``bagit``, zip it
reproducibly beside the target and rename it into place. All the work
happens in a temporary folder; a failure at any step leaves no file behind
and an existing snapshot untouched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from timeline import __version__, clock
from timeline.build import build_site
from timeline.config import project_config
from timeline.project import load_project
from timeline.content.problems import ContentError, errors
from timeline.output_paths import MARKER, check_snapshot_out, protected_folders
from timeline.snapshot.archive import write_zip
from timeline.snapshot.bag import BagInfo, make_bag
from timeline.snapshot.errors import SnapshotError
from timeline.snapshot.paths import check_paths
from timeline.snapshot.records import dump_json, entries_lines, snapshot_record, source_commit

README = """\
Offline snapshot of "{title}" ({identifier})
Made {created} by douma-timeline {version}.

Open:    site/index.html in any web browser (no network needed; search works offline).
Data:    site/entries.jsonl (one event per line), site/timeline.json, site/timeline.csv.
About:   site/snapshot.json (what, when, from which source commit).
Rebuild: source/ holds mkdocs.yml, the articles, the event entries, outlets,
         gazetteer and theme it was built from. With douma-timeline {version}
         installed:  cd source && timeline build
Check:   timeline verify <this bag or its zip>   (or any BagIt validator:
         every file is listed with its SHA-256 and SHA-512 in ../manifest-*.txt)
"""


@dataclass(frozen=True)
class Project:
    """What a snapshot needs to know about the project it is made from."""

    config_file: Path
    root: Path
    site_id: str
    title: str
    organization: str
    sources: tuple[str, ...]  # paths relative to root: mkdocs.yml, content folder, theme folder

    content_dir: Path
    theme_dir: Path | None

    @classmethod
    def read(cls, config_file: Path) -> Project:
        config_file = Path(config_file).resolve()
        root = config_file.parent
        config = project_config(config_file, "snapshot")
        sources = [config_file.name]
        for folder in (config.content_dir, config.theme_dir):
            if folder is not None and folder.is_dir():
                sources.append(_inside(root, folder))
        return cls(config_file=config_file, root=root, site_id=config.timeline.site_id,
                   title=str(config.mkdocs.site_name or config.timeline.site_id),
                   organization=str(config.mkdocs.site_author or "Douma timeline editors"),
                   sources=tuple(sorted(set(sources))), content_dir=config.content_dir, theme_dir=config.theme_dir)


def _inside(root: Path, folder: Path) -> str:
    try:
        return folder.resolve().relative_to(root).as_posix()
    except ValueError:
        raise SnapshotError(f"{folder}: lies outside the project folder {root}; a snapshot copies "
                            "only folders under the folder of mkdocs.yml, so that it can be rebuilt") from None


def safe_snapshot_path(project: Project, out: Path) -> Path:
    """``out``, once proven safe to write: not inside the content or theme
    folder, not a file that is not a previous snapshot (``timeline.output_paths``)."""
    protected = protected_folders(project.content_dir, project.theme_dir)
    target = Path(out).absolute()
    if not target.parent.is_dir():
        raise SnapshotError(f"{target.parent}: no such folder; create it first or choose another --out")
    return check_snapshot_out(target, project.config_file, protected)


def default_name(site_id: str, moment: datetime) -> str:
    return f"{site_id}-{moment:%Y-%m-%d}.zip"


def make_snapshot(config_file: Path, out: Path | None = None) -> Path:
    """Write the snapshot .zip (default ``<site_id>-<YYYY-MM-DD>.zip`` here); return its path."""
    project = Project.read(config_file)
    try:
        moment = clock.now()
    except ValueError as error:
        raise SnapshotError(str(error)) from None
    target = safe_snapshot_path(project, Path(out) if out else Path.cwd() / default_name(project.site_id, moment))
    prefix = Path(default_name(project.site_id, moment)).stem
    try:
        with tempfile.TemporaryDirectory(prefix="timeline-snapshot-") as work:
            bag_dir = Path(work) / prefix
            assemble_bag(project, bag_dir, moment)
            write_zip(bag_dir, prefix, target, moment)
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        raise SnapshotError(f"{where}{error.strerror or error}; no snapshot was written "
                            f"and {target.name} was left as it was") from None
    return target


def assemble_bag(project: Project, bag_dir: Path, moment: datetime) -> None:
    """Build, copy, describe and bag the snapshot in ``bag_dir`` (which must not exist)."""
    content, problems = load_project(project.config_file)
    if errors(problems):
        raise ContentError(problems, action="snapshot")
    bag_dir.mkdir()
    site = bag_dir / "site"
    build_site(project.config_file, site, offline=True)
    (site / MARKER).unlink()  # the bag is not a site folder a build may replace
    copy_sources(project, bag_dir / "source")
    commit, modified = source_commit(project.root, list(project.sources))
    record = snapshot_record(title=project.title, site_id=project.site_id, created=moment, content=content,
                             source_commit=commit, source_modified=modified)
    (site / "snapshot.json").write_text(dump_json(record), encoding="utf-8", newline="\n")
    (site / "entries.jsonl").write_text(entries_lines(content), encoding="utf-8", newline="\n")
    identifier = f"{project.site_id} {__version__}"
    (bag_dir / "README.txt").write_text(
        README.format(title=project.site_id, identifier=identifier, created=record["created"], version=__version__),
        encoding="ascii", newline="\n")
    check_paths(f"{bag_dir.name}/data/{p.relative_to(bag_dir).as_posix()}" for p in bag_dir.rglob("*") if p.is_file())
    make_bag(bag_dir, BagInfo(
        organization=project.organization, identifier=identifier, created=moment,
        description=(f"Offline snapshot of the timeline {project.site_id!r}: data/site/index.html opens from "
                     f"file:// with no network; data/source/ rebuilds it with douma-timeline {__version__}."),
    ))


def copy_sources(project: Project, destination: Path) -> None:
    """Copy mkdocs.yml, the content and the theme, skipping hidden files and
    caches; a symbolic link anywhere stops the snapshot (never followed)."""
    for relative in project.sources:
        source = project.root / relative
        if source.is_symlink():
            raise SnapshotError(f"{source}: is a symbolic link; a snapshot never follows links out of the project")
        if source.is_file():
            destination.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination / relative)
            continue
        for path in sorted(source.rglob("*")):
            inside = path.relative_to(project.root)
            if any(part.startswith(".") or part == "__pycache__" for part in inside.parts):
                continue
            if path.is_symlink():
                raise SnapshotError(f"{path}: is a symbolic link (to {os.readlink(path)}); a snapshot copies only "
                                    "regular files inside the project and never follows links out; replace it with a copy")
            if not path.is_file():
                continue
            (destination / inside).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination / inside)
