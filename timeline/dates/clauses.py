"""Which clause of its sentence a date mention belongs to (issue 11 item 3).

Interface (for extraction)::

    from timeline.dates.clauses import clause_of, main_clause_mentions
    clause_of(text, mention.start, language="ar")   # -> Clause(kind, start, end, opener)
    main_clause_mentions(text, mentions, start, end, language="ar")  # the sentence's own dates first

``clause_of`` finds the clause around ``position`` in ``text``: clauses are
cut at punctuation (، , ؛ ; : and sentence ends) and before a relative
pronoun or a background opener (``data/clauses.yml``). Its ``kind`` is

- ``"relative"``: the clause opens with a relative pronoun ("الذي", "التي",
  "which", "who" …): the date belongs to what the pronoun describes ("…
  الطريق الذي خرج عبره آلاف المدنيين في الأسابيع الماضية");
- ``"background"``: the clause opens with a reminder or the pluperfect
  ("وكان … قد", "يذكر أن", "يأتي ذلك بعد", "had", "earlier");
- ``"main"``: anything else.

``main_clause_mentions`` orders the mentions inside [start, end) (one
sentence) main-clause first, keeping text order within each kind: the
first is the one that dates the reported event. Both read only the text;
they never drop a mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Sequence

from timeline.dates.lexicon import alternation, load_data
from timeline.normalize import normalize_arabic

BREAK = re.compile(r"[.!?؟؛;:،,\n]")
KIND_ORDER = {"main": 0, "background": 1, "relative": 2}


@dataclass(frozen=True)
class Clause:
    """A clause of a sentence: its kind, span in the text, and the word that opened it."""

    kind: str
    start: int
    end: int
    opener: str | None


@cache
def _openers(language: str) -> re.Pattern:
    data = load_data("clauses")
    relative = [normalize_arabic(word) for word in data[f"relative_{language}"]]
    background = [normalize_arabic(word) for word in data[f"background_{language}"]]
    flags = re.IGNORECASE if language == "en" else 0
    clitic = "" if language == "en" else r"[وف]?"
    return re.compile(rf"(?<!\w){clitic}(?:(?P<relative>{alternation(relative)[3:-1]})|"
                      rf"(?P<background>{alternation(background)[3:-1]}))(?!\w)", flags)


def clause_of(text: str, position: int, language: str = "ar") -> Clause:
    """The clause of ``text`` that holds ``position`` (see the module docstring)."""
    if language not in ("ar", "en"):
        raise ValueError(f"language must be 'ar' or 'en', not {language!r}")
    position = max(0, min(position, len(text)))
    start = 0
    for match in BREAK.finditer(text, 0, position):
        start = match.end()
    end_match = BREAK.search(text, position)
    end = end_match.start() if end_match else len(text)
    segment = normalize_arabic(text[start:position]) if language == "ar" else text[start:position]
    kind, opener, opened_at = "main", None, start
    for match in _openers(language).finditer(segment):
        if match.group("background") and not _opens_clause(segment, match.start()):
            continue
        kind = "relative" if match.group("relative") else "background"
        opener, opened_at = match.group(), start + match.start()
    if kind == "background" and opener and language == "ar" and opener.lstrip("وف") in ("كان", "كانت", "كانوا") \
            and "قد" not in segment[segment.find(opener):].split()[:6]:
        kind, opener, opened_at = "main", None, start   # "كان" without "قد" is not the pluperfect
    return Clause(kind, opened_at, end, opener)


def _opens_clause(segment: str, index: int) -> bool:
    """A background opener counts only at the head of its clause (a few words in at most)."""
    return len(segment[:index].split()) <= 1


def main_clause_mentions(text: str, mentions: Sequence, start: int = 0, end: int | None = None,
                         language: str = "ar") -> list:
    """The mentions inside ``[start, end)``, main-clause ones first, then
    background, then relative clauses; text order within each kind."""
    end = len(text) if end is None else end
    inside = [mention for mention in mentions if start <= mention.start and mention.end <= end]
    return sorted(inside, key=lambda mention: (KIND_ORDER[clause_of(text, mention.start, language).kind],
                                               mention.start))
