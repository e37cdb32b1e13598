"""Arabic sentence segmentation, shared by validation, extraction and the site.

Sentences are numbered from 1 in article order; the number is the anchor of
the sentence on the article page (``#s-<n>``) and what citations point to,
so the rules here are part of the URL contract: change them and anchors move.

Rules: ``.``, ``!``, ``؟``, ``?``, ``؛`` and line breaks end a sentence; the
Arabic comma ``،`` does not. A terminator inside quotation marks or
parentheses does not end the sentence (the quote ends it), unless the quote
is never closed in its paragraph. A full stop between digits (3.5), between
Latin letters (a.m, sana.sy), after a single Latin capital (U.N.) or after a
Latin abbreviation of ``data/abbreviations.yml`` (Gen., Aug. 5, 10 a.m. Friday)
is not a terminator.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

TERMINATORS = frozenset(".!?؟؛")
OPENERS = {"(": ")", "«": "»", "“": "”", "[": "]", "﴿": "﴾"}
CLOSERS = frozenset(OPENERS.values()) | {'"', "'"}
SYMMETRIC_QUOTES = frozenset('"')


@dataclass(frozen=True)
class Sentence:
    number: int  # 1-based, in article order
    start: int  # offsets into the article text
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with their offsets."""
    spans: list[tuple[int, int]] = []
    for match in re.finditer(r"[^\n]+", text):
        paragraph_spans = _split_paragraph(text, match.start(), match.end(), respect_quotes=True)
        if paragraph_spans is None:
            paragraph_spans = _split_paragraph(text, match.start(), match.end(), respect_quotes=False)
        spans.extend(paragraph_spans or [])
    sentences = []
    for start, end in spans:
        start, end = _trim(text, start, end)
        if end > start and any(ch.isalnum() for ch in text[start:end]):
            sentences.append(Sentence(len(sentences) + 1, start, end, text[start:end]))
    return sentences


def _split_paragraph(text: str, start: int, end: int, *, respect_quotes: bool) -> list[tuple[int, int]] | None:
    """Spans of one line; None when a quote or bracket is left open."""
    spans: list[tuple[int, int]] = []
    stack: list[str] = []
    sentence_start = start
    index = start
    while index < end:
        char = text[index]
        if respect_quotes:
            if char in SYMMETRIC_QUOTES:
                if stack and stack[-1] == char:
                    stack.pop()
                else:
                    stack.append(char)
            elif char in OPENERS:
                stack.append(OPENERS[char])
            elif stack and char == stack[-1]:
                stack.pop()
        if char in TERMINATORS and not stack and _ends_sentence(text, index, end):
            index += 1
            while index < end and (text[index] in TERMINATORS or (text[index] in CLOSERS and not stack)):
                index += 1
            spans.append((sentence_start, index))
            sentence_start = index
            continue
        index += 1
    if stack:
        return None
    spans.append((sentence_start, end))
    return spans


def _ends_sentence(text: str, index: int, end: int) -> bool:
    if text[index] != ".":
        return True
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < end else ""
    if before.isdigit() and after.isdigit():
        return False  # 3.5, 12.04.2018
    if before.isascii() and before.isupper() and (index < 2 or not text[index - 2].isalpha()):
        return False  # U.N., U.S.
    if _latin_letter(before) and _latin_letter(after):
        return False  # a.m, e.g, sana.sy
    return not _abbreviation_goes_on(text, index, end)


@dataclass(frozen=True)
class Abbreviations:
    titles: frozenset[str]
    before_number: frozenset[str]
    times: frozenset[str]
    time_followers: frozenset[str]


@lru_cache(maxsize=1)
def abbreviations() -> Abbreviations:
    """The Latin abbreviations of ``timeline/data/abbreviations.yml``."""
    text = resources.files("timeline").joinpath("data/abbreviations.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return Abbreviations(*(frozenset(str(word) for word in data[key])
                           for key in ("titles", "before_number", "times", "time_followers")))


_LATIN_WORD_BEFORE = re.compile(r"[A-Za-z][A-Za-z.]*$")
_NEXT_WORDS = re.compile(r"\s*(\S+)(?:\s+(\S+))?")


def _abbreviation_goes_on(text: str, index: int, end: int) -> bool:
    """Whether the stop at ``index`` closes an abbreviation inside the sentence."""
    word = _LATIN_WORD_BEFORE.search(text, max(0, index - 12), index)
    if word is None or (word.start() > 0 and text[word.start() - 1].isalnum()):
        return False
    token = word.group().lower()
    known = abbreviations()
    following = _NEXT_WORDS.match(text, index + 1, end)
    next_word = following.group(1) if following else ""
    if token in known.titles:
        return bool(next_word)
    if token in known.before_number:
        return next_word[:1].isdigit()
    if token in known.times:
        after_next = (following.group(2) or "") if following else ""
        return bool(next_word) and (not next_word[0].isupper()
                                    or next_word.strip(",.").lower() in known.time_followers
                                    or after_next.strip(",.").lower() == "time")
    return False


def _latin_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_at(sentences: list[Sentence], offset: int) -> Sentence | None:
    """The sentence that contains ``offset`` (binary search: sentences are in order)."""
    position = bisect.bisect_right(sentences, offset, key=lambda sentence: sentence.start) - 1
    if position >= 0 and offset < sentences[position].end:
        return sentences[position]
    return None
