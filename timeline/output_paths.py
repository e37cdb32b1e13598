"""Where a command may write: output paths never destroy anything.

``timeline build`` replaces its site folder and ``timeline snapshot`` its
zip; before either does, the target is checked here:

- never the project folder (the folder of ``mkdocs.yml``) or a folder that
  holds it, and never the content or theme folder or anything inside them;
- a site folder that exists must be empty or a previous build of ours,
  recognised by the marker file every build writes (``MARKER``);
- a snapshot file that exists must be a previous snapshot (a zip holding a
  BagIt bag with ``data/site/snapshot.json``).

Leftover temporary folders of a build that was killed (``.site.new-<pid>-…``,
``.site.old-<pid>-…``) carry the marker too and are removed by the next
build once the process that made them is gone.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import click

MARKER = ".timeline-site"
"""Written into every built site: this folder is a build of ours, safe to replace."""
MARKER_TEXT = "Built by `timeline build` (douma-timeline). The next build replaces this whole folder.\n"


class OutputPathError(click.ClickException):
    """A command refused to write to a path; nothing was written."""

    exit_code = 1

    def __init__(self, path: Path, reason: str, advice: str) -> None:
        super().__init__(f"{path}: {reason}; {advice}")

    def show(self, file=None) -> None:  # noqa: ANN001 - click's signature; no "Error: " prefix
        click.echo(self.format_message(), err=True, file=file)


def protected_folders(content_dir: Path, theme_dir: Path | None) -> dict[Path, str]:
    """The folders no output may be, hold or lie inside, with what each is."""
    folders = {content_dir.resolve(): "the content folder"}
    if theme_dir is not None:
        folders[theme_dir.resolve()] = "the theme folder"
    return folders


def _refuse_project_parts(target: Path, root: Path, protected: dict[Path, str], advice: str) -> None:
    if target == root or target in root.parents:
        what = "the project folder" if target == root else "a folder holding the project"
        raise OutputPathError(target, f"is {what} (where mkdocs.yml is); writing there would replace it", advice)
    for folder, what in protected.items():
        if target == folder or folder in target.parents:
            raise OutputPathError(target, f"is {what} or inside it ({folder})", advice)
        if target in folder.parents:
            raise OutputPathError(target, f"holds {what} ({folder})", advice)


def check_site_dir(target: Path, config_file: Path, protected: dict[Path, str]) -> Path:
    """The resolved site folder, or OutputPathError when building there could destroy something."""
    target = Path(target).resolve()
    root = Path(config_file).resolve().parent
    advice = "choose another --site-dir (or site_dir in mkdocs.yml), e.g. site"
    _refuse_project_parts(target, root, protected, advice)
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise OutputPathError(target, "exists and is not a folder", advice)
    if target.is_dir() and not (target / MARKER).is_file() and any(target.iterdir()):
        raise OutputPathError(target, f"is a folder that is not a site built by timeline (it has no {MARKER} file), "
                              "and a build replaces the whole folder", "delete or empty it yourself, or " + advice)
    return target


def check_snapshot_out(target: Path, config_file: Path, protected: dict[Path, str]) -> Path:
    """The snapshot path, or OutputPathError when writing it could destroy something."""
    target = Path(target).absolute()
    root = Path(config_file).resolve().parent
    advice = "choose another --out, e.g. douma-timeline.zip"
    resolved = target.resolve()
    _refuse_project_parts(resolved, root, protected, advice)
    if resolved == Path(config_file).resolve():
        raise OutputPathError(target, "is the site's mkdocs.yml", advice)
    if target.is_symlink():
        raise OutputPathError(target, "is a symbolic link", advice)
    if target.is_dir():
        raise OutputPathError(target, "is a folder; --out names the .zip file to write", advice)
    if target.exists() and not is_snapshot_zip(target):
        raise OutputPathError(target, "exists and is not a snapshot made by timeline; it would be overwritten",
                              "move it away, or " + advice)
    return target


def is_snapshot_zip(path: Path) -> bool:
    """True for a zip holding one BagIt bag with the site's snapshot.json (a snapshot of ours)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    tops = {name.split("/", 1)[0] for name in names}
    return len(tops) == 1 and {f"{top}/bagit.txt" for top in tops} <= set(names) and \
        any(name.endswith("/data/site/snapshot.json") for name in names)


def mark_site(folder: Path) -> None:
    """Write the marker that says ``folder`` is a build of ours."""
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def staging_prefix(target: Path) -> str:
    """The name prefix of a build's temporary folder beside ``target``; holds the process id."""
    return f".{target.name}.new-{os.getpid()}-"


def remove_leftovers(target: Path) -> list[Path]:
    """Remove temporary folders that killed builds left beside ``target``; return them."""
    removed: list[Path] = []
    parent = target.parent
    if not parent.is_dir():
        return removed
    for kind in ("new", "old"):
        for folder in sorted(parent.glob(f".{target.name}.{kind}-*")):
            pid = folder.name[len(f".{target.name}.{kind}-"):].split("-", 1)[0]
            if folder.is_symlink() or not folder.is_dir() or not (folder / MARKER).is_file():
                continue
            if pid.isdigit() and _alive(int(pid)):
                continue
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def normal_folder_mode() -> int:
    """0o777 less the process umask (0o755 under umask 022): what mkdir would give."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o777 & ~mask
