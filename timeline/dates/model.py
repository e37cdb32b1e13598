"""Nouns of the date engine: a found expression and what a rule reads in it.

``DateMention`` is what the engine hands on (``timeline dates --format
json`` prints its :meth:`DateMention.to_json`); ``Reading`` is the internal
result of one grammar rule before offsets are mapped back to the original
text and the role is settled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from timeline.content.model import EventDate


@dataclass(frozen=True)
class DateMention:
    """One temporal expression found in a text, resolved.

    ``start``/``end`` are offsets into the original (unnormalized) text and
    ``text == original[start:end]``. ``when`` is the model's date value
    (:class:`timeline.content.model.EventDate`: a day, month or year, or a
    range; approximate or not; ``time`` the part of the day the words give
    with the date, "مساء أمس" -> ``evening``, or None). ``role`` is
    ``event``, ``future`` or ``other``. The other properties are views of
    ``when`` for the ``timeline dates --format json`` contract.
    """

    text: str
    start: int
    end: int
    when: EventDate
    role: str

    @property
    def value(self) -> str:
        """``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``START/END``."""
        return self.when.iso

    @property
    def grain(self) -> str:
        return self.when.grain

    @property
    def approximate(self) -> bool:
        return self.when.approximate

    @property
    def time_of_day(self) -> str | None:
        return self.when.time

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
    ``time_of_day`` is the part of the day the words give, if any (a key
    of :data:`timeline.content.model.PARTS_OF_DAY`). ``when`` carries
    neither: the engine sets them on the mention's value.
    """

    when: EventDate
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
