"""Page data: the validated Content turned once into what the pages show.

Everything is computed in one pass over the published entries and kept in
dicts keyed by id, category, actor, place, outlet, review state, month and
cited sentence, so no page ever loops over all events to find its own
(issue 7: linear growth to 10,000 events). Rendering (``render``) only reads these. Each
event also gets its date heading here (``DateGroup``): an exact day, or a
range or approximate date stated as it is, never filed under its first day.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from timeline.content.model import Category, Citation, Content, Entry, EventDate, GazetteerItem, Outlet
from timeline.site.arabic import DateDisplay, names
from timeline.site.markup import clean_text, is_web_url
from timeline.site.related import related_events
from timeline.site.urls import Urls

LISTING_KINDS: tuple[str, ...] = ("categories", "actors", "places", "outlets")
# Review states get list pages too, so the review filter works without JavaScript;
# rejected entries are never published, so they have none.
REVIEW = "review"
REVIEW_PAGES: tuple[str, ...] = ("verified", "manual", "auto", "disputed")
_WAYBACK_STAMP = re.compile(r"/web/(\d{4})(\d{2})(\d{2})\d{6}")


@dataclass(frozen=True)
class CitationView:
    """One numbered citation as an event page shows it."""

    number: int
    quote: str
    outlet_name: str
    outlet_kind: str
    outlet_url: str | None
    published_text: str
    published_iso: str
    claimant: str | None
    claimant_kind: str
    article_id: str | None
    article_url: str | None  # root-relative, with #s-<n>
    original_url: str | None
    archived_url: str | None
    version_date: str | None


@dataclass(frozen=True)
class EventView:
    """One event as lists and its own page show it."""

    entry: Entry
    url: str
    title: str
    date_text: str
    datetime: str
    categories: tuple[Category, ...]
    attribution: str
    review_label: str
    month_key: str
    day_key: str | None  # only for an exact, single-day date
    group_key: str  # the anchor of its heading in a timeline: d-…, r-… or m-…
    group_heading: str  # that heading's text (the date without the clock time)
    outlets: tuple[str, ...]
    citations: tuple[CitationView, ...] = ()
    counter_citations: tuple[CitationView, ...] = ()
    # Independent sources: who makes the claim (a citation's claimant, else the
    # outlet that published it) and which outlets published it, each counted once.
    claimants: tuple[str, ...] = ()
    outlet_count: int = 0
    time_text: str = ""  # the time as readers see it: "14:30" or a part of the day, "مساءً"

    @property
    def party_count(self) -> int:
        """Distinct parties making the claim (never a count of sentences)."""
        return len(self.claimants)

    @property
    def single_party(self) -> bool:
        return len(self.claimants) == 1

    @property
    def claimants_text(self) -> str:
        return "، ".join(self.claimants)

    @property
    def display_title(self) -> str:
        """The title as lists and pages show it: a claim made by one party only
        carries that party ("الدفاع المدني: …") unless the title names it already."""
        if self.single_party and self.claimants[0] not in self.title:
            return f"{self.claimants[0]}: {self.title}"
        return self.title

    def facet(self, kind: str) -> tuple[str, ...]:
        """The keys of this event for a filter kind (categories, actors, places, outlets)."""
        if kind == "outlets":
            return self.outlets
        return tuple(getattr(self.entry, kind))

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def review(self) -> str:
        return self.entry.review

    @property
    def sources_count(self) -> int:
        return len(self.entry.sources)


@dataclass(frozen=True)
class Listing:
    """A list page: a category, an actor, a place, an outlet or a review state."""

    kind: str
    key: str
    title: str
    subtitle: str
    url: str
    events: tuple[EventView, ...]

    @property
    def name(self) -> str:
        """The title without its kind ("قصف" of "تصنيف: قصف")."""
        return self.title.split(": ", 1)[-1]

    @property
    def link(self) -> ListingLink:
        """What a page that only links here needs: not the events, so that
        page's inputs do not change whenever one of them does (the preview)."""
        return ListingLink(kind=self.kind, key=self.key, title=self.title, url=self.url)


@dataclass(frozen=True)
class ListingLink:
    """A link to a list page: its kind, key, title and URL."""

    kind: str
    key: str
    title: str
    url: str

    @property
    def name(self) -> str:
        return self.title.split(": ", 1)[-1]


