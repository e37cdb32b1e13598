"""Each command loads the content once (issue 13), and every command reads
mkdocs.yml the way `mkdocs build` does (``mkdocs.config.load_config``)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

import timeline.content.articles
import timeline.content.load
import timeline.extract.runner
from timeline.cli import main

WAFIDEEN = "2018-04-08-wafideen-meeting"


@pytest.fixture
def loads(monkeypatch) -> Counter:
    """Counts full content loads and reads of the articles folder, wherever they come from."""
    counts: Counter = Counter()
    read_content, load_articles = timeline.content.load.read_content, timeline.content.articles.load_articles

    def counted_read_content(*args, **kwargs):
        counts["content"] += 1
        return read_content(*args, **kwargs)

    def counted_load_articles(*args, **kwargs):
        counts["articles"] += 1
        return load_articles(*args, **kwargs)

    monkeypatch.setattr(timeline.content.load, "read_content", counted_read_content)
    monkeypatch.setattr(timeline.content.load, "load_articles", counted_load_articles)
    monkeypatch.setattr(timeline.content.articles, "load_articles", counted_load_articles)
    return counts


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_check_loads_once(project, loads):
    run("check", "--config", str(project.config))
    assert loads == {"content": 1, "articles": 1}


def test_extract_loads_once(project, loads):
    output = run("extract", "--config", str(project.config))
    assert "1 new entr" in output  # it did extract: the seed article was read from the loaded content
    assert loads == {"content": 1, "articles": 1}


def test_extract_reads_again_under_its_lock_only_the_entry_saved_since_the_load(project, loads, monkeypatch):
    """An editor saves an entry after `timeline extract` loaded the content and
    before it takes its lock: that one file is read again, no other, and the
    content is still loaded once."""
    read: list[Path] = []
    load_entry, lock = timeline.content.load.load_entry, timeline.extract.runner.extraction_lock
    monkeypatch.setattr(timeline.content.load, "load_entry",
                        lambda path, *args, **kwargs: read.append(Path(path)) or load_entry(path, *args, **kwargs))
    edited = project.content / "events" / "2018-04" / f"{WAFIDEEN}.md"
    at_load: list[Path] = []

    @contextmanager
    def editing_then_locking(*args, **kwargs):
        at_load.extend(read)
        read.clear()
        edited.write_text(edited.read_text(encoding="utf-8") + "\nملاحظة أضافها محرر.\n", encoding="utf-8")
        with lock(*args, **kwargs):
            yield

    monkeypatch.setattr(timeline.extract.runner, "extraction_lock", editing_then_locking)
    run("extract", "--config", str(project.config))
    assert len(at_load) == 9 and edited in at_load  # the one load read every entry
    assert read == [edited]
    assert loads == {"content": 1, "articles": 1}


def test_build_loads_once(project, tmp_path, loads):
    run("extract", "--config", str(project.config))  # nothing left for the build to extract
    loads.clear()
    run("build", "--config", str(project.config), "--site-dir", str(tmp_path / "site"))
    assert loads == {"content": 1, "articles": 1}
    assert (tmp_path / "site" / "events" / WAFIDEEN / "index.html").is_file()


def test_build_that_extracts_loads_again_after_writing(empty_project, tmp_path, loads):
    """Extraction writes entries: what was loaded before is out of date, and is loaded once more."""
    output = run("build", "--config", str(empty_project.config), "--site-dir", str(tmp_path / "site"))
    assert "extracted 1 new article" in output
    assert loads == {"content": 2, "articles": 2}


def test_snapshot_loads_once(project, tmp_path, loads, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1523145600")
    run("snapshot", "--config", str(project.config), "--out", str(tmp_path / "bag.zip"))
    assert loads == {"content": 1, "articles": 1}  # was three: the command, the snapshot, the build
    assert (tmp_path / "bag.zip").is_file()


def test_content_dir_from_env_is_honoured_by_check_and_both_builds(project, tmp_path, monkeypatch):
    """`content_dir: !ENV [TL_CONTENT, content]`: `timeline check`, `timeline build` and
    `mkdocs build` all read the folder the variable names."""
    config = project.config.read_text(encoding="utf-8")
    project.config.write_text(config.replace("      site_id: douma-timeline\n",
                                             "      site_id: douma-timeline\n      content_dir: !ENV [TL_CONTENT, content]\n", 1),
                              encoding="utf-8")
    other = tmp_path / "other-content"
    shutil.copytree(project.content, other)
    (other / "events" / "2018-04" / f"{WAFIDEEN}.md").unlink()
    monkeypatch.setenv("TL_CONTENT", str(other))

    assert "ok: 8 entries" in run("check", "--config", str(project.config))
    run("build", "--config", str(project.config), "--no-extract", "--site-dir", str(tmp_path / "timeline-site"))
    mkdocs = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project.config), "-d", str(tmp_path / "mkdocs-site")],
                            capture_output=True, text=True)
    assert mkdocs.returncode == 0, mkdocs.stderr
    for site in (tmp_path / "timeline-site", tmp_path / "mkdocs-site"):
        events = {path.name for path in (site / "events").iterdir() if path.is_dir()}
        assert "2018-04-01-heavy-bombardment-of-douma" in events and WAFIDEEN not in events, (site, events)

    monkeypatch.delenv("TL_CONTENT")  # the default of the tag: the project's own content
    assert "ok: 9 entries" in run("check", "--config", str(project.config))


def test_no_other_reader_of_mkdocs_yml():
    """Only ``timeline/config.py`` opens mkdocs.yml, and it does so through MkDocs' load_config."""
    package = Path(timeline.content.load.__file__).resolve().parents[1]
    readers = [path.relative_to(package).as_posix() for path in package.rglob("*.py")
               if any(word in path.read_text(encoding="utf-8") for word in ("get_yaml_loader", "yaml_load(", "load_config("))]
    assert readers == ["config.py"], readers


def test_extraction_slugs_follow_the_one_slug_rule():
    """Extraction's ids are made by ``content.ids.ascii_slug``: valid ids, no trailing hyphen after the cut."""
    from timeline.content.ids import is_valid_id
    from timeline.extract.titles import make_id, make_slug

    long_key = "a" * 67 + "-b"  # a cut at 80 characters lands right after a hyphen
    slug = make_slug(["bombardment"], [long_key], ["douma"], "seed")
    assert not slug.endswith("-") and len(slug) <= 80
    assert is_valid_id(make_id("2018-04-07", slug))
    assert make_slug(["chemical-attack"], ["Jaysh al-Islam"], ["douma"], "seed").startswith("chemical-attack-jaysh-al-islam-douma-")
