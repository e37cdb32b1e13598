"""The Arabic date grammar: rules (a pattern and a reader) over normalized text.

Each rule is a regular expression composed from ``patterns`` blocks, whose
``core`` group is the reported span, and a reader that turns the match into
a :class:`~timeline.dates.model.Reading` against the publication date, or
None to reject it. Rules are tried in order; the engine keeps the longest
non-overlapping matches, earlier rules winning ties.

Literals are written in normalized spelling (ا for أ/إ/آ, ي for ى, ه for ة).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from functools import cache
from typing import Callable

from timeline.dates import hijri, resolve
from timeline.dates import patterns as patterns_module
from timeline.dates.cache import cached_sources, compile_pattern
from timeline.dates.lexicon import lexicon, parse_cardinal, parse_day
from timeline.content.model import EventDate, PartialDate
from timeline.dates.model import Context, Reading
from timeline.dates.patterns import (ART, CLITICS, DAY_NUMBER, HIJRI_MARK, SEP, WORD_END, YEAR4, Blocks,
                                     blocks)
from timeline.normalize import LETTER_FOLDS

Reader = Callable[[re.Match, Context], "Reading | None"]


@dataclass(frozen=True)
class Rule:
    """A pattern and its reader. Every pattern starts at a word boundary
    (``CLITICS``), which lets the engine run it only where its matches can
    start (``prefilter``)."""

    name: str
    regex: re.Pattern
    read: Reader


# --------------------------------------------------------------- helpers

PAIR_SPLIT = re.compile(r"\s?[/\\(\-–—]\s?")


def _month_names(text: str) -> tuple[str, ...]:
    """The one or two names of a (possibly paired) normalized month: "نيسان/أبريل",
    "أبريل (نيسان)", "آذار مارس"."""
    months = lexicon().months
    text = text.strip(" )")
    if text in months:
        return (text,)
    names = tuple(name.strip(" )") for name in PAIR_SPLIT.split(text) if name.strip(" )"))
    if all(name in months for name in names):
        return names
    # "آذار مارس", "كانون الثاني يناير": two names side by side.
    for cut in range(len(text)):
        if text[cut] == " " and text[:cut] in months and text[cut + 1:] in months:
            return text[:cut], text[cut + 1:]
    # Pairs of both kinds at once ("أبريل نيسان/أبريل"): every known name of
    # the parts, side by side or marked; never a name the table lacks.
    found = tuple(name for part in names for name in _side_by_side(part, months))
    return found or (names[0],)


def _side_by_side(part: str, months: dict[str, int]) -> tuple[str, ...]:
    if part in months:
        return (part,)
    for cut in range(len(part)):
        if part[cut] == " " and part[:cut] in months and part[cut + 1:] in months:
            return part[:cut], part[cut + 1:]
    return ()


def _month(text: str, context: Context | None = None) -> int:
    """Month number of a (possibly paired) normalized month name. When the
    two names of a pair disagree ("شباط/نوفمبر"), the month nearest the
    publication date (in the direction the sentence gives) is taken; the
    reading is then approximate (:func:`_pair_checked`)."""
    months = lexicon().months
    numbers = [months[name] for name in _month_names(text)]
    if len(set(numbers)) == 1 or context is None:
        return numbers[0]
    published = context.published

    def distance(number: int) -> int:
        year_number = published.year
        if context.future and number < published.month:
            year_number += 1        # the next one, the current month included
        elif not context.future and number > published.month:
            year_number -= 1        # the last one, the current month included
        when = resolve.month(year_number, number)
        if when.first_day() <= published <= when.last_day():
            return 0
        return min(abs((when.first_day() - published).days), abs((when.last_day() - published).days))
    return min(numbers, key=distance)


MONTH_GROUPS = ("m", "m1", "m2", "m_safe")


def _pair_checked(read: Reader) -> Reader:
    """A reader that refuses two month names side by side that disagree
    ("آذار نيسان" is a list, not a pair) and makes a reading approximate
    when a marked pair disagrees ("26 شباط/نوفمبر": one of the names is wrong)."""
    def checked(match: re.Match, context: Context) -> Reading | None:
        disagree = False
        groups = match.groupdict()
        for name in MONTH_GROUPS:
            text = groups.get(name)
            if not text:
                continue
            names = _month_names(text)
            if not all(word in lexicon().months for word in names):
                continue  # digits ("3/2018")
            if len({lexicon().months[word] for word in names}) > 1:
                if not PAIR_SPLIT.search(text.strip(" )")):
                    return None
                disagree = True
        reading = read(match, context)
        if reading is not None and disagree and not reading.approximate:
            reading = Reading(reading.when, True, reading.role, reading.same_as_previous)
        return reading
    checked.__name__ = getattr(read, "__name__", "read")
    return checked


def _weekday(text: str) -> int:
    text = text.strip()
    if text.startswith("يوم "):
        text = text[4:]
    for prefix in ("ال", "ل"):
        if text.startswith(prefix) and text[len(prefix):] in lexicon().weekdays:
            return lexicon().weekdays[text[len(prefix):]]
    return lexicon().weekdays[text]


def _year(match: re.Match, name: str) -> int | None:
    value = match.groupdict().get(name)
    return int(value) if value else None


def _relative_mode(word: str | None) -> str | None:
    """"past", "future" or "current" for a relative word, None without one."""
    if not word:
        return None
    lex = lexicon()
    if word in lex.past:
        return "past"
    if word in lex.future:
        return "future"
    return "current"


def _relative_year(match: re.Match, name: str, published: date) -> int | None:
    groups = match.groupdict()
    if groups.get(f"{name}_this"):
        return published.year
    mode = _relative_mode(groups.get(name))
    if mode is None:
        return None
    return published.year + {"past": -1, "future": 1, "current": 0}[mode]


def _count(match: re.Match) -> tuple[int, str, bool] | None:
    """(amount, unit, approximate) of a duration such as "ثلاثة أيام"."""
    lex = lexicon()
    unit_word = match.group("unit")
    unit = lex.unit_of(unit_word)
    number = match.groupdict().get("n")
    approximate = bool(match.groupdict().get("approx"))
    alternative = match.groupdict().get("n2")
    if number:
        amount = parse_cardinal(number)
        if amount is None:
            return None
        approximate = approximate or number.strip() in lex.vague_numbers
    elif unit_word in lex.duals:
        amount = 2
    elif unit_word in lex.plurals:
        amount, approximate = 3, True
    else:
        amount = 1
    if alternative:
        # "خلال يومين أو ثلاثة": the larger count, approximate.
        other = parse_cardinal(alternative)
        if other is None:
            return None
        amount, approximate = max(amount, other), True
    return amount, unit, approximate


def _after(match: re.Match) -> str:
    """The normalized text right after the match."""
    return match.string[match.end():match.end() + 40]


# "قبل يومين من الهجوم", also with "only"/"about" between ("قبل ساعات فقط من حديثه").
RELATIVE_TO_EVENT = re.compile(r"\s(?:(?:فقط|تقريبا|قليله)\s)?(?P<relation>من|علي)\s"
                               r"(?!(?:الان|اليوم|تاريخه|الحين)" + WORD_END + ")")
# Nouns that make a number a count, not a year ("رمضان 1300 قتيل").
COUNT_NOUNS = "الف|مليون|مليار|شخص|مدني|قتيل|جريح|طفل|منزل|عائله|مقاتل|نازح|لاجي|اسره"
CLAUSE_BREAK = re.compile(r"[.!?؟؛،,:]")
WORD = re.compile(r"\w*")
POSSESSIVES = ("هما", "هم", "هن", "ها", "نا", "ه")
# A noun with a possessive is definite ("عودته", "عودتها"); a lone final ه
# is not counted, since ة folds to it too ("كارثة").
DEFINITE_ENDINGS = ("ته", "هما", "هم", "هن", "ها", "نا")


def _is_event_noun(word: str) -> bool:
    """"الهجوم", "توقيعه", "سقوط": a noun of an event, with or without the
    article or a possessive."""
    events = lexicon().event_nouns
    for stem in (word, word[2:] if word.startswith("ال") else word):
        if stem in events:
            return True
        for suffix in POSSESSIVES:
            if stem.endswith(suffix) and len(stem) > len(suffix) + 2:
                bare = stem[:-len(suffix)]
                if bare in events or (bare.endswith("ت") and bare[:-1] + "ه" in events):
                    return True
    return False


def _verb_in_clause(match: re.Match, verbs: frozenset[str]) -> bool:
    """Whether one of ``verbs`` (with و or ف) is among the six words before
    the match in its clause."""
    clause = CLAUSE_BREAK.split(match.string[max(0, match.start() - 80):match.start()])[-1].split()
    return any(word in verbs or (word[:1] in "وف" and word[1:] in verbs) for word in clause[-6:])


def _counts_from_event(match: re.Match) -> bool:
    """Whether "قبل أسبوع من X" counts from another event X, not from
    publication. It does after "على". After "من", X may be the event
    ("من الهجوم", "من توقيعه", "من ذلك") or a verb's object ("حذرت قبل
    أسبوع من كارثة"); the verb decides first (warn of, manage to), then X:
    an event noun counts from the event unless a verb of movement takes a
    place; an indefinite noun is an object; a definite noun of unknown kind
    (with the article or a possessive) is taken as an event (the reading
    that reports nothing)."""
    relation = RELATIVE_TO_EVENT.match(_after(match))
    if relation is None:
        return False
    if relation.group("relation") != "من":
        return True
    lex = lexicon()
    if _verb_in_clause(match, lex.min_verbs):
        return False
    word = WORD.match(match.string, match.end() + relation.end()).group()
    if _is_event_noun(word) or lex.unit_of(match.group("unit")) == "hour":
        return True   # "قبل ساعات من حديثه": hours before something told, not an object
    if _verb_in_clause(match, lex.motion_verbs):
        return False
    return word.startswith(("ال", "لل")) or word.endswith(DEFINITE_ENDINGS)


# --------------------------------------------------------------- readers

def _feminine_ordinal(day_text: str) -> bool:
    """"الثالثة", "الحادية عشرة": an ordinal that agrees with a feminine noun
    ("للمرة الثالثة من نيسان", "الدفعة الثانية من آذار"), not a day, which
    takes the masculine ("الثالث من نيسان"). Folded text: ة is ه."""
    return not day_text[:1].isdigit() and any(word.endswith("ه") for word in day_text.split())


def read_day_month(match: re.Match, context: Context) -> Reading | None:
    if _feminine_ordinal(match.group("d")):
        return None
    day_number = parse_day(match.group("d"))
    month_number = _month(match.group("m"), context)
    year_number = _year(match, "y") or _relative_year(match, "yrel", context.published)
    if day_number is None:
        return None
    mode = _relative_mode(match.groupdict().get("drel"))
    forward = mode == "future" or (mode is None and context.future)
    if year_number is None and mode is not None:
        # The word qualifies the month: "15 آذار الماضي" in March is last
        # year's March, "15 آذار المقبل" in March next year's, "15 آذار
        # الجاري" this March even when the day is still ahead.
        year_number = resolve.recent_month(context.published, month_number, mode).start.year
        found = resolve.safe_date(year_number, month_number, day_number)
        if found is None:
            return None
        role = "future" if mode == "future" or found > context.published else None
        return Reading(resolve.day(found), role=role)
    if year_number is None:
        found = resolve.month_day(context.published, month_number, day_number, forward=forward)
        weekday = match.groupdict().get("wd")
        if found and weekday and found.weekday() != _weekday(weekday):
            # "الاثنين 18 شباط": the named weekday picks the year when the
            # most recent occurrence does not fall on it but the next one does.
            other = resolve.month_day(context.published, month_number, day_number, forward=not forward)
            if other and other.weekday() == _weekday(weekday):
                found = other
    else:
        found = resolve.safe_date(year_number, month_number, day_number)
    return Reading(resolve.day(found), role="future" if mode == "future" else None) if found else None


def read_day_of_relative_month(match: re.Match, context: Context) -> Reading | None:
    """"في الـ13 من الشهر الماضي", "13 الشهر الجاري", "الخامس من هذا الشهر":
    that day of the month the words give. A bare number with neither "من",
    the article ("الـ13"), an ordinal word nor a leading "في/يوم" may be a
    count ("أصيب 13 الشهر الماضي"), and is not read; nor is a feminine
    ordinal, which counts a feminine noun ("للمرة الثالثة من الشهر الماضي"):
    days take the masculine ("الثالث من")."""
    day_text = match.group("d")
    day_number = parse_day(day_text)
    if day_number is None:
        return None
    if day_text[:1].isdigit() and not (match.group("of") or match.group("lead")):
        return None
    if _feminine_ordinal(day_text):
        return None
    if match.group("this"):
        offset = 0
    else:
        offset = {"past": -1, "future": 1, "current": 0}[_relative_mode(match.group("rel"))]
    first = resolve.add_months(context.published.replace(day=1), offset)
    found = resolve.safe_date(first.year, first.month, day_number)
    if found is None:
        return None
    return Reading(resolve.day(found), role="future" if found > context.published else None)


def read_same_month_range(match: re.Match, context: Context) -> Reading | None:
    first, last = parse_day(match.group("d1")), parse_day(match.group("d2"))
    month_number = _month(match.group("m"), context)
    year_number = _year(match, "y")
    if first is None or last is None:
        return None
    if year_number is None:
        end = resolve.month_day(context.published, month_number, last, forward=context.future)
    else:
        end = resolve.safe_date(year_number, month_number, last)
    if end is None:
        return None
    start_month = end if first < last else resolve.add_months(end.replace(day=1), -1)
    start = resolve.safe_date(start_month.year, start_month.month, first)
    return Reading(resolve.day_range(start, end)) if start else None


def read_cross_month_range(match: re.Match, context: Context) -> Reading | None:
    first_day, last_day = parse_day(match.group("d1")), parse_day(match.group("d2"))
    first_month, last_month = _month(match.group("m1"), context), _month(match.group("m2"), context)
    if first_day is None or last_day is None:
        return None
    last_year = _year(match, "y2") or _year(match, "y1")
    if last_year is None:
        end = resolve.month_day(context.published, last_month, last_day, forward=context.future)
    else:
        end = resolve.safe_date(last_year, last_month, last_day)
    if end is None:
        return None
    first_year = _year(match, "y1") or (end.year if first_month <= last_month else end.year - 1)
    start = resolve.safe_date(first_year, first_month, first_day)
    if start is None or start > end:
        return None
    return Reading(resolve.day_range(start, end))


def read_year_range(match: re.Match, context: Context) -> Reading | None:
    first, last = int(match.group("y1")), int(match.group("y2"))
    if not first < last <= first + 100:
        return None
    return Reading(EventDate(PartialDate(first), PartialDate(last)))


def read_numeric(match: re.Match, context: Context) -> Reading | None:
    year_text = match.group("y")
    year_number = int(year_text)
    is_hijri = bool(re.match(HIJRI_MARK, _after(match)))
    if len(year_text) == 2:
        if is_hijri:
            year_number += 1400 if year_number < 50 else 1300
        else:
            year_number += 2000 if year_number < 50 else 1900
    month_number, day_number = int(match.group("m")), int(match.group("d"))
    if is_hijri or 1300 <= year_number <= 1500:
        if not is_hijri:
            return None
        found = hijri.to_gregorian(year_number, month_number, day_number)
    elif 1800 <= year_number <= 2150:
        found = resolve.safe_date(year_number, month_number, day_number)
    else:
        return None
    return Reading(resolve.day(found)) if found else None


NUMBERED_DOCUMENTS = frozenset({"رقم", "قرار", "القرار", "مرسوم", "المرسوم", "قانون", "القانون", "تعميم",
                                "التعميم", "العدد", "عدد", "بلاغ", "البلاغ"})


def read_numeric_month(match: re.Match, context: Context) -> Reading | None:
    """"3/2018": a month and a year, month first (a day would come first);
    not a document's number ("المرسوم رقم 10/2018")."""
    preceding = match.string[max(0, match.start() - 20):match.start()].split()
    if preceding and preceding[-1] in NUMBERED_DOCUMENTS:
        return None
    return Reading(resolve.month(int(match.group("y")), int(match.group("m"))))


