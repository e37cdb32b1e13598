"""`timeline new` entries are hand-written (review: manual), never labelled
machine-extracted; merge suggestions can be dismissed into a file editors commit."""

from __future__ import annotations

import yaml
from click.testing import CliRunner

from timeline.cli import main

from project_helpers import SEED_ARTICLE_ID

QUOTE = "وأضاف المصدر ان النظام اشترط قبل الدخول في مفاوضات مع جيش الإسلام وقف اطلاق القذائف باتجاه مدينة دمشق."
AUTO_NOTE = "استُخرج هذا الحدث آليًا"


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert not (result.exception and not isinstance(result.exception, SystemExit)), result.exception
    return result


def test_new_entry_is_manual_and_shown_as_hand_written(project):
    result = run("new", "--config", str(project.config), "--date", "2018-04-08", "--title", "النظام يشترط وقف القذائف",
                 "--category", "negotiation", "--place", "دمشق", "--article", SEED_ARTICLE_ID, "--quote", QUOTE,
                 "--slug", "by hand")
    assert result.exit_code == 0, result.output
    path = next(project.events.rglob("2018-04-08-by-hand-*.md"))
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert front["review"] == "manual" and "extracted" not in front
    assert run("check", "--config", str(project.config)).exit_code == 0
    site = project.root / "site"
    assert run("build", "--config", str(project.config), "--site-dir", str(site), "--no-extract").exit_code == 0
    page = (site / "events" / path.stem / "index.html").read_text(encoding="utf-8")
    assert AUTO_NOTE not in page and "آلي" not in page
    assert "يدوي، لم يُراجَع" in page and "كتب هذا الحدثَ محررٌ بيده" in page
    listing = (site / "review" / "manual" / "index.html").read_text(encoding="utf-8")
    assert f'data-event-id="{path.stem}"' in listing


def test_an_unknown_review_state_names_the_states(project):
    entry = next(project.events.rglob("*.md"))
    entry.write_text(entry.read_text(encoding="utf-8").replace("review: verified", "review: handmade"), encoding="utf-8")
    result = run("check", "--config", str(project.config))
    assert result.exit_code == 1 and "auto, manual, verified, disputed, rejected" in result.output


def write_suggestion(project, entry_id: str) -> None:
    folder = project.content / ".timeline"
    folder.mkdir(exist_ok=True)
    (folder / "suggestions.yml").write_text(yaml.safe_dump([
        {"entry": entry_id, "article": SEED_ARTICLE_ID, "sentence": 7, "quote": "جملة أخرى لا يستشهد بها الحدث."}],
        allow_unicode=True), encoding="utf-8")


def test_a_dismissed_suggestion_is_no_longer_listed_and_the_file_keeps_edits(project):
    entry_id = "2018-04-08-wafideen-meeting"
    write_suggestion(project, entry_id)
    listed = run("check", "--config", str(project.config))
    assert "merge suggestion" in listed.output and f"timeline dismiss {entry_id}" in listed.output
    dismissed = run("dismiss", entry_id, "--config", str(project.config), "--article", SEED_ARTICLE_ID,
                    "--sentence", "7", "--reason", "حدث آخر في اليوم نفسه")
    assert dismissed.exit_code == 0, dismissed.output
    record = project.content / "dismissed-suggestions.yml"
    record.write_text(record.read_text(encoding="utf-8") + "# ملاحظة محرر: راجعناها معًا\n", encoding="utf-8")
    after = run("check", "--config", str(project.config))
    assert after.exit_code == 0 and "merge suggestion" not in after.output, after.output
    run("dismiss", entry_id, "--config", str(project.config), "--article", SEED_ARTICLE_ID, "--sentence", "9")
    text = record.read_text(encoding="utf-8")
    assert "# ملاحظة محرر: راجعناها معًا" in text and "حدث آخر في اليوم نفسه" in text
    items = yaml.safe_load(text)
    assert [(i["entry"], i["sentence"]) for i in items] == [(entry_id, 7), (entry_id, 9)]
    site = project.root / "site"
    assert run("build", "--config", str(project.config), "--site-dir", str(site), "--no-extract").exit_code == 0
    assert not (site / "dismissed-suggestions.yml").exists()


def test_a_broken_dismissal_file_is_reported(project):
    write_suggestion(project, "2018-04-08-wafideen-meeting")
    (project.content / "dismissed-suggestions.yml").write_text("- entry: x\n  sentence: seven\n", encoding="utf-8")
    result = run("check", "--config", str(project.config))
    assert "dismissed-suggestions.yml:1: dismissed[1]: needs entry, article and sentence" in result.output, result.output
