"""The stored article: its front matter (flags win over the file's metadata), its id, and writing it once.

Importing the same text with the same front matter again changes nothing. The
same text under another outlet is stored as its own article (a syndicated
story); under another id of the same outlet, or with other flags under the
same id, the import is refused with the reason. A different text under an
existing id is an error, never an overwrite.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Mapping
from zoneinfo import ZoneInfo

import yaml

from timeline.content.frontmatter import FrontMatterError, list_content_files, read_document
from timeline.content.ids import ascii_slug, clip_id, is_valid_id, is_valid_key
from timeline.content.problems import ContentError, Problem
from timeline.content.registry import load_outlets
from timeline.fileio import create_text_exclusive
from timeline.ingest.decode import normalize_line_endings
from timeline.normalize import normalize_arabic

ARABIC_LETTER = re.compile("[\u0621-\u064a]")
LATIN_LETTER = re.compile("[A-Za-z]")
DAMASCUS = ZoneInfo("Asia/Damascus")
IDENTITY_FIELDS = ("outlet", "published", "url", "title")


@dataclass(frozen=True)
class ImportResult:
    """Where the article is, its id, whether this import created it, and what the editor should know."""

    path: Path
    id: str
    created: bool
    notes: list[Problem] = field(default_factory=list)


def known_outlets(content_dir: Path) -> dict[str, dict[str, Any]]:
    """outlets.yml as key -> names (read by the content stage's reader; a broken file gives none)."""
    outlets, _, _ = load_outlets(content_dir / "outlets.yml")
    return {key: {"name_ar": o.name_ar, "name_en": o.name_en, "aliases": list(o.aliases)} for key, o in outlets.items()}


def resolve_outlet(site_name: Any, outlets: Mapping[str, Mapping]) -> str | None:
    """The outlets.yml key whose name or alias equals ``site_name`` (normalized)."""
    if not site_name:
        return None
    wanted = normalize_arabic(str(site_name))
    for key, spec in sorted(outlets.items()):
        names = [key, spec.get("name_ar"), spec.get("name_en"), *(spec.get("aliases") or [])]
        if any(name and normalize_arabic(str(name)) == wanted for name in names):
            return key
    return None


def front_matter(path: Path, text: str, meta: dict[str, Any], outlets: Mapping[str, Mapping], flags: dict[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """The article's front matter from the flags, else the file's metadata; problems instead when it cannot be made."""
    where = str(path)
    problems: list[Problem] = []
    outlet_key = flags.get("outlet") or meta.get("outlet") or resolve_outlet(meta.get("site_name"), outlets)
    if not outlet_key:
        hint = f' (the page names "{meta["site_name"]}", which is not in outlets.yml)' if meta.get("site_name") else ""
        problems.append(Problem(where, 1, "outlet", f"unknown outlet{hint}; pass --outlet KEY"))
    elif not is_valid_key(str(outlet_key)):
        problems.append(Problem(where, 1, "outlet", f'"{outlet_key}" is not a key; use lowercase ASCII letters, digits and -'))
    given = flags.get("published") or meta.get("published") or meta.get("published_time")
    day = published_date(given)
    if day is None:
        detail = f'"{given}" is not a date;' if given else "missing;"
        problems.append(Problem(where, 1, "published", f"{detail} pass --published YYYY-MM-DD (needed to resolve relative dates)"))
    chosen_url = flags.get("url") or meta.get("url")
    if chosen_url and not re.match(r"https?://", str(chosen_url)):
        problems.append(Problem(where, 1, "url", f'"{chosen_url}" is not an http(s) URL'))
    if problems:
        return {}, problems
    identifier = str(flags.get("article_id") or meta.get("id") or default_id(path, str(outlet_key), day, text))
    if not is_valid_id(identifier):
        return {}, [Problem(where, 1, "id", f'"{identifier}" is not a valid id; use lowercase ASCII letters, digits and -, at most 100 characters, e.g. {outlet_key}-{day.isoformat()}-topic')]
    front: dict[str, Any] = {"id": identifier, "outlet": str(outlet_key), "published": day,
                             "language": str(meta.get("language") or meta.get("lang") or detect_language(text))}
    if chosen_url:
        front["url"] = str(chosen_url)
    if meta.get("archived_url"):
        front["archived_url"] = str(meta["archived_url"])
    chosen_title = flags.get("title") or meta.get("title")
    if chosen_title:
        front["title"] = str(chosen_title).strip()
    return front, []


def published_date(value: Any) -> date | None:
    """A date from ``YYYY-MM-DD`` or an ISO timestamp (converted to Damascus time)."""
    if isinstance(value, datetime):
        return value.astimezone(DAMASCUS).date() if value.tzinfo else value.date()
    if isinstance(value, date):
        return value
    if not value:
        return None
    text = str(value).strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return published_date(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        return None


def detect_language(text: str) -> str:
    """``ar`` when Arabic letters outnumber Latin ones, else ``en``."""
    return "ar" if len(ARABIC_LETTER.findall(text)) >= len(LATIN_LETTER.findall(text)) else "en"


def default_id(path: Path, outlet: str, day: date, text: str) -> str:
    """``<outlet>-<published>-<file stem>``; a short hash of the text when the
    stem has no ASCII letters. A stem that already starts so is kept."""
    prefix = f"{outlet}-{day.isoformat()}"
    stem = ascii_slug(path.name.split(".")[0], limit=60)
    if stem.startswith(prefix):
        return clip_id(stem)
    if not re.search(r"[a-z]", stem.replace(outlet, "")):
        stem = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return clip_id(f"{prefix}-{stem}")


# ---------------------------------------------------------------- writing


def article_file_text(front: dict[str, Any], text: str) -> str:
    """The stored article: YAML front matter in a fixed key order, then the text."""
    header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{header}---\n{text}\n"


def write_once(target: Path, front: dict[str, Any], text: str) -> ImportResult:
    """Store the article at ``target`` unless this very article is there already; never overwrite."""
    twins = _stored_with_text(target.parent, text)
    same = next((t for t in twins if t[0] == target), None)
    if same is not None:
        return _same_id(target, front, same[1])
    same_outlet = [path for path, stored in twins if str(stored.get("outlet")) == front["outlet"]]
    if same_outlet:
        raise ContentError([Problem(str(same_outlet[0]), 1, "id", f'this text is stored already for outlet "{front["outlet"]}" as "{same_outlet[0].stem}"; import it under that id to confirm it, or with another --outlet for a syndicated copy')], action="import")
    if target.exists():
        raise ContentError([Problem(str(target), 1, "id", f'an article "{front["id"]}" already exists with a different text; it is never overwritten: pass --id NEW-ID to import this one beside it')], action="import")
    notes = [Problem(str(target), 1, "text", f'the same text is stored for outlet "{t[1].get("outlet")}" as "{t[0].stem}"; stored again as this outlet\'s own article', "warning") for t in twins]
    if create_text_exclusive(target, article_file_text(front, text)):
        return ImportResult(target, front["id"], created=True, notes=notes)
    raced = next((stored for path, stored in _stored_with_text(target.parent, text) if path == target), None)
    if raced is not None:  # another import won the race with the same text
        return _same_id(target, front, raced)
    raise ContentError([Problem(str(target), 1, "id", "created meanwhile with a different text; pass --id NEW-ID")], action="import")


def _same_id(target: Path, front: dict[str, Any], stored: dict[str, Any]) -> ImportResult:
    """The text is stored under this id already: unchanged when the flags agree, refused when they do not."""
    differ = [key for key in IDENTITY_FIELDS if key in front and str(stored.get(key)) != str(front[key])]
    if not differ:
        return ImportResult(target, front["id"], created=False)
    said = ", ".join(f'{key} "{stored.get(key)}" (this import: "{front[key]}")' for key in differ)
    raise ContentError([Problem(str(target), 1, differ[0], f"already stored with this text but {said}; an article is never overwritten: correct its front matter by hand, or pass --id NEW-ID to store this as its own article")], action="import")


def _stored_with_text(folder: Path, text: str) -> list[tuple[Path, dict[str, Any]]]:
    """Every stored article whose text is exactly ``text``, with its front matter.

    Files are found by the content loader's own walk (hidden files, links and
    special files left out) and read raw: a stored file that does not validate
    must not stop an import of another text (``timeline check`` reports it)."""
    if not folder.is_dir():
        return []
    found = []
    candidates, _unreadable = list_content_files(folder, folder.parent, recursive=False)
    for candidate in candidates:
        try:
            document = read_document(candidate)
        except (OSError, UnicodeDecodeError, FrontMatterError):
            continue
        if normalize_line_endings(document.body).strip() == text.strip():
            found.append((candidate, document.data if isinstance(document.data, dict) else {}))
    return found