@dataclass(frozen=True)
class DateGroup:
    """Events under one date heading in a timeline.

    ``kind`` is ``day`` (an exact day: anchor ``d-YYYY-MM-DD``), ``span``
    (a range or an approximate date, under a heading that states it as it
    is: anchor ``r-…``) or ``undated`` (known to the month or the year only;
    no anchor of its own, the month's ``m-…`` serves)."""

    kind: str
    anchor: str | None
    datetime: str | None
    heading: str
    views: list[EventView]


@dataclass
class SiteData:
    """Every page's data, computed once."""

    content: Content
    display: DateDisplay
    urls: Urls
    events: tuple[EventView, ...] = ()
    by_id: dict[str, EventView] = field(default_factory=dict)
    position: dict[str, int] = field(default_factory=dict)
    months: dict[str, list[EventView]] = field(default_factory=dict)
    listings: dict[str, dict[str, Listing]] = field(default_factory=dict)
    related: Mapping[str, tuple[EventView, ...]] = field(default_factory=dict)  # computed per event when asked
    citing: dict[tuple[str, int], list[tuple[EventView, int]]] = field(default_factory=dict)

    def previous(self, view: EventView) -> EventView | None:
        index = self.position[view.id]
        return self.events[index - 1] if index > 0 else None

    def next(self, view: EventView) -> EventView | None:
        index = self.position[view.id]
        return self.events[index + 1] if index + 1 < len(self.events) else None

    def month_label(self, key: str) -> str:
        if "-" in key:
            year, month = key.split("-")
            return self.display.month_of(int(year), int(month))
        return f"سنة {self.display.number(key)}"


def build_site_data(content: Content, display: DateDisplay, urls: Urls, previous: SiteData | None = None) -> SiteData:
    """Compute views and indexes for all published entries, in sort order.

    With ``previous`` (the live preview's last build, same display and URLs),
    an entry that is the very same object gets its view back instead of a new
    one, provided everything a view reads besides its entry (articles,
    outlets, gazetteer, categories) is the same objects too."""
    data = SiteData(content=content, display=display, urls=urls)
    known = _reusable_views(previous, content)
    views = tuple(known.get(id(entry)) or _event_view(content, display, urls, entry) for entry in content.published_entries)
    data.events = views
    data.by_id = {view.id: view for view in views}
    data.position = {view.id: index for index, view in enumerate(views)}
    for view in views:
        data.months.setdefault(view.month_key, []).append(view)
    data.listings = _listings(content, urls, views)
    data.related = related_events(views)
    data.citing = _citing(views)
    return data


def _reusable_views(previous: SiteData | None, content: Content) -> dict[int, EventView]:
    if previous is None:
        return {}
    before = previous.content
    if any(getattr(before, name) is not getattr(content, name)
           for name in ("articles", "outlets", "actors", "places", "categories")):
        return {}
    # Views hold their entry, so an id() here cannot be a recycled one.
    return {id(view.entry): view for view in previous.events}


def _shared(text: str | None) -> str | None:
    """One string object for every equal value (dates, keys, outlet links repeat across
    tens of thousands of views: a fifth of the page data's memory at 50,000 events)."""
    return sys.intern(text) if text is not None else None


def _event_view(content: Content, display: DateDisplay, urls: Urls, entry: Entry) -> EventView:
    start = entry.date.start
    month_key = start.iso[:7] if start.precision != "year" else start.iso
    day_key, group_key, group_heading = _date_group(display, entry.date, month_key)
    citations = tuple(_citation_view(content, display, urls, c, n) for n, c in enumerate(entry.sources, 1))
    counter = tuple(
        _citation_view(content, display, urls, c, n)
        for n, c in enumerate(entry.counter_sources, len(citations) + 1)
    )
    return EventView(
        entry=entry,
        url=urls.event(entry.id),
        title=display.numerals(clean_text(entry.title)),  # the editor's digits in the site's system
        date_text=_shared(display.event_date(entry.date)),
        datetime=_shared(display.iso_datetime(entry.date)),
        time_text=display.time_of_day(entry.date),
        categories=tuple(content.categories[key] for key in entry.categories if key in content.categories),
        attribution=_shared(attribution(content, entry.sources)),
        review_label=review_label(entry.review),
        month_key=_shared(month_key),
        day_key=_shared(day_key),
        group_key=_shared(group_key),
        group_heading=_shared(group_heading),
        outlets=_event_outlets(content, entry),
        citations=citations,
        counter_citations=counter,
        claimants=claimants(content, entry.sources),
        outlet_count=len({key for key in (citation_outlet(content, c) for c in entry.sources) if key}),
    )


