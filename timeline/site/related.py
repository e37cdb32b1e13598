"""Related events: entries sharing an actor or a place within a few days.

Computed through an index (per actor and place, the events in date order)
and a bisected window, never by comparing every pair of events: the cost
grows with the number of events times a bounded window.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from heapq import nsmallest
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from timeline.site.pages import EventView

WINDOW_DAYS = 3
MAX_RELATED = 5
MAX_SCANNED_PER_KEY = 60  # bounds the work for a very common actor on a busy day


def related_events(views: tuple[EventView, ...]) -> RelatedEvents:
    """For each event id, up to MAX_RELATED events ranked by shared keys, then nearness."""
    return RelatedEvents(views)


class RelatedEvents(Mapping):
    """Event id -> its related events, each computed when first asked for.

    The index (per actor and place, the events in date order) is built for
    all events at once; the ranking of one event's neighbours is done when a
    page asks, so the live preview renders an edited event's page without
    ranking the neighbours of every other event first."""

    def __init__(self, views: tuple[EventView, ...]) -> None:
        self._views = views
        self._ordinals = [view.entry.date.start.first_day().toordinal() for view in views]
        self._index = {view.id: index for index, view in enumerate(views)}
        positions: dict[str, list[int]] = defaultdict(list)
        for index, view in enumerate(views):
            for key in _keys(view):
                positions[key].append(index)
        self._positions = positions
        self._key_ordinals = {key: [self._ordinals[i] for i in members] for key, members in positions.items()}
        self._known: dict[str, tuple[EventView, ...]] = {}

    def __getitem__(self, event_id: str) -> tuple[EventView, ...]:
        known = self._known.get(event_id)
        if known is None:
            known = self._known[event_id] = self._rank(self._index[event_id])
        return known

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def near(self, event_id: str) -> set[str]:
        """Every event whose related events may include ``event_id``: those
        sharing an actor or a place with it within WINDOW_DAYS (the relation
        is symmetric before the per-key bound, which only narrows a window)."""
        index = self._index[event_id]
        day, found = self._ordinals[index], set()
        for key in _keys(self._views[index]):
            days = self._key_ordinals[key]
            low, high = bisect_left(days, day - WINDOW_DAYS), bisect_right(days, day + WINDOW_DAYS)
            found.update(self._views[other].id for other in self._positions[key][low:high])
        return found

    def _rank(self, index: int) -> tuple[EventView, ...]:
        """The MAX_RELATED best: most shared keys, then nearest in days, then timeline order.

        The candidates grow with the events per day (at 50,000 events over the
        same years, five times as many per window), so the counting is done by
        ``Counter.update`` (in C) and only the best few are ranked (``nsmallest``),
        never a sort of every candidate."""
        views, ordinals = self._views, self._ordinals
        scores: Counter[int] = Counter()
        day = ordinals[index]
        for key in _keys(views[index]):
            days = self._key_ordinals[key]
            low, high = bisect_left(days, day - WINDOW_DAYS), bisect_right(days, day + WINDOW_DAYS)
            if high - low > MAX_SCANNED_PER_KEY:
                centre = bisect_left(days, day)
                low = max(low, centre - MAX_SCANNED_PER_KEY // 2)
                high = min(high, low + MAX_SCANNED_PER_KEY)
            scores.update(self._positions[key][low:high])
        scores.pop(index, None)
        if len(scores) > MAX_RELATED:
            best = nsmallest(MAX_RELATED, [(-count, abs(ordinals[other] - day), other) for other, count in scores.items()])
        else:
            best = sorted((-count, abs(ordinals[other] - day), other) for other, count in scores.items())
        return tuple(views[other] for _, _, other in best)


def _keys(view: EventView) -> list[str]:
    entry = view.entry
    return [f"actor:{key}" for key in dict.fromkeys(entry.actors)] + [f"place:{key}" for key in dict.fromkeys(entry.places)]
