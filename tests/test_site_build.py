"""End to end: the fixture content built through the plugin and the theme."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from test_site_helpers import make_site_project, write_entry
from timeline.build import build_site
from timeline.content.problems import ContentError

PUBLISHED = ["2018-03-shelling", "2018-04-01-contacts", "2018-04-07-suffocation", "2018-04-08-meeting"]


@pytest.fixture(scope="module")
def online(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("online")
    config = make_site_project(root / "project", site_url="https://example.org/douma/")
    build_site(config, root / "site", strict=True)
    return root / "site"


@pytest.fixture(scope="module")
def offline(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("offline")
    config = make_site_project(root / "project")
    build_site(config, root / "site", offline=True, strict=True)
    return root / "site"


def read(site: Path, relative: str) -> str:
    return (site / relative).read_text(encoding="utf-8")


class Links(HTMLParser):
    """Collects href/src values and element ids."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for name in ("href", "src", "data-index"):
            if values.get(name) is not None and not (tag == "link" and values.get("rel") == "canonical"):
                self.links.append(values[name])


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_published_entry_has_a_page_a_card_and_export_rows(online: Path):
    index = read(online, "index.html")
    data = json.loads(read(online, "timeline.json"))
    rows = list(csv.DictReader(io.StringIO((online / "timeline.csv").read_bytes().decode("utf-8-sig"))))
    assert [event["id"] for event in data["events"]] == PUBLISHED
    assert [row["id"] for row in rows] == PUBLISHED
    for event_id in PUBLISHED:
        assert (online / "events" / event_id / "index.html").is_file()
        assert index.count(f'data-event-id="{event_id}"') == 1


def test_rejected_entry_appears_nowhere(online: Path):
    for path in online.rglob("*"):
        if path.is_file():
            assert "2018-04-02-rejected" not in path.read_text(encoding="utf-8", errors="replace"), path
    assert not (online / "events" / "2018-04-02-rejected").exists()


def test_pages_are_rtl_arabic_with_pretty_urls(online: Path):
    for relative in ("index.html", "about/index.html", "events/2018-04-08-meeting/index.html",
                     "articles/test-2018-04-08/index.html", "categories/negotiation/index.html",
                     "actors/russia/index.html", "places/douma/index.html", "outlets/elaph/index.html", "404.html"):
        assert '<html lang="ar" dir="rtl"' in read(online, relative), relative


def test_event_page_has_citations_with_sentence_links_and_robust_links(online: Path):
    html = read(online, "events/2018-04-08-meeting/index.html")
    assert 'class="citation"' in html
    assert "<blockquote" in html
    assert 'href="../../articles/test-2018-04-08/#s-1"' in html
    assert 'data-originalurl="https://example.org/news/douma"' in html
    assert 'data-versionurl="https://web.archive.org/web/20180409120000/https://example.org/news/douma"' in html
    assert 'data-versiondate="2018-04-09"' in html
    assert '<time datetime="2018-04-08">الأحد 8 نيسان/أبريل 2018</time>' in html
    assert '"@type":"Event"' in html and 'property="og:title"' in html
    assert "https://example.org/douma/events/2018-04-08-meeting/" in html  # permalink


def test_counter_sources_have_their_own_heading(online: Path):
    html = read(online, "events/2018-04-07-suffocation/index.html")
    assert "مصادر تنفي أو تشكّك" in html
    assert html.count('class="citation"') == 2
    assert "متنازع عليه" in html


def test_article_page_anchors_every_sentence_and_highlights_cited_ones(online: Path):
    html = read(online, "articles/test-2018-04-08/index.html")
    for number in range(1, 7):
        assert f'id="s-{number}"' in html
    assert 'id="s-1" class="s cited"' in html
    assert 'id="s-6" class="s"' in html  # cited only by the rejected entry
    assert 'href="../../events/2018-04-08-meeting/#c-1"' in html


