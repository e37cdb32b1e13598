"""Browser fixtures: the default site built once, served on 127.0.0.1, and
Debian's chromium driven by Playwright with every other host blocked."""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "artifacts" / "screenshots"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


def missing(what: str, how: str) -> None:
    """Fail in CI (browser tests must run there), skip on a developer's machine."""
    message = f"{what} is missing: {how}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    from timeline.build import build_site

    site = tmp_path_factory.mktemp("browser") / "site"
    build_site(REPO / "mkdocs.yml", site, strict=True)
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep pytest output clean
        pass


def serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def server(built_site: Path) -> Iterator[str]:
    yield from serve(built_site)


SCALE_EVENTS, SCALE_ARTICLES = 2000, 200


@pytest.fixture(scope="session")
def scale_site(tmp_path_factory) -> Path:
    """A generated corpus of 2,000 events (benchmarks/make_corpus.py), built
    once per session: the index links month pages, lists split by year."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from benchmarks.make_corpus import make_corpus
    from timeline.build import build_site

    root = tmp_path_factory.mktemp("scale")
    config = make_corpus(SCALE_EVENTS, SCALE_ARTICLES, root / "project", seed=3)
    site = root / "site"
    build_site(config, site)
    return site


@pytest.fixture(scope="session")
def scale_server(scale_site: Path) -> Iterator[str]:
    yield from serve(scale_site)


def run_axe(page) -> list[tuple[str, str, list]]:
    """Every axe-core violation on the page as it is now: (rule, impact, first targets)."""
    if not AXE.exists():
        missing("axe-core", "npm ci --prefix tests/browser")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        missing("Debian's chromium", "apt-get install -y chromium (tests/setup-browser does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()


class Visit:
    """A page opened with console errors and off-machine requests recorded."""

    def __init__(self, browser, *, width: int = 1280, height: int = 900, javascript: bool = True,
                 scheme: str = "light") -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=javascript,
                                           service_workers="block", color_scheme=scheme)
        self.errors: list[str] = []
        self.external: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route) -> None:
        parts = urlsplit(route.request.url)
        if parts.hostname == "127.0.0.1" or parts.scheme == "file":
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def open(self, url: str):
        self.page.goto(url, wait_until="load")
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser):
    visits: list[Visit] = []

    def make(**options) -> Visit:
        visits.append(Visit(browser, **options))
        return visits[-1]

    yield make
    for item in visits:
        item.close()
