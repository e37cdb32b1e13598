"""One load of the content per command.

``timeline check``, ``extract``, ``build`` and ``snapshot`` each run inside
``one_load()`` (the CLI opens it for every command): ``content.load.load_content``
loads a content folder once and hands the same ``Content`` to the command, to
the extraction it runs and to the MkDocs plugin of its build. Outside a block
(tests, the live preview, which keeps its own ``ContentState``) every call
loads. Light on purpose: the CLI imports it for every command, ``timeline
dates`` included.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:  # the model stays unimported until something is loaded
    from timeline.content.model import Category, Content
    from timeline.content.problems import Problem

Loaded = tuple["Content", list["Problem"]]

# Content folder -> what was loaded from it in this block (``None``: no block open).
_LOADED: ContextVar[dict[Path, Loaded] | None] = ContextVar("timeline_loaded_content", default=None)


@contextmanager
def one_load(*seed: Loaded) -> Iterator[None]:
    """Within this block, content is loaded at most once per content folder.

    ``seed`` is content the caller has loaded already (the preview's, which may
    be newer than what an outer block holds). A nested block shares the outer
    block's loads, unless seeded."""
    outer = _LOADED.get()
    loads = dict(outer or {}) if seed or outer is None else outer
    for content, problems in seed:
        loads[Path(content.root)] = (content, problems)
    token = _LOADED.set(loads)
    try:
        yield
    finally:
        _LOADED.reset(token)


def loaded_already(content_dir: Path, categories: dict[str, Category]) -> Loaded | None:
    """What this block loaded from ``content_dir`` with the same vocabulary, or None."""
    loaded = (_LOADED.get() or {}).get(Path(content_dir))
    if loaded is None or loaded[0].categories != categories:
        return None
    return loaded[0], list(loaded[1])


def remember(content: Content, problems: list[Problem]) -> None:
    """Keep what was just loaded for the rest of the block (no block: nothing kept)."""
    loads = _LOADED.get()
    if loads is not None:
        loads[Path(content.root)] = (content, list(problems))


def forget_loaded() -> None:
    """Drop what this block loaded: extraction has just written entries."""
    loads = _LOADED.get()
    if loads is not None:
        loads.clear()
