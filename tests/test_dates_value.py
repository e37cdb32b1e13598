"""One date type end to end: the engine's value is the model's ``EventDate``,
extraction carries it, entries are written from it once and read back to it
(sentences written for these tests)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from timeline.build import build_site
from timeline.cli import main as timeline_cli
from timeline.content.entries import date_front_matter, date_of_front_matter, read_entry_file
from timeline.content.model import PARTS_OF_DAY, EventDate, PartialDate
from timeline.content.vocabulary import part_of_day_labels
from timeline.dates import find_dates
from timeline.dates.english import TIME_OF_DAY
from timeline.extract import run_extraction
from timeline.extract.events import find_events
from timeline.extract.segment import segment_article
from timeline.site.arabic import DateDisplay

from project_helpers import REPO, copy_project
from test_extract_quality import _names
from test_site_helpers import make_site_project

PUBLISHED = date(2018, 4, 8)  # a Sunday
ARTICLE = """---
id: {id}
outlet: sana
published: 2018-04-08
language: ar
---
{text}
"""


def when(start: str, end: str | None = None, approximate: bool = False, time: str | None = None) -> EventDate:
    return EventDate(PartialDate.parse(start), PartialDate.parse(end) if end else None, approximate, time)


def test_the_engine_returns_the_model_date_value() -> None:
    mention, = find_dates("وسقطت القذائف مساء أمس على السوق.", PUBLISHED)
    assert mention.when == EventDate(PartialDate(2018, 4, 7), time="evening")
    since, = find_dates("ويغلق الحاجز منذ 3 آذار وحتى اليوم.", PUBLISHED)
    assert since.when == EventDate(PartialDate(2018, 3, 3), PartialDate(2018, 4, 8))
    month, = find_dates("وقعت الاشتباكات في شباط الماضي.", PUBLISHED)
    assert month.when == EventDate(PartialDate(2018, 2))
    assert (month.when.first_day(), month.when.last_day()) == (date(2018, 2, 1), date(2018, 2, 28))


@pytest.mark.parametrize("value", [
    when("2018-04-07"), when("2018-02"), when("2018"), when("2018-04-01", "2018-04-07", True),
    when("2018-03", "2018-04"), when("2018-04-07", time="evening"), when("2018-04-07", time="14:30"),
])
def test_entry_date_fields_round_trip(value: EventDate) -> None:
    fields = date_front_matter(value)
    assert date_of_front_matter(yaml.safe_load(yaml.safe_dump(fields))) == value


def test_entry_date_fields_say_only_what_is_known() -> None:
    assert date_front_matter(when("2018-02")) == {"date": "2018-02"}  # no padded "-01"/"-31" days
    assert date_front_matter(when("2018-04-01", "2018-04-07", True)) == {
        "date": "2018-04-01", "end": "2018-04-07", "approximate": True}
    assert date_of_front_matter({"date": "2018-02-30"}) is None
    assert date_of_front_matter({"title": "x"}) is None


def test_every_part_of_the_day_the_engine_gives_is_a_valid_time_with_a_label() -> None:
    arabic = yaml.safe_load((REPO / "timeline/dates/data/relative.yml").read_text(encoding="utf-8"))["time_of_day"]
    assert set(arabic) <= set(PARTS_OF_DAY)
    assert set(TIME_OF_DAY.values()) <= set(PARTS_OF_DAY)
    assert set(part_of_day_labels()) == set(PARTS_OF_DAY)


def test_parts_of_the_day_sort_within_the_day() -> None:
    dawn, noon, evening, late = (when("2018-04-07", time=t) for t in ("dawn", "12:00", "evening", "23:00"))
    untimed = when("2018-04-07")
    assert sorted([late, evening, noon, dawn, untimed], key=EventDate.sort_key) == [untimed, dawn, noon, evening, late]


def test_the_site_shows_a_part_of_the_day_and_keeps_it_out_of_the_machine_time() -> None:
    display = DateDisplay()
    assert display.event_date(when("2018-04-07", time="evening")) == "السبت 7 نيسان/أبريل 2018، مساءً"
    assert display.iso_datetime(when("2018-04-07", time="evening")) == "2018-04-07"
    assert display.iso_datetime(when("2018-04-07", time="14:30")) == "2018-04-07T14:30"


def test_a_cluster_takes_the_part_of_the_day_one_of_its_sentences_gives() -> None:
    text = ("قصفت طائرات حربية أمس بلدة كفرنبل بعدة غارات.\n"
            "وبدأت الغارات مساء أمس واستمرت ساعتين على البلدة.")
    segments = segment_article(text, PUBLISHED, "ar")
    _, clusters = find_events(segments, published=PUBLISHED, language="ar", names=_names(), outlet="sana")
    assert [c.date for c in clusters][:1] == [EventDate(PartialDate(2018, 4, 7), time="evening")]


def test_an_extracted_entry_carries_the_time_of_day_and_passes_check(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site", with_events=False)
    article_id = "sana-2018-04-08-kafranbel-evening"
    text = "قصفت طائرات حربية مساء أمس بلدة كفرنبل بعدة غارات."
    (project.content / "articles" / f"{article_id}.md").write_text(ARTICLE.format(id=article_id, text=text), encoding="utf-8")
    run_extraction(project.content, [article_id], echo=lambda *_, **__: None)
    fronts = [read_entry_file(p)[0] for p in sorted(project.events.rglob("*.md"))]
    assert [(f["date"], f.get("end"), f.get("time")) for f in fronts] == [("2018-04-07", None, "evening")]
    result = CliRunner().invoke(timeline_cli, ["check", "--config", str(project.config)])
    assert result.exit_code == 0, result.output


def test_check_accepts_a_clock_time_or_a_part_of_the_day_only(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site")
    source = next(p for p in project.events.rglob("*.md"))
    original = source.read_text(encoding="utf-8")
    for value, ok in (('"21:15"', True), ("night", True), ("ليلا", False), ("25:00", False)):
        source.write_text(original.replace("\ntitle:", f"\ntime: {value}\ntitle:", 1), encoding="utf-8")
        result = CliRunner().invoke(timeline_cli, ["check", "--config", str(project.config)])
        assert (result.exit_code == 0) == ok, (value, result.output)
        if not ok:
            assert "time: " in result.output and "a part of the day: dawn" in result.output


def test_a_built_site_shows_a_part_of_the_day_in_arabic_only(tmp_path: Path) -> None:
    config = make_site_project(tmp_path / "project")
    meeting = tmp_path / "project/content/events/2018-04/2018-04-08-meeting.md"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("date: 2018-04-08\n", "date: 2018-04-08\ntime: evening\n"),
                       encoding="utf-8")
    build_site(config, tmp_path / "site", offline=True, strict=True)
    pages = [p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html")]
    shown = [page for page in pages if "مساءً" in page]
    assert shown, "the part of the day is shown"
    assert not any(re.search(r">\s*evening\s*<", page) for page in pages)
    assert DateDisplay(digits="arabic").time_of_day(when("2018-04-08", time="21:15")) == "٢١:١٥"
