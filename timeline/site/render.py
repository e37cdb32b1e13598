"""Rendering: page data and ``theme/timeline/*.html`` into the site's files.

This is the core of the site stage and does not import MkDocs: the plugin
hands it the Content, the options and the two Markdown pages MkDocs
converted (index and about), and writes what :meth:`SiteRenderer.outputs`
yields. Jinja2 runs with autoescape on and ``StrictUndefined``.

What many pages share is rendered once and reused: an event's card or row
(``event_cards()``, once per event, with a placeholder for the page's root),
the site header and footer (``shared()``, once per page depth and kind),
and the templates themselves (looked up once; no reload checks).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator
from urllib.parse import urlparse

import jinja2
from markupsafe import Markup

from timeline.clock import now
from timeline.content.model import Content
from timeline.site import exports, search
from timeline.site.arabic import DateDisplay, counted_nouns, names
from timeline.site.cache import RenderCache
from timeline.site.chart import Chart, density_chart
from timeline.site.markup import MarkdownRenderer, bdi, clean_text, is_web_url, isolate_latin, json_for_script
from timeline.site.navigator import Navigator, month_pager, time_navigator
from timeline.site.pages import (
    LISTING_KINDS, REVIEW, REVIEW_PAGES, EventView, Listing, SiteData, build_site_data, group_by_month_day, group_by_year,
    version_date,
)
from timeline.site.text import article_paragraphs
from timeline.site.urls import Urls

ASSET_DIR = "assets"
# Stands for a page's relative root in cached cards. Markup, so the href
# filter writes it raw: text on a card is escaped, so "<" from text can never
# form the mark, and replacing it cannot touch anything but links.
_ROOT_MARK = Markup("<\x00root>")
_ROOT_MARK_TEXT = str(_ROOT_MARK)


@dataclass(frozen=True)
class SiteOptions:
    """What the renderer needs to know about the site (from mkdocs.yml)."""

    theme_dir: Path
    site_name: str = "الخط الزمني"
    site_description: str = ""
    site_author: str = ""
    site_url: str | None = None
    directory_urls: bool = True
    offline: bool = False
    month_names: str = "both"
    digits: str = "latin"
    site_id: str = "douma-timeline"
    feed_limit: int = 50
    month_pages_after: int = 150
    listing_years_after: int = 300
    extra: dict[str, Any] = field(default_factory=dict)


class SiteRenderer:
    """Renders every timeline page and export from one computed SiteData."""

    def __init__(self, content: Content, options: SiteOptions, cache: RenderCache | None = None,
                 previous: SiteData | None = None) -> None:
        """``cache`` (kept by the live preview) skips pages whose inputs did not
        change; ``previous`` is the last build's page data, whose event views
        are reused for entries that did not change (the same Entry object)."""
        self.display = DateDisplay(options.month_names, options.digits)
        # One numeral system across the site: the site's name and description
        # in mkdocs.yml ("دوما ٢٠١٨") are shown in the configured digits too.
        options = replace(options, site_name=self.display.numerals(options.site_name),
                          site_description=self.display.numerals(options.site_description))
        self.content = content
        self.options = options
        self.cache = cache
        self.urls = Urls(directory_urls=options.directory_urls and not options.offline)
        self.data: SiteData = build_site_data(content, self.display, self.urls, previous)
        self._markdown = MarkdownRenderer()
        if cache is not None and cache.env is not None:
            self.env = cache.env
        else:
            self.env = _environment(options.theme_dir)
            if cache is not None:
                cache.env = self.env
        self.env.filters["count"] = self.display.count
        self.env.globals["absolute"] = lambda url: exports.absolute(options.site_url, url)
        self.accessed = access_date(self.display, now().date())
        self.env.globals["event_cards"] = self._event_cards
        self.env.globals["shared"] = self._shared
        self._shared_parts: dict[tuple[str, str, str, bool], Markup] = {}
        self.month_pages = len(self.data.events) > options.month_pages_after
        self.pages: list[str] = []  # URLs of every HTML page written, for the sitemap
        # An event's card (or compact row) is the same on every list page but
        # for the page's root: rendered once per (event, compact) with a mark
        # where the root goes, which each page replaces.
        self._cards: dict[tuple[str, bool], str] = {}
        self._macros: Any = None
        self._templates: dict[str, jinja2.Template] = {}
        self._search: search.SearchIndex | None = None
        self._search_exported = False
        # The live preview's bookkeeping (see outputs): unit -> [(file, page URL, template)].
        self.units: dict[tuple[str, ...], list[tuple[str, str | None, str | None]]] = {}
        self._only: set[tuple[str, ...]] | None = None
        self._before: dict[tuple[str, ...], list[tuple[str, str | None, str | None]]] = {}
        self._last_page: tuple[str, str] | None = None
        self._share: tuple[int, int] | None = None
        self._unit_number = -1
        self._month_split: dict[str, list[tuple[str, tuple[EventView, ...]]]] | None = None
        self._part_of: dict[str, str] = {}

    # -- pages converted by MkDocs ---------------------------------------------------------

    def render_index(self, intro_html: str) -> str:
        """The home page: intro (from index.md, folded), search and filters, chart, navigator, timeline."""
        url = self.urls.index()
        data = self.data
        return self._render("index.html", url, title=self.options.site_name,
                            intro=Markup(self.display.numerals_in_html(intro_html)),
                            chart=self._chart(),
                            groups=[] if self.month_pages else group_by_month_day(data.events),
                            navigator=self._navigator({k: len(v) for k, v in data.months.items()}, self._month_link),
                            filters=self._filters(), kind="index",
                            search_meta=Markup(json_for_script(self.search_index().meta)))

    def _chart(self) -> Chart | None:
        return density_chart(self.data.events, self.content.categories, self.display, self._day_link,
                             lambda number: self.display.count(number, "event"))

    def _navigator(self, month_counts: dict[str, int], month_url: Any, *, year_url: Any = lambda year: None,
                   current: str | None = None) -> Navigator:
        """The year/month grid of a timeline page (none for a single month)."""
        if len(month_counts) < 2 and current is None:
            return Navigator(())
        return time_navigator(month_counts, month_url, self.display,
                              lambda number: self.display.count(number, "event"),
                              year_url=year_url, current=current)

    def _month_link(self, key: str) -> str:
        """A month in the site's timeline: its month page, or its heading on the index."""
        return self.urls.month(key) if self.month_pages else f"#m-{key}"

    def render_document(self, url: str, title: str, body_html: str) -> str:
        """A plain Markdown page (about, or any other page in the nav)."""
        return self._render("page.html", url, title=self.display.numerals(clean_text(title)),
                            body=Markup(self.display.numerals_in_html(body_html)), kind="page")

    # -- pages the timeline generates --------------------------------------------------------

    def outputs(self, only: set[tuple[str, ...]] | None = None,
                before: dict[tuple[str, ...], list[tuple[str, str | None, str | None]]] | None = None,
                share: tuple[int, int] | None = None) -> Iterator[tuple[str, bytes | None]]:
        """Every generated page and asset: (path relative to the site root, bytes).

        The data exports come from :meth:`exports`. The pages come in units
        (an event's page, an article's, a list's pages, a category feed, a
        month's pages: see :attr:`units`). The live preview passes ``only``,
        the units whose inputs may have changed, and ``before``, the files of
        every unit at the last build: any other unit is not computed at all,
        its files are yielded with bytes None (unchanged, already on disk).
        ``share`` (k, n): only every n-th unit from the k-th, and the 404
        page and assets in share 0 (``timeline.site.parallel``)."""
        self._only, self._before = only, before or {}
        self._share, self._unit_number = share, -1
        data = self.data
        for view in data.events:
            yield from self._unit(("event", view.id), lambda view=view: (self.event_page(view),))
        for article in self.content.articles.values():
            yield from self._unit(("article", article.id), lambda article=article: (self._article_page(article.id),))
        for kind in (*LISTING_KINDS, REVIEW):
            for listing in data.listings[kind].values():
                yield from self._unit(("listing", kind, listing.key), lambda listing=listing: self._listing_pages(listing))
        for listing in data.listings["categories"].values():
            yield from self._unit(("feed", listing.key), lambda listing=listing: (
                (self.urls.listing_feed("categories", listing.key), self._listing_feed(listing)),))
        if self.month_pages:
            for key in data.months:
                yield from self._unit(("month", key), lambda key=key: self._month_pages(key))
        if share is not None and share[0] != 0:
            return
        yield "404.html", self._render("404.html", "404.html", title="الصفحة غير موجودة", kind="404",
                                       root_override=self._root_for_404()).encode("utf-8")
        yield from self._assets()

    def _unit(self, key: tuple[str, ...], make: Callable[[], Iterable[tuple[str, bytes | None]]],
              ) -> Iterator[tuple[str, bytes | None]]:
        """The files of one unit of pages, made, or known unchanged (see :meth:`outputs`)."""
        self._unit_number += 1
        if self._share is not None and self._unit_number % self._share[1] != self._share[0]:
            return
        known = self._before.get(key)
        if self._only is not None and key not in self._only and known is not None:
            for path, url, template in known:
                if url is not None:
                    self.pages.append(url)
                    if self.cache is not None:
                        self.cache.keep(template, url)
                yield path, None
            self.units[key] = known
            return
        files: list[tuple[str, str | None, str | None]] = []
        self._last_page = None
        for path, data in make():
            page = self._last_page
            self._last_page = None
            files.append((path, *(page or (None, None))))
            yield path, data
        if self.cache is not None:  # only the live preview needs them
            self.units[key] = files

    def _month_pages(self, key: str) -> Iterator[tuple[str, bytes | None]]:
        views = self.data.months[key]
        pieces = self._month_parts()[key]
        for number, (url, members) in enumerate(pieces, 1):
            yield self._render_page(
                "listing.html", url, title=self.data.month_label(key), subtitle="", parent=None, feed=None,
                groups=group_by_month_day(members), count=len(views), years=(),
                compact=len(views) > self.options.month_pages_after, kind="month",
                parts=self._part_links(pieces, number), navigator=self._site_navigator(key),
                pager=month_pager(list(self.data.months), key, self.data.month_label, self.urls.month))

    def _listing_pages(self, listing: Listing) -> Iterator[tuple[str, bytes]]:
        """A list page; above ``listing_years_after`` events, a page of years
        with counts linking one page per year, so no page grows without bound.
        Like any list above ``month_pages_after`` events, year pages show
        compact rows."""
        views, threshold = listing.events, self.options.listing_years_after
        feed = self.urls.listing_feed("categories", listing.key) if listing.kind == "categories" else None
        common = dict(subtitle=listing.subtitle, feed=feed, kind="listing")
        month_counts = _month_counts(views)
        if len(views) <= threshold:
            yield self._render_page(
                "listing.html", listing.url, title=listing.title, parent=None, groups=group_by_month_day(views),
                count=len(views), years=(), compact=len(views) > self.options.month_pages_after,
                navigator=self._navigator(month_counts, lambda key: f"#m-{key}"), **common)
            return
        years = group_by_year(views)
        links = [(self.display.number(year), len(members), self.urls.listing(listing.kind, listing.key, year))
                 for year, members in years.items()]
        pieces_of = {year: split_pages(f"{listing.kind}/{listing.key}/{year}", members, self.urls)
                     for year, members in years.items()}
        month_page = {view.month_key: url for pieces in pieces_of.values() for url, part in reversed(pieces)
                      for view in part}
        # reversed: a month split over two parts links to the first part that holds it

        def year_url(year: str) -> str:
            return self.urls.listing(listing.kind, listing.key, year)

        yield self._render_page(
            "listing.html", listing.url, title=listing.title, parent=None, groups=[], count=len(views),
            years=links, compact=False, navigator=self._navigator(
                month_counts, lambda key: f"{month_page[key]}#m-{key}", year_url=year_url), **common)
        for year, members in years.items():
            pieces = pieces_of[year]
            for number, (url, part) in enumerate(pieces, 1):
                yield self._render_page(
                    "listing.html", url, title=f"{listing.title} — {self.display.number(year)}", parent=listing.link,
                    groups=group_by_month_day(part), count=len(members), years=(),
                    compact=len(views) > self.options.month_pages_after, parts=self._part_links(pieces, number),
                    navigator=self._navigator(month_counts, lambda key: f"{month_page[key]}#m-{key}",
                                              year_url=year_url, current=year),
                    **common)

    def _listing_feed(self, listing: Listing) -> bytes:
        options = self.options
        return exports.atom_feed(
            self.data, listing.events, site_id=options.site_id, title=f"{listing.title} — {options.site_name}",
            author=options.site_author or options.site_name, site_url=options.site_url, limit=options.feed_limit,
            path=self.urls.listing_feed(listing.kind, listing.key), page=listing.url,
            feed_key=f"{listing.kind}/{listing.key}").encode("utf-8")

    @jinja2.pass_context
    def _event_cards(self, context: jinja2.runtime.Context, views: list[EventView], compact: bool = False) -> Markup:
        """The ``card`` (or ``row``) macro of macros.html for each of ``views``.

        Each is rendered once, with a placeholder where the page's relative
        root goes (its links all start from the root), then reused on every
        list page with the root put in; one call per date heading."""
        root = context["root"]
        return Markup("".join([self._card(view, root, compact) for view in views]))

    def _card(self, view: EventView, root: str, compact: bool) -> str:
        key = (view.id, compact)
        template = self._cards.get(key)
        if template is None:
            if self._macros is None:
                self._macros = self.env.get_template("timeline/macros.html").make_module(
                    self._context("", root=_ROOT_MARK))
            template = self._cards[key] = str(self._macros.row(view) if compact else self._macros.card(view))
        return template.replace(_ROOT_MARK_TEXT, root)

    @jinja2.pass_context
    def _shared(self, context: jinja2.runtime.Context, name: str) -> Markup:
        """``timeline/<name>.html`` (the site header, the footer), rendered once
        per page depth and kind instead of once per page: these parts may use
        ``root``, ``kind``, ``page_url`` (only to tell the about page), ``site``
        and ``urls``, nothing of the page itself."""
        root, kind, about = context["root"], context["kind"], context["page_url"] == self.urls.about()
        key = (name, root, kind, about)
        html = self._shared_parts.get(key)
        if html is None:
            template = self.env.get_template(f"timeline/{name}.html")
            # page_url is the about page's or "", so a part cannot depend on more than the key.
            rendered = template.render(site=self.options, urls=self.urls, root=root, kind=kind,
                                       page_url=self.urls.about() if about else "")
            html = self._shared_parts[key] = Markup(rendered[:-1] if rendered.endswith("\n") else rendered)
        return html

    def _page(self, url: str, html: str) -> tuple[str, bytes]:
        self.pages.append(url)
        return Urls.file_for(url), html.encode("utf-8")

    def _render_page(self, template: str, url: str, **arguments: Any) -> tuple[str, bytes | None]:
        """(file, bytes) of a page; bytes None when the cache knows the page is
        unchanged since the last build (its arguments are equal)."""
        self._last_page = (url, template)
        if self.cache is not None and self.cache.unchanged(template, url, arguments):
            self.pages.append(url)
            return Urls.file_for(url), None
        try:
            return self._page(url, self._render(template, url, **arguments))
        except BaseException:
            if self.cache is not None:
                self.cache.forget(template, url)
            raise

    def markdown(self, text: str) -> str:
        """An entry's or a page's Markdown as safe HTML (converted once per text
        in the preview), its numbers in the site's digits."""
        html = self.cache.markdown(text, self._markdown) if self.cache is not None else self._markdown(text)
        # Still safe HTML: only digits in text between tags change.
        return Markup(self.display.numerals_in_html(html))

    def event_page(self, view: EventView) -> tuple[str, bytes | None]:
        """An event's own page (the preview renders the edited ones first)."""
        entry = view.entry
        data = self.data
        return self._render_page(
            "event.html", view.url, title=view.title, view=view, kind="event",
            body=self.markdown(entry.body),
            actors=[data.listings["actors"][k].link for k in entry.actors if k in data.listings["actors"]],
            places=[data.listings["places"][k].link for k in entry.places if k in data.listings["places"]],
            related=data.related.get(view.id, ()), previous=data.previous(view), next=data.next(view),
            jsonld=Markup(json_for_script(self._event_jsonld(view))),
            permalink=exports.absolute(self.options.site_url, view.url), back=self._timeline_link(view),
            absolute_url=exports.absolute(self.options.site_url, view.url) if self.options.site_url else None,
            accessed=self.accessed,
        )

    def _article_page(self, article_id: str) -> tuple[str, bytes | None]:
        article = self.content.articles[article_id]
        outlet = self.content.outlets.get(article.outlet)
        url = self.urls.article(article.id)
        headline = clean_text(article.title or "")  # the outlet's own headline, verbatim
        outlet_name = clean_text(outlet.name_ar) if outlet else article.outlet
        title = headline or f"نص من {outlet_name}، {self.display.day(article.published, weekday=False)}"
        original = article.url if is_web_url(article.url) else None
        archived = article.archived_url if is_web_url(article.archived_url) else None
        citing = self._citing_of(article_id)
        if self.cache is not None:
            paragraphs = self.cache.value("paragraphs", article_id, (article.text, citing),
                                          lambda: article_paragraphs(article.text, citing))
        else:
            paragraphs = article_paragraphs(article.text, citing)
        return self._render_page(
            "article.html", url, title=title, article=article, outlet=outlet, kind="article",
            outlet_listing=listing.link if (listing := self.data.listings["outlets"].get(article.outlet)) else None,
            published_text=self.display.day(article.published), paragraphs=paragraphs, backrefs=BACKREFS,
            headline=headline, original_url=original, archived_url=archived,
            version_date=version_date(archived, article.published),
            sentence_count=sum(1 for paragraph in paragraphs for segment in paragraph if segment.sentence),
        )

    def _citing_of(self, article_id: str) -> dict[int, list[tuple[EventView, int]]]:
        if not hasattr(self, "_citing_by_article"):
            grouped: dict[str, dict[int, list[tuple[EventView, int]]]] = {}
            for (aid, number), refs in self.data.citing.items():
                grouped.setdefault(aid, {})[number] = refs
            self._citing_by_article = grouped
        return self._citing_by_article.get(article_id, {})

    # -- exports ---------------------------------------------------------------------------

    def exports(self) -> Iterator[tuple[str, bytes]]:
        """timeline.json, timeline.csv, feed.xml and the search index."""
        for path, chunks in self.export_chunks():
            yield path, b"".join(chunks)

    def export_chunks(self) -> Iterator[tuple[str, Iterable[bytes]]]:
        """:meth:`exports` as pieces of bytes, so a build writes the largest
        export (timeline.json) without holding it whole. With the preview's
        cache, each event's JSON object and CSV line is made once per version
        of its view."""
        options, data = self.options, self.data
        site_url = options.site_url
        record = self._per_event("json", lambda view: exports.event_json(data, view, site_url))
        yield "timeline.json", (chunk.encode("utf-8") for chunk in exports.timeline_json_chunks(
            data, site_id=options.site_id, title=options.site_name, site_url=site_url, record=record))
        yield "timeline.csv", exports.timeline_csv_chunks(
            data, site_url=site_url, row=self._per_event("csv", lambda view: exports.csv_row(view, site_url)))
        yield "feed.xml", (exports.atom_feed(
            data, data.events, site_id=options.site_id, title=options.site_name,
            author=options.site_author or options.site_name, site_url=site_url,
            limit=options.feed_limit).encode("utf-8"),)
        if self._search_exported:  # asked again: the part files were let go
            self._search = None
        files = self.search_index().files
        self._search_exported = True
        for path in list(files):  # each part let go once written (the index page needs only the metadata)
            yield path, (files.pop(path).encode("utf-8"),)

    def _per_event(self, name: str, compute: Callable[[EventView], Any]) -> Callable[[EventView], Any]:
        """``compute``, or with the preview's cache its last result for the same view."""
        if self.cache is None:
            return compute
        return lambda view: self.cache.per_event(name, view, compute)

    def search_index(self) -> search.SearchIndex:
        """The search metadata (embedded in the index page) and its part files, built once."""
        if self._search is None:
            reviews = {key: listing.name for key, listing in self.data.listings[REVIEW].items()}
            self._search = search.build_index(
                self.content, self.data.events, event_url=self.urls.event("{id}"), digits=self.options.digits,
                review_labels={**names()["reviews"], **reviews},
                counted={noun: counted_nouns()[noun] for noun in ("result", "party", "outlet", "event")},
                per_event=self._per_event, previous=self.cache.search if self.cache is not None else None,
                keep_state=self.cache is not None)
            if self.cache is not None:  # the preview's next update starts from it
                self.cache.search = self._search.state
                self._search.state = None
        return self._search

    def sitemap(self, extra_urls: list[str]) -> bytes | None:
        """Every page written (call after :meth:`outputs`), plus MkDocs' own
        pages; None without ``site_url`` (a sitemap holds absolute URLs only)
        or offline (a snapshot is not crawled)."""
        if not self.options.site_url or self.options.offline:
            return None
        urls = sorted(set(self.pages) | set(extra_urls))
        return exports.sitemap(urls, site_url=self.options.site_url).encode("utf-8")

    def notes(self) -> list[str]:
        """What the user should know about this build, one line each."""
        if self.options.site_url or self.options.offline:
            return []
        return [exports.RELATIVE_LINKS_NOTE]

    def _assets(self) -> Iterator[tuple[str, bytes]]:
        folder = self.options.theme_dir / ASSET_DIR
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                yield path.relative_to(self.options.theme_dir).as_posix(), path.read_bytes()

    # -- helpers -------------------------------------------------------------------------------

    def _render(self, template: str, url: str, *, title: str, kind: str, root_override: str | None = None, **context: Any) -> str:
        root = Urls.root_of(url) if root_override is None else root_override
        template_object = self._templates.get(template)
        if template_object is None:
            template_object = self._templates[template] = self.env.get_template(f"timeline/{template}")
        return template_object.render(self._context(url, root=root, title=title, kind=kind, **context))

    def _context(self, url: str, *, root: str, **context: Any) -> dict[str, Any]:
        """What every template sees."""
        return dict(
            site=self.options, urls=self.urls, data=self.data, display=self.display, names=names(),
            page_url=url, root=root, offline=self.options.offline,
            canonical=exports.absolute(self.options.site_url, url) if self.options.site_url else None,
            **context,
        )

    def _month_parts(self) -> dict[str, list[tuple[str, tuple[EventView, ...]]]]:
        """Each month page, split in parts of PAGE_EVENTS events so no page grows
        without bound (10,000 events on one day): the first part at the month's
        URL, the others at ``months/<key>/<n>/``."""
        if self._month_split is None:
            self._month_split, self._part_of = {}, {}
            for key, views in self.data.months.items():
                pieces = split_pages(f"months/{key}", tuple(views), self.urls)
                self._month_split[key] = pieces
                for url, members in pieces:
                    for view in members:
                        self._part_of[view.id] = url
        return self._month_split

    def _site_navigator(self, current: str) -> Navigator:
        """The navigator of a month page: every month of the site, this one marked."""
        return self._navigator({k: len(v) for k, v in self.data.months.items()}, self.urls.month,
                               current=current)

    def _part_links(self, pieces: list[tuple[str, tuple[EventView, ...]]], current: int) -> list[tuple[str, str, bool]]:
        if len(pieces) < 2:
            return []
        return [(self.display.number(n), url, n == current) for n, (url, _) in enumerate(pieces, 1)]

    def _day_link(self, bucket: str) -> str:
        if len(bucket) == 7:
            return self.urls.month(bucket) if self.month_pages else f"#m-{bucket}"
        return f"{self.urls.month(bucket[:7])}#d-{bucket}" if self.month_pages else f"#d-{bucket}"

    def _timeline_link(self, view: EventView) -> str:
        """Where the event sits in the timeline, relative to its page: its date
        heading on the index or month page (a root-relative "#…" would read as
        an anchor on the event page itself)."""
        page = (self._month_parts() and self._part_of[view.id]) if self.month_pages else self.urls.index()
        return Urls.relative(view.url, page) + f"#{view.group_key}"

    def _root_for_404(self) -> str:
        """The 404 page is served at any depth (``/a/b/c/missing``), so its
        links and styles start from the site's path: ``site_url``'s, else the
        server's root (MkDocs' convention); offline it is opened as the file
        at the root of the snapshot."""
        if self.options.offline:
            return ""
        path = urlparse(self.options.site_url).path if self.options.site_url else "/"
        path = path or "/"
        return path if path.endswith("/") else path + "/"

    def _filters(self) -> list[dict[str, Any]]:
        """Filter choices on the index: only keys that some event has."""
        labels = {"categories": "التصنيف", "actors": "الطرف", "places": "المكان", "outlets": "المصدر"}
        filters = []
        for kind in LISTING_KINDS:
            options = [(l.key, l.name, len(l.events), l.url)
                       for l in self.data.listings[kind].values() if l.events]
            filters.append({"kind": kind, "label": labels[kind], "options": options})
        reviews = self.data.listings[REVIEW]
        filters.append({"kind": "review", "label": "حالة المراجعة", "options": [
            (key, reviews[key].name, len(reviews[key].events), reviews[key].url)
            for key in REVIEW_PAGES if key in reviews and reviews[key].events]})
        return filters

    def _event_jsonld(self, view: EventView) -> dict[str, Any]:
        entry = view.entry
        places = [self.content.places[k] for k in entry.places if k in self.content.places]
        document: dict[str, Any] = {
            "@context": "https://schema.org", "@type": "Event", "name": view.title,
            "startDate": entry.date.start.iso, "description": f"{view.date_text}. {view.attribution}",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        }
        if entry.date.end:
            document["endDate"] = entry.date.end.iso
        if places:
            document["location"] = [{"@type": "Place", "name": clean_text(p.name_ar), "alternateName": p.name_en} for p in places]
        if self.options.site_url:
            document["url"] = exports.absolute(self.options.site_url, view.url)
        return document


