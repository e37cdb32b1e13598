"""Validation of content: every rule, its exact message, file and line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from timeline.cli import main
from timeline.project import load_project
from timeline.content.problems import errors

from project_helpers import SEED_ARTICLE_ID

MEETING_QUOTE = "هذا ونقلت وكالة الأنباء السورية الرسمية (سانا) عن مصدر رسمي سوري قوله ان الاجتماع الذي تم اليوم الأحد"

VALID = f"""
id: {{id}}
date: 2018-04-08
title: اجتماع في ممر مخيم الوافدين
categories: [negotiation]
actors: [russia, جيش الاسلام]
places: [douma]
review: auto
sources:
  - article: {SEED_ARTICLE_ID}
    quote: "{MEETING_QUOTE}"
    attributed_to: sana
"""


def check(project) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--config", str(project.config)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def problems_of(project) -> list[str]:
    _, problems = load_project(project.config)
    return [str(p) for p in problems]


def test_default_content_is_clean_and_summarised(project):
    code, output = check(project)
    assert code == 0, output
    assert output.startswith("ok: 9 entries (9 published, 0 rejected), 1 articles")


def test_a_valid_entry_resolves_aliases_to_keys(project):
    project.write_entry("2018-04-08-test", VALID.format(id="2018-04-08-test"))
    content, problems = load_project(project.config)
    assert not errors(problems)
    entry = next(e for e in content.entries if e.id == "2018-04-08-test")
    assert entry.actors == ("russia", "jaysh-al-islam")
    assert entry.sources[0].sentence == 13
    assert entry.sources[0].outlet == "elaph"


@pytest.mark.parametrize(
    ("field_line", "replacement", "line", "expected"),
    [
        ("date: 2018-04-08", "date: 2018-02-30", 3, 'date: "2018-02-30" is not a real day; write YYYY-MM-DD, YYYY-MM or YYYY'),
        ("date: 2018-04-08", "date: 2018-13", 3, 'date: "2018-13" is not a real day'),
        ("date: 2018-04-08", "date: 18/04/2018", 3, 'date: "18/04/2018" is not a date; write YYYY-MM-DD, YYYY-MM or YYYY'),
        ("date: 2018-04-08", "date: 2018-04-08\nend: 2018-04-01", 4, 'end: "2018-04-01" is before the date "2018-04-08"'),
        ("categories: [negotiation]", "categories: [negotiaton]", 5, 'categories: unknown category "negotiaton" (did you mean "negotiation"?)'),
        ("actors: [russia, جيش الاسلام]", "actors: [rusia]", 6, 'actors: "rusia" is not in gazetteer.yml (did you mean "russia"?)'),
        ("places: [douma]", "places: [دوماا]", 7, 'places: "دوماا" is not in gazetteer.yml (did you mean "دوما"?)'),
        ("review: auto", "review: verifed", 8, 'review: "verifed" is not a review state (did you mean "verified"?)'),
        ("    attributed_to: sana", "    attributed_to: sanaa", 12, 'sources[1].attributed_to: "sanaa" is neither an outlet'),
        (f"article: {SEED_ARTICLE_ID}", "article: elaph-2018-04-09-douma-talks", 10, 'sources[1].article: no stored article "elaph-2018-04-09-douma-talks" in articles/ (did you mean "elaph-2018-04-08-douma-talks"?)'),
        (MEETING_QUOTE, "اجتماع لم يذكره المقال أبدا", 11, f'sources[1].quote: not found in article "{SEED_ARTICLE_ID}"'),
        ("title: اجتماع في ممر مخيم الوافدين", "title: ''", 4, "title: required"),
        ("date: 2018-04-08", "date: 2018-04-08\ntime: 25:00", 4, 'time: "25:00" is not a time'),
        ("date: 2018-04-08", "date: 2018-04-08\napproximate: maybe", 4, 'approximate: "maybe" must be true or false'),
    ],
)
def test_each_broken_field_is_reported_with_file_line_and_field(project, field_line, replacement, line, expected):
    path = project.write_entry("2018-04-08-broken", VALID.format(id="2018-04-08-broken").replace(field_line, replacement))
    code, output = check(project)
    assert code == 1
    assert f"{path}:{line}: {expected}" in output, output
    assert "Traceback" not in output


def test_no_sources_is_an_error(project):
    text = VALID.format(id="2018-04-08-x").split("sources:")[0]
    path = project.write_entry("2018-04-08-x", text)
    assert f"{path}:1: sources: at least one source is required" in check(project)[1]


def test_source_by_url_needs_outlet_and_published(project):
    text = VALID.format(id="2018-04-08-x").split("sources:")[0] + "sources:\n  - url: https://example.org/a\n    quote: نص\n"
    path = project.write_entry("2018-04-08-x", text)
    output = check(project)[1]
    assert f"{path}:10: sources[1].outlet: required for a source given by URL" in output
    assert f"{path}:10: sources[1].published: required" in output


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", 'is not an http(s) URL'),
        ("data:text/html,<script>alert(1)</script>", 'is not an http(s) URL'),
        ("//evil.example/x", 'is not an http(s) URL'),
        ("https://web.archive.org/web/2018/https://elaph.com/x", "a Wayback Machine URL needs a real 14-digit timestamp"),
        ("https://web.archive.org/web/20181399000000/https://elaph.com/x", "a Wayback Machine URL needs a real 14-digit timestamp"),
    ],
)
def test_only_http_urls_and_real_archive_timestamps(project, url, message):
    text = VALID.format(id="2018-04-08-x") + f"    archived_url: \"{url}\"\n"
    path = project.write_entry("2018-04-08-x", text)
    output = check(project)[1]
    assert f"{path}:13: sources[1].archived_url: " in output and message in output, output


@pytest.mark.parametrize("bad_id", ["../evil", "a/b", "حدث", "Upper-Case", "x..y/"])
def test_ids_must_be_ascii_safe(project, bad_id):
    path = project.write_entry("2018-04-08-x", VALID.format(id=bad_id).replace(f"id: {bad_id}", f'id: "{bad_id}"'))
    assert f"{path}:2: id: " in check(project)[1]


def test_id_must_equal_file_stem(project):
    path = project.write_entry("2018-04-08-x", VALID.format(id="2018-04-08-y"))
    assert f'{path}:2: id: "2018-04-08-y" differs from the file name "2018-04-08-x"' in check(project)[1]


def test_duplicate_ids_name_both_files(project):
    first = project.write_entry("2018-04-08-twin", VALID.format(id="2018-04-08-twin"), folder="a")
    second = project.write_entry("2018-04-08-twin", VALID.format(id="2018-04-08-twin"), folder="b")
    output = check(project)[1]
    assert f'{second}:2: id: "2018-04-08-twin" is used twice: here and in {first}' in output


def test_unknown_keys_warn_with_suggestion_but_pass(project):
    path = project.write_entry("2018-04-08-x", VALID.format(id="2018-04-08-x") + "palces: [douma]\n")
    code, output = check(project)
    assert code == 0
    assert f'{path}:13: palces: warning: unknown field (did you mean "places"?)' in output


def test_all_problems_are_reported_at_once(project):
    one = project.write_entry("2018-04-08-a", VALID.format(id="2018-04-08-a").replace("date: 2018-04-08", "date: 2018-02-30"))
    two = project.write_entry("2018-04-08-b", VALID.format(id="2018-04-08-b").replace("review: auto", "review: nope"))
    code, output = check(project)
    assert code == 1 and str(one) in output and str(two) in output
    assert output.strip().endswith("check failed: 2 problems found")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "1: file: the file is empty"),
        ("id: x\n", "1: file: no front matter"),
        ("---\nid: [unclosed\n---\n", "file: broken YAML"),
        ("---\nid: x\n", "1: file: the front matter is not closed"),
    ],
)
def test_unreadable_files_are_problems_not_tracebacks(project, text, message):
    path = project.events / "bad.md"
    path.write_text(text, encoding="utf-8")
    code, output = check(project)
    assert code == 1 and str(path) + ":" in output and message in output and "Traceback" not in output


def test_non_utf8_file_is_reported(project):
    path = project.events / "latin.md"
    path.write_bytes("---\nid: latin\ntitle: اجتماع\n---\n".encode("cp1256"))
    output = check(project)[1]
    assert f"{path}:3: file: not UTF-8 text" in output


def test_bom_and_crlf_just_work(project):
    text = "\ufeff---\r\n" + VALID.format(id="2018-04-08-crlf").strip("\n").replace("\n", "\r\n") + "\r\n---\r\nنص.\r\n"
    (project.events / "2018-04-08-crlf.md").write_bytes(text.encode("utf-8"))
    code, output = check(project)
    assert code == 0, output


def test_quote_matches_after_arabic_normalization(project):
    # The article writes "جيش الاسلام" and "اطلاق": the quote uses hamza forms and diacritics.
    quote = "وأضافَ المصدر أنّ النظام اشترط قبل الدخول في مفاوضات مع جيش الإسلام وقف إطلاق القذائف"
    text = VALID.format(id="2018-04-08-x").replace(MEETING_QUOTE, quote)
    project.write_entry("2018-04-08-x", text)
    content, problems = load_project(project.config)
    assert not errors(problems), problems
    assert next(e for e in content.entries if e.id == "2018-04-08-x").sources[0].sentence == 14


def test_article_front_matter_is_validated(project):
    path = project.write("content/articles/bad-article.md", """
        ---
        id: bad-article
        outlet: nowhere
        published: 2018-04-31
        language: fr
        url: ftp://example.org/x
        ---
        نص المقال.
    """)
    output = check(project)[1]
    assert f'{path}:3: outlet: warning: "nowhere" is not in outlets.yml' in output
    assert f'{path}:4: published: "2018-04-31" is not a real day' in output
    assert f'{path}:5: language: "fr" is not supported' in output
    assert f'{path}:6: url: "ftp://example.org/x" is not an http(s) URL' in output


def test_gazetteer_alias_naming_two_keys_is_an_error(project):
    gazetteer = project.content / "gazetteer.yml"
    gazetteer.write_text(gazetteer.read_text(encoding="utf-8").replace("aliases: [حرستا, Harasta]", "aliases: [حرستا, دوما]"), encoding="utf-8")
    output = check(project)[1]
    assert '"دوما" already names "douma"' in output


def test_unknown_category_vocabulary_comes_from_mkdocs_yml(project):
    config = project.config.read_text(encoding="utf-8").replace("        other: {label: أخرى, color: \"#6b6b6b\"}\n", "")
    project.config.write_text(config, encoding="utf-8")
    path = project.write_entry("2018-04-08-x", VALID.format(id="2018-04-08-x").replace("[negotiation]", "[other]"))
    assert f'{path}:5: categories: unknown category "other"' in check(project)[1]
