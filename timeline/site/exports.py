"""Data exports: ``timeline.json``, ``timeline.csv``, the Atom ``feed.xml`` and ``sitemap.xml``.

All of them are deterministic: events in timeline order, JSON with sorted
keys, dates taken from the content (never from the clock), so two builds
of the same content are byte-identical. The JSON schema is documented in
``docs/site.md``; change it only with its ``schema`` version.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Callable, Iterable, Iterator, Sequence
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from timeline.site.markup import clean_text, xml_text
from timeline.site.pages import CitationView, EventView, SiteData

JSON_SCHEMA = "douma-timeline/1"
CSV_COLUMNS = (
    "id", "date", "end", "precision", "approximate", "time", "display_date", "title",
    "categories", "actors", "places", "review", "sources", "outlets", "attribution", "first_quote", "url",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


RELATIVE_LINKS_NOTE = ("site_url is not set in mkdocs.yml: permalinks, citations, the feed and the exports "
                       "link relative to the site, the 404 page assumes the server's root, and no sitemap.xml is written")


def absolute(site_url: str | None, url: str) -> str:
    """An absolute URL when the site's address is known, else the root-relative one."""
    return site_url.rstrip("/") + "/" + url if site_url else url


def timeline_json(data: SiteData, *, site_id: str, title: str, site_url: str | None) -> str:
    """Every published event with its sources: the documented open-data export."""
    return "".join(timeline_json_chunks(data, site_id=site_id, title=title, site_url=site_url))


_EVENTS_SLOT = "\x00events\x00"  # stands for the events list; json escapes it, so it cannot occur otherwise


def timeline_json_chunks(data: SiteData, *, site_id: str, title: str, site_url: str | None,
                         record: Callable[[EventView], str] | None = None) -> Iterator[str]:
    """:func:`timeline_json` in pieces, one per event, so the whole document is
    never one string (71 MB at 50,000 events). The text is exactly
    ``json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1)``:
    each event is dumped on its own and indented to its depth in the document
    (JSON text has no raw newline but its indentation). ``record`` is
    :func:`event_json` or a cache of it (the live preview's)."""
    content = data.content
    document = {
        "schema": JSON_SCHEMA,
        "site_id": site_id,
        "title": clean_text(title),
        "categories": {k: {"label": c.label, "color": c.color} for k, c in content.categories.items()},
        "events": _EVENTS_SLOT,
    }
    head, tail = json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1).split(
        json.dumps(_EVENTS_SLOT), 1)
    record = record or (lambda view: event_json(data, view, site_url))
    if not data.events:
        yield head + "[]" + tail + "\n"
        return
    yield head + "["
    for number, view in enumerate(data.events):
        yield ("\n  " if number == 0 else ",\n  ") + record(view)
    yield "\n ]" + tail + "\n"


def event_json(data: SiteData, view: EventView, site_url: str | None) -> str:
    """One event of ``timeline.json`` as it appears there, at its depth (two levels in)."""
    text = json.dumps(_event_record(data, view, site_url), ensure_ascii=False, sort_keys=True, indent=1)
    return text.replace("\n", "\n  ")


def _event_record(data: SiteData, view: EventView, site_url: str | None) -> dict[str, Any]:
    entry = view.entry
    return {
        "id": entry.id,
        "title": clean_text(entry.title),  # as the editor wrote it (pages show it in the site's digits)
        "date": entry.date.start.iso,
        "end": entry.date.end.iso if entry.date.end else None,
        "precision": entry.date.precision,
        "approximate": entry.date.approximate,
        "time": entry.date.time,
        "display_date": view.date_text,
        "categories": list(entry.categories),
        "actors": list(entry.actors),
        "places": list(entry.places),
        "outlets": list(view.outlets),
        "review": entry.review,
        "attribution": view.attribution,
        "url": absolute(site_url, view.url),
        "sources": [_citation_record(c, site_url) for c in view.citations],
        "counter_sources": [_citation_record(c, site_url) for c in view.counter_citations],
    }


def _citation_record(citation: CitationView, site_url: str | None) -> dict[str, Any]:
    return {
        "number": citation.number,
        "quote": citation.quote,
        "outlet": citation.outlet_name,
        "published": citation.published_iso or None,
        "attributed_to": citation.claimant,
        "article": citation.article_id,
        "article_url": absolute(site_url, citation.article_url) if citation.article_url else None,
        "original_url": citation.original_url,
        "archived_url": citation.archived_url,
    }


