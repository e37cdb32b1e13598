"""Word lists of the date engine, loaded once from ``data/*.yml``.

Every entry is folded with :func:`timeline.normalize.normalize_arabic`, the
same folding the engine applies to the text, so the lists need one spelling
per word. The lexicon hands on lookup tables (normalized word -> value) and
regular-expression alternations (longest first) for ``patterns``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Iterable

from timeline.dates.cache import cached_lexicon
from timeline.normalize import normalize_arabic

DATA_DIR = Path(__file__).parent / "data"


def load_data(name: str) -> Any:
    """Load one YAML data file of the engine (PyYAML's C loader when built)."""
    import yaml  # 10 ms of a cold start (-X importtime), for a lexicon cache miss; clock.yml is not cached yet
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with (DATA_DIR / f"{name}.yml").open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)  # noqa: S506 - a safe loader


def alternation(words: Iterable[str]) -> str:
    """A non-capturing regex alternation of ``words``, longest first."""
    unique = sorted(set(words), key=lambda word: (-len(word), word))
    return "(?:" + "|".join(re.escape(word) for word in unique) + ")"


def _table(mapping: dict[Any, list[str]]) -> dict[str, int]:
    """Invert ``{value: [words]}`` into ``{normalized word: value}``."""
    return {normalize_arabic(word): int(value) for value, words in mapping.items() for word in words}


def _words(words: Iterable[str]) -> frozenset[str]:
    return frozenset(normalize_arabic(word) for word in words)


@dataclass(frozen=True)
class Lexicon:
    """All word lists, normalized."""

    months: dict[str, int]
    ambiguous_months: frozenset[str]
    hijri_months: dict[str, int]
    weekdays: dict[str, int]
    cardinal_units: dict[str, int]
    cardinal_tens: dict[str, int]
    vague_numbers: dict[str, int]
    ordinal_units: dict[str, int]
    ordinal_tens: dict[str, int]
    deictic_days: dict[str, int]
    not_today_after: frozenset[str]
    past: frozenset[str]
    future: frozenset[str]
    current: frozenset[str]
    window_past: frozenset[str]
    window_future: frozenset[str]
    day_parts: frozenset[str]
    night_parts: frozenset[str]
    month_parts: dict[str, str]
    part_days: dict[str, tuple[int, int]]
    part_months: dict[str, tuple[int, int]]
    units: dict[str, str]
    duals: frozenset[str]
    plurals: frozenset[str]
    since_duration_units: frozenset[str]
    approximators: frozenset[str]
    future_cues: frozenset[str]
    event_nouns: frozenset[str]
    min_verbs: frozenset[str]
    motion_verbs: frozenset[str]
    time_of_day: dict[str, str]
    names: frozenset[str]
    media_nouns: frozenset[str]

    def unit_of(self, word: str) -> str:
        """The unit ("day", "week", ...) of a normalized unit word."""
        return self.units[word]


@cache
def lexicon() -> Lexicon:
    """The engine's lexicon: from the cache of an earlier run when the data
    files are unchanged (``cache``), else read from disk."""
    return Lexicon(**cached_lexicon(_read_lexicon))


def _read_lexicon() -> dict:
    """The lexicon's fields, read and folded from ``data/*.yml``."""
    months = load_data("months")
    numbers = load_data("numbers")
    relative = load_data("relative")
    roles = load_data("roles")
    parts = relative["month_parts"]
    return dict(
        months=_table(months["gregorian"]),
        ambiguous_months=_words(months["ambiguous"]),
        hijri_months=_table(months["hijri"]),
        weekdays=_table(load_data("weekdays")),
        cardinal_units=_table(numbers["cardinal_units"]),
        cardinal_tens=_table(numbers["cardinal_tens"]),
        vague_numbers=_table(numbers["vague"]),
        ordinal_units=_table(numbers["ordinal_units"]),
        ordinal_tens=_table(numbers["ordinal_tens"]),
        deictic_days=_table(relative["deictic_days"]),
        not_today_after=_words(relative["not_today_after"]),
        past=_words(relative["past"]),
        future=_words(relative["future"]),
        current=_words(relative["current"]),
        window_past=_words(relative["window_past"]),
        window_future=_words(relative["window_future"]),
        day_parts=_words(relative["day_parts"]),
        night_parts=_words(relative["night_parts"]),
        month_parts={normalize_arabic(word): part for part, words in parts.items() for word in words},
        part_days={part: tuple(span) for part, span in relative["part_days"].items()},
        part_months={part: tuple(span) for part, span in relative["part_months"].items()},
        units={normalize_arabic(word): unit for unit, words in relative["units"].items() for word in words},
        duals=_words(relative["duals"]),
        plurals=_words(relative["plurals"]),
        since_duration_units=frozenset(relative["since_duration_units"]),
        approximators=_words(relative["approximators"]),
        future_cues=_words(roles["future_cues"]),
        event_nouns=_words(relative["event_nouns"]),
        min_verbs=_words(relative["min_verbs"]),
        motion_verbs=_words(relative["motion_verbs"]),
        time_of_day={normalize_arabic(word): label for label, words in relative["time_of_day"].items()
                     for word in words},
        names=_words(relative["names"]),
        media_nouns=_words(relative["media_nouns"]),
    )


def parse_cardinal(words: str) -> int | None:
    """The value of a normalized number in digits or words ("خمسه وعشرين" -> 25)."""
    words = words.strip()
    if words.startswith("ال"):
        words = words[2:]
    if words.isdigit():
        return int(words)
    lex = lexicon()
    total = 0
    for token in re.split(r"\s+", words):
        token = token[1:] if token.startswith("و") and token[1:] in lex.cardinal_tens else token
        if token in lex.cardinal_units:
            total += lex.cardinal_units[token]
        elif token in lex.cardinal_tens:
            total += lex.cardinal_tens[token]
        elif token in lex.vague_numbers:
            total += lex.vague_numbers[token]
        else:
            return None
    return total or None


def parse_ordinal(words: str) -> int | None:
    """The value of a normalized day ordinal ("الحادي والعشرين" -> 21)."""
    lex = lexicon()
    total = 0
    tokens = [token for token in re.split(r"\s+", words.strip()) if token != "و"]  # "الثامن و العشرين"
    if len(tokens) == 1 and tokens[0].endswith(("حادي", "حاديه")):
        return None  # "الحادي" only counts inside "الحادي عشر", "الحادي والعشرين"
    for token in tokens:
        for prefix in ("وال", "ال", "و"):
            if token.startswith(prefix) and len(token) > len(prefix) + 1:
                token = token[len(prefix):]
                break
        if token in lex.ordinal_units:
            total += lex.ordinal_units[token]
        elif token in lex.ordinal_tens:
            total += lex.ordinal_tens[token]
        elif token in ("عشر", "عشره"):
            total += 10
        else:
            return None
    return total or None


def parse_day(words: str) -> int | None:
    """A day of the month written in digits or as an ordinal word."""
    words = words.strip().rstrip(".")
    if words.startswith("ال") and words[2:].isdigit():
        words = words[2:]
    if words.isdigit():
        return int(words)
    return parse_ordinal(words)
