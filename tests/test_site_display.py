"""Arabic date display: precision shown honestly, names and digits configurable."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.content.model import EventDate, PartialDate
from timeline.site.arabic import DateDisplay


def when(start: str, end: str | None = None, approximate: bool = False, time: str | None = None) -> EventDate:
    return EventDate(PartialDate.parse(start), PartialDate.parse(end) if end else None, approximate, time)


def test_day_shows_weekday_both_month_names_and_year():
    assert DateDisplay().event_date(when("2018-04-08")) == "الأحد 8 نيسان/أبريل 2018"


@pytest.mark.parametrize("names, expected", [("levantine", "الأحد 8 نيسان 2018"), ("egyptian", "الأحد 8 أبريل 2018")])
def test_month_naming_follows_configuration(names, expected):
    assert DateDisplay(month_names=names).event_date(when("2018-04-08")) == expected


def test_arabic_indic_digits():
    assert DateDisplay(digits="arabic").event_date(when("2018-04-08")) == "الأحد ٨ نيسان/أبريل ٢٠١٨"


def test_month_precision_never_gains_a_day():
    assert DateDisplay().event_date(when("2018-03")) == "آذار/مارس 2018"


def test_year_precision():
    assert DateDisplay().event_date(when("2018")) == "2018"


def test_approximate_day_says_around():
    assert DateDisplay().event_date(when("2018-04-06", approximate=True)) == "نحو الجمعة 6 نيسان/أبريل 2018"


def test_range_within_a_month_names_the_month_once():
    text = DateDisplay().event_date(when("2018-04-01", "2018-04-08"))
    assert text == "من الأحد 1 إلى الأحد 8 نيسان/أبريل 2018"


def test_range_across_months_and_approximate():
    text = DateDisplay().event_date(when("2018-03-28", "2018-04-02", approximate=True))
    assert text == "من الأربعاء 28 آذار/مارس إلى الاثنين 2 نيسان/أبريل 2018 تقريبًا"


def test_month_range_and_years():
    assert DateDisplay().event_date(when("2018-02", "2018-04")) == "من شباط/فبراير إلى نيسان/أبريل 2018"
    assert DateDisplay().event_date(when("2017", "2018")) == "من 2017 إلى 2018"


def test_time_is_shown_and_goes_into_datetime():
    display = DateDisplay()
    value = when("2018-04-08", time="14:30")
    assert display.event_date(value).endswith("، الساعة 14:30")
    assert display.iso_datetime(value) == "2018-04-08T14:30"


def test_every_weekday_name():
    names = [DateDisplay().weekday(date(2018, 4, day)) for day in range(2, 9)]
    assert names == ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]


def test_bad_option_fails_instead_of_falling_back():
    with pytest.raises(ValueError):
        DateDisplay(month_names="maghrebi")
