"""Reading Markdown files with YAML front matter, keeping line numbers.

Every problem an editor sees names a line, so the YAML is composed into
nodes first and each value's line is recorded under its path, e.g.
``("sources", 0, "quote")``. Dates stay strings: YAML's own timestamp type
would turn "2018-02-30" into an exception instead of a message.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, Callable

import yaml

from timeline.content.problems import Problem

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ALIAS_NODES = 10_000
"""Aliases may add at most this many values to a YAML document (a "billion
laughs" adds billions): each alias counts as the values it stands for."""
MAX_YAML_DEPTH = 100
"""Deepest nesting of lists and mappings a YAML document may have."""


class _PlainLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when built with it
    """SafeLoader without the timestamp resolver: dates are validated by us."""


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# YAML 1.1 reads 14:30 as the base-60 integer 870; a clock time stays text.
for _digit in "0123456789":
    _PlainLoader.yaml_implicit_resolvers[_digit] = [
        ("tag:yaml.org,2002:str", re.compile(r"^\d{1,2}:\d{2}(:\d{2})?$")),
        *_PlainLoader.yaml_implicit_resolvers.get(_digit, []),
    ]


_STR_TAG = "tag:yaml.org,2002:str"


class YamlLimitError(yaml.MarkedYAMLError):
    """A YAML document is valid but too large once expanded, or too deep."""


class FrontMatterError(Exception):
    """A file cannot be read as front matter + body; ``line`` says where."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Document:
    data: dict[str, Any]
    lines: dict[tuple, int]  # path of a value -> 1-based line in the file
    body: str
    body_line: int  # 1-based line of the first body line

    def line(self, *path: Any) -> int:
        """The line of the value at ``path``, else of its nearest parent."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


def read_text(path: Path, root: Path | None = None) -> str:
    """Read a content file as UTF-8 (BOM allowed), with line endings normalized.

    The file must be a regular file (not a symbolic link, a pipe or a device)
    and, when ``root`` is given, lie inside it once every link is resolved."""
    problem = content_file_problem(path, root)
    if problem:
        raise FrontMatterError(1, problem)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise FrontMatterError(1, f"file is {size / 1048576:.1f} MB; the limit is {MAX_FILE_BYTES // 1048576} MB per file")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise FrontMatterError(line, f"not UTF-8 text (byte {error.start}); save the file as UTF-8, or import it with `timeline import --encoding`") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_document(text: str) -> Document:
    """Split ``---`` front matter from the body and parse it with line numbers."""
    if not text.strip():
        raise FrontMatterError(1, "the file is empty; it needs front matter between two '---' lines")
    if not text.startswith("---\n"):
        raise FrontMatterError(1, "no front matter: the file must start with a '---' line, then YAML, then '---'")
    closing = text.find("\n---", 3)
    while closing >= 0 and text[closing + 4 : closing + 5] not in ("\n", ""):
        closing = text.find("\n---", closing + 4)
    if closing < 0:
        raise FrontMatterError(1, "the front matter is not closed: add a '---' line after it")
    yaml_text = text[4 : closing + 1]
    body_start = closing + 5
    body = text[body_start:] if body_start <= len(text) else ""
    body_line = text[:body_start].count("\n") + 1
    data, lines = parse_yaml_with_lines(yaml_text, first_line=2)
    if not isinstance(data, dict):
        raise FrontMatterError(2, "the front matter must be a mapping of `key: value` lines")
    return Document(data, lines, body, body_line)


def parse_yaml_with_lines(yaml_text: str, first_line: int = 1) -> tuple[Any, dict[tuple, int]]:
    """Parse YAML; return the data and the line of every value by its path."""
    loader = _PlainLoader(yaml_text)
    try:
        node = loader.get_single_node()
        check_yaml_size(node)
        lines: dict[tuple, int] = {}
        data = _construct(loader, node, (), lines, first_line) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = first_line + (mark.line if mark else 0)
        problem = getattr(error, "problem", None) or str(error)
        raise FrontMatterError(line, problem if isinstance(error, YamlLimitError) else f"broken YAML: {problem}") from None
    finally:
        loader.dispose()
    return data, lines


def _construct(loader: yaml.SafeLoader, node: yaml.Node, path: tuple, lines: dict, first_line: int) -> Any:
    lines[path] = first_line + node.start_mark.line
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.MarkedYAMLError(problem="a key must be plain text", problem_mark=key_node.start_mark)
            key = key_node.value if key_node.tag == _STR_TAG else loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise yaml.MarkedYAMLError(problem="a key must be plain text", problem_mark=key_node.start_mark)
            key = str(key)
            if key in result:
                raise yaml.MarkedYAMLError(problem=f'the key "{key}" appears twice', problem_mark=key_node.start_mark)
            result[key] = _construct(loader, value_node, (*path, key), lines, first_line)
            lines[(*path, key)] = first_line + key_node.start_mark.line
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(loader, item, (*path, index), lines, first_line) for index, item in enumerate(node.value)]
    if node.tag == _STR_TAG:  # most values: no need to go through the constructor
        return node.value
    return loader.construct_object(node, deep=True)


