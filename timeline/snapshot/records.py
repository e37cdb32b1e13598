"""The snapshot's own records inside ``data/site/``: ``snapshot.json`` and ``entries.jsonl``.

``snapshot.json`` says what the snapshot is (title, when, by which software,
from which source commit, how many events); ``entries.jsonl`` lists every
published event on one line, so an archivist can search the bag with
``grep`` or load it with any JSON reader without opening the site. Both are
deterministic: keys sorted, events in timeline order, dates from the one
clock.
"""

from __future__ import annotations

import json
import os
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import mkdocs

from timeline import __version__
from timeline.content.model import Citation, Content, Entry
from timeline.site.markup import clean_text
from timeline.site.urls import Urls

SNAPSHOT_FORMAT = "douma-timeline-snapshot/1"
_OFFLINE_URLS = Urls(directory_urls=False)


def snapshot_record(*, title: str, site_id: str, created: datetime, content: Content,
                    source_commit: str | None, source_modified: bool | None) -> dict[str, Any]:
    """The contents of ``snapshot.json``."""
    return {
        "format": SNAPSHOT_FORMAT,
        "title": clean_text(title),
        "site_id": site_id,
        "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "software": {"name": "douma-timeline", "version": __version__, "mkdocs": mkdocs.__version__},
        "source_commit": source_commit,
        "source_modified": source_modified,
        "entries": len(content.published_entries),
        "articles": len(content.articles),
        "index": "index.html",
        "entry_list": "entries.jsonl",
    }


def entries_lines(content: Content) -> str:
    """``entries.jsonl``: one JSON object per published event, in timeline order."""
    lines = [json.dumps(entry_record(entry, content), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
             for entry in content.published_entries]
    return "".join(line + "\n" for line in lines)


def entry_record(entry: Entry, content: Content) -> dict[str, Any]:
    """One event: dates with their precision, title, page path (relative to the site), sources."""
    when = entry.date
    return {
        "id": entry.id,
        "date": when.start.iso,
        "end": when.end.iso if when.end else None,
        "precision": when.precision,
        "approximate": when.approximate,
        "time": when.time,
        "title": clean_text(entry.title),
        "categories": list(entry.categories),
        "review": entry.review,
        "page": _OFFLINE_URLS.event(entry.id),
        "sources": [_citation_record(c, content) for c in entry.sources],
        "counter_sources": [_citation_record(c, content) for c in entry.counter_sources],
    }


def _citation_record(citation: Citation, content: Content) -> dict[str, Any]:
    article = content.articles.get(citation.article) if citation.article else None
    published = citation.published or (article.published if article else None)
    return {
        "article": citation.article,
        "page": _OFFLINE_URLS.article(citation.article, citation.sentence) if citation.article else None,
        "sentence": citation.sentence,
        "outlet": citation.outlet or (article.outlet if article else None),
        "published": published.isoformat() if published else None,
        "url": citation.url or (article.url if article else None),
        "archived_url": citation.archived_url or (article.archived_url if article else None),
        "attributed_to": citation.attributed_to,
        "quote": clean_text(citation.quote),
    }


def dump_json(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def source_commit(folder: Path, paths: list[str]) -> tuple[str | None, bool | None]:
    """The git commit ``folder`` is checked out at, and whether ``paths`` differ from it.

    ``(None, None)`` when the folder is not in a git checkout or git is missing.
    """
    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True,
                                  timeout=60, check=False, env=_git_env())
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout if done.returncode == 0 else None

    commit = git("rev-parse", "--verify", "--quiet", "HEAD")
    if not commit:
        return None, None
    status = git("status", "--porcelain", "--untracked-files=all", "--", *paths)
    return commit.strip(), (None if status is None else bool(status.strip()))


def _git_env() -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    environment["LC_ALL"] = "C"
    return environment
