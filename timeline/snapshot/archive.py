"""The zip around the bag: written reproducibly, read back safely.

Writing: names sorted, one fixed timestamp (the snapshot's clock, clamped to
the zip format's 1980–2107), fixed Unix permissions (0644 files, 0755
folders), one compression method and level; written beside the target and
renamed into place, so a failure leaves no partial file and an existing
snapshot untouched.

Reading: every entry is checked before anything is written: no absolute
paths, drive letters, backslashes or ``..``, no symbolic links or special
files, no duplicate or case-colliding names, and a size limit. Only then
are the files extracted, one by one, to paths proven to lie inside the
target folder.
"""

from __future__ import annotations

import os
import stat
import tempfile
import zipfile
import zlib
from datetime import datetime
from pathlib import Path, PurePosixPath

from timeline.snapshot.errors import SnapshotError

FILE_MODE = 0o644
FOLDER_MODE = 0o755
COMPRESSION = zipfile.ZIP_DEFLATED
COMPRESS_LEVEL = 9
MAX_UNPACKED_BYTES = 4 * 1024**3
"""Refuse to unpack more than this (a guard against zip bombs)."""


def zip_timestamp(moment: datetime) -> tuple[int, int, int, int, int, int]:
    """A zip entry time from ``moment`` (UTC), clamped to what the format can hold."""
    fields = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    return max(min(fields, (2107, 12, 31, 23, 59, 58)), (1980, 1, 1, 0, 0, 0))


def write_zip(folder: Path, prefix: str, target: Path, moment: datetime) -> None:
    """Zip ``folder`` as ``prefix/…`` into ``target``, atomically and reproducibly."""
    target.parent.mkdir(parents=False, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            _write_entries(stream, folder, prefix, zip_timestamp(moment))
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_entries(stream, folder: Path, prefix: str, timestamp: tuple) -> None:  # noqa: ANN001
    names = {f"{prefix}/": None}
    for path in folder.rglob("*"):
        relative = f"{prefix}/{path.relative_to(folder).as_posix()}"
        if path.is_symlink() or not (path.is_dir() or path.is_file()):
            raise SnapshotError(f"{relative}: not a regular file or folder; a snapshot holds only files")
        names[relative + "/" if path.is_dir() else relative] = path
    with zipfile.ZipFile(stream, "w", compression=COMPRESSION, compresslevel=COMPRESS_LEVEL) as archive:
        for name in sorted(names):
            path = names[name]
            info = zipfile.ZipInfo(name, date_time=timestamp)
            info.create_system = 3  # Unix, so that external_attr holds the permissions
            if name.endswith("/"):
                info.external_attr = ((stat.S_IFDIR | FOLDER_MODE) << 16) | 0x10
                archive.writestr(info, b"")
            else:
                info.external_attr = (stat.S_IFREG | FILE_MODE) << 16
                info.compress_type = COMPRESSION
                archive.writestr(info, path.read_bytes(), compress_type=COMPRESSION, compresslevel=COMPRESS_LEVEL)


def unsafe_entries(archive: zipfile.ZipFile) -> list[str]:
    """Every reason not to extract ``archive``; empty when it is safe."""
    problems: list[str] = []
    seen: dict[str, str] = {}
    total = 0
    for info in archive.infolist():
        name = info.filename
        reason = _unsafe_name(name) or _unsafe_type(info) or _unreadable(info)
        if reason:
            problems.append(f"unsafe entry {name!r}: {reason}")
            continue
        key = name.rstrip("/").casefold()
        if key in seen:
            problems.append(f"unsafe entry {name!r}: same name as {seen[key]!r} (ignoring case)")
        seen[key] = name
        total += info.file_size
    if total > MAX_UNPACKED_BYTES:
        problems.append(f"the zip would unpack to {total} bytes, more than the limit of {MAX_UNPACKED_BYTES}")
    return problems


def _unsafe_name(name: str) -> str | None:
    if "\\" in name or "\x00" in name:
        return "backslash or NUL in the name"
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "absolute path"
    parts = PurePosixPath(name).parts
    if not parts or any(part in ("..", ".") for part in name.rstrip("/").split("/")):
        return "path leaves the bag ('..' or '.')"
    if "" in name.rstrip("/").split("/"):
        return "empty path component"
    return None


READABLE_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "Deflate"}
METHOD_NAMES = {9: "Deflate64", 12: "bzip2", 14: "LZMA", 93: "Zstandard", 95: "XZ", 98: "PPMd", 99: "AES encryption"}


def _unreadable(info: zipfile.ZipInfo) -> str | None:
    """Why an entry cannot be read back here (a snapshot never has either)."""
    if info.flag_bits & 0x1:
        return "encrypted; a snapshot is never encrypted (was it re-zipped with a password?)"
    if info.compress_type not in READABLE_METHODS:
        method = METHOD_NAMES.get(info.compress_type, f"method {info.compress_type}")
        return (f"compressed with {method}, which cannot be read here; a snapshot uses Deflate "
                "(unzip it with a tool that can, then verify the folder)")
    return None


def _unsafe_type(info: zipfile.ZipInfo) -> str | None:
    mode = info.external_attr >> 16
    if info.create_system == 3 and mode:
        kind = stat.S_IFMT(mode)
        if kind == stat.S_IFLNK:
            return "symbolic link"
        if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
            return "special file (device, pipe or socket)"
    return None


def extract_safely(archive_path: Path, destination: Path) -> None:
    """Extract a zip into ``destination`` after checking every entry; raise SnapshotError if unsafe."""
    try:
        archive = zipfile.ZipFile(archive_path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise SnapshotError(f"{archive_path}: the zip is damaged or truncated ({error}); copy it again "
                            "from its source, or verify an unzipped copy") from None
    with archive:
        problems = unsafe_entries(archive)
        if problems:
            raise SnapshotError(f"{archive_path}: refused to extract:\n  " + "\n  ".join(problems))
        root = destination.resolve()
        for info in archive.infolist():
            target = (root / info.filename).resolve()
            if target != root and root not in target.parents:
                raise SnapshotError(f"{archive_path}: refused to extract {info.filename!r}: it lands outside the bag")
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with archive.open(info) as source, open(target, "xb") as sink:
                    while block := source.read(1 << 20):
                        sink.write(block)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError, ValueError) as error:
                raise SnapshotError(f"{archive_path}: cannot read {info.filename!r}: the zip is damaged or "
                                    f"truncated ({error})") from None
