"""Dating an occurrence from what its article says, once its expressions are resolved.

The engine normalizes each expression as written ("الشهر الجاري" is the
month of publication); an occurrence the article reports as past is dated
by these news conventions on top of it:

- **No later than publication.** A past occurrence dated by an expression
  that runs past publication ("الشهر الجاري", "هذا العام", "this year")
  lies between its start and the publication day: 1–27 February for "this
  month" in an article of 27 February, not the whole of February.
- **Undated: the latest news.** The article's lead occurrence (its first
  event) told without any date is the news of the day, what happened on
  the day of publication or the day before (a news story is pegged to the
  last 24 hours): the approximate range of those ``LEAD_DAYS``. An undated
  occurrence further down is context of the last days: the approximate
  week ending at publication (``CONTEXT_DAYS``). Never an exact day.
  *Ambiguous*: an undated aside about something older is not told apart
  here; ``approximate: true`` says to check it.
"""

from __future__ import annotations

from datetime import date, timedelta

from timeline.content.model import EventDate, PartialDate

LEAD_DAYS = 2      # the day before publication and the day itself
CONTEXT_DAYS = 8   # the week before publication and the day itself


def undated(published: date, *, lead: bool) -> EventDate:
    """The date of a report whose sentences give none (approximate): the
    last two days for the article's lead occurrence, else the last week."""
    days = LEAD_DAYS if lead else CONTEXT_DAYS
    return EventDate(PartialDate.of_day(published - timedelta(days=days - 1)),
                     PartialDate.of_day(published), approximate=True)


def no_later_than(value: EventDate, published: date) -> EventDate:
    """A past occurrence's date, cut at publication when it runs past it
    (it keeps its start, as a day); unchanged when it lies wholly on one
    side of publication."""
    first, last = value.first_day(), value.last_day()
    if last <= published or first > published:
        return value
    if first == published:
        return EventDate(PartialDate.of_day(published), None, value.approximate, value.time)
    return EventDate(PartialDate.of_day(first), PartialDate.of_day(published), value.approximate, value.time)
