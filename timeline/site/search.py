"""The offline search index: a prebuilt token index shipped as a ``.js`` file.

Both sides fold the same way: the index is built with ``normalize.normalize_arabic``
and the fold table itself travels inside the index, so ``timeline.js``
applies exactly the folds of ``normalize.py`` (alef/hamza/ya/ta marbuta,
diacritics, tatweel, invisibles, Eastern ⇄ Latin digits, quote styles) and
then strips the same light prefixes (و ب ل ف ك ال …). A ``<script src>``
file works from ``file://``, where ``fetch`` of JSON would not.

Format: ``{"docs": [[id, url, title, date], …], "terms": {stem: "0,1a,2f"}, …}``
where each posting list holds base-36 document numbers.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Iterable

from timeline import normalize
from timeline.content.model import Content
from timeline.site.markup import json_for_script

# Longest first: "وال" before "و". A prefix is stripped only when what is
# left is still a word (MIN_STEM letters), so "وفد" stays "وفد".
PREFIXES: tuple[str, ...] = ("وال", "بال", "كال", "فال", "لل", "ال", "و", "ب", "ل", "ف", "ك")
MIN_STEM = 3
_TOKEN = re.compile(r"[^\W_]+")


def stem(token: str) -> str:
    """Strip one light prefix from a folded token."""
    for prefix in PREFIXES:
        if token.startswith(prefix) and len(token) - len(prefix) >= MIN_STEM:
            return token[len(prefix):]
    return token


def fold(text: str) -> str:
    """``normalize.normalize_arabic`` (kept as the name the tests and docs use)."""
    return normalize.normalize_arabic(text)


def terms(text: str) -> list[str]:
    """Folded, stemmed tokens of ``text``, as the JavaScript side computes them."""
    return [stem(token) for token in _TOKEN.findall(fold(text))]


class _TermMemo:
    """Terms of whitespace-separated words, each distinct word folded once.

    Folding never joins or splits across whitespace, so the terms of a text
    are the terms of its words in order; at 10,000 events the same few
    thousand words recur hundreds of times each."""

    def __init__(self) -> None:
        self._words: dict[str, tuple[str, ...]] = {}

    def terms(self, text: str) -> set[str]:
        found: set[str] = set()
        words = self._words
        for word in text.split():
            known = words.get(word)
            if known is None:
                known = words[word] = tuple(terms(word))
            found.update(known)
        return found


def fold_table() -> dict[str, Any]:
    """The folds of ``normalize.py`` as data for ``timeline.js``."""
    table: dict[str, str] = {}
    for source, target in (
        ("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789"),
    ):
        table.update(zip(source, target))
    table.update(normalize._LETTER_FOLDS)  # noqa: SLF001 (the one source of truth)
    for code, value in normalize._QUOTES.items():  # noqa: SLF001
        table[chr(code)] = value
    drop = normalize._DROPPED.pattern[:-1] + normalize.INVISIBLES.pattern[1:]  # noqa: SLF001
    # Written as \\uXXXX escapes so the file itself holds no invisible characters.
    drop = "".join(char if char.isascii() else f"\\u{ord(char):04x}" for char in drop)
    return {"fold": dict(sorted(table.items())), "drop": drop, "prefixes": list(PREFIXES), "min_stem": MIN_STEM}


def build_index(content: Content, views: Iterable[Any]) -> dict[str, Any]:
    """The index for the published events, in timeline order."""
    docs: list[list[str]] = []
    postings: dict[str, list[int]] = defaultdict(list)
    memo = _TermMemo()
    for number, view in enumerate(views):
        docs.append([view.id, view.url, view.title, view.date_text])
        for term in memo.terms(_searchable_text(content, view)):
            postings[term].append(number)
    numerals = [_base36(number) for number in range(len(docs))]
    encoded = {term: ",".join([numerals[n] for n in numbers]) for term, numbers in sorted(postings.items())}
    return {"version": 1, "docs": docs, "terms": encoded, **fold_table()}


def search_script(index: dict[str, Any]) -> str:
    """The ``search-index.js`` file: one assignment, safe to load with ``<script src>``."""
    return "window.TIMELINE_SEARCH=" + json_for_script(index) + ";\n"


def _searchable_text(content: Content, view: Any) -> str:
    entry = view.entry
    parts = [view.title, view.date_text, view.attribution, entry.body]
    parts += [category.label for category in view.categories]
    for key in entry.actors:
        item = content.actors.get(key)
        parts += [item.name_ar, item.name_en, *item.aliases] if item else [key]
    for key in entry.places:
        item = content.places.get(key)
        parts += [item.name_ar, item.name_en, *item.aliases] if item else [key]
    for key in view.outlets:
        outlet = content.outlets.get(key)
        parts += [outlet.name_ar, outlet.name_en] if outlet else [key]
    parts += [citation.quote for citation in entry.sources + entry.counter_sources]
    return " ".join(part for part in parts if part)


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, remainder = divmod(number, 36)
        text = digits[remainder] + text
        if not number:
            return text
