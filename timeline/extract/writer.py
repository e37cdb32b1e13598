"""Writing extraction's results: new entries, added citations, suggestions.

Every write is atomic (a temporary file renamed into place); a new entry is
created only where no file exists (``create_text_exclusive``); an entry is
rewritten only while it still matches its fingerprint and is ``review:
auto``. Merge suggestions for verified or edited entries go to
``content/.timeline/suggestions.yml``, which ``timeline check`` lists; the
articles already extracted are recorded in ``content/.timeline/extracted.yml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from timeline.content.entries import date_front_matter, entry_file_text, fingerprint, is_edited, read_entry_file
from timeline.content.frontmatter import FrontMatterError, load_yaml
from timeline.content.model import Citation, Entry, EventDate, Extracted
from timeline.content.suggestions import SUGGESTIONS_FILE
from timeline.fileio import create_text_exclusive, write_text_atomic
from timeline.normalize import normalize_arabic

STATE_DIR = Path(".timeline")
EXTRACTED_FILE = STATE_DIR / "extracted.yml"
LOCK_FILE = STATE_DIR / "extract.lock"
FIGURE_LABELS = {"killed": "قتلى", "injured": "مصابون"}


@dataclass(frozen=True)
class Quote:
    """One sentence of a draft: where it is, what it says, who claims it."""

    sentence: int
    text: str
    attributed_to: str | None
    claimant_text: str = ""
    clause: str = ""  # the clause of the sentence that tells this occurrence, when the sentence tells several


@dataclass(frozen=True)
class Draft:
    """An event found in one article, ready to become (or join) an entry.

    Plain data, so that worker processes can hand it back."""

    article: str
    quotes: tuple[Quote, ...]
    date: EventDate
    title: str
    categories: tuple[str, ...]
    actors: tuple[str, ...]
    places: tuple[str, ...]
    figures: tuple[tuple[str, str], ...]  # (kind, text)
    slug: str
    in_scope: bool = True  # names a war occurrence, a known actor or place (EventCandidate.in_scope)

    @property
    def first_day(self) -> str:
        return self.date.first_day().isoformat()

    @property
    def last_day(self) -> str:
        return self.date.last_day().isoformat()


def quote_key(text: str) -> str:
    """Quotes are compared normalized (hamza, diacritics, spaces, quote marks)."""
    return normalize_arabic(text)


def writable(entry: Entry) -> bool:
    """Extraction may try to add a citation: ``review: auto`` and written by
    extraction. Whether it still matches its fingerprint is checked on the
    file itself, right before it would be rewritten (``add_citations``)."""
    return entry.review == "auto" and entry.extracted is not None


# ---------------------------------------------------------------- new entries


def entry_front_matter(draft: Draft, entry_id: str) -> dict[str, Any]:
    """The front matter of a new entry, fingerprint included."""
    front: dict[str, Any] = {"id": entry_id, **date_front_matter(draft.date), "title": draft.title,
                             "categories": list(draft.categories), "actors": list(draft.actors),
                             "places": list(draft.places), "review": "auto",
                             "sources": [citation(draft.article, quote) for quote in draft.quotes],
                             "extracted": {"article": draft.article, "sentence": draft.quotes[0].sentence,
                                           "sentences": [quote.sentence for quote in draft.quotes]}}
    clauses = [{"sentence": quote.sentence, "clause": quote.clause} for quote in draft.quotes if quote.clause]
    if clauses:
        front["extracted"]["clauses"] = clauses
    if not front["actors"]:
        del front["actors"]
    if not front["places"]:
        del front["places"]
    return front


def drafted_entry(path: Path, front: dict[str, Any], draft: Draft) -> Entry:
    """The ``Entry`` a new draft file holds, as ``content.load`` would read it."""
    return Entry(id=front["id"], date=draft.date, title=draft.title, categories=draft.categories,
                 sources=tuple(cited(draft.article, quote) for quote in draft.quotes), path=path,
                 actors=draft.actors, places=draft.places, review="auto", body="",
                 extracted=Extracted(article=draft.article, sentence=draft.quotes[0].sentence,
                                     fingerprint=front["extracted"]["fingerprint"],
                                     sentences=tuple(q.sentence for q in draft.quotes),
                                     clauses=tuple((q.sentence, q.clause) for q in draft.quotes if q.clause)))


def cited(article: str, quote: Quote) -> Citation:
    return Citation(quote=quote.text, article=article, attributed_to=quote.attributed_to, sentence=quote.sentence)


def citation(article: str, quote: Quote) -> dict[str, Any]:
    item: dict[str, Any] = {"article": article, "quote": quote.text}
    if quote.attributed_to:
        item["attributed_to"] = quote.attributed_to
    return item


def entry_body(draft: Draft) -> str:
    """A short narrative: provenance, claimant, stated figures, date caveat."""
    first = draft.quotes[0]
    paragraphs = [f"مسودة مستخرجة آلياً من الجملة {first.sentence} في المقال `{draft.article}`، بانتظار مراجعة محرر."]
    if first.clause:
        paragraphs.append(f"تروي الجملة أكثر من حدث؛ هذه المسودة عن الجزء: «{first.clause}».")
    claimants = [q.claimant_text for q in draft.quotes if q.claimant_text]
    if claimants:
        paragraphs.append(f"مصدر الرواية بحسب المقال: {claimants[0]}.")
    figures = [f"- {FIGURE_LABELS[kind]}: " + "؛ ".join(text for k, text in draft.figures if k == kind)
               for kind in ("killed", "injured") if any(k == kind for k, _ in draft.figures)]
    if figures:
        paragraphs.append("الأرقام المذكورة:\n\n" + "\n".join(figures))
    if draft.date.approximate:
        paragraphs.append("التاريخ تقريبي: لا يحدد النص يوم الحدث بدقة.")
    return "\n\n".join(paragraphs)


def with_fingerprint(front: dict[str, Any], body: str) -> dict[str, Any]:
    front = dict(front)
    extracted = dict(front["extracted"])
    extracted.pop("fingerprint", None)
    front["extracted"] = extracted
    extracted["fingerprint"] = fingerprint(front, body)
    return front


def event_path(events_dir: Path, entry_id: str, first_day: str) -> Path:
    """``events/YYYY-MM/<id>.md`` (``events/YYYY/`` for a year)."""
    folder = first_day[:7] if len(first_day) >= 7 else first_day[:4]
    return events_dir / folder / f"{entry_id}.md"


def create_entry(path: Path, front: dict[str, Any], body: str) -> bool:
    """Create the entry file; False if a file is already there (never replaced)."""
    return create_text_exclusive(path, entry_file_text(front, body))


def add_citations(entry: Entry, article: str, quotes: list[Quote], *, write: bool) -> Entry | None:
    """Append citations to an auto entry that still matches its fingerprint,
    and renew the fingerprint; None (nothing written) when an editor has
    changed it.

    The fingerprint is taken over the front matter as written, so the file is
    read with the entry format's own reader (``content.entries.read_entry_file``)
    right before it would be rewritten, under extraction's lock: only the
    entries a draft joins are fingerprinted, never the whole content."""
    added = replace(entry, sources=entry.sources + tuple(cited(article, q) for q in quotes))
    if not write and not entry.path.exists():
        return added  # drafted earlier in this dry run
    try:
        front, body = read_entry_file(entry.path)
    except FrontMatterError:
        return None  # unreadable since it was loaded: an editor is at work on it
    if front.get("review", "auto") != "auto" or is_edited(front, body):
        return None
    if write:
        front = dict(front)
        front["sources"] = list(front.get("sources") or []) + [citation(article, q) for q in quotes]
        write_text_atomic(entry.path, entry_file_text(with_fingerprint(front, body), body))
    return added


# ---------------------------------------------------------------- state files


def read_yaml_list(path: Path) -> list:
    if not path.exists():
        return []
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))  # alias and depth limits
    except yaml.YAMLError:
        return []
    return data if isinstance(data, list) else []


def write_yaml_list(path: Path, items: list) -> None:
    header = "# Written by `timeline extract`; safe to delete (it is rebuilt).\n"
    write_text_atomic(path, header + yaml.safe_dump(items, allow_unicode=True, sort_keys=False, width=10_000))


@dataclass
class Suggestions:
    """Merge suggestions: kept in order, never duplicated."""

    path: Path
    items: list[dict] = field(default_factory=list)
    changed: bool = False

    @classmethod
    def load(cls, content_dir: Path) -> "Suggestions":
        path = content_dir / SUGGESTIONS_FILE
        return cls(path, [i for i in read_yaml_list(path) if isinstance(i, dict)])

    def add(self, entry_id: str, article: str, quote: Quote, reason: str) -> bool:
        key = (entry_id, article, quote.sentence)
        if any((i.get("entry"), i.get("article"), i.get("sentence")) == key for i in self.items):
            return False
        item = {"entry": entry_id, "article": article, "sentence": quote.sentence, "quote": quote.text}
        if quote.attributed_to:
            item["attributed_to"] = quote.attributed_to
        item["reason"] = reason
        self.items.append(item)
        self.changed = True
        return True

    def save(self) -> None:
        if self.changed:
            write_yaml_list(self.path, self.items)