def test_index_groups_by_month_then_day_and_honours_precision(online: Path):
    html = read(online, "index.html")
    assert html.index('id="m-2018-03"') < html.index('id="m-2018-04"') < html.index('id="d-2018-04-07"')
    assert "آذار/مارس 2018" in html
    assert "من الأحد 1 إلى السبت 7 نيسان/أبريل 2018 تقريبًا" in html
    assert 'type="search"' in html
    assert 'class="chart"' in html and 'href="#d-2018-04-08"' in html


def test_feed_is_atom_and_sitemap_lists_pages(online: Path):
    import xml.etree.ElementTree as ET

    feed = ET.fromstring((online / "feed.xml").read_bytes())
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.tag == f"{atom}feed"
    assert len(feed.findall(f"{atom}entry")) == len(PUBLISHED)
    sitemap = read(online, "sitemap.xml")
    assert "https://example.org/douma/events/2018-04-08-meeting/" in sitemap
    assert "https://example.org/douma/about/" in sitemap


def test_offline_links_are_relative_html_files_that_resolve(offline: Path):
    pages = sorted(offline.rglob("*.html"))
    ids = {path: parse(path).ids for path in pages}
    for page in pages:
        for link in parse(page).links:
            if link.startswith(("https://", "http://", "data:", "mailto:")):
                continue
            assert not link.startswith(("/", "//")), (page, link)
            parts = urlsplit(link)
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), (page, link)
            assert parts.path == "" or target.suffix in (".html", ".css", ".js", ".xml", ".json", ".csv"), (page, link)
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in ids.get(target, parse(target).ids), (page, link)


def test_offline_has_no_folder_links(offline: Path):
    for page in offline.rglob("*.html"):
        for link in parse(page).links:
            assert not urlsplit(link).path.endswith("/"), (page, link)


