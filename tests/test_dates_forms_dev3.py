"""Date forms found missing on a third real-news development set (issue 11),
each on sentences written for this project (never an article's text): "منذ"
with a count of months or years (a state still going on, to publication),
and English counted running days and nights ("for two nights in a row")."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.dates import find_dates
from timeline.dates.dateline import find_dateline

WEDNESDAY = date(2016, 9, 14)


def found(text: str, published: date = WEDNESDAY, language: str = "ar") -> list[tuple[str, str, bool]]:
    return [(m.text, m.value, m.approximate) for m in find_dates(text, published, language)]


# ---------------------------------------------------------------- منذ + a count of months or years

@pytest.mark.parametrize("text, span, value", [
    ("ويعيش سكان البلدة المحاصرة منذ نحو عامين في ظروف صعبة.", "منذ نحو عامين", "2014-09-14/2016-09-14"),
    ("وتسيطر الفصائل على الحي منذ أكثر من ثلاث سنوات.", "منذ أكثر من ثلاث سنوات", "2013-09-14/2016-09-14"),
    ("والطريق مقطوع منذ ستة أشهر بسبب المعارك.", "منذ ستة أشهر", "2016-03-14/2016-09-14"),
    ("ولم تصل الكهرباء إلى القرية منذ شهرين.", "منذ شهرين", "2016-07-14/2016-09-14"),
])
def test_since_a_count_of_months_or_years_runs_to_publication(text: str, span: str, value: str) -> None:
    assert found(text) == [(span, value, True)]


@pytest.mark.parametrize("text, span, value", [
    ("وقال الشاهد إن القذيفة سقطت منذ ثلاثة أيام قرب المدرسة.", "منذ ثلاثة أيام", "2016-09-11"),
    ("وغادر المبعوث العاصمة منذ أسبوعين.", "منذ أسبوعين", "2016-08-31"),
    ("وأُغلق المعبر قبل عامين.", "قبل عامين", "2014"),
])
def test_days_weeks_and_qabl_still_name_when(text: str, span: str, value: str) -> None:
    assert [(m.text, m.value) for m in find_dates(text, WEDNESDAY)] == [(span, value)]


# ---------------------------------------------------------------- "for two nights in a row"

@pytest.mark.parametrize("text, span, value, approximate", [
    ("Artillery has shelled the old quarter for two nights in a row, residents said.",
     "for two nights in a row", "2016-09-12/2016-09-14", True),
    ("Aid trucks have queued at the crossing for three straight days.",
     "for three straight days", "2016-09-12/2016-09-14", False),
    ("The market has stayed shut for four consecutive days.",
     "for four consecutive days", "2016-09-11/2016-09-14", False),
    ("Rockets fell on the camp for three nights running.",
     "for three nights running", "2016-09-11/2016-09-14", True),
])
def test_counted_running_days_and_nights_end_at_publication(text: str, span: str, value: str,
                                                           approximate: bool) -> None:
    assert found(text, language="en") == [(span, value, approximate)]


@pytest.mark.parametrize("text", [
    "The delegation stayed in the city for two days.",
    "The convoy waited for three straight days before the crossing opened.",
])
def test_a_bare_duration_or_one_counted_from_an_event_is_no_date(text: str) -> None:
    assert found(text, language="en") == []


# ---------------------------------------------------------------- datelines after a headline

@pytest.mark.parametrize("text, day, place, agency", [
    ("الجيش يستعيد السيطرة على البلدة\n\nحماة 12 آذار 2016 (وكالة الأنباء) – استعاد الجيش البلدة.",
     date(2016, 3, 12), "حماة", "وكالة الأنباء"),
    ("دير الزور 3 أيلول 2017 (سانا) – وصلت قافلة.", date(2017, 9, 3), "دير الزور", "سانا"),
])
def test_an_agency_dateline_with_a_space_after_the_place_on_the_line_after_the_headline(
        text: str, day: date, place: str, agency: str) -> None:
    line = find_dateline(text, "ar")
    assert line is not None and line.kind == "agency"
    assert (line.day, line.place, line.agency) == (day, place, agency)


def test_a_date_in_a_sentence_is_no_spaced_dateline() -> None:
    assert find_dateline("قال المرصد في حماة 12 آذار 2016 (وكالة) – إن القصف استمر.", "ar") is None


@pytest.mark.parametrize("text, day", [
    ("عنوان الخبر هنا\n١٢ آذار ٢٠١٦أعلن الجيش فتح الطريق.", date(2016, 3, 12)),
    ("Headline of the story\n4 March 2016Officials said the road reopened.", date(2016, 3, 4)),
])
def test_a_date_run_into_the_first_word_under_the_headline_is_the_page_stamp(text: str, day: date) -> None:
    language = "en" if text[0].isascii() else "ar"
    line = find_dateline(text, language)
    assert line is not None and line.kind == "date stamp" and line.day == day


def test_a_lead_that_opens_with_a_spaced_date_is_no_stamp() -> None:
    assert find_dateline("عنوان الخبر هنا\n12 آذار 2016 كان يوما دمويا في المدينة.", "ar") is None


# ---------------------------------------------------------------- "overnight" as an adjective

@pytest.mark.parametrize("text, day", [
    ("Rescuers said Thursday they had pulled six people from the rubble after overnight air strikes.",
     "2016-09-08"),
    ("The overnight bombardment damaged two clinics, the health directorate said on Monday.", "2016-09-12"),
])
def test_overnight_before_a_noun_is_not_the_time_of_the_sentence_day(text: str, day: str) -> None:
    mention, = find_dates(text, WEDNESDAY, "en")
    assert (mention.value, mention.time_of_day) == (day, None)


@pytest.mark.parametrize("text, day", [
    ("Government forces pulled back overnight on Tuesday, a monitor said.", "2016-09-13"),
    ("Militants attacked the checkpoint overnight Sunday.", "2016-09-11"),
    ("Shells hit the old market on Monday overnight.", "2016-09-12"),
])
def test_overnight_as_an_adverb_still_goes_to_the_day(text: str, day: str) -> None:
    mention, = find_dates(text, WEDNESDAY, "en")
    assert (mention.value, mention.time_of_day) == (day, "night")


# ---------------------------------------------------------------- both kinds of month pair at once

def test_a_month_written_side_by_side_and_with_a_slash_is_one_month() -> None:
    mention, = find_dates("وصل الوفد في 5 أبريل نيسان/أبريل الماضي.", date(2018, 6, 1))
    assert mention.value == "2018-04-05"
