"""Corroboration counted honestly (issue 12, item 2-3): counts are of distinct
parties and outlets, never of sentences; a claim made by one party says so and
carries that party in its title; the review state is an editorial status; the
claimant comes first in a citation, with its kind; compact rows keep the
review state, the claimant and the count."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from test_site_helpers import make_content, make_entry
from timeline.content.model import Citation
from timeline.site.arabic import DateDisplay, count_phrase
from timeline.site.pages import build_site_data
from timeline.site.render import SiteOptions, SiteRenderer
from timeline.site.urls import Urls

REPO = Path(__file__).resolve().parents[1]


def cite(quote: str, sentence: int, attributed_to: str | None = None) -> Citation:
    return Citation(quote=quote, article="a1", attributed_to=attributed_to, sentence=sentence, span=(0, 5))


def view_of(entry):
    content = make_content([entry])
    return build_site_data(content, DateDisplay(), Urls()).events[0]


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_three_sentences_of_one_article_are_one_party_and_one_outlet():
    entry = replace(make_entry("e1", "2018-04-08", "اجتماع في دوما"),
                    sources=(cite("جملة أولى.", 1), cite("جملة ثانية", 2), cite("1200 مدني", 2)))
    view = view_of(entry)
    assert (view.party_count, view.outlet_count, view.single_party) == (1, 1, True)
    assert view.display_title == "إيلاف: اجتماع في دوما"


def test_distinct_claimants_are_counted_once_each():
    entry = replace(make_entry("e1", "2018-04-08", "اجتماع"),
                    sources=(cite("جملة أولى.", 1, "sana"), cite("جملة ثانية", 2, "russia"), cite("1200", 2, "sana")))
    view = view_of(entry)
    assert view.claimants == ("سانا", "روسيا") and view.party_count == 2 and view.outlet_count == 1
    assert view.display_title == "اجتماع"  # not a single-party claim


def test_a_title_naming_its_only_party_is_not_prefixed_again():
    entry = replace(make_entry("e1", "2018-04-08", "سانا: اجتماع"), sources=(cite("جملة أولى.", 1, "sana"),))
    assert view_of(entry).display_title == "سانا: اجتماع"


def test_count_words_agree_with_the_number():
    assert [count_phrase(n, "party") for n in (1, 2, 3, 10, 11, 103)] == [
        "طرف واحد", "طرفان", "3 أطراف", "10 أطراف", "11 طرفًا", "103 أطراف"]
    assert [count_phrase(n, "outlet") for n in (1, 2, 5, 12)] == [
        "وسيلة نشر واحدة", "وسيلتا نشر", "5 وسائل نشر", "12 وسيلة نشر"]


def render_pages(entries, **options):
    content = make_content(entries)
    renderer = SiteRenderer(content, SiteOptions(theme_dir=REPO / "theme", **options))
    return renderer, dict(renderer.outputs())


def test_cards_event_pages_and_rows_show_parties_not_sentences_and_status_not_proof():
    single = replace(make_entry("e1", "2018-04-08", "قصف على دوما", review="auto"),
                     sources=(cite("جملة أولى.", 1, "sana"), cite("جملة ثانية", 2, "sana")))
    many = [make_entry(f"m{n:03}", "2018-04-09", f"حدث {n}") for n in range(3)]
    renderer, pages = render_pages([single, *many], month_pages_after=1)
    event = text_of(pages["events/e1/index.html"].decode())
    assert "رواية طرف واحد : سانا" in event or "رواية طرف واحد: سانا" in event
    assert "مصدران" not in event and "مصادر" not in event.split("المصادر")[0]
    assert "مسودة آلية لم يراجعها محرر" in event and "لا دليل على صحة الخبر" in event
    head = re.search(r'<p class="cite-head">(.*?)</p>', pages["events/e1/index.html"].decode(), re.S).group(1)
    assert text_of(head).strip().startswith("سانا (إعلام رسمي)، نقلًا عن إيلاف")
    # A month page above month_pages_after shows compact rows: state, party, count kept.
    month = pages["months/2018-04/index.html"].decode()
    row = re.search(r'<article class="row" data-event-id="e1".*?</article>', month, re.S).group(0)
    assert "review-auto" in row and "مسودة آلية" in row and "رواية طرف واحد: سانا" in row
    assert "سانا: قصف على دوما" in row and "وسيلة نشر واحدة" in row
