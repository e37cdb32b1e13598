"""The density chart of the index: how many events fall in each day, week or
month, stacked by category, built as plain HTML and CSS at build time.

The bin follows the span of the timeline (``choose_bin``): days up to
``MAX_DAY_BINS`` days, weeks (starting on Saturday) up to ``MAX_WEEK_BINS``
weeks, months beyond; the heading names it. Counts are readable without
hovering: a value axis with round ticks, and each bin's title
("آذار/مارس 2018: 12 حدثًا") is its accessible name and the text shown below
the chart while it has focus.

A bar counts the events whose whole date lies inside its bin: a day, or a
month when bins are months. Every other date (a range, an approximate date,
a month in day or week bins) is drawn as a band over the bins it covers, in
lanes under the bars, never split into fractional counts. Dates known only
to the year are counted in the caption.

Time runs right to left, as the page reads (a grid in an RTL page). Each bar
links to its first day (or its month) in the timeline; the bars are one Tab
stop (roving ``tabindex``, arrow keys in ``timeline.js``). Category colours
are adjusted to at least 3:1 against the chart's background in the light and
the dark scheme (``legible``), and each category also has its own pattern,
so no two are told apart by hue alone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Callable, Iterable

from markupsafe import Markup, escape

from timeline.content.model import Category
from timeline.site.arabic import DateDisplay

MAX_DAY_BINS = 62
MAX_WEEK_BINS = 80
MAX_LABELLED_BINS = 40  # up to this many bins, each bar also prints its count
BAND_LANES = 3
MIN_LABELLED_BAND = 1 / 25  # a band this share of the chart's width or wider prints its count
# The chart's background (--card in theme/assets/timeline.css), light and dark.
BACKGROUNDS = {"light": "#ffffff", "dark": "#1f1e1c"}
MIN_CONTRAST = 3.0
# One pattern per category, in category order, drawn over its colour with --hatch.
PATTERNS = (
    "none",
    "repeating-linear-gradient(45deg,var(--hatch) 0 2px,transparent 2px 6px)",
    "radial-gradient(var(--hatch) 1.2px,transparent 1.6px) 0 0/5px 5px",
    "repeating-linear-gradient(0deg,var(--hatch) 0 2px,transparent 2px 5px)",
    "repeating-linear-gradient(-45deg,var(--hatch) 0 2px,transparent 2px 6px)",
    "repeating-linear-gradient(45deg,var(--hatch) 0 1px,transparent 1px 4px),"
    "repeating-linear-gradient(-45deg,var(--hatch) 0 1px,transparent 1px 4px)",
    "repeating-linear-gradient(90deg,var(--hatch) 0 2px,transparent 2px 5px)",
    "linear-gradient(var(--hatch) 0 0) 0 0/100% 35% no-repeat",
)
BIN_NAMES = {"day": "يوم", "week": "أسبوع", "month": "شهر"}


@dataclass(frozen=True)
class Chart:
    """What the index needs: the heading (it names the bin), the CSS of the
    category colours (for ``<head>``), the chart itself and its legend."""

    heading: str
    style: Markup
    body: Markup
    legend: Markup


@dataclass
class _Bin:
    key: str
    start: date
    end: date
    counts: Counter[str] = field(default_factory=Counter)
    first_day: date | None = None  # the earliest exact day in the bin, the bar's link


def choose_bin(first: date, last: date) -> str:
    """"day", "week" or "month": the finest bin that keeps the chart readable."""
    days = (last - first).days + 1
    if days <= MAX_DAY_BINS:
        return "day"
    if _week_start(last).toordinal() - _week_start(first).toordinal() < MAX_WEEK_BINS * 7:
        return "week"
    return "month"


def density_chart(
    views: Iterable[Any],
    categories: dict[str, Category],
    display: DateDisplay,
    link_for: Callable[[str], str],
    count: Callable[[int], str],
) -> Chart | None:
    """The chart of the events ``views`` (EventView: ``entry``, ``day_key``).

    ``link_for`` maps a day key (YYYY-MM-DD) or a month key (YYYY-MM) to a
    link; ``count`` writes "12 حدثًا" (the site's number agreement and digits).
    None when no event has a date the chart can place."""
    points: list[tuple[date, date, str, bool]] = []  # (first day, last day, category, approximate)
    year_only = 0
    for view in views:
        when = view.entry.date
        if when.start.precision == "year" and (when.end is None or when.end.precision == "year"):
            year_only += 1
            continue
        category = view.entry.categories[0] if view.entry.categories else ""
        start = when.start.first_day()
        points.append((start, max(start, (when.end or when.start).last_day()), category, when.approximate))
    if not points:
        return None
    first = min(p[0] for p in points)
    last = max(p[1] for p in points)
    unit = choose_bin(first, last)
    bins = _bins(first, last, unit)
    index_of = {b.key: n for n, b in enumerate(bins)}
    bands: list[tuple[int, int]] = []
    for start, end, category, approximate in points:
        low, high = index_of[_bin_key(start, unit)], index_of[_bin_key(end, unit)]
        if low == high and not approximate:
            target = bins[low]
            target.counts[category] += 1
            if start == end and (target.first_day is None or start < target.first_day):
                target.first_day = start
        else:
            bands.append((low, high))
    order = {key: n for n, key in enumerate(categories)}
    tallest = max([sum(b.counts.values()) for b in bins] + [1])
    top = nice_ceiling(tallest)
    heading = f"عدد الأحداث في كل {BIN_NAMES[unit]}"
    span = f"من {_label(bins[0], unit, display)} إلى {_label(bins[-1], unit, display)}"
    labelled = len(bins) <= MAX_LABELLED_BINS
    bars = [_bar(n, b, unit, top, order, display, link_for, count, labelled) for n, b in enumerate(bins) if b.counts]
    if bars:  # one Tab stop: the first bar; the arrow keys move between them
        bars[0] = bars[0].replace(" tabindex=-1", " tabindex=0", 1)
    lanes = _lanes(bands)
    band_html = [_band(lane, low, high, number, bins, unit, display, count) for lane, low, high, number in lanes]
    ticks = "".join(
        f'<span class="tick" style="bottom:{value * 100 / top:g}%">{escape(display.number(value))}</span>'
        for value in _ticks(top))
    notes = []
    if bands:
        notes.append(f'<span class="band-key">{escape(count(len(bands)))} بتاريخ ممتد أو تقريبي، '
                     "مرسومة شريطًا على المدة التي تغطيها لا عددًا في الأعمدة</span>")
    if year_only:
        notes.append(f"<span>لا يظهر في الرسم {escape(count(year_only))} تاريخها معروف بالسنة فقط</span>")
    body = (
        f'<div class="chart" style="--bins:{len(bins)}">'
        f'<p class="chart-span">{escape(span)}</p>'
        f'<div class="plot" role="group" aria-label="{escape(heading + "، " + span)}">'
        f'<div class="ticks" aria-hidden="true">{ticks}</div>'
        f'<div class="bars">{"".join(bars)}</div></div>'
        + (f'<div class="lanes">{"".join(band_html)}</div>' if band_html else "")
        + f'<p class="x-axis" aria-hidden="true">{_axis_labels(bins, unit, display)}</p>'
        '<p class="readout" aria-live="polite"></p>'
        + (f'<p class="chart-note">{" · ".join(notes)}</p>' if notes else "")
        + "</div>"
    )
    return Chart(heading=heading, style=category_style(categories), body=Markup(body), legend=_legend(categories))


def nice_ceiling(value: int) -> int:
    """The smallest 1, 2, 3, 4, 5, 6 or 8 × 10ⁿ at or above ``value`` (the axis top)."""
    step = 1
    while True:
        for factor in (1, 2, 3, 4, 5, 6, 8):
            if step * factor >= value:
                return step * factor
        step *= 10


def _ticks(top: int) -> list[int]:
    return [0, top // 2, top] if top % 2 == 0 and top > 1 else [0, top]


def _week_start(day: date) -> date:
    """The Saturday that starts the week of ``day`` (the Syrian calendar week)."""
    return day - timedelta(days=(day.weekday() - 5) % 7)


def _bin_key(day: date, unit: str) -> str:
    if unit == "day":
        return day.isoformat()
    if unit == "week":
        return _week_start(day).isoformat()
    return day.isoformat()[:7]


def _bins(first: date, last: date, unit: str) -> list[_Bin]:
    if unit == "day":
        days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        return [_Bin(d.isoformat(), d, d) for d in days]
    if unit == "week":
        start, bins = _week_start(first), []
        while start <= last:
            bins.append(_Bin(start.isoformat(), start, start + timedelta(days=6)))
            start += timedelta(days=7)
        return bins
    bins, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
        bins.append(_Bin(f"{year:04d}-{month:02d}", date(year, month, 1), following - timedelta(days=1)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return bins


def _label(item: _Bin, unit: str, display: DateDisplay) -> str:
    if unit == "day":
        return display.day(item.start)
    if unit == "week":
        return f"أسبوع {display.day(item.start, weekday=False)}"
    return display.month_of(item.start.year, item.start.month)


def _bar(number: int, item: _Bin, unit: str, top: int, order: dict[str, int], display: DateDisplay,
         link_for: Callable[[str], str], count: Callable[[int], str], labelled: bool) -> str:
    total = sum(item.counts.values())
    title = f"{_label(item, unit, display)}: {count(total)}"
    if unit == "month" or item.first_day is None:  # a bin of months, or of ranges within a week
        target = item.key if unit == "month" else item.start.isoformat()[:7]
    else:
        target = item.first_day.isoformat()
    # Stacked from the bottom: the first category of the configuration lowest.
    keys = sorted(item.counts, key=lambda k: (order.get(k, len(order)), k), reverse=True)
    # Unquoted attribute values where they cannot hold a space: a bar is the
    # chart's unit of weight, and there are up to ~120 of them.
    segments = "".join(f"<i class=c{order.get(k, len(order))} style=flex:{item.counts[k]}></i>" for k in keys)
    return (f'<a href="{escape(link_for(target))}" tabindex=-1 title="{escape(title)}" '
            f"style=grid-column:{number + 1};height:{total * 100 / top:.4g}%>"
            + (f'<b aria-hidden="true">{display.number(total)}</b>' if labelled else "") + f"{segments}</a>")


def _lanes(bands: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """(lane, first bin, last bin, events) for the bands: ranges over the same
    bins are one band with their count; each band goes in the first lane free
    over its bins. What does not fit goes in the last lane, where overlapping
    bands are drawn as one over their union, with their count."""
    last = BAND_LANES - 1
    ends = [-1] * BAND_LANES
    placed: list[list[list[int]]] = [[] for _ in range(BAND_LANES)]
    for (low, high), number in sorted(Counter(bands).items()):
        lane = next((n for n, end in enumerate(ends) if end < low), last)
        ends[lane] = max(ends[lane], high)
        runs = placed[lane]
        if lane == last and runs and low <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], high)
            runs[-1][2] += number
        else:
            runs.append([low, high, number])
    return [(lane, low, high, number) for lane, runs in enumerate(placed) for low, high, number in runs]


def _band(lane: int, low: int, high: int, number: int, bins: list[_Bin], unit: str, display: DateDisplay,
          count: Callable[[int], str]) -> str:
    when = _label(bins[low], unit, display) if low == high else \
        f"من {_label(bins[low], unit, display)} إلى {_label(bins[high], unit, display)}"
    label = display.number(number) if (high - low + 1) / len(bins) >= MIN_LABELLED_BAND else ""
    return (f'<i class=band title="{escape(when)}: {escape(count(number))}" '
            f"style=grid-column:{low + 1}/{high + 2};grid-row:{lane + 1}>{label}</i>")


def _axis_labels(bins: list[_Bin], unit: str, display: DateDisplay) -> str:
    """Years under month bins, months under week bins, days under day bins:
    at most twelve labels, each at the bin where its period starts."""
    if unit == "month":
        starts = [(n, display.number(b.start.year)) for n, b in enumerate(bins) if n == 0 or b.start.month == 1]
    elif unit == "week":
        starts = [(n, display.month(b.end.month)) for n, b in enumerate(bins)
                  if n == 0 or b.end.month != bins[n - 1].end.month]
    else:  # days: the day of the month, with the month's name where it starts
        starts = [(n, display.number(b.start.day) + (f" {display.month(b.start.month)}" if n == 0 or b.start.day == 1 else ""))
                  for n, b in enumerate(bins)]
    step = max(1, -(-len(starts) // 12))
    chosen = starts[::step]
    labels = []
    for position, (bin_number, text) in enumerate(chosen):
        until = chosen[position + 1][0] if position + 1 < len(chosen) else len(bins)
        labels.append(f'<span style="grid-column:{bin_number + 1}/{until + 1}">{escape(text)}</span>')
    return "".join(labels)


def _legend(categories: dict[str, Category]) -> Markup:
    items = "".join(f'<li class="label c{n}">{escape(c.label)}</li>' for n, c in enumerate(categories.values()))
    return Markup(f'<ul class="legend labels">{items}<li class="label band-key">تاريخ ممتد أو تقريبي</li></ul>')


def category_style(categories: dict[str, Category]) -> Markup:
    """CSS for the chart's category classes ``c<n>``: a colour legible against
    the chart's background in each scheme and a pattern of its own."""
    light, dark = [], []
    for n, category in enumerate(categories.values()):
        pattern = PATTERNS[n % len(PATTERNS)]
        light.append(f".c{n}{{--c:{legible(category.color, BACKGROUNDS['light'])};--p:{pattern}}}")
        dark.append(f".c{n}{{--c:{legible(category.color, BACKGROUNDS['dark'])}}}")
    fallback = len(categories)
    light.append(f".c{fallback}{{--c:{legible('#777777', BACKGROUNDS['light'])};--p:none}}")
    dark.append(f".c{fallback}{{--c:{legible('#777777', BACKGROUNDS['dark'])}}}")
    return Markup("".join(light) + "@media (prefers-color-scheme:dark){" + "".join(dark) + "}")


def _rgb(colour: str) -> tuple[float, float, float]:
    text = colour.lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    return tuple(int(text[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _luminance(rgb: tuple[float, float, float]) -> float:
    channels = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours."""
    a, b = _luminance(_rgb(first)), _luminance(_rgb(second))
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def legible(colour: str, background: str) -> str:
    """``colour`` as it is when it has 3:1 against ``background``, else mixed
    step by step toward black (light background) or white (dark) until it has."""
    if not colour.startswith("#") or len(colour.lstrip("#")) not in (3, 6):
        colour = "#777777"
    rgb = _rgb(colour)
    toward = 0.0 if _luminance(_rgb(background)) > 0.5 else 1.0
    for step in range(21):
        share = step / 20
        mixed = tuple(c + (toward - c) * share for c in rgb)
        text = "#" + "".join(f"{round(c * 255):02x}" for c in mixed)
        if contrast(text, background) >= MIN_CONTRAST:
            return text
    return "#000000" if toward == 0.0 else "#ffffff"
