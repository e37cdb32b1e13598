"""Huge single-day pages split (issue 14, item 10): with 10,000 events on one
day, citing one sentence of one article, no page passes 500 KB, and every
event is still listed on exactly one month page."""

from __future__ import annotations

import re
from pathlib import Path

from test_site_helpers import make_content, make_entry
from timeline.site.render import SiteOptions, SiteRenderer

REPO = Path(__file__).resolve().parents[1]
LISTED = re.compile(r'<article\b[^>]*\bdata-event-id="([^"]+)"')


def test_ten_thousand_events_on_one_day_make_no_page_over_500_kb():
    entries = [make_entry(f"e{n:05}", "2018-04-08", f"حدث رقم {n} في دوما بعد قصف عنيف على المدينة") for n in range(10_000)]
    renderer = SiteRenderer(make_content(entries), SiteOptions(theme_dir=REPO / "theme"))
    sizes: dict[str, int] = {}
    listed: list[str] = []
    for path, data in renderer.outputs():
        sizes[path] = len(data)
        if path.startswith("months/"):
            listed += LISTED.findall(data.decode("utf-8"))
    largest = max(sizes, key=sizes.get)
    assert sizes[largest] < 500_000, (largest, sizes[largest])
    assert sorted(listed) == sorted(e.id for e in entries)
    assert "months/2018-04/2/index.html" in sizes
    assert sizes["articles/a1/index.html"] < 100_000