def access_date(display: DateDisplay, day: date) -> dict[str, str]:
    """The citation's access date as built (the one clock, so SOURCE_DATE_EPOCH
    pins it), with the month names timeline.js needs to put the reader's own
    day in its place: "2 كانون الأول/ديسمبر 2026"."""
    return {"iso": day.isoformat(), "text": display.day(day, weekday=False),
            "months": "|".join(display.month(month) for month in range(1, 13))}


def _environment(theme_dir: Path) -> jinja2.Environment:
    # auto_reload off: a build renders thousands of pages from templates that
    # cannot change during it (``serve`` makes a new renderer for every build).
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(theme_dir)), autoescape=True, auto_reload=False,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters.update(href=_href, bdi=bdi, latin=isolate_latin, clean=clean_text)
    return env


@jinja2.pass_context
def _href(context: jinja2.runtime.Context, url: str) -> str:
    """A link from the page being rendered to a root-relative URL."""
    if url.startswith("#"):
        return url
    root = context["root"]
    if isinstance(root, Markup):  # _ROOT_MARK, while a card is rendered for the cache
        return root + url
    link = root + url
    return link if link and not link.startswith("#") else "./" + link


PAGE_EVENTS = 500  # events on one page of a month or list at most (compact rows: under ~400 KB)
BACKREFS = 20  # links back from one sentence of an article to the events citing it, at most


def _month_counts(views: tuple[EventView, ...]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for view in views:
        counts[view.month_key] = counts.get(view.month_key, 0) + 1
    return counts


def split_pages(path: str, views: tuple[EventView, ...], urls: Urls) -> list[tuple[str, tuple[EventView, ...]]]:
    """[(url, events)]: the first PAGE_EVENTS at ``path``, the next at ``path/2``, …"""
    pieces = [views[start:start + PAGE_EVENTS] for start in range(0, max(len(views), 1), PAGE_EVENTS)]
    return [(urls.page(path if n == 1 else f"{path}/{n}"), piece) for n, piece in enumerate(pieces, 1)]
