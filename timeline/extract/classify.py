"""Classification of one sentence: categories, actors, places and casualty figures.

Categories come from the lexicon in ``data/categories.yml``; actors, places
and claimants from the aliases of ``gazetteer.yml`` and ``outlets.yml``,
matched on normalized words with the Arabic prefixes و ب ل ال stripped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from timeline.extract.lexicon import Lexicon, Word, fold, noun_variants

MAX_CATEGORIES = 2


class NameMatcher:
    """Finds the aliases of keyed names (outlets, actors, places) in a word list."""

    def __init__(self, names: dict[str, Iterable[str]]) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for key in sorted(names):
            for alias in names[key]:
                folded = fold(str(alias))
                self.by_first.setdefault(folded[0], []).append((folded, key))
        for options in self.by_first.values():
            options.sort(key=lambda item: len(item[0]), reverse=True)

    def match_at(self, words: list[Word], index: int) -> tuple[int, str] | None:
        """(length, key) of the longest alias starting at ``index``."""
        if not words[index].norm:
            return None
        best: tuple[int, str] | None = None
        for variant in noun_variants(words[index].norm):
            for phrase, key in self.by_first.get(variant, ()):
                if best and len(phrase) <= best[0]:
                    break
                if all(i < len(words) and (words[i].norm == part or (i == index + len(phrase) - 1 and part in noun_variants(words[i].norm)))
                       for i, part in zip(range(index + 1, index + len(phrase)), phrase[1:])):
                    best = (len(phrase), key)
                    break
        return best

    def find_all(self, words: list[Word], start: int = 0, stop: int | None = None) -> list[tuple[int, int, str]]:
        """Non-overlapping (index, length, key) matches, longest first at each position."""
        found = []
        index = start
        stop = len(words) if stop is None else min(stop, len(words))
        while index < stop:
            match = self.match_at(words, index)
            if match:
                found.append((index, match[0], match[1]))
                index += match[0]
            else:
                index += 1
        return found

    def keys_in(self, words: list[Word], start: int = 0, stop: int | None = None) -> list[str]:
        """Keys in order of first mention, without repeats."""
        keys: list[str] = []
        for _, _, key in self.find_all(words, start, stop):
            if key not in keys:
                keys.append(key)
        return keys


@dataclass(frozen=True)
class Names:
    """The matchers built from outlets.yml and gazetteer.yml."""

    outlets: NameMatcher
    actors: NameMatcher
    places: NameMatcher

    @classmethod
    def from_data(cls, outlets: dict[str, list[str]], actors: dict[str, list[str]], places: dict[str, list[str]]) -> "Names":
        return cls(NameMatcher(outlets), NameMatcher(actors), NameMatcher(places))


def categories_of(words: list[Word], lex: Lexicon, start: int = 0, stop: int | None = None, limit: int = MAX_CATEGORIES,
                  trigger: int = -1) -> list[str]:
    """Up to ``limit`` categories of what happened (rules in ``data/category_rules.yml``).

    The first is a *specific* category when it has a cue (a chemical attack
    by air strike is a chemical attack); else the category of the first cue
    of the claim — the predicate, what happened; the longer phrase where two
    start together ("قافلة مساعدات" over "قافلة") — passing over the
    *consequence* categories (a toll is of the strike that caused it; a
    statement is the news only when nothing else happened in it). When the
    verb that makes the sentence an event (``trigger``) is itself a cue or
    has one right next to it ("a deal reached", "توصلت لاتفاق"), that cue's
    category is what happened, wherever the other cues stand. The others
    follow by number of cues, then position."""
    stop = len(words) if stop is None else stop
    found: list[tuple[int, tuple[int, int], str]] = []  # (-hits, (first position, -its length), key)
    for key, phrases in lex.categories:
        positions = [i for i in range(start, stop) if phrases.match_at(words, i)]
        if positions:
            found.append((-len(positions), (positions[0], -phrases.match_at(words, positions[0])), key))
    if not found:
        return ["other"]
    found.sort()
    keys = {key for _, _, key in found}
    specific = [key for key in lex.specific_categories if key in keys]
    causes = [item for item in found if item[2] not in lex.consequence_categories]
    beside = _beside_trigger(words, lex, trigger, start, stop)
    if specific:
        primary = specific[0]
    elif beside:
        primary = beside
    elif causes:
        primary = min(causes, key=lambda item: item[1])[2]
    else:
        primary = min(found, key=lambda item: item[1])[2]
    return ([primary] + [key for _, _, key in found if key != primary])[:limit]


def _beside_trigger(words: list[Word], lex: Lexicon, trigger: int, start: int, stop: int) -> str | None:
    """The cause category of a cue at the trigger, else just after or just before it.
    A word inside a longer cue of another category belongs to that cue: the
    "convoy" of "a military convoy crossed" is the military convoy's."""
    if trigger < start or trigger >= stop:
        return None
    covering = _cue_spans(words, lex, max(start, trigger - 4), min(stop, trigger + 3))
    for index in (trigger, trigger + 1, trigger - 1, trigger + 2):
        key = covering.get(index)
        if key is not None and key not in lex.consequence_categories:
            return key
    return None


