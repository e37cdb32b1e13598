"""Writing extraction's results: new entries, added citations, suggestions.

Every write is atomic (a temporary file renamed into place); a new entry is
created only where no file exists (``create_text_exclusive``); an entry is
rewritten only while it still matches its fingerprint and is ``review:
auto``. Merge suggestions for verified or edited entries go to
``content/.timeline/suggestions.yml``, which ``timeline check`` lists; the
articles already extracted are recorded in ``content/.timeline/extracted.yml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from timeline.content.entries import date_front_matter, entry_file_text, fingerprint, is_edited, read_entry_file
from timeline.content.model import EventDate
from timeline.fileio import create_text_exclusive, write_text_atomic
from timeline.content.frontmatter import FrontMatterError, list_content_files
from timeline.content.suggestions import SUGGESTIONS_FILE
from timeline.normalize import normalize_arabic
from timeline.content.problems import Problem
from timeline.content.frontmatter import load_yaml

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


@dataclass
class StoredEntry:
    """An entry file on disk as extraction sees it."""

    path: Path
    front: dict[str, Any]
    body: str
    edited: bool

    @property
    def id(self) -> str:
        return str(self.front.get("id") or self.path.stem)

    @property
    def review(self) -> str:
        return str(self.front.get("review") or "auto")

    def citations(self) -> list[dict]:
        return [c for key in ("sources", "counter_sources") for c in (self.front.get(key) or []) if isinstance(c, dict)]

    def extracted_sentences(self) -> list[tuple[str, int]]:
        """(article, sentence) pairs extraction drafted this entry from."""
        record = self.front.get("extracted")
        if not isinstance(record, dict) or not record.get("article"):
            return []
        numbers = record.get("sentences") or [record.get("sentence")]
        return [(str(record["article"]), n) for n in numbers if isinstance(n, int) and not isinstance(n, bool)]

    @property
    def writable(self) -> bool:
        """Extraction may add a citation: still auto and not edited."""
        return self.review == "auto" and not self.edited


def quote_key(text: str) -> str:
    """Quotes are compared normalized (hamza, diacritics, spaces, quote marks)."""
    return normalize_arabic(text)


def load_entries(events_dir: Path) -> tuple[list[StoredEntry], list[Problem]]:
    """Every entry file under ``events_dir``, found as the content loader
    finds them (``list_content_files``: hidden files left out, a symbolic link
    or special file is a problem, never followed), read again as raw front
    matter under extraction's lock so that an edit saved since the command
    loaded its content is seen before anything is rewritten."""
    entries: list[StoredEntry] = []
    paths, problems = list_content_files(events_dir, events_dir.parent, recursive=True)
    for path in paths:
        try:
            front, body = read_entry_file(path)
        except FrontMatterError as error:
            problems.append(Problem(str(path), error.line, "file", error.message))
            continue
        entries.append(StoredEntry(path, front, body, is_edited(front, body)))
    return entries, problems


# ---------------------------------------------------------------- new entries


def entry_front_matter(draft: Draft, entry_id: str) -> dict[str, Any]:
    """The front matter of a new entry, fingerprint included."""
    front: dict[str, Any] = {"id": entry_id, **date_front_matter(draft.date), "title": draft.title,
                             "categories": list(draft.categories), "actors": list(draft.actors),
                             "places": list(draft.places), "review": "auto",
                             "sources": [citation(draft.article, quote) for quote in draft.quotes],
                             "extracted": {"article": draft.article, "sentence": draft.quotes[0].sentence,
                                           "sentences": [quote.sentence for quote in draft.quotes]}}
    if not front["actors"]:
        del front["actors"]
    if not front["places"]:
        del front["places"]
    return front


def citation(article: str, quote: Quote) -> dict[str, Any]:
    item: dict[str, Any] = {"article": article, "quote": quote.text}
    if quote.attributed_to:
        item["attributed_to"] = quote.attributed_to
    return item


def entry_body(draft: Draft) -> str:
    """A short narrative: provenance, claimant, stated figures, date caveat."""
    first = draft.quotes[0]
    paragraphs = [f"مسودة مستخرجة آلياً من الجملة {first.sentence} في المقال `{draft.article}`، بانتظار مراجعة محرر."]
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


def add_citations(entry: StoredEntry, article: str, quotes: list[Quote], *, write: bool) -> StoredEntry:
    """Append citations to an auto, unedited entry and renew its fingerprint."""
    front = dict(entry.front)
    front["sources"] = list(front.get("sources") or []) + [citation(article, q) for q in quotes]
    front = with_fingerprint(front, entry.body)
    if write:
        write_text_atomic(entry.path, entry_file_text(front, entry.body))
    return StoredEntry(entry.path, front, entry.body, False)


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
