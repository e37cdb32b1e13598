"""Datelines, date lines and clauses (issue 11 item 3), on sentences written
for this project after the shapes of real agency copy."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.dates import find_dates
from timeline.dates.clauses import clause_of, main_clause_mentions
from timeline.dates.dateline import find_dateline

REFERENCE = date(2018, 4, 10)


@pytest.mark.parametrize("text, language, day, place, agency", [
    ("حمص - 2 نيسان (سانا) - افتتحت المحافظة جسرا جديدا.", "ar", date(2018, 4, 2), "حمص", "سانا"),
    ("(سانا) حلب 5 نيسان - عاد التيار الكهربائي.", "ar", date(2018, 4, 5), "حلب", "سانا"),
    ("بيروت - 3 نيسان 2017 - قال مصدر أمني.", "ar", date(2017, 4, 3), "بيروت", None),
    ("ALEPPO, April 6 (Reuters) - Power returned to the city.", "en", date(2018, 4, 6), "ALEPPO", "Reuters"),
    ("AMMAN, Jan. 9, 2017 (AP) - Talks resumed.", "en", date(2017, 1, 9), "AMMAN", "AP"),
])
def test_agency_datelines(text: str, language: str, day: date, place: str, agency: str | None) -> None:
    line = find_dateline(text, language, reference=REFERENCE)
    assert line is not None and line.kind == "agency"
    assert (line.day, line.place, line.agency) == (day, place, agency)
    assert text[line.start:line.end].strip() == line.text
    assert text[line.date_start:line.date_end].strip()[0].isalnum()


def test_a_yearless_dateline_without_a_reference_gives_month_and_day_only() -> None:
    line = find_dateline("حماة - 12 آذار (سانا) - وصلت قافلة.", "ar")
    assert (line.day, line.year, line.month, line.day_of_month) == (None, None, 3, 12)


@pytest.mark.parametrize("text, language, day", [
    ("عنوان الخبر هنا\nالأحد 22 رجب 1439 هـ 8-4-2018م\nنص الخبر يبدأ هنا.", "ar", date(2018, 4, 8)),
    ("عنوان الخبر\n\n09/04/2018\nنص الخبر.", "ar", date(2018, 4, 9)),
    ("آخر تحديث 07-04-2018 18:30\n\nقال ناشطون.", "ar", date(2018, 4, 7)),
    ("عنوان\n  • 2018/04/06\n  • 4:10 م\n\nنص.", "ar", date(2018, 4, 6)),
    ("Headline here\nPublished: 1130 GMT April 5, 2018\n\nText.", "en", date(2018, 4, 5)),
])
def test_date_lines_under_the_headline(text: str, language: str, day: date) -> None:
    line = find_dateline(text, language)
    assert line is not None and line.kind == "date line"
    assert line.day == day


@pytest.mark.parametrize("text, language", [
    ("قال المرصد أمس إن خمسة قتلوا في 3 آذار في ريف المدينة.", "ar"),
    ("Civilians gather in the city, Syria, Friday, April 6, 2018. (Photo via AP)", "en"),
    ("", "ar"),
])
def test_a_date_inside_running_text_is_no_dateline(text: str, language: str) -> None:
    assert find_dateline(text, language, reference=REFERENCE) is None


def test_mentions_in_a_relative_clause_do_not_date_the_sentence() -> None:
    text = "وأغلقت القوات أمس المعبر الذي عبره آلاف النازحين خلال الأسابيع الماضية."
    mentions = find_dates(text, date(2018, 4, 8))
    assert [clause_of(text, m.start).kind for m in mentions] == ["main", "relative"]
    assert main_clause_mentions(text, list(reversed(mentions)))[0].text == "أمس"


def test_background_clauses() -> None:
    text = "وصلت القافلة اليوم، وكانت القوات قد سيطرت على الطريق في 3 آذار."
    mentions = find_dates(text, date(2018, 4, 8))
    assert [clause_of(text, m.start).kind for m in mentions] == ["main", "background"]
    # "كان" without "قد" is no pluperfect.
    text = "وكان يوم الخميس هادئا في المدينة."
    assert clause_of(text, text.index("يوم")).kind == "main"


def test_english_clauses() -> None:
    text = "Troops entered the town on Sunday, which rebels had held since 2013."
    mentions = find_dates(text, date(2018, 4, 8), "en")
    assert [clause_of(text, m.start, "en").kind for m in mentions] == ["main", "relative"]
    text = "Officials said that on Friday the convoy left."
    assert clause_of(text, text.index("Friday"), "en").kind == "main"
