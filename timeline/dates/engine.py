"""The date engine: every temporal expression in a text, resolved.

Stage two of the pipeline (after ``normalize``): ``find_dates`` folds the
text, runs the grammar's rules over the folded text, keeps the longest
non-overlapping readings, settles each one's role, and reports spans as
offsets into the original text. Extraction hands the mentions on to event
entries; ``timeline dates`` prints them.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache

from timeline.dates.lexicon import alternation, lexicon
from timeline.dates.model import Context, DateMention, Reading
from timeline.normalize import fold_char

_FOLDED: dict[str, str] = {}

SENTENCE_END = re.compile(r"[.!?؟؛\n]")


@dataclass(frozen=True)
class Candidate:
    """One rule's reading of one span of the normalized text."""

    start: int
    end: int
    priority: int
    reading: Reading


@cache
def _future_cues() -> re.Pattern:
    return re.compile(r"(?<!\w)[وف]?" + alternation(lexicon().future_cues) + r"(?!\w)")


@cache
def _approximators() -> re.Pattern:
    return re.compile(r"(?<!\w)" + alternation(lexicon().approximators) + r"\s?$")


class _Sentences:
    """Where each sentence of a normalized text starts, for context cues."""

    def __init__(self, folded: str) -> None:
        self.folded = folded
        self.starts = [0] + [match.end() for match in SENTENCE_END.finditer(folded)]
        self._future: dict[tuple[int, int], bool] = {}

    def start_of(self, position: int) -> int:
        return self.starts[bisect.bisect_right(self.starts, position) - 1]

    def future_before(self, position: int) -> bool:
        """Whether the sentence, up to ``position``, marks a plan or deadline."""
        key = (self.start_of(position), position)
        if key not in self._future:
            self._future[key] = _future_cues().search(self.folded, key[0], position) is not None
        return self._future[key]


def _rules(language: str):
    if language == "en":
        from timeline.dates.english import rules as english_rules
        return english_rules()
    from timeline.dates.grammar import rules as arabic_rules
    return arabic_rules()


def _core_span(match: re.Match) -> tuple[int, int]:
    start, end = match.span("core")
    # "للعام الماضي": the article lost its alef to the preposition; report
    # the whole word rather than half of it.
    if start > 0 and match.string[start] == "ل" and match.string[start - 1] == "ل" \
            and match.start("clitic") < start:
        start = match.start("clitic")
    return start, end


def _candidates(folded: str, published: date, language: str) -> list[Candidate]:
    sentences = _Sentences(folded)
    found = []
    gates: dict[re.Pattern, bool] = {}
    for priority, rule in enumerate(_rules(language)):
        gate = getattr(rule, "gate", None)
        if gate is not None:
            if gate not in gates:
                gates[gate] = gate.search(folded) is not None
            if not gates[gate]:
                continue
        for match in rule.regex.finditer(folded):
            start, end = _core_span(match)
            if start == end:
                continue
            context = Context(published, sentences.future_before(start))
            reading = rule.read(match, context)
            if reading is not None:
                found.append(Candidate(start, end, priority, _with_context(reading, folded, start, context)))
    return found


def _with_context(reading: Reading, folded: str, start: int, context: Context) -> Reading:
    """Settle approximation and role from the words around the expression."""
    approximate = reading.approximate or bool(_approximators().search(folded[max(0, start - 24):start]))
    role = reading.role
    if role is None:
        if reading.when.first > context.published:
            role = "future"
        elif context.future and reading.when.last >= context.published:
            role = "future"
        else:
            role = "event"
    return Reading(reading.when, approximate, role)


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """The longest candidates that do not overlap, earlier rules first."""
    chosen: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.priority, c.start)):
        if all(candidate.end <= other.start or candidate.start >= other.end for other in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


def _original_span(text: str, origin: list[int], start: int, end: int) -> tuple[int, int]:
    original_start, original_end = origin[start], origin[end - 1] + 1
    # Keep diacritics and tatweel that trail the last letter ("غداً").
    while original_end < len(text) and (unicodedata.category(text[original_end]) == "Mn"
                                        or text[original_end] == "\u0640"):
        original_end += 1
    return original_start, original_end


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """:func:`timeline.normalize.normalize_with_offsets`, with each
    character's folding memoized: the same result, several times faster."""
    out: list[str] = []
    origin: list[int] = []
    previous_space = True
    folded_cache = _FOLDED
    for index, char in enumerate(text):
        folded = folded_cache.get(char)
        if folded is None:
            folded = folded_cache[char] = fold_char(char)
        if len(folded) == 1 and not folded.isspace():
            out.append(folded)
            origin.append(index)
            previous_space = False
            continue
        for piece in folded:
            if piece.isspace():
                if previous_space:
                    continue
                piece, previous_space = " ", True
            else:
                previous_space = False
            out.append(piece)
            origin.append(index)
    while out and out[-1] == " ":
        out.pop()
        origin.pop()
    origin.append(len(text))
    return "".join(out), origin


def find_dates(text: str, published: date, language: str = "ar") -> list[DateMention]:
    """Every temporal expression in ``text``, resolved against ``published``.

    Mentions are sorted by start; offsets refer to ``text`` as given.
    ``language`` is "ar" (Arabic news) or "en" (English wire copy).
    """
    if language not in ("ar", "en"):
        raise ValueError(f"language must be 'ar' or 'en', not {language!r}")
    if not text:
        return []
    folded, origin = fold_with_offsets(text)
    mentions = []
    for candidate in _select(_candidates(folded, published, language)):
        start, end = _original_span(text, origin, candidate.start, candidate.end)
        reading = candidate.reading
        mentions.append(DateMention(
            text=text[start:end], start=start, end=end, value=reading.when.value,
            grain=reading.when.grain, approximate=reading.approximate, role=reading.role or "event"))
    return mentions
