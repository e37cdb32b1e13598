"""Extraction on the seed article and the rules that protect editors' work."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest
import yaml

from timeline.content.entries import entry_file_text, read_entry_file
from timeline.extract import never_extracted, run_extraction
from timeline.normalize import normalize_arabic
from timeline.content.problems import ContentError
from project_helpers import SECOND_ARTICLE, SEED_ARTICLE_ID

ROOT = Path(__file__).resolve().parents[1]
SEED = SEED_ARTICLE_ID
SECOND = SECOND_ARTICLE


def quiet(*args, **kwargs) -> None:
    pass


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A content folder with the default registries, the seed article and no entries."""
    root = tmp_path / "content"
    (root / "articles").mkdir(parents=True)
    for name in ("outlets.yml", "gazetteer.yml"):
        shutil.copy(ROOT / "content" / name, root / name)
    shutil.copy(ROOT / "content" / "articles" / f"{SEED}.md", root / "articles")
    return root


def entries(root: Path) -> dict[str, tuple[dict, str]]:
    return {p.stem: read_entry_file(p) for p in sorted((root / "events").rglob("*.md"))}


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and p.name != "extract.lock"}


def quotes_of(front: dict) -> set[str]:
    return {normalize_arabic(c["quote"]) for c in front.get("sources", [])}


def test_seed_finds_every_verified_entry_with_its_date_and_sentence(content: Path) -> None:
    run_extraction(content, None, echo=quiet)
    found = list(entries(content).values())
    verified = [read_entry_file(p)[0] for p in sorted((ROOT / "content" / "events").rglob("*.md"))]
    verified = [front for front in verified if front.get("review") == "verified"]
    assert verified, "the default content has verified entries"
    for expected in verified:
        matches = [front for front, _ in found
                   if (front["date"], front.get("end")) == (expected["date"], expected.get("end"))
                   and quotes_of(front) & quotes_of(expected)]
        assert matches, f"no extracted entry for {expected['id']}"


def test_seed_plans_demands_and_commentary_are_not_events(content: Path) -> None:
    run_extraction(content, None, echo=quiet)
    cited = set().union(*(quotes_of(front) for front, _ in entries(content).values()))
    for words in ("كتيبة شرطة", "تلخصت طلبات", "كما شملت الشروط", "واعتبرت مصادر", "التعليقات"):
        assert not any(words in quote for quote in cited), words


def test_seed_entry_carries_attribution_figures_and_provenance(content: Path) -> None:
    run_extraction(content, None, echo=quiet)
    by_sentence = {front["extracted"]["sentence"]: (front, body) for front, body in entries(content).values()}
    meeting, _ = by_sentence[1]
    assert meeting["date"] == "2018-04-08" and "approximate" not in meeting
    # one entry per occurrence: the lead, the state-media account, the
    # delegation's return reported in the same breath, and SANA's report
    assert [c.get("attributed_to") for c in meeting["sources"]] == [None, "regime-media", "regime-media", "sana"]
    assert meeting["review"] == "auto" and meeting["extracted"]["fingerprint"].startswith("sha256:")
    assert len(meeting["title"].split()) <= 12
    killed, body = by_sentence[17]
    assert killed["sources"][0]["attributed_to"] == "civil-defence-douma"
    assert "13" in body and "عشرات" in body
    assert by_sentence[9][0]["date"] == "2018-04-06"
    for front, _ in by_sentence.values():
        assert front["id"].isascii() and front["id"].startswith(front["date"][:10])


def test_second_run_changes_nothing(content: Path) -> None:
    first = run_extraction(content, None, echo=quiet)
    before = snapshot(content)
    second = run_extraction(content, None, echo=quiet)
    assert first.new_entries > 5 and second.new_entries == 0 and second.merged_citations == 0
    assert snapshot(content) == before


def test_dry_run_writes_nothing_and_prints_entries(content: Path) -> None:
    printed: list[str] = []
    summary = run_extraction(content, None, dry_run=True, echo=lambda text="", **_: printed.append(str(text)))
    assert summary.new_entries > 5
    assert not (content / "events").exists()
    assert any("review: auto" in text for text in printed)


