"""Background is not the timeline: the period an occurrence must fall in.

With ``period: {start, end}`` in the plugin options, an occurrence whose
dates lie wholly outside the period is background (the siege since 2013, a
2016 battle). Without one, an occurrence that ended more than
``BACKGROUND_AFTER_DAYS`` before the article's publication is background.
Either way, a draft dated only by a span of more than ``SUMMARY_AFTER_DAYS``
(a year, "since 2012") sums up a long stretch and is background too.
An article entirely outside the period therefore drafts nothing. Skipped
occurrences are reported by ``timeline extract`` with their reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

BACKGROUND_AFTER_DAYS = 365
# A draft dated only by a span longer than this ("العام الجاري", "in 2017",
# "since 2012", "over four years") sums up a long stretch (the year's losses,
# the war's toll, a siege): background, not one occurrence of the timeline.
SUMMARY_AFTER_DAYS = 92


@dataclass(frozen=True)
class Period:
    """The timeline's own time, both days included."""

    start: date
    end: date

    def __str__(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def background_reason(first_day: str, last_day: str, published: date, period: Period | None) -> str | None:
    """Why an occurrence from ``first_day`` to ``last_day`` (ISO days) is
    background, or None when it belongs on the timeline."""
    span = (date.fromisoformat(last_day) - date.fromisoformat(first_day)).days + 1
    if span > SUMMARY_AFTER_DAYS:
        return f"dated only by a span of {span} days: a summary of a long stretch, not one occurrence"
    if period is not None:
        if last_day < period.start.isoformat():
            return f"before the period {period}"
        if first_day > period.end.isoformat():
            return f"after the period {period}"
        return None
    if last_day < (published - timedelta(days=BACKGROUND_AFTER_DAYS)).isoformat():
        return f"more than a year before publication ({published.isoformat()}) and no period is set"
    return None