def read_running_day(match: re.Match, context: Context) -> Reading | None:
    """"لليوم الثالث على التوالي": going on for the N-th day, publication the
    last of them: the N days ending at publication."""
    number = parse_day(match.group("d"))
    if number is None or not 2 <= number <= 31:
        return None
    return Reading(resolve.day_range(context.published - timedelta(days=number - 1), context.published))


def read_same_day(match: re.Match, context: Context) -> Reading | None:
    """"في اليوم ذاته": the day of the mention before it (the engine fills it in)."""
    return Reading(resolve.day(context.published), same_as_previous=True)


def read_month_year(match: re.Match, context: Context) -> Reading | None:
    year_number = _year(match, "y") or _relative_year(match, "yrel", context.published)
    if year_number is None:
        return None
    return Reading(resolve.month(year_number, _month(match.group("m"), context)))


def read_month_relative(match: re.Match, context: Context) -> Reading | None:
    mode = _relative_mode(match.group("rel"))
    mode = {"current": "recent"}.get(mode, mode)
    reading = resolve.recent_month(context.published, _month(match.group("m"), context), mode)
    return Reading(reading, role="future" if mode == "future" else None)


def read_marked_year(match: re.Match, context: Context) -> Reading | None:
    if re.match(HIJRI_MARK, _after(match)):
        return None
    value = int(match.group("y") or match.group("y2"))
    if not 1000 <= value <= 2150:
        return None
    return Reading(resolve.year(value))


