"""The English date grammar, for wire copy ("on Saturday", "April 8, 2018").

Same contract and conventions as the Arabic grammar: a bare weekday is the
most recent one, a date without a year the most recent past occurrence. One
difference, as English news uses it: "Saturday night" is Saturday's date.
Absolute dates found by the patterns are read by dateparser (through
``adapter``, pinned settings); relative ones are resolved here.
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import cache

from timeline.dates import resolve
from timeline.dates.adapter import parse_date
from timeline.dates.cache import compile_pattern
from timeline.dates.grammar import Rule
from timeline.dates.model import Context, Reading

MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1) for name in names}
WEEKDAYS = {name: number for number, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "few": 3, "a few": 3,
           "several": 3, "couple of": 2, "a couple of": 2}
UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
         "months": "month", "year": "year", "years": "year", "hour": "hour", "hours": "hour"}
DEICTIC = {"today": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
           "the day after tomorrow": 2, "tonight": 0, "last night": -1, "this morning": 0,
           "this afternoon": 0, "this evening": 0, "earlier today": 0, "later today": 0,
           "later in the day": 0, "earlier in the day": 0, "later on the same day": 0}
# The part of the day English words give with the date (an entry's ``time``).
TIME_OF_DAY = {"tonight": "night", "last night": "night", "this morning": "morning",
               "this afternoon": "afternoon", "this evening": "evening", "morning": "morning",
               "afternoon": "afternoon", "evening": "evening", "night": "night"}
# Names that contain a date word and are not dates.
NAMES = ("world today", "usa today", "russia today", "today show", "the today programme", "news today",
         "syria today", "sunday times", "sunday telegraph", "mail on sunday")
# "The weekend" as English wire copy means it: Saturday and Sunday.
WEEKEND = (5, 6)
WEEK_PARTS = {"early": 0, "the start of": 0, "the beginning of": 0, "start of": 0, "beginning of": 0,
              "mid": 2, "mid-": 2, "the middle of": 2, "middle of": 2, "late": 4, "the end of": 4, "end of": 4}
ORDINAL_WEEKS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 5, "final": 5}
PARTS = {"early": (1, 10), "the beginning of": (1, 10), "beginning of": (1, 10), "the start of": (1, 10),
         "start of": (1, 10), "mid": (11, 20), "the middle of": (11, 20), "middle of": (11, 20),
         "late": (21, 31), "the end of": (21, 31), "end of": (21, 31)}
PAST, FUTURE = ("last", "past", "previous"), ("next", "coming")


def _alt(words) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


# A period after an abbreviation ("Dec. 15") belongs to it; after a full name it ends the sentence.
MONTH = (r"(?:" + _alt(name for name in MONTHS if len(name) > 4 or name in ("may", "june", "july"))
         + r"|" + _alt(name for name in MONTHS if len(name) <= 4 and name not in ("may", "june", "july")) + r"\.?)(?![a-z])")
WEEKDAY = _alt(WEEKDAYS) + r"(?![a-z])"
NUMBER = r"(?:\d{1,3}|" + _alt(NUMBERS) + r")"
UNIT = _alt(UNITS) + r"(?![a-z])"
YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d|,\d)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
START = r"(?<![\w])(?P<clitic>)"


def _number(text: str | None) -> int:
    if not text:
        return 1
    return int(text) if text.isdigit() else NUMBERS[text]


def _mode(word: str | None) -> str | None:
    if word in PAST:
        return "past"
    if word in FUTURE:
        return "future"
    return "current" if word == "this" else None


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def read_date(match: re.Match, context: Context) -> Reading | None:
    month_number = MONTHS[match.group("m").rstrip(".")]
    day_number = _day(match.group("d"))
    year_text = match.group("y")
    found = parse_date(f"{day_number} {list(MONTHS)[list(MONTHS.values()).index(month_number)]}"
                       + (f" {year_text}" if year_text else ""), context.published,
                       prefer="future" if context.future else "past")
    if found is None:  # dateparser declined: resolve by our own convention
        found = (resolve.safe_date(int(year_text), month_number, day_number) if year_text else
                 resolve.month_day(context.published, month_number, day_number, forward=context.future))
    return Reading(resolve.day(found)) if found else None


def read_range(match: re.Match, context: Context) -> Reading | None:
    month_number = MONTHS[match.group("m").rstrip(".")]
    first, last = _day(match.group("d1")), _day(match.group("d2"))
    year_text = match.group("y")
    end = (resolve.safe_date(int(year_text), month_number, last) if year_text
           else resolve.month_day(context.published, month_number, last, forward=context.future))
    start = resolve.safe_date(end.year, month_number, first) if end else None
    return Reading(resolve.day_range(start, end)) if start and first < last else None


def read_month_year(match: re.Match, context: Context) -> Reading | None:
    return Reading(resolve.month(int(match.group("y")), MONTHS[match.group("m").rstrip(".")]))


def read_month(match: re.Match, context: Context) -> Reading | None:
    month_number = MONTHS[match.group("m").rstrip(".")]
    mode = _mode(match.group("rel")) or ("future" if context.future else "recent")
    mode = "recent" if mode == "current" else mode
    part = match.group("part")
    when = resolve.recent_month(context.published, month_number, mode)
    if match.group("y"):
        when = resolve.month(int(match.group("y")), month_number)
    role = "future" if mode == "future" else None
    if part:
        year_number = when.start.year
        return Reading(resolve.part_of_month(year_number, month_number, PARTS[part.rstrip("- ")]),
                       approximate=True, role=role)
    if match.group("m") == "may" and not match.group("rel"):
        return None  # the modal verb
    return Reading(when, role=role)


def read_year(match: re.Match, context: Context) -> Reading | None:
    return Reading(resolve.year(int(match.group("y"))))


def read_deictic(match: re.Match, context: Context) -> Reading | None:
    word = match.group("deictic")
    offset = DEICTIC[word]
    return Reading(resolve.day(context.published + timedelta(days=offset)),
                   role="future" if offset > 0 or word.startswith("later") else None,
                   time_of_day=TIME_OF_DAY.get(word))


def read_weekday(match: re.Match, context: Context) -> Reading | None:
    mode = _mode(match.group("rel")) or ("future" if context.future else "recent")
    mode = "recent" if mode == "current" else mode
    found = resolve.weekday_near(context.published, WEEKDAYS[match.group("wd")], mode)
    return Reading(resolve.day(found), role="future" if mode == "future" else None,
                   time_of_day=TIME_OF_DAY.get(match.group("part") or ""))


def read_numeric(match: re.Match, context: Context) -> Reading | None:
    """"05.03.18", "4/22/2018": month first, as US wire copy writes them; day
    first only when the first number cannot be a month ("22/4/2018")."""
    first, second = int(match.group("a")), int(match.group("b"))
    year_number = int(match.group("y"))
    if len(match.group("y")) == 2:
        year_number += 2000 if year_number < 50 else 1900
    month_number, day_number = (first, second) if first <= 12 else (second, first)
    found = resolve.safe_date(year_number, month_number, day_number) if month_number <= 12 else None
    return Reading(resolve.day(found)) if found else None


def read_iso(match: re.Match, context: Context) -> Reading | None:
    """"2019-10-09": year, month, day."""
    found = resolve.safe_date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    return Reading(resolve.day(found)) if found else None


def read_weekend(match: re.Match, context: Context) -> Reading | None:
    mode = _mode(match.group("rel")) or ("future" if context.future else "recent")
    return Reading(resolve.weekend(context.published, mode, WEEKEND), approximate=True,
                   role="future" if mode == "future" else None)


def read_week_part(match: re.Match, context: Context) -> Reading | None:
    mode = _mode(match.group("rel"))
    offset = {"past": -1, "future": 1, "current": 0}[mode]
    first = resolve.period(context.published, "week", offset, resolve.SUNDAY).first_day() + timedelta(
        days=WEEK_PARTS[match.group("part").rstrip(" ")])
    return Reading(resolve.day_range(first, first + timedelta(days=2)), approximate=True,
                   role="future" if offset > 0 else None)


def read_week_of_month(match: re.Match, context: Context) -> Reading | None:
    if match.group("m"):
        month_number = MONTHS[match.group("m").rstrip(".")]
        mode = _mode(match.group("mrel")) or ("future" if context.future else "recent")
        when = resolve.recent_month(context.published, month_number, "recent" if mode == "current" else mode)
        if match.group("y"):
            when = resolve.month(int(match.group("y")), month_number)
    else:
        offset = {"past": -1, "future": 1, "current": 0}[_mode(match.group("rel"))]
        when = resolve.period(context.published, "month", offset)
    return Reading(resolve.week_of_month(when.start.year, when.start.month or 1, ORDINAL_WEEKS[match.group("ord")]),
                   approximate=True, role="future" if when.first_day() > context.published else None)


def read_period(match: re.Match, context: Context) -> Reading | None:
    unit = UNITS[match.group("unit")]
    mode = "current" if match.group("early") else _mode(match.group("rel"))
    offset = {"past": -1, "future": 1, "current": 0}[mode]
    if match.group("early") == "later":
        return Reading(resolve.period(context.published, unit, 0), approximate=True, role="future")
    if unit == "week" and offset == 0:
        return Reading(resolve.this_week(context.published, context.future, resolve.SUNDAY), approximate=True,
                       role="future" if context.future else None)
    return Reading(resolve.period(context.published, unit, offset, resolve.SUNDAY), approximate=unit == "week" or
                   bool(match.group("early")), role="future" if offset > 0 else None)


def read_ago(match: re.Match, context: Context) -> Reading | None:
    unit = UNITS[match.group("unit")]
    amount = _number(match.group("n"))
    if match.group("n") is None and unit != "hour":
        if match.group("unit") != "days":
            return None
        # "days ago": some days back, as "منذ أيام".
        return Reading(resolve.day_range(context.published - timedelta(days=7),
                                         context.published - timedelta(days=1)), approximate=True)
    if unit == "hour":
        # "hours ago", "two hours ago": the day of publication.
        if amount < 24:
            return Reading(resolve.day(context.published))
        return Reading(resolve.ago(context.published, amount // 24, "day"), True)
    return Reading(resolve.ago(context.published, amount, unit),
                   approximate=match.group("n") in ("few", "a few", "several"))


def read_window(match: re.Match, context: Context) -> Reading | None:
    unit = UNITS[match.group("unit")]
    amount = _number(match.group("n")) if match.group("n") else (
        1 if not match.group("unit").endswith("s") else {"day": 7, "week": 3, "hour": 24}.get(unit, 3))
    if unit == "hour":
        amount, unit = max(1, -(-amount // 24)), "day"
    published = context.published
    if match.group("rel") in FUTURE or match.group("lead") == "within":
        return Reading(resolve.day_range(published, resolve.shift(published, amount, unit)),
                       approximate=True, role="future")
    return Reading(resolve.day_range(resolve.shift(published, -amount, unit), published), approximate=True)


RUNNING_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
                    "ninth": 9, "tenth": 10, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8,
                    "9th": 9, "10th": 10}


def read_running_day(match: re.Match, context: Context) -> Reading | None:
    """"for a third straight day": the days ending at publication."""
    number = RUNNING_ORDINALS[match.group("ord").lower()]
    return Reading(resolve.day_range(context.published - timedelta(days=number - 1), context.published))


RUNNING_MARKS = ("in a row", "running", "straight", "consecutive", "successive")
RELATIVE_AFTER = re.compile(r",?\s(?:before|after|until|till|ahead\sof|leading\sup\sto|following)(?![a-z])", re.IGNORECASE)


def read_running_count(match: re.Match, context: Context) -> Reading | None:
    """"for two nights in a row", "for three straight days": the days (nights)
    ending at publication. Without a word of running ("for two days") it is a
    bare duration, not a date."""
    core = match.group("core").lower()
    if not any(mark in core for mark in RUNNING_MARKS):
        return None
    if RELATIVE_AFTER.match(match.string, match.end()):
        return None  # "for five straight days before the deal": counted from an event
    amount = _number(match.group("n"))
    if amount < 2 or amount > 31:
        return None
    if match.group("unit").lower() == "nights":
        # Nights end on the morning of publication: two nights began two days before.
        return Reading(resolve.past_window(context.published, amount, "night"), approximate=True)
    return Reading(resolve.day_range(context.published - timedelta(days=amount - 1), context.published))


def _sources() -> list[tuple[str, str, object]]:
    part = _alt(PARTS)
    return [
        ("range_month_first", rf"(?:(?:between|from)\s)?(?P<core>(?P<m>{MONTH})\s(?P<d1>{DAY})\s?(?:-|–|to|through|and)"
                              rf"\s?(?P<d2>{DAY})(?:,?\s(?P<y>{YEAR}))?)", read_range),
        ("range_day_first", rf"(?:(?:between|from)\s)?(?P<core>(?P<d1>{DAY})\s?(?:-|–|to|and)\s?(?P<d2>{DAY})\s"
                            rf"(?P<m>{MONTH})(?:,?\s(?P<y>{YEAR}))?)", read_range),
        ("date", rf"(?P<core>(?:{WEEKDAY},?\s)?(?:(?P<d>{DAY})\s(?:of\s)?(?P<m>{MONTH})"
                 rf"|(?P<m2>{MONTH})\s(?P<d2>{DAY}))(?:,?\s(?P<y>{YEAR}))?)", None),
        ("month", rf"(?P<core>(?:(?P<part>{part})[\s-]|(?P<rel>last|next|this|past|coming)\s)?(?P<m>{MONTH})"
                  rf"(?:,?\s(?:of\s)?(?P<y>{YEAR}))?)", read_month),
        ("year", rf"(?:(?:in|since|during|until|till|by|from|before|after|throughout|of|the year|year)\s)"
                 rf"(?P<core>(?P<y>{YEAR}))(?![\s-]*(?:people|civilians|fighters|troops|dead|killed))", read_year),
        ("numeric_date", r"(?P<core>(?<![\d/.\-])(?P<a>3[01]|[12]\d|0?[1-9])(?P<sep>[/.\-])(?P<b>3[01]|[12]\d|0?[1-9])"
                         r"(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/\-]|\.\d))", read_numeric),
        # ISO 8601, as sites stamp their pages ("2019-10-09"): never ambiguous.
        ("iso_date", r"(?P<core>(?<![\d/.\-])(?P<y>(?:19|20)\d\d)-(?P<m>1[0-2]|0[1-9])-(?P<d>3[01]|[12]\d|0[1-9])"
                     r"(?![\d\-]|\.\d|:\d))", read_iso),
        ("week_of_month", rf"(?P<core>the\s(?P<ord>{_alt(ORDINAL_WEEKS)})\sweek\sof\s(?:(?P<mrel>last|next|this)\s)?"
                          rf"(?:(?P<m>{MONTH})(?:,?\s(?P<y>{YEAR}))?|(?P<rel>last|next|this)\smonth))", read_week_of_month),
        ("week_part", rf"(?P<core>(?P<part>{_alt(WEEK_PARTS)})\s?(?P<rel>last|next|this)\sweek)(?![a-z])", read_week_part),
        ("weekend", rf"(?P<core>(?:(?P<rel>last|next|this|past|coming)\s|the\s)weekend)(?![a-z])", read_weekend),
        ("deictic", rf"(?P<core>(?P<deictic>{_alt(DEICTIC)})(?![a-z']))", read_deictic),
        ("weekday", rf"(?P<core>(?:(?P<rel>last|next|this|past|coming)\s)?(?P<wd>{WEEKDAY})"
                    rf"(?:\s(?P<part>morning|afternoon|evening|night))?)", read_weekday),
        ("period", rf"(?P<core>(?:(?P<early>earlier|later)\s)?(?P<rel>last|next|this|past|coming)\s(?P<unit>week|month|year)"
                   rf"(?![a-z']))", read_period),
        ("ago", rf"(?P<core>(?:(?P<n>{NUMBER})\s)?(?P<unit>{UNIT})\sago)", read_ago),
        ("window", rf"(?P<core>(?:(?P<lead>in|over|during|for|within)\s)?the\s(?P<rel>past|last|previous|coming|next)"
                   rf"\s(?:(?P<n>{NUMBER})\s)?(?P<unit>{UNIT}))", read_window),
        ("recent", rf"(?P<core>in\s(?:(?P<rel>recent|coming)\s)(?P<n>)(?P<lead>)(?P<unit>days|weeks|hours))",
         read_window),
        ("within", rf"(?P<core>(?P<lead>within)\s(?P<rel>)(?P<n>{NUMBER})\s(?P<unit>{UNIT}))", read_window),
        ("running_day", rf"(?P<core>for\s(?:a|the)\s(?P<ord>{_alt(RUNNING_ORDINALS)})\s(?:(?:straight|consecutive|successive)\s)?day"
                        rf"(?:\s(?:running|in\sa\srow))?)(?![a-z])", read_running_day),
        ("running_count", rf"(?P<core>for\s(?P<n>{NUMBER})\s(?:(?:straight|consecutive|successive)\s)?(?P<unit>days|nights)"
                          rf"(?:\s(?:running|in\sa\srow))?)(?![a-z])", read_running_count),
    ]


def read_date_any(match: re.Match, context: Context) -> Reading | None:
    groups = match.groupdict()
    if groups.get("m2"):
        fake = {"m": groups["m2"], "d": groups["d2"], "y": groups.get("y")}
    else:
        fake = {"m": groups["m"], "d": groups["d"], "y": groups.get("y")}
    return read_date(_Groups(fake), context)


class _Groups:
    """A stand-in for a match with only named groups, for shared readers."""

    def __init__(self, groups: dict) -> None:
        self._groups = groups

    def group(self, name: str):
        return self._groups.get(name)


@cache
def rules() -> tuple[Rule, ...]:
    """The compiled English rules, in priority order."""
    compiled = []
    for name, core, read in _sources():
        compiled.append(Rule(name, compile_pattern(START + core), read or read_date_any))
    return tuple(compiled)
