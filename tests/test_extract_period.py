"""Background is not the timeline; datelines; the clause that reports the occurrence (sentences written for these tests)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from timeline.cli import main as timeline_cli
from timeline.content.entries import read_entry_file
from timeline.extract import run_extraction
from timeline.extract.events import find_events
from timeline.extract.period import Period
from timeline.extract.segment import segment_article

from test_extract_quality import _names

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = """---
id: {id}
outlet: sana
published: {published}
language: ar
---
{text}
"""
MIXED = ("قصفت طائرات حربية أمس الثلاثاء بلدة كفرنبل بعدة غارات.\n"
         "وكانت فصائل المعارضة قد سيطرت على البلدة في الخامس من آذار 2012.")


def content(tmp_path: Path, articles: dict[str, tuple[str, str]]) -> Path:
    root = tmp_path / "content"
    (root / "articles").mkdir(parents=True)
    for name in ("outlets.yml", "gazetteer.yml"):
        shutil.copy(ROOT / "content" / name, root / name)
    for article_id, (published, text) in articles.items():
        (root / "articles" / f"{article_id}.md").write_text(ARTICLE.format(id=article_id, published=published, text=text), encoding="utf-8")
    return root


def drafted(root: Path) -> list[dict]:
    return [read_entry_file(p)[0] for p in sorted((root / "events").rglob("*.md"))] if (root / "events").exists() else []


def test_background_before_the_period_is_reported_not_drafted(tmp_path: Path) -> None:
    root = content(tmp_path, {"sana-2017-06-21-kafranbel": ("2017-06-21", MIXED)})
    lines: list[str] = []
    summary = run_extraction(root, echo=lambda text="", **_: lines.append(str(text)),
                             period=Period(date(2017, 6, 1), date(2017, 7, 31)))
    assert [front["date"] for front in drafted(root)] == ["2017-06-20"]
    assert len(summary.background) == 1 and "before the period 2017-06-01..2017-07-31" in summary.background[0]
    assert any(line.startswith("background, not drafted: sana-2017-06-21-kafranbel sentence 2") for line in lines)
    assert "1 background" in str(summary)


def test_without_a_period_more_than_a_year_before_publication_is_background(tmp_path: Path) -> None:
    root = content(tmp_path, {"sana-2017-06-21-kafranbel": ("2017-06-21", MIXED)})
    summary = run_extraction(root, echo=lambda *a, **k: None)
    assert [front["date"] for front in drafted(root)] == ["2017-06-20"]
    assert "more than a year before publication" in summary.background[0]


def test_an_article_entirely_outside_the_period_drafts_nothing(tmp_path: Path) -> None:
    root = content(tmp_path, {"sana-2017-06-21-kafranbel": ("2017-06-21", MIXED)})
    summary = run_extraction(root, echo=lambda *a, **k: None, period=Period(date(2018, 2, 1), date(2018, 5, 31)))
    assert drafted(root) == [] and len(summary.background) == 2


def test_the_period_option_is_validated_in_mkdocs_yml(tmp_path: Path) -> None:
    root = content(tmp_path, {})
    config = tmp_path / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(text.replace("period: {start: 2018-02-01, end: 2018-05-31}", "period: {start: 2018-05-31, end: 2018-02-01}"), encoding="utf-8")
    (tmp_path / "theme").symlink_to(ROOT / "theme")
    result = CliRunner().invoke(timeline_cli, ["check", "--config", str(config)])
    assert result.exit_code == 1 and "plugins.timeline.period" in result.output and "before start" in result.output
    assert root.exists()


def test_a_dateline_that_disagrees_with_published_dates_the_article_with_a_warning(tmp_path: Path) -> None:
    text = "دمشق - 12 آذار (سانا) - قصفت طائرات حربية أمس بلدة كفرنبل بعدة غارات."
    root = content(tmp_path, {"sana-2018-03-14-kafranbel": ("2018-03-14", text)})
    summary = run_extraction(root, echo=lambda *a, **k: None)
    assert [front["date"] for front in drafted(root)] == ["2018-03-11"]
    assert any(w.field == "published" and "2018-03-12" in w.message and w.severity == "warning" for w in summary.warnings)


def test_the_date_of_the_main_clause_wins_over_a_relative_clause() -> None:
    text = "وصلت اليوم الأربعاء قافلة جديدة إلى ريف حلب عبر الطريق الذي سلكه آلاف المدنيين يوم الاثنين."
    segments = segment_article(text, date(2016, 12, 21), "ar")
    clusters = find_events(segments, published=date(2016, 12, 21), language="ar", names=_names(), outlet="sana")[1]
    assert [c.date.iso for c in clusters] == ["2016-12-21"]


OFF_TOPIC = ("بدأ يوم الجمعة الماضي عرض مسرحي جديد في قاعة الفنون بمشاركة عشرين ممثلا.\n"
             "ووصل فريق الجامعة أمس إلى بلاده بعد فوزه بالمباراة النهائية بثلاثة أهداف.")
WAR_ELSEWHERE = "قصفت طائرات حربية أمس قرية تل الصخر بعدة صواريخ."  # a place the gazetteer does not know


def test_an_article_with_no_war_occurrence_drafts_nothing_and_says_why(tmp_path: Path) -> None:
    root = content(tmp_path, {"sana-2019-05-13-art": ("2019-05-13", OFF_TOPIC)})
    summary = run_extraction(root, echo=lambda *a, **k: None)
    assert drafted(root) == []
    assert len(summary.background) == 2 and all("out of scope" in line for line in summary.background)


def test_a_war_occurrence_in_an_unknown_place_is_still_drafted(tmp_path: Path) -> None:
    root = content(tmp_path, {"sana-2019-05-13-raid": ("2019-05-13", WAR_ELSEWHERE)})
    run_extraction(root, echo=lambda *a, **k: None)
    assert [front["date"] for front in drafted(root)] == ["2019-05-12"]
