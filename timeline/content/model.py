"""The content model: small frozen dataclasses that every stage hands on.

Nouns only: loading and validating live in ``content``, writing entries in
``entries``, rendering in ``site``. A model object is valid by construction
once ``content.load_content`` has returned it without errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal, Mapping

Precision = Literal["day", "month", "year"]
Review = Literal["auto", "manual", "verified", "disputed", "rejected"]
# auto: written by `timeline extract`, not reviewed; manual: written by hand
# (`timeline new`), not yet reviewed by a second editor.
REVIEW_STATES: tuple[str, ...] = ("auto", "manual", "verified", "disputed", "rejected")


@dataclass(frozen=True)
class PartialDate:
    """A calendar date known to the day, the month or the year.

    ``iso`` is the form written in entries: ``YYYY-MM-DD``, ``YYYY-MM`` or
    ``YYYY``; the precision is the format.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        if self.day is not None:
            return date(self.year, self.month or 1, self.day)
        if self.month is None:
            return date(self.year, 12, 31)
        if self.month == 12:
            return date(self.year, 12, 31)
        return date.fromordinal(date(self.year, self.month + 1, 1).toordinal() - 1)

    @classmethod
    def of_day(cls, value: date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; raise ValueError otherwise."""
        parts = text.split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isascii() and p.isdigit() for p in parts):
            raise ValueError(text)
        if len(parts[0]) != 4 or any(len(p) != 2 for p in parts[1:]):
            raise ValueError(text)
        numbers = [int(p) for p in parts]
        value = cls(*numbers)
        value.first_day()  # raises ValueError for month 13 or 30 February
        return value

    def __str__(self) -> str:
        return self.iso


# An entry's ``time``: "HH:MM" (24-hour local time), or the part of the day
# the text gives when it gives no clock time ("مساء أمس" -> evening). Each
# part of the day sorts at a clock time inside it; its Arabic label for
# readers is in data/vocabulary.yml (``parts_of_day``).
PARTS_OF_DAY: dict[str, str] = {
    "dawn": "05:00", "morning": "09:00", "daytime": "12:00", "noon": "12:30", "afternoon": "15:30",
    "evening": "19:00", "night": "22:00", "midnight": "23:59",
}


@dataclass(frozen=True)
class EventDate:
    """When an event happened: a date, an optional end, and how sure we are.

    The one date value of the project: the date engine resolves expressions
    to it, extraction carries it, entries are written from it
    (``content.entries.date_front_matter``) and read back into it.
    ``time`` is "HH:MM" or a key of :data:`PARTS_OF_DAY`.
    """

    start: PartialDate
    end: PartialDate | None = None
    approximate: bool = False
    time: str | None = None

    @property
    def precision(self) -> Precision:
        return self.start.precision

    @property
    def grain(self) -> str:
        """``day``, ``month`` or ``year``; ``range`` when there is an end."""
        return "range" if self.end is not None else self.start.precision

    @property
    def iso(self) -> str:
        """ISO 8601 notation, ``START/END`` for a range (for display and the
        ``timeline dates`` JSON, never handed between stages)."""
        return self.start.iso if self.end is None else f"{self.start.iso}/{self.end.iso}"

    def first_day(self) -> date:
        return self.start.first_day()

    def last_day(self) -> date:
        return (self.end or self.start).last_day()

    def same_days(self, other: EventDate) -> bool:
        """The same calendar span and certainty, whatever the time of day."""
        return (self.start, self.end, self.approximate) == (other.start, other.end, other.approximate)

    def sort_key(self) -> tuple:
        """Total order: first day, then coarser precision last, then end, then time."""
        order = {"day": 0, "month": 1, "year": 2}
        clock = PARTS_OF_DAY.get(self.time, self.time) if self.time else ""
        return (self.start.first_day(), order[self.precision], self.last_day(), clock)


@dataclass(frozen=True)
class Outlet:
    """A publisher or a claimant: a news outlet, an agency, a monitor, a service."""

    key: str
    name_ar: str
    name_en: str
    kind: str  # e.g. state-media, opposition-outlet, independent-outlet, monitor, rescue-service
    url: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class GazetteerItem:
    """An actor (a party, an army, a state) or a place, with its spelling variants."""

    key: str
    kind: Literal["actor", "place"]
    name_ar: str
    name_en: str
    aliases: tuple[str, ...] = ()
    type: str | None = None  # free text: city, camp, armed-group, state, ...


@dataclass(frozen=True)
class Article:
    """A stored source text, verbatim, with its front matter."""

    id: str
    outlet: str
    published: date
    language: str
    text: str
    path: Path
    body_line: int  # line number (1-based) of the first line of text in the file
    url: str | None = None
    archived_url: str | None = None
    title: str | None = None
    extra: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Citation:
    """One source for an event: a stored article and its verbatim sentence,
    or an external URL with its outlet and date."""

    quote: str
    article: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    archived_url: str | None = None
    attributed_to: str | None = None
    # Filled by validation: where the quote lies in the stored article.
    sentence: int | None = None
    span: tuple[int, int] | None = None


@dataclass(frozen=True)
class Extracted:
    """Provenance written by ``timeline extract``; the fingerprint tells
    whether an editor has changed the entry since."""

    article: str
    sentence: int
    fingerprint: str
    sentences: tuple[int, ...] = ()  # every sentence the draft quoted, the first included
    clauses: tuple[tuple[int, str], ...] = ()  # (sentence, clause) for a sentence that tells several occurrences

    @property
    def sentence_numbers(self) -> tuple[int, ...]:
        return self.sentences or (self.sentence,)


@dataclass(frozen=True)
class Entry:
    """One event of the timeline, as written in ``content/events/**/<id>.md``."""

    id: str
    date: EventDate
    title: str
    categories: tuple[str, ...]
    sources: tuple[Citation, ...]
    path: Path
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    review: str = "auto"
    counter_sources: tuple[Citation, ...] = ()
    body: str = ""
    extracted: Extracted | None = None
    lines: dict[str, int] = field(default_factory=dict, compare=False)

    def sort_key(self) -> tuple:
        return (*self.date.sort_key(), self.id)


@dataclass(frozen=True)
class Category:
    key: str
    label: str  # Arabic, shown to readers
    color: str  # CSS colour; always shown together with the label


@dataclass(frozen=True)
class Content:
    """Everything the site is built from, loaded and validated."""

    root: Path
    articles: dict[str, Article]
    entries: tuple[Entry, ...]  # sorted by Entry.sort_key, rejected ones included
    outlets: dict[str, Outlet]
    actors: dict[str, GazetteerItem]
    places: dict[str, GazetteerItem]
    categories: dict[str, Category]
    # What the load saw of each entry file (``content.frontmatter.FileStamp``),
    # and the registries it validated them against: extraction re-reads, under
    # its lock, only the files changed since (``content.load.entries_now``).
    entry_stamps: Mapping[Path, int] = field(default_factory=dict, compare=False, repr=False)
    registries: Any = field(default=None, compare=False, repr=False)

    @property
    def published_entries(self) -> tuple[Entry, ...]:
        """Entries shown on the site: all but ``review: rejected``."""
        return tuple(e for e in self.entries if e.review != "rejected")
