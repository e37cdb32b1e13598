"""Citable pages (issue 12 item 6) and the site's numbers (item 7): the
citation line, Robust Links, the sitemap and the build's note without
site_url, the 404 page's root, the article page's numbers and links, one
numeral system, Arabic number agreement, and scripts only where used."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from test_site_helpers import make_content, make_entry, make_site_project
from timeline.build import build_site
from timeline.cli import main
from timeline.site.arabic import DateDisplay, count_phrase, counted_nouns, plural_form
from timeline.site.render import SiteOptions, SiteRenderer

REPO = Path(__file__).resolve().parents[1]


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside elements of interest."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def having(self, tag: str, **wanted: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags
                if name == tag and all(attrs.get(k.replace("_", "-")) == v for k, v in wanted.items())]


def tags_of(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    return parser


def render(content=None, **options) -> dict[str, str]:
    renderer = SiteRenderer(content or make_content(), SiteOptions(theme_dir=REPO / "theme", **options))
    pages = {path: data.decode("utf-8") for path, data in renderer.outputs() if path.endswith(".html")}
    pages["index.html"] = renderer.render_index("<p>مقدمة</p>")
    pages["about/index.html"] = renderer.render_document("about/", "عن المشروع", "<p>عن</p>")
    return pages


def text_of(html: str, start: str, end: str) -> str:
    """The visible text of the first element starting with ``start``, up to ``end``."""
    fragment = html[html.index(start):]
    fragment = fragment[:fragment.index(end)]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", fragment)).strip()


# -- Arabic number agreement ---------------------------------------------------------------


def test_plural_forms_follow_arabic_agreement():
    assert [plural_form(n) for n in (0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 103, 110, 111, 200, 1000, 1011)] == [
        "zero", "one", "two", "few", "few", "many", "many", "other", "other", "other", "few", "few", "many",
        "other", "other", "many"]


def test_counts_write_one_and_two_as_words_and_agree_after_three():
    assert [count_phrase(n, "event") for n in (0, 1, 2, 3, 10, 11, 100, 101, 103, 2000)] == [
        "لا أحداث", "حدث واحد", "حدثان", "3 أحداث", "10 أحداث", "11 حدثًا", "100 حدث", "101 حدث", "103 أحداث",
        "2000 حدث"]
    assert [count_phrase(n, "result") for n in (1, 2, 5, 25)] == ["نتيجة واحدة", "نتيجتان", "5 نتائج", "25 نتيجة"]
    assert count_phrase(13, "event", "arabic") == "١٣ حدثًا"


def test_every_counted_noun_has_every_form():
    for noun, forms in counted_nouns().items():
        assert {"one", "two", "few", "many", "other"} <= set(forms), noun
        assert all(forms[form].strip() for form in forms), noun


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
@pytest.mark.parametrize("digits", ["latin", "arabic"])
def test_javascript_counts_exactly_like_python(digits):
    """timeline.js counts search results, parties and outlets with the forms
    the index page hands it (names.yml); over 0–1,200 both sides agree."""
    renderer = SiteRenderer(make_content(), SiteOptions(theme_dir=REPO / "theme", digits=digits))
    meta = renderer.search_index().meta
    numbers = list(range(0, 1201))
    program = f"""
      const lib = require({json.dumps(str(REPO / 'theme' / 'assets' / 'timeline.js'))});
      const meta = {json.dumps(meta, ensure_ascii=False)};
      const out = {{}};
      for (const noun of ["result", "party", "outlet", "event"])
        out[noun] = {json.dumps(numbers)}.map(n => lib.counted(n, noun, meta));
      console.log(JSON.stringify(out));
    """
    output = json.loads(subprocess.run([shutil.which("node"), "-e", program], capture_output=True, text=True,
                                       check=True).stdout)
    for noun, phrases in output.items():
        assert phrases == [count_phrase(n, noun, digits) for n in numbers], noun


# -- one numeral system ----------------------------------------------------------------------


def test_numerals_rewrite_any_digits_to_the_chosen_system():
    assert DateDisplay().numerals("دوما ٢٠١٨ و۱۲") == "دوما 2018 و12"
    assert DateDisplay(digits="arabic").numerals("دوما 2018 و۱۲") == "دوما ٢٠١٨ و١٢"


def test_site_name_titles_and_dates_share_one_digit_system():
    content = make_content([make_entry("e1", "2018-04-08", "مقتل ١٣ مدنيًا في دوما")])
    latin = render(content, site_name="دوما ٢٠١٨")
    page = latin["events/e1/index.html"]
    assert "<title>مقتل 13 مدنيًا في دوما — دوما 2018</title>" in page
    assert "٢" not in text_of(page, '<header class="site-header">', "</header>")
    eastern = render(content, site_name="دوما 2018", digits="arabic")["events/e1/index.html"]
    assert "<title>مقتل ١٣ مدنيًا في دوما — دوما ٢٠١٨</title>" in eastern
    assert 'datetime="2018-04-08">الأحد ٨ نيسان/أبريل ٢٠١٨</time>' in eastern
    # the quote stays as the source printed it
    assert "جملة أولى." in eastern


def test_editors_prose_takes_the_sites_digits_but_not_urls_code_or_quotes():
    html = ('<p>قُتل 13 شخصًا في <a href="https://example.org/2018/04">نيسان 2018</a> &#1604; &amp;</p>'
            "<blockquote><p>قال 12 مصدرًا</p></blockquote><p><code>2018-04-08</code> و٣</p>")
    assert DateDisplay(digits="arabic").numerals_in_html(html) == (
        '<p>قُتل ١٣ شخصًا في <a href="https://example.org/2018/04">نيسان ٢٠١٨</a> &#1604; &amp;</p>'
        "<blockquote><p>قال 12 مصدرًا</p></blockquote><p><code>2018-04-08</code> و٣</p>")
    assert DateDisplay().numerals_in_html("<p>عام ٢٠١٨</p>") == "<p>عام 2018</p>"


def test_event_narrative_and_pages_follow_the_digits_option():
    content = make_content([make_entry("e1", "2018-04-08", "اجتماع", body="حضره 12 مسؤولًا.")])
    pages = render(content, digits="arabic")
    assert '<div class="prose narrative"><p>حضره ١٢ مسؤولًا.</p></div>' in pages["events/e1/index.html"]
    renderer = SiteRenderer(content, SiteOptions(theme_dir=REPO / "theme", digits="arabic"))
    assert "<p>في ٢٠١٨</p>" in renderer.render_document("about/", "عن 2018", "<p>في 2018</p>")
    assert "<title>عن ٢٠١٨ — " in renderer.render_document("about/", "عن 2018", "<p>x</p>")


class VisibleDigits(HTMLParser):
    """Runs of text with digits a reader sees, outside verbatim text (quotes,
    article text, code) and isolated URLs and ids (``bdi``)."""

    VERBATIM = {"blockquote", "code", "script", "style", "bdi"}
    VOID = {"meta", "link", "br", "input", "img", "rect", "hr"}

    def __init__(self, digits: str) -> None:
        super().__init__()
        self.pattern = re.compile(f"[{digits}]")
        self.open: list[bool] = []
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.open.append(tag in self.VERBATIM or "article-text" in (dict(attrs).get("class") or ""))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.open:
            self.open.pop()

    def handle_data(self, data):
        if not any(self.open) and self.pattern.search(data):
            self.found.append(data.strip())


@pytest.mark.parametrize(("digits", "foreign"), [("arabic", "0-9"), ("latin", "٠-٩")])
def test_a_built_site_shows_one_digit_system(tmp_path, digits, foreign):
    config = make_site_project(tmp_path / "project", plugin_options=f"      digits: {digits}\n")
    config.write_text(config.read_text(encoding="utf-8").replace("site_name: خط زمني تجريبي",
                                                               "site_name: خط زمني تجريبي ٢٠١٨ 2018"), encoding="utf-8")
    build_site(config, tmp_path / "site")
    pages = sorted((tmp_path / "site").rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        parser = VisibleDigits(foreign)
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.found == [], page


def test_exports_keep_the_editors_title():
    content = make_content([make_entry("e1", "2018-04-08", "مقتل ١٣ مدنيًا")])
    renderer = SiteRenderer(content, SiteOptions(theme_dir=REPO / "theme"))
    exports = dict(renderer.exports())
    assert '"title": "مقتل ١٣ مدنيًا"' in exports["timeline.json"].decode("utf-8")


def test_listing_counts_agree_with_the_number():
    entries = [make_entry(f"e{n}", f"2018-04-{n:02d}", f"حدث {n}") for n in range(1, 12)]
    pages = render(make_content(entries))
    assert "11 حدثًا" in pages["categories/negotiation/index.html"]
    two = render(make_content(entries[:2]))
    assert "حدثان" in two["categories/negotiation/index.html"]


# -- the citation line -----------------------------------------------------------------------


def test_citation_line_has_absolute_permalink_access_date_and_copy_button(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764633600")  # 2025-12-02
    page = render(site_url="https://example.org/douma/", site_name="خط")["events/e1/index.html"]
    line = text_of(page, '<p class="cite-text"', "</p>")
    assert line == ("«اجتماع في دوما»، خط، الأحد 8 نيسان/أبريل 2018. https://example.org/douma/events/e1/، "
                    "تاريخ الاطلاع: 2 كانون الأول/ديسمبر 2025.")
    tags = tags_of(page)
    [accessed] = tags.having("time", **{"class": "accessed"})
    assert accessed["datetime"] == "2025-12-02" and len(accessed["data-months"].split("|")) == 12
    [button] = tags.having("button", **{"class": "copy"})
    assert button["data-copy"] == "cite-text" and "hidden" in button  # shown by timeline.js only
    assert tags.having("p", id="cite-text")
    [script] = [a for a in tags.having("script") if a.get("src")]
    assert script["src"] == "../../assets/cite.js"  # the citation line's script, not the search


def test_access_date_follows_the_clock(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1523145600))  # 2018-04-08
    page = render()["events/e1/index.html"]
    assert '<time class="accessed" datetime="2018-04-08"' in page


def test_without_site_url_the_citation_says_its_link_is_relative():
    page = render()["events/e1/index.html"]
    assert "events/e1/" in text_of(page, '<p class="cite-text"', "</p>")
    assert "https://" not in text_of(page, '<p class="cite-text"', "</p>")
    assert "الرابط نسبي إلى عنوان الموقع" in page
    assert "data-abs=" not in page


def test_stored_article_links_carry_their_absolute_url_for_print():
    page = render(site_url="https://example.org/")["events/e1/index.html"]
    [stored] = tags_of(page).having("a", **{"class": "stored"})
    assert stored["href"] == "../../articles/a1/#s-1"
    assert stored["data-abs"] == "https://example.org/articles/a1/#s-1"


def test_robust_links_carry_original_version_and_date_when_archived():
    pages = render()
    for page in (pages["events/e1/index.html"], pages["articles/a1/index.html"]):
        links = [a for a in tags_of(page).having("a") if a.get("data-versionurl")]
        assert {a["href"] for a in links} == {
            "https://example.org/a1", "https://web.archive.org/web/20180409000000/https://example.org/a1"}
        for a in links:
            assert a["data-originalurl"] == "https://example.org/a1"
            assert a["data-versiondate"] == "2018-04-09"


def test_a_link_without_archived_copy_is_plain_and_no_link_is_said():
    content = make_content()
    bare = replace(content.articles["a1"], archived_url=None)
    pages = render(replace(content, articles={"a1": bare}))
    [original] = [a for a in tags_of(pages["events/e1/index.html"]).having("a") if a.get("href") == "https://example.org/a1"]
    assert not any(k.startswith("data-") for k in original)
    none = replace(content.articles["a1"], archived_url=None, url=None)
    pages = render(replace(content, articles={"a1": none}))
    assert "لا رابط محفوظ" in text_of(pages["articles/a1/index.html"], '<dl class="facts source-facts">', "</dl>")
    assert "لا رابط محفوظ للنص الأصلي" in pages["events/e1/index.html"]


# -- the article page ------------------------------------------------------------------------


def test_article_page_numbers_every_sentence_visibly_and_keeps_its_text():
    page = render()["articles/a1/index.html"]
    numbers = re.findall(r'<a class="sn" href="#s-(\d+)"[^>]*>(\d+)</a><span id="s-(\d+)"', page)
    assert numbers == [("1", "1", "1"), ("2", "2", "2")]
    assert '<span id="s-2" class="s">جملة ثانية فيها 1200 مدني.</span>' in page
    assert "(جملتان)" in page


def test_article_page_shows_the_original_headline_or_says_there_is_none():
    content = make_content()
    titled = replace(content.articles["a1"], title="وفد روسي في دوما")
    page = render(replace(content, articles={"a1": titled}))["articles/a1/index.html"]
    assert "«وفد روسي في دوما»" in text_of(page, '<dl class="facts source-facts">', "</dl>")
    untitled = render()["articles/a1/index.html"]
    assert "لم يُحفظ عنوان المقال الأصلي" in untitled


# -- scripts only where used -----------------------------------------------------------------


def test_only_the_index_and_event_pages_load_a_script_each_their_own():
    for path, page in render().items():
        sources = [a["src"] for a in tags_of(page).having("script") if a.get("src")]
        if path == "index.html":
            assert sources == ["assets/timeline.js"]
        elif path == "events/e1/index.html":
            assert sources == ["../../assets/cite.js"]
        else:
            assert sources == [], path
            assert "<script" not in page, path


# -- the 404 page --------------------------------------------------------------------------------


@pytest.mark.parametrize(("site_url", "offline", "root"), [
    (None, False, "/"), ("https://example.org/douma", False, "/douma/"), ("https://example.org/", False, "/"),
    (None, True, ""),
])
def test_404_links_start_from_the_sites_path(site_url, offline, root):
    page = render(site_url=site_url, offline=offline)["404.html"]
    tags = tags_of(page)
    [style] = tags.having("link", rel="stylesheet")
    assert style["href"] == root + "assets/timeline.css"
    home = "index.html" if offline else ""
    assert not tags.having("link", rel="canonical")  # a 404 page is no page's canonical address
    assert tags.having("a", **{"class": "site-name"})[0]["href"] == (root + home or "./")


# -- the build: sitemap and the note ---------------------------------------------------------


def test_build_without_site_url_writes_no_sitemap_and_says_links_are_relative(tmp_path):
    config = make_site_project(tmp_path / "project")
    result = CliRunner().invoke(main, ["build", "--config", str(config), "--no-extract",
                                       "--site-dir", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if line.startswith("note: ")]
    assert len(notes) == 1 and "site_url" in notes[0] and "relative" in notes[0]
    assert not (tmp_path / "site" / "sitemap.xml").exists()


def test_build_with_site_url_writes_an_absolute_sitemap_and_no_note(tmp_path):
    config = make_site_project(tmp_path / "project", site_url="https://example.org/douma/")
    result = build_site(config, tmp_path / "site")
    assert result.notes == ()
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    assert locations and all(loc.startswith("https://example.org/douma/") for loc in locations)
    assert "https://example.org/douma/" in locations
    feed = (tmp_path / "site" / "feed.xml").read_text(encoding="utf-8")
    assert all(href.startswith("https://example.org/douma/") for href in re.findall(r'href="([^"]*)"', feed))