def category_at(words: list[Word], lex: Lexicon, index: int) -> str | None:
    """The category of the cue that covers the word at ``index``, if any (the
    "convoy" of "a military convoy" is the military convoy's)."""
    return _cue_spans(words, lex, max(0, index - 4), min(len(words), index + 1)).get(index)


def _cue_spans(words: list[Word], lex: Lexicon, start: int, stop: int) -> dict[int, str]:
    """Word index -> the category of the cue covering it, longest cue first,
    left to right, without overlaps ("قافلة مساعدات" over "قافلة")."""
    covering: dict[int, str] = {}
    index = start
    while index < stop:
        length, key = max(((phrases.match_at(words, index), key) for key, phrases in lex.categories), key=lambda item: item[0])
        if length:
            covering.update({i: key for i in range(index, index + length)})
            index += length
        else:
            index += 1
    return covering


NUMBER = re.compile(r"^\d[\d,.]*$")


@dataclass(frozen=True)
class Figure:
    """A stated casualty figure: "أكثر من 13 شخصا" killed."""

    kind: str  # killed | injured
    text: str


def casualty_figures(words: list[Word], lex: Lexicon) -> list[Figure]:
    """Numbers (or "dozens") followed, within a few words, by a killed/injured word."""
    figures: list[Figure] = []
    window_start = 0
    for index in range(len(words)):
        kind = "killed" if lex.killed.match_at(words, index) else "injured" if lex.injured.match_at(words, index) else None
        if kind is None:
            continue
        for number_index in range(max(window_start, index - 12), index + 1):
            if _is_number(words[number_index], lex):
                text = _figure_text(words, number_index, index, lex)
                if text and all(f.text != text for f in figures):
                    figures.append(Figure(kind, text))
        window_start = index + 1
    return figures


def _is_number(word: Word, lex: Lexicon) -> bool:
    return bool(NUMBER.match(word.norm)) or bool(noun_variants(word.norm) & lex.number_words)


def _figure_text(words: list[Word], number_index: int, keyword_index: int, lex: Lexicon) -> str:
    begin = number_index
    for back in range(max(0, number_index - 3), number_index):
        if lex.approximators.match_at(words, back) and back + lex.approximators.match_at(words, back) == number_index:
            begin = back
            break
    end = min(number_index + 2, keyword_index + 1) if number_index + 1 < keyword_index else number_index + 1
    if NUMBER.match(words[number_index].norm) and end < len(words) and words[end - 1].norm in ("الف", "مليون"):
        end += 1
    text = " ".join(w.text for w in words[begin:end]).strip("،,.:\"«»")
    if text[:1] == "و" and not words[begin].norm[1:2].isdigit() and noun_variants(words[begin].norm[1:]) & lex.number_words:
        text = text[1:]  # "وعشرات": the conjunction is not part of the figure
    return text
