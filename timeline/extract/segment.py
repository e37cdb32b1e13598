"""Segmentation for extraction: the shared sentence rules and the date engine.

Extraction must number sentences exactly as the site anchors them, so it
reuses ``timeline.sentences.split_sentences``; the date engine runs once
over the whole article (relative dates need the whole text) and each
mention is handed to the sentence that contains it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from typing import Callable

from timeline.dates import find_dates
from timeline.sentences import Sentence, split_sentences


DateFinder = Callable[..., list]

# Time spent in the date engine in this process (the benchmark reports its share).
DATE_ENGINE_SECONDS = [0.0]


def default_date_finder() -> DateFinder:
    """The project's date engine."""
    return find_dates


@dataclass(frozen=True)
class Segment:
    """A sentence with the date mentions that lie inside it (offsets in the article)."""

    sentence: Sentence
    dates: tuple


def segment_article(text: str, published: date, language: str, find_dates: DateFinder | None = None) -> list[Segment]:
    """Sentences of ``text`` in order, each with its date mentions."""
    finder = find_dates or default_date_finder()
    began = time.perf_counter()
    mentions = sorted(finder(text, published, language=language), key=lambda m: (m.start, m.end))
    DATE_ENGINE_SECONDS[0] += time.perf_counter() - began
    sentences = split_sentences(text)
    segments = []
    position = 0
    for sentence in sentences:
        inside = []
        while position < len(mentions) and mentions[position].start < sentence.start:
            position += 1
        scan = position
        while scan < len(mentions) and mentions[scan].start < sentence.end:
            inside.append(mentions[scan])
            scan += 1
        segments.append(Segment(sentence, tuple(inside)))
    return segments
