"""The offline search index: Arabic folding shared with the JavaScript side,
clitics and variant spellings, the index in parts, and their sizes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from test_site_helpers import REPO, make_content, make_entry
from timeline.normalize import normalize_arabic
from timeline.site.arabic import DateDisplay
from timeline.site.pages import build_site_data
from timeline.site.search import (
    build_index, decode_postings, encode_postings, fold, index_readings, query_readings, readings, terms,
    word_readings, words,
)
from timeline.site.urls import Urls

WORDS = [line for line in (REPO / "tests" / "fixtures" / "site" / "search_words.txt").read_text(encoding="utf-8").splitlines()
         if line and not line.startswith("#")]
SAMPLES = ["جيش الإسلام", "جيش الاسلام", "الإسلامُ", "مدرســة", "١٢٠٠ مدني", "۱۲۰۰", "«سانا»", "ﻻ",
           "\u202eمعكوس\u200b", "إدلب", "ادلب", "مستشفى", "Jaysh AL-Islam", "والإسلام", "بالمدينة"]
NODE = shutil.which("node")


def index_for(*entries):
    content = make_content(list(entries))
    data = build_site_data(content, DateDisplay(), Urls())
    return build_index(content, data.events, event_url="events/{id}/", digits="latin", review_labels={})


def parts_of(index) -> dict[str, dict]:
    found = {}
    for path, text in index.files.items():
        match = re.fullmatch(r'TIMELINE_PART\("([^"]+)",(.*)\);\n', text, re.S)
        assert match, path
        found[match.group(1)] = json.loads(match.group(2))
    return found


def lookup(index, query: str) -> set[str]:
    """The Python mirror of timeline.js's match(): every query word has an
    indexed term starting with one of its readings."""
    parts = parts_of(index)
    ids = {int(n, 36): doc[0] for name, part in parts.items() if name.startswith("d-") for n, doc in part["docs"].items()}
    all_terms = {term: value for name, part in parts.items() if name.startswith("t-") for term, value in part["terms"].items()}
    result = None
    for group in word_readings(query):
        found = {ids[n] for term, value in all_terms.items() if any(term.startswith(r) for r in group)
                 for n in decode_postings(value)}
        result = found if result is None else result & found
    return result or set()


def test_fold_equals_normalize_arabic():
    for sample in SAMPLES + ["  مسافات\tو\nأسطر  "]:
        assert fold(sample) == normalize_arabic(sample)


def test_readings_strip_clitics_only_from_long_words():
    assert "اسلام" in readings("الاسلام") and "اسلام" in readings("والاسلام")
    assert readings("وفد") == ("وفد",)
    assert "بيان" in readings("وبيان") and "بيان" in readings("بيان")
    assert index_readings("الهجوم") == ("هجوم",)  # the form with the article is not indexed


@pytest.mark.parametrize("word, prefixed", [
    ("كيميائي", "الكيميائي"), ("بيان", "وبيان"), ("بيان", "بالبيان"), ("مستشفى", "للمستشفى"),
    ("مستشفى", "فالمستشفى"), ("اجتماع", "واجتماع"), ("قصف", "وبقصف"),
])
def test_a_word_and_its_prefixed_form_find_the_same_events(word, prefixed):
    index = index_for(make_entry("e1", "2018-04-08", f"نص فيه {word} وحده"),
                      make_entry("e2", "2018-04-09", f"نص فيه {prefixed} وحده"),
                      make_entry("e3", "2018-04-10", "نص آخر لا علاقة له"))
    assert lookup(index, word) == lookup(index, prefixed) == {"e1", "e2"}


def test_variant_spellings_are_data_and_find_each_other():
    index = index_for(make_entry("e1", "2018-04-08", "هجوم بالسلاح الكيميائي"),
                      make_entry("e2", "2018-04-09", "هجوم بالسلاح الكيماوي"),
                      make_entry("e3", "2018-04-10", "اجتماع"))
    assert lookup(index, "الكيماوي") == lookup(index, "الكيميائي") == lookup(index, "كيميائي") == {"e1", "e2"}


def test_hamza_forms_and_digits_find_the_same_events():
    index = index_for(make_entry("e1", "2018-04-08", "إصابة 1200 مدني في جيش الإسلام"),
                      make_entry("e2", "2018-04-09", "اجتماع آخر"))
    assert lookup(index, "الاسلام") == lookup(index, "الإسلام") == {"e1"}
    assert lookup(index, "1200") == lookup(index, "١٢٠٠") == {"e1"}
    assert lookup(index, "اجتماع") == {"e2"}
    assert lookup(index, "الاج") == {"e2"}  # a word being typed, after its article


@pytest.mark.parametrize("numbers, total", [([], 10), ([0], 1), ([3, 4, 9, 200], 1000), (list(range(0, 900, 2)), 900),
                                            (list(range(500)), 500)])
def test_postings_round_trip_in_both_encodings(numbers, total):
    assert decode_postings(encode_postings(numbers, total)) == numbers


def test_every_part_is_small_and_holds_its_first_page():
    entries = [make_entry(f"e{n:03}", "2018-04-08", f"حدث رقم {n} عن قصف دوما ومفاوضات جيش الإسلام مع روسيا",
                          quote=f"جملة {n} عن القصف.") for n in range(400)]
    index = index_for(*entries)
    sizes = {path: len(text.encode("utf-8")) for path, text in index.files.items() if "/t-" in path}
    assert max(sizes.values()) < 16_000
    for part in parts_of(index).values():
        for term, value in part.get("terms", {}).items():
            assert all(f"{n:x}" in part["docs"] or _b36(n) in part["docs"] for n in decode_postings(value)[:20])


def _b36(number: int) -> str:
    digits, text = "0123456789abcdefghijklmnopqrstuvwxyz", ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if not number:
            return text


def test_index_files_cannot_close_their_script_element():
    index = index_for(make_entry("e1", "2018-04-08", "</script><b>x"))
    for text in index.files.values():
        assert "</script>" not in text and "<b>" not in text


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_javascript_folds_exactly_like_python_over_the_word_list():
    index = index_for(make_entry("e1", "2018-04-08", "عنوان"))
    rules = {k: index.meta[k] for k in ("fold", "drop", "prefixes", "min_stem", "variants", "articled")}
    samples = WORDS + SAMPLES
    program = f"""
      const lib = require({json.dumps(str(REPO / 'theme' / 'assets' / 'timeline.js'))});
      const rules = {json.dumps(rules, ensure_ascii=False)};
      const samples = {json.dumps(samples, ensure_ascii=False)};
      console.log(JSON.stringify(samples.map(s => [lib.fold(s, rules), lib.terms(s, rules), lib.wordReadings(s, rules),
        lib.partName(s)])));
    """
    output = subprocess.run([NODE, "-e", program], capture_output=True, text=True, check=True).stdout
    from timeline.site.search import part_name
    expected = [[normalize_arabic(s), terms(s), [list(g) for g in word_readings(s)], part_name(s)] for s in samples]
    assert json.loads(output) == expected


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_javascript_finds_what_python_finds():
    entries = [make_entry("e1", "2018-04-08", "بيان الدفاع المدني عن الكيميائي"),
               make_entry("e2", "2018-04-09", "وبيان آخر بالكيماوي"),
               make_entry("e3", "2018-04-10", "اجتماع في دوما")]
    index = index_for(*entries)
    queries = ["بيان", "الكيماوي", "اجتماع دوما", "الدفاع", "دو", "لا شيء"]
    program = f"""
      const lib = require({json.dumps(str(REPO / 'theme' / 'assets' / 'timeline.js'))});
      const meta = {json.dumps(index.meta, ensure_ascii=False)};
      const parts = {{}};
      global.atob = (s) => Buffer.from(s, 'base64').toString('binary');
      global.TIMELINE_PART = (name, data) => {{ parts[name] = data; }};
      for (const text of {json.dumps(list(index.files.values()), ensure_ascii=False)}) eval(text);
      const queries = {json.dumps(queries, ensure_ascii=False)};
      console.log(JSON.stringify(queries.map(q => (lib.match(lib.wordReadings(q, meta), meta, parts) || []))));
    """
    output = subprocess.run([NODE, "-e", program], capture_output=True, text=True, check=True).stdout
    ids = [e.id for e in entries]
    assert [sorted(ids[n] for n in found) for found in json.loads(output)] == [sorted(lookup(index, q)) for q in queries]
    assert lookup(index, "بيان") == {"e1", "e2"}


def test_word_memo_gives_the_terms_of_the_whole_text():
    from timeline.site.search import _TermMemo

    text = " ".join(SAMPLES) + "\n  وفي   دوما\u00a0قصف، ١٢٠٠ «مدني» والإسلام"
    memo = _TermMemo()
    assert memo.terms(text) == set(terms(text))
    assert memo.terms(text) == set(terms(text))


def test_query_readings_add_the_rest_after_an_article():
    assert query_readings("الهج") == ("الهج", "هج")
    assert words("  «وبيان»  ") == ["وبيان"]


# -- the preview's incremental index -----------------------------------------------------------

def _many_entries(count: int, edited: dict[int, dict] | None = None):
    """``count`` entries on distinct days, titled with words of the fixture list
    (so that the index has many parts), with ``edited`` fields replaced."""
    entries = []
    for n in range(count):
        fields = dict(title=" ".join(WORDS[(n * 7 + k * 13) % len(WORDS)] for k in range(4)) + f" {n}",
                      quote="جملة أولى.", review="verified", actors=("russia",))
        fields.update((edited or {}).get(n, {}))
        day = f"2017-{1 + n // 28 % 12:02d}-{1 + n % 28:02d}" if n < 336 else f"2018-{1 + (n - 336) // 28:02d}-{1 + n % 28:02d}"
        entries.append(make_entry(f"e{n:03d}", day, fields.pop("title"), **fields))
    return entries


def _index_of(content, previous_data=None, previous_state=None):
    data = build_site_data(content, DateDisplay(), Urls(), previous_data)
    index = build_index(content, data.events, event_url="events/{id}/", digits="latin", review_labels={},
                        previous=previous_state)
    return data, index


@pytest.mark.parametrize("edit", [
    {5: {"title": "عنوان جديد تماما عن مستشفى حرستا"}},  # new terms, old ones gone
    {120: {"title": "جيش الإسلام"}, 121: {"title": "وفد"}},  # two events, short titles
    {40: {"quote": "جملة ثانية فيها 1200 مدني."}},  # the quote: terms and the result row's snippet
    {7: {"review": "disputed"}},  # the facets and the short row
    {0: {"actors": ()}},  # a facet and its terms dropped
])
def test_an_incremental_index_equals_a_full_index_and_remakes_few_parts(edit):
    before = make_content(_many_entries(400))
    data, index = _index_of(before)
    entries = list(before.entries)
    changed = {e.id: e for e in _many_entries(400, edit)}
    for number in edit:
        position = next(i for i, e in enumerate(entries) if e.id == f"e{number:03d}")
        entries[position] = changed[f"e{number:03d}"]
    after = replace(before, entries=tuple(entries))  # the same registries: unchanged views are reused
    _, incremental = _index_of(after, data, index.state)
    _, full = _index_of(after)
    assert incremental.files == full.files
    assert incremental.meta == full.meta
    parts, chunks = incremental.state.rebuilt
    assert parts < len(full.meta["parts"]) / 4 and chunks <= len(edit)


def test_an_incremental_index_after_a_move_is_a_full_one():
    before = make_content(_many_entries(120))
    data, index = _index_of(before)
    entries = sorted([*before.entries[1:], replace(before.entries[0], date=before.entries[-1].date)],
                     key=lambda e: e.sort_key())
    after = replace(before, entries=tuple(entries))
    _, incremental = _index_of(after, data, index.state)
    _, full = _index_of(after)
    assert incremental.files == full.files and incremental.meta == full.meta
    assert incremental.state.rebuilt == full.state.rebuilt  # every event renumbered: every part made


def test_a_one_off_index_keeps_nothing_and_writes_the_same_files():
    content = make_content(_many_entries(150))
    data = build_site_data(content, DateDisplay(), Urls())
    kept = build_index(content, data.events, event_url="events/{id}/", digits="latin", review_labels={})
    one_off = build_index(content, data.events, event_url="events/{id}/", digits="latin", review_labels={},
                          keep_state=False)
    assert one_off.state is None and kept.state is not None
    assert one_off.files == kept.files and one_off.meta == kept.meta
