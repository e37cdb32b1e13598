"""Which units of pages an update must look at again, from the old and new page data.

An update changes some event views (an entry read again gets a new view;
every other view is the very same object). A unit of pages (see
``SiteRenderer.outputs``) is looked at again when it may show one of those
views, or depends on where one sits:

- the event's own page, and the pages of the events before and after it
  in the timeline, in the old order and in the new one (previous/next links);
- the pages of events sharing an actor or a place with it within the
  related-events window, old and new (their related events);
- every list page it is on or was on (category, actor, place, outlet,
  review state), the category feeds, the month pages of its old and new
  month, and the pages of the articles it cites or cited;
- every event page of a month split in parts (an event moved in or out
  shifts the others from one part to the next, and their "back" links);
- every month page when the number of events of any month changed (the
  navigator on a month page shows every month's count, its pager the
  months before and after).

Anything else — articles, outlets or the gazetteer changed (every view is
new), the month pages switched on or off, the access date moved — means
every unit is looked at, as in a full build (``None``). Every unit looked at
is still compared with its last rendering by the render cache, so looking at
too much costs time, never correctness; looking at too little is what
``tests/test_preview_identity.py`` would catch.
"""

from __future__ import annotations

from timeline.site.pages import LISTING_KINDS, REVIEW, SiteData
from timeline.site import render
from timeline.site.render import SiteRenderer

REGISTRIES = ("articles", "outlets", "actors", "places", "categories")


def units_to_look_at(before: SiteRenderer, after: SiteRenderer) -> set[tuple[str, ...]] | None:
    """The units of ``after`` to compute again, or None for all of them."""
    old, new = before.data, after.data
    if any(getattr(old.content, name) is not getattr(new.content, name) for name in REGISTRIES):
        return None
    if before.month_pages != after.month_pages or before.accessed != after.accessed or before.options != after.options:
        return None
    touched = {event_id for event_id in old.by_id.keys() | new.by_id.keys()
               if old.by_id.get(event_id) is not new.by_id.get(event_id)}
    units: set[tuple[str, ...]] = set()
    if _month_counts(old) != _month_counts(new):  # every month page's navigator and pager show them
        units.update(("month", key) for key in new.months)
    for data in (old, new):
        for event_id in touched:
            if event_id in data.by_id:
                units |= _units_of(data, event_id, after.month_pages)
    return units


def _month_counts(data: SiteData) -> dict[str, int]:
    return {key: len(views) for key, views in data.months.items()}


def _units_of(data: SiteData, event_id: str, month_pages: bool) -> set[tuple[str, ...]]:
    view = data.by_id[event_id]
    position = data.position[event_id]
    events = {event_id, *data.related.near(event_id)}
    events.update(data.events[i].id for i in (position - 1, position + 1) if 0 <= i < len(data.events))
    month = data.months.get(view.month_key, ())
    if month_pages and len(month) > render.PAGE_EVENTS:  # read at call time, like split_pages
        events.update(member.id for member in month)
    units: set[tuple[str, ...]] = {("event", other) for other in events}
    for kind in LISTING_KINDS:
        units.update(("listing", kind, key) for key in view.facet(kind))
    units.add(("listing", REVIEW, view.review))
    units.update(("feed", key) for key in view.entry.categories)
    units.add(("month", view.month_key))
    entry = view.entry
    units.update(("article", c.article) for c in entry.sources + entry.counter_sources if c.article)
    return units
