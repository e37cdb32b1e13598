"""Scoring the date engine against labelled sentences (tests and benchmark).

A labelled sentence lists the expressions it holds: a substring, the value,
and optionally the role and approximation. A found mention matches an
expected one when their spans overlap and the values are equal; it is a
"span hit" when only the spans overlap. Precision and recall count matches.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterable

import yaml


@dataclass(frozen=True)
class Expected:
    text: str
    start: int
    end: int
    value: str
    role: str | None = None
    approximate: bool | None = None


@dataclass(frozen=True)
class Labelled:
    text: str
    published: date
    language: str
    expected: tuple[Expected, ...]
    known_failure: str | None = None


@dataclass
class Score:
    """Counts over a set of sentences."""

    found: int = 0
    expected: int = 0
    correct: int = 0
    span_hits: int = 0
    sentences_right: int = 0
    sentences: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def load_labelled(path: Path) -> list[Labelled]:
    """Read a YAML file of labelled sentences (see tests/fixtures/dates)."""
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    sentences = []
    for record in records:
        text = record["text"]
        expected = []
        for item in record.get("expect") or []:
            start = text.find(item["text"])
            if start < 0:
                raise ValueError(f"{path}: {item['text']!r} is not in {text!r}")
            expected.append(Expected(item["text"], start, start + len(item["text"]), str(item["value"]),
                                     item.get("role"), item.get("approximate")))
        sentences.append(Labelled(text, record["published"], record.get("language", "ar"),
                                  tuple(expected), record.get("known_failure")))
    return sentences


def overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    return start < other_end and other_start < end


def check(sentence: Labelled, mentions: Iterable) -> list[str]:
    """Differences between what was found and what is expected (empty: right)."""
    problems = []
    mentions = list(mentions)
    for expected in sentence.expected:
        hits = [m for m in mentions if overlaps(m.start, m.end, expected.start, expected.end)]
        if not hits:
            problems.append(f"missed {expected.text!r} ({expected.value})")
            continue
        mention = hits[0]
        if mention.value != expected.value:
            problems.append(f"{mention.text!r}: value {mention.value}, expected {expected.value}")
        if expected.role and mention.role != expected.role:
            problems.append(f"{mention.text!r}: role {mention.role}, expected {expected.role}")
        if expected.approximate is not None and mention.approximate != expected.approximate:
            problems.append(f"{mention.text!r}: approximate {mention.approximate}")
    for mention in mentions:
        if not any(overlaps(mention.start, mention.end, e.start, e.end) for e in sentence.expected):
            problems.append(f"spurious {mention.text!r} ({mention.value})")
    return problems


def score(sentences: Iterable[Labelled], find: Callable[[Labelled], list]) -> Score:
    """Score ``find`` (sentence -> objects with start, end, value) on ``sentences``."""
    total = Score()
    for sentence in sentences:
        mentions = find(sentence)
        total.sentences += 1
        total.found += len(mentions)
        total.expected += len(sentence.expected)
        for expected in sentence.expected:
            hits = [m for m in mentions if overlaps(m.start, m.end, expected.start, expected.end)]
            total.span_hits += bool(hits)
            total.correct += any(m.value == expected.value for m in hits)
        problems = check(sentence, mentions)
        total.sentences_right += not problems
        total.errors.extend(f"{sentence.text}: {problem}" for problem in problems)
    return total
