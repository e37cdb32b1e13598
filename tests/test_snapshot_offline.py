"""The site inside a snapshot works from ``file://``: a static scan of every link.

Rules (issue 6): every ``href``/``src`` is relative and names a file (a page
ends in ``.html``; browsers do not open a folder's ``index.html`` from
disk); no root-relative (``/x``) or protocol-relative (``//host``) URL; no
``http(s)`` to any host, except the links to an original or archived copy
of a cited article that a reader may choose to follow (Robust Links: they
carry ``data-originalurl`` or ``data-versionurl`` and load nothing); every
internal link and ``#anchor`` resolves to an existing file and ``id``; no
script fetches anything (``fetch``/XHR fail from ``file://``). The same holds
after the unzipped bag is moved to a folder whose path has spaces and
Arabic letters.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from timeline.snapshot import make_snapshot, verify_snapshot

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "xlink:href", "srcset", "background"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")
NETWORK_IN_SCRIPT = re.compile(r"\bfetch\s*\(|XMLHttpRequest|\bimport\s*\(|navigator\.sendBeacon|new\s+WebSocket|new\s+EventSource")


class PageScan(HTMLParser):
    """The ids of a page and every URL it uses, with the tag and attributes around it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[tuple[str, str, str, dict[str, str]]] = []  # tag, attribute, value, attributes
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and "name" in attributes:
            self.ids.add(attributes["name"])
        if tag == "base":
            self.urls.append((tag, "base", attributes.get("href", ""), attributes))
        for name, value in attributes.items():
            if name in URL_ATTRIBUTES:
                values = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
                self.urls.extend((tag, name, v, attributes) for v in values)
            if name == "style":
                self.styles.append(value)
        self._in_style = tag == "style"

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False


def scan_page(path: Path) -> PageScan:
    scan = PageScan()
    scan.feed(path.read_text(encoding="utf-8"))
    return scan


def offline_problems(site: Path) -> list[str]:
    """Every rule broken by the site in ``site``, as ``page: problem`` lines."""
    site = site.resolve()
    pages = {path: scan_page(path) for path in sorted(site.rglob("*.html"))}
    problems: list[str] = []
    for page, scan in pages.items():
        where = page.relative_to(site).as_posix()
        for tag, attribute, value, attributes in scan.urls:
            problem = url_problem(site, page, tag, attribute, value, attributes, pages)
            if problem:
                problems.append(f"{where}: <{tag} {attribute}=\"{value}\">: {problem}")
        for style in scan.styles:
            problems += [f"{where}: style: {p}" for p in css_problems(site, page, style)]
    for sheet in sorted(site.rglob("*.css")):
        problems += [f"{sheet.relative_to(site).as_posix()}: {p}" for p in css_problems(site, sheet, sheet.read_text(encoding="utf-8"))]
    for script in sorted(site.rglob("*.js")):
        for match in NETWORK_IN_SCRIPT.finditer(script.read_text(encoding="utf-8")):
            problems.append(f"{script.relative_to(site).as_posix()}: {match.group(0)!r}: scripts must not load anything (fails from file://)")
    return problems


def url_problem(site: Path, page: Path, tag: str, attribute: str, value: str, attributes: dict[str, str],
                pages: dict[Path, PageScan]) -> str | None:
    if tag == "base":
        return "<base> changes how every relative link resolves"
    value = value.strip()
    if not value:
        return "empty URL (points at the page's folder)"
    if value.startswith("//"):
        return "protocol-relative URL: loads from the network"
    parts = urlsplit(value)
    if parts.scheme in ("http", "https"):
        is_robust_link = tag == "a" and attribute == "href" and ({"data-originalurl", "data-versionurl"} & set(attributes))
        return None if is_robust_link else "link to another host: nothing may leave the snapshot"
    if parts.scheme == "data":
        return None if tag == "link" and "icon" in attributes.get("rel", "") else "data: URL outside <link rel=icon>"
    if parts.scheme or parts.netloc:
        return f"{parts.scheme}: URL"
    if value.startswith("/"):
        return "root-relative URL: breaks from file://"
    if not parts.path:  # "#anchor" on the same page
        return _anchor_problem(page, parts.fragment, pages)
    target = (page.parent / unquote(parts.path)).resolve()
    if site != target and site not in target.parents:
        return "points outside the site"
    if parts.path.endswith("/") or target.is_dir():
        return "links to a folder: name its .html file"
    if not target.is_file():
        return "no such file"
    return _anchor_problem(target, parts.fragment, pages) if parts.fragment else None


