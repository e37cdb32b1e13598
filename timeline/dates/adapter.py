"""The one wrapper around dateparser, with pinned settings.

dateparser is good at English absolute dates and knows the month names of
every Arabic locale; it is slow on running text and, left to its defaults,
borrows today's date and the machine's timezone. Every call in the project
goes through here: an explicit ``RELATIVE_BASE`` (the publication date),
explicit languages or locales, ``PREFER_DAY_OF_MONTH="first"``,
``DATE_ORDER="DMY"``, UTC. dateparser is imported inside the functions, so
importing the date engine stays light.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Iterable


def pinned_settings(published: date, prefer: str = "past") -> dict:
    """dateparser settings that depend on nothing but ``published``."""
    return {
        "RELATIVE_BASE": datetime(published.year, published.month, published.day, 12, 0),
        "PREFER_DAY_OF_MONTH": "first",
        "PREFER_DATES_FROM": prefer,
        "DATE_ORDER": "DMY",
        "TIMEZONE": "UTC",
        "TO_TIMEZONE": "UTC",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "STRICT_PARSING": False,
    }


def parse_date(text: str, published: date, languages: Iterable[str] = ("en",),
               prefer: str = "past") -> date | None:
    """Parse one date expression (not running text) with dateparser."""
    import dateparser  # 40 ms of a cold start (-X importtime): only English day-month dates reach this

    parsed = dateparser.parse(text, languages=list(languages), settings=pinned_settings(published, prefer))
    return parsed.date() if parsed else None


def search_dates(text: str, published: date, languages: Iterable[str] = ("ar",)) -> list[tuple[str, date]]:
    """dateparser's own search over running text (the benchmark baseline)."""
    from dateparser.search import search_dates as dateparser_search  # 40 ms cold: benchmarks only

    found = dateparser_search(text, languages=list(languages), settings=pinned_settings(published))
    return [(phrase, moment.date()) for phrase, moment in (found or [])]
