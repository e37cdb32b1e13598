"""Related events: entries sharing an actor or a place within a few days.

Computed through an index (per actor and place, the events in date order)
and a bisected window, never by comparing every pair of events: the cost
grows with the number of events times a bounded window.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from timeline.site.pages import EventView

WINDOW_DAYS = 3
MAX_RELATED = 5
MAX_SCANNED_PER_KEY = 60  # bounds the work for a very common actor on a busy day


def related_events(views: tuple[EventView, ...]) -> dict[str, tuple[EventView, ...]]:
    """For each event id, up to MAX_RELATED events ranked by shared keys, then nearness."""
    ordinals = [view.entry.date.start.first_day().toordinal() for view in views]
    positions: dict[str, list[int]] = defaultdict(list)
    for index, view in enumerate(views):
        for key in _keys(view):
            positions[key].append(index)
    key_ordinals = {key: [ordinals[i] for i in members] for key, members in positions.items()}
    result: dict[str, tuple[EventView, ...]] = {}
    for index, view in enumerate(views):
        scores: Counter[int] = Counter()
        day = ordinals[index]
        for key in _keys(view):
            days = key_ordinals[key]
            low, high = bisect_left(days, day - WINDOW_DAYS), bisect_right(days, day + WINDOW_DAYS)
            if high - low > MAX_SCANNED_PER_KEY:
                centre = bisect_left(days, day)
                low = max(low, centre - MAX_SCANNED_PER_KEY // 2)
                high = min(high, low + MAX_SCANNED_PER_KEY)
            for other in positions[key][low:high]:
                if other != index:
                    scores[other] += 1
        ranked = sorted(scores, key=lambda other: (-scores[other], abs(ordinals[other] - day), other))
        result[view.id] = tuple(views[other] for other in ranked[:MAX_RELATED])
    return result


def _keys(view: EventView) -> list[str]:
    entry = view.entry
    return [f"actor:{key}" for key in dict.fromkeys(entry.actors)] + [f"place:{key}" for key in dict.fromkeys(entry.places)]
