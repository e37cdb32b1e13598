"""Word lists of extraction (``extract/data/*.yml``), loaded once, and the
token matching they are used with.

Matching is on normalized words (``normalize_arabic``): a word matches a
verb form after a leading conjunction (و, ف) and an attached pronoun (ـه,
ـها, ـهم…) are stripped, and a noun or a name after the article and the
prepositions (ال, ب, ل, ك, لل) are stripped too. Phrases match word by word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import yaml

from timeline.normalize import normalize_arabic

DATA_DIR = Path(__file__).parent / "data"
PUNCTUATION = "\"'«»“”„()[]{}،,.:;؛!?؟…–—-_/\\*"
CONJUNCTIONS = ("و", "ف")
NOUN_PREFIXES = ("وبال", "وال", "بال", "كال", "فال", "ال", "و", "ب", "ل", "ك", "ف")
PRONOUN_SUFFIXES = ("هما", "هم", "هن", "ها", "ه", "نا", "كم")
# Words after "since the start of" in which its noun phrase names a cue
# ("منذ بدء قوات النظام حملتها": the campaign is the third word).
GUARD_WINDOW = 3


@dataclass(frozen=True)
class Word:
    """One word of a sentence: where it is, its text and its folded form."""

    start: int  # offsets into the sentence text
    end: int
    text: str
    norm: str


def words_of(text: str) -> list[Word]:
    """Words with punctuation stripped from their folded form ('' for pure punctuation)."""
    result = []
    for match in re.finditer(r"\S+", text):
        norm = normalize_arabic(match.group()).strip(PUNCTUATION)
        result.append(Word(match.start(), match.end(), match.group(), norm))
    return result


def fold(phrase: str) -> tuple[str, ...]:
    """A phrase from a data file as a tuple of folded words."""
    return tuple(w for w in (normalize_arabic(part).strip(PUNCTUATION) for part in phrase.split()) if w) or (normalize_arabic(phrase),)


def verb_variants(norm: str) -> set[str]:
    """A word and its forms without a leading و/ف and an attached pronoun."""
    forms = {norm}
    if len(norm) > 3 and norm[0] in CONJUNCTIONS:
        forms.add(norm[1:])
    for form in list(forms):
        for suffix in PRONOUN_SUFFIXES:
            if form.endswith(suffix) and len(form) - len(suffix) >= 2:
                forms.add(form[: -len(suffix)])
    return forms


@lru_cache(maxsize=65536)
def noun_variants(norm: str) -> frozenset[str]:
    """A word and its forms without conjunction, article and preposition."""
    forms = {norm}
    if norm.endswith(("'s", "’s")) and len(norm) > 3:  # English possessive: "Turkey's"
        forms.add(norm[:-2])
    if norm.startswith("لل") and len(norm) > 4:
        forms.add("ال" + norm[2:])
        forms.add(norm[2:])
    for prefix in NOUN_PREFIXES:
        if norm.startswith(prefix) and len(norm) - len(prefix) >= 2:
            rest = norm[len(prefix):]
            forms.add(rest)
            if prefix in ("و", "ب", "ك", "ف", "وب"):
                continue
    for form in list(forms):
        if len(form) > 3 and form[0] in "وبلكف" and form[1:].startswith("ال"):
            forms.add(form[1:])
            forms.add(form[3:])
    return frozenset(forms)


def past_forms(base: str) -> set[str]:
    """The 3rd-person past forms of a verb given as masculine singular."""
    base = normalize_arabic(base)
    stem = base[:-1] if base[-1] in "يا" and len(base) > 2 else base
    forms = {base, base + "ت", base + "وا", base + "ا", base + "تا", base + "ن", stem + "ت", stem + "وا", stem + "تا"}
    return forms


class PhraseSet:
    """Multi-word phrases matched against a word list, one start word at a time."""

    def __init__(self, phrases: Iterable[str], *, nouns: bool = False) -> None:
        self.nouns = nouns
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            folded = fold(str(phrase))
            self.by_first.setdefault(folded[0], []).append(folded)
        for options in self.by_first.values():
            options.sort(key=len, reverse=True)

    def match_at(self, words: list[Word], index: int) -> int:
        """Length (in words) of the longest phrase starting at ``index``, or 0."""
        first = words[index].norm
        if not first:
            return 0
        candidates = set(noun_variants(first) if self.nouns else verb_variants(first))
        if len(first) >= 3 and first[0] in CONJUNCTIONS:
            candidates.add(first[1:])  # "وفي حال", "وفي اليوم ذاته"
        for variant in candidates:
            for phrase in self.by_first.get(variant, ()):
                if all(i < len(words) and words[i].norm == part
                       for i, part in zip(range(index + 1, index + len(phrase)), phrase[1:])):
                    return len(phrase)
        return 0

    def find(self, words: list[Word], start: int = 0, stop: int | None = None) -> int:
        """Index of the first word where a phrase starts, or -1."""
        for index in range(start, min(len(words), stop if stop is not None else len(words))):
            if self.match_at(words, index):
                return index
        return -1

    def any_in(self, words: list[Word], start: int = 0, stop: int | None = None) -> bool:
        return self.find(words, start, stop) >= 0


class CueGuard:
    """Where a category cue does not tell what happened: the noun phrase right
    after a "since the start of" phrase ("منذ بدء الحملة العسكرية", "since the
    beginning of the air campaign") names the period of a running figure, not
    an occurrence of the sentence (``category_rules.yml`` ``not_cues_after``).
    The first cue of any category within ``window`` words after the phrase,
    not past a comma or a verb of occurrence (the phrase has ended: "ومنذ بدء
    الهجوم قتلت الغارات …"), is the guarded one."""

    def __init__(self, openers: PhraseSet, window: int, verbs: PhraseSet) -> None:
        self.openers = openers
        self.window = window
        self.verbs = verbs
        self.cues: tuple[CategoryCues, ...] = ()

    def covers(self, words: list[Word], index: int) -> bool:
        """Is the word at ``index`` inside the cue of a "since the start of" phrase?"""
        for begin in range(max(0, index - self.window - 5), index):
            length = self.openers.match_at(words, begin)
            if length and begin + length <= index and index in self._guarded(words, begin + length):
                return True
        return False

    def _guarded(self, words: list[Word], after: int) -> range:
        for position in range(after, min(len(words), after + self.window)):
            length = max((cues.base_match_at(words, position) for cues in self.cues), default=0)
            if length:
                return range(position, position + length)
            if words[position].text.endswith((",", "،", "؛", ";")) or self.verbs.match_at(words, position):
                break
        return range(0)


class CategoryCues(PhraseSet):
    """The cue phrases of one category, less those a :class:`CueGuard` covers."""

    def __init__(self, phrases: Iterable[str], guard: CueGuard) -> None:
        super().__init__(phrases, nouns=True)
        self.guard = guard

    def base_match_at(self, words: list[Word], index: int) -> int:
        return super().match_at(words, index)

    def match_at(self, words: list[Word], index: int) -> int:
        length = super().match_at(words, index)
        return 0 if length and self.guard.covers(words, index) else length


def _category_cues(categories: dict, rules: dict, language: str, verbs: PhraseSet) -> tuple[tuple[str, PhraseSet], ...]:
    """The category lexicon, each category's cues guarded by ``not_cues_after``."""
    guard = CueGuard(PhraseSet(_lang(rules["not_cues_after"], language)), GUARD_WINDOW, verbs)
    cues = tuple((key, CategoryCues(_lang(spec, language), guard)) for key, spec in categories.items())
    guard.cues = tuple(phrases for _, phrases in cues)
    return cues


@dataclass(frozen=True)
class Lexicon:
    """Every cue list of extraction, for one language."""

    language: str

    reporting_verbs: PhraseSet
    participles: PhraseSet
    reporting_phrases: PhraseSet
    chain_links: PhraseSet
    complementizers: PhraseSet
    anaphoric_claimants: PhraseSet
    event_verbs: PhraseSet
    verb_bases: frozenset[str]
    event_nouns: PhraseSet
    proposal_heads: PhraseSet
    commentary_heads: PhraseSet
    future_cues: PhraseSet
    conditional_cues: PhraseSet
    demand_present: PhraseSet
    background_frames: PhraseSet
    background_pivots: PhraseSet
    continuation_openers: PhraseSet
    same_day_cues: PhraseSet
    negations: PhraseSet
    contrast_openers: PhraseSet
    present_reporting: PhraseSet
    static_cues: PhraseSet
    statement_verbs: PhraseSet
    appeal_verbs: PhraseSet
    negotiation_settings: PhraseSet
    ongoing_verbs: PhraseSet
    still_cues: PhraseSet
    ongoing_words: PhraseSet
    since_words: PhraseSet
    called_off_verbs: PhraseSet
    earlier_openers: PhraseSet
    place_references: PhraseSet
    past_negations: PhraseSet
    new_occurrence_cues: PhraseSet
    also_openers: PhraseSet
    denial_verbs: PhraseSet
    reaction_cues: PhraseSet
    explanation_cues: PhraseSet
    caption_openers: PhraseSet
    categories: tuple[tuple[str, PhraseSet], ...]
    specific_categories: tuple[str, ...]
    consequence_categories: frozenset[str]
    move_categories: frozenset[str]
    same_occurrence: frozenset[frozenset[str]]  # pairs of categories one occurrence often carries
    killed: PhraseSet
    injured: PhraseSet
    number_words: frozenset[str]
    approximators: PhraseSet

    def category_of(self, key: str) -> PhraseSet:
        """The cue phrases of one category."""
        return dict(self.categories)[key]


def _read(name: str) -> dict:
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))


