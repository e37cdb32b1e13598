"""Calendar arithmetic of the date engine: resolving against publication.

A temporal expression resolves to the model's date value,
:class:`timeline.content.model.EventDate`: one calendar date (a day, a
month or a year) or a range between two. The
functions here hold the news conventions, all relative to the publication
date and never to today's date:

- a bare weekday is the most recent one, the publication day itself when it
  is that weekday; "الجمعة الماضية" is strictly before publication;
- a day and month without a year is the most recent past occurrence (the
  next one when the words mark the future);
- a month without a year is the most recent one, the current month included.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from timeline.content.model import EventDate, PartialDate

GRAINS = ("day", "month", "year")


def day(value: date) -> EventDate:
    return EventDate(PartialDate.of_day(value))


def month(year: int, month_number: int) -> EventDate:
    return EventDate(PartialDate(year, month_number))


def year(year_number: int) -> EventDate:
    return EventDate(PartialDate(year_number))


def day_range(first: date, last: date) -> EventDate:
    if first == last:
        return day(first)
    if first > last:
        first, last = last, first
    return EventDate(PartialDate.of_day(first), PartialDate.of_day(last))


def until(value: EventDate, last: date) -> EventDate:
    """From the start of ``value`` to the day ``last`` ("منذ X": to publication)."""
    return EventDate(value.start, PartialDate.of_day(last))


def month_end(year_number: int, month_number: int) -> date:
    return date(year_number, month_number, calendar.monthrange(year_number, month_number)[1])


def safe_date(year_number: int, month_number: int, day_number: int) -> date | None:
    """The date, or None when it does not exist (31 April, 30 February)."""
    try:
        return date(year_number, month_number, day_number)
    except ValueError:
        return None


def month_day(published: date, month_number: int, day_number: int, forward: bool = False) -> date | None:
    """A day and month without a year: the most recent occurrence on or
    before publication, or the next one on or after it when ``forward``."""
    step = 1 if forward else -1
    for offset in range(0, 9):  # 29 February needs up to 8 years
        candidate = safe_date(published.year + step * offset, month_number, day_number)
        if candidate is None:
            continue
        if (candidate >= published) if forward else (candidate <= published):
            return candidate
    return None


def recent_month(published: date, month_number: int, mode: str = "recent") -> EventDate:
    """A month without a year. ``mode``: "recent" (current month included),
    "past" (strictly before the current month), "future" (strictly after),
    "current" (this year)."""
    year_number = published.year
    if mode == "recent" and month_number > published.month:
        year_number -= 1
    elif mode == "past" and month_number >= published.month:
        year_number -= 1
    elif mode == "future" and month_number <= published.month:
        year_number += 1
    return month(year_number, month_number)


def weekday_near(published: date, weekday: int, mode: str = "recent") -> date:
    """A weekday: "recent" (on or before publication), "past" (strictly
    before), "future" (strictly after)."""
    back = (published.weekday() - weekday) % 7
    if mode == "recent":
        return published - timedelta(days=back)
    if mode == "past":
        return published - timedelta(days=back or 7)
    ahead = (weekday - published.weekday()) % 7
    return published + timedelta(days=ahead or 7)


def add_months(value: date, months: int) -> date:
    index = value.year * 12 + value.month - 1 + months
    year_number, month_index = divmod(index, 12)
    last = calendar.monthrange(year_number, month_index + 1)[1]
    return date(year_number, month_index + 1, min(value.day, last))


def shift(value: date, amount: int, unit: str) -> date:
    """``value`` moved by ``amount`` units (negative: back in time)."""
    if unit == "hour":
        return value + timedelta(days=_ceil_div(amount, 24))
    if unit == "day":
        return value + timedelta(days=amount)
    if unit == "week":
        return value + timedelta(weeks=amount)
    if unit == "month":
        return add_months(value, amount)
    if unit == "year":
        return add_months(value, 12 * amount)
    raise ValueError(f"unknown unit {unit!r}")


def _ceil_div(amount: int, size: int) -> int:
    return -((-amount) // size)


def ago(published: date, amount: int, unit: str) -> EventDate:
    """"منذ ثلاثة أيام": a point back in time at the unit's natural grain."""
    target = shift(published, -amount, unit)
    if unit == "month":
        return month(target.year, target.month)
    if unit == "year":
        return year(target.year)
    return day(target)