def is_span(when: EventDate) -> bool:
    """A range or an approximate date: shown under its own heading, drawn as a band."""
    return when.approximate or (when.end is not None and when.end != when.start)


def _date_group(display: DateDisplay, when: EventDate, month_key: str) -> tuple[str | None, str, str]:
    """(day key, group anchor, group heading) of an event date.

    A range or an approximate date is never filed under a single day as if it
    happened then: it gets a heading of its own that states the date as it is
    ("من الأحد 1 إلى الأحد 8 نيسان/أبريل 2018 تقريبًا"), placed in the timeline by
    its start, the order of the whole site (JSON, feeds, previous/next)."""
    start = when.start
    if is_span(when):
        anchor = "r-" + start.iso + (f"--{when.end.iso}" if when.end and when.end != when.start else "")
        anchor += "-approx" if when.approximate else ""
        return None, anchor, display.event_date(replace(when, time=None))
    if start.precision == "day":
        return start.iso, f"d-{start.iso}", display.partial(start)
    heading = "خلال الشهر، دون تحديد اليوم" if start.precision == "month" else "خلال السنة، دون تحديد الشهر"
    return None, f"m-{month_key}", heading


def citation_outlet(content: Content, citation: Citation) -> str | None:
    """The key of the outlet that published the cited text."""
    if citation.article and citation.article in content.articles:
        return content.articles[citation.article].outlet
    return citation.outlet


def review_label(state: str) -> str:
    """The review state as an editorial status ("راجعه محرر"), never as proof."""
    words = names()
    return words.get("review_status", {}).get(state) or words["reviews"].get(state, state)


def claimant_kind(content: Content, key: str) -> str:
    """What kind of party a claimant is: its outlet kind (outlets.yml) or actor type (gazetteer)."""
    outlet = content.outlets.get(key)
    if outlet:
        return outlet_kind_label(outlet.kind)
    actor = content.actors.get(key)
    if actor and actor.type:
        words = names()
        return words.get("actor_types", {}).get(actor.type) or words["outlet_kinds"].get(actor.type, "")
    return ""


def claimant_name(content: Content, key: str) -> str:
    """Who makes a claim: an outlet, an actor, or free text as written."""
    item: Outlet | GazetteerItem | None = content.outlets.get(key) or content.actors.get(key)
    return clean_text(item.name_ar if item else key)


def claimants(content: Content, citations: tuple[Citation, ...]) -> tuple[str, ...]:
    """Who makes the claim, each party once, in citation order: a citation's
    claimant, else the outlet that published it."""
    seen: dict[str, None] = {}
    for citation in citations:
        key = citation.attributed_to or citation_outlet(content, citation)
        if key:
            seen.setdefault(claimant_name(content, key), None)
    return tuple(seen)


def attribution(content: Content, citations: tuple[Citation, ...]) -> str:
    """"بحسب سانا، المرصد السوري…": each claimant once, in citation order."""
    seen = claimants(content, citations)
    return "بحسب " + "، ".join(seen) if seen else ""


def _event_outlets(content: Content, entry: Entry) -> tuple[str, ...]:
    keys: dict[str, None] = {}
    for citation in entry.sources:
        outlet = citation_outlet(content, citation)
        if outlet:
            keys.setdefault(outlet, None)
        if citation.attributed_to in content.outlets:
            keys.setdefault(citation.attributed_to, None)
    return tuple(keys)


def outlet_kind_label(kind: str) -> str:
    return names()["outlet_kinds"].get(kind, kind)


def _citation_view(content: Content, display: DateDisplay, urls: Urls, citation: Citation, number: int) -> CitationView:
    article = content.articles.get(citation.article) if citation.article else None
    outlet_key = citation_outlet(content, citation)
    outlet = content.outlets.get(outlet_key) if outlet_key else None
    published: date | None = article.published if article else citation.published
    original = (article.url if article else None) or citation.url
    archived = (article.archived_url if article else None) or citation.archived_url
    claimant = claimant_name(content, citation.attributed_to) if citation.attributed_to else None
    return CitationView(
        number=number,
        quote=clean_text(citation.quote),
        outlet_name=clean_text(outlet.name_ar) if outlet else clean_text(outlet_key or "مصدر غير محدد"),
        outlet_kind=outlet_kind_label(outlet.kind) if outlet else "",
        outlet_url=_shared(urls.listing("outlets", outlet.key)) if outlet else None,
        published_text=_shared(display.day(published)) if published else "تاريخ النشر غير معروف",
        published_iso=_shared(published.isoformat()) if published else "",
        claimant=claimant,
        claimant_kind=claimant_kind(content, citation.attributed_to) if citation.attributed_to else "",
        article_id=article.id if article else None,
        article_url=urls.article(article.id, citation.sentence) if article else None,
        original_url=original if is_web_url(original) else None,
        archived_url=archived if is_web_url(archived) else None,
        version_date=version_date(archived, published),
    )