def _lang(section, language: str) -> list[str]:
    if isinstance(section, dict):
        return [str(item) for item in section.get(language, [])]
    return [str(item) for item in section or []]


@dataclass(frozen=True)
class WordLists:
    """The plain word lists of ``data/words.yml``, folded (see that file)."""

    statement_bases: tuple[str, ...]
    opening_words: frozenset[str]
    claim_clips: frozenset[str]
    title_breaks: frozenset[str]
    title_dangling: frozenset[str]
    title_asides: frozenset[str]
    merge_stopwords: frozenset[str]
    noun_determiners: frozenset[str]


@lru_cache(maxsize=1)
def word_lists() -> WordLists:
    """``data/words.yml``, loaded once per process, every word normalized."""
    data = _read("words.yml")

    def folded(name: str) -> frozenset[str]:
        return frozenset(normalize_arabic(str(w)).strip(PUNCTUATION) for w in data[name])

    return WordLists(
        statement_bases=tuple(str(w) for w in data["statement_bases"]),
        opening_words=folded("opening_words"), claim_clips=folded("claim_clips"),
        title_breaks=folded("title_breaks"), title_dangling=folded("title_dangling"),
        title_asides=folded("title_asides"), merge_stopwords=folded("merge_stopwords"),
        noun_determiners=folded("noun_determiners"),
    )


