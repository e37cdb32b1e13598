"""The live preview's incremental builds are byte-identical to full builds.

A generated project (benchmarks/make_corpus.py) is built once by the preview;
then entries, articles and outlets are edited, added, deleted and renamed one
step at a time, and after every step the preview's folder is compared, file
by file and byte by byte, with a fresh ``build_site`` of the same content.
Invalid content leaves the last good site in place and is reported with its
file, line and field.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.make_corpus import make_corpus  # noqa: E402
from timeline.build import build_site  # noqa: E402
from timeline.preview import Preview  # noqa: E402
from timeline.content.problems import errors  # noqa: E402


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    only_a = sorted(set(a) - set(b))
    only_b = sorted(set(b) - set(a))
    changed = sorted(k for k in set(a) & set(b) if a[k] != b[k])
    return [f"only in preview: {k}" for k in only_a] + [f"only in full build: {k}" for k in only_b] + \
        [f"differs: {k}" for k in changed]


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return make_corpus(60, 12, tmp_path / "project", seed=3)


def full_build(config: Path, where: Path) -> dict[str, bytes]:
    result = build_site(config, where)
    return tree(result.site_dir)


def set_field(path: Path, field: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(rf"^{field}: .*$", f"{field}: {value}", text, count=1, flags=re.MULTILINE)
    assert count == 1, f"{path} has no {field}"
    path.write_text(new, encoding="utf-8")


def published_entries(config: Path) -> list[Path]:
    events = config.parent / "content" / "events"
    return [p for p in sorted(events.rglob("*.md")) if "review: rejected" not in p.read_text(encoding="utf-8")]


def test_every_incremental_build_equals_a_full_build(project: Path, tmp_path: Path) -> None:
    content = project.parent / "content"
    preview = Preview(project)
    try:
        first = preview.full_build()
        assert first.kind == "full"
        assert differences(tree(preview.site_dir), full_build(project, tmp_path / "full-0")) == []
        entries = published_entries(project)
        articles = sorted((content / "articles").glob("*.md"))
        cited = {re.search(r"article: (\S+)", e.read_text(encoding="utf-8")).group(1) for e in entries}
        uncited = [a for a in articles if a.stem not in cited]

        def step(name: str, paths: list[Path], action) -> None:  # noqa: ANN001
            action()
            report = preview.update(paths)
            assert report.kind == "update", (name, report, [str(p) for p in preview.problems])
            expected = full_build(project, tmp_path / f"full-{name}")
            assert differences(tree(preview.site_dir), expected) == [], name

        edited = entries[5]
        step("title", [edited], lambda: set_field(edited, "title", "عنوان جديد لاختبار المعاينة"))
        step("date", [edited], lambda: set_field(edited, "date", "'2019-07-14'"))
        step("review", [entries[6]], lambda: set_field(entries[6], "review", "rejected"))
        added = edited.parent / "2019-07-15-added-by-test.md"
        step("add", [added], lambda: added.write_text(
            edited.read_text(encoding="utf-8").replace(f"id: {edited.stem}", "id: 2019-07-15-added-by-test"), encoding="utf-8"))
        step("delete", [entries[7]], lambda: entries[7].unlink())
        renamed = entries[8].with_name("2010-renamed-by-test.md")
        step("rename", [entries[8], renamed], lambda: renamed.write_text(
            entries[8].read_text(encoding="utf-8").replace(f"id: {entries[8].stem}", f"id: {renamed.stem}"), encoding="utf-8")
            or entries[8].unlink())
        article = content / "articles" / (cited.pop() + ".md")
        step("article-title", [article], lambda: article.write_text(
            article.read_text(encoding="utf-8").replace("language: ar\n", "language: ar\ntitle: عنوان مقال للاختبار\n", 1),
            encoding="utf-8"))
        new_article = content / "articles" / "afp-2019-07-16-99999.md"
        step("article-add", [new_article], lambda: new_article.write_text(
            "---\nid: afp-2019-07-16-99999\noutlet: afp\npublished: '2019-07-16'\nlanguage: ar\n---\n"
            "نص قصير كتب لاختبار المعاينة. وجملة ثانية فيه.\n", encoding="utf-8"))
        if uncited:
            step("article-delete", [uncited[0]], lambda: uncited[0].unlink())
        step("article-delete-new", [new_article], lambda: new_article.unlink())
        outlets = content / "outlets.yml"
        step("outlet", [outlets], lambda: outlets.write_text(
            outlets.read_text(encoding="utf-8").replace("name_ar: إيلاف", "name_ar: صحيفة إيلاف الإلكترونية", 1),
            encoding="utf-8"))
        step("folder", [edited.parent / "moved", edited.parent / "moved" / edited.name], lambda: (
            (edited.parent / "moved").mkdir(), edited.rename(edited.parent / "moved" / edited.name)))
    finally:
        preview.close()
    assert not preview.site_dir.exists()


def test_invalid_content_keeps_the_last_good_site_and_names_the_problem(project: Path) -> None:
    preview = Preview(project)
    try:
        preview.full_build()
        before = tree(preview.site_dir)
        entry = published_entries(project)[3]
        set_field(entry, "date", "'2018-13-45'")
        report = preview.update([entry])
        assert report.kind == "failed"
        found = errors(preview.problems)
        assert [(p.path, p.field) for p in found] == [(str(entry), "date")]
        assert str(found[0]).startswith(f"{entry}:3: date: ")
        assert tree(preview.site_dir) == before
        set_field(entry, "date", "'2018-03-01'")
        assert preview.update([entry]).kind == "update"
        assert errors(preview.problems) == []
        assert tree(preview.site_dir) != before
    finally:
        preview.close()


def test_a_change_to_the_theme_rebuilds_everything(project: Path, tmp_path: Path) -> None:
    preview = Preview(project)
    try:
        preview.full_build()
        css = project.parent / "theme" / "assets" / "timeline.css"
        css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
        assert preview.update([css]).kind == "full"
        assert differences(tree(preview.site_dir), full_build(project, tmp_path / "full")) == []
    finally:
        preview.close()


def test_incremental_builds_with_month_pages_year_pages_and_split_months(tmp_path: Path, monkeypatch) -> None:
    """The same comparison where an update skips most pages: month pages on,
    list pages split by year, months split in parts, related events and
    previous/next links shifting as an event moves in the timeline."""
    from timeline.site import render

    monkeypatch.setattr(render, "PAGE_EVENTS", 1)  # a month of two events comes in two parts
    project = make_corpus(80, 10, tmp_path / "project", seed=5)
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("      digits: latin\n", "      digits: latin\n      month_pages_after: 10\n"
                                    "      listing_years_after: 8\n", 1), encoding="utf-8")
    preview = Preview(project)
    try:
        preview.full_build()
        site = tree(preview.site_dir)
        assert any(path.startswith("months/") for path in site), "month pages are on"
        assert any(re.match(r"months/[^/]+/2/index.html", path) for path in site), "a month is split in parts"
        entries = published_entries(project)
        step_number = iter(range(100))

        def step(paths: list[Path], action) -> None:  # noqa: ANN001
            action()
            report = preview.update(paths)
            assert report.kind == "update", (report, [str(p) for p in preview.problems])
            assert report.rendered < len(site) // 2  # the update looked at a part of the site only
            expected = full_build(project, tmp_path / f"full-{next(step_number)}")
            assert differences(tree(preview.site_dir), expected) == []

        def date_of(path: Path) -> str:
            return re.search(r"^date: (.*)$", path.read_text(encoding="utf-8"), re.MULTILINE).group(1)

        assert "actors: [" in entries[10].read_text(encoding="utf-8") and "places: [" in entries[40].read_text(encoding="utf-8")

        moved, target = entries[10], entries[40]
        step([moved], lambda: set_field(moved, "title", "عنوان معدل يظهر في الأحداث المرتبطة"))
        def beside_target() -> None:  # onto another event's day, with its actors and places: related to it
            set_field(moved, "date", date_of(target))
            for field in ("actors", "places"):
                set_field(moved, field, field_of(target, field))

        def field_of(path: Path, field: str) -> str:
            return re.search(rf"^{field}: (.*)$", path.read_text(encoding="utf-8"), re.MULTILINE).group(1)

        step([moved], beside_target)
        step([moved], lambda: set_field(moved, "title", "عنوان ثالث يظهر في صفحة الحدث المرتبط"))
        step([moved], lambda: set_field(moved, "date", "'2011-01-02'"))  # to the start of the timeline
        step([entries[20]], lambda: set_field(entries[20], "review", "disputed"))
        step([entries[41]], lambda: set_field(entries[41], "title", "عنوان معدل ثان"))
        added = target.parent / "2016-02-03-added-by-test.md"
        step([added], lambda: added.write_text(
            target.read_text(encoding="utf-8").replace(f"id: {target.stem}", f"id: {added.stem}"), encoding="utf-8"))
        step([entries[30]], lambda: entries[30].unlink())
        renamed = entries[50].with_name("2012-renamed-by-test.md")
        step([entries[50], renamed], lambda: renamed.write_text(
            entries[50].read_text(encoding="utf-8").replace(f"id: {entries[50].stem}", f"id: {renamed.stem}"),
            encoding="utf-8") or entries[50].unlink())
    finally:
        preview.close()
