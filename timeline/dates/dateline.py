"""The article's own date, read from its dateline or a date line near the top.

Interface (for extraction and import)::

    from timeline.dates.dateline import find_dateline
    line = find_dateline(text, language="ar", reference=None)   # Dateline | None

``find_dateline`` looks at the opening of ``text`` (the first
``HEAD_CHARACTERS`` characters) for, in this order:

1. an agency dateline: a place, a dash or comma, a date and the agency in
   parentheses, then a dash — "دمشق - 31 آذار (سانا) -", "DAMASCUS, April 8
   (Reuters) -", also with the agency first ("(سانا) دمشق 31 آذار -") or
   without the agency ("بيروت - 8 نيسان 2018 -");
2. a date line: a line that holds a date and nothing else but a label
   ("آخر تحديث", "نشر في", "Published", "Updated" …), a weekday, a clock
   time or a second calendar ("الجمعة 17 ربيع الأول 1438هـ 16-12-2016م",
   "22/06/2018", "Updated: April 8, 2018 10:13");
3. a date stamp: the text's first line opens with a date written with its
   year, after at most a label, and the headline follows on the same line
   (" date 2019-10-09 Turkey launches …", "2019-10-09 عنوان الخبر"), as a
   page's metadata runs into its title when the page is flattened to text;
   without a label only a numeric date ("12 April 2018 was …" may be a
   headline about that day).

It returns a :class:`Dateline`: ``day`` (the Gregorian date, or None when
the line gives a day and month without a year and no ``reference`` was
given), ``month``/``day_of_month``/``year`` as written (year None when
absent), ``start``/``end`` (the span of the whole dateline or date line in
``text``), ``date_start``/``date_end`` (the span of the date itself),
``place`` and ``agency`` (None when absent) and ``kind`` ("agency",
"date line" or "date stamp"). A yearless dateline ("31 آذار") is resolved against
``reference`` (e.g. the ``published`` the editor gave, or the import date)
as the most recent such day on or before it, as news does.

The function reads; it decides nothing: the caller compares ``day`` with
``published`` and warns when they disagree. It never raises on any text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from timeline.dates import resolve
from timeline.dates.engine import find_dates
from timeline.dates.lexicon import lexicon
from timeline.normalize import normalize_arabic

HEAD_CHARACTERS = 600
DATE_LINE_LABELS = re.compile(
    r"(?:اخر تحديث|تاريخ النشر|تاريخ الاضافه|نشر في|نشر بتاريخ|نشر|بتاريخ|تحديث|محدث|"
    r"published(?: on)?|updated(?: on)?|posted(?: on)?|last updated|first published|date)\s?:?",
    re.IGNORECASE)
CLOCK = re.compile(r"(?<!\w)(?:\d{1,2}[:.]\d{2}|\d{4}(?=\s?(?:gmt|utc)))(?:\s?(?:am|pm|gmt|utc|ص|م)(?!\w))?",
                   re.IGNORECASE)
FILLER = re.compile(r"[\s|/\\\-–—,،:()\[\]«»\"'.•·▪]+")
NUMERIC_DATE = re.compile(r"[\d٠-٩۰-۹]{1,4}(?:[/.\-][\d٠-٩۰-۹]{1,4}){2}")
AGENCY = r"\((?P<agency>[^()\n]{2,40})\)"
DASH = r"\s?[-–—]\s?"


@dataclass(frozen=True)
class Dateline:
    """The article's own date as its dateline or date line gives it."""

    text: str
    start: int
    end: int
    date_start: int
    date_end: int
    day: date | None
    year: int | None
    month: int
    day_of_month: int
    place: str | None
    agency: str | None
    kind: str          # "agency" or "date line"


def find_dateline(text: str, language: str = "ar", reference: date | None = None) -> Dateline | None:
    """The dateline or date line near the top of ``text``, or None (see the module docstring)."""
    head = text[:HEAD_CHARACTERS]
    for finder in (_agency_dateline, _date_line, _date_stamp):
        found = finder(head, language, reference)
        if found is not None:
            return found
    return None


# ------------------------------------------------------------------ agency datelines

# The agency dateline opens the text or the line after the headline.
DATELINE_LINES = 2


def _agency_dateline(head: str, language: str, reference: date | None) -> Dateline | None:
    lines = [(start, line) for start, line in _lines(head) if line.strip()][:DATELINE_LINES]
    for line_start, line in lines:
        for mention in _day_mentions(line, language):
            before, after = line[:mention.start], line[mention.end:]
            place_first = re.fullmatch(rf"\s*(?P<place>[^\W\d][^\n()]{{0,40}}?)(?:{DASH}|,\s)"
                                       rf"(?:[^\W\d]+,?\s)?", before)
            agency_first = re.fullmatch(rf"\s*{AGENCY}\s?(?:{DASH})?(?P<place>[^\W\d][^\n()]{{0,40}}?)"
                                        rf"(?:{DASH}|,\s|\s)", before)
            tail = re.match(rf"\s?(?:{AGENCY})?{DASH}", after)
            if agency_first and re.match(DASH, after):
                tail = re.match(DASH, after)
            if tail and not (place_first or agency_first) and tail.group("agency"):
                # "بيروت 25 نيسان 2016 (وكالة) –": a place of one or two words, a space, the
                # date, then the agency and the dash.
                place_first = re.fullmatch(r"\s*(?P<place>[^\W\d]+(?:\s[^\W\d]+)?)\s", before)
            if not tail or not (place_first or agency_first):
                continue
            opening = place_first or agency_first
            agency = (agency_first.group("agency") if agency_first else None) or \
                (tail.groupdict().get("agency") if tail.re.groupindex.get("agency") else None)
            if place_first and not agency and language == "en":
                continue  # "Syria, Thursday, Dec. 15 -" in a caption is not a dateline
            return _build(line_start, line_start + mention.end + tail.end(), line_start, mention, language,
                          reference, opening.group("place").strip(" ,-–—"), agency, "agency", head)
    return None


