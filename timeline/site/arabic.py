"""Arabic display of dates and numbers: what a reader sees of an EventDate.

"الأحد 8 نيسان/أبريل 2018" by default. Month names (Levantine, Egyptian or
both) and digits (Latin or Arabic-Indic) follow the plugin configuration:
one numeral system across the site (``DateDisplay.number`` for numbers,
``DateDisplay.numerals`` for text an editor wrote, such as the site name).
Counts follow Arabic number agreement (``DateDisplay.count``: "حدث واحد",
"حدثان", "3 أحداث", "11 حدثًا", "100 حدث"), the noun forms from ``names.yml``.
Precision is shown honestly: a month-precision date never gains a day, an
approximate one is prefixed "نحو" (a range ends "تقريبًا"), a range reads "من … إلى …". The words
come from ``names.yml`` beside this module.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from timeline.content.model import PARTS_OF_DAY, EventDate, PartialDate
from timeline.content.vocabulary import outlet_kinds, part_of_day_labels, review_labels

LATIN_DIGITS = "0123456789"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"  # Extended Arabic-Indic, as Persian and Urdu keyboards type them
ARABIC_INDIC = str.maketrans(LATIN_DIGITS, ARABIC_INDIC_DIGITS)
TO_ARABIC_INDIC = str.maketrans(LATIN_DIGITS + PERSIAN_DIGITS, ARABIC_INDIC_DIGITS * 2)
TO_LATIN = str.maketrans(ARABIC_INDIC_DIGITS + PERSIAN_DIGITS, LATIN_DIGITS * 2)
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")
# Editors' HTML: tags, and inside text the character references (whose digits
# are not numbers) and runs of digits.
_HTML_PIECES = re.compile(r"(<[^>]*>)")
_TEXT_NUMBERS = re.compile(r"&#?[0-9A-Za-z]+;|[0-9٠-٩۰-۹]+")
_VERBATIM_TAGS = re.compile(r"<(/?)(code|pre|blockquote|kbd|samp|script|style)\b", re.IGNORECASE)


def plural_form(number: int) -> str:
    """The Arabic plural category of a whole number (CLDR's rules): "one" (1),
    "two" (2, the dual), "few" (3–10 and 103–110…: a plural), "many" (11–99,
    111–199…: a singular in the accusative), "zero" (0) and "other" (100,
    101, 102, 200…: a singular)."""
    number = abs(number)
    if number == 0:
        return "zero"
    if number in (1, 2):
        return "one" if number == 1 else "two"
    rest = number % 100
    if 3 <= rest <= 10:
        return "few"
    if 11 <= rest <= 99:
        return "many"
    return "other"


@lru_cache(maxsize=1)
def names() -> dict[str, Any]:
    """The reader-facing vocabulary (weekdays, months, review and outlet kinds)."""
    path = Path(__file__).with_name("names.yml")
    words = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {**words, "reviews": review_labels(), "outlet_kinds": outlet_kinds()}


def counted_nouns() -> dict[str, dict[str, str]]:
    """Every noun the site counts, with its forms: ``one`` and ``two`` (written
    without a digit), ``few``, ``many`` and ``other`` (after the number), and
    ``zero`` when "no …" reads better than "0 …"."""
    return names()["counted"]


class DateDisplay:
    """Formats dates for readers according to ``month_names`` and ``digits``."""

    def __init__(self, month_names: str = "both", digits: str = "latin") -> None:
        if month_names not in ("both", "levantine", "egyptian"):
            raise ValueError(f"month_names must be both, levantine or egyptian, not {month_names!r}")
        if digits not in ("latin", "arabic"):
            raise ValueError(f"digits must be latin or arabic, not {digits!r}")
        self.month_names = month_names
        self.digits = digits
        vocabulary = names()
        self._weekdays: list[str] = vocabulary["weekdays"]
        self._levantine: list[str] = vocabulary["months"]["levantine"]
        self._egyptian: list[str] = vocabulary["months"]["egyptian"]

    def number(self, value: int | str) -> str:
        """A number in the configured digits."""
        text = str(value)
        return text.translate(ARABIC_INDIC) if self.digits == "arabic" else text

    def numerals(self, text: str) -> str:
        """Any text with its digits (Latin, Arabic-Indic or Persian) in the
        configured system: the site name, an editor's title. Never for quotes
        or article text, which stay as the source printed them."""
        return text.translate(TO_ARABIC_INDIC if self.digits == "arabic" else TO_LATIN)

    def numerals_in_html(self, html: str) -> str:
        """:meth:`numerals` on the text of editors' HTML (a narrative, the
        introduction, the about page): never inside tags or attributes
        (URLs), character references, code, or quotations (``blockquote``:
        a source's words stay as printed)."""
        pieces = _HTML_PIECES.split(html)
        verbatim = 0
        for index, piece in enumerate(pieces):
            if index % 2:  # a tag
                tag = _VERBATIM_TAGS.match(piece)
                if tag:
                    verbatim = max(verbatim + (-1 if tag.group(1) else 1), 0)
            elif not verbatim and piece:
                pieces[index] = _TEXT_NUMBERS.sub(
                    lambda m: m.group(0) if m.group(0).startswith("&") else self.numerals(m.group(0)), piece)
        return "".join(pieces)

    def count(self, number: int, noun: str) -> str:
        """"حدث واحد", "حدثان", "3 أحداث", "11 حدثًا", "100 حدث" (``noun`` a key
        of ``counted`` in names.yml: event, source, party, outlet, result, …)."""
        forms = counted_nouns()[noun]
        form = plural_form(number)
        if form == "zero":
            if "zero" in forms:
                return forms["zero"]
            form = "other"
        if form in ("one", "two"):
            return forms[form]
        return f"{self.number(number)} {forms[form]}"

    def month(self, month: int) -> str:
        """"نيسان/أبريل", "نيسان" or "أبريل"."""
        levantine, egyptian = self._levantine[month - 1], self._egyptian[month - 1]
        if self.month_names == "levantine":
            return levantine
        if self.month_names == "egyptian":
            return egyptian
        return f"{levantine}/{egyptian}"

    def weekday(self, day: date) -> str:
        return self._weekdays[day.weekday()]

    def day(self, day: date, *, weekday: bool = True, year: bool = True) -> str:
        """"الأحد 8 نيسان/أبريل 2018"."""
        parts = [self.weekday(day)] if weekday else []
        parts += [self.number(day.day), self.month(day.month)]
        if year:
            parts.append(self.number(day.year))
        return " ".join(parts)

    def month_of(self, year: int, month: int) -> str:
        """"نيسان/أبريل 2018"."""
        return f"{self.month(month)} {self.number(year)}"

    def partial(self, value: PartialDate, *, weekday: bool = True, year: bool = True) -> str:
        """A date at its own precision: a day, a month or a year."""
        if value.precision == "day":
            return self.day(value.first_day(), weekday=weekday, year=year)
        if value.precision == "month":
            return f"{self.month(value.month or 1)} {self.number(value.year)}" if year else self.month(value.month or 1)
        return self.number(value.year)

    def event_date(self, when: EventDate) -> str:
        """The full reader-facing date of an event."""
        if when.end is None or when.end == when.start:
            text = self.partial(when.start)
        else:
            text = self._range(when.start, when.end)
        if when.approximate:
            text = f"{text} تقريبًا" if when.end and when.end != when.start else f"نحو {text}"
        if when.time in PARTS_OF_DAY:
            text = f"{text}، {self.time_of_day(when)}"
        elif when.time:
            text = f"{text}، الساعة {self.time_of_day(when)}"
        return text

    def time_of_day(self, when: EventDate) -> str:
        """An event's time as readers see it: the clock time in the site's
        digits, or the Arabic name of the part of the day ("مساءً"); "" without one."""
        if when.time in PARTS_OF_DAY:
            return part_of_day_labels()[when.time]
        return self.number(when.time) if when.time else ""

    def _range(self, start: PartialDate, end: PartialDate) -> str:
        same_year = start.year == end.year
        if same_year and start.precision == end.precision == "day" and start.month == end.month:
            first = f"{self.weekday(start.first_day())} {self.number(start.day or 1)}"
            return f"من {first} إلى {self.day(end.first_day())}"
        if same_year and start.precision == end.precision and start.precision != "year":
            return f"من {self.partial(start, year=False)} إلى {self.partial(end)}"
        return f"من {self.partial(start)} إلى {self.partial(end)}"

    def iso_datetime(self, when: EventDate) -> str:
        """The machine value for ``<time datetime>``: ISO date, month or year,
        with the time when known (HTML's valid date string forms)."""
        if when.time and when.time not in PARTS_OF_DAY and when.start.precision == "day":
            return f"{when.start.iso}T{when.time}"
        return when.start.iso


def count_phrase(number: int, noun: str, digits: str | DateDisplay = "latin") -> str:
    """:meth:`DateDisplay.count` for a digits setting ("latin" or "arabic") or a display."""
    display = digits if isinstance(digits, DateDisplay) else DateDisplay(digits=digits)
    return display.count(number, noun)
