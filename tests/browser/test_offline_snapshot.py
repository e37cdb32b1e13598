"""The snapshot opened as an archivist would: unzipped at a path with spaces and
Arabic letters, from ``file://``, in Chromium with every network request
blocked. All events shown, search working, links to ``.html`` files, and
the events still listed with JavaScript off."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from timeline.snapshot import make_snapshot

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SCREENSHOT = REPO / "artifacts" / "screenshots" / "offline-index.png"
SEARCH_WORD = "الوافدين"  # from the title of 2018-04-08-wafideen-meeting


@pytest.fixture
def offline_site(project, tmp_path, monkeypatch) -> Path:
    """The default project's snapshot, unzipped under ``…/أرشيف دوما/نسخة 1/``."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1523145600")
    archive = make_snapshot(project.config, tmp_path / "snapshot.zip")
    folder = tmp_path / "أرشيف دوما" / "نسخة 1"
    folder.mkdir(parents=True)
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(folder)
    (bag,) = folder.iterdir()
    return bag / "data" / "site"


class OfflineVisit:
    """A browser context that lets local ``file:///`` through and aborts and counts everything else."""

    def __init__(self, browser, *, javascript: bool = True) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=javascript,
                                           service_workers="block", offline=True)
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.context.on("request", self._seen)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    @staticmethod
    def local(url: str) -> bool:
        """A file on this machine: ``file:///…``. ``file://host/…`` (what ``//host/x`` becomes
        from a file:// page) is a network share on Windows, so it counts as a request out."""
        parts = urlsplit(url)
        return (parts.scheme == "file" and not parts.netloc) or parts.scheme == "data"

    def _route(self, route) -> None:
        if self.local(route.request.url):
            route.continue_()
        else:
            self._record(route.request.url)
            route.abort()

    def _seen(self, request) -> None:
        if not self.local(request.url):
            self._record(request.url)

    def _record(self, url: str) -> None:
        if url not in self.blocked:
            self.blocked.append(url)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def offline_visit(browser):
    visits: list[OfflineVisit] = []

    def make(**options) -> OfflineVisit:
        visits.append(OfflineVisit(browser, **options))
        return visits[-1]

    yield make
    for visit in visits:
        visit.close()


def published_ids(site: Path) -> list[str]:
    lines = (site / "entries.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["id"] for line in lines]


def test_the_index_opens_from_file_with_every_event_and_no_request(offline_site, offline_visit):
    visit = offline_visit()
    page = visit.page
    page.goto((offline_site / "index.html").as_uri(), wait_until="load")
    cards = page.locator("article[data-event-id]")
    assert sorted(cards.evaluate_all("cards => cards.map(c => c.dataset.eventId)")) == sorted(published_ids(offline_site))
    assert page.locator("article[data-event-id][hidden]").count() == 0
    assert page.evaluate("document.documentElement.dir") == "rtl"
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert visit.blocked == [] and visit.errors == []


def test_search_works_offline(offline_site, offline_visit):
    visit = offline_visit()
    page = visit.page
    page.goto((offline_site / "index.html").as_uri(), wait_until="load")
    total = page.locator("article[data-event-id]").count()
    page.locator("input[type=search]").fill(SEARCH_WORD)
    page.wait_for_selector(".finder .results article[data-event-id]", timeout=5000)
    page.wait_for_function("!document.querySelector('.finder').hasAttribute('aria-busy')", timeout=5000)
    shown_ids = page.locator(".finder .results article").evaluate_all("cards => cards.map(c => c.dataset.eventId)")
    assert "2018-04-08-wafideen-meeting" in shown_ids
    assert 0 < len(shown_ids) < total
    assert page.locator("section.timeline").is_hidden()
    page.locator("input[type=search]").fill("")
    page.wait_for_function("!document.querySelector('.finder').hasAttribute('aria-busy')", timeout=5000)
    assert page.locator("section.timeline").is_visible()
    assert visit.blocked == [] and visit.errors == []


def test_links_open_html_files_and_quoted_sentences(offline_site, offline_visit):
    visit = offline_visit()
    page = visit.page
    page.goto((offline_site / "index.html").as_uri(), wait_until="load")
    page.locator('article[data-event-id="2018-04-08-wafideen-meeting"] a[href$=".html"]').first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/events/2018-04-08-wafideen-meeting.html")
    citation = page.locator(".citation a[href*='#s-']").first
    href = citation.get_attribute("href")
    citation.click()
    page.wait_for_load_state("load")
    fragment = href.split("#", 1)[1]
    assert page.url.endswith(href.split("/")[-1])
    assert page.locator(f"[id='{fragment}']").count() == 1
    assert visit.blocked == [] and visit.errors == []


def test_events_are_listed_with_javascript_off(offline_site, offline_visit):
    visit = offline_visit(javascript=False)
    page = visit.page
    page.goto((offline_site / "index.html").as_uri(), wait_until="load")
    cards = page.locator("article[data-event-id]")
    assert cards.count() == len(published_ids(offline_site))
    for index in range(cards.count()):
        assert cards.nth(index).is_visible()
    assert visit.blocked == []


def test_the_request_counter_would_catch_a_request_to_another_host(offline_site, offline_visit):
    """A control: the blocking above is real, so its zero counts mean something."""
    page_path = offline_site / "control.html"
    page_path.write_text('<!doctype html><img src="https://example.org/x.png"><script src="//cdn.example.org/a.js"></script>',
                         encoding="utf-8")
    visit = offline_visit()
    visit.page.goto(page_path.as_uri(), wait_until="load")
    assert sorted(visit.blocked) == ["file://cdn.example.org/a.js", "https://example.org/x.png"]
