"""The offline search index: Arabic folding shared with the JavaScript side."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from test_site_helpers import REPO, make_content, make_entry
from timeline.normalize import normalize_arabic
from timeline.site.arabic import DateDisplay
from timeline.site.pages import build_site_data
from timeline.site.search import build_index, search_script, stem, terms
from timeline.site.urls import Urls

SAMPLES = ["جيش الإسلام", "جيش الاسلام", "الإسلامُ", "مدرســة", "١٢٠٠ مدني", "۱۲۰۰", "«سانا»", "ﻻ",
           "\u202eمعكوس\u200b", "إدلب", "ادلب", "مستشفى", "Jaysh AL-Islam", "والإسلام", "بالمدينة"]


def index_for(*entries):
    content = make_content(list(entries))
    data = build_site_data(content, DateDisplay(), Urls())
    return build_index(content, data.events)


def lookup(index: dict, query: str) -> set[str]:
    """The Python mirror of timeline.js's search: every term a prefix of an indexed stem."""
    result = None
    for term in terms(query):
        found = {index["docs"][int(n, 36)][0] for key, value in index["terms"].items() if key.startswith(term) for n in value.split(",")}
        result = found if result is None else result & found
    return result or set()


def test_memoized_fold_equals_normalize_arabic():
    from timeline.site.search import fold

    for sample in SAMPLES + ["  مسافات\tو\nأسطر  "]:
        assert fold(sample) == normalize_arabic(sample)


def test_light_prefixes_are_stripped_only_from_long_words():
    assert stem("الاسلام") == "اسلام"
    assert stem("والاسلام") == "اسلام"
    assert stem("وفد") == "وفد"


def test_hamza_forms_and_digits_find_the_same_events():
    index = index_for(make_entry("e1", "2018-04-08", "إصابة 1200 مدني في جيش الإسلام"),
                      make_entry("e2", "2018-04-09", "اجتماع آخر"))
    assert lookup(index, "الاسلام") == lookup(index, "الإسلام") == {"e1"}
    assert lookup(index, "1200") == lookup(index, "١٢٠٠") == {"e1"}
    assert lookup(index, "اجتماع") == {"e2"}


def test_index_stays_under_budget_per_event():
    entries = [make_entry(f"e{n}", "2018-04-08", f"حدث رقم {n} عن قصف دوما ومفاوضات جيش الإسلام مع روسيا",
                          quote="جملة أولى.") for n in range(200)]
    script = search_script(index_for(*entries))
    assert len(script.encode("utf-8")) / 200 < 1500


def test_index_script_cannot_close_its_script_element():
    script = search_script(index_for(make_entry("e1", "2018-04-08", "</script><b>x")))
    assert "</script>" not in script and "<b>" not in script


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_javascript_folds_exactly_like_python(tmp_path: Path):
    index = index_for(make_entry("e1", "2018-04-08", "عنوان"))
    program = f"""
      const lib = require({json.dumps(str(REPO / 'theme' / 'assets' / 'timeline.js'))});
      const index = {json.dumps({k: index[k] for k in ('fold', 'drop', 'prefixes', 'min_stem')}, ensure_ascii=False)};
      const samples = {json.dumps(SAMPLES, ensure_ascii=False)};
      console.log(JSON.stringify(samples.map(s => [lib.fold(s, index), lib.terms(s, index)])));
    """
    output = subprocess.run(["node", "-e", program], capture_output=True, text=True, check=True).stdout
    assert json.loads(output) == [[normalize_arabic(s), terms(s)] for s in SAMPLES]


def test_word_memo_gives_the_terms_of_the_whole_text():
    from timeline.site.search import _TermMemo

    text = " ".join(SAMPLES) + "\n  وفي   دوما\u00a0قصف، ١٢٠٠ «مدني» والإسلام"
    memo = _TermMemo()
    assert memo.terms(text) == set(terms(text))
    assert memo.terms(text) == set(terms(text))  # from the memo this time
