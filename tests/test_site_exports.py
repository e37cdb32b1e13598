"""Exports, chart and markup safety, on model objects made in the test."""

from __future__ import annotations

import csv
import io
import json

import pytest
import xml.etree.ElementTree as ET

from test_site_helpers import make_content, make_entry
from timeline.site import exports
from timeline.site.arabic import DateDisplay
from timeline.site.markup import MarkdownRenderer, is_safe_url, json_for_script
from timeline.site.pages import build_site_data
from timeline.site.urls import Urls

ATOM = "{http://www.w3.org/2005/Atom}"


def data_for(*entries):
    return build_site_data(make_content(list(entries)), DateDisplay(), Urls())


def test_json_export_schema_is_stable_and_sorted():
    data = data_for(make_entry("b", "2018-04-09", "ثاني"), make_entry("a", "2018-04-08", "أول", attributed_to="sana"))
    document = json.loads(exports.timeline_json(data, site_id="t", title="ع", site_url=None))
    assert document["schema"] == exports.JSON_SCHEMA
    assert [e["id"] for e in document["events"]] == ["a", "b"]
    assert set(document["events"][0]) == {
        "id", "title", "date", "end", "precision", "approximate", "time", "display_date", "categories", "actors",
        "places", "outlets", "review", "attribution", "url", "sources", "counter_sources"}
    source = document["events"][0]["sources"][0]
    assert source["article_url"] == "articles/a1/#s-1" and source["attributed_to"] == "سانا"
    assert document["events"][0]["attribution"] == "بحسب سانا"


def test_csv_has_bom_and_neutralises_formulas():
    data = data_for(make_entry("a", "2018-04-08", "=1+1"), make_entry("b", "2018-04-09", "@SUM(A1)"),
                    make_entry("c", "2018-04-10", "-2"), make_entry("d", "2018-04-11", "+x"))
    raw = exports.timeline_csv(data, site_url=None)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [row["title"] for row in rows] == ["'=1+1", "'@SUM(A1)", "'-2", "'+x"]
    assert exports.csv_cell("2018-04-08") == "2018-04-08"


def test_feed_is_valid_atom_limited_to_the_latest():
    data = data_for(*[make_entry(f"e{n}", f"2018-04-{n:02d}", f"حدث {n}") for n in range(1, 6)])
    feed = ET.fromstring(exports.atom_feed(data, site_id="t", title="ع", author="م", site_url="https://x.org/", limit=3))
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["حدث 5", "حدث 4", "حدث 3"]
    assert feed.find(f"{ATOM}updated").text == "2018-04-08T00:00:00Z"  # latest source publication
    assert entries[0].find(f"{ATOM}link").get("href") == "https://x.org/events/e5/"


def test_feed_drops_characters_xml_cannot_carry():
    data = data_for(make_entry("a", "2018-04-08", "عنوان\x01 <b>&"))
    feed = ET.fromstring(exports.atom_feed(data, site_id="t", title="ع", author="م", site_url=None, limit=5))
    assert feed.find(f"{ATOM}entry/{ATOM}title").text == "عنوان <b>&"


def test_related_events_share_an_actor_or_place_within_days():
    data = data_for(make_entry("a", "2018-04-08", "أ"), make_entry("b", "2018-04-09", "ب"),
                    make_entry("c", "2018-05-20", "ج"), make_entry("d", "2018-04-08", "د", actors=(), places=()))
    assert [v.id for v in data.related["a"]] == ["b"]
    assert data.related["c"] == ()


def test_markdown_bodies_escape_raw_html_and_unsafe_links():
    render = MarkdownRenderer()
    html = str(render('<script>alert(1)</script>\n\nنص <b onclick="x()">عريض</b> [رابط](javascript:alert(1)) [آمن](https://example.org)'))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b " not in html
    assert 'href="javascript' not in html and 'href="https://example.org"' in html


