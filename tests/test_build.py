"""The build as a whole: every entry has its page, failures change nothing,
and the same content gives the same bytes."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.build import build_site
from timeline.project import load_project
from timeline.content.problems import ContentError


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_every_published_entry_has_its_page(project, tmp_path):
    site = tmp_path / "site"
    result = build_site(project.config, site)
    content, _ = load_project(project.config)
    assert result.entries == len(content.published_entries) == 9
    for entry in content.published_entries:
        page = site / "events" / entry.id / "index.html"
        assert page.exists(), entry.id
        html = page.read_text(encoding="utf-8")
        assert '<html lang="ar" dir="rtl"' in html
        assert f'data-event-id="{entry.id}"' in (site / "index.html").read_text(encoding="utf-8")


def test_rejected_entries_stay_on_disk_and_off_the_site(project, tmp_path):
    path = next(project.events.rglob("2018-04-06-*.md"))
    path.write_text(path.read_text(encoding="utf-8").replace("review: verified", "review: rejected"), encoding="utf-8")
    site = tmp_path / "site"
    build_site(project.config, site)
    assert path.exists()
    assert not (site / "events" / path.stem).exists()
    assert path.stem not in (site / "index.html").read_text(encoding="utf-8")
    assert path.stem not in (site / "timeline.json").read_text(encoding="utf-8")


def test_a_failing_template_leaves_the_previous_site_exactly_as_it_was(project, tmp_path):
    site = tmp_path / "site"
    build_site(project.config, site)
    before = tree_digest(site)
    template = project.root / "theme" / "timeline" / "base.html"
    template.write_text("{{ no_such_variable.attribute }}" + template.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        build_site(project.config, site)
    assert f"{template}:1: template: UndefinedError: 'no_such_variable' is undefined" in error.value.format_message()
    assert tree_digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]  # no temporary folder left


def test_invalid_content_fails_the_build_naming_the_entry(project, tmp_path):
    path = next(project.events.rglob("2018-04-06-*.md"))
    path.write_text(path.read_text(encoding="utf-8").replace("date: '2018-04-06'", "date: '2018-04-31'"), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        build_site(project.config, tmp_path / "site")
    assert str(path) in str(error.value.format_message())
    assert not (tmp_path / "site").exists()


def _build_in_subprocess(project, site: Path, env_overrides: dict[str, str]) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1523145600", **env_overrides}
    subprocess.run([sys.executable, "-m", "timeline", "build", "--no-extract", "--config", str(project.config),
                    "--site-dir", str(site)], check=True, env=env, capture_output=True)


def test_same_content_builds_byte_identical_sites_across_environments(project, tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    _build_in_subprocess(project, first, {"TZ": "UTC", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "1"})
    _build_in_subprocess(project, second, {"TZ": "Asia/Damascus", "LC_ALL": "C", "LANG": "ar_SY.UTF-8", "PYTHONHASHSEED": "4242"})
    one, two = tree_digest(first), tree_digest(second)
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


def test_exports_carry_every_published_entry_exactly_once(project, tmp_path):
    site = tmp_path / "site"
    build_site(project.config, site)
    content, _ = load_project(project.config)
    ids = sorted(e.id for e in content.published_entries)
    data = json.loads((site / "timeline.json").read_text(encoding="utf-8"))
    events = data["events"] if isinstance(data, dict) else data
    assert sorted(e["id"] for e in events) == ids
    csv_text = (site / "timeline.csv").read_bytes()
    assert csv_text.startswith(b"\xef\xbb\xbf")
    for entry_id in ids:
        assert csv_text.decode("utf-8-sig").count(entry_id) >= 1
        assert (site / "feed.xml").read_text(encoding="utf-8").count(f"events/{entry_id}/") >= 1