def version_date(archived: str | None, published: date | None) -> str | None:
    """The archived copy's date: the Wayback timestamp, else the publication date."""
    if not archived:
        return None
    match = _WAYBACK_STAMP.search(archived)
    if match:
        return "-".join(match.groups())
    return published.isoformat() if published else None


def _listings(content: Content, urls: Urls, views: tuple[EventView, ...]) -> dict[str, dict[str, Listing]]:
    members: dict[str, dict[str, list[EventView]]] = {kind: defaultdict(list) for kind in LISTING_KINDS}
    for view in views:
        for key in view.entry.categories:
            members["categories"][key].append(view)
        for key in view.entry.actors:
            members["actors"][key].append(view)
        for key in view.entry.places:
            members["places"][key].append(view)
        for key in view.outlets:
            members["outlets"][key].append(view)
    labels = names()["listing_kinds"]
    result: dict[str, dict[str, Listing]] = {kind: {} for kind in LISTING_KINDS}
    vocabularies: dict[str, dict[str, tuple[str, str]]] = {
        "categories": {k: (c.label, "") for k, c in content.categories.items()},
        "actors": {k: (a.name_ar, a.name_en) for k, a in content.actors.items()},
        "places": {k: (p.name_ar, p.name_en) for k, p in content.places.items()},
        "outlets": {k: (o.name_ar, outlet_kind_label(o.kind)) for k, o in content.outlets.items()},
    }
    for kind in LISTING_KINDS:
        for key in sorted(set(vocabularies[kind]) | set(members[kind])):
            name, subtitle = vocabularies[kind].get(key, (key, ""))
            result[kind][key] = Listing(
                kind=kind, key=key, title=f"{labels[kind]}: {clean_text(name)}", subtitle=clean_text(subtitle),
                url=urls.listing(kind, key), events=tuple(members[kind].get(key, ())),
            )
    reviews = names()["reviews"]
    result[REVIEW] = {
        key: Listing(kind=REVIEW, key=key, title=f"حالة المراجعة: {review_label(key)}", subtitle="",
                     url=urls.listing(REVIEW, key), events=tuple(v for v in views if v.review == key))
        for key in REVIEW_PAGES
    }
    return result


def _citing(views: tuple[EventView, ...]) -> dict[tuple[str, int], list[tuple[EventView, int]]]:
    citing: dict[tuple[str, int], list[tuple[EventView, int]]] = defaultdict(list)
    for view in views:
        sources = view.entry.sources + view.entry.counter_sources
        for number, citation in enumerate(sources, 1):
            if citation.article and citation.sentence:
                citing[(citation.article, citation.sentence)].append((view, number))
    return dict(citing)


def group_by_month_day(views: list[EventView] | tuple[EventView, ...]) -> list[tuple[str, list[DateGroup]]]:
    """[(month_key, [DateGroup])], in the order given (groups by first appearance)."""
    months: dict[str, dict[str, DateGroup]] = {}
    for view in views:
        groups = months.setdefault(view.month_key, {})
        group = groups.get(view.group_key)
        if group is None:
            if view.day_key:
                kind, anchor, when = "day", view.group_key, view.day_key
            elif view.group_key.startswith("r-"):
                kind, anchor, when = "span", view.group_key, view.datetime.split("T")[0]
            else:
                kind, anchor, when = "undated", None, None
            group = groups[view.group_key] = DateGroup(kind, anchor, when, view.group_heading, [])
        group.views.append(view)
    return [(month, list(groups.values())) for month, groups in months.items()]


def group_by_year(views: tuple[EventView, ...]) -> dict[str, tuple[EventView, ...]]:
    """Events by the year they start in, in the order given."""
    years: dict[str, list[EventView]] = {}
    for view in views:
        years.setdefault(view.month_key[:4], []).append(view)
    return {year: tuple(members) for year, members in years.items()}
