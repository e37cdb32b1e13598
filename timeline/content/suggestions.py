"""Merge suggestions: the same event reported by a second article.

When extraction finds a second report of an event whose entry an editor has
verified or edited, it does not touch the entry; it records a suggestion in
``content/.timeline/suggestions.yml`` for an editor to review, and
``timeline check`` lists the ones still pending.

An editor who decides a suggestion is not the same event dismisses it
(``timeline dismiss ENTRY --article A --sentence N``, or by hand): the
decision is recorded in ``content/dismissed-suggestions.yml``, a file meant
to be committed, and ``check`` no longer lists it.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from timeline.content.model import Content
from timeline.content.frontmatter import load_yaml
from timeline.content.problems import ContentError, Problem
from timeline.fileio import write_text_atomic

SUGGESTIONS_FILE = Path(".timeline") / "suggestions.yml"
DISMISSED_FILE = Path("dismissed-suggestions.yml")
DISMISSED_HEADER = ("# Merge suggestions an editor decided not to take: `timeline check` no longer\n"
                    "# lists them. Written by `timeline dismiss`, editable by hand; commit this file.\n")


def dismissed_suggestions(content_root: Path) -> tuple[set[tuple[str, str, int]], list[str]]:
    """The dismissed (entry, article, sentence) triples, and a line for each unreadable item."""
    path = content_root / DISMISSED_FILE
    if not path.exists():
        return set(), []
    try:
        items = load_yaml(path.read_text(encoding="utf-8")) or []
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        line = getattr(getattr(error, "problem_mark", None), "line", 0) + 1
        return set(), [f"{path}:{line}: dismissed: {getattr(error, 'problem', None) or error}"]
    if not isinstance(items, list):
        return set(), [f"{path}:1: dismissed: must be a list of `- entry: …, article: …, sentence: N`"]
    found: set[tuple[str, str, int]] = set()
    problems = []
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict) or not isinstance(item.get("sentence"), int) or not item.get("entry") or not item.get("article"):
            problems.append(f"{path}:1: dismissed[{number}]: needs entry, article and sentence (a number)")
            continue
        found.add((str(item["entry"]), str(item["article"]), item["sentence"]))
    return found, problems


def dismiss_suggestion(content_root: Path, entry: str, article: str, sentence: int, reason: str | None = None) -> Path:
    """Record a dismissal at the end of the file (what is there already is kept byte for byte)."""
    path = content_root / DISMISSED_FILE
    existing = path.read_text(encoding="utf-8") if path.exists() else DISMISSED_HEADER
    _, problems = dismissed_suggestions(content_root)
    if problems:

        raise ContentError([Problem(str(path), 1, "dismissed", line.split(": ", 2)[-1]) for line in problems], action="dismiss")
    item = {"entry": entry, "article": article, "sentence": sentence, **({"reason": reason} if reason else {})}
    text = yaml.safe_dump([item], allow_unicode=True, sort_keys=False, width=10_000)
    write_text_atomic(path, existing + ("" if existing.endswith("\n") else "\n") + text)
    return path


def pending_suggestions(content: Content) -> list[str]:
    """One line per suggestion whose entry exists and does not cite the sentence yet."""
    dismissed, lines = dismissed_suggestions(content.root)
    path = content.root / SUGGESTIONS_FILE
    if not path.exists():
        return lines
    try:
        items = load_yaml(path.read_text(encoding="utf-8")) or []  # alias and depth limits
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", 0) + 1
        why = getattr(error, "problem", None) or "unreadable"
        return [*lines, f"{path}:{line}: suggestions: {why}; delete the file and run `timeline extract` again"]
    entries = {entry.id: entry for entry in content.entries}
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        entry = entries.get(str(item.get("entry")))
        if entry is None:
            continue
        if (entry.id, str(item.get("article")), item.get("sentence")) in dismissed:
            continue
        quote = str(item.get("quote", ""))
        if any(source.quote == quote for source in entry.sources + entry.counter_sources):
            continue
        lines.append(f"{entry.path}:1: sources: merge suggestion: article \"{item.get('article')}\" "
                     f"sentence {item.get('sentence')} may report this event; add it as a source, or dismiss it: "
                     f"timeline dismiss {entry.id} --article {item.get('article')} --sentence {item.get('sentence')}")
    return lines
