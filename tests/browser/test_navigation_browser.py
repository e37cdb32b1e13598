"""Moving through time and the chart, in a real browser, on the default
content and on the 2,000-event corpus: the first event on a phone's first
screen, the year/month navigator and month pages' neighbours, the chart as
one Tab stop with arrow keys, axe-core with zero violations on every page
type in both colour schemes, and screenshots at 360 and 1280 px."""

from __future__ import annotations

import pytest

from browser.conftest import SCREENSHOTS, run_axe

pytestmark = pytest.mark.browser

DEFAULT_PAGES = {
    "index": "",
    "event": "events/2018-04-08-wafideen-meeting/",
    "article": "articles/elaph-2018-04-08-douma-talks/",
    "listing": "actors/jaysh-al-islam/",
    "review": "review/verified/",
    "about": "about/",
    "404": "404.html",
}
SCALE_PAGES = {
    "index": "",
    "month": "months/2015-06/",
    "years": "review/auto/",
    "year": "review/auto/2016/",
    "listing": "categories/bombardment/",
}


def test_first_event_is_on_the_first_screen_of_a_phone(visit, server):
    page = visit(width=360, height=800).open(server)
    title = page.locator("section.timeline article.card .card-title").first
    box = title.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 800, box
    assert page.is_visible("details.intro > summary") and not page.is_visible("details.intro p")
    page.click("details.intro > summary")
    assert page.is_visible("details.intro a[href$='about/']")  # the introduction is folded, not lost


def test_chart_is_one_tab_stop_and_arrow_keys_move_between_bars(visit, server):
    session = visit()
    page = session.open(server)
    bars = page.locator(".chart .bars a")
    assert bars.count() >= 2
    page.focus("#q")
    page.keyboard.press("Tab")  # past the filters' summary
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.chart') !== null")
    first = page.evaluate("document.activeElement.getAttribute('title')")
    assert first == bars.first.get_attribute("title")
    assert page.inner_text(".chart .readout") == first
    page.keyboard.press("ArrowLeft")  # later in time: to the left in an RTL page
    second = page.evaluate("document.activeElement.getAttribute('title')")
    assert second == bars.nth(1).get_attribute("title") and page.inner_text(".chart .readout") == second
    boxes = [bars.nth(n).bounding_box() for n in range(2)]
    assert boxes[1]["x"] < boxes[0]["x"]
    page.keyboard.press("Tab")  # one more Tab leaves the chart
    assert page.evaluate("document.activeElement.closest('.chart') === null")
    assert session.errors == []


def test_at_scale_the_chart_is_still_one_tab_stop_of_about_120_months(visit, scale_server):
    page = visit().open(scale_server)
    assert page.inner_text("#chart-title") == "عدد الأحداث في كل شهر"
    bars = page.locator(".chart .bars a")
    assert bars.count() > 100
    assert page.locator('.chart [tabindex="0"]').count() == 1
    bars.first.focus()
    page.keyboard.press("End")
    assert page.evaluate("document.activeElement.getAttribute('title')") == bars.last.get_attribute("title")
    assert page.locator('.chart [tabindex="0"]').count() == 1
    page.keyboard.press("ArrowRight")  # earlier
    assert page.evaluate("document.activeElement.getAttribute('title')") == bars.nth(bars.count() - 2).get_attribute("title")


def test_at_scale_the_navigator_jumps_to_a_month_and_month_pages_link_their_neighbours(visit, scale_server):
    page = visit(width=360, height=800).open(scale_server)
    page.click('.timenav a[href="months/2015-06/"]')
    page.wait_for_load_state("load")
    assert page.url.endswith("/months/2015-06/")
    assert page.inner_text("h1") == "حزيران/يونيو 2015"
    page.click(".month-pager >> nth=0 >> a[rel=next]")
    page.wait_for_load_state("load")
    assert page.url.endswith("/months/2015-07/")
    page.click(".month-pager >> nth=0 >> a[rel=prev]")
    page.wait_for_load_state("load")
    assert page.url.endswith("/months/2015-06/")
    # The folded navigator on a month page marks this month and reaches any other.
    page.click(".timenav-box > summary")
    assert page.get_attribute('.timenav a[aria-current="page"]', "href").endswith("months/2015-06/")