def test_edited_entry_is_never_touched_and_gets_a_suggestion(content: Path) -> None:
    run_extraction(content, None, echo=quiet)
    path = next(p for p in (content / "events").rglob("*.md") if read_entry_file(p)[0]["extracted"]["sentence"] == 1)
    front, body = read_entry_file(path)
    front["title"] = "عنوان كتبه محرر"
    path.write_text(entry_file_text(front, body), encoding="utf-8")
    edited = path.read_bytes()
    (content / "articles" / "sana-2018-04-08-wafideen.md").write_text(SECOND, encoding="utf-8")
    summary = run_extraction(content, None, echo=quiet)
    assert path.read_bytes() == edited
    assert summary.suggestions == 1 and summary.new_entries == 0
    suggestions = yaml.safe_load((content / ".timeline" / "suggestions.yml").read_text(encoding="utf-8"))
    assert suggestions[0]["entry"] == front["id"] and suggestions[0]["article"] == "sana-2018-04-08-wafideen"
    again = run_extraction(content, None, echo=quiet)
    assert again.suggestions == 0 and again.new_entries == 0


def test_same_event_in_second_article_becomes_a_citation(content: Path) -> None:
    run_extraction(content, None, echo=quiet)
    (content / "articles" / "sana-2018-04-08-wafideen.md").write_text(SECOND, encoding="utf-8")
    summary = run_extraction(content, ["sana-2018-04-08-wafideen"], echo=quiet)
    assert summary.merged_citations == 1 and summary.new_entries == 0
    meeting = next(front for front, _ in entries(content).values() if front["extracted"]["sentence"] == 1)
    assert meeting["sources"][-1]["article"] == "sana-2018-04-08-wafideen"
    from timeline.content.entries import is_edited
    assert not any(is_edited(front, body) for front, body in entries(content).values())


def test_rejected_entry_is_never_recreated(content: Path) -> None:
    run_extraction(content, None, echo=quiet)
    path = sorted((content / "events").rglob("*.md"))[0]
    front, body = read_entry_file(path)
    front["review"] = "rejected"
    path.write_text(entry_file_text(front, body), encoding="utf-8")
    count = len(entries(content))
    summary = run_extraction(content, None, echo=quiet)
    assert summary.new_entries == 0 and len(entries(content)) == count
    assert read_entry_file(path)[0]["review"] == "rejected"


def test_sentences_cited_by_verified_entries_are_not_extracted_again(content: Path) -> None:
    shutil.copytree(ROOT / "content" / "events", content / "events")
    verified_quotes = set().union(*(quotes_of(front) for front, _ in entries(content).values()))
    run_extraction(content, None, echo=quiet)
    for front, _ in entries(content).values():
        if front.get("review") == "auto":
            assert not quotes_of(front) & verified_quotes, front["id"]


def test_unknown_outlet_extracts_with_a_warning(content: Path) -> None:
    (content / "articles" / "x-2018-04-08-a.md").write_text(SECOND.replace("outlet: sana", "outlet: nowhere").replace("sana-2018-04-08-wafideen", "x-2018-04-08-a"), encoding="utf-8")
    summary = run_extraction(content, ["x-2018-04-08-a"], echo=quiet)
    assert summary.new_entries == 1
    assert any(w.field == "outlet" and "nowhere" in w.message for w in summary.warnings)


def test_missing_article_is_a_located_error(content: Path) -> None:
    with pytest.raises(ContentError) as error:
        run_extraction(content, ["no-such-article"], echo=quiet)
    assert "no-such-article.md:1: article:" in error.value.format_message()


