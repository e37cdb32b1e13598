"""The density chart: events per day (or per month over long spans), stacked
by category, drawn as inline SVG at build time; no JavaScript.

Time runs right to left, as the page reads. Each bar is a link to its day
(or month) in the timeline and carries a ``<title>`` naming the date and
the count, which is also its accessible name.

Only exact single-day dates make bars. A range or an approximate date is
spread evenly over the days it covers (one event over seven days adds 1/7
to each) and drawn as a light band above the bars, so it is neither
counted on its first day nor left out; dates known only to the month or
the year are counted in the caption, not drawn.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any, Callable, Iterable

from markupsafe import Markup, escape

from timeline.content.model import Category
from timeline.site.arabic import DateDisplay

WIDTH = 1000
HEIGHT = 120
MAX_DAY_BARS = 180  # beyond this span the chart counts per month


def density_chart(
    views: Iterable[Any],
    categories: dict[str, Category],
    display: DateDisplay,
    link_for: Callable[[str], str],
) -> Markup:
    """SVG for the events ``views`` (EventView: ``day_key``, ``entry``).

    ``link_for`` maps a day key (YYYY-MM-DD) or month key (YYYY-MM) to a link.
    """
    points: list[tuple[date, str]] = []
    spans: list[tuple[date, date]] = []
    undated = 0
    for view in views:
        when = view.entry.date
        if view.day_key:
            points.append((when.start.first_day(), view.entry.categories[0] if view.entry.categories else ""))
        elif when.start.precision == "day" and (when.end is None or when.end.precision == "day"):
            spans.append((when.start.first_day(), (when.end or when.start).last_day()))
        else:
            undated += 1
    if not points and not spans:
        return Markup("")
    days = [day for day, _ in points] + [d for span in spans for d in span]
    first, last = min(days), max(days)
    by_day = (last - first).days + 1 <= MAX_DAY_BARS
    counts: dict[str, Counter[str]] = {}
    for day, category in points:
        counts.setdefault(_bucket(day, by_day), Counter())[category] += 1
    spread: Counter[str] = Counter()
    for start, end in spans:
        length = (end - start).days + 1
        for offset in range(length):
            spread[_bucket(start + timedelta(days=offset), by_day)] += 1 / length
    buckets = _buckets(first, last, by_day)
    tallest = max([sum(c.values()) + spread[b] for b, c in counts.items()] + list(spread.values()))
    bar_width = WIDTH / len(buckets)
    order = list(categories)
    bars = []
    for index, bucket in enumerate(buckets):
        x = WIDTH - (index + 1) * bar_width
        if bucket in counts:
            bars.append(_bar(bucket, counts[bucket], x, bar_width, tallest, order, categories, display, link_for))
        if spread[bucket]:
            bars.append(_band(bucket, spread[bucket], sum(counts.get(bucket, Counter()).values()), x, bar_width, tallest, display))
    label = f"عدد الأحداث في كل {'يوم' if by_day else 'شهر'}، من {_label(buckets[0], display)} إلى {_label(buckets[-1], display)}"
    notes = []
    if spans:
        notes.append(f'<span class="band-key">اللون الفاتح: {escape(_count(len(spans), display))} '
                     "بتاريخ تقريبي أو ممتد على أيام، موزّعة بالتساوي على أيامها</span>")
    if undated:
        notes.append(f"<span>لا يظهر في الرسم {escape(_count(undated, display))} تاريخها معروف بالشهر أو السنة فقط</span>")
    return Markup(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" preserveAspectRatio="none" '
        f'role="group" aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
        + "".join(bars) + "</svg>"
        + f'<p class="axis" aria-hidden="true"><span>{escape(_label(buckets[0], display))}</span>'
        f'<span>{escape(_label(buckets[-1], display))}</span></p>'
        + (f'<p class="chart-note">{" · ".join(notes)}</p>' if notes else "")
    )


def _count(number: int, display: DateDisplay) -> str:
    return display.count(number, "event")


def _band(bucket: str, share: float, below: int, x: float, width: float, tallest: float, display: DateDisplay) -> str:
    """The spread share of ranges and approximate dates in one bucket, above its bar."""
    height = (HEIGHT - 4) * share / tallest
    y = HEIGHT - (HEIGHT - 4) * below / tallest - height
    shown = f"{share:.1f}".rstrip("0").rstrip(".")
    title = f"{_label(bucket, display)}: نحو {display.number(shown)} من أحداث تقريبية أو ممتدة"
    gap = min(width * 0.15, 2.0)
    return (f'<g class="band"><title>{escape(title)}</title><rect x="{x + gap / 2:.2f}" y="{y:.2f}" '
            f'width="{width - gap:.2f}" height="{height:.2f}"/></g>')


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
    title = f"{_label(bucket, display)}: {display.count(total, 'event')}"
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
