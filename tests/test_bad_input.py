"""The bad-input corpus: each broken file gets its message, nothing is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from timeline.cli import main

BAD = Path(__file__).parent / "fixtures" / "bad" / "check"
EXPECTED = yaml.safe_load((BAD / "expected.yml").read_text(encoding="utf-8"))


def invoke(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert not (result.exception and not isinstance(result.exception, SystemExit)), result.exception
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize("case", sorted(EXPECTED))
@pytest.mark.parametrize("command", ["check", "build"])
def test_bad_entry_is_reported_and_nothing_is_written(project, case, command):
    line, field, message = EXPECTED[case]
    target = project.events / "2018-04" / case
    shutil.copy(BAD / case, target)
    site = project.root / "site"
    args = [command, "--config", str(project.config)] + (["--site-dir", str(site)] if command == "build" else [])
    events_before = sorted(p.name for p in project.events.rglob("*.md"))
    result = invoke(*args)
    assert result.exit_code == 1
    assert f"{target}:{line}: {field}: " in result.output, result.output
    assert message in result.output, result.output
    assert not site.exists()
    assert sorted(p.name for p in project.events.rglob("*.md")) == events_before


def test_a_very_large_file_is_refused_quickly(project):
    target = project.events / "huge.md"
    target.write_text("---\nid: huge\n---\n" + "نص " * 1_500_000, encoding="utf-8")
    result = invoke("check", "--config", str(project.config))
    assert result.exit_code == 1
    assert f"{target}:1: file: file is " in result.output and "the limit is 5 MB per file" in result.output


def test_every_corpus_file_has_an_expectation():
    assert sorted(p.name for p in BAD.glob("*.md")) == sorted(EXPECTED)


BAD_IMPORTS = Path(__file__).parent / "fixtures" / "bad" / "import"
EXPECTED_IMPORTS = yaml.safe_load((BAD_IMPORTS / "expected.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", sorted(EXPECTED_IMPORTS))
def test_bad_import_is_reported_and_nothing_is_written(project, case):
    expected = EXPECTED_IMPORTS[case]
    source = BAD_IMPORTS / case
    before = sorted(p.name for p in (project.content / "articles").iterdir())
    result = invoke("import", str(source), "--config", str(project.config), *expected["args"])
    assert result.exit_code == 1
    assert f"{source}:{expected['line']}: {expected['field']}: " in result.output, result.output
    assert expected["message"] in result.output, result.output
    assert sorted(p.name for p in (project.content / "articles").iterdir()) == before


def test_a_very_large_import_is_refused(project, tmp_path):
    source = tmp_path / "huge.txt"
    source.write_text("قصف على دوما. " * 600_000, encoding="utf-8")
    result = invoke("import", str(source), "--config", str(project.config), "--outlet", "sana", "--published", "2018-04-08")
    assert result.exit_code == 1 and f"{source}:1: file: " in result.output and "limit" in result.output


def test_every_import_case_has_an_expectation():
    assert sorted(p.name for p in BAD_IMPORTS.iterdir() if p.name != "expected.yml") == sorted(EXPECTED_IMPORTS)


@pytest.mark.parametrize("case", ["broken-yaml.md", "impossible-date.md", "quote-not-in-article.md"])
def test_extract_refuses_invalid_content_and_writes_nothing(project, case):
    target = project.events / "2018-04" / case
    shutil.copy(BAD / case, target)
    line, field, message = EXPECTED[case]
    before = sorted(str(p) for p in project.content.rglob("*"))
    result = invoke("extract", "--config", str(project.config))
    assert result.exit_code == 1
    assert f"{target}:{line}: {field}: " in result.output and message in result.output, result.output
    assert sorted(str(p) for p in project.content.rglob("*") if ".timeline" not in p.parts) == [p for p in before if ".timeline" not in p]


def test_extract_names_a_missing_article(project):
    result = invoke("extract", "no-such-article", "--config", str(project.config))
    assert result.exit_code == 1
    assert f"{project.content / 'articles' / 'no-such-article.md'}:1: article: no stored article" in result.output