def read_month_part(match: re.Match, context: Context) -> Reading | None:
    lex = lexicon()
    part = lex.month_parts[match.group("part")]
    month_number = _month(match.group("m"), context)
    year_number = _year(match, "y") or _relative_year(match, "yrel", context.published)
    role = None
    if year_number is None:
        mode = _relative_mode(match.group("rel"))
        mode = {"current": "recent", None: "future" if context.future else "recent"}.get(mode, mode)
        year_number = resolve.recent_month(context.published, month_number, mode).start.year
        role = "future" if mode == "future" else None
    return Reading(resolve.part_of_month(year_number, month_number, lex.part_days[part]),
                   approximate=True, role=role)


def read_period_part(match: re.Match, context: Context) -> Reading | None:
    lex = lexicon()
    part = lex.month_parts[match.group("part")]
    unit = match.group("unit")
    year_number = _year(match, "y")
    if not (match.group("rel") or year_number or match.group("article") or match.group("this")):
        return None  # "بداية شهر", "أول أسبوع": a month, a week, not this one
    if unit == "اسبوع" and not (match.group("rel") or match.group("this")):
        return None
    mode = _relative_mode(match.group("rel")) or "current"
    offset = {"past": -1, "future": 1, "current": 0}[mode]
    role = "future" if offset > 0 else None
    if year_number is not None or unit in ("عام", "سنه"):
        target = year_number or context.published.year + offset
        return Reading(resolve.part_of_year(target, lex.part_months[part]), approximate=True, role=role)
    if unit == "شهر":
        first = resolve.add_months(context.published.replace(day=1), offset)
        return Reading(resolve.part_of_month(first.year, first.month, lex.part_days[part]),
                       approximate=True, role=role)
    week = resolve.period(context.published, "week", offset)
    first = week.first_day() + timedelta(days={"early": 0, "mid": 2, "late": 4}[part])
    return Reading(resolve.day_range(first, first + timedelta(days=2)), approximate=True, role=role)


