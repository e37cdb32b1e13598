"""The year/month navigator: a jump to any month of a timeline page, and the
previous and next month of a month page.

One row per year, twelve numbered months in each; a month with events is a
link (to its heading ``#m-YYYY-MM`` on the same page, or to the page that
holds it), the others are shown dimmed, so the grid keeps its shape. Plain
links: it works without JavaScript and from ``file://``. The renderer
decides where each month and year lives; this module only lays them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

from timeline.site.arabic import DateDisplay


@dataclass(frozen=True)
class MonthCell:
    """One month of a year row: its number as shown, its full name, its link."""

    number: str
    title: str  # "نيسان/أبريل: 12 حدثًا", or the month's name when it is empty
    url: str | None
    current: bool = False


@dataclass(frozen=True)
class YearRow:
    year: str
    url: str | None
    count: str
    months: tuple[MonthCell, ...]
    current: bool = False


@dataclass(frozen=True)
class Navigator:
    years: tuple[YearRow, ...]

    def __bool__(self) -> bool:
        return bool(self.years)


@dataclass(frozen=True)
class MonthPager:
    """The neighbours of a month page: (label, url) or None at either end."""

    previous: tuple[str, str] | None
    next: tuple[str, str] | None


def time_navigator(
    month_counts: Mapping[str, int],
    month_url: Callable[[str], str],
    display: DateDisplay,
    count: Callable[[int], str],
    *,
    year_url: Callable[[str], str | None] = lambda year: None,
    current: str | None = None,
) -> Navigator:
    """The grid for ``month_counts`` (month key "YYYY-MM" or year key "YYYY",
    as EventView.month_key, to its number of events).

    ``month_url`` gives a month's link, ``year_url`` a year's (None: the year
    is a label); ``current`` is the month key ("YYYY-MM") or year ("YYYY")
    of the page showing the grid."""
    by_year: dict[int, dict[int, int]] = {}
    for key, number in month_counts.items():
        months = by_year.setdefault(int(key[:4]), {})
        if len(key) == 7:
            months[int(key[5:7])] = months.get(int(key[5:7]), 0) + number
        else:
            months[0] = months.get(0, 0) + number  # known to the year only
    rows = []
    for year in sorted(by_year):
        months = by_year[year]
        cells = []
        for month in range(1, 13):
            key = f"{year:04d}-{month:02d}"
            if month in months:
                cells.append(MonthCell(display.number(month), f"{display.month(month)}: {count(months[month])}",
                                       month_url(key), current == key))
            else:
                cells.append(MonthCell(display.number(month), display.month(month), None))
        rows.append(YearRow(display.number(year), year_url(str(year)), count(sum(months.values())), tuple(cells),
                            current == str(year)))
    return Navigator(tuple(rows))


def month_pager(keys: list[str], current: str, label: Callable[[str], str], url: Callable[[str], str]) -> MonthPager:
    """The months before and after ``current`` among ``keys`` (timeline order)."""
    position = keys.index(current)
    before = keys[position - 1] if position > 0 else None
    after = keys[position + 1] if position + 1 < len(keys) else None
    return MonthPager(
        previous=(label(before), url(before)) if before else None,
        next=(label(after), url(after)) if after else None,
    )
