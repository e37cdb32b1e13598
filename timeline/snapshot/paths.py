"""Rules for the paths written into a snapshot.

A bag outlives the machine that made it: it is unzipped on Windows, macOS
and Linux, on case-insensitive file systems and inside deep folders. Every
path written is therefore plain ASCII, short, free of characters Windows
refuses, and distinct from every other path after case folding. A path
that breaks a rule stops the snapshot with its name, before anything is
written.
"""

from __future__ import annotations

import re
from typing import Iterable

from timeline.snapshot.errors import SnapshotError

MAX_PATH_LENGTH = 200
"""Longest path inside the zip, top folder included (Windows allows 260 in all)."""

_SAFE_PART = re.compile(r"^[A-Za-z0-9._@+=,~-]+(?: [A-Za-z0-9._@+=,~-]+)*$")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}


def path_problem(path: str) -> str | None:
    """Why ``path`` (slash-separated, relative) may not be written, or None."""
    if not path.isascii():
        return "is not ASCII; rename it with ASCII letters, digits and hyphens"
    if len(path) > MAX_PATH_LENGTH:
        return f"is {len(path)} characters long; the limit is {MAX_PATH_LENGTH}"
    for part in path.split("/"):
        if part in ("", ".", ".."):
            return "has an empty, '.' or '..' component"
        if not _SAFE_PART.match(part) or part.endswith("."):
            return f'has a component "{part}" with characters other systems refuse'
        if part.split(".", 1)[0].lower() in _WINDOWS_RESERVED:
            return f'has a component "{part}" that Windows reserves'
    return None


def check_paths(paths: Iterable[str]) -> None:
    """Raise SnapshotError naming every path that breaks a rule or collides.

    Folders count too: ``Events/a.md`` and ``events/b.md`` would merge into
    one folder on a case-insensitive file system.
    """
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in sorted(paths):
        reason = path_problem(path)
        if reason:
            problems.append(f"{path!r} {reason}")
            continue
        parts = path.split("/")
        for depth in range(1, len(parts) + 1):
            name = "/".join(parts[:depth])
            other = seen.setdefault(name.casefold(), name)
            if other != name:
                problems.append(f"{name!r} and {other!r} differ only in case")
                break
    if problems:
        raise SnapshotError("cannot write the snapshot, some paths would not survive other systems:\n  "
                            + "\n  ".join(problems))
