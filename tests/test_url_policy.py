"""The URL policy on every page type: hostile links, images and attributes
written by editors (event bodies, about.md, index.md) are reported by
`timeline check` with file and line, and the built HTML, read back with
html.parser, has no live script URL, no event handler and no off-site
sub-resource. The cases are tests/fixtures/bad/urls/ (our own)."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from timeline.cli import main

CASES = Path(__file__).parent / "fixtures" / "bad" / "urls"
PAGES = Path(__file__).parent / "fixtures" / "bad" / "pages"
EXPECTED = yaml.safe_load((CASES / "expected.yml").read_text(encoding="utf-8"))
SCRIPT_SCHEMES = ("javascript:", "data:", "vbscript:")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "background", "data", "xlink:href", "ping"}
# What a browser loads by itself, without a click: (element, attribute).
SUB_RESOURCES = {("img", "src"), ("img", "srcset"), ("script", "src"), ("iframe", "src"), ("embed", "src"),
                 ("object", "data"), ("source", "src"), ("video", "poster"), ("audio", "src"), ("input", "src"),
                 ("link", "href"), ("frame", "src"), ("track", "src")}


class PageScan(HTMLParser):
    """Everything a browser could run or fetch, as the browser decodes it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.live_urls: list[str] = []
        self.handlers: list[str] = []
        self.off_site: list[str] = []
        self.styles: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if name == "style":
                self.styles.append(value)
            if name not in URL_ATTRIBUTES:
                continue
            compact = re.sub(r"[\x00-\x20\x7f]", "", value).lower()  # what the URL parser ignores
            if tag == "link" and dict(attrs).get("rel") == "icon" and compact == "data:,":
                continue  # the theme's empty icon: tells the browser not to request /favicon.ico
            if compact.startswith(SCRIPT_SCHEMES):
                self.live_urls.append(f"<{tag} {name}={value!r}>")
            if (tag, name) in SUB_RESOURCES and (tag != "link" or "stylesheet" in dict(attrs).get("rel", "") or "icon" in dict(attrs).get("rel", "")):
                if re.match(r"^[a-z][a-z0-9+.-]*:", compact) or compact.replace("\\", "/").startswith("//"):
                    self.off_site.append(f"<{tag} {name}={value!r}>")
            if tag == "a" and name == "href":
                self.links.append(value)

    handle_startendtag = handle_starttag


def scan(page: Path) -> PageScan:
    parser = PageScan()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser


def texts() -> dict[str, str]:
    return {case: (CASES / case).read_text(encoding="utf-8") for case in sorted(EXPECTED)}


def combined(cases: dict[str, str]) -> tuple[str, dict[str, int]]:
    """All cases in one page, and the line each case starts at."""
    parts, starts, line = [], {}, 1
    for case, text in cases.items():
        starts[case] = line
        parts.append(text.rstrip("\n") + "\n\n")
        line += text.rstrip("\n").count("\n") + 2
    return "".join(parts), starts


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    from project_helpers import copy_project

    project = copy_project(tmp_path_factory.mktemp("urls") / "project")
    cases = texts()
    page, starts = combined(cases)
    about = project.content / "about.md"
    intro = about.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    about.write_text(intro + page, encoding="utf-8")
    (project.content / "index.md").write_text(page, encoding="utf-8")
    entries = {}
    for number, (case, text) in enumerate(cases.items()):
        entry_id = f"2018-04-08-hostile-{number}"
        entries[case] = project.write_entry(entry_id, f"""
            id: {entry_id}
            date: 2018-04-08
            title: حدث {number}
            categories: [statement]
            places: [douma]
            sources:
              - article: elaph-2018-04-08-douma-talks
                quote: "هذا ونقلت وكالة الأنباء السورية الرسمية (سانا) عن مصدر رسمي سوري قوله ان الاجتماع الذي تم اليوم الأحد"
        """, body=text.rstrip("\n"))
    check = CliRunner().invoke(main, ["check", "--config", str(project.config)])
    site = project.root / "site"
    build = CliRunner().invoke(main, ["build", "--config", str(project.config), "--site-dir", str(site), "--no-extract"])
    return {"project": project, "check": check, "build": build, "site": site, "entries": entries,
            "about": (about, intro.count("\n") + 1, starts), "index": (project.content / "index.md", 1, starts)}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_check_and_build_name_each_hostile_url_with_file_and_line(hostile, case):
    line, message = EXPECTED[case]
    assert hostile["check"].exit_code == 0 and hostile["build"].exit_code == 0, hostile["build"].output
    entry = hostile["entries"][case]
    body_line = entry.read_text(encoding="utf-8").split("\n").index("---", 1) + 2
    places = [(entry, body_line + line - 1)]
    for page in ("about", "index"):
        path, first, starts = hostile[page]
        places.append((path, first + starts[case] - 1 + line - 1))
    for path, expected_line in places:
        for result in (hostile["check"], hostile["build"]):
            found = [l for l in result.output.splitlines() if l.startswith(f"{path}:{expected_line}: body: warning: ")]
            assert any(message in l for l in found), (path, expected_line, result.output)


