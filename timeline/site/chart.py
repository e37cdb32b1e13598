"""The density chart: events per day (or per month over long spans), stacked
by category, drawn as inline SVG at build time; no JavaScript.

Time runs right to left, as the page reads. Each bar is a link to its day
(or month) in the timeline and carries a ``<title>`` naming the date and
the count, which is also its accessible name.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Callable, Iterable

from markupsafe import Markup, escape

from timeline.model import Category
from timeline.site.arabic import DateDisplay

WIDTH = 1000
HEIGHT = 120
MAX_DAY_BARS = 180  # beyond this span the chart counts per month


def density_chart(
    points: Iterable[tuple[date, str]],
    categories: dict[str, Category],
    display: DateDisplay,
    link_for: Callable[[str], str],
) -> Markup:
    """SVG for ``points`` = (day, first category key) of day-precision events.

    ``link_for`` maps a day key (YYYY-MM-DD) or month key (YYYY-MM) to a link.
    """
    points = list(points)
    if not points:
        return Markup("")
    first, last = min(day for day, _ in points), max(day for day, _ in points)
    by_day = (last - first).days + 1 <= MAX_DAY_BARS
    counts: dict[str, Counter[str]] = {}
    for day, category in points:
        counts.setdefault(_bucket(day, by_day), Counter())[category] += 1
    buckets = _buckets(first, last, by_day)
    tallest = max(sum(c.values()) for c in counts.values())
    bar_width = WIDTH / len(buckets)
    order = list(categories)
    bars = []
    for index, bucket in enumerate(buckets):
        if bucket in counts:
            x = WIDTH - (index + 1) * bar_width
            bars.append(_bar(bucket, counts[bucket], x, bar_width, tallest, order, categories, display, link_for))
    label = f"عدد الأحداث في كل {'يوم' if by_day else 'شهر'}، من {_label(buckets[0], display)} إلى {_label(buckets[-1], display)}"
    return Markup(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" preserveAspectRatio="none" '
        f'role="group" aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
        + "".join(bars) + "</svg>"
        + f'<p class="axis" aria-hidden="true"><span>{escape(_label(buckets[0], display))}</span>'
        f'<span>{escape(_label(buckets[-1], display))}</span></p>'
    )


def _bucket(day: date, by_day: bool) -> str:
    return day.isoformat() if by_day else day.isoformat()[:7]


def _buckets(first: date, last: date, by_day: bool) -> list[str]:
    if by_day:
        return [(first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]
    keys, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys


def _label(bucket: str, display: DateDisplay) -> str:
    if len(bucket) == 10:
        return display.day(date.fromisoformat(bucket))
    return display.month_of(int(bucket[:4]), int(bucket[5:7]))


def _bar(bucket, count, x, width, tallest, order, categories, display, link_for) -> str:
    total = sum(count.values())
    title = f"{_label(bucket, display)}: {display.number(total)} {'حدث' if total == 1 else 'أحداث'}"
    rects, y = [], float(HEIGHT)
    gap = min(width * 0.15, 2.0)
    for key in sorted(count, key=lambda k: (order.index(k) if k in order else len(order), k)):
        height = (HEIGHT - 4) * count[key] / tallest
        y -= height
        colour = categories[key].color if key in categories else "#777"
        rects.append(
            f'<rect x="{x + gap / 2:.2f}" y="{y:.2f}" width="{width - gap:.2f}" height="{height:.2f}" fill="{escape(colour)}"/>'
        )
    return f'<a href="{escape(link_for(bucket))}"><title>{escape(title)}</title>{"".join(rects)}</a>'
