"""The date engine's speed-ups change nothing: the prefix index gives each
rule exactly the matches of ``finditer``, bulk folding gives exactly
``normalize_with_offsets``, and future cues read from one pass give the
answer of searching each sentence."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dates.engine import _future_cues, _index, _rules, _Sentences, fold_with_offsets
from timeline.dates.prefilter import build_index, rule_prefixes
from timeline.normalize import normalize_with_offsets

PIECES = st.sampled_from([
    "أمس", "اليوم", "الجمعة", "الماضية", "من", "آذار", "نيسان/أبريل", "2018", "٥", "عام", "منذ", "قبل",
    "يومين", "خلال", "الأيام", "و", "ب", "ال", "ل", "ـ", "ً", " ", "  ", "/", "-", ".", "(", ")", "هـ", "ليلة",
    "13", "7", "1439", "رجب", "شخصا", "حتى", "الآن", "\u200f", "\n", "بين", "18", "20", "شباط", "سوف",
    "من المقرر", "المقرر", "مساء", "ذاته", "نفسه", "3/2018", "١٢", "الساعة", "Friday", "late", "on", "April",
])
ARABIC_TEXT = st.lists(PIECES, max_size=40).map("".join)


def _all_matches(regexes, text):
    return sorted((number, match.span(), match.groups()) for number, regex in enumerate(regexes)
                  for match in regex.finditer(text))


@settings(max_examples=400, deadline=None)
@given(st.one_of(ARABIC_TEXT, st.text(max_size=60)))
def test_prefix_index_gives_every_rule_the_matches_of_finditer(text):
    folded, _ = fold_with_offsets(text)
    for language in ("ar", "en"):
        index = _index(language)
        found = sorted((number, match.span(), match.groups()) for number, match in index.matches(folded))
        assert found == _all_matches(index.regexes, folded)


def test_every_rule_is_indexed():
    for language in ("ar", "en"):
        assert _index(language).unindexed == (), [rule.name for rule in _rules(language)]


def test_prefixes_of_a_pattern():
    assert rule_prefixes(re.compile(r"(?<!\w)(?:ab|c)\d")) == {"ab0", "c0"}
    assert rule_prefixes(re.compile(r"(?<!\w)x?yz")) == {"xyz", "yz"}
    assert rule_prefixes(re.compile(r"ab")) is None           # may start inside a word: not indexed


def test_an_unindexed_rule_and_other_digits_fall_back_to_finditer():
    regexes = [re.compile(r"a\d"), re.compile(r"(?<!\w)b\d")]
    index = build_index(regexes)
    assert index.unindexed == (0,)
    for text in ("xa1 b2 b٣", "b३ a५"):  # Devanagari digits: \d matches them, the index does not fold them
        found = sorted((number, match.span()) for number, match in index.matches(text))
        assert found == sorted((number, match.span()) for number, regex in enumerate(regexes)
                               for match in regex.finditer(text))


@settings(max_examples=500, deadline=None)
@given(st.one_of(ARABIC_TEXT, st.text()))
def test_bulk_folding_equals_normalize_with_offsets(text):
    assert fold_with_offsets(text) == normalize_with_offsets(text)


CUE_PIECES = st.sampled_from(["من المقرر", "المقرر", "سوف", "وسوف", " ", ".", "غدا", "و", "مقترح",
                              "مقترحات", "x", "؟", "ستعقد", "ستعقدغدا"])


@settings(max_examples=400, deadline=None)
@given(st.lists(CUE_PIECES, max_size=25).map("".join))
def test_future_cues_from_one_pass_answer_as_a_search_of_the_sentence(folded):
    cue_number = len(_rules("ar"))
    cues = sorted(match.span() for number, match in _index("ar").matches(folded) if number == cue_number)
    sentences = _Sentences(folded, cues)
    for position in range(len(folded) + 1):
        start = sentences.start_of(position)
        expected = _future_cues().search(folded, start, position) is not None
        assert sentences.future_before(position) == expected, (folded, position)
