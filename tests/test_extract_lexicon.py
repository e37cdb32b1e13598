"""Integrity of extraction's word lists (``timeline/extract/data/*.yml``).

The category lexicon is data an editor extends: these tests say what a
correct edit keeps true (the way dateparser checks its ``dateparser_data``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from timeline.extract.lexicon import DATA_DIR, fold, noun_variants, word_lists, words_of
from timeline.extract.titles import make_title
from timeline.normalize import normalize_arabic

REPO = Path(__file__).resolve().parents[1]
LANGUAGES = {"ar", "en"}


def _yaml(name: str) -> dict:
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))


def _vocabulary() -> set[str]:
    """Category keys of the default site (mkdocs.yml's plugin options)."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "timeline" in plugin:
            return set(plugin["timeline"]["categories"])
    raise AssertionError("mkdocs.yml has no timeline plugin")


def _key(phrase: str) -> tuple[str, ...]:
    """A phrase as matching sees it: folded, a single word without its prefixes."""
    words = fold(phrase)
    return (min(noun_variants(words[0]), key=len),) if len(words) == 1 else words


def test_every_category_of_the_lexicon_is_in_the_sites_vocabulary() -> None:
    assert set(_yaml("categories.yml")) <= _vocabulary()


def test_category_rules_name_only_categories_of_the_lexicon() -> None:
    rules, categories = _yaml("category_rules.yml"), set(_yaml("categories.yml"))
    named = set(rules["specific"]) | set(rules["consequences"]) | set(rules["moves"])
    named |= {key for pair in rules["same_occurrence"] for key in pair}
    assert all(len(set(pair)) == 2 for pair in rules["same_occurrence"])  # a pair of two different categories
    assert named <= categories, named - categories
    assert not set(rules["specific"]) & set(rules["consequences"])


def test_the_since_the_start_guard_is_phrases_per_language() -> None:
    guard = _yaml("category_rules.yml")["not_cues_after"]
    assert set(guard) == LANGUAGES
    assert all(len(fold(phrase)) >= 2 for lang in LANGUAGES for phrase in guard[lang])  # "منذ" alone is any range


def test_category_lists_are_per_language() -> None:
    for key, spec in _yaml("categories.yml").items():
        assert set(spec) <= LANGUAGES, key
        assert all(isinstance(phrase, str) and phrase.strip() for lang in spec for phrase in spec[lang]), key


def test_no_phrase_is_a_cue_of_two_categories() -> None:
    owners: dict[tuple[str, tuple[str, ...]], set[str]] = {}
    for key, spec in _yaml("categories.yml").items():
        for lang, phrases in spec.items():
            for phrase in phrases:
                owners.setdefault((lang, _key(phrase)), set()).add(key)
    conflicts = {phrase: keys for phrase, keys in owners.items() if len(keys) > 1}
    assert not conflicts


def test_no_phrase_is_listed_twice_in_one_category_once_normalized() -> None:
    for key, spec in _yaml("categories.yml").items():
        for lang, phrases in spec.items():
            folded = [" ".join(fold(p)) for p in phrases]
            twice = {p for p in folded if folded.count(p) > 1}
            assert not twice, (key, lang, twice)


def test_word_lists_have_every_section_the_code_reads() -> None:
    data = _yaml("words.yml")
    for name in ("statement_bases", "opening_words", "claim_clips", "title_breaks", "title_dangling",
                 "title_asides", "merge_stopwords", "noun_determiners"):
        assert data[name] and all(isinstance(w, str) and " " not in w.strip() for w in data[name]), name


def test_word_lists_are_normalized_like_the_text() -> None:
    """A list word written with hamza or alef maqsura ("إلى") matches the folded text."""
    lists = word_lists()
    assert normalize_arabic("إلى") in lists.title_dangling
    assert normalize_arabic("حتى") in lists.merge_stopwords
    assert all(w == normalize_arabic(w) for w in lists.title_breaks | lists.merge_stopwords)


@pytest.mark.parametrize("sentence, last", [
    ("وصلت قافلة المساعدات الأولى إلى", "الأولى"),
    ("عبرت عشرات الشاحنات المحملة بالطحين نحو", "بالطحين"),
])
def test_a_title_never_ends_with_a_dangling_preposition(sentence: str, last: str) -> None:
    assert make_title(words_of(sentence), 0).split()[-1] == last


def _leaves(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from _leaves(value)
    elif isinstance(node, list):
        for value in node:
            yield from _leaves(value)
    else:
        yield node


@pytest.mark.parametrize("name", sorted(p.name for p in DATA_DIR.glob("*.yml")))
def test_every_listed_word_is_text(name: str) -> None:
    """A bare on/no/yes in YAML is a boolean, never matched as the word."""
    assert all(isinstance(leaf, str) for leaf in _leaves(_yaml(name))), [l for l in _leaves(_yaml(name)) if not isinstance(l, str)]
