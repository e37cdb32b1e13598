"""Extraction works from the validated entries the command loaded, and under
its lock reads again only the entry files changed since that load, with the
content loader's own walk and reader (``content.load.entries_now``)."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

import timeline.content.load
import timeline.extract.runner
from timeline.config import project_config
from timeline.content.entries import entry_file_text, read_entry_file
from timeline.content.load import entries_now, load_content
from timeline.content.problems import ContentError
from timeline.extract import run_extraction
from project_helpers import SECOND_ARTICLE, SEED_ARTICLE_ID

ROOT = Path(__file__).resolve().parents[1]
SEED = SEED_ARTICLE_ID
SECOND = SECOND_ARTICLE
CATEGORIES = project_config(ROOT / "mkdocs.yml").categories


def quiet(*args, **kwargs) -> None:
    pass


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The seed article extracted once into an empty events folder, and a second
    article that reports the seed's first event (its citation joins that entry)."""
    root = tmp_path / "content"
    (root / "articles").mkdir(parents=True)
    for name in ("outlets.yml", "gazetteer.yml"):
        shutil.copy(ROOT / "content" / name, root / name)
    shutil.copy(ROOT / "content" / "articles" / f"{SEED}.md", root / "articles")
    run_extraction(root, None, echo=quiet)
    (root / "articles" / "sana-2018-04-08-wafideen.md").write_text(SECOND, encoding="utf-8")
    return root


def meeting_entry(root: Path) -> Path:
    return next(p for p in (root / "events").rglob("*.md") if read_entry_file(p)[0]["extracted"]["sentence"] == 1)


@pytest.fixture
def reread(monkeypatch) -> list[Path]:
    """Every entry file ``load_entry`` reads, in order."""
    paths: list[Path] = []
    load_entry = timeline.content.load.load_entry

    def counted(path, *args, **kwargs):
        paths.append(Path(path))
        return load_entry(path, *args, **kwargs)

    monkeypatch.setattr(timeline.content.load, "load_entry", counted)
    return paths


def edit_before_the_lock(monkeypatch, edit) -> None:
    """Run ``edit`` after the command loaded its content, right before extraction takes its lock."""
    lock = timeline.extract.runner.extraction_lock

    @contextmanager
    def editing_then_locking(*args, **kwargs):
        edit()
        with lock(*args, **kwargs):
            yield

    monkeypatch.setattr(timeline.extract.runner, "extraction_lock", editing_then_locking)


def test_nothing_changed_nothing_read_again(content: Path, reread: list[Path]) -> None:
    loaded, problems = load_content(content, CATEGORIES)
    assert not problems and len(reread) == len(loaded.entries) > 5
    reread.clear()
    entries, again, problems = entries_now(loaded)
    assert again == [] == reread and not problems
    assert entries == sorted(loaded.entries, key=lambda e: e.path)


def test_a_changed_and_a_new_file_are_read_again_and_a_link_is_a_problem(content: Path, tmp_path: Path,
                                                                        reread: list[Path]) -> None:
    loaded, _ = load_content(content, CATEGORIES)
    path = meeting_entry(content)
    front, body = read_entry_file(path)
    front["title"] = "عنوان كتبه محرر"
    path.write_text(entry_file_text(front, body), encoding="utf-8")
    copy = path.with_name("copy-of-meeting.md")
    copy.write_text(entry_file_text(front | {"id": "copy-of-meeting"}, body), encoding="utf-8")
    (path.parent / ".draft.md").write_text(entry_file_text(front | {"id": "draft"}, body), encoding="utf-8")
    outside = tmp_path / "elsewhere.md"
    outside.write_text(entry_file_text(front | {"id": "linked"}, body), encoding="utf-8")
    (path.parent / "linked.md").symlink_to(outside)
    reread.clear()

    entries, again, problems = entries_now(loaded)

    assert sorted(again) == sorted([path, copy]) == sorted(reread)
    by_id = {entry.id: entry for entry in entries}
    assert by_id[front["id"]].title == "عنوان كتبه محرر"
    assert "copy-of-meeting" in by_id and "draft" not in by_id and "linked" not in by_id
    assert [(Path(p.path).name, p.line, p.field) for p in problems] == [("linked.md", 1, "file")]


def test_an_edit_saved_between_the_load_and_the_lock_is_seen_and_never_overwritten(
        content: Path, monkeypatch, reread: list[Path]) -> None:
    path = meeting_entry(content)
    loaded, problems = load_content(content, CATEGORIES)
    assert not problems
    front, body = read_entry_file(path)

    def edit() -> None:
        path.write_text(entry_file_text(front | {"title": "عنوان كتبه محرر"}, body), encoding="utf-8")

    edit_before_the_lock(monkeypatch, edit)
    reread.clear()
    summary = run_extraction(content, ["sana-2018-04-08-wafideen"], echo=quiet, content=loaded)

    assert reread == [path]  # only the file saved since the load is read again
    assert summary.merged_citations == 0 and summary.suggestions == 1 and summary.new_entries == 0
    assert read_entry_file(path)[0]["title"] == "عنوان كتبه محرر"
    assert [c["article"] for c in read_entry_file(path)[0]["sources"]] == [s["article"] for s in front["sources"]]


def test_without_an_edit_the_same_run_adds_the_citation(content: Path, reread: list[Path]) -> None:
    """The counterpart of the test above: the loaded entry is used as it is, read again nowhere."""
    path = meeting_entry(content)
    loaded, _ = load_content(content, CATEGORIES)
    reread.clear()
    summary = run_extraction(content, ["sana-2018-04-08-wafideen"], echo=quiet, content=loaded)
    assert reread == [] and summary.merged_citations == 1
    assert read_entry_file(path)[0]["sources"][-1]["article"] == "sana-2018-04-08-wafideen"


def test_rejected_between_the_load_and_the_lock_is_never_recreated(content: Path, monkeypatch) -> None:
    path = meeting_entry(content)
    loaded, _ = load_content(content, CATEGORIES)
    front, body = read_entry_file(path)
    edit_before_the_lock(monkeypatch, lambda: path.write_text(entry_file_text(front | {"review": "rejected"}, body),
                                                              encoding="utf-8"))
    count = len(list((content / "events").rglob("*.md")))
    summary = run_extraction(content, None, echo=quiet, content=loaded)
    assert summary.new_entries == 0 and len(list((content / "events").rglob("*.md"))) == count
    assert read_entry_file(path)[0]["review"] == "rejected"


def test_an_entry_made_invalid_before_the_lock_is_named_and_nothing_is_written(content: Path, monkeypatch) -> None:
    path = meeting_entry(content)
    loaded, _ = load_content(content, CATEGORIES)
    text = path.read_text(encoding="utf-8").replace("categories: [", "categories: [no-such-category, ", 1)
    line = next(number for number, row in enumerate(text.splitlines(), 1) if row.startswith("categories:"))
    edit_before_the_lock(monkeypatch, lambda: path.write_text(text, encoding="utf-8"))
    with pytest.raises(ContentError) as error:
        run_extraction(content, ["sana-2018-04-08-wafideen"], echo=quiet, content=loaded)
    assert f"{path}:{line}: categories: unknown category \"no-such-category\"" in error.value.format_message()
    assert path.read_text(encoding="utf-8") == text
    assert not (content / ".timeline" / "suggestions.yml").exists()
