"""The date engine's cold start, cached across runs (issue 15 item 3).

A one-article ``timeline dates`` used to spend most of its time compiling
the grammar's regular expressions and parsing the YAML word lists in pure
Python. Both results are plain data, so they are kept in one file in the
user's cache folder and reused by the next process:

- **the lexicon** (every word list, folded): stored under a key made of the
  bytes of ``data/*.yml`` and of the modules that build it (``lexicon.py``,
  ``timeline/normalize.py``), so editing a list or the folding rebuilds it;
- **the rule tables** (each rule's name, pattern string and reader's name),
  keyed by the grammar's modules and the data files;
- **the prefix analysis** of each rule (``prefilter``), keyed by its pattern;
- **compiled regular expressions**: for each pattern string and flags, the
  program ``re`` compiles it to (what ``re._compiler.compile`` hands to
  ``_sre.compile``). The pattern string is its own key, so a changed rule
  simply misses; the whole file is keyed by the Python version and the
  regex engine's ``MAGIC``, whose programs are not portable. ``_sre``
  validates every program it is given, as it does for ``re.compile``.

The file is ``$TIMELINE_CACHE_DIR`` (if set) or
``$XDG_CACHE_HOME/douma-timeline`` or ``~/.cache/douma-timeline``, name
``dates-<key>.marshal``; the prefix sets of the long-text prefilter (some
megabytes, never used for one article) are in ``dates-prefixes-<key>.marshal``,
read only by a run that asks for them (``marshal``: no code runs on load). It is written
once per process at exit when something new was compiled, atomically (a
temporary file renamed over it); an unreadable, corrupt or unwritable cache
is ignored and everything is computed as before. Results are identical with
and without it (tested).
"""

from __future__ import annotations

import _sre
import atexit
import functools
import marshal
import os
import re
import sys
from array import array
from pathlib import Path
from re import _compiler, _parser  # imported by ``re`` itself: free
from typing import Any, Callable

try:
    from _sha256 import sha256  # CPython's own implementation: hashlib would load OpenSSL, 2.7 ms of a cold start
except ImportError:
    from hashlib import sha256

ENGINE_DIR = Path(__file__).parent
SOURCES = [ENGINE_DIR / "lexicon.py", ENGINE_DIR.parent / "normalize.py"]
FORMAT = 2


def cache_dir() -> Path | None:
    """Where the cache lives, or None when no folder can be named."""
    configured = os.environ.get("TIMELINE_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "douma-timeline"
    try:
        return Path.home() / ".cache" / "douma-timeline"
    except RuntimeError:     # no home directory
        return None


def _sha256():
    """SHA-256 without loading OpenSSL when the built-in module is there."""
    return sha256()


def _engine_key() -> str:
    """Python version and regex engine: compiled programs are valid only for both."""
    magic = getattr(getattr(re, "_constants", None), "MAGIC", 0)
    digest = _sha256()
    digest.update(f"{FORMAT}|{sys.version}|{magic}".encode())
    return digest.hexdigest()[:16]


@functools.cache
def data_key() -> str:
    """A digest of the word lists and of the code that folds them into the lexicon."""
    return files_key(sorted((ENGINE_DIR / "data").glob("*.yml")) + SOURCES)


def files_key(paths: list[Path]) -> str:
    """A digest of the names and bytes of ``paths``."""
    digest = _sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class _Store:
    """The loaded cache file and what this process added to it."""

    def __init__(self, name: str = "dates") -> None:
        self.name = name
        self.loaded = False
        self.dirty = False
        self.data: dict[str, Any] = {"lexicon_key": None, "lexicon": None, "regexes": {}}

    @property
    def path(self) -> Path | None:
        folder = cache_dir()
        return folder / f"{self.name}-{_engine_key()}.marshal" if folder else None

    def load(self) -> None:
        if self.loaded:
            return
        self.loaded = True
        path = self.path
        try:
            if path is not None and path.is_file():
                data = marshal.loads(path.read_bytes())
                if isinstance(data, dict) and isinstance(data.get("regexes"), dict):
                    self.data = data
        except (OSError, ValueError, EOFError, TypeError):
            pass                                   # unreadable or corrupt: start afresh
        atexit.register(self.save)

    def save(self) -> None:
        """Write the cache if this process added to it; never fail the command."""
        path = self.path
        if not self.dirty or path is None:
            return
        import tempfile  # 3.9 ms of a cold start (-X importtime); needed only when the cache is written
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".dates-", dir=path.parent)
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(marshal.dumps(self.data))
                os.replace(temporary, path)
            finally:
                if os.path.exists(temporary):
                    os.unlink(temporary)
            self.dirty = False
        except (OSError, ValueError):
            pass                                   # unwritable: the next run compiles again


