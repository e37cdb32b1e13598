"""``timeline verify``: is this bag complete, and is every file unchanged?

``bagit`` validates the bag (structure, ``bagit.txt``, Payload-Oxum,
completeness, every checksum in every manifest). ``bagit`` stops at the
first failing stage, and its Payload-Oxum stage names no file, so when the
bag is not valid this module lists every problem itself, with ``bagit``'s
own manifest data and hashing: each file missing, each file extra (in the
payload or beside the tag files) and each file changed.
"""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import bagit

from timeline.snapshot.archive import extract_safely
from timeline.snapshot.errors import SnapshotError, VerifyError


def verify_snapshot(bag: Path) -> str:
    """Validate a snapshot (.zip or folder); return the report or raise VerifyError."""
    bag = Path(bag)
    if bag.is_dir():
        return _verify_folder(_bag_root(bag), shown=str(bag))
    if not zipfile.is_zipfile(bag):
        if _starts_like_a_zip(bag):
            raise SnapshotError(f"{bag}: the zip is damaged or truncated (its end, which lists the files, is "
                                "missing or broken); copy it again from its source, or verify an unzipped copy")
        raise SnapshotError(f"{bag}: neither a folder nor a zip file; give a snapshot .zip or an unzipped bag folder")
    try:
        with tempfile.TemporaryDirectory(prefix="timeline-verify-") as work:
            extract_safely(bag, Path(work))
            return _verify_folder(_bag_root(Path(work), shown=str(bag)), shown=str(bag))
    except OSError as error:
        raise SnapshotError(f"{bag}: cannot unpack it to check it ({error.strerror or error}); "
                            "free some space in the temporary folder or unzip it and verify the folder") from None


def _starts_like_a_zip(path: Path) -> bool:
    try:
        with open(path, "rb") as stream:
            return stream.read(4) in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
    except OSError:
        return False


def _bag_root(folder: Path, shown: str | None = None) -> Path:
    """The folder holding ``bagit.txt``: ``folder`` itself or its only subfolder."""
    if (folder / "bagit.txt").is_file():
        return folder
    children = [child for child in folder.iterdir()]
    if len(children) == 1 and (children[0] / "bagit.txt").is_file():
        return children[0]
    raise SnapshotError(f"{shown or folder}: no bagit.txt found; this is not a BagIt bag (nor a zip of one)")


def _verify_folder(root: Path, *, shown: str) -> str:
    try:
        bag = bagit.Bag(str(root))
    except bagit.BagError as error:
        raise SnapshotError(f"{shown}: not a readable BagIt bag: {error}") from None
    try:
        bag.validate(processes=1)
    except bagit.BagError as error:
        problems = list_problems(bag, root) or [f"{shown}: {error}"]
        raise VerifyError(shown, problems) from None
    problems = [f"extra: {path} (in the bag, not in any manifest)" for path in _extra_tag_files(bag, root)]
    problems += _unpaired_manifests(root).values()
    if problems:
        raise VerifyError(shown, problems)
    return _report(bag, shown)


def list_problems(bag, root: Path) -> list[str]:  # noqa: ANN001 - a bagit.Bag
    """Every missing, extra and changed file of ``bag``, one line each, sorted by path."""
    found: dict[str, str] = {}
    missing, extra = bag.compare_manifests_with_fs()
    for path in missing:
        found[path] = f"missing: {path} (listed in the manifests, not in the bag)"
    for path in [*extra, *_extra_tag_files(bag, root)]:
        found[path] = f"extra: {path} (in the bag, not in any manifest)"
    for path, expected in sorted(bag.entries.items()):
        if path in found or not (root / path).is_file():
            if path not in found:
                found[path] = f"missing: {path} (listed in the manifests, not in the bag)"
            continue
        actual = {line[0]: line[1] for line in bagit.generate_manifest_lines(str(root / path), list(expected))}
        changed = sorted(algorithm for algorithm, digest in expected.items() if actual.get(algorithm) != digest.lower())
        if changed:
            found[path] = f"changed: {path} ({' and '.join(changed)} checksums differ)"
    for path, message in _unpaired_manifests(root).items():
        found.setdefault(path, message)
    return [found[path] for path in sorted(found)]


def _unpaired_manifests(root: Path) -> dict[str, str]:
    """A payload manifest without its tag manifest (or the reverse) means one was removed."""
    payload = {p.name[len("manifest-"):] for p in root.glob("manifest-*.txt")}
    tags = {p.name[len("tagmanifest-"):] for p in root.glob("tagmanifest-*.txt")}
    found = {f"tagmanifest-{name}": f"missing: tagmanifest-{name} (manifest-{name} has no tag manifest)"
             for name in sorted(payload - tags)}
    found.update({f"manifest-{name}": f"missing: manifest-{name} (tagmanifest-{name} has no payload manifest)"
                  for name in sorted(tags - payload)})
    return found


def _extra_tag_files(bag, root: Path) -> list[str]:  # noqa: ANN001 - a bagit.Bag
    """Files outside ``data/`` that no tag manifest lists (BagIt tolerates them; we do not)."""
    listed = {path.replace("\\", "/") for path in bag.entries}
    known = listed | {"bagit.txt"} | {Path(p).name for p in bag.tagmanifest_files()}
    extra = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if relative == "data" or relative.startswith("data/") or not path.is_file():
            continue
        if relative not in known:
            extra.append(relative)
    return extra


def _report(bag, shown: str) -> str:  # noqa: ANN001 - a bagit.Bag
    payload = sum(1 for path in bag.entries if path.startswith("data/"))
    oxum = bag.info.get("Payload-Oxum", "")
    size = oxum.split(".", 1)[0] if isinstance(oxum, str) else "?"
    lines = [
        f"valid: {shown}",
        f"  {bag.info.get('External-Identifier', '?')}, bagged {bag.info.get('Bagging-Date', '?')}",
        f"  {payload} payload files, {size} bytes; every {' and '.join(sorted(bag.algorithms))} checksum matches",
    ]
    return "\n".join(lines)