def site_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_page_has_a_live_script_url_a_handler_or_an_off_site_resource(hostile):
    pages = site_pages(hostile["site"])
    kinds = {page.relative_to(hostile["site"]).parts[0] for page in pages}
    assert {"index.html", "about", "events", "articles", "categories", "actors", "places", "outlets", "review"} <= kinds
    for page in pages:
        found = scan(page)
        assert found.live_urls == [], (page, found.live_urls)
        assert found.handlers == [], (page, found.handlers)
        assert found.off_site == [], (page, found.off_site)
        assert not any("url(" in style.lower() for style in found.styles), page


def test_remote_images_become_plain_links_and_script_links_plain_text(hostile):
    for page in (hostile["site"] / "about" / "index.html", hostile["site"] / "index.html",
                 hostile["site"] / "events" / "2018-04-08-hostile-11" / "index.html"):
        found = scan(page)
        assert "https://tracker.example/pixel.png" in found.links, page
        html = page.read_text(encoding="utf-8")
        assert not any("tracker.example" in tag for tag in re.findall(r"<img[^>]*>", html)), page
    for page in (hostile["site"] / "about" / "index.html", hostile["site"] / "index.html"):
        assert page.read_text(encoding="utf-8").count("اقرأ") >= 10  # the text of a refused link stays


def test_mkdocs_build_does_not_crash_on_a_script_link_in_about(project, tmp_path):
    (project.content / "about.md").write_text("# عن\n\n[x](javascript:alert(1)) [y](java&#115;cript:alert(2))\n", encoding="utf-8")
    site = tmp_path / "mkdocs-site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project.config), "-d", str(site)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "AssertionError" not in result.stderr
    assert scan(site / "about" / "index.html").live_urls == []


def enable_extensions(project, *names: str) -> None:
    config = project.config.read_text(encoding="utf-8")
    project.config.write_text(config + "\nmarkdown_extensions:\n" + "".join(f"  - {n}\n" for n in names), encoding="utf-8")


def test_attr_list_cannot_add_event_handlers(project, tmp_path):
    enable_extensions(project, "attr_list", "md_in_html")
    case = PAGES / "attr-list-handlers.md"
    (project.content / "about.md").write_text(case.read_text(encoding="utf-8"), encoding="utf-8")
    check = CliRunner().invoke(main, ["check", "--config", str(project.config)])
    for line, name in ((4, "onclick"), (6, "onmouseover")):
        assert f'{project.content / "about.md"}:{line}: body: warning: the event-handler attribute "{name}"' in check.output, check.output
    site = tmp_path / "site"
    build = CliRunner().invoke(main, ["build", "--config", str(project.config), "--site-dir", str(site), "--no-extract"])
    assert build.exit_code == 0, build.output
    found = scan(site / "about" / "index.html")
    assert found.handlers == [] and found.live_urls == [] and not any("url(" in s for s in found.styles)
    assert "&lt;div markdown=" in (site / "about" / "index.html").read_text(encoding="utf-8")  # raw HTML stays text


@pytest.mark.parametrize("value", ["javascript:alert(1)", "javascript://x/%0aalert(1)", "data:text/html,x", "ftp://example.org/", "not a url"])
def test_site_url_must_be_http(project, value):
    config = project.config.read_text(encoding="utf-8")
    project.config.write_text(f"site_url: '{value}'\n" + config, encoding="utf-8")
    for command in ("check", "build"):
        result = CliRunner().invoke(main, [command, "--config", str(project.config)])
        assert result.exit_code == 1
        # MkDocs' own validation of site_url (load_config) or, for what it lets through, the URL policy
        assert f"{project.config}:1: site_url: " in result.output, result.output
        assert "is not an http(s) URL" in result.output or "The URL isn't valid" in result.output, result.output


@pytest.mark.parametrize("colour", ["url(https://tracker.example/x.png)", "red; background: url(//x)", "#12345",
                                    "expression(alert(1))", "var(--x)"])
def test_category_colour_must_be_a_colour(project, colour):
    config = project.config.read_text(encoding="utf-8")
    project.config.write_text(config.replace('color: "#1f5fa8"', f"color: {yaml.safe_dump(colour).splitlines()[0]}"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--config", str(project.config)])
    assert result.exit_code == 1
    assert "plugins.timeline.categories" in result.output and "is not a colour" in result.output, result.output


@pytest.mark.parametrize("colour", ["#1f5fa8", "#abc", "rgb(10, 20, 30)", "hsl(120 50% 40%)", "rebeccapurple"])
def test_real_colours_are_accepted(project, colour):
    config = project.config.read_text(encoding="utf-8")
    project.config.write_text(config.replace('color: "#1f5fa8"', f'color: "{colour}"'), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--config", str(project.config)])
    assert result.exit_code == 0, result.output
