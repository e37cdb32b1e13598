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