DAY_DETERMINERS = frozenset({"هذا", "ذلك", "مثل", "نفس", "ذات", "في", "وفي", "بهذا", "لهذا"})


def read_deictic(match: re.Match, context: Context) -> Reading | None:
    lex = lexicon()
    word = match.group("deictic")
    if word == "اليوم" and not match.group("wd"):
        following = [w.strip(".,،؛:!?؟\"'«»") for w in _after(match).split()]
        if following and following[0] in lex.not_today_after and match.group("part") and following[0] != "من":
            return None  # "صباح اليوم التالي": the morning of the next day, not this morning
        if following and following[0] in lex.not_today_after and not match.group("part"):
            # "اليوم من" is "the day of" only after a determiner ("في مثل هذا
            # اليوم من"); after a verb it is "today" ("تمكنت القوات اليوم من").
            preceding = match.string[max(0, match.start() - 20):match.start()].split()
            if following[0] != "من" or (preceding and preceding[-1] in DAY_DETERMINERS):
                return None
    if word == "امس" and match.group("clitic").endswith("ب"):
        return None  # "بأمس الحاجة": in dire need
    if word in ("هذا اليوم", "هذه الليله") and not match.group("wd"):
        # "هذا اليوم" is today, not "في مثل هذا اليوم" (an anniversary) nor
        # "هذا اليوم من كل عام".
        preceding = match.string[max(0, match.start() - 12):match.start()].split()
        following = _after(match).split()
        if (preceding and preceding[-1] in ("مثل", "كمثل", "بمثل")) or following[:1] in (["الذي"], ["التي"]) \
                or following[:2] in (
                ["من", "كل"], ["من", "العام"], ["من", "عام"], ["من", "السنه"], ["من", "الشهر"]):
            return None
    offset = lex.deictic_days[word]
    found = context.published + timedelta(days=offset)
    if match.group("wd"):
        found = _named_weekday_near(found, _weekday(match.group("wd")))
        if offset <= 0 and found > context.published:
            return Reading(resolve.day(found), role="event")   # the writer's today, not a plan
    return Reading(resolve.day(found), role="future" if offset > 0 else None)


