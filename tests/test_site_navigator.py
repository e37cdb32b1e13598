"""The year/month navigator (timeline/site/navigator.py) and where the
renderer points it: month headings, month pages, a list's year pages."""

from __future__ import annotations

import re
from pathlib import Path

from test_site_helpers import make_site_project, write_entry
from timeline.build import build_site
from timeline.site.arabic import DateDisplay
from timeline.site.navigator import month_pager, time_navigator


def words(number: int) -> str:
    return {1: "حدث واحد", 2: "حدثان"}.get(number, f"{number} أحداث")


def test_one_row_per_year_with_twelve_months_and_links_only_where_events_are():
    nav = time_navigator({"2017-12": 3, "2018-02": 1, "2018": 2}, lambda key: f"#m-{key}", DateDisplay(), words,
                         current="2018-02")
    assert [row.year for row in nav.years] == ["2017", "2018"]
    december, february = nav.years[0].months[11], nav.years[1].months[1]
    assert (december.number, december.url, december.title) == ("12", "#m-2017-12", "كانون الأول/ديسمبر: 3 أحداث")
    assert february.current and not december.current
    assert [cell.url for cell in nav.years[1].months if cell.url] == ["#m-2018-02"]
    assert nav.years[1].count == "3 أحداث"  # the year's own events (known to the year only) count in its row
    assert all(len(row.months) == 12 for row in nav.years)


def test_navigator_digits_follow_the_site():
    nav = time_navigator({"2018-04": 1}, lambda key: key, DateDisplay(digits="arabic"), words)
    assert nav.years[0].year == "٢٠١٨" and nav.years[0].months[3].number == "٤"


def test_month_pager_gives_the_neighbours_in_timeline_order():
    keys = ["2018-02", "2018-03", "2018-05"]
    pager = month_pager(keys, "2018-03", lambda key: f"شهر {key}", lambda key: f"months/{key}/")
    assert pager.previous == ("شهر 2018-02", "months/2018-02/") and pager.next == ("شهر 2018-05", "months/2018-05/")
    assert month_pager(keys, "2018-02", str, str).previous is None and month_pager(keys, "2018-05", str, str).next is None


def test_a_list_split_by_year_jumps_to_the_year_page_holding_each_month(tmp_path: Path):
    root = tmp_path / "project"
    config = make_site_project(root, plugin_options="      listing_years_after: 2\n")
    write_entry(root, "old-shelling", """
id: old-shelling
date: 2017-11-20
title: قصف قديم
categories: [bombardment]
places: [douma]
review: verified
sources:
- article: test-2018-04-08
  quote: انتهى اجتماع بين مسؤولين روس ووفد من جيش الإسلام بشأن مدينة دوما.
""")
    build_site(config, tmp_path / "site", strict=True)
    page = (tmp_path / "site" / "places" / "douma" / "index.html").read_text(encoding="utf-8")
    nav = page.split('<nav class="timenav"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'<a href="([^"]*)"', nav)
    # Links go through the site root, as every link of the site does.
    assert links[0] == "../../places/douma/2017/"
    assert "../../places/douma/2017/#m-2017-11" in links and "../../places/douma/2018/#m-2018-04" in links
    year = (tmp_path / "site" / "places" / "douma" / "2018" / "index.html").read_text(encoding="utf-8")
    assert '<details class="timenav-box"><summary>انتقل إلى شهر آخر</summary>' in year  # its events come first
    assert 'href="../../../places/douma/2017/#m-2017-11"' in year
    assert 'href="../../../places/douma/2018/" aria-current="page"' in year
    # A month link is announced by its name, year and count, not by its bare number.
    name = re.search(r'<a href="../../../places/douma/2017/#m-2017-11"[^>]*>(.*?)</a>', year).group(1)
    assert re.sub(r"<[^>]+>", "", name) == "11 2017، تشرين الثاني/نوفمبر: حدث واحد"
    assert '<span class="sr">' in name