def test_two_builds_are_byte_identical(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1523145600")
    config = make_site_project(tmp_path / "project")
    build_site(config, tmp_path / "one", strict=True)
    build_site(config, tmp_path / "two", strict=True)
    one = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*") if p.is_file()}
    two = {p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*") if p.is_file()}
    assert one == two


def test_invalid_content_stops_the_build_and_keeps_the_old_site(tmp_path: Path):
    config = make_site_project(tmp_path / "project")
    build_site(config, tmp_path / "site")
    before = read(tmp_path / "site", "index.html")
    write_entry(tmp_path / "project", "bad", "id: bad\ndate: 2018-02-30\ntitle: x\ncategories: [other]\nsources: []")
    with pytest.raises(ContentError) as error:
        build_site(config, tmp_path / "site")
    assert "bad.md" in str(error.value)
    assert read(tmp_path / "site", "index.html") == before


HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>'


def test_hostile_content_is_inert_everywhere(tmp_path: Path):
    root = tmp_path / "project"
    config = make_site_project(root)
    article = root / "content" / "articles" / "test-2018-04-08.md"
    article.write_text(article.read_text(encoding="utf-8") + f"وكتب أحدهم {HOSTILE} هنا.\n", encoding="utf-8")
    write_entry(root, "hostile", f"""
id: hostile
date: 2018-04-08
title: '=HYPERLINK("x") {HOSTILE} \u202eمعكوس\u200b'
categories: [other]
review: auto
sources:
- article: test-2018-04-08
  quote: 'وكتب أحدهم {HOSTILE} هنا.'
""", body=f"سرد {HOSTILE}\n\n[رابط](javascript:alert(3)) <a href=\"javascript:alert(4)\">x</a>")
    build_site(config, tmp_path / "site", strict=False)  # the javascript: link is a warning (URL policy): strict would stop
    site = tmp_path / "site"
    for path in site.rglob("*"):
        if path.suffix in (".html", ".xml", ".js"):  # JSON and CSV carry the text as data
            text = path.read_text(encoding="utf-8-sig")
            assert "<script>alert" not in text, path
            assert "<img src=x" not in text, path
            assert not re.search(r"<a[^>]*href=[\"']?javascript:", text), path
            assert "\u202e" not in text and "\u200b" not in text, path
    event = read(site, "events/hostile/index.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in event
    jsonld = re.search(r'<script type="application/ld\+json">(.*?)</script>', event, re.S).group(1)
    assert "<" not in jsonld and json.loads(jsonld)["name"].startswith('=HYPERLINK')
    rows = list(csv.reader(io.StringIO((site / "timeline.csv").read_bytes().decode("utf-8-sig"))))
    assert json.loads(read(site, "timeline.json"))  # still valid JSON
    titles = [row[7] for row in rows[1:]]
    assert any(title.startswith("'=HYPERLINK") for title in titles)


def test_month_pages_replace_the_full_listing_above_the_threshold(tmp_path: Path):
    config = make_site_project(tmp_path / "project", plugin_options="      month_pages_after: 2\n")
    build_site(config, tmp_path / "site", offline=True, strict=True)
    site = tmp_path / "site"
    index = read(site, "index.html")
    assert "data-event-id" not in index.split('class="timeline"')[1]
    assert 'href="months/2018-04.html"' in index and 'href="months/2018-04.html#d-2018-04-08"' in index
    april = read(site, "months/2018-04.html")
    assert all(f'data-event-id="{event_id}"' in april for event_id in PUBLISHED[1:])
    assert 'href="../months/2018-04.html#d-2018-04-08"' in read(site, "events/2018-04-08-meeting.html")
    # The navigator jumps to each month page; month pages link their neighbours.
    nav = index.split('<nav class="timenav"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'<a href="([^"]*)"', nav) == ["months/2018-03.html", "months/2018-04.html"]
    march = read(site, "months/2018-03.html")
    assert '<a rel="next" href="../months/2018-04.html">نيسان/أبريل 2018 ←</a>' in march and 'rel="prev"' not in march
    assert '<a rel="prev" href="../months/2018-03.html">→ آذار/مارس 2018</a>' in april and 'rel="next"' not in april
    assert 'href="../months/2018-04.html" title="نيسان/أبريل: 3 أحداث" aria-current="page"' in april


def test_digits_and_month_names_follow_the_configuration(tmp_path: Path):
    config = make_site_project(tmp_path / "project", plugin_options="      digits: arabic\n      month_names: egyptian\n")
    build_site(config, tmp_path / "site", strict=True)
    assert "الأحد ٨ أبريل ٢٠١٨" in read(tmp_path / "site", "events/2018-04-08-meeting/index.html")


def test_a_range_or_approximate_date_gets_its_own_honest_heading(online: Path):
    index = read(online, "index.html")
    assert 'id="d-2018-04-01"' not in index  # nothing happened exactly on the 1st
    group = index.split('id="r-2018-04-01--2018-04-07-approx"', 1)[1].split("</section>", 1)[0]
    assert '<h3><time datetime="2018-04-01">من الأحد 1 إلى السبت 7 نيسان/أبريل 2018 تقريبًا</time></h3>' in group
    assert 'data-event-id="2018-04-01-contacts"' in group
    event = read(online, "events/2018-04-01-contacts/index.html")
    assert 'href="../../#r-2018-04-01--2018-04-07-approx"' in event  # back to its own heading


def test_chart_names_its_bin_and_draws_ranges_and_months_as_bands(online: Path):
    overview = read(online, "index.html").split('<section class="overview"', 1)[1].split("</section>", 1)[0]
    # 1 March to 8 April: 39 days, so one bar a day, and the heading says so.
    assert '<h2 id="chart-title" class="small-title">عدد الأحداث في كل يوم</h2>' in overview
    bars = re.findall(r'<a href="([^"]*)" tabindex=-?\d title="([^"]*)"', overview)
    assert bars == [("#d-2018-04-07", "السبت 7 نيسان/أبريل 2018: حدث واحد"),
                    ("#d-2018-04-08", "الأحد 8 نيسان/أبريل 2018: حدث واحد")]
    # The month-precision event and the approximate week are bands over their days, not fractions of bars.
    bands = re.findall(r'<i class=band title="([^"]*)" style=grid-column:(\d+)/(\d+);', overview)
    assert bands == [("من الخميس 1 آذار/مارس 2018 إلى السبت 31 آذار/مارس 2018: حدث واحد", "1", "32"),
                     ("من الأحد 1 نيسان/أبريل 2018 إلى السبت 7 نيسان/أبريل 2018: حدث واحد", "32", "39")]
    assert "flex:0." not in overview and "حدثان بتاريخ ممتد أو تقريبي" in overview
    assert overview.count("tabindex=0") == 1  # one Tab stop for the whole chart


def test_navigator_links_every_month_of_the_index(online: Path):
    nav = read(online, "index.html").split('<nav class="timenav"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'<a href="([^"]*)"', nav) == ["#m-2018-03", "#m-2018-04"]
    assert nav.count('<li aria-hidden="true"></li>') == 10  # the other months of 2018, shown empty


def test_review_states_have_list_pages_linked_without_javascript(online: Path):
    index = read(online, "index.html")
    browse = index.split('<div class="browse">', 1)[1].split("</div>", 1)[0]
    for state in ("verified", "auto", "disputed"):
        assert f'href="review/{state}/"' in browse
    assert 'data-event-id="2018-04-07-suffocation"' in read(online, "review/disputed/index.html")
    assert 'data-event-id="2018-04-08-meeting"' not in read(online, "review/auto/index.html")
    assert not (online / "review" / "rejected").exists()


def test_each_category_has_an_atom_feed_linked_from_its_page(online: Path):
    import xml.etree.ElementTree as ET

    page = read(online, "categories/negotiation/index.html")
    assert 'type="application/atom+xml" title="تصنيف: مفاوضات — خط زمني تجريبي" href="../../categories/negotiation/feed.xml"' in page
    feed = ET.fromstring((online / "categories" / "negotiation" / "feed.xml").read_bytes())
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.findtext(f"{atom}id") == "tag:test-timeline,2018:categories/negotiation"
    assert [e.findtext(f"{atom}id").rsplit("/", 1)[1] for e in feed.findall(f"{atom}entry")] == [
        "2018-04-08-meeting", "2018-04-01-contacts"]
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{atom}link")}
    assert links == {"self": "https://example.org/douma/categories/negotiation/feed.xml",
                     "alternate": "https://example.org/douma/categories/negotiation/"}


def test_long_listings_split_into_year_pages_that_work_offline(tmp_path: Path):
    config = make_site_project(tmp_path / "project", plugin_options="      listing_years_after: 1\n")
    write_entry(tmp_path / "project", "2017-talks", """
id: 2017-talks
date: 2017-05-03
title: محادثات سابقة
categories: [negotiation]
review: verified
sources:
- article: test-2018-04-08
  quote: انتهى اجتماع بين مسؤولين روس ووفد من جيش الإسلام بشأن مدينة دوما.
""")
    build_site(config, tmp_path / "site", offline=True, strict=True)
    site = tmp_path / "site"
    listing = read(site, "categories/negotiation.html")
    assert "data-event-id" not in listing
    assert 'href="../categories/negotiation/2017.html"' in listing and 'href="../categories/negotiation/2018.html"' in listing
    year = read(site, "categories/negotiation/2018.html")
    assert 'data-event-id="2018-04-08-meeting"' in year and "2017-talks" not in year
    assert 'href="../../categories/negotiation.html"' in year  # back to the list of years
    for page in site.rglob("*.html"):
        for link in parse(page).links:
            path = urlsplit(link).path
            if path and not link.startswith(("https://", "http://", "data:", "mailto:")):
                assert (page.parent / unquote(path)).resolve().is_file(), (page, link)


def test_text_cannot_forge_the_root_placeholder_of_cached_cards(tmp_path: Path):
    config = make_site_project(tmp_path / "project")
    write_entry(tmp_path / "project", "forged", r'''
id: forged
date: 2018-04-08
title: "عنوان <\0root>x"
categories: [negotiation]
review: verified
sources:
- article: test-2018-04-08
  quote: انتهى اجتماع بين مسؤولين روس ووفد من جيش الإسلام بشأن مدينة دوما.
''')
    build_site(config, tmp_path / "site", strict=True)
    listing = read(tmp_path / "site", "categories/negotiation/index.html")
    assert "عنوان &lt;\x00<bdi>root</bdi>&gt;" in listing  # escaped, not taken for the placeholder
    assert 'href="../../events/forged/"' in listing
