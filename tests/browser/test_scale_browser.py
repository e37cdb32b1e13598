"""The reader's site at scale in a real browser: a generated corpus of 2,000
events (``benchmarks/make_corpus.py``, built once per session), where the
index links month pages instead of listing events. Search totals and paging,
filters whose counts follow each other, state kept in the URL and restored on
back, compact rows that keep review state and claimant, the header search."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

def events_of(site: Path) -> list[dict]:
    return json.loads((site / "timeline.json").read_text(encoding="utf-8"))["events"]


def settled(page) -> None:
    page.wait_for_function("!document.querySelector('.finder').hasAttribute('aria-busy')", timeout=20_000)


def result_ids(page) -> list[str]:
    return page.eval_on_selector_all(".finder .results article[data-event-id]", "n => n.map(x => x.dataset.eventId)")


def status_number(page) -> int:
    text = page.inner_text(".finder .status")
    if text.startswith("نتيجة واحدة"):
        return 1
    if text.startswith("نتيجتان"):
        return 2
    return int(re.match(r"(\d+)", text).group(1))


def test_a_filter_at_scale_lists_every_matching_event_with_a_true_total(visit, scale_server, scale_site):
    events = events_of(scale_site)
    session = visit()
    page = session.open(scale_server)
    assert page.locator("section.timeline article[data-event-id]").count() == 0  # month pages at this size
    page.click(".finder .refine summary")
    page.select_option('select[data-filter="categories"]', "bombardment")
    settled(page)
    expected = [e["id"] for e in events if "bombardment" in e["categories"]]
    assert len(expected) > 40
    assert status_number(page) == len(expected)
    assert result_ids(page) == expected[:20]
    page.click(".finder .more")
    page.wait_for_function("document.querySelectorAll('.finder .results li').length >= 40")
    assert result_ids(page) == expected[:40]
    # Counts of the other filters follow this one.
    review_counts = {e["review"]: 0 for e in events}
    for e in events:
        if "bombardment" in e["categories"]:
            review_counts[e["review"]] += 1
    for key, count in review_counts.items():
        label = page.inner_text(f'select[data-filter="review"] option[value="{key}"]')
        assert label.endswith(f"({count})"), (key, label)
    assert session.errors == [] and session.external == []


def test_search_total_paging_url_state_and_back(visit, scale_server, scale_site):
    session = visit()
    page = session.open(scale_server)
    page.fill(".finder input[type=search]", "دوما")
    page.wait_for_timeout(20)
    settled(page)
    total = status_number(page)
    assert total > 50
    assert page.locator(".finder .results li").count() == 20
    assert page.locator(".finder .results mark").count() > 0
    page.click(".finder .refine summary")
    page.select_option('select[data-filter="review"]', "disputed")
    settled(page)
    narrowed = status_number(page)
    assert 0 < narrowed < total
    assert "review=disputed" in page.url and "q=" in page.url
    rows = page.eval_on_selector_all(".finder .results article", "n => n.map(x => x.dataset.review)")
    assert set(rows) == {"disputed"}
    # Shared URL opens in the same state; back restores the previous one.
    other = visit().open(page.url)
    settled(other)
    assert status_number(other) == narrowed
    page.go_back()
    settled(page)
    assert page.input_value('select[data-filter="review"]') == "" and status_number(page) == total
    assert session.errors == []


def test_header_search_on_another_page_opens_the_index_with_results(visit, scale_server):
    page = visit(width=360).open(scale_server + "about/")
    page.fill("#site-q", "مفاوضات")
    page.press("#site-q", "Enter")
    page.wait_for_load_state("load")
    settled(page)
    assert page.input_value("#q") == "مفاوضات" and status_number(page) > 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "scale-search-360.png"))


def test_compact_rows_keep_review_state_and_claimant(visit, scale_server):
    page = visit().open(scale_server + "categories/bombardment/")
    if page.locator(".years a").count():  # above listing_years_after, one page per year
        page.click(".years a >> nth=0")
        page.wait_for_load_state("load")
    rows = page.locator("article.row")
    assert rows.count() > 0
    for index in range(min(rows.count(), 5)):
        row = rows.nth(index)
        assert row.locator(".badge").count() == 1
        assert "·" in row.locator(".row-source").inner_text()
