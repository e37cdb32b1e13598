"""Nothing lost (issue 8): on a generated corpus, every published entry appears
exactly once in the site, the JSON, the CSV and the feed; rejected ones nowhere.

The corpus comes from ``benchmarks/make_corpus.py`` (deterministic; a test
below proves it). It is built twice: with month pages (more published events
than ``month_pages_after``) and with every event on the index.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.make_corpus import make_corpus  # noqa: E402
from timeline.build import build_site  # noqa: E402
from timeline.cli import main as timeline_cli  # noqa: E402
from timeline.config import project_config  # noqa: E402
from timeline.project import load_project  # noqa: E402

EVENTS, ARTICLES = 340, 40
LISTED = re.compile(r'<article\b[^>]*\bdata-event-id="([^"]+)"')
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(EVENTS, ARTICLES, tmp_path_factory.mktemp("corpus") / "project", seed=7)


@pytest.fixture(scope="module")
def content(corpus: Path):
    loaded, problems = load_project(corpus)
    assert not [p for p in problems if p.severity == "error"]
    return loaded


def set_month_pages_after(config: Path, threshold: int) -> None:
    """Edit the generated project's mkdocs.yml (a temporary copy)."""
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"\n      month_pages_after: \d+", "", text)
    text = text.replace("  - timeline:\n", f"  - timeline:\n      month_pages_after: {threshold}\n", 1)
    config.write_text(text, encoding="utf-8")


def test_generated_corpus_passes_check(corpus: Path) -> None:
    result = CliRunner().invoke(timeline_cli, ["check", "--config", str(corpus)])
    assert result.exit_code == 0, result.output
    assert f"ok: {EVENTS} entries" in result.output


def test_generated_corpus_has_the_variety_the_site_must_handle(content) -> None:
    entries = content.entries
    assert {e.date.precision for e in entries} == {"day", "month", "year"}
    assert {e.review for e in entries} == {"auto", "verified", "disputed", "rejected"}
    assert any(e.date.end for e in entries) and any(e.date.approximate for e in entries)
    assert any(e.counter_sources for e in entries) and any(len(e.sources) > 1 for e in entries)
    assert len({e.date.start.year for e in entries}) == 10
    assert len({c for e in entries for c in e.categories}) >= 6


@pytest.mark.parametrize("month_pages", [True, False], ids=["month-pages", "all-on-index"])
def test_every_published_entry_appears_exactly_once(corpus: Path, content, month_pages: bool, tmp_path: Path) -> None:
    published = [e.id for e in content.published_entries]
    rejected = [e.id for e in content.entries if e.review == "rejected"]
    assert rejected and len(published) > 300
    set_month_pages_after(corpus, 300 if month_pages else 10_000)
    site = build_site(corpus, tmp_path / "site").site_dir

    for entry_id in published:
        page = site / "events" / entry_id / "index.html"
        assert page.is_file(), f"no page for {entry_id}"
        assert LISTED.findall(page.read_text(encoding="utf-8")) == [entry_id]

    timeline_pages = [site / "index.html", *sorted((site / "months").glob("*/index.html"))]
    assert (len(timeline_pages) > 1) == month_pages
    listed = Counter(i for page in timeline_pages for i in LISTED.findall(page.read_text(encoding="utf-8")))
    assert_exactly_once(listed, published, "index and month pages")

    exported = json.loads((site / "timeline.json").read_text(encoding="utf-8"))
    assert_exactly_once(Counter(event["id"] for event in exported["events"]), published, "timeline.json")

    with (site / "timeline.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert_exactly_once(Counter(row["id"] for row in rows), published, "timeline.csv")

    assert_feed_holds_the_latest(site / "feed.xml", content, corpus)
    assert_nowhere(site, rejected)


def assert_exactly_once(found: Counter, published: list[str], where: str) -> None:
    missing = [i for i in published if found[i] == 0]
    repeated = [i for i in published if found[i] > 1]
    extra = sorted(set(found) - set(published))
    assert not missing, f"{where}: {len(missing)} published entries missing, e.g. {missing[:3]}"
    assert not repeated, f"{where}: listed more than once: {repeated[:3]}"
    assert not extra, f"{where}: entries that are not published: {extra[:3]}"


def assert_feed_holds_the_latest(feed: Path, content, config: Path) -> None:
    """The feed carries the latest ``feed_limit`` events by event date (plugin option), each once."""
    limit = project_config(config).timeline.feed_limit
    ordered = sorted(content.published_entries, key=lambda e: e.sort_key())
    expected = {e.id for e in ordered[-limit:]} if limit > 0 else set()
    ids = [element.text.rsplit("events/", 1)[-1] for element in ET.parse(feed).getroot().iter(f"{ATOM}id")
           if element.text and "events/" in element.text]
    assert len(ids) == len(set(ids)) == min(limit, len(ordered))
    assert set(ids) == expected


def assert_nowhere(site: Path, rejected: list[str]) -> None:
    """No rejected id in any file of the site: pages, exports, search index, sitemap."""
    pattern = re.compile("|".join(re.escape(i) for i in rejected))
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".csv", ".xml", ".js", ".txt"}:
            hit = pattern.search(path.read_text(encoding="utf-8-sig", errors="replace"))
            assert hit is None, f"rejected entry {hit.group()} appears in {path.relative_to(site)}"


def test_generator_is_deterministic(tmp_path: Path) -> None:
    first = make_corpus(60, 8, tmp_path / "a", seed=3).parent
    second = make_corpus(60, 8, tmp_path / "b", seed=3).parent
    other = make_corpus(60, 8, tmp_path / "c", seed=4).parent
    assert snapshot(first) == snapshot(second)
    assert snapshot(first) != snapshot(other)


def snapshot(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}
