"""Hijri (Islamic) dates to Gregorian: dates marked "هـ" or written with a
Hijri month name and year, and Hijri months named relative to publication
("رمضان الماضي").

The table is Umm al-Qura, the official calendar of Saudi Arabia, through
``hijridate`` (the package dateparser's ``calendars`` extra pulls in; it
covers 1343–1500 AH, i.e. 1924–2077 CE). Outside that range, or when
``hijridate`` is not installed, the arithmetical (tabular, "Kuwaiti")
Islamic calendar is used; it can differ from Umm al-Qura by a day or two.
"""

from __future__ import annotations

from datetime import date, timedelta

# Julian day number of 1 Muharram 1 AH (16 July 622, Julian calendar).
_ISLAMIC_EPOCH = 1948439.5
_GREGORIAN_ORDINAL_OFFSET = 1721424.5  # JDN of date.fromordinal(1) minus one


def _tabular_to_gregorian(year: int, month: int, day: int) -> date:
    julian_day = (day + int(29.5 * (month - 1) + 0.99999) + (year - 1) * 354
                  + (3 + 11 * year) // 30 + _ISLAMIC_EPOCH - 1)
    return date.fromordinal(int(julian_day - _GREGORIAN_ORDINAL_OFFSET))


def _tabular_month_length(year: int, month: int) -> int:
    if month == 12:
        return (_tabular_to_gregorian(year + 1, 1, 1) - _tabular_to_gregorian(year, 12, 1)).days
    return (_tabular_to_gregorian(year, month + 1, 1) - _tabular_to_gregorian(year, month, 1)).days


def to_gregorian(year: int, month: int, day: int) -> date | None:
    """The Gregorian date of a Hijri date, or None if it does not exist."""
    if not (1 <= month <= 12 and 1 <= day <= 30 and 1 <= year <= 2000):
        return None
    try:
        from hijridate import Hijri  # 2-5 ms cold (-X importtime, best of 8, load 11): only for a Hijri date
    except ImportError:  # the tabular calendar below is used instead
        Hijri = None
    if Hijri is not None:
        try:
            return date(*Hijri(year, month, day).to_gregorian().datetuple())
        except (ValueError, OverflowError):
            pass
    if day > _tabular_month_length(year, month):
        return None
    return _tabular_to_gregorian(year, month, day)


def month_span(year: int, month: int) -> tuple[date, date] | None:
    """First and last Gregorian day of a Hijri month."""
    first = to_gregorian(year, month, 1)
    if first is None:
        return None
    following = to_gregorian(year + (month == 12), month % 12 + 1, 1)
    if following is None:
        return first, first + timedelta(days=28)
    return first, following - timedelta(days=1)


def year_span(year: int) -> tuple[date, date] | None:
    """First and last Gregorian day of a Hijri year."""
    first = to_gregorian(year, 1, 1)
    following = to_gregorian(year + 1, 1, 1)
    if first is None or following is None:
        return None
    return first, following - timedelta(days=1)


def recent_month(published: date, month: int, mode: str = "recent") -> tuple[date, date] | None:
    """First and last Gregorian day of a Hijri month named without a year:
    "recent" (the one under way at publication or the last before it),
    "past" (the last one over before publication), "future" (the next one
    to start after publication)."""
    # The Hijri year of publication, give or take one (33 Hijri years make 32).
    approximate_year = round((published.year - 622) * 33 / 32)
    spans = [span for year in range(approximate_year - 2, approximate_year + 3)
             if (span := month_span(year, month)) is not None]
    if mode == "future":
        later = [span for span in spans if span[0] > published]
        return min(later) if later else None
    earlier = [span for span in spans if (span[1] < published if mode == "past" else span[0] <= published)]
    return max(earlier) if earlier else None
