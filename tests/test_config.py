"""The plugin's options are declared with MkDocs' config_options: nonsense is refused by
`timeline check` and `timeline build` alike, with the option named."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from timeline.cli import main


def set_option(project, line: str) -> None:
    """Add ``line`` (an option of the timeline plugin) right after ``site_id``."""
    config = project.config.read_text(encoding="utf-8")
    assert "      site_id: douma-timeline\n" in config
    project.config.write_text(config.replace("      site_id: douma-timeline\n", f"      {line}\n", 1), encoding="utf-8")


@pytest.mark.parametrize("line, key, words", [
    ("feed_limit: -5", "feed_limit", "less than 0"),
    ("month_pages_after: -1", "month_pages_after", "less than 0"),
    ("listing_years_after: many", "listing_years_after", "whole number"),
    ("feed_limit: true", "feed_limit", "whole number"),
    ('site_id: "has space/ü"', "site_id", "is not valid"),
])
def test_bad_option_is_refused_by_check_and_build(project, line, key, words):
    set_option(project, line)
    for command in ("check", "build"):
        result = CliRunner().invoke(main, [command, "--config", str(project.config)])
        assert result.exit_code == 1, (command, result.output)
        assert f"plugins.timeline.{key}" in result.output or f"'{key}'" in result.output, (command, result.output)
        assert words in result.output, (command, result.output)


@pytest.mark.parametrize("spec, words", [
    ("{label: قصف, color: 5}", "is not a colour"),
    ("{color: '#123456'}", "Required configuration not provided"),
    ("{label: [1], color: '#123456'}", "Expected type"),
])
def test_a_category_is_a_label_and_a_colour(project, spec, words):
    config = project.config.read_text(encoding="utf-8")
    project.config.write_text(config.replace("        other: {label: أخرى, color: \"#6b6b6b\"}\n", f"        other: {spec}\n"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--config", str(project.config)])
    assert result.exit_code == 1
    assert "plugins.timeline.categories" in result.output and words in result.output, result.output


def test_zero_is_a_bound_not_an_error(project):
    set_option(project, "feed_limit: 0")
    result = CliRunner().invoke(main, ["check", "--config", str(project.config)])
    assert "feed_limit" not in result.output, result.output


def test_check_reads_env_tags_as_mkdocs_does(project, tmp_path, monkeypatch):
    """`content_dir: !ENV [TL_CONTENT, content]`: check must look where mkdocs build looks."""
    config = project.config.read_text(encoding="utf-8")
    project.config.write_text(config.replace("      site_id: douma-timeline\n",
                                             "      site_id: douma-timeline\n      content_dir: !ENV [TL_CONTENT, content]\n", 1),
                              encoding="utf-8")
    assert CliRunner().invoke(main, ["check", "--config", str(project.config)]).exit_code == 0
    other = tmp_path / "elsewhere"
    (other / "events").mkdir(parents=True)
    (other / "events" / "broken.md").write_text("---\nid: broken\n", encoding="utf-8")
    monkeypatch.setenv("TL_CONTENT", str(other))
    result = CliRunner().invoke(main, ["check", "--config", str(project.config)])
    assert result.exit_code == 1 and str(other / "events" / "broken.md") in result.output, result.output


def test_every_bad_option_is_named_with_its_line_at_once(project):
    """MkDocs' load_config reads mkdocs.yml; each option it refuses or does not know is a problem on its own line."""
    set_option(project, "site_id: douma-timeline\n      feed_limit: -5\n      month_pages_after: many\n      feed_limt: 5")
    lines = project.config.read_text(encoding="utf-8").splitlines()
    line_of = {key: next(n for n, text in enumerate(lines, 1) if text.strip().startswith(f"{key}:"))
               for key in ("feed_limit", "month_pages_after", "feed_limt")}
    result = CliRunner().invoke(main, ["check", "--config", str(project.config)])
    assert result.exit_code == 1
    assert f"{project.config}:{line_of['feed_limit']}: plugins.timeline.feed_limit: -5 is less than 0" in result.output, result.output
    assert f"{project.config}:{line_of['month_pages_after']}: plugins.timeline.month_pages_after: expected a whole number" in result.output
    assert "check failed: 2 problems found" in result.output


def test_an_unknown_option_is_a_warning_on_its_line(project):
    set_option(project, "site_id: douma-timeline\n      feed_limt: 5")
    line = project.config.read_text(encoding="utf-8").splitlines().index("      feed_limt: 5") + 1
    result = CliRunner().invoke(main, ["check", "--config", str(project.config)])
    assert result.exit_code == 0, result.output
    assert f"{project.config}:{line}: plugins.timeline.feed_limt: warning: Unrecognised configuration name" in result.output