def _anchor_problem(target: Path, fragment: str, pages: dict[Path, PageScan]) -> str | None:
    if not fragment or target.suffix != ".html":
        return None
    scan = pages.get(target)
    ids = scan.ids if scan else set()
    return None if unquote(fragment) in ids else f'no id="{unquote(fragment)}" in {target.name}'


def css_problems(site: Path, sheet: Path, css: str) -> list[str]:
    problems = []
    for match in CSS_URL.finditer(css):
        value = (match.group(1) or match.group(2)).strip()
        parts = urlsplit(value)
        if parts.scheme == "data" or value.startswith("#"):
            continue
        if parts.scheme or value.startswith("/"):
            problems.append(f"url({value}): not a relative file")
        elif not (sheet.parent / unquote(parts.path)).resolve().is_file():
            problems.append(f"url({value}): no such file")
    return problems


# Tests


@pytest.fixture
def snapshot_zip(project, tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1523145600")
    return make_snapshot(project.config, tmp_path / "snapshot.zip")


def unzip_to(archive: Path, folder: Path) -> Path:
    folder.mkdir(parents=True)
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(folder)
    (bag,) = folder.iterdir()
    return bag


def test_the_offline_site_has_only_relative_links_that_resolve(snapshot_zip, tmp_path):
    site = unzip_to(snapshot_zip, tmp_path / "x") / "data" / "site"
    assert offline_problems(site) == []
    index = scan_page(site / "index.html")
    assert any(tag == "script" and value.endswith("assets/timeline.js") for tag, _, value, _ in index.urls)
    assert (site / "assets" / "search" / "facets.js").read_text(encoding="utf-8").startswith("TIMELINE_PART(")


def test_the_site_still_works_moved_to_a_path_with_spaces_and_arabic_letters(snapshot_zip, tmp_path):
    bag = unzip_to(snapshot_zip, tmp_path / "x")
    moved = tmp_path / "أرشيف دوما" / "نسخة 1"
    moved.parent.mkdir()
    shutil.move(str(bag), str(moved))
    assert offline_problems(moved / "data" / "site") == []
    assert verify_snapshot(moved).startswith("valid:")


def test_the_scan_catches_each_kind_of_broken_link(tmp_path):
    site = tmp_path / "site"
    (site / "events").mkdir(parents=True)
    (site / "events" / "a.html").write_text('<p id="here">a</p>', encoding="utf-8")
    (site / "index.html").write_text(
        '<a href="events/">folder</a><a href="/about.html">root</a><a href="//cdn.example.org/x.js">proto</a>'
        '<script src="https://cdn.example.org/x.js"></script><a href="events/a.html#gone">anchor</a>'
        '<a href="events/b.html">missing</a><a href="#top">self</a><a href="events/a.html#here">ok</a>'
        '<a href="https://elaph.com/x" data-originalurl="https://elaph.com/x">robust link</a>', encoding="utf-8")
    problems = "\n".join(offline_problems(site))
    for expected in ("links to a folder", "root-relative URL", "protocol-relative URL", "link to another host",
                     'no id="gone" in a.html', "no such file", 'no id="top" in index.html'):
        assert expected in problems, expected
    assert "events/a.html#here" not in problems and "robust link" not in problems and "elaph.com" not in problems


def test_links_to_original_and_archived_articles_are_robust_links_only(project, tmp_path, monkeypatch):
    article = project.content / "articles" / "elaph-2018-04-08-douma-talks.md"
    original = "https://elaph.com/Web/News/2018/4/1200000.html"
    archived = f"https://web.archive.org/web/20180408120000/{original}"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "url: null", f"url: {original}\narchived_url: {archived}", 1), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1523145600")
    site = unzip_to(make_snapshot(project.config, tmp_path / "s.zip"), tmp_path / "x") / "data" / "site"
    assert offline_problems(site) == []
    links = [attributes for page in site.rglob("*.html") for tag, name, value, attributes in scan_page(page).urls
             if value.startswith("https://")]
    assert links, "the site shows no link to the original article"
    assert all("data-originalurl" in a or "data-versionurl" in a for a in links)
