"""Content files are regular files inside content/: a symbolic link (to a
file or a folder) or a special file is a problem with file and line, and
snapshots never follow links out (cases in tests/fixtures/bad/links/)."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from timeline.cli import main

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "bad" / "links" / "expected.yml").read_text(encoding="utf-8"))
SECRET = "سرّ-خارج-المشروع"  # appears only in the files outside the project


def invoke(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert not (result.exception and not isinstance(result.exception, SystemExit)), result.exception
    return result


def outside_source(project, source: str, outside: Path) -> Path:
    """A valid file of the given kind outside the project, holding SECRET."""
    outside.mkdir(parents=True, exist_ok=True)
    if source == "entry":
        path = outside / "outside.md"
        original = next(project.events.rglob("*.md")).read_text(encoding="utf-8")
        front = original.split("---\n")[1]
        entry_id = next(l for l in front.splitlines() if l.startswith("id:")).split(":", 1)[1].strip()
        path.write_text(original.replace(f"id: {entry_id}", "id: outside") + SECRET + "\n", encoding="utf-8")
        return path
    if source == "article":
        folder = outside / "articles"
        shutil.copytree(project.content / "articles", folder)
        return folder
    if source == "outlets":
        path = outside / "outlets.yml"
        path.write_text((project.content / "outlets.yml").read_text(encoding="utf-8") + f"# {SECRET}\n", encoding="utf-8")
        return path
    path = outside / "about.md"
    path.write_text(f"# {SECRET}\n", encoding="utf-8")
    return path


def make_case(project, case: dict, outside: Path) -> Path:
    link = project.root / case["path"]
    target = None if case["kind"] == "fifo" else outside_source(project, case["source"], outside)
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)
    elif link.exists():
        link.unlink()
    link.parent.mkdir(parents=True, exist_ok=True)
    if case["kind"] == "fifo":
        os.mkfifo(link)
        return link
    if case["kind"] == "folder" and target.is_file():
        folder = outside / "folder"
        folder.mkdir(exist_ok=True)
        shutil.copy(target, folder / "outside.md")
        target = folder
    os.symlink(target, link)
    return link


@pytest.mark.parametrize("name", sorted(CASES))
def test_links_and_special_files_are_problems_with_file_and_line(project, tmp_path, name):
    case = CASES[name]
    make_case(project, case, tmp_path / "outside")
    result = invoke("check", "--config", str(project.config))
    assert result.exit_code == 1, result.output
    assert f"{project.root / case['reported']}:1: " in result.output and case["message"] in result.output, result.output
    site = project.root / "site"
    assert invoke("build", "--config", str(project.config), "--site-dir", str(site)).exit_code == 1
    assert not site.exists()


@pytest.mark.parametrize("name", sorted(CASES))
def test_snapshots_never_follow_links_out(project, tmp_path, name, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1523145600")
    make_case(project, CASES[name], tmp_path / "outside")
    out = tmp_path / "bag.zip"
    result = invoke("snapshot", "--config", str(project.config), "--out", str(out))
    assert result.exit_code == 1
    assert not out.exists()


def test_a_linked_theme_file_stops_the_snapshot(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1523145600")
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    os.symlink(secret, project.root / "theme" / "assets" / "notes.txt")
    out = tmp_path / "bag.zip"
    result = invoke("snapshot", "--config", str(project.config), "--out", str(out))
    assert result.exit_code == 1 and "is a symbolic link" in result.output, result.output
    assert not out.exists()


def test_a_clean_snapshot_holds_no_outside_text(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1523145600")
    out = tmp_path / "bag.zip"
    assert invoke("snapshot", "--config", str(project.config), "--out", str(out)).exit_code == 0
    with zipfile.ZipFile(out) as archive:
        assert not any(SECRET.encode() in archive.read(name) for name in archive.namelist() if not name.endswith("/"))
