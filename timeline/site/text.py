"""The article page's text: paragraphs of numbered sentences.

Each sentence of ``timeline.sentences.split_sentences`` becomes a segment
with its number (the ``#s-<n>`` anchor that citations link to) and the
events that cite it; the text between sentences is kept as it is, so the
page shows the stored article verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from timeline.sentences import split_sentences


@dataclass(frozen=True)
class Segment:
    text: str
    sentence: int | None = None  # None: text between sentences
    cited_by: tuple[Any, ...] = ()  # (EventView, citation number) pairs


def article_paragraphs(text: str, citing: dict[int, list[tuple[Any, int]]]) -> list[list[Segment]]:
    """Split ``text`` into paragraphs (its lines) of sentence segments."""
    sentences = split_sentences(text)
    paragraphs: list[list[Segment]] = []
    index = 0
    for line in re.finditer(r"[^\n]+", text):
        segments: list[Segment] = []
        position = line.start()
        while index < len(sentences) and sentences[index].start < line.end():
            sentence = sentences[index]
            if sentence.start > position:
                segments.append(Segment(text[position:sentence.start]))
            segments.append(Segment(sentence.text, sentence.number, tuple(citing.get(sentence.number, ()))))
            position = sentence.end
            index += 1
        if position < line.end():
            segments.append(Segment(text[position:line.end()]))
        if any(segment.text.strip() for segment in segments):
            paragraphs.append(segments)
    return paragraphs
