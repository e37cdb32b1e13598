"""Date forms of Arabic and English news found missing on a second real-news
development set (issue 11), each on sentences written for this project
(never an article's text): a day of a relative month, a Maghrebi two-name
month inside a parenthesis, a site's month-first date stamp, "منذ،" with a
comma, hours ago, ISO dates, a weekday that corrects a relative day, a date
stamp opening the text, and "hours before X" relative to an event."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.dates import find_dates
from timeline.dates.dateline import find_dateline

SATURDAY = date(2017, 4, 8)


def found(text: str, published: date = SATURDAY, language: str = "ar") -> list[tuple[str, str]]:
    return [(mention.text, mention.value) for mention in find_dates(text, published, language)]


# ---------------------------------------------------------------- a day of a relative month

@pytest.mark.parametrize("text, span, value", [
    ("ووقّع الطرفان الاتفاق في الـ13 من الشهر الماضي بعد أسابيع من التفاوض.", "الـ13 من الشهر الماضي", "2017-03-13"),
    ("وكانت اللجنة قد اجتمعت في 2 الشهر الجاري في المدينة.", "2 الشهر الجاري", "2017-04-02"),
    ("وبدأت الهدنة في الخامس من الشهر الحالي.", "الخامس من الشهر الحالي", "2017-04-05"),
    ("وزار الوفد البلدة يوم 3 من هذا الشهر.", "3 من هذا الشهر", "2017-04-03"),
    ("وسقطت القذائف على الحي في 31 من الشهر الماضي.", "31 من الشهر الماضي", "2017-03-31"),
])
def test_a_day_of_a_relative_month_is_that_day(text: str, span: str, value: str) -> None:
    assert found(text) == [(span, value)]


def test_a_day_of_next_month_is_a_plan() -> None:
    mention, = find_dates("ويعقد المؤتمر في العشرين من الشهر المقبل.", SATURDAY)
    assert (mention.value, mention.role) == ("2017-05-20", "future")


def test_a_bare_number_before_last_month_stays_a_count() -> None:
    # "13 wounded last month": no "في", no "من", no article on the number.
    assert found("وأصيب 13 الشهر الماضي في قصف على الحي.") == [("الشهر الماضي", "2017-03")]


@pytest.mark.parametrize("text, span, value", [
    ("وقصفت الطائرات السوق للمرة الثالثة من الشهر الماضي.", "الشهر الماضي", "2017-03"),
    ("وخرجت الدفعة الثانية من هذا الشهر من الحي.", "هذا الشهر", "2017-04"),
    ("وقصفت الطائرات السوق للمرة الثالثة من آذار.", "آذار", "2017-03"),
    ("ووصلت القافلة الحادية عشرة من شباط/فبراير إلى المخيم.", "شباط/فبراير", "2017-02"),
])
def test_a_feminine_ordinal_counts_a_noun_not_a_day(text: str, span: str, value: str) -> None:
    assert found(text) == [(span, value)]


def test_a_masculine_ordinal_before_a_month_is_still_a_day() -> None:
    assert found("وانسحب المقاتلون في الحادي عشر من آذار.") == [("الحادي عشر من آذار", "2017-03-11")]


def test_since_a_day_of_last_month_is_a_range() -> None:
    assert found("ويتواصل القصف منذ العاشر من الشهر الماضي.") == \
        [("منذ العاشر من الشهر الماضي", "2017-03-10/2017-04-08")]


def test_a_thirty_first_the_month_lacks_is_not_read() -> None:
    # April has 30 days: "31 of this month" names no day.
    assert found("وصلت القافلة في 31 من الشهر الجاري.") == [("الشهر الجاري", "2017-04")]


# ---------------------------------------------------------------- Maghrebi names, stamps

@pytest.mark.parametrize("text, span, value", [
    ("انطلاق القافلة 14 آب (أغسطس - أوت)، 2016 كتب المراسل", "14 آب (أغسطس - أوت)، 2016", "2016-08-14"),
    ("وصل الوفد في 12 أيلول (سبتمبر - شتنبر) الماضي.", "12 أيلول (سبتمبر - شتنبر) الماضي", "2016-09-12"),
    ("بين 3 و5 آب (أغسطس / غشت) 2016 توقفت المعارك.", "بين 3 و5 آب (أغسطس / غشت) 2016", "2016-08-03/2016-08-05"),
])
def test_a_month_with_three_names_is_one_expression(text: str, span: str, value: str) -> None:
    assert found(text, date(2017, 4, 8)) == [(span, value)]


@pytest.mark.parametrize("text, span, value", [
    ("العملية الجديدة في الشمال أيار 10, 2019 أعلنت الوزارة", "أيار 10, 2019", "2019-05-10"),
    ("نشر في أكتوبر 9، 2019", "أكتوبر 9، 2019", "2019-10-09"),
])
def test_a_month_first_date_stamp_with_its_year(text: str, span: str, value: str) -> None:
    assert found(text, date(2019, 10, 12)) == [(span, value)]


def test_a_month_then_a_number_without_a_year_is_no_day() -> None:
    assert found("في آذار 10 قتلى في القصف", date(2019, 10, 12)) == [("آذار", "2019-03")]


# ---------------------------------------------------------------- منذ، and hours

def test_since_with_a_comma_before_the_weekday_is_a_range() -> None:
    assert found("وتواصل القوات منذ، الثلاثاء، هجومها على البلدة.") == \
        [("منذ، الثلاثاء", "2017-04-04/2017-04-08")]


@pytest.mark.parametrize("text, span", [
    ("وكان المرصد قد نشر قبل ساعات أن القافلة غادرت.", "قبل ساعات"),
    ("وتتواصل الاشتباكات منذ ساعتين عند المدخل.", "منذ ساعتين"),
    ("وقال المتحدث قبل ساعة إن الطريق مفتوح.", "قبل ساعة"),
])
def test_hours_ago_is_the_day_of_publication(text: str, span: str) -> None:
    assert found(text) == [(span, "2017-04-08")]


def test_hours_ago_in_english_is_the_day_of_publication() -> None:
    assert found("The monitor reported hours ago that the convoy had left.", language="en") == \
        [("hours ago", "2017-04-08")]
    assert found("A spokesman said two hours ago that the road was open.", language="en") == \
        [("two hours ago", "2017-04-08")]


def test_days_ago_without_a_count_is_the_week_before() -> None:
    assert found("The crossing closed days ago.", language="en") == [("days ago", "2017-04-01/2017-04-07")]


@pytest.mark.parametrize("text", [
    "وصل الوفد قبل ساعات فقط من الاجتماع.",
    "وانسحب المقاتلون قبل ساعات من حديثه للصحفيين.",
    "وسقطت القذائف قبل يومين فقط من الهدنة.",
])
def test_hours_or_days_before_something_told_are_not_anchored(text: str) -> None:
    assert found(text) == []


def test_a_warning_hours_ago_of_a_disaster_is_from_publication() -> None:
    assert found("وحذرت المنظمة قبل ساعات من كارثة إنسانية.") == [("قبل ساعات", "2017-04-08")]


# ---------------------------------------------------------------- ISO dates

@pytest.mark.parametrize("text, value", [
    ("date 2019-10-09 Troops cross the border", "2019-10-09"),
    ("The statement, dated 2019-10-07, was read on television.", "2019-10-07"),
])
def test_iso_dates_in_english(text: str, value: str) -> None:
    assert found(text, date(2019, 10, 9), "en") == [(value, value)]


@pytest.mark.parametrize("text", ["Form 2019-02-30 was filed.", "Ref. 2019-10-09-12 attached."])
def test_no_iso_date_from_impossible_or_longer_numbers(text: str) -> None:
    assert found(text, date(2019, 10, 9), "en") == []


# ---------------------------------------------------------------- a weekday corrects the relative day

@pytest.mark.parametrize("text, span, value", [
    # a paper dated Saturday 8 April carrying the agency's Friday copy
    ("وتوصل الطرفان أمس الخميس إلى اتفاق.", "أمس الخميس", "2017-04-06"),
    ("وبدأت الحافلات اليوم الجمعة بالخروج.", "اليوم الجمعة", "2017-04-07"),
    ("وصل الوفد اليوم السبت.", "اليوم السبت", "2017-04-08"),
    ("وستستكمل العملية يوم غد الأحد.", "يوم غد الأحد", "2017-04-09"),
])
def test_the_weekday_named_with_a_relative_day_wins(text: str, span: str, value: str) -> None:
    assert found(text) == [(span, value)]


def test_the_writers_today_after_publication_is_no_plan() -> None:
    # published (dated) Saturday, written Sunday: "today Sunday" is the event's day
    mention, = find_dates("وقصفت الطائرات فجر اليوم الأحد البلدة.", SATURDAY)
    assert (mention.value, mention.role) == ("2017-04-09", "event")


# ---------------------------------------------------------------- a date stamp opening the text

@pytest.mark.parametrize("text, language, day, stamp", [
    (" date 2019-10-09 Troops cross the border\n\nTroops crossed on Wednesday.", "en", date(2019, 10, 9), "date 2019-10-09"),
    ("2019-10-09 القوات تعبر الحدود\nعبرت القوات الحدود.", "ar", date(2019, 10, 9), "2019-10-09"),
    ("Published: 5 May 2017 Convoy leaves the district\nThe convoy left.", "en", date(2017, 5, 5), "Published: 5 May 2017"),
])
def test_a_date_stamp_before_the_headline_dates_the_article(text: str, language: str, day: date, stamp: str) -> None:
    line = find_dateline(text, language)
    assert line is not None and (line.day, line.kind, line.text) == (day, "date stamp", stamp)


@pytest.mark.parametrize("text, language", [
    ("12 April 2017 was the bloodiest day of the siege\nbody", "en"),
    ("The convoy left on 2019-10-09 at noon\nbody", "en"),
    ("In 2014 the town fell\nbody", "en"),
])
def test_a_headline_about_a_day_is_no_date_stamp(text: str, language: str) -> None:
    assert find_dateline(text, language) is None
