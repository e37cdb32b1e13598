"""Output paths never destroy anything: `build --site-dir` and `snapshot --out`
refuse the project, content and theme folders, folders that are not previous
builds, and files that are not previous snapshots (cases in
tests/fixtures/bad/output-paths/expected.yml)."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from timeline.cli import main
from timeline.output_paths import MARKER

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "bad" / "output-paths" / "expected.yml").read_text(encoding="utf-8"))


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and its hash (what a refused command must leave as it was)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def invoke(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert not (result.exception and not isinstance(result.exception, SystemExit)), result.exception
    return result


def target_of(project, name: str) -> Path:
    return project.root.parent if name == "{parent}" else project.root / name


def prepare_unrelated(project) -> None:
    (project.root / "notes").mkdir()
    (project.root / "notes" / "keep.txt").write_text("مسودة\n", encoding="utf-8")
    (project.root / "notes.txt").write_text("ملاحظات\n", encoding="utf-8")


@pytest.mark.parametrize("name", sorted(CASES["build"]))
def test_build_refuses_a_site_dir_that_would_destroy_something(project, name):
    prepare_unrelated(project)
    before = fingerprint(project.root.parent)
    result = invoke("build", "--config", str(project.config), "--site-dir", str(target_of(project, name)))
    assert result.exit_code in (1, 2)  # 2: refused by click's own option check
    assert CASES["build"][name] in result.output, result.output
    assert "Traceback" not in result.output
    assert fingerprint(project.root.parent) == before


@pytest.mark.parametrize("name", sorted(CASES["snapshot"]))
def test_snapshot_refuses_an_out_that_would_destroy_something(project, name, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1523145600")
    prepare_unrelated(project)
    before = fingerprint(project.root.parent)
    result = invoke("snapshot", "--config", str(project.config), "--out", str(target_of(project, name)))
    assert result.exit_code in (1, 2)
    assert CASES["snapshot"][name] in result.output, result.output
    assert fingerprint(project.root.parent) == before


def test_a_previous_build_and_an_empty_folder_may_be_replaced(project):
    site = project.root / "out"
    site.mkdir()
    assert invoke("build", "--config", str(project.config), "--site-dir", str(site), "--no-extract").exit_code == 0
    assert (site / MARKER).is_file()
    (site / "stale.html").write_text("x", encoding="utf-8")
    assert invoke("build", "--config", str(project.config), "--site-dir", str(site), "--no-extract").exit_code == 0
    assert not (site / "stale.html").exists()


def test_a_previous_snapshot_may_be_replaced(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1523145600")
    out = tmp_path / "bag.zip"
    assert invoke("snapshot", "--config", str(project.config), "--out", str(out)).exit_code == 0
    assert invoke("snapshot", "--config", str(project.config), "--out", str(out)).exit_code == 0
    assert invoke("verify", str(out)).exit_code == 0


def test_site_gets_normal_permissions(project):
    site = project.root / "site"
    old = os.umask(0o022)
    try:
        assert invoke("build", "--config", str(project.config), "--site-dir", str(site), "--no-extract").exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(site.stat().st_mode) == 0o755
    for path in site.rglob("*"):
        expected = 0o755 if path.is_dir() else 0o644
        assert stat.S_IMODE(path.stat().st_mode) == expected, path


def test_leftover_temporary_folders_are_removed_by_the_next_build(project):
    site = project.root / "site"
    dead_pid = 2**22 + 12345  # above Linux's pid_max: no such process
    leftovers = [project.root / f".site.new-{dead_pid}-abc", project.root / f".site.old-{dead_pid}-def"]
    for folder in leftovers:
        folder.mkdir()
        (folder / MARKER).write_text("x", encoding="utf-8")
        (folder / "index.html").write_text("half", encoding="utf-8")
    unrelated = project.root / ".site.new-notes"
    unrelated.mkdir()
    (unrelated / "keep.txt").write_text("x", encoding="utf-8")
    assert invoke("build", "--config", str(project.config), "--site-dir", str(site), "--no-extract").exit_code == 0
    assert not any(folder.exists() for folder in leftovers)
    assert (unrelated / "keep.txt").exists()  # not ours: no marker


def test_git_ignores_temporary_build_folders():
    ignore = (Path(__file__).resolve().parents[1] / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".*.new-*/" in ignore and ".*.old-*/" in ignore
