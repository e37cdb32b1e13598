"""What MkDocs says about mkdocs.yml becomes problems on the option's line:
the timeline plugin's options from its own validation (never parsed out of
log text), the rest from the messages the installed MkDocs really logs."""

from __future__ import annotations

import logging

import mkdocs

from timeline.config import _problems_of, read_config


def write_config(project, replace: dict[str, str]) -> list[str]:
    text = project.config.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    project.config.write_text(text, encoding="utf-8")
    return text.splitlines()


def line_of(lines: list[str], start: str) -> int:
    return next(number for number, text in enumerate(lines, 1) if text.strip().startswith(start))


def located(problems) -> set[tuple[int, str, str]]:
    return {(p.line, p.field, p.severity) for p in problems}


def test_mkdocs_own_option_refused_is_an_error_on_its_line(project):
    lines = write_config(project, {"use_directory_urls: true": "use_directory_urls: maybe"})
    config, problems = read_config(project.config)
    assert config is None
    assert located(problems) == {(line_of(lines, "use_directory_urls:"), "use_directory_urls", "error")}
    assert "Expected type: <class 'bool'> but received: <class 'str'>" in problems[0].message, (mkdocs.__version__, problems)


def test_an_unknown_top_level_name_is_a_warning_on_its_line(project):
    lines = write_config(project, {"strict: false\n": "strict: false\nsite_nmae: x\n"})
    config, problems = read_config(project.config)
    assert config is not None
    assert located(problems) == {(line_of(lines, "site_nmae:"), "site_nmae", "warning")}
    assert problems[0].message == "Unrecognised configuration name: site_nmae"


def test_another_plugins_option_is_named_with_the_plugin(project):
    lines = write_config(project, {"plugins:\n": "plugins:\n  - search:\n      min_search_length: many\n"})
    config, problems = read_config(project.config)
    assert config is None
    assert located(problems) == {(line_of(lines, "min_search_length:"), "plugins.search.min_search_length", "error")}
    assert "Expected type: <class 'int'> but received: <class 'str'>" in problems[0].message


def test_the_plugins_options_come_from_its_validation_not_from_the_log(project):
    """With MkDocs' config logger silenced, the plugin's problems are all still there, each once."""
    lines = write_config(project, {"      site_id: douma-timeline\n":
                                   "      site_id: douma-timeline\n      feed_limit: -5\n      feed_limt: 5\n"})
    expected = {(line_of(lines, "feed_limit:"), "plugins.timeline.feed_limit", "error"),
                (line_of(lines, "feed_limt:"), "plugins.timeline.feed_limt", "warning")}
    _, problems = read_config(project.config)
    assert located(problems) == expected
    logger = logging.getLogger("mkdocs.config")
    logger.disabled = True
    try:
        _, silenced = read_config(project.config)
    finally:
        logger.disabled = False
    assert located(silenced) == expected
    assert [p.message for p in problems if p.field.endswith("feed_limit")] == ["-5 is less than 0; give 0 or more"]  # once, whole


def test_a_refused_config_leaves_no_warning_behind_for_the_next(project, tmp_path):
    """MkDocs keeps a failed option's warnings on its shared option object; the next read must not report them."""
    lines = write_config(project, {"      site_id: douma-timeline\n":
                                   "      site_id: douma-timeline\n      feed_limit: -5\n      feed_limt: 5\n"})
    config, problems = read_config(project.config)
    assert config is None and (line_of(lines, "feed_limt:"), "plugins.timeline.feed_limt", "warning") in located(problems)
    write_config(project, {"      feed_limit: -5\n      feed_limt: 5\n": ""})
    config, problems = read_config(project.config)
    assert config is not None and problems == []


def test_a_message_in_another_form_is_kept_whole_on_line_one(tmp_path):
    record = logging.makeLogRecord({"name": "mkdocs.config.base", "levelno": logging.WARNING,
                                    "msg": "Something MkDocs never said before"})
    problems = _problems_of(tmp_path / "mkdocs.yml", record, {("site_url",): 3})
    assert [(p.line, p.field, p.message, p.severity) for p in problems] == [
        (1, "mkdocs.yml", "Something MkDocs never said before", "warning")]
