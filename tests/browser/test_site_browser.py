"""The default site in a real browser (Debian's chromium through Playwright):
direction, small screens, no console errors, no request off the machine,
usable without JavaScript, search, filters, accessibility, screenshots."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser.conftest import REPO

pytestmark = pytest.mark.browser

EVENT = "events/2018-04-08-wafideen-meeting/"
PAGES = {
    "index": "",
    "event": EVENT,
    "article": "articles/elaph-2018-04-08-douma-talks/",
    "listing": "actors/jaysh-al-islam/",
    "review": "review/verified/",
    "about": "about/",
}


def event_ids(built_site: Path) -> list[str]:
    return [event["id"] for event in json.loads((built_site / "timeline.json").read_text(encoding="utf-8"))["events"]]


def visible_ids(page) -> list[str]:
    return page.eval_on_selector_all(".timeline article[data-event-id]:not([hidden])",
                                     "nodes => nodes.map(n => n.dataset.eventId)")


@pytest.mark.parametrize("name", PAGES)
def test_page_is_rtl_without_errors_or_external_requests(visit, server, name):
    session = visit()
    page = session.open(server + PAGES[name])
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    page.focus('input[type="search"]') if name == "index" else None  # loads the search index too
    page.wait_for_timeout(100)
    assert session.errors == []
    assert session.external == []


@pytest.mark.parametrize("name", PAGES)
def test_no_horizontal_scroll_at_360px(visit, server, name):
    page = visit(width=360).open(server + PAGES[name])
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_without_javascript_every_event_is_listed(visit, server, built_site):
    page = visit(javascript=False).open(server)
    assert visible_ids(page) == event_ids(built_site)
    page.click("details.refine summary")
    assert page.is_visible(".finder .browse a")  # list pages instead of the filters


def test_without_javascript_the_review_filter_is_a_list_page(visit, server, built_site):
    events = json.loads((built_site / "timeline.json").read_text(encoding="utf-8"))["events"]
    page = visit(javascript=False).open(server)
    page.click("details.refine summary")
    page.click(".finder .browse a >> text=راجعه محرر")  # the default content is all verified
    page.wait_for_load_state("load")
    assert page.url.endswith("/review/verified/")
    expected = [e["id"] for e in events if e["review"] == "verified"]
    assert expected and visible_ids(page) == expected


def settled(page) -> None:
    page.wait_for_function("!document.querySelector('.finder').hasAttribute('aria-busy')", timeout=10_000)


def result_ids(page) -> list[str]:
    return page.eval_on_selector_all(".finder .results article[data-event-id]", "nodes => nodes.map(n => n.dataset.eventId)")


def search(page, query: str) -> list[str]:
    page.fill('.finder input[type="search"]', query)
    page.wait_for_timeout(20)
    settled(page)
    return result_ids(page) if query else visible_ids(page)


def test_search_finds_an_event_by_a_word_in_it(visit, server):
    page = visit().open(server)
    assert search(page, "الوافدين") == ["2018-04-08-wafideen-meeting"]
    assert page.inner_text(".finder .status").startswith("نتيجة واحدة")
    assert page.locator(".finder .results mark").first.inner_text() == "الوافدين"


def test_search_folds_hamza_and_digits(visit, server, built_site):
    page = visit().open(server)
    with_hamza = search(page, "الإسلام")
    assert with_hamza and with_hamza == search(page, "الاسلام")
    latin = search(page, "1200")
    assert latin and latin == search(page, "١٢٠٠")
    assert len(latin) < len(event_ids(built_site))
    assert search(page, "") == event_ids(built_site)


def test_filters_list_the_right_events_and_clear_clears_everything(visit, server, built_site):
    events = json.loads((built_site / "timeline.json").read_text(encoding="utf-8"))["events"]
    page = visit().open(server)
    page.click(".finder .refine summary")
    page.select_option('select[data-filter="categories"]', "chemical-attack")
    settled(page)
    expected = [e["id"] for e in events if "chemical-attack" in e["categories"]]
    assert expected and result_ids(page) == expected
    page.select_option('select[data-filter="places"]', "douma")
    settled(page)
    assert result_ids(page) == [e["id"] for e in events if "chemical-attack" in e["categories"] and "douma" in e["places"]]
    assert "categories=chemical-attack" in page.url and "places=douma" in page.url
    page.fill('.finder input[type="search"]', "دوما")
    page.click(".finder .clear")
    settled(page)
    assert result_ids(page) == [] and page.input_value(".finder input[type=search]") == ""
    assert visible_ids(page) == [e["id"] for e in events]
    assert "?" not in page.url


def test_offline_build_works_from_file_url_with_search(visit, tmp_path):
    """What `timeline snapshot` relies on: build_site(offline=True) opened from
    disk, in a folder whose path has spaces and Arabic letters."""
    from timeline.build import build_site

    site = tmp_path / "نسخة دون اتصال" / "site"
    build_site(REPO / "mkdocs.yml", site, offline=True, strict=True)
    session = visit()
    page = session.open(site.joinpath("index.html").as_uri())
    assert search(page, "الوافدين") == ["2018-04-08-wafideen-meeting"]
    page.click('.finder .results article[data-event-id="2018-04-08-wafideen-meeting"] a.row-title')
    page.wait_for_load_state("load")
    assert page.url.endswith("events/2018-04-08-wafideen-meeting.html")
    page.click(".citation a.stored >> nth=0")
    page.wait_for_load_state("load")
    assert "#s-" in page.url and page.evaluate("document.querySelector(':target') !== null")
    assert session.errors == [] and session.external == []


def test_hostile_content_runs_no_script(visit, tmp_path):
    from test_site_helpers import make_site_project, write_entry
    from timeline.build import build_site

    payload = '<script>window.pwned=1;alert(1)</script><img src=x onerror="window.pwned=2;alert(2)">'
    root = tmp_path / "project"
    config = make_site_project(root)
    article = root / "content" / "articles" / "test-2018-04-08.md"
    article.write_text(article.read_text(encoding="utf-8") + f"وكتب أحدهم {payload} هنا.\n", encoding="utf-8")
    write_entry(root, "hostile", f"""
id: hostile
date: 2018-04-08
title: 'عنوان {payload}'
categories: [other]
review: auto
sources:
- article: test-2018-04-08
  quote: 'وكتب أحدهم {payload} هنا.'
""", body=f"سرد {payload}\n\n[رابط](javascript:alert(3))")
    build_site(config, tmp_path / "site", offline=True, strict=False)  # the javascript: link is a URL-policy warning
    session = visit()
    dialogs: list[str] = []
    session.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for relative in ("index.html", "events/hostile.html", "articles/test-2018-04-08.html"):
        page = session.open((tmp_path / "site" / relative).as_uri())
        if relative == "index.html":
            search(page, "عنوان")
        page.click("a >> text=رابط") if relative.startswith("events") else None
        assert page.evaluate("window.pwned === undefined"), relative
    assert dialogs == []