def csv_cell(value: Any) -> str:
    """A spreadsheet-safe cell: a leading = + - @ is neutralised with a quote mark."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def timeline_csv(data: SiteData, *, site_url: str | None) -> bytes:
    """UTF-8 with a BOM (so spreadsheet programs show Arabic), one row per event."""
    return b"".join(timeline_csv_chunks(data, site_url=site_url))


def timeline_csv_chunks(data: SiteData, *, site_url: str | None,
                        row: Callable[[EventView], bytes] | None = None) -> Iterator[bytes]:
    """:func:`timeline_csv` in pieces: the BOM and header, then one row per event
    (``row`` is :func:`csv_row` or a cache of it)."""
    yield b"\xef\xbb\xbf" + _csv_line(CSV_COLUMNS)
    row = row or (lambda view: csv_row(view, site_url))
    for view in data.events:
        yield row(view)


def csv_row(view: EventView, site_url: str | None) -> bytes:
    """One event's line of ``timeline.csv``, UTF-8."""
    entry = view.entry
    cells = (
        entry.id, entry.date.start.iso, entry.date.end.iso if entry.date.end else "", entry.date.precision,
        "yes" if entry.date.approximate else "", entry.date.time or "", view.date_text, clean_text(entry.title),
        " ".join(entry.categories), " ".join(entry.actors), " ".join(entry.places), entry.review,
        len(entry.sources), " ".join(view.outlets), view.attribution,
        view.citations[0].quote if view.citations else "", absolute(site_url, view.url),
    )
    return _csv_line([csv_cell(cell) for cell in cells])


def _csv_line(cells: Sequence[Any]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)
    return buffer.getvalue().encode("utf-8")


def _updated(view: EventView) -> str:
    """An entry's Atom date: its latest source's publication, else its own end or start."""
    published = [c.published_iso for c in view.citations if c.published_iso]
    day = max(published) if published else (view.entry.date.end or view.entry.date.start).last_day().isoformat()
    return f"{day}T00:00:00Z"


def atom_feed(data: SiteData, views: Sequence[EventView] | None = None, *, site_id: str, title: str, author: str,
              site_url: str | None, limit: int, path: str = "feed.xml", page: str | None = None,
              feed_key: str = "") -> str:
    """The latest ``limit`` of ``views`` (all events by default), by event date, as an Atom 1.0 feed.

    ``path`` is the feed's own URL, ``page`` the HTML page it mirrors (the
    index by default) and ``feed_key`` what the feed is of ("categories/…";
    empty for the whole timeline), part of its stable id."""
    latest = list(reversed(data.events if views is None else views))[: max(limit, 0)]
    page = data.urls.index() if page is None else page
    updated = max((_updated(view) for view in latest), default="1970-01-01T00:00:00Z")
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">',
        f"<id>{xml_escape(_tag(site_id, '', feed_key))}</id>",
        f"<title>{xml_escape(xml_text(title))}</title>",
        f"<updated>{updated}</updated>",
        f"<author><name>{xml_escape(xml_text(author))}</name></author>",
        f'<link rel="self" href={quoteattr(absolute(site_url, path))}/>',
        f'<link rel="alternate" type="text/html" href={quoteattr(absolute(site_url, page) or "./")}/>',
    ]
    for view in latest:
        summary = f"{view.date_text}. {view.attribution}".strip()
        lines += [
            "<entry>",
            f"<id>{xml_escape(_tag(site_id, view.id))}</id>",
            f"<title>{xml_escape(xml_text(view.title))}</title>",
            f"<updated>{_updated(view)}</updated>",
            f'<link rel="alternate" type="text/html" href={quoteattr(absolute(site_url, view.url))}/>',
            *(f"<category term={quoteattr(c.key)} label={quoteattr(xml_text(c.label))}/>" for c in view.categories),
            f"<summary>{xml_escape(xml_text(summary))}</summary>",
            "</entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _tag(site_id: str, event_id: str, feed_key: str = "") -> str:
    """A stable Atom id that does not depend on where the site is hosted (RFC 4151)."""
    if event_id:
        return f"tag:{site_id},2018:events/{event_id}"
    return f"tag:{site_id},2018:{feed_key or 'timeline'}"


def sitemap(urls: Iterable[str], *, site_url: str) -> str:
    """``sitemap.xml`` listing every page, absolute from ``site_url`` (the
    sitemap protocol wants full URLs: without a site URL there is none)."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"<url><loc>{xml_escape(absolute(site_url, url))}</loc></url>" for url in urls]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