def _named_weekday_near(found: date, weekday: int) -> date:
    """"أمس الخميس" in a paper dated Saturday: the writer's Thursday. When the
    weekday named with a relative day is not that day's, the article's date
    is off (a print edition of the day after, a page stamp): the named
    weekday nearest the relative day is the writer's day."""
    shift = (weekday - found.weekday()) % 7
    return found + timedelta(days=shift if shift <= 3 else shift - 7)


def read_last_night(match: re.Match, context: Context) -> Reading | None:
    return Reading(resolve.day(context.published - timedelta(days=1)), time_of_day="night")


def read_weekday(match: re.Match, context: Context) -> Reading | None:
    weekday = _weekday(match.group("wd"))
    mode = _relative_mode(match.group("rel") or match.group("wrel"))
    part = match.group("part")
    if not (match.group("wd").startswith(("ال", "ل")) or part or match.group("yawm") or match.group("wrel")):
        return None
    if mode is None:
        mode = "future" if context.future else "recent"
    elif mode == "current":
        mode = "recent"
    if match.group("wrel"):
        week = resolve.period(context.published, "week", {"past": -1, "future": 1}.get(mode, 0))
        found = week.first_day() + timedelta(days=weekday)
    else:
        found = resolve.weekday_near(context.published, weekday, mode)
    role = "future" if mode == "future" else None
    # The night belongs to the day it precedes: "ليلة السبت" is Friday evening,
    # unless both days are named: "ليل السبت - الأحد", "منتصف ليل الخميس إلى
    # الجمعة" is the night that runs from the first into the second, both days.
    night = part in lexicon().night_parts
    if night and not match.group("wd2"):
        found -= timedelta(days=1)
    if match.group("wd2"):
        # "الخميس إلى الجمعة", "السبت والأحد": the days from the first to the second.
        last = found + timedelta(days=(_weekday(match.group("wd2")) - weekday) % 7)
        return Reading(resolve.day_range(found, last), role=role)
    return Reading(resolve.day(found), role=role)


def read_period(match: re.Match, context: Context) -> Reading | None:
    unit = match.group("unit") or match.group("unit1")
    unit = {"اسبوع": "week", "شهر": "month", "عام": "year", "سنه": "year"}[unit]
    mode = "current" if match.group("this") else _relative_mode(match.group("rel"))
    offset = {"past": -1, "future": 1, "current": 0}[mode]
    return Reading(resolve.period(context.published, unit, offset),
                   approximate=unit == "week", role="future" if offset > 0 else None)


def read_window(match: re.Match, context: Context) -> Reading | None:
    counted = _count(match)
    if counted is None:
        return None
    amount, unit, _ = counted
    if match.groupdict().get("n") is None and match.group("unit") in lexicon().plurals:
        amount = {"day": 7, "week": 3, "month": 3, "year": 3, "hour": 24, "night": 3}[unit]
    rel = match.groupdict().get("rel")
    if not rel and not match.groupdict().get("lead"):
        return None
    published = context.published
    if rel and rel in lexicon().window_future:
        unit = "day" if unit == "night" else unit
        return Reading(resolve.day_range(published, resolve.shift(published, amount, unit)),
                       approximate=True, role="future")
    return Reading(resolve.past_window(published, amount, unit), approximate=True)


