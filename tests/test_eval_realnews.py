"""The real-news scorer (``benchmarks/eval_realnews.py``): matching and figures.

The sample article under ``fixtures/realnews-sample`` was written for these
tests (not a real article); drafts are built by hand so that each figure's
rule is checked on its own.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.eval_realnews import DraftView, SentenceView, load_article, locate, main, score, why_missed  # noqa: E402

SAMPLE = Path(__file__).parent / "fixtures" / "realnews-sample"
ARTICLE = load_article(SAMPLE / "01-sample-aleppo-convoy.md")
LEAD, DETAIL, DEAL, PLAN = [line for line in ARTICLE.body.splitlines() if line.endswith(".")]


def draft(name: str, day: str, categories: list[str], *quotes: str, end: str | None = None, by: str | None = None) -> DraftView:
    view = DraftView(name, day, end or day, False, None, categories, [(q, by) for q in quotes], "")
    view.spans = [locate(ARTICLE.body, q) for q in quotes]
    view.lead = view.spans[0] if view.spans else None
    return view


def test_one_draft_per_occurrence_is_distinct_and_right() -> None:
    drafts = [draft("a", "2016-12-15", ["evacuation"], LEAD, DETAIL), draft("b", "2016-12-13", ["negotiation"], DEAL)]
    result = score(ARTICLE, drafts, {}, ["Sample Outlet"])
    assert (result.core, result.core_found, result.date_ok, result.cat_ok) == (2, 2, 2, 2)
    assert (result.drafts, result.distinct, result.duplicates, result.noise) == (2, 2, 0, 0)
    assert (result.day_events, result.day_ok, result.attr_ok) == (2, 2, 2)


def test_a_detail_drafted_apart_is_a_duplicate_and_the_plan_is_noise() -> None:
    drafts = [draft("a", "2016-12-15", ["evacuation"], LEAD), draft("b", "2016-12-15", ["evacuation"], DETAIL),
              draft("c", "2016-12-16", ["evacuation"], PLAN)]
    result = score(ARTICLE, drafts, {}, ["Sample Outlet"])
    assert (result.distinct, result.duplicates, result.noise) == (1, 1, 1)
    assert result.core_found == 1  # the deal was not drafted


def test_wrong_day_wrong_category_and_a_range_around_the_day() -> None:
    drafts = [draft("a", "2016-12-08", ["evacuation"], LEAD, end="2016-12-15"), draft("b", "2016-12-13", ["statement", "negotiation"], DEAL)]
    result = score(ARTICLE, drafts, {}, ["Sample Outlet"])
    assert result.core_found == 2 and result.date_ok == 1 and result.day_ok == 1
    assert result.cat_ok == 1 and result.cat_any == 2


def test_claimant_compared_by_name_words() -> None:
    registry = {"red-crescent": ["الهلال الأحمر العربي السوري", "الهلال الأحمر"]}
    wrong = score(ARTICLE, [draft("a", "2016-12-15", ["evacuation"], LEAD, by="sohr")], {"sohr": ["المرصد السوري"]}, ["Sample Outlet"])
    right = score(ARTICLE, [draft("a", "2016-12-15", ["evacuation"], LEAD, by="red-crescent")], registry, ["Sample Outlet"])
    assert (wrong.attr_ok, right.attr_ok) == (0, 0)  # the gold's first claimant is the outlet
    assert score(ARTICLE, [draft("a", "2016-12-15", ["evacuation"], LEAD)], registry, ["Sample Outlet"]).attr_ok == 1


def test_a_draft_goes_to_the_event_its_first_quote_reports() -> None:
    """A draft of the deal that also quotes the convoy (a longer lead
    evidence) is the deal's: its first quote is what it reports."""
    result = score(ARTICLE, [draft("a", "2016-12-13", ["negotiation"], DEAL, LEAD, end="2016-12-15")], {}, ["Sample Outlet"])
    assert result.core_found == 1 and result.cat_ok == 1
    assert any(miss.startswith("MISSED e1") for miss in result.misses)


def test_a_missed_event_is_explained_sentence_by_sentence() -> None:
    lead, deal = locate(ARTICLE.body, LEAD), locate(ARTICLE.body, DEAL)
    event = next(e for e in ARTICLE.events if e.id == "e1")
    other = draft("a", "2016-12-13", ["negotiation"], DEAL, LEAD)
    not_event = [SentenceView(1, lead, False, "future", 0, ["evacuation"])]
    assert why_missed(event, not_event, [], {}, "") == "s1 not an event (future)"
    background = [SentenceView(1, lead, True, "past event verb", 1, ["evacuation"])]
    log = "background, not drafted: x sentence 1 (2015-12-15): before the period 2016-07-01..2016-12-31\n"
    assert why_missed(event, background, [], {}, log) == "s1 background (2015-12-15: before the period 2016-07-01..2016-12-31)"
    merged = [SentenceView(1, lead, True, "past event verb", 3, ["evacuation"]), SentenceView(3, deal, True, "past event verb", 3, [])]
    assert why_missed(event, merged, [other], {"a": "e2"}, "") == "s1 merged into a (gold e2; occurrence of s3)"


def test_the_command_runs_import_and_extract_and_prints_totals(capsys) -> None:  # noqa: ANN001
    assert main([str(SAMPLE)]) == 0
    printed = capsys.readouterr().out
    assert "01-sample-aleppo-convoy" in printed and "TOTAL (1 articles)" in printed
    assert "core" in printed and "timex" in printed and "distinct" in printed
