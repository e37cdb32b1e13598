"""Citable pages in Chromium (issue 12 item 6): the citation line's copy
button and access date, served and from a snapshot opened at ``file://``;
printed link targets absolute in an LTR isolate; the 404 page served at a
nested path, with and without ``site_url``."""

from __future__ import annotations

import functools
import http.server
import threading
import zipfile
from datetime import date
from pathlib import Path
from typing import Iterator

import pytest

from project_helpers import copy_project
from test_site_helpers import make_site_project
from timeline.build import build_site
from timeline.site.arabic import DateDisplay
from timeline.snapshot import make_snapshot

pytestmark = pytest.mark.browser

EVENT = "2018-04-08-wafideen-meeting"  # one of the default content's events
COPIED = "نُسخ نص الاستشهاد."


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a site under ``prefix`` and answers any missing path with its
    404.html, as web servers configured for a static site do."""

    prefix = "/"

    def log_message(self, *args) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "missing-on-purpose")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(site: Path, prefix: str = "/") -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = type("Handler", (_SiteHandler,), {"prefix": prefix})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_port}"


@pytest.fixture(scope="module")
def default_site(tmp_path_factory) -> Path:
    """The default project built as `timeline build` does (no site_url)."""
    root = tmp_path_factory.mktemp("cite-default")
    project = copy_project(root / "project")
    build_site(project.config, root / "site")
    return root / "site"


@pytest.fixture(scope="module")
def hosted_site(tmp_path_factory) -> Path:
    """The site fixture with site_url set to a path under a host."""
    root = tmp_path_factory.mktemp("cite-hosted")
    build_site(make_site_project(root / "project", site_url="https://example.org/douma/"), root / "site")
    return root / "site"


@pytest.fixture(scope="module")
def snapshot_site(tmp_path_factory) -> Path:
    """The default project's snapshot, unzipped, as an archivist opens it."""
    root = tmp_path_factory.mktemp("cite-snapshot")
    project = copy_project(root / "project")
    archive = make_snapshot(project.config, root / "snapshot.zip")
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(root / "unzipped")
    (bag,) = (root / "unzipped").iterdir()
    return bag / "data" / "site"


@pytest.fixture
def served_default(default_site) -> Iterator[str]:
    httpd, base = serve(default_site)
    yield base
    httpd.shutdown()
    httpd.server_close()


def todays_access_date() -> str:
    """What the reader's access date must read: today, as the site writes a day."""
    return DateDisplay().day(date.today(), weekday=False)


def cite_line(page) -> str:
    return " ".join(page.locator("#cite-text").inner_text().split())


def test_copy_button_copies_the_citation_with_todays_access_date(visit, served_default):
    visitor = visit()
    visitor.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served_default)
    page = visitor.open(f"{served_default}/events/{EVENT}/")
    button = page.get_by_role("button", name="نسخ نص الاستشهاد")
    assert button.is_visible()
    line = cite_line(page)
    assert line.endswith(f"تاريخ الاطلاع: {todays_access_date()}.")
    # no site_url: the relative permalink is made absolute from the page's own address
    assert f"{served_default}/events/{EVENT}/" in line
    button.click()
    page.wait_for_function("document.querySelector('.cite .copied').textContent.length > 0")
    assert page.locator(".cite .copied").inner_text() == COPIED
    copied = page.evaluate("navigator.clipboard.readText()")
    assert " ".join(copied.split()) == line
    assert visitor.errors == []


def test_without_javascript_the_line_is_plain_text_and_no_dead_button(visit, served_default):
    page = visit(javascript=False).open(f"{served_default}/events/{EVENT}/")
    assert page.locator("button.copy").is_hidden()
    assert "تاريخ الاطلاع:" in cite_line(page)


def test_copy_works_from_a_snapshot_opened_at_file(visit, snapshot_site):
    visitor = visit()
    page = visitor.open((snapshot_site / "events" / f"{EVENT}.html").as_uri())
    button = page.get_by_role("button", name="نسخ نص الاستشهاد")
    assert button.is_visible()
    assert cite_line(page).endswith(f"تاريخ الاطلاع: {todays_access_date()}.")
    button.click()
    page.wait_for_function("document.querySelector('.cite .copied').textContent.length > 0")
    status = page.locator(".cite .copied").inner_text()
    if status != COPIED:  # the clipboard refused: the line must then be selected, ready to copy by hand
        assert status.startswith("النص محدَّد")
        assert " ".join(page.evaluate("getSelection().toString()").split()) == cite_line(page)
    assert visitor.errors == []


def test_print_shows_absolute_link_targets_in_an_ltr_isolate(visit, hosted_site):
    httpd, base = serve(hosted_site)
    try:
        page = visit().open(f"{base}/events/2018-04-08-meeting/")
        page.emulate_media(media="print")
        shown = page.evaluate("""() => [...document.querySelectorAll('.citation a')].map(a => {
            const after = getComputedStyle(a, '::after');
            return [a.getAttribute('href'), after.content, after.direction, after.unicodeBidi];
        })""")
        stored = [row for row in shown if row[0].startswith("../../articles/")]
        external = [row for row in shown if row[0].startswith("https://")]
        assert stored and external
        for href, content, direction, bidi in stored:
            assert content == f'" <https://example.org/douma/{href[len("../../"):]}>"'
            assert (direction, bidi) == ("ltr", "isolate")
        for href, content, direction, bidi in external:
            assert content == f'" <{href}>"' and (direction, bidi) == ("ltr", "isolate")
        assert page.locator(".cite-actions").is_hidden() and page.locator(".site-search").is_hidden()
        page.emulate_media(media="screen")
        assert page.evaluate("getComputedStyle(document.querySelector('.citation a'), '::after').content") == "none"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _check_404(page, response, home: str) -> None:
    assert response.status == 404
    assert page.locator("h1").inner_text() == "الصفحة غير موجودة"
    # the stylesheet arrived: the page's own colours, not the browser's defaults
    assert page.evaluate("document.styleSheets.length && document.styleSheets[0].cssRules.length") > 10
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgba(0, 0, 0, 0)"
    links = page.evaluate("[...document.querySelectorAll('main a, .site-header a')].map(a => a.href)")
    assert links and all(link.startswith(home) for link in links)
    assert page.goto(page.locator(".site-name").evaluate("a => a.href")).status == 200


def test_404_page_keeps_styles_and_links_at_any_depth(visit, served_default):
    page = visit().page
    response = page.goto(f"{served_default}/a/b/c/missing")
    assert page.url == f"{served_default}/a/b/c/missing"
    _check_404(page, response, served_default + "/")


def test_404_page_under_the_site_urls_path(visit, hosted_site):
    httpd, base = serve(hosted_site, prefix="/douma/")
    try:
        page = visit().page
        response = page.goto(f"{base}/douma/events/nothing/here/")
        _check_404(page, response, f"{base}/douma/")
    finally:
        httpd.shutdown()
        httpd.server_close()
