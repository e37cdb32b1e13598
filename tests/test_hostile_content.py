"""Hostile but valid content stays inert in every output of the build."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from timeline.build import build_site

SCRIPT = "<script>alert('xss')</script>"
HANDLER = '<img src=x onerror="alert(1)">'
BIDI = "\u202eعنوان معكوس\u202c\u200b"
HOSTILE_ARTICLE = f"""---
id: hostile-article
outlet: sana
published: 2018-04-08
language: ar
---
قال المصدر إن الاجتماع عقد اليوم {SCRIPT} في دوما.
=HYPERLINK("http://evil.example","انقر") قصف على دوما أمس.
"""


@pytest.fixture
def hostile_site(project, tmp_path) -> Path:
    project.write("content/articles/hostile-article.md", HOSTILE_ARTICLE)
    gazetteer = project.content / "gazetteer.yml"
    gazetteer.write_text(gazetteer.read_text(encoding="utf-8").replace(
        "places:\n", f"  hostile-actor:\n    name_ar: '{HANDLER} فصيل'\n    name_en: '<b onmouseover=alert(5)>x</b>'\n    aliases: [فصيل عدائي, '@SUM(1+1)']\nplaces:\n", 1), encoding="utf-8")
    project.write_entry("2018-04-08-formula", """
        id: 2018-04-08-formula
        date: 2018-04-08
        title: '=HYPERLINK("http://evil.example","انقر")'
        categories: [bombardment]
        actors: ['@SUM(1+1)']
        places: [douma]
        sources:
          - article: hostile-article
            quote: '=HYPERLINK("http://evil.example","انقر") قصف على دوما أمس.'
    """)
    project.write_entry("2018-04-08-hostile", f"""
        id: 2018-04-08-hostile
        date: 2018-04-08
        title: "{BIDI} {SCRIPT} {HANDLER.replace('"', "'")}"
        categories: [negotiation]
        actors: [hostile-actor]
        places: [douma]
        sources:
          - article: hostile-article
            quote: "قال المصدر إن الاجتماع عقد اليوم {SCRIPT} في دوما."
            attributed_to: sana
          - article: hostile-article
            quote: '=HYPERLINK("http://evil.example","انقر") قصف على دوما أمس.'
    """, body=f"سرد المحرر {SCRIPT}\n\n[رابط](javascript:alert(3)) <iframe src=\"javascript:alert(4)\"></iframe>")
    site = tmp_path / "site"
    build_site(project.config, site)
    return site


def outputs(site: Path, *suffixes: str) -> list[Path]:
    return [p for p in sorted(site.rglob("*")) if p.is_file() and p.suffix in suffixes]


def test_no_markup_from_content_survives_in_html(hostile_site):
    for page in outputs(hostile_site, ".html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html, page
        assert not re.search(r"<img[^>]*onerror", html), page
        assert not re.search(r"<b[^>]*onmouseover", html), page
        assert not re.search(r"""<[^>]*\s(href|src)\s*=\s*["']?\s*javascript:""", html, re.I), page
        assert "<iframe" not in html, page
        assert "\u202e" not in html and "\u200b" not in html, page
    event = (hostile_site / "events" / "2018-04-08-hostile" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in event  # shown as text, not dropped


def test_json_ld_cannot_close_its_script_element(hostile_site):
    event = (hostile_site / "events" / "2018-04-08-hostile" / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', event, re.S)
    assert blocks, "the event page has JSON-LD"
    for block in blocks:
        assert "<" not in block and ">" not in block
        assert "alert('xss')" in json.dumps(json.loads(block), ensure_ascii=False)


def test_scripts_and_data_files_stay_inert(hostile_site):
    for path in outputs(hostile_site, ".js"):  # scripts may be inlined in pages (offline snapshots)
        text = path.read_text(encoding="utf-8")
        assert "</script" not in text.lower(), path
        assert "\u202e" not in text, path
    data = json.loads((hostile_site / "timeline.json").read_text(encoding="utf-8"))
    assert "2018-04-08-hostile" in json.dumps(data)


def test_feed_is_well_formed_xml_with_text_escaped(hostile_site):
    feed = (hostile_site / "feed.xml").read_text(encoding="utf-8")
    root = ElementTree.fromstring(feed.encode("utf-8"))
    titles = [e.text or "" for e in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert any("<script>alert('xss')</script>" in t for t in titles)  # text, after XML parsing
    assert "\u202e" not in feed


def test_csv_cells_cannot_start_a_formula(hostile_site):
    rows = list(csv.reader(io.StringIO((hostile_site / "timeline.csv").read_text(encoding="utf-8-sig"))))
    for row in rows:
        for cell in row:
            assert not cell[:1] in ("=", "+", "-", "@"), cell
    assert any("HYPERLINK" in cell for row in rows for cell in row)
