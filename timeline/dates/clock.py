"""Clock times and parts of the day said apart from the date expression.

"وباشرت الطائرات القصف الساعة الرابعة مساء، اليوم السبت", "قصفت الطائرات
البلدة أمس فجرًا", "The strikes began overnight on Tuesday": the date rules
read the day; this module finds, in the same sentence, a clock time
(``HH:MM``: "الساعة 11.30 ظهرا", "الساعة الرابعة والنصف عصرا", "at 3:45 a.m.")
or a part of the day said alone (a key of
:data:`timeline.content.model.PARTS_OF_DAY`: "فجرًا" -> ``dawn``, "overnight"
-> ``night``), and gives it to the nearest mention of a day in that sentence
that has none (a clock time also replaces a part of the day). An hour without
a word saying which half of the day it is ("الساعة الرابعة") is read on the
24-hour clock only when it cannot be a 12-hour one (13 to 23; "الساعة 16:00");
otherwise it takes the half from the mention's part of the day ("مساء أمس"),
or is left out: a guess is never written as a time. The words are data
(``data/clock.yml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from timeline.dates.cache import compile_pattern
from timeline.dates.lexicon import alternation, load_data
from timeline.normalize import normalize_arabic

# A sentence ends at a terminator, but not inside "11.30", "a.m." or "U.N.".
_SENTENCE_END = re.compile(r"[!?؟؛\n]|(?<![ap]\.m)(?<!\b[a-z])\.(?!\d)", re.IGNORECASE)
AFTER_NOON_PARTS = frozenset({"afternoon", "evening", "night"})


@dataclass(frozen=True)
class Clock:
    """What one match says: a clock time "HH:MM" or a part of the day."""

    start: int
    end: int
    time: str


@dataclass(frozen=True)
class _Data:
    hours: dict[str, int]
    fractions: dict[str, int]
    before_noon: frozenset[str]
    noon: frozenset[str]
    after_noon: frozenset[str]
    adverbs: dict[str, str]
    english_adverbs: dict[str, str]
    english_attributive: frozenset[str]
    english_followers: frozenset[str]


@cache
def _data() -> _Data:
    raw = load_data("clock")
    fold = normalize_arabic
    return _Data(
        hours={fold(word): int(hour) for hour, words in raw["hour_words"].items() for word in words},
        fractions={fold(word): int(minutes) for word, minutes in raw["fractions"].items()},
        before_noon=frozenset(fold(w) for w in raw["before_noon"]),
        noon=frozenset(fold(w) for w in raw["noon"]),
        after_noon=frozenset(fold(w) for w in raw["after_noon"]),
        adverbs={fold(word): part for part, words in raw["adverbs"].items() for word in words},
        english_adverbs={word.lower(): part for part, words in raw["english_adverbs"].items() for word in words},
        english_attributive=frozenset(w.lower() for w in raw["english_attributive"]),
        english_followers=frozenset(w.lower() for w in raw["english_adverb_followers"]),
    )


@cache
def _arabic_clock() -> re.Pattern:
    data = _data()
    halves = alternation(data.before_noon | data.noon | data.after_noon)
    return compile_pattern(
        rf"(?<!\w)(?:[وف]?(?:عند|في|حوالي|نحو)\s)?(?:تمام\s)?(?:ال)?ساعه\s"
        rf"(?:(?P<h>\d{{1,2}})(?:[:.](?P<m>[0-5]\d))?|(?P<hw>{alternation(data.hours)}))"
        rf"(?:\s?و\s?(?:(?P<fr>{alternation(data.fractions)})|(?P<mn>\d{{1,2}})\s(?:دقيقه|دقائق)))?"
        rf"(?:\s?(?:و|-|الي|حتي)\s?(?:ال)?\d{{1,2}}(?:[:.][0-5]\d)?)?"
        rf"(?:\s(?:من\s)?(?P<half>{halves})(?!\w))?")


@cache
def _arabic_adverbs() -> re.Pattern:
    return compile_pattern(rf"(?<!\w)[وف]?(?P<word>{alternation(_data().adverbs)})(?!\w)")


@cache
def _english_clock() -> re.Pattern:
    return compile_pattern(r"(?<![\w:.])(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?\s?(?P<ap>a\.?m\.?|p\.?m\.?)(?![\w])"
                           r"|(?<![\w:])(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\w:])", re.IGNORECASE)


@cache
def _english_adverbs() -> re.Pattern:
    return compile_pattern(rf"(?<![\w-])(?P<word>{alternation(_data().english_adverbs)})(?![\w-])", re.IGNORECASE)


def find_clocks(folded: str, language: str) -> list[Clock]:
    """Clock times and parts of the day in a folded text, in text order,
    clock times first where both cover the same words."""
    found = _arabic_clocks(folded) if language == "ar" else _english_clocks(folded)
    taken = [(c.start, c.end) for c in found]
    adverbs = _arabic_adverbs() if language == "ar" else _english_adverbs()
    table = _data().adverbs if language == "ar" else _data().english_adverbs
    for match in adverbs.finditer(folded):
        start, end = match.span("word")
        if language == "en" and _attributive(match.group("word"), folded, end):
            continue  # "after overnight air raids": not the time of the sentence's day
        if not any(start < b and a < end for a, b in taken):
            found.append(Clock(start, end, table[match.group("word").lower()]))
    return sorted(found, key=lambda c: c.start)


_WEEKDAYS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
_NEXT_WORD = re.compile(r"\s+(?P<next>[A-Za-z]+)")


def _attributive(word: str, folded: str, end: int) -> bool:
    """Whether an English part-of-day word that is also an adjective
    ("overnight") stands before a noun, as in "overnight air raids"."""
    data = _data()
    if word.lower() not in data.english_attributive:
        return False
    following = _NEXT_WORD.match(folded, end)
    if following is None:
        return False  # end of the clause: an adverb
    next_word = following.group("next").lower()
    return next_word not in data.english_followers and next_word not in _WEEKDAYS


def _arabic_clocks(folded: str) -> list[Clock]:
    data = _data()
    found = []
    for match in _arabic_clock().finditer(folded):
        hour = int(match.group("h")) if match.group("h") else data.hours[match.group("hw")]
        minutes = int(match.group("m") or 0)
        if match.group("fr"):
            minutes = data.fractions[match.group("fr")]
        elif match.group("mn"):
            minutes = int(match.group("mn"))
        if hour > 23 or minutes > 59:
            continue
        half = match.group("half")
        kind = None if half is None else ("am" if half in data.before_noon else "noon" if half in data.noon else "pm")
        night = half is not None and (half.endswith("ليل") or half == "ليلا")
        time = _twenty_four(hour, minutes, kind, night)
        found.append(Clock(match.start(), match.end(), time or f"?{hour}:{minutes:02d}"))
    return found


def _english_clocks(folded: str) -> list[Clock]:
    found = []
    for match in _english_clock().finditer(folded):
        if match.group("h24") is not None:
            hour, minutes = int(match.group("h24")), int(match.group("m24"))
            time = f"{hour:02d}:{minutes:02d}" if hour >= 13 or hour == 0 else f"?{hour}:{minutes:02d}"
        else:
            hour, minutes = int(match.group("h")), int(match.group("m") or 0)
            time = _twenty_four(hour, minutes, "am" if match.group("ap").lower().startswith("a") else "pm", False)
        found.append(Clock(match.start(), match.end(), time))
    return found


def _twenty_four(hour: int, minutes: int, kind: str | None, night: bool) -> str | None:
    """The 24-hour time; None when the hour could be either half of the day."""
    if kind is None:
        return f"{hour:02d}:{minutes:02d}" if hour >= 13 or hour == 0 else None
    if hour > 12:
        return f"{hour:02d}:{minutes:02d}"
    if kind == "am":
        hour = 0 if hour == 12 else hour
    elif kind == "noon":
        hour = hour if hour >= 11 else hour + 12       # "11.30 ظهرا", "الواحدة ظهرا"
    elif night and hour <= 5:
        pass                                            # "الثالثة ليلا": the small hours
    elif night and hour == 12:
        hour = 0
    else:
        hour = hour if hour == 12 else hour + 12
    return f"{hour:02d}:{minutes:02d}"


def with_half(time: str, part: str | None) -> str | None:
    """An undecided hour ("?4:00") read in the half of the day ``part`` says."""
    if not time.startswith("?"):
        return time
    if part is None:
        return None
    hour, minutes = (int(x) for x in time[1:].split(":"))
    if part in AFTER_NOON_PARTS and hour < 12:
        hour += 12
    return f"{hour:02d}:{minutes:02d}"


def sentence_bounds(folded: str) -> list[int]:
    """Where each sentence of the folded text starts (for attaching times)."""
    return [0] + [match.end() for match in _SENTENCE_END.finditer(folded)]
