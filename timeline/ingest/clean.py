"""Cleaning imported text: trailing page furniture and Markdown syntax.

The text is otherwise kept verbatim: citations quote it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from timeline.normalize import normalize_arabic

HEADLINE = re.compile(r"^#\s+(.+?)\s*#*\s*$")
MARKDOWN_LINE_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,3}[.)]\s+)")
MARKDOWN_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
MARKDOWN_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),                     # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),                  # links keep their text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),                 # reference links
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),          # strong
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"`([^`]+)`"), r"\1"),                              # code
)
REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")


@lru_cache(maxsize=1)
def boilerplate() -> dict[str, Any]:
    """The page-furniture word lists (data, editable: ``timeline/ingest/data/boilerplate.yml``)."""
    text = resources.files("timeline.ingest").joinpath("data/boilerplate.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def clean_text(text: str) -> str:
    """Trim each line's trailing spaces, collapse runs of blank lines, and
    drop trailing boilerplate lines. Nothing inside the text is rewritten."""
    lines = [line.rstrip() for line in text.lstrip("\ufeff").split("\n")]
    kept: list[str] = []
    for line in lines:
        if not line.strip() and (not kept or not kept[-1].strip()):
            continue
        kept.append(line)
    while kept and (not kept[-1].strip() or is_boilerplate_line(kept[-1])):
        kept.pop()
    return "\n".join(kept)


def is_boilerplate_line(line: str) -> bool:
    """A lone "التعليقات", "Share", or a bar of share words."""
    data = boilerplate()
    folded = normalize_arabic(line).strip(" :-–|·•")
    if not folded:
        return True
    if folded in {normalize_arabic(item) for item in data["trailing_lines"]}:
        return True
    words = re.split(r"[\s|·•/]+", folded)
    share = {normalize_arabic(item) for item in data["share_words"]}
    return len(words) >= 2 and all(word in share for word in words if word)


def strip_markdown(text: str) -> tuple[str, str | None]:
    """Plain text of a Markdown article, and its ``# headline`` when it opens with one.

    Headings, quotes, list markers, rules, emphasis, code marks and link syntax
    go; the words stay, one paragraph a line.
    """
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    title = None
    if first is not None and (match := HEADLINE.match(lines[first])):
        title = strip_inline(match.group(1))
        del lines[first]
    plain: list[str] = []
    for line in lines:
        if MARKDOWN_RULE.match(line) or REFERENCE_DEFINITION.match(line):
            continue
        plain.append(strip_inline(MARKDOWN_LINE_PREFIX.sub("", line)))
    return "\n".join(plain), title


def strip_inline(text: str) -> str:
    for pattern, replacement in MARKDOWN_INLINE:
        text = pattern.sub(replacement, text)
    return text.rstrip()