MONDAY, SUNDAY = 0, 6


def week_of(value: date, first_day: int = MONDAY) -> EventDate:
    """The week holding ``value``: Monday to Sunday (ISO) by default, Sunday
    to Saturday for English wire copy (``first_day=SUNDAY``, as US outlets
    count the week)."""
    start = value - timedelta(days=(value.weekday() - first_day) % 7)
    return day_range(start, start + timedelta(days=6))


def this_week(published: date, future: bool, first_day: int = MONDAY) -> EventDate:
    """"this week": the part of the week already past (its first day to
    publication), or still to come when the sentence marks the future
    (publication to the last day)."""
    week = week_of(published, first_day)
    return day_range(published, week.last_day()) if future else day_range(week.first_day(), published)


def past_window(published: date, amount: int, unit: str) -> EventDate:
    """"خلال الأيام الثلاثة الماضية": back ``amount`` units from publication
    to publication (three days: the 5th to the 8th, as extraction's "week
    ending at publication"); nights end on the morning of publication (two
    nights: from the evening two days before); hours are rounded up to days."""
    if unit == "night":
        return day_range(published - timedelta(days=amount), published)
    if unit == "hour":
        return day_range(published - timedelta(days=max(1, _ceil_div(amount, 24))), published)
    return day_range(shift(published, -amount, unit), published)


def weekend(published: date, mode: str, days: tuple[int, int]) -> EventDate:
    """The weekend (``days``: its first and last weekday, Monday = 0) of the
    week ``mode`` says: "past" the last one over before publication, "future"
    the next to start after it, "current" the one of the publication week,
    "recent" the one under way or the last before."""
    first_weekday, last_weekday = days
    length = (last_weekday - first_weekday) % 7
    back = (published.weekday() - first_weekday) % 7
    start = published - timedelta(days=back)           # the latest start on or before publication
    if mode == "past" and start + timedelta(days=length) >= published:
        start -= timedelta(days=7)
    elif mode == "future":
        start = published + timedelta(days=(first_weekday - published.weekday()) % 7 or 7)
    elif mode == "current":
        week = week_of(published)
        start = week.first_day() + timedelta(days=(first_weekday - week.first_day().weekday()) % 7)
    return day_range(start, start + timedelta(days=length))


def period(published: date, unit: str, offset: int, first_day: int = MONDAY) -> EventDate:
    """The week, month or year ``offset`` units from the one of publication."""
    if unit == "week":
        return week_of(published + timedelta(weeks=offset), first_day)
    if unit == "month":
        target = add_months(published.replace(day=1), offset)
        return month(target.year, target.month)
    return year(published.year + offset)


def week_of_month(year_number: int, month_number: int, number: int) -> EventDate:
    """The ``number``-th week of a month counted from its first day (days
    1–7, 8–14, …); 5 is its last seven days ("الأسبوع الأخير")."""
    last = calendar.monthrange(year_number, month_number)[1]
    if number >= 5:
        return day_range(date(year_number, month_number, last - 6), date(year_number, month_number, last))
    first = 1 + 7 * (number - 1)
    return day_range(date(year_number, month_number, first), date(year_number, month_number, first + 6))


def part_of_month(year_number: int, month_number: int, days: tuple[int, int]) -> EventDate:
    last = calendar.monthrange(year_number, month_number)[1]
    return day_range(date(year_number, month_number, days[0]),
                     date(year_number, month_number, min(days[1], last)))


def part_of_year(year_number: int, months: tuple[int, int]) -> EventDate:
    return EventDate(PartialDate(year_number, months[0]), PartialDate(year_number, months[1]))
