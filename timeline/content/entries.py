"""The entry file format: front matter in a fixed order, then the narrative.

Written by ``timeline new`` and ``timeline extract``; read by everything.
The fingerprint is taken over what the entry says (its front matter values
and body), not over its bytes, so re-indenting YAML is not an "edit", while
changing a date, a title, a quote or the review state is.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import yaml

from timeline.content.frontmatter import read_document
from timeline.content.model import EventDate, PartialDate

FIELD_ORDER = (
    "id", "date", "end", "approximate", "time", "title", "categories", "actors", "places",
    "review", "sources", "counter_sources", "extracted",
)
CITATION_ORDER = ("article", "url", "outlet", "published", "archived_url", "quote", "attributed_to")


class _EntryDumper(yaml.SafeDumper):
    """Block style for mappings, flow style for short lists of keys."""


def _represent_list(dumper: yaml.SafeDumper, value: list) -> yaml.Node:
    flow = all(isinstance(v, str) and len(v) < 40 for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    # Dates and times stay quoted-free strings ("2018-04-08"); yaml quotes when needed.
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_EntryDumper.add_representer(list, _represent_list)
_EntryDumper.add_representer(str, _represent_str)


def ordered(front_matter: dict[str, Any]) -> dict[str, Any]:
    """Front matter in the canonical key order (unknown keys last, sorted)."""
    result = {key: front_matter[key] for key in FIELD_ORDER if key in front_matter}
    for key in sorted(k for k in front_matter if k not in result):
        result[key] = front_matter[key]
    for list_key in ("sources", "counter_sources"):
        if isinstance(result.get(list_key), list):
            result[list_key] = [_ordered_citation(c) for c in result[list_key]]
    return result


def _ordered_citation(citation: Any) -> Any:
    if not isinstance(citation, dict):
        return citation
    first = {key: citation[key] for key in CITATION_ORDER if key in citation}
    return first | {key: citation[key] for key in sorted(citation) if key not in first}


def date_front_matter(when: EventDate) -> dict[str, Any]:
    """The date fields of an entry, the one way they are written: ``date``,
    then ``end``, ``approximate`` and ``time`` only when they say something."""
    fields: dict[str, Any] = {"date": when.start.iso}
    if when.end is not None and when.end != when.start:
        fields["end"] = when.end.iso
    if when.approximate:
        fields["approximate"] = True
    if when.time:
        fields["time"] = when.time
    return fields


def date_of_front_matter(front_matter: dict[str, Any]) -> EventDate | None:
    """The date an entry's front matter gives, or None when its ``date`` or
    ``end`` is not a valid one (``timeline check`` names the problem)."""
    try:
        start = PartialDate.parse(str(front_matter["date"]).strip())
        end_text = front_matter.get("end")
        end = PartialDate.parse(str(end_text).strip()) if end_text not in (None, "") else None
    except (KeyError, ValueError):
        return None
    time = front_matter.get("time")
    return EventDate(start, end, front_matter.get("approximate") is True, str(time) if time else None)


def entry_file_text(front_matter: dict[str, Any], body: str) -> str:
    """The whole entry file: ``---``, YAML front matter, ``---``, body."""
    dumped = yaml.dump(ordered(front_matter), Dumper=_EntryDumper, allow_unicode=True,
                       sort_keys=False, width=10_000, default_flow_style=False)
    body = body.strip("\n")
    return f"---\n{dumped}---\n{body}\n" if body else f"---\n{dumped}---\n"


def fingerprint(front_matter: dict[str, Any], body: str) -> str:
    """``sha256:<hex>`` of the entry's meaning, without the fingerprint itself."""
    content = {key: value for key, value in front_matter.items() if key != "extracted"}
    extracted = front_matter.get("extracted")
    if isinstance(extracted, dict):
        content["extracted"] = {k: v for k, v in extracted.items() if k != "fingerprint"}
    canonical = json.dumps({"front_matter": content, "body": body.strip()}, ensure_ascii=False,
                           sort_keys=True, default=str, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def read_entry_file(path: Path) -> tuple[dict[str, Any], str]:
    """Front matter and body of an entry file (raises FrontMatterError)."""
    document = read_document(path)
    return document.data, document.body


def is_edited(front_matter: dict[str, Any], body: str) -> bool:
    """True when an extracted entry no longer matches its fingerprint:
    an editor has changed it, and machines must leave it alone."""
    extracted = front_matter.get("extracted")
    if not isinstance(extracted, dict) or "fingerprint" not in extracted:
        return True  # written by a person
    return extracted["fingerprint"] != fingerprint(front_matter, body)