def test_broken_entry_stops_extraction_before_writing(content: Path) -> None:
    (content / "events").mkdir()
    (content / "events" / "broken.md").write_text("---\nid: [\n---\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        run_extraction(content, None, echo=quiet)
    assert "broken.md:" in error.value.format_message()
    assert [p.name for p in (content / "events").rglob("*.md")] == ["broken.md"]


def _corpus(root: Path, count: int) -> None:
    text = (root / "articles" / f"{SEED}.md").read_text(encoding="utf-8")
    for number in range(count):
        day = f"2018-03-{number + 1:02d}"
        body = text.replace("published: 2018-04-08", f"published: {day}").replace(f"id: {SEED}", f"id: gen-{day}")
        body = body.replace("13 شخصا", f"{number + 14} شخصا").replace("دوما", "حرستا" if number % 2 else "دوما")
        (root / "articles" / f"gen-{day}.md").write_text(body, encoding="utf-8")


def test_output_does_not_depend_on_jobs(tmp_path: Path, content: Path) -> None:
    _corpus(content, 4)
    other = tmp_path / "other"
    shutil.copytree(content, other)
    run_extraction(content, None, jobs=1, echo=quiet)
    run_extraction(other, None, jobs=2, echo=quiet)
    assert snapshot(content) == snapshot(other)


def _run(root: str) -> None:
    run_extraction(Path(root), None, echo=quiet)


def test_two_runs_at_once_neither_duplicate_nor_corrupt(content: Path) -> None:
    _corpus(content, 3)
    context = multiprocessing.get_context("fork")
    runs = [context.Process(target=_run, args=(str(content),)) for _ in range(2)]
    for run in runs:
        run.start()
    for run in runs:
        run.join(60)
        assert run.exitcode == 0
    together = snapshot(content)
    again = run_extraction(content, None, echo=quiet)
    assert again.new_entries == 0 and again.merged_citations == 0
    assert snapshot(content) == together
    quotes = [normalize_arabic(c["quote"]) for front, _ in entries(content).values() for c in front["sources"]]
    assert len(quotes) == len(set(quotes))


def test_never_extracted_lists_new_articles_only(content: Path) -> None:
    from timeline.config import project_config
    from timeline.content.load import load_content

    categories = project_config(ROOT / "mkdocs.yml").categories
    loaded, _ = load_content(content, categories)
    assert never_extracted(loaded) == [SEED]
    run_extraction(content, None, echo=quiet)
    loaded, _ = load_content(content, categories)
    assert never_extracted(loaded) == []


def test_a_trimmed_reworded_or_moved_quote_still_holds_its_sentence(content: Path) -> None:
    """Issue 14 item 5: extraction identity is the sentence, not the quote text."""
    run_extraction(content, None, echo=quiet)
    paths = sorted((content / "events").rglob("*.md"))
    assert len(paths) >= 3
    fronts = {p: read_entry_file(p) for p in paths}
    first, second, third = paths[:3]
    front, body = fronts[first]
    words = front["sources"][0]["quote"].split()
    front["sources"][0]["quote"] = " ".join(words[: max(3, len(words) // 2)])  # trimmed to part of its sentence
    moved = fronts[third][0]["sources"].pop()  # moved to another entry
    front["sources"].append(moved)
    first.write_text(entry_file_text(front, body), encoding="utf-8")
    if fronts[third][0]["sources"]:
        third.write_text(entry_file_text(*fronts[third]), encoding="utf-8")
    before = sorted(p.name for p in (content / "events").rglob("*.md"))
    summary = run_extraction(content, None, echo=quiet)
    assert summary.new_entries == 0
    assert sorted(p.name for p in (content / "events").rglob("*.md")) == before


def test_a_reworded_quote_is_a_located_problem_and_nothing_is_written(content: Path) -> None:
    """A quote an editor rewrote in their own words is no longer in the article:
    the entry is not valid, so extraction names it and writes nothing (it never
    drafts the sentence again beside it)."""
    run_extraction(content, None, echo=quiet)
    path = sorted((content / "events").rglob("*.md"))[1]
    front, body = read_entry_file(path)
    front["sources"][0]["quote"] = "صياغة كتبها محرر بكلماته للجملة نفسها"  # reworded
    path.write_text(entry_file_text(front, body), encoding="utf-8")
    before = snapshot(content)
    with pytest.raises(ContentError) as error:
        run_extraction(content, None, echo=quiet)
    assert f"{path.name}:" in error.value.format_message() and "sources[1].quote: not found" in error.value.format_message()
    assert snapshot(content) == before