def check_yaml_size(node: yaml.Node | None) -> None:
    """Raise a marked YAMLError when aliases expand ``node`` by more than
    ``MAX_ALIAS_NODES`` values or it nests deeper than ``MAX_YAML_DEPTH``.

    Linear in the document: every distinct node is sized once, so a
    billion-laughs document is refused in microseconds, before anything
    walks it."""
    if node is None:
        return
    sizes: dict[int, int] = {}
    distinct = 0
    stack: list[tuple[yaml.Node, int, bool]] = [(node, 1, False)]
    while stack:
        current, depth, children_done = stack.pop()
        if id(current) in sizes:
            continue
        children = _children(current)
        if not children_done:
            if depth > MAX_YAML_DEPTH:
                raise YamlLimitError(problem=f"nested more than {MAX_YAML_DEPTH} levels deep",
                                           problem_mark=current.start_mark)
            stack.append((current, depth, True))
            stack.extend((child, depth + 1, False) for child in children if id(child) not in sizes)
            continue
        sizes[id(current)] = 1 + sum(sizes.get(id(child), 0) for child in children)
        distinct += 1
        if sizes[id(current)] - distinct > MAX_ALIAS_NODES:
            raise YamlLimitError(problem=f"too many aliases: they would expand to more than {MAX_ALIAS_NODES} "
                                       "values (a \"billion laughs\" document?); write the values out",
                                       problem_mark=current.start_mark)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def load_yaml(text: str, loader_class: type = _PlainLoader) -> Any:
    """``yaml.safe_load`` with the alias and depth limits (for YAML that needs no line numbers)."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        check_yaml_size(node)
        return loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def content_file_problem(path: Path, root: Path | None = None) -> str | None:
    """Why ``path`` may not be read as content, or None: it must be a regular
    file, not a symbolic link, and (with ``root``) lie inside ``root``."""
    try:
        mode = path.lstat().st_mode
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    if stat.S_ISLNK(mode):
        return (f"is a symbolic link (to {os.readlink(path)}); content files must be regular files "
                "inside the content folder: copy the file here instead")
    if not stat.S_ISREG(mode):
        return "is not a regular file (a pipe, device or socket); content files must be regular files"
    if root is not None:
        real, real_root = path.resolve(), Path(root).resolve()
        if real != real_root and real_root not in real.parents:
            return (f"lies outside the content folder {real_root} (through a linked folder: {real}); "
                    "content files must be inside it")
    return None


def list_content_files(folder: Path, root: Path, *, recursive: bool, suffix: str = ".md",
                       skip: Callable[[PurePath], bool] | None = None) -> tuple[list[Path], list]:
    """The ``*.md`` files under ``folder`` (sorted, hidden ones left out),
    and a problem for every symbolic link (file or folder) or special file
    among them: nothing outside the content folder is read, nothing is
    dropped without a word."""
    found: list[Path] = []
    problems: list = []
    if not folder.exists() and not folder.is_symlink():
        return found, problems
    problem = _folder_problem(folder, root)
    if problem:
        return found, [Problem(str(folder), 1, "file", problem)]
    for current, folders, files in os.walk(folder):
        here = Path(current)
        folders[:] = sorted(name for name in folders if not name.startswith(".") and
                            not (skip and skip((here / name).relative_to(folder))))
        for name in list(folders):
            if (here / name).is_symlink():
                folders.remove(name)
                problems.append(Problem(str(here / name), 1, "file", f"is a symbolic link to a folder (to "
                                        f"{os.readlink(here / name)}); content must be inside the content folder"))
        if not recursive:
            folders[:] = []
        for name in sorted(files):
            path = here / name
            if name.startswith(".") or not name.endswith(suffix) or (skip and skip(path.relative_to(folder))):
                continue
            # Inside ``root`` by construction: the folder was checked above and the
            # walk never enters a linked folder, so only the file itself is looked
            # at (resolving every file's path cost 0.07 ms, 3.7 CPU s at 50,000 entries).
            problem = content_file_problem(path)
            if problem:
                problems.append(Problem(str(path), 1, "file", problem))
            else:
                found.append(path)
    return sorted(found), problems


def _folder_problem(folder: Path, root: Path) -> str | None:
    if folder.is_symlink():
        return f"is a symbolic link (to {os.readlink(folder)}); content folders must be real folders inside the content folder"
    if not folder.is_dir():
        return "is not a folder"
    real, real_root = folder.resolve(), Path(root).resolve()
    if real != real_root and real_root not in real.parents:
        return f"lies outside the content folder {real_root}"
    return None


FileStamp = int
"""What ``os.stat`` says of a file (modification and change times in ns, size,
inode), hashed into one number: a content load keeps one per entry file (4 MB
at 50,000 entries, where the four numbers took 15 MB)."""


def file_stamp(path: Path) -> FileStamp | None:
    """The file's stamp, or None when it cannot be looked at; any write
    (an editor's save, a rename into place) changes it."""
    try:
        info = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return hash((info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino))


def read_document(path: Path, root: Path | None = None) -> Document:
    return parse_document(read_text(path, root))


def read_document_or_report(path: Path, problems: list, root: Path | None = None) -> Document | None:
    """``read_document``, with an unreadable file recorded as a problem instead."""
    try:
        return read_document(path, root)
    except FrontMatterError as error:
        problems.append(Problem(str(path), error.line, "file", error.message))
        return None


def read_yaml_file(path: Path, root: Path | None = None) -> tuple[Any, dict[tuple, int]]:
    return parse_yaml_with_lines(read_text(path, root), first_line=1)