# ------------------------------------------------------------------ date lines

def _date_line(head: str, language: str, reference: date | None) -> Dateline | None:
    for line_start, line in _lines(head)[:8]:
        mentions = _day_mentions(line, language)
        if not mentions:
            continue
        rest = line
        for mention in sorted(find_dates(line, reference or date(2000, 1, 1), language), key=lambda m: -m.start):
            rest = rest[:mention.start] + " " + rest[mention.end:]
        folded = normalize_arabic(rest)
        folded = CLOCK.sub(" ", DATE_LINE_LABELS.sub(" ", folded))
        words = [word for word in FILLER.split(folded) if word]
        if all(_is_calendar_word(word) for word in words):
            mention = _best(mentions)
            return _build(line_start, line_start + len(line.rstrip()), line_start, mention, language,
                          reference, None, None, "date line", head)
    return None


def _date_stamp(head: str, language: str, reference: date | None) -> Dateline | None:
    """A date with its year opening the first line, the headline after it; or
    opening the first or second line run into the next word without a space
    ("27 كانون الثاني 2015قال …"), as a page's date and its text are when the
    page is flattened: no writer runs a date into a word."""
    lines = [(start, line) for start, line in _lines(head) if line.strip()][:2]
    for index, (line_start, line) in enumerate(lines):
        label = DATE_LINE_LABELS.match(line.strip())
        opening = len(line) - len(line.lstrip()) + (label.end() if label else 0)
        for mention in _day_mentions(line, language):
            if mention.year is None or line[opening:mention.start].strip(" :"):
                continue
            glued = line[mention.end:mention.end + 1].isalpha()
            if not glued and (index > 0 or not re.match(r"\s|$", line[mention.end:])):
                continue
            if not label and not glued and not NUMERIC_DATE.fullmatch(line[mention.start:mention.end]):
                continue  # "12 April 2018 was …" may be a headline about that day
            return _build(line_start, line_start + mention.end, line_start, mention, language,
                          reference, None, None, "date stamp", head)
    return None


def _is_calendar_word(word: str) -> bool:
    """Words a date line may hold besides its date: weekdays, a Hijri or
    Gregorian era mark, a Hijri month, a bare number (a Hijri year)."""
    lex = lexicon()
    word = word.lower()
    return (word.isdigit() or word in lex.weekdays or word[2:] in lex.weekdays or word in lex.hijri_months
            or word in ("ه", "هـ", "م", "ﻫ", "يوم", "الموافق", "ad")
            or word in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                        "mon", "tue", "wed", "thu", "fri", "sat", "sun"))


# ------------------------------------------------------------------ shared

def _lines(head: str) -> list[tuple[int, str]]:
    lines, position = [], 0
    for line in head.split("\n"):
        lines.append((position, line))
        position += len(line) + 1
    return lines


@dataclass(frozen=True)
class _DayMention:
    start: int
    end: int
    month: int
    day_of_month: int
    year: int | None
    gregorian: bool


def _day_mentions(line: str, language: str) -> list[_DayMention]:
    """Day-grain absolute dates in ``line``, read twice against two far-apart
    anchors: a value that does not move is written with its year."""
    first = find_dates(line, date(2000, 6, 15), language)
    second = {(m.start, m.end): m for m in find_dates(line, date(2040, 6, 15), language)}
    found = []
    for mention in first:
        other = second.get((mention.start, mention.end))
        if mention.grain != "day" or other is None or other.grain != "day":
            continue
        value = date.fromisoformat(mention.value)
        if value.month != date.fromisoformat(other.value).month or value.day != date.fromisoformat(other.value).day:
            continue  # a relative day ("أمس"), not a written date
        if value == date(2000, 6, 15) or mention.value == "2000-06-14":
            continue
        has_year = mention.value == other.value
        written = normalize_arabic(line[mention.start:mention.end + 3])
        hijri = bool(re.search(r"\dه|\sه(?!\w)", written)) or any(
            re.search(rf"(?<!\w){re.escape(name)}(?!\w)", written) for name in lexicon().hijri_months)
        found.append(_DayMention(mention.start, mention.end, value.month, value.day,
                                 value.year if has_year else None, not hijri))
    return found


def _best(mentions: list[_DayMention]) -> _DayMention:
    """The Gregorian date with a year, if the line gives one beside a Hijri date."""
    return max(mentions, key=lambda m: (m.year is not None, m.gregorian))


def _build(start: int, end: int, line_start: int, mention: _DayMention, language: str,
           reference: date | None, place: str | None, agency: str | None, kind: str, head: str) -> Dateline:
    if mention.year is not None:
        day = resolve.safe_date(mention.year, mention.month, mention.day_of_month)
    elif reference is not None:
        day = resolve.month_day(reference, mention.month, mention.day_of_month)
    else:
        day = None
    return Dateline(text=head[start:end].strip(), start=start, end=end,
                    date_start=line_start + mention.start, date_end=line_start + mention.end,
                    day=day, year=mention.year, month=mention.month, day_of_month=mention.day_of_month,
                    place=place, agency=agency.strip() if agency else None, kind=kind)
