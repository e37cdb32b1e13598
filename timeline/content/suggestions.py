"""Merge suggestions: the same event reported by a second article.

When extraction finds a second report of an event whose entry an editor has
verified or edited, it does not touch the entry; it records a suggestion in
``content/.timeline/suggestions.yml`` for an editor to review, and
``timeline check`` lists the ones still pending.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from timeline.content.model import Content

SUGGESTIONS_FILE = Path(".timeline") / "suggestions.yml"


def pending_suggestions(content: Content) -> list[str]:
    """One line per suggestion whose entry exists and does not cite the sentence yet."""
    path = content.root / SUGGESTIONS_FILE
    if not path.exists():
        return []
    try:
        items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError:
        return [f"{path}:1: suggestions: unreadable; delete the file and run `timeline extract` again"]
    entries = {entry.id: entry for entry in content.entries}
    lines = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        entry = entries.get(str(item.get("entry")))
        if entry is None:
            continue
        quote = str(item.get("quote", ""))
        if any(source.quote == quote for source in entry.sources + entry.counter_sources):
            continue
        lines.append(f"{entry.path}:1: sources: merge suggestion: article \"{item.get('article')}\" "
                     f"sentence {item.get('sentence')} may report this event; add it as a source or ignore it")
    return lines