def test_url_safety():
    assert is_safe_url("https://example.org") and is_safe_url("../events/x/")
    assert not is_safe_url("javascript:alert(1)") and not is_safe_url(" java\tscript:x") and not is_safe_url("data:text/html,x")


def test_json_for_script_escapes_markup_characters():
    text = json_for_script({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


PROSE = [
    "", "سطر واحد.", "فقرة أولى.\nسطرها الثاني.\n\n\nفقرة ثانية (بين قوسين) و«اقتباس» و\"آخر\" 50%.",
    "Jaysh al-Islam: نص مختلط / 2018.", "1. قائمة", "- قائمة", "نص **عريض**", "سطر  \nفاصل", "نص <b>", "# عنوان",
    "    شيفرة", "نص\n===", "[رابط](https://x.org)", "a & b", "نص_مائل_", "نص `رمز`", "| a | b |", "> اقتباس",
    "**ملاحظة المحرر:** نص.", "نص **عريض** و**آخر**.", "** ليس عريضًا**", "***ثلاث***", "نص *مائل*", "**",
]


@pytest.mark.parametrize("text", PROSE)
def test_plain_prose_fast_path_matches_python_markdown(text):
    import markdown

    from timeline.site.markup import SafeMarkdownExtension, plain_paragraphs

    reference = markdown.Markdown(extensions=[SafeMarkdownExtension(), "tables", "sane_lists"]).convert(text)
    assert MarkdownRenderer()(text) == reference
    fast = plain_paragraphs(text)
    assert fast is None or fast == reference


def test_plain_prose_fast_path_on_random_text():
    import random

    import markdown

    from timeline.site.markup import SafeMarkdownExtension, plain_paragraphs

    converter = markdown.Markdown(extensions=[SafeMarkdownExtension(), "tables", "sane_lists"])
    alphabet = list("اب تث\n\n ج.،:-*_1 2(\")'«»/%#>|`\\<&=+ abXYZ\u064e ") + ["**"] * 4
    rng = random.Random(7)
    checked = 0
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        fast = plain_paragraphs(text)
        if fast is not None:
            converter.reset()
            assert fast == converter.convert(text), repr(text)
            checked += 1
    assert checked > 500


def test_write_files_creates_folders_once_and_writes_bytes(tmp_path):
    from timeline.plugin import write_files

    write_files(tmp_path, [("index.html", b"a"), ("events/x/index.html", b"b" * 70000), ("events/y/index.html", b"")])
    assert (tmp_path / "index.html").read_bytes() == b"a"
    assert (tmp_path / "events" / "x" / "index.html").read_bytes() == b"b" * 70000
    assert (tmp_path / "events" / "y" / "index.html").read_bytes() == b""


def test_dates_are_grouped_under_honest_headings():
    from timeline.site.pages import group_by_month_day

    data = data_for(make_entry("day", "2018-04-01", "يوم"), make_entry("range", "2018-04-01", "مدة", end="2018-04-08"),
                    make_entry("approx", "2018-04-01", "نحو", approximate=True),
                    make_entry("months", "2018-03", "شهران", end="2018-04"), make_entry("month", "2018-04", "شهر"))
    groups = {group.anchor: (group.kind, group.heading, [v.id for v in group.views])
              for _, month in group_by_month_day(data.events) for group in month}
    assert groups == {
        "r-2018-03--2018-04": ("span", "من آذار/مارس إلى نيسان/أبريل 2018", ["months"]),
        "d-2018-04-01": ("day", "الأحد 1 نيسان/أبريل 2018", ["day"]),
        "r-2018-04-01--2018-04-08": ("span", "من الأحد 1 إلى الأحد 8 نيسان/أبريل 2018", ["range"]),
        "r-2018-04-01-approx": ("span", "نحو الأحد 1 نيسان/أبريل 2018", ["approx"]),
        None: ("undated", "خلال الشهر، دون تحديد اليوم", ["month"]),
    }