def read_ago(match: re.Match, context: Context) -> Reading | None:
    if _counts_from_event(match):
        return None  # "قبل يومين من الانتخابات": anchored to an event, not to publication
    counted = _count(match)
    if counted is None:
        return None
    amount, unit, approximate = counted
    unit = "day" if unit == "night" else unit
    if amount > {"year": 100, "month": 600}.get(unit, 1000):
        return None  # "قبل 2000 عام": history, not news
    if unit == "hour":
        # "قبل ساعات", "منذ ساعتين": hours back from publication are its own
        # day (a report published just after midnight is the exception).
        if amount < 24:
            return Reading(resolve.day(context.published))
        return Reading(resolve.ago(context.published, amount // 24, "day"), True)
    if match.group("unit") in lexicon().plurals and not match.group("n"):
        # "منذ أيام", "قبل أسابيع": some time back, within a span of that unit.
        if unit == "day":
            return Reading(resolve.day_range(context.published - timedelta(days=7),
                                             context.published - timedelta(days=1)), approximate=True)
        if unit == "week":
            return Reading(resolve.day_range(context.published - timedelta(weeks=6),
                                             context.published - timedelta(weeks=1)), approximate=True)
        return None
    if match.group("lead") == "منذ" and unit in lexicon().since_duration_units:
        # "محاصرة منذ عامين": a state from that point to publication.
        start = resolve.shift(context.published, -amount, unit)
        return Reading(resolve.day_range(start, context.published), approximate=True)
    return Reading(resolve.ago(context.published, amount, unit), approximate=approximate)


def read_within(match: re.Match, context: Context) -> Reading | None:
    """"خلال 48 ساعة", "بعد أسبوعين": a deadline or a plan from publication."""
    counted = _count(match)
    if counted is None:
        return None
    amount, unit, approximate = counted
    unit = "day" if unit == "night" else unit
    lead = match.group("lead")
    relative = RELATIVE_TO_EVENT.match(_after(match))
    if lead == "بعد" and not context.future:
        return None  # narrative "بعد يومين": relative to the story's last event
    if relative and not context.future:
        return None
    end = resolve.shift(context.published, amount, unit)
    if lead == "بعد" or relative:
        # After an event that has not happened yet: the earliest day it can be.
        return Reading(resolve.day(end), approximate=True, role="future")
    return Reading(resolve.day_range(context.published, end), approximate=True, role="future")


def read_hijri(match: re.Match, context: Context) -> Reading | None:
    year_number = int(match.group("y"))
    month_text = match.groupdict().get("hm")
    if not month_text:
        span = hijri.year_span(year_number)
        return Reading(resolve.day_range(*span)) if span else None
    month_number = lexicon().hijri_months[month_text]
    day_text = match.groupdict().get("d")
    if day_text:
        day_number = parse_day(day_text)
        found = hijri.to_gregorian(year_number, month_number, day_number) if day_number else None
        return Reading(resolve.day(found)) if found else None
    span = hijri.month_span(year_number, month_number)
    return Reading(resolve.day_range(*span)) if span else None


def read_hijri_month(match: re.Match, context: Context) -> Reading | None:
    """"رمضان الماضي", "شهر رمضان", "الخامس من رمضان المقبل": the Hijri
    month nearest publication in the direction the words give (the one
    under way or just over, without a word)."""
    month_number = lexicon().hijri_months[match.group("hm") or match.group("hm2") or match.group("hm3")]
    mode = _relative_mode(match.group("rel")) or ("future" if context.future else "recent")
    mode = {"current": "recent"}.get(mode, mode)
    span = hijri.recent_month(context.published, month_number, mode)
    if span is None:
        return None
    role = "future" if mode == "future" else None
    day_text = match.group("d") or match.group("d3")
    if day_text:
        day_number = parse_day(day_text)
        if day_number is None or day_number > (span[1] - span[0]).days + 1:
            return None
        return Reading(resolve.day(span[0] + timedelta(days=day_number - 1)), role=role)
    return Reading(resolve.day_range(*span), role=role)


# --------------------------------------------------------------- rules

def _rule_sources(b: Blocks) -> list[tuple[str, str, Reader]]:
    """(name, core pattern, reader), in priority order. ``lead`` words
    before the core (يوم، في، منذ) are matched but not reported."""
    lead = r"(?:(?:يوم|تاريخ|بتاريخ)\s)?"
    weekday_article = rf"(?:{ART}{b.weekday})"
    return [
        ("hijri_date",
         rf"(?P<core>(?:(?P<d>{b.day})\s?(?:من\s)?)?(?:شهر\s)?(?P<hm>{b.hijri_month})\s?،?\s?"
         rf"(?:(?:ال)?(?:عام|سنه)\s)?(?P<y>1[2-5]\d\d)(?:{HIJRI_MARK}|(?!\d|\s?(?:{COUNT_NOUNS}))))", read_hijri),
        ("hijri_month_relative",
         rf"(?P<core>(?:(?P<d>{b.day})\s?(?:من\s)?)?(?:شهر\s)?(?P<hm>{b.hijri_month})\s(?P<rel>{b.relative})"
         rf"|شهر\s(?P<hm2>{b.hijri_month}){WORD_END}(?!\s?،?\s?(?:(?:ال)?(?:عام|سنه)\s)?\d)"
         # "الثامن والعشرين من رمضان": a day makes the name a date ("صفر" is also zero)
         rf"|(?P<d3>{b.day})\s?(?:من\s)?(?:شهر\s)?(?!صفر)(?P<hm3>{b.hijri_month}){WORD_END}"
         rf"(?!\s?،?\s?(?:(?:ال)?(?:عام|سنه)\s)?\d))", read_hijri_month),
        ("hijri_year",
         rf"(?P<core>(?:{ART}?(?:عام|سنه)\s?)?(?P<y>1[2-5]\d\d){HIJRI_MARK})", read_hijri),
        ("date",
         rf"{lead}(?P<core>(?:(?P<part>{b.day_part_day})\s)?(?:(?:يوم\s)?(?P<wd>{weekday_article})\s?،?\s?(?:(?:الموافق|الموافقه|في)\s)?)?"
         rf"{b.day_month('d', 'm')}(?:{b.year_tail('y')}|{b.relative_year('yrel')}|\s(?P<drel>{b.relative}))?)",
         read_day_month),
        ("day_of_relative_month",
         rf"(?:(?P<lead>في|يوم|بتاريخ|تاريخ|منذ)\s)?(?P<core>(?P<d>{b.day})\s?(?P<of>من\s)?"
         rf"(?:{ART}شهر\s(?P<rel>{b.relative})|(?P<this>هذا|ذات|نفس)\s(?:ال)?شهر{WORD_END}))",
         read_day_of_relative_month),
        # A site's date stamp in the English order: "تشرين الأول 10, 2019"
        # (the year is required: "آذار 10" alone may be a month and a count).
        ("month_day_year",
         rf"(?P<core>(?P<m>{b.paired_month})\s(?P<d>{DAY_NUMBER})\s?[,،]\s?(?P<y>{YEAR4}))", read_day_month),
        ("range_cross_month",
         rf"(?P<core>(?:(?P<bw>بين)\s|من\s)?{b.day_month('d1', 'm1')}{b.year_tail('y1')}?"
         rf"(?(bw)\s?و\s?|{SEP})(?:(?:يوم|تاريخ)\s)?{b.day_month('d2', 'm2')}{b.year_tail('y2')}?)",
         read_cross_month_range),
        ("range_same_month",
         rf"(?P<core>(?:(?:بين|من)\s)?(?:(?:يومي|ايام|الفتره)\s)?(?:من\s)?(?P<d1>{b.day})"
         rf"(?:\s?و\s?|{SEP})(?P<d2>{b.day})\s?(?:من\s)?(?:شهر\s)?(?P<m>{b.paired_month}){b.year_tail('y')}?)",
         read_same_month_range),
        ("range_month_first",
         rf"(?P<core>(?P<m>{b.paired_month})\s(?P<d1>{DAY_NUMBER})(?:\s?و\s?|{SEP})(?P<d2>{DAY_NUMBER})"
         rf"(?!\s?(?:[/.\-]\d|\d)){b.year_tail('y')}?)", read_same_month_range),
        ("range_years",
         rf"(?P<core>(?:(?P<bw>بين)\s|من\s)?{ART}?(?:عامي|عام|سنتي|سنه|عامين|اعوام|سنوات)\s?(?P<y1>{YEAR4})"
         rf"(?(bw)\s?و\s?|(?:{SEP}|\s?و\s?))(?:{ART}?(?:عام|سنه)\s?)?(?P<y2>{YEAR4}))", read_year_range),
        ("numeric_date",
         r"(?P<core>(?<![\d/.\-])(?P<d>3[01]|[12]\d|0?[1-9])(?P<sep>[/.\-])(?P<m>1[0-2]|0?[1-9])(?P=sep)"
         r"(?P<y>\d{4}|\d{2})(?![\d/\-]|\.\d))", read_numeric),
        ("numeric_date_ymd",
         r"(?P<core>(?<![\d/.\-])(?P<y>\d{4})(?P<sep>[/.\-])(?P<m>1[0-2]|0?[1-9])(?P=sep)"
         r"(?P<d>3[01]|[12]\d|0?[1-9])(?![\d/\-]|\.\d))", read_numeric),
        ("numeric_month",
         r"(?P<core>(?<![\d/.\-])(?P<m>1[0-2]|0?[1-9])[/\-](?P<y>(?:19|20)\d\d)(?![\d/\-]|[.,]\d))",
         read_numeric_month),
        ("same_day",
         rf"(?P<core>{ART}(?:يوم|ليله)\s(?:ذاته|نفسه|عينه|ذاتها|نفسها|عينها)|(?:نفس|ذات)\s{ART}(?:يوم|ليله)){WORD_END}",
         read_same_day),
        ("running_day",
         rf"(?P<core>لليوم\s(?:ال)?(?P<d>{b.day})(?:\s(?:علي التوالي|توالي[اه]?|تواليا|متتاليا))?)",
         read_running_day),
        ("month_part",
         rf"(?P<core>(?P<part>{b.month_part})\s(?:شهر\s)?(?P<m>{b.paired_month})"
         rf"(?:{b.year_tail('y')}|{b.relative_year('yrel')}|\s(?P<rel>{b.relative}))?)", read_month_part),
        ("period_part",
         rf"(?P<core>(?P<part>{b.month_part})\s(?:(?P<this>هذا|هذه)\s)?(?:(?P<article>{ART})?(?P<unit>شهر|عام|سنه|اسبوع)"
         rf"(?:\s?(?P<y>{YEAR4})|\s(?P<rel>{b.relative}))?|(?P<y2>{YEAR4})))", read_period_part_any),
        ("week_of_month",
         rf"(?P<core>{ART}اسبوع\s(?P<ord>{ORDINAL_WEEK_WORDS})\s(?:من\s)?(?:(?:شهر\s)?(?P<m>{b.paired_month})"
         rf"(?:{b.year_tail('y')}|\s(?P<mrel>{b.relative}))?|{ART}شهر\s(?P<rel>{b.relative})|(?P<this>هذا|هذه)\s(?:ال)?شهر))",
         read_week_of_month),
        ("weekend",
         rf"(?P<core>(?P<holiday>عطله\s)?(?:نهايه|اخر)\s(?:ال)?اسبوع(?:\s(?P<rel>{b.relative}))?)", read_weekend),
        ("month_year",
         rf"(?P<core>(?:شهر\s)?(?P<m>{b.paired_month})(?:{b.year_tail('y')}|{b.relative_year('yrel')}))",
         read_month_year),
        ("month_relative",
         rf"(?P<core>(?:شهر\s)?(?P<m>{b.paired_month})\s(?P<rel>{b.relative}))", read_month_relative),
        ("month",
         rf"(?P<core>شهر\s(?P<m>{b.paired_month})|(?P<m_safe>{b.paired_month_safe}))", read_bare_month_any),
        ("preposition_year",
         rf"(?:(?:في|منذ|حتي|بعد|قبل|خلال|طوال|طيله|مطلع|اواخر|نهايه|بدايه)\s|\()(?P<core>(?P<y>(?:1[89]\d\d|20\d\d))(?!\d))"
         rf"(?!\s?(?:[/.\-]\d|[\d%])|\s?(?:الف|مليون|مليار|عام|سنه|يوم|ساعه|شخص|مدني|قتيل|جريح|طفل|منزل)|,\d)",
         read_marked_year),
        ("marked_year",
         rf"(?P<core>{ART}?(?:عام|سنه)\s?(?P<y>{YEAR4})(?:\s?م{WORD_END})?|(?P<y2>{YEAR4})\s?م{WORD_END})",
         read_marked_year),
        ("deictic",
         rf"(?P<core>(?:(?P<part>{b.day_part})\s)?(?P<deictic>{b.deictic})"
         rf"(?:\s?،?\s(?:يوم\s)?(?P<wd>(?:ال)?{b.weekday}))?)", read_deictic),
        ("last_night", rf"(?P<core>{ART}ليله\s(?:{b.past})|ليله البارحه)", read_last_night),
        ("weekday",
         rf"(?P<core>(?:(?P<part>{b.day_part})\s)?(?P<yawm>يوم\s)?(?P<wd>{ART}?{b.weekday})"
         rf"(?:(?:\s?(?:-|–|/|علي|و)\s?|\s(?:الي|حتي|وحتي)\s|\s(?=ال))(?P<wd2>(?:ال)?{b.weekday}))?"  # "ليل السبت الأحد" too
         rf"(?:\s(?:(?P<rel>{b.relative})|(?:من\s)?(?:ال)?اسبوع\s(?P<wrel>{b.relative})))?)", read_weekday),
        ("period",
         rf"(?P<core>(?P<this>هذا|هذه)\s(?:ال)?(?P<unit1>اسبوع|شهر|عام|سنه){WORD_END}"
         rf"|{ART}(?P<unit>اسبوع|شهر|عام|سنه)\s(?P<rel>{b.relative}))", read_period),
        ("window",
         rf"(?P<core>(?:(?:خلال|في|طيله|طوال|علي مدي|علي مدار|منذ)\s)?{ART}(?P<unit>{b.plural_unit})"
         rf"\s(?:(?:ال)?(?P<n>{b.number})\s)?(?:القليله\s)?(?P<rel>{b.window}))", read_window),
        ("window_counted",
         rf"(?P<core>(?:(?P<lead>خلال|في|طيله|طوال|علي مدي|علي مدار)\s)?{ART}\s?(?P<n>{b.number})\s(?P<unit>{b.unit})"
         rf"(?:\s(?P<rel>{b.window}))?)", read_window),
        ("ago",
         rf"(?P<core>(?P<lead>منذ|قبل)\s(?:(?P<approx>{b.approximator})\s)?(?:(?P<n>{b.number})\s)?"
         rf"(?P<unit>{b.unit})(?!\s?\d)(?:\sاو\s(?P<n2>{b.number})(?:\s{b.unit})?)?(?:\s(?:مضت|خلت|مضي))?)",
         read_ago),
        ("within",
         rf"(?P<core>(?P<lead>بعد|خلال|في غضون|غضون|في مهله|مهله|في مده|في اقل من)\s(?:(?P<approx>{b.approximator})\s)?"
         rf"(?:(?P<n>{b.number})\s)?(?P<unit>{b.unit})(?!\s?\d)(?:\sاو\s(?P<n2>{b.number})(?:\s{b.unit})?)?)",
         read_within),
    ]


ORDINAL_WEEKS = {"الاول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الاخير": 5}
ORDINAL_WEEK_WORDS = "|".join(ORDINAL_WEEKS)
# The weekend of Syria and most Arab states: Friday and Saturday.
WEEKEND = (4, 5)


def read_week_of_month(match: re.Match, context: Context) -> Reading | None:
    """"الأسبوع الأول من نيسان", "الأسبوع الأخير من الشهر الماضي": days 1–7,
    8–14, … of the month, the last seven days for "الأخير"."""
    if match.group("m"):
        month_number = _month(match.group("m"), context)
        mode = _relative_mode(match.group("mrel")) or ("future" if context.future else "recent")
        year_number = _year(match, "y") or resolve.recent_month(
            context.published, month_number, {"current": "recent"}.get(mode, mode)).start.year
    else:
        offset = 0 if match.group("this") else {"past": -1, "future": 1, "current": 0}[
            _relative_mode(match.group("rel"))]
        first = resolve.add_months(context.published.replace(day=1), offset)
        year_number, month_number = first.year, first.month
    when = resolve.week_of_month(year_number, month_number, ORDINAL_WEEKS[match.group("ord")])
    return Reading(when, approximate=True, role="future" if when.first_day() > context.published else None)


def read_weekend(match: re.Match, context: Context) -> Reading | None:
    """"عطلة نهاية الأسبوع", "نهاية الأسبوع" alone: the Friday and Saturday
    of the weekend the words give ("نهاية الأسبوع الماضي" without "عطلة" is
    the end of last week: ``period_part``)."""
    rel = match.group("rel")
    if rel and not match.group("holiday"):
        return None
    mode = _relative_mode(rel) or ("future" if context.future else "recent")
    return Reading(resolve.weekend(context.published, mode, WEEKEND), approximate=True,
                   role="future" if mode == "future" else None)


def read_period_part_any(match: re.Match, context: Context) -> Reading | None:
    if match.group("y2"):
        lex = lexicon()
        part = lex.month_parts[match.group("part")]
        return Reading(resolve.part_of_year(int(match.group("y2")), lex.part_months[part]), approximate=True)
    return read_period_part(match, context)


def read_bare_month_any(match: re.Match, context: Context) -> Reading | None:
    text = match.group("m") or match.group("m_safe")
    mode = "future" if context.future else "recent"
    return Reading(resolve.recent_month(context.published, _month(text, context), mode))


def _rule_table() -> list[tuple[str, str, str]]:
    """(name, full pattern, reader's name) of every rule, built from the lexicon."""
    return [(name, CLITICS + core.translate(LETTER_FOLDS), read.__name__)
            for name, core, read in _rule_sources(blocks())]


@cache
def rules() -> tuple[Rule, ...]:
    """The compiled Arabic rules, in priority order (the table and the
    compiled programs come from the cache of an earlier run when the
    grammar and the data files are unchanged)."""
    table = cached_sources("grammar-ar", [Path(__file__), Path(patterns_module.__file__)], _rule_table)
    readers = globals()
    return tuple(Rule(name, compile_pattern(pattern), _pair_checked(readers[reader]))
                 for name, pattern, reader in table)