@lru_cache(maxsize=4)
def lexicon(language: str = "ar") -> Lexicon:
    """The cue lists for ``language`` (``ar`` or ``en``), loaded once per process."""
    lang = "en" if language == "en" else "ar"
    reporting, events, categories, casualties, rules = (_read(n) for n in ("reporting.yml", "events.yml", "categories.yml", "casualties.yml", "category_rules.yml"))
    bases = _lang(events["event_verbs"], lang)
    verb_forms = set(_lang(events["event_forms"], lang))
    if lang == "ar":
        for base in bases:
            verb_forms |= past_forms(base)
    else:
        verb_forms |= set(bases)
    statement_forms: set[str] = set()
    for base in word_lists().statement_bases:
        statement_forms |= past_forms(base) if lang == "ar" else {base}
    event_verbs = PhraseSet(verb_forms)
    return Lexicon(
        language=lang,
        reporting_verbs=PhraseSet(_lang(reporting["verbs"], lang)),
        participles=PhraseSet(reporting["participles"]),
        reporting_phrases=PhraseSet(_lang(reporting["phrases"], lang), nouns=True),
        chain_links=PhraseSet(_lang(reporting["chain_links"], lang)),
        complementizers=PhraseSet(_lang(reporting["complementizers"], lang)),
        anaphoric_claimants=PhraseSet(reporting["anaphoric_claimants"], nouns=True),
        event_verbs=event_verbs,
        verb_bases=frozenset(normalize_arabic(b) for b in bases),
        event_nouns=PhraseSet(_lang(events["event_nouns"], lang), nouns=True),
        proposal_heads=PhraseSet(_lang(events["proposal_heads"], lang), nouns=True),
        commentary_heads=PhraseSet(_lang(events["commentary_heads"], lang)),
        future_cues=PhraseSet(_lang(events["future_cues"], lang)),
        conditional_cues=PhraseSet(_lang(events["conditional_cues"], lang)),
        demand_present=PhraseSet(_lang(events["demand_present"], lang)),
        background_frames=PhraseSet(_lang(events["background_frames"], lang)),
        background_pivots=PhraseSet(_lang(events["background_pivots"], lang)),
        continuation_openers=PhraseSet(_lang(events["continuation_openers"], lang)),
        same_day_cues=PhraseSet(_lang(events["same_day_cues"], lang)),
        negations=PhraseSet(_lang(events["negations"], lang)),
        contrast_openers=PhraseSet(_lang(events["contrast_openers"], lang)),
        present_reporting=PhraseSet(_lang(reporting["present_verbs"], lang)),
        static_cues=PhraseSet(_lang(events["static_cues"], lang)),
        statement_verbs=PhraseSet(statement_forms),
        appeal_verbs=PhraseSet(_lang(events["appeal_verbs"], lang)),
        negotiation_settings=PhraseSet(_lang(events["negotiation_settings"], lang), nouns=True),
        ongoing_verbs=PhraseSet(_lang(events["ongoing_verbs"], lang)),
        still_cues=PhraseSet(_lang(events["still_cues"], lang)),
        ongoing_words=PhraseSet(_lang(events["ongoing_words"], lang), nouns=True),
        since_words=PhraseSet(_lang(events["since_words"], lang)),
        called_off_verbs=PhraseSet(_lang(events["called_off_verbs"], lang)),
        earlier_openers=PhraseSet(_lang(events["earlier_openers"], lang)),
        place_references=PhraseSet(_lang(events["place_references"], lang), nouns=True),
        past_negations=PhraseSet(_lang(events["past_negations"], lang)),
        new_occurrence_cues=PhraseSet(_lang(events["new_occurrence_cues"], lang), nouns=True),
        also_openers=PhraseSet(_lang(events["also_openers"], lang)),
        denial_verbs=PhraseSet(_lang(reporting["denial_verbs"], lang)),
        reaction_cues=PhraseSet(_lang(reporting["reaction_cues"], lang)),
        explanation_cues=PhraseSet(_lang(reporting["explanation_cues"], lang)),
        caption_openers=PhraseSet(_lang(events["caption_openers"], lang), nouns=True),
        categories=_category_cues(categories, rules, lang, event_verbs),
        specific_categories=tuple(str(k) for k in rules["specific"]),
        consequence_categories=frozenset(str(k) for k in rules["consequences"]),
        move_categories=frozenset(str(k) for k in rules["moves"]),
        same_occurrence=frozenset(frozenset(str(k) for k in pair) for pair in rules["same_occurrence"]),
        killed=PhraseSet(_lang(casualties["killed"], lang), nouns=True),
        injured=PhraseSet(_lang(casualties["injured"], lang), nouns=True),
        number_words=frozenset(normalize_arabic(w) for w in _lang(casualties["number_words"], lang)),
        approximators=PhraseSet(_lang(casualties["approximators"], lang)),
    )
