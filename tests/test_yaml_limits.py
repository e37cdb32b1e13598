"""A "billion laughs" YAML document (tests/fixtures/bad/yaml/billion-laughs.yml)
in every YAML the tool reads is refused fast, in bounded memory, with
`path:line: file: too many aliases` (or the reader's own field)."""

from __future__ import annotations

import resource
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main

BOMB = (Path(__file__).parent / "fixtures" / "bad" / "yaml" / "billion-laughs.yml").read_text(encoding="utf-8")
BOMB_BODY = "".join(line + "\n" for line in BOMB.splitlines() if not line.startswith("#"))


def check(project):
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["check", "--config", str(project.config)])
    assert not (result.exception and not isinstance(result.exception, SystemExit)), result.exception
    return result, time.perf_counter() - started


def front_matter_bomb(fields: str) -> str:
    return "---\n" + textwrap.dedent(fields).lstrip("\n") + BOMB_BODY + "---\nنص.\n"


CASES = {
    "entry": ("content/events/2018-04/bomb.md", lambda: front_matter_bomb("id: bomb\ndate: 2018-04-08\n")),
    "article": ("content/articles/bomb.md", lambda: front_matter_bomb("id: bomb\noutlet: sana\npublished: 2018-04-08\n")),
    "page": ("content/about.md", lambda: front_matter_bomb("title: عن\n")),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bomb_in_front_matter_is_refused_fast(project, case):
    relative, text = CASES[case]
    path = project.root / relative
    path.write_text(text(), encoding="utf-8")
    result, seconds = check(project)
    assert result.exit_code == 1
    assert f"{path}:" in result.output and ": file: too many aliases" in result.output, result.output
    assert seconds < 10


@pytest.mark.parametrize("name", ["outlets.yml", "gazetteer.yml"])
def test_bomb_in_a_registry_is_refused_fast(project, name):
    path = project.content / name
    path.write_text(path.read_text(encoding="utf-8") + BOMB_BODY, encoding="utf-8")
    result, seconds = check(project)
    assert result.exit_code == 1
    assert f"{path}:" in result.output and "too many aliases" in result.output, result.output
    assert seconds < 10


def test_bomb_in_mkdocs_yml_is_refused_fast(project):
    project.config.write_text(project.config.read_text(encoding="utf-8") + "extra:\n" + textwrap.indent(BOMB_BODY, "  "), encoding="utf-8")
    result, seconds = check(project)
    assert result.exit_code == 1
    assert f"{project.config}:" in result.output and "too many aliases" in result.output, result.output


def test_bomb_in_the_suggestion_files_is_reported(project):
    folder = project.content / ".timeline"
    folder.mkdir(exist_ok=True)
    (folder / "suggestions.yml").write_text("- " + BOMB_BODY.replace("\n", "\n  "), encoding="utf-8")
    (project.content / "dismissed-suggestions.yml").write_text("- " + BOMB_BODY.replace("\n", "\n  "), encoding="utf-8")
    result, seconds = check(project)
    assert "suggestions.yml:" in result.output and "too many aliases" in result.output, result.output
    assert "dismissed-suggestions.yml:" in result.output
    assert seconds < 10


def test_bomb_in_an_imported_md_is_refused(project, tmp_path):
    source = tmp_path / "bomb.md"
    source.write_text(front_matter_bomb("title: عنوان\n"), encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(source), "--config", str(project.config),
                                       "--outlet", "sana", "--published", "2018-04-08"])
    assert result.exit_code == 1
    assert f"{source}:" in result.output and "too many aliases" in result.output, result.output


def _check_peak_kb(project) -> tuple[str, int]:
    """Exit code and peak resident memory (KB) of `timeline check` in a fresh process."""
    code = ("import resource, sys\nfrom click.testing import CliRunner\nfrom timeline.cli import main\n"
            f"r = CliRunner().invoke(main, ['check', '--config', {str(project.config)!r}])\n"
            "print(r.exit_code, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    exit_code, peak_kb = done.stdout.split()
    return exit_code, int(peak_kb)


def test_bomb_costs_bounded_memory(project):
    """Checking a bombed entry costs at most 150 MB more than checking the same
    project without it (fresh processes, ru_maxrss), not 24 GB."""
    _, clean_kb = _check_peak_kb(project)
    (project.events / "2018-04" / "bomb.md").write_text(front_matter_bomb("id: bomb\ndate: 2018-04-08\n"), encoding="utf-8")
    exit_code, bomb_kb = _check_peak_kb(project)
    assert exit_code == "1" and bomb_kb - clean_kb < 150_000, (clean_kb, bomb_kb)
