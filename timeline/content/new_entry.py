"""``timeline new``: a new entry file for an editor to fill.

Complete flags give a valid entry; each missing one leaves a ``TODO``
placeholder that ``timeline check`` reports, so nothing half-filled reaches
the site unnoticed.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from timeline.content.entries import date_front_matter, entry_file_text
from timeline.content.model import EventDate, PartialDate
from timeline.content.ids import ascii_slug, clip_id
from timeline.fileio import create_text_exclusive
from timeline.content.problems import ContentError, Problem

TODO = "TODO"


def make_entry_id(date_text: str | None, slug_words: list[str], title: str | None) -> str:
    """``YYYY-MM-DD-<slug>``: ASCII, lowercase, filesystem-safe, at most ``MAX_ID_LENGTH`` characters."""
    prefix = date_text if date_text and re.fullmatch(r"\d{4}(-\d{2}){0,2}", date_text) else "undated"
    words = [ascii_slug(word) for word in slug_words if ascii_slug(word)]
    if title:
        words.append(hashlib.sha256(title.encode("utf-8")).hexdigest()[:6])
    slug = "-".join(words) or "entry"
    return clip_id(f"{prefix}-{slug}")


def create_entry(content_dir: Path, *, when: str | None = None, end: str | None = None, approximate: bool = False,
                 title: str | None = None, categories: tuple[str, ...] = (), actors: tuple[str, ...] = (),
                 places: tuple[str, ...] = (), article: str | None = None, quote: str | None = None,
                 attributed_to: str | None = None, slug: str | None = None) -> Path:
    """Write ``content/events/<YYYY-MM>/<id>.md``; never replaces an existing file."""
    slug_words = slug.split() if slug else [*categories[:1], *places[:1], *actors[:1]]
    entry_id = make_entry_id(when, slug_words, title)
    front_matter: dict = {"id": entry_id, **_date_fields(when, end, approximate)}
    front_matter |= {
        "title": title or f"{TODO}: عنوان قصير بالعربية",
        "categories": list(categories) or [f"{TODO}: category"],
        "actors": list(actors),
        "places": list(places),
        "review": "manual",  # hand-written: never labelled machine-extracted
        "sources": [_citation(article, quote, attributed_to)],
    }
    folder = content_dir / "events" / (when[:7] if when and re.fullmatch(r"\d{4}-\d{2}.*", when) else "undated")
    path = folder / f"{entry_id}.md"
    body = "" if title else f"{TODO}: اكتب هنا سرد الحدث."
    if not create_text_exclusive(path, entry_file_text(front_matter, body)):
        raise ContentError([Problem(str(path), 1, "id", f'an entry "{entry_id}" exists already; choose another --slug')], action="new")
    return path


def _date_fields(when: str | None, end: str | None, approximate: bool) -> dict:
    """The date fields, written as every entry's are when the flags give a
    valid date; otherwise as given (or a TODO), for ``timeline check`` to report."""
    try:
        value = EventDate(PartialDate.parse(when or ""), PartialDate.parse(end) if end else None, approximate)
    except ValueError:
        fields: dict = {"date": when or f"{TODO}: YYYY-MM-DD"}
        if end:
            fields["end"] = end
        if approximate:
            fields["approximate"] = True
        return fields
    return date_front_matter(value)


def _citation(article: str | None, quote: str | None, attributed_to: str | None) -> dict:
    citation = {"article": article or f"{TODO}: article id", "quote": quote or f"{TODO}: الجملة كما وردت في المقال"}
    if attributed_to:
        citation["attributed_to"] = attributed_to
    return citation
