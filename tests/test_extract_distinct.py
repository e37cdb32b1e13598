"""One draft per occurrence across an article (``timeline.extract.occurrence``).

Sentences written for these tests, in Arabic and English wire style: an
article tells one occurrence twice, apart (the lead without a date, the same
strike later with its date), and must still keep two occurrences apart.
"""

from __future__ import annotations

from datetime import date

from pathlib import Path

from timeline.extract.events import find_events
from timeline.extract.lexicon import lexicon
from timeline.extract.occurrence import compatible
from timeline.extract.segment import segment_article

from test_extract_quality import _names

NAMES = _names()
PUBLISHED = date(2019, 6, 15)
ROOT = Path(__file__).resolve().parents[1]


def drafts(text: str, language: str = "ar") -> list[tuple[list[int], str, str]]:
    segments = segment_article(text, PUBLISHED, language)
    _, clusters = find_events(segments, published=PUBLISHED, language=language, names=NAMES, outlet="enab-baladi")
    return [([s.number for s in c.sentences], c.categories[0], c.date.iso) for c in clusters]


def test_an_undated_lead_told_again_with_its_date_is_one_draft() -> None:
    text = "\n".join([
        "بدأت طائرات حربية روسية بقصف مواقع الفصائل في ريف حماة الشمالي.",
        "وأعلن مجلس محلي أن المدارس أغلقت أبوابها في البلدة.",
        "وشنت الطائرات الحربية الروسية صباح اليوم السبت غارات مكثفة على مواقع الفصائل في ريف حماة الشمالي.",
    ])
    found = drafts(text)
    assert [numbers for numbers, _, _ in found] == [[1, 3], [2]]
    assert found[0][1:] == ("bombardment", "2019-06-15")


def test_an_undated_wire_lead_and_its_dated_retelling_are_one_draft() -> None:
    text = "\n".join([
        "Rebels in the south agreed to a surrender deal with Russian officers, rebel sources said.",
        "Aid groups said thousands of families were sleeping in the open near the border.",
        "The rebels agreed on Friday to the surrender deal and to hand over their heavy weapons, a rebel commander said.",
    ])
    found = drafts(text, "en")
    assert [numbers for numbers, _, _ in found][0] == [1, 3]
    assert found[0][1:] == ("negotiation", "2019-06-14")


def test_the_same_kind_in_another_place_stays_apart() -> None:
    text = "\n".join([
        "قصفت طائرات حربية مدينة حرستا بعدة غارات.",
        "وأعلن مجلس محلي أن المدارس أغلقت أبوابها في البلدة.",
        "وقصفت طائرات حربية صباح اليوم السبت بلدة عربين بعدة غارات.",
    ])
    assert len(drafts(text)) == 3


def test_an_earlier_occurrence_told_with_kana_qad_stays_apart() -> None:
    text = "\n".join([
        "قصفت طائرات حربية مدينة أريحا بعدة غارات جوية.",
        "وأعلن مجلس محلي أن المدارس أغلقت أبوابها في المدينة.",
        "وكانت طائرات حربية قد قصفت مدينة أريحا بعدة غارات جوية قبل أسبوعين.",
    ])
    assert len(drafts(text)) == 3


def test_a_month_name_is_no_mark_of_another_occurrence() -> None:
    # "كانون الثاني" (January) holds the word for "second": it marks no second strike
    text = "\n".join([
        "بدأت طائرات حربية روسية بقصف مواقع الفصائل في ريف حماة الشمالي.",
        "وأعلن مجلس محلي أن المدارس أغلقت أبوابها في البلدة.",
        "وشنت الطائرات الحربية الروسية يوم 15 كانون الثاني غارات مكثفة على مواقع الفصائل في ريف حماة الشمالي.",
    ])
    segments = segment_article(text, date(2019, 1, 16), "ar")
    _, clusters = find_events(segments, published=date(2019, 1, 16), language="ar", names=NAMES, outlet="enab-baladi")
    assert [[s.number for s in c.sentences] for c in clusters] == [[1, 3], [2]]


def test_compatible_categories_come_from_the_rules() -> None:
    pairs = lexicon("ar").same_occurrence
    assert compatible(["chemical-attack"], ["bombardment", "casualties"], pairs)
    assert compatible(["statement", "negotiation"], ["negotiation"], pairs)
    assert not compatible(["bombardment"], ["evacuation"], pairs)
    assert not compatible(["other"], ["other"], pairs)  # no cue on either side: no sign of one occurrence


def test_a_welcome_and_the_source_reporting_it_are_one_draft() -> None:
    # the lead tells the welcome without a date; a source tells it again, dated, and goes on
    # speaking ("أخرى" in its speech marks no other occurrence)
    text = "\n".join([
        "رحبت وزارة الخارجية الأردنية بالاتفاق حول ريف حماة.",
        "وقال مصدر مسؤول في الوزارة لوكالة الأنباء اليوم إن الأردن يرحب بالاتفاق حول ريف حماة.",
        "وأضاف المصدر أن الأردن أبلغ الأطراف كافة دعمه لأي مبادرة أخرى تحقن دماء المدنيين.",
    ])
    assert drafts(text) == [([1, 2, 3], "statement", "2019-06-15")]


# Background: a span that sums up a long stretch is no occurrence of the timeline.


def test_a_draft_dated_only_by_a_year_is_a_summary_not_an_occurrence(tmp_path) -> None:
    from timeline.extract import run_extraction
    from timeline.extract.period import Period

    root = tmp_path / "content"
    (root / "articles").mkdir(parents=True)
    for name in ("outlets.yml", "gazetteer.yml"):
        (root / name).write_text((ROOT / "content" / name).read_text(encoding="utf-8"), encoding="utf-8")
    text = ("قصفت طائرات حربية أمس بلدة حرستا بعدة غارات.\n"
            "وخسر تنظيم الدولة مساحات واسعة من الأراضي في سوريا خلال العام الجاري.")
    (root / "articles" / "summary.md").write_text(
        f"---\nid: summary\noutlet: sana\npublished: 2018-05-30\nlanguage: ar\n---\n{text}\n", encoding="utf-8")
    summary = run_extraction(root, period=Period(date(2018, 2, 1), date(2018, 5, 31)), echo=lambda *a, **k: None)
    assert summary.new_entries == 1
    assert [line.split(": ", 1)[0] for line in summary.background] == ["summary sentence 2 (2018-01-01..2018-05-30)"]
    assert "summary of a long stretch" in summary.background[0]


def test_spans_of_weeks_and_a_month_stay_occurrences() -> None:
    from timeline.extract.period import background_reason

    published = date(2018, 3, 20)
    assert background_reason("2018-02-18", "2018-03-20", published, None) is None  # "منذ 18 شباط": ongoing
    assert background_reason("2018-03-01", "2018-03-31", published, None) is None  # "الشهر الجاري"
    assert background_reason("2018-01-01", "2018-12-31", published, None) is not None  # "العام الجاري"


def test_a_dated_move_of_a_negotiation_after_an_undated_one_is_the_next_move() -> None:
    text = "\n".join([
        "قصفت طائرات حربية أمس بلدة حرستا بعدة غارات.",
        "وأعلنت الفصائل موافقتها على العودة إلى جولة المفاوضات مع الجانب الروسي حول بلدة حرستا.",
        "وتعثرت جولة المفاوضات بين الفصائل والجانب الروسي حول بلدة حرستا يوم الأربعاء بعد رفض الفصائل تسليم السلاح.",
    ])
    assert [numbers for numbers, _, _ in drafts(text)] == [[1], [2], [3]]
