"""The density chart (timeline/site/chart.py) on model objects made in the
test: its bin follows the span, bars count only dates inside one bin, ranges
are bands, counts are readable, colours legible in both schemes."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from test_site_helpers import REPO, make_content, make_entry
from timeline.content.model import Category
from timeline.site.arabic import DateDisplay
from timeline.site.chart import BACKGROUNDS, PATTERNS, category_style, choose_bin, contrast, density_chart, legible, nice_ceiling
from timeline.site.pages import build_site_data
from timeline.site.urls import Urls

DEFAULT_COLOURS = ["#1f5fa8", "#b3261e", "#7b3fa0", "#a06000", "#5d4037", "#2e7d32", "#455a64", "#6b6b6b"]


def words(number: int) -> str:
    return {1: "حدث واحد", 2: "حدثان"}.get(number, f"{number} أحداث" if 3 <= number <= 10 else f"{number} حدثًا")


def chart_of(*entries, digits: str = "latin"):
    data = build_site_data(make_content(list(entries)), DateDisplay(digits=digits), Urls())
    return density_chart(data.events, data.content.categories, DateDisplay(digits=digits),
                         lambda key: f"#{key}", words)


def bars_of(body: str) -> list[tuple[str, str, int]]:
    """(href, title, grid column) of each bar, in document order."""
    return [(href, title, int(column)) for href, title, column in
            re.findall(r'<a href="([^"]*)" tabindex=-?\d title="([^"]*)" style=grid-column:(\d+);', str(body))]


def test_the_bin_follows_the_span():
    start = date(2018, 4, 1)
    assert choose_bin(start, start + timedelta(days=61)) == "day"  # 62 days
    assert choose_bin(start, start + timedelta(days=62)) == "week"
    assert choose_bin(start, start + timedelta(days=365)) == "week"
    assert choose_bin(start, start + timedelta(days=900)) == "month"


def test_heading_names_the_bin_that_is_drawn():
    days = chart_of(make_entry("a", "2018-04-01", "أ"), make_entry("b", "2018-04-20", "ب"))
    weeks = chart_of(make_entry("a", "2018-02-01", "أ"), make_entry("b", "2018-05-31", "ب"))
    months = chart_of(make_entry("a", "2011-03-15", "أ"), make_entry("b", "2020-12-01", "ب"))
    assert (days.heading, weeks.heading, months.heading) == (
        "عدد الأحداث في كل يوم", "عدد الأحداث في كل أسبوع", "عدد الأحداث في كل شهر")
    # Weeks start on Saturday: 1 February 2018 was a Thursday, so its week began on 27 January.
    assert bars_of(weeks.body)[0][1] == "أسبوع 27 كانون الثاني/يناير 2018: حدث واحد"


def test_bars_run_right_to_left_and_are_one_tab_stop():
    chart = chart_of(make_entry("x", "2018-04-01", "", categories=("negotiation",)),
                     make_entry("y", "2018-04-03", "", categories=("bombardment",)),
                     make_entry("z", "2018-04-03", "", categories=("negotiation",)))
    bars = bars_of(chart.body)
    assert bars == [("#2018-04-01", "الأحد 1 نيسان/أبريل 2018: حدث واحد", 1),
                    ("#2018-04-03", "الثلاثاء 3 نيسان/أبريل 2018: حدثان", 3)]
    # Column 1 is the inline start of a grid in an RTL page: the right edge.
    assert str(chart.body).count("tabindex=0") == 1 and str(chart.body).count("tabindex=-1") == 1
    # The stack: first category of the configuration lowest (last in a column of the bar).
    third = str(chart.body).split('title="الثلاثاء', 1)[1].split("</a>", 1)[0]
    assert re.findall(r"<i class=c(\d+) style=flex:(\d+)>", third) == [("1", "1"), ("0", "1")]


def test_a_range_is_a_band_over_its_bins_never_fractions_of_bars():
    chart = chart_of(make_entry("week", "2018-04-01", "", end="2018-04-07"),
                     make_entry("near", "2018-04-10", "", approximate=True),
                     make_entry("again", "2018-04-01", "", end="2018-04-07"),
                     make_entry("day", "2018-04-12", ""))
    body = str(chart.body)
    assert [title for _, title, _ in bars_of(body)] == ["الخميس 12 نيسان/أبريل 2018: حدث واحد"]
    bands = re.findall(r'<i class=band title="([^"]*)" style=grid-column:(\d+)/(\d+);grid-row:(\d+)>(\d+)</i>', body)
    assert bands == [("من الأحد 1 نيسان/أبريل 2018 إلى السبت 7 نيسان/أبريل 2018: حدثان", "1", "8", "1", "2"),
                     ("الثلاثاء 10 نيسان/أبريل 2018: حدث واحد", "10", "11", "1", "1")]
    assert "3 أحداث بتاريخ ممتد أو تقريبي" in body


def test_a_month_is_a_bar_in_month_bins_and_a_year_is_only_counted():
    chart = chart_of(make_entry("m", "2015-06", ""), make_entry("d", "2015-06-03", ""),
                     make_entry("far", "2018-01-05", ""), make_entry("y", "2016", ""))
    titles = [title for _, title, _ in bars_of(chart.body)]
    assert titles[0] == "حزيران/يونيو 2015: حدثان"
    assert "لا يظهر في الرسم حدث واحد تاريخها معروف بالسنة فقط" in str(chart.body)


def test_counts_are_on_an_axis_in_the_sites_digits():
    entries = [make_entry(f"e{n}", "2018-04-02", "") for n in range(7)] + [make_entry("b", "2018-04-09", "")]
    latin, arabic = chart_of(*entries), chart_of(*entries, digits="arabic")
    assert nice_ceiling(7) == 8 and nice_ceiling(26) == 30 and nice_ceiling(1) == 1 and nice_ceiling(81) == 100
    assert re.findall(r'class="tick" style="bottom:([\d.]+)%">([^<]+)<', str(latin.body)) == [
        ("0", "0"), ("50", "4"), ("100", "8")]
    assert [t for _, t in re.findall(r'class="tick" style="bottom:([\d.]+)%">([^<]+)<', str(arabic.body))] == ["٠", "٤", "٨"]
    assert '<b aria-hidden="true">7</b>' in str(latin.body)  # few bins: each bar prints its count too


def test_category_colours_have_three_to_one_in_both_schemes_and_a_pattern_each():
    for colour in DEFAULT_COLOURS + ["#ffeb3b", "#222222", "#777"]:
        for background in BACKGROUNDS.values():
            assert contrast(legible(colour, background), background) >= 3.0, (colour, background)
    assert legible("#1f5fa8", BACKGROUNDS["light"]) == "#1f5fa8"  # already legible: unchanged
    categories = {f"k{n}": Category(f"k{n}", f"تصنيف {n}", colour) for n, colour in enumerate(DEFAULT_COLOURS)}
    style = str(category_style(categories))
    light, dark = style.split("@media (prefers-color-scheme:dark)")
    for n, colour in enumerate(DEFAULT_COLOURS):
        shown_light = re.search(rf"\.c{n}\{{--c:(#[0-9a-f]{{6}})", light).group(1)
        shown_dark = re.search(rf"\.c{n}\{{--c:(#[0-9a-f]{{6}})", dark).group(1)
        assert contrast(shown_light, BACKGROUNDS["light"]) >= 3 and contrast(shown_dark, BACKGROUNDS["dark"]) >= 3
    patterns = re.findall(r"--p:([^}]*)\}", light)[:len(DEFAULT_COLOURS)]
    assert len(set(patterns)) == len(DEFAULT_COLOURS) == len(PATTERNS)


def test_chart_backgrounds_are_the_themes_card_colours():
    css = (REPO / "theme" / "assets" / "timeline.css").read_text(encoding="utf-8")
    light_root, dark = css.split("@media (prefers-color-scheme: dark)", 1)
    assert re.search(r"--card:\s*#fff\b", light_root) and BACKGROUNDS["light"] == "#ffffff"
    assert re.search(r"--card:\s*([#0-9a-f]+)", dark).group(1) == BACKGROUNDS["dark"]
    assert ".plot {" in css and "background: var(--card)" in css.split(".plot {", 1)[1].split("}", 1)[0]