_STORE = _Store()
# Values a short text never asks for (the prefix sets of the long-text
# prefilter: megabytes) live in files of their own, read only when asked:
# loading them would cost a one-article run more than it saves.
SIDE_NAMESPACES = frozenset({"prefixes"})
_SIDE_STORES: dict[str, _Store] = {}


def _store_for(namespace: str | None) -> _Store:
    """The main store, or the side store of ``namespace`` when it is one of SIDE_NAMESPACES."""
    if namespace not in SIDE_NAMESPACES:
        return _STORE
    if namespace not in _SIDE_STORES:
        _SIDE_STORES[namespace] = _Store(f"dates-{namespace}")
    return _SIDE_STORES[namespace]


def cached_lexicon(build: Callable[[], dict]) -> dict:
    """The lexicon's fields: from the cache when the data files are unchanged, else ``build()``."""
    _STORE.load()
    key = data_key()
    if _STORE.data.get("lexicon_key") == key and isinstance(_STORE.data.get("lexicon"), dict):
        return _STORE.data["lexicon"]
    fields = build()
    try:
        marshal.dumps(fields)
    except ValueError:
        return fields                              # not storable: use it, keep nothing
    _STORE.data["lexicon_key"], _STORE.data["lexicon"] = key, fields
    _STORE.dirty = True
    return fields


def cached_sources(kind: str, files: list[Path], build: Callable[[], list]) -> list:
    """A grammar's rule table (names, pattern strings, reader names) as
    ``build()`` makes it from the lexicon; from the cache when ``files`` (the
    grammar's modules) and the data files are unchanged."""
    _STORE.load()
    key = f"{kind}|{files_key(files)}|{data_key()}"
    tables = _STORE.data.setdefault("sources", {})
    if key in tables and isinstance(tables[key], list):
        return tables[key]
    table = build()
    for stale in [name for name in tables if name.startswith(f"{kind}|")]:
        del tables[stale]
    tables[key] = table
    _STORE.dirty = True
    return table


def cached_value(namespace: str, key: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, stored under ``key`` (a string that determines the
    result by itself, e.g. a pattern) for later runs; marshal-able values only."""
    store = _store_for(namespace)
    store.load()
    table = store.data.setdefault(namespace, {})
    if key in table:
        return table[key]
    value = compute()
    try:
        marshal.dumps(value)
    except ValueError:
        return value
    table[key] = value
    store.dirty = True
    return value


def compile_pattern(pattern: str, flags: int = 0, *, side: str | None = None) -> re.Pattern:
    """``re.compile(pattern, flags)``, reusing the program compiled by an earlier run;
    ``side``: kept in that side file (one of SIDE_NAMESPACES), not the main one."""
    store = _store_for(side)
    store.load()
    key = f"{flags}|{pattern}"
    programs = store.data.setdefault("regexes", {})
    parts = programs.get(key)
    if parts is not None:
        try:
            return _from_parts(pattern, parts)
        except Exception:  # noqa: BLE001 - any failure of a stored program: compile afresh
            pass
    try:
        parts = _to_parts(pattern, flags)
        compiled = _from_parts(pattern, parts)
    except Exception:  # noqa: BLE001 - the private API moved: the public one still works
        return re.compile(pattern, flags)
    programs[key] = parts
    store.dirty = True
    return compiled


def _to_parts(pattern: str, flags: int) -> tuple:
    """What ``re._compiler.compile`` passes to ``_sre.compile`` (CPython 3.11+)."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (int(flags | parsed.state.flags), array("I", code).tobytes(), parsed.state.groups - 1, groupindex,
            tuple(indexgroup))


def _from_parts(pattern: str, parts: tuple) -> re.Pattern:
    flags, code, groups, groupindex, indexgroup = parts
    program = array("I")
    program.frombytes(code)
    return _sre.compile(pattern, flags, program.tolist(), groups, groupindex, tuple(indexgroup))
