"""Extraction's re-read of entry files under its lock finds files as the
content loader does: hidden files left out, a symbolic link never followed."""

from __future__ import annotations

from pathlib import Path

from timeline.extract.writer import load_entries

ENTRY = "---\nid: {id}\ndate: 2018-04-08\ntitle: اجتماع\ncategories: [negotiation]\nreview: auto\n---\n"


def test_entries_are_read_and_a_linked_entry_is_a_problem_not_followed(tmp_path: Path) -> None:
    events = tmp_path / "content" / "events" / "2018"
    events.mkdir(parents=True)
    (events / "meeting.md").write_text(ENTRY.format(id="meeting"), encoding="utf-8")
    (events / ".draft.md").write_text(ENTRY.format(id="hidden"), encoding="utf-8")
    outside = tmp_path / "elsewhere.md"
    outside.write_text(ENTRY.format(id="outside"), encoding="utf-8")
    (events / "linked.md").symlink_to(outside)

    entries, problems = load_entries(tmp_path / "content" / "events")

    assert [entry.front["id"] for entry in entries] == ["meeting"]
    assert [(Path(p.path).name, p.line, p.field) for p in problems] == [("linked.md", 1, "file")]
    assert "symbolic link" in problems[0].message
