"""The command line: `timeline new`, `check`, and what users see on errors."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from timeline.cli import main

from project_helpers import SEED_ARTICLE_ID

QUOTE = "وأضاف المصدر ان النظام اشترط قبل الدخول في مفاوضات مع جيش الإسلام وقف اطلاق القذائف باتجاه مدينة دمشق."


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_new_with_complete_flags_gives_a_valid_entry(project):
    result = run("new", "--config", str(project.config), "--date", "2018-04-08", "--title", "النظام يشترط وقف القذائف على دمشق",
                 "--category", "negotiation", "--actor", "النظام السوري", "--place", "دمشق",
                 "--article", SEED_ARTICLE_ID, "--quote", QUOTE, "--attributed-to", "sana", "--slug", "shelling condition")
    assert result.exit_code == 0, result.output
    path = project.events / "2018-04" / next(p.name for p in (project.events / "2018-04").glob("2018-04-08-shelling-condition-*.md"))
    assert f"created {path}" in result.output
    checked = run("check", "--config", str(project.config))
    assert checked.exit_code == 0, checked.output
    assert "10 entries" in checked.output


def test_new_with_missing_flags_leaves_placeholders_that_check_reports(project):
    result = run("new", "--config", str(project.config), "--date", "2018-04-08")
    assert result.exit_code == 0, result.output
    path = result.output.split("created ", 1)[1].strip()
    checked = run("check", "--config", str(project.config))
    assert checked.exit_code == 1
    for field in ("title", "categories.0", "sources.0.article", "sources.0.quote", "body"):
        assert f"{path}:" in checked.output and f": {field}: placeholder left by `timeline new`" in checked.output, field


def test_new_never_replaces_an_existing_entry(project):
    args = ["new", "--config", str(project.config), "--date", "2018-04-08", "--title", "عنوان", "--slug", "same"]
    first = run(*args)
    assert first.exit_code == 0
    path = first.output.split("created ", 1)[1].strip()
    before = open(path, encoding="utf-8").read()
    second = run(*args)
    assert second.exit_code == 1 and "exists already" in second.output
    assert open(path, encoding="utf-8").read() == before


def test_new_ids_are_ascii_and_filesystem_safe(project):
    result = run("new", "--config", str(project.config), "--date", "2018-04-08", "--title", "قصف على دوما", "--slug", "../../قصف etc/passwd")
    path = result.output.split("created ", 1)[1].strip()
    name = path.rsplit("/", 1)[1]
    assert name.isascii() and ".." not in name[:-3] and name.startswith("2018-04-08-")
    assert str(project.events) in path


def test_missing_config_is_a_message_not_a_traceback(tmp_path):
    result = run("check", "--config", str(tmp_path / "nope.yml"))
    assert result.exit_code == 1
    assert "nope.yml:1: mkdocs.yml: file not found" in result.output


def test_python_dash_m_and_light_import():
    out = subprocess.run([sys.executable, "-m", "timeline", "--help"], capture_output=True, text=True, check=True).stdout
    assert "check" in out and "build" in out
    code = "import sys, timeline, timeline.cli; print(sorted(m for m in ('dateparser', 'mkdocs', 'playwright') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "[]"