def test_at_scale_a_long_list_jumps_to_a_month_heading_left_in_view(visit, scale_server):
    page = visit(width=360, height=800).open(scale_server + SCALE_PAGES["listing"])
    link = page.locator(".timenav a").nth(40)
    target = link.get_attribute("href").split("#", 1)[1]
    link.click()
    page.wait_for_function(f"location.hash === '#{target}'")
    top = page.evaluate(f"document.getElementById('{target}').getBoundingClientRect().top")
    assert 0 <= top < 100
    # On a long month, scrolling on, the month heading and the date heading stay at the top.
    page = visit(width=360, height=800).open(scale_server + SCALE_PAGES["month"])
    page.evaluate("window.scrollTo(0, document.querySelector('section.month').offsetTop + 1500)")
    page.wait_for_timeout(50)
    month = page.locator("section.month > h2").first.bounding_box()
    assert abs(month["y"]) < 2
    days = page.eval_on_selector_all("section.day > h3", "hs => hs.map(h => h.getBoundingClientRect().top)")
    assert any(abs(top - month["height"]) < 12 for top in days), (month, days[:5])


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", DEFAULT_PAGES)
def test_axe_finds_no_violations_on_default_content(visit, server, name, scheme):
    page = visit(scheme=scheme).open(server + DEFAULT_PAGES[name])
    assert run_axe(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", SCALE_PAGES)
def test_axe_finds_no_violations_at_scale(visit, scale_server, name, scheme):
    page = visit(scheme=scheme).open(scale_server + SCALE_PAGES[name])
    assert run_axe(page) == []


def test_screenshots_at_360_and_1280(visit, server, scale_server):
    """Written to artifacts/screenshots/ (git-ignored) for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shots = [(server, "default", name, DEFAULT_PAGES[name]) for name in ("index", "event", "listing")]
    shots += [(scale_server, "scale", name, SCALE_PAGES[name]) for name in ("index", "month", "listing")]
    for base, corpus, name, path in shots:
        for width in (360, 1280):
            for scheme in ("light", "dark") if name == "index" else ("light",):
                page = visit(width=width, scheme=scheme).open(base + path)
                file = SCREENSHOTS / f"{corpus}-{name}-{width}-{scheme}.png"
                page.screenshot(path=str(file), full_page=corpus == "default")
                assert file.stat().st_size > 0


def test_navigator_month_pages_and_chart_work_from_a_snapshot_at_file_url(visit, tmp_path):
    """Offline (what `timeline snapshot` writes): every link names its .html file."""
    from test_site_helpers import make_site_project
    from timeline.build import build_site

    config = make_site_project(tmp_path / "project", plugin_options="      month_pages_after: 2\n")
    site = tmp_path / "نسخة" / "site"
    build_site(config, site, offline=True, strict=True)
    session = visit(width=360)
    page = session.open((site / "index.html").as_uri())
    page.click('.timenav a[href="months/2018-04.html"]')
    page.wait_for_load_state("load")
    assert page.url.endswith("/months/2018-04.html") and page.locator("article[data-event-id]").count() >= 3
    page.click(".month-pager >> nth=0 >> a[rel=prev]")
    page.wait_for_load_state("load")
    assert page.url.endswith("/months/2018-03.html")
    page = session.open((site / "index.html").as_uri())
    page.locator(".chart .bars a").last.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/months/2018-04.html#d-2018-04-08")
    assert page.evaluate("document.querySelector(':target').id") == "d-2018-04-08"
    assert session.errors == [] and session.external == []
