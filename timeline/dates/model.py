"""Nouns of the date engine: a found expression and what a rule reads in it.

``DateMention`` is what the engine hands on (``timeline dates --format
json`` prints its :meth:`DateMention.to_json`); ``Reading`` is the internal
result of one grammar rule before offsets are mapped back to the original
text and the role is settled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from timeline.dates.resolve import When


@dataclass(frozen=True)
class DateMention:
    """One temporal expression found in a text, resolved.

    ``start``/``end`` are offsets into the original (unnormalized) text and
    ``text == original[start:end]``. ``value`` is ``YYYY-MM-DD``,
    ``YYYY-MM``, ``YYYY`` or ``START/END``; ``grain`` is ``day``, ``month``,
    ``year`` or ``range``; ``role`` is ``event``, ``future`` or ``other``.
    ``time_of_day`` is the part of the day the words give with the date
    ("مساء", "فجر", "ليل", "منتصف الليل"; "morning", "night" in English),
    for an entry's ``time``; None when they give none.
    """

    text: str
    start: int
    end: int
    value: str
    grain: str
    approximate: bool
    role: str
    time_of_day: str | None = None

    def to_json(self) -> dict:
        """The object of the ``timeline dates --format json`` contract."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "grain": self.grain,
            "approximate": self.approximate,
            "role": self.role,
            "time_of_day": self.time_of_day,
        }


@dataclass(frozen=True)
class Reading:
    """What a grammar rule reads in one match.

    ``role`` is "future" when the words themselves mark the future
    ("المقبل", "غداً", a deadline), "other" for a date that is not an event
    date, and None when the engine decides from the value and the sentence.
    ``same_as_previous`` marks "في اليوم ذاته": the engine gives it the
    value of the mention before it in the text (``when`` is a placeholder).
    ``time_of_day`` is the part of the day the words give, if any.
    """

    when: When
    approximate: bool = False
    role: str | None = None
    same_as_previous: bool = False
    time_of_day: str | None = None


@dataclass(frozen=True)
class Context:
    """What a rule needs besides its match: the publication date and
    whether the sentence before the match marks the future."""

    published: date
    future: bool
