"""A hostile page in a real browser: every link of it clicked, no dialog, no
script run, nothing fetched from another host on load (the URL-policy cases
of tests/fixtures/bad/urls/ in about.md, index.md and an event body)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "bad" / "urls"
HOOK = "window.pwned=1"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    from project_helpers import copy_project
    from timeline.build import build_site

    root = tmp_path_factory.mktemp("hostile-browser")
    project = copy_project(root / "project")
    texts = [p.read_text(encoding="utf-8").rstrip("\n") for p in sorted(CASES.glob("*.md")) if p.name != "README.md"]
    # the same schemes with a payload that records itself, as well as alert()
    texts.append(f"[مسجّل](java&#115;cript:{HOOK}) [مسجّل٢](&#106;avascript:{HOOK}) ![صورة](d&#97;ta:text/html,<script>{HOOK}</script>)")
    page = "\n\n".join(texts) + "\n"
    (project.content / "about.md").write_text("# عن المشروع\n\n" + page, encoding="utf-8")
    (project.content / "index.md").write_text(page, encoding="utf-8")
    project.write_entry("2018-04-08-hostile-links", """
        id: 2018-04-08-hostile-links
        date: 2018-04-08
        title: حدث بروابط عدائية
        categories: [statement]
        places: [douma]
        sources:
          - article: elaph-2018-04-08-douma-talks
            quote: "هذا ونقلت وكالة الأنباء السورية الرسمية (سانا) عن مصدر رسمي سوري قوله ان الاجتماع الذي تم اليوم الأحد"
    """, body=page)
    site = root / "site"
    build_site(project.config, site, offline=True)
    return site


def pwned(page) -> bool:
    """Whether the recording payload ran in the page now shown (after any navigation)."""
    from playwright.sync_api import Error

    for _ in range(5):
        try:
            return page.evaluate("window.pwned !== undefined")
        except Error:  # the click navigated; ask the new page
            page.wait_for_load_state("load")
    raise AssertionError("the page kept navigating")


@pytest.mark.parametrize("relative", ["about.html", "index.html", "events/2018-04-08-hostile-links.html"])
def test_clicking_every_link_of_a_hostile_page_runs_nothing(visit, hostile_site, relative):
    url = (hostile_site / relative).as_uri()
    session = visit()
    dialogs: list[str] = []
    session.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page = session.open(url)
    assert session.external == []  # nothing fetched from another host by loading the page
    count = page.eval_on_selector_all("a", "nodes => nodes.length")
    assert count >= 20  # the hostile links of the fixture, plus the page's own
    for index in range(count):
        if page.url != url:  # the last click left the page: back to it
            page = session.open(url)
        # a dispatched click activates the link as a reader's click does (a
        # javascript: href would run), also for links out of view and SVG links
        page.locator("a").nth(index).evaluate(
            "a => a.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, view: window}))")
        page.wait_for_timeout(50)
        page.wait_for_load_state("load")
        assert dialogs == [], (relative, index)
        assert pwned(page) is False, (relative, index, page.url)
    assert dialogs == []
