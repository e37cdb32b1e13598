"""Clock times and parts of the day said apart from the date go to the day's
mention, and from there to an entry's ``time`` (sentences written for these tests)."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.dates import find_dates

PUBLISHED = date(2019, 11, 16)  # a Saturday


def times(text: str, language: str = "ar") -> list[tuple[str, str, str | None]]:
    return [(m.text, m.value, m.time_of_day) for m in find_dates(text, PUBLISHED, language=language)]


@pytest.mark.parametrize("text, expected", [
    ("وبدأت المدفعية قصف الحي الساعة الخامسة مساء، اليوم السبت، وفق ناشطين.", ("اليوم السبت", "2019-11-16", "17:00")),
    ("وانفجرت السيارة المفخخة أمس في الساعة 9.15 صباحا قرب السوق.", ("أمس", "2019-11-15", "09:15")),
    ("وأغارت الطائرات على المطار الخميس عند الساعة الواحدة ظهرا.", ("الخميس", "2019-11-14", "13:00")),
    ("ووقع الانفجار أمس نحو الساعة 11.30 ظهرا بالتوقيت المحلي.", ("أمس", "2019-11-15", "11:30")),
    ("وانسحب المقاتلون من التلة يوم الخميس الساعة الثالثة والنصف فجرا.", ("يوم الخميس", "2019-11-14", "03:30")),
    ("ووصلت الحافلات إلى المعبر أمس الساعة 22:40.", ("أمس", "2019-11-15", "22:40")),
])
def test_a_clock_time_in_the_sentence_is_the_day_mention_time(text: str, expected: tuple) -> None:
    assert times(text) == [expected]


def test_an_hour_that_could_be_either_half_of_the_day_is_left_out() -> None:
    assert times("وعقد الاجتماع الخميس الساعة الرابعة في مقر المحافظة.") == [("الخميس", "2019-11-14", None)]


def test_the_mention_part_of_the_day_decides_the_half_of_an_hour() -> None:
    assert times("وسقطت القذائف مساء أمس عند الساعة الثامنة على الحي.") == [("مساء أمس", "2019-11-15", "20:00")]


@pytest.mark.parametrize("text, expected", [
    ("وقصفت الطائرات الحربية القرية أمس فجرًا.", "dawn"),
    ("واقتحمت القوات البلدة الخميس ليلاً بعد اشتباكات.", "night"),
    ("وخرجت القافلة من المدينة أمس في ساعة متأخرة من الليل.", "night"),
    ("وتجددت الاشتباكات يوم الخميس عصرا في الحي الشرقي.", "afternoon"),
])
def test_a_part_of_the_day_said_alone_is_the_day_mention_time(text: str, expected: str) -> None:
    assert [m[2] for m in times(text)] == [expected]


def test_a_time_goes_to_the_nearest_day_of_its_own_sentence_only() -> None:
    text = "وقصفت الطائرات القرية أمس. ووصل المصابون إلى المستشفى فجرا."
    assert times(text) == [("أمس", "2019-11-15", None)]
    two = "وكان الهجوم قد بدأ الخميس، وتجدد القصف أمس صباحا."
    assert times(two) == [("الخميس", "2019-11-14", None), ("أمس", "2019-11-15", "morning")]


def test_a_month_or_a_long_range_takes_no_time_of_day() -> None:
    assert times("وتكررت الغارات في تشرين الأول ليلا.") == [("تشرين الأول", "2019-10", None)]


@pytest.mark.parametrize("text, expected", [
    ("Rockets struck the base at 4:20 a.m. on Friday, officials said.", ("Friday", "2019-11-15", "04:20")),
    ("The convoy left on Thursday at 9 p.m., the monitor said.", ("Thursday", "2019-11-14", "21:00")),
    ("Fighters withdrew overnight on Wednesday, the monitor said.", ("Wednesday", "2019-11-13", "night")),
    ("Shelling resumed in the early hours of Friday.", ("Friday", "2019-11-15", "dawn")),
])
def test_english_clock_times_and_parts_of_the_day(text: str, expected: tuple) -> None:
    assert times(text, "en") == [expected]
