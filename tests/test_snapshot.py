"""The snapshot for archivists: a reproducible BagIt bag in a zip, and `timeline verify`."""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import bagit
import pytest
from click.testing import CliRunner

from timeline import __version__
from timeline.cli import main
from timeline.project import load_project
from timeline.snapshot import SnapshotError, make_snapshot, verify_snapshot
from timeline.snapshot.archive import zip_timestamp
from timeline.snapshot.paths import check_paths

EPOCH = "1523145600"  # 2018-04-08T00:00:00Z
PREFIX = "douma-timeline-2018-04-08"


@pytest.fixture(autouse=True)
def pinned_clock(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def snapshot_of(project, tmp_path: Path, name: str = "snap.zip") -> Path:
    out = tmp_path / name
    assert make_snapshot(project.config, out) == out
    return out


def unzip(archive: Path, destination: Path) -> Path:
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(destination)
    return destination / PREFIX


def rezip(folder: Path, archive: Path) -> Path:
    with zipfile.ZipFile(archive, "w") as opened:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                opened.write(path, path.relative_to(folder.parent).as_posix())
    return archive


# Reproducibility


def test_two_snapshots_are_byte_identical_across_timezone_locale_hash_seed_and_directory_order(project, tmp_path):
    first = snapshot_of(project, tmp_path)
    # A second copy of the project, its files created in reverse order, so that
    # directories list differently; snapshotted by another process elsewhere.
    other = tmp_path / "elsewhere"
    for path in sorted(project.root.rglob("*"), reverse=True):
        target = other / path.relative_to(project.root)
        if path.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    second = tmp_path / "second" / "other-name.zip"
    second.parent.mkdir()
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "TZ": "Asia/Damascus", "LC_ALL": "C", "LANG": "ar_SY.UTF-8",
           "PYTHONHASHSEED": "4242"}
    done = subprocess.run([sys.executable, "-m", "timeline", "snapshot", "--config", str(other / "mkdocs.yml"),
                           "--out", str(second)], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert first.read_bytes() == second.read_bytes()


def test_zip_entries_are_sorted_ascii_with_one_timestamp_and_fixed_permissions(project, tmp_path):
    with zipfile.ZipFile(snapshot_of(project, tmp_path)) as opened:
        infos = opened.infolist()
    names = [info.filename for info in infos]
    assert names == sorted(names)
    assert names[0] == f"{PREFIX}/" and all(name.startswith(f"{PREFIX}/") for name in names)
    assert all(name.isascii() for name in names)
    assert {info.date_time for info in infos} == {(2018, 4, 8, 0, 0, 0)}
    for info in infos:
        mode = info.external_attr >> 16
        assert mode == (stat.S_IFDIR | 0o755 if info.is_dir() else stat.S_IFREG | 0o644), info.filename
        assert info.compress_type == (zipfile.ZIP_STORED if info.is_dir() else zipfile.ZIP_DEFLATED)


def test_zip_timestamps_are_clamped_to_what_the_format_holds():
    from datetime import datetime, timezone

    assert zip_timestamp(datetime(1970, 1, 1, tzinfo=timezone.utc)) == (1980, 1, 1, 0, 0, 0)
    assert zip_timestamp(datetime(2018, 4, 8, 13, 5, 7, tzinfo=timezone.utc)) == (2018, 4, 8, 13, 5, 7)


# The bag


def test_the_bag_is_valid_with_its_info_and_sha256_and_sha512_manifests(project, tmp_path):
    root = unzip(snapshot_of(project, tmp_path), tmp_path / "x")
    bag = bagit.Bag(str(root))
    bag.validate(processes=1)
    assert sorted(bag.algorithms) == ["sha256", "sha512"]
    for name in ("bagit.txt", "bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt",
                 "tagmanifest-sha256.txt", "tagmanifest-sha512.txt"):
        assert (root / name).is_file(), name
    info = bag.info
    assert info["External-Identifier"] == f"douma-timeline {__version__}"
    assert info["Bagging-Date"] == "2018-04-08"
    assert info["Source-Organization"] == "Douma timeline editors"
    assert info["Bag-Software-Agent"].startswith(f"douma-timeline {__version__} (bagit.py ")
    assert "data/site/index.html" in info["External-Description"]
    files = [p for p in (root / "data").rglob("*") if p.is_file()]
    assert info["Payload-Oxum"] == f"{sum(p.stat().st_size for p in files)}.{len(files)}"
    tag_lines = (root / "tagmanifest-sha256.txt").read_text(encoding="utf-8").splitlines()
    assert [line.split(" ", 1)[1] for line in tag_lines] == sorted(line.split(" ", 1)[1] for line in tag_lines)


def test_the_payload_holds_the_offline_site_and_its_sources(project, tmp_path):
    root = unzip(snapshot_of(project, tmp_path), tmp_path / "x")
    data = root / "data"
    assert (data / "site" / "index.html").is_file()
    assert (data / "site" / "assets" / "search" / "facets.js").is_file()
    assert not (data / "site" / "events" / "2018-04-08-wafideen-meeting").exists()  # no folder URLs offline
    assert (data / "site" / "events" / "2018-04-08-wafideen-meeting.html").is_file()
    source = data / "source"
    for relative in ("mkdocs.yml", "content/outlets.yml", "content/gazetteer.yml", "content/index.md",
                     "content/articles/elaph-2018-04-08-douma-talks.md",
                     "content/events/2018-04/2018-04-08-wafideen-meeting.md", "theme/timeline/base.html"):
        assert (source / relative).read_bytes() == (project.root / relative).read_bytes(), relative
    assert (data / "README.txt").read_text(encoding="ascii").startswith("Offline snapshot of")


def test_snapshot_json_and_entries_jsonl_describe_every_published_event(project, tmp_path):
    site = unzip(snapshot_of(project, tmp_path), tmp_path / "x") / "data" / "site"
    content, _ = load_project(project.config)
    record = json.loads((site / "snapshot.json").read_text(encoding="utf-8"))
    assert record["created"] == "2018-04-08T00:00:00Z"
    assert record["entries"] == len(content.published_entries) == 9
    assert record["software"]["version"] == __version__
    assert record["source_commit"] is None  # the temporary copy is no git checkout
    assert record["title"].startswith("دوما")
    lines = (site / "entries.jsonl").read_text(encoding="utf-8").splitlines()
    events = [json.loads(line) for line in lines]
    assert [e["id"] for e in events] == [e.id for e in content.published_entries]
    for line, event in zip(lines, events):
        assert line == json.dumps(event, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        assert (site / event["page"]).is_file()
        assert event["precision"] in ("day", "month", "year")
        for source in event["sources"]:
            page, _, anchor = source["page"].partition("#")
            assert (site / page).is_file() and f'id="{anchor}"' in (site / page).read_text(encoding="utf-8")
            assert source["quote"] and source["outlet"]


def test_rejected_entries_are_left_out_of_entries_jsonl(project, tmp_path):
    path = next(project.events.rglob("2018-04-06-*.md"))
    path.write_text(path.read_text(encoding="utf-8").replace("review: verified", "review: rejected"), encoding="utf-8")
    site = unzip(snapshot_of(project, tmp_path), tmp_path / "x") / "data" / "site"
    ids = [json.loads(line)["id"] for line in (site / "entries.jsonl").read_text(encoding="utf-8").splitlines()]
    assert path.stem not in ids and len(ids) == 8
    assert json.loads((site / "snapshot.json").read_text(encoding="utf-8"))["entries"] == 8


def test_the_source_commit_is_recorded_for_a_git_checkout(project, tmp_path):
    git = ["git", "-C", str(project.root), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "content"]):
        subprocess.run(git + args, check=True, env=env)
    commit = subprocess.run(git + ["rev-parse", "HEAD"], check=True, env=env, capture_output=True, text=True).stdout.strip()
    site = unzip(snapshot_of(project, tmp_path), tmp_path / "x") / "data" / "site"
    record = json.loads((site / "snapshot.json").read_text(encoding="utf-8"))
    assert (record["source_commit"], record["source_modified"]) == (commit, False)
    (project.content / "about.md").write_text("تعديل\n", encoding="utf-8")
    site = unzip(snapshot_of(project, tmp_path, "second.zip"), tmp_path / "y") / "data" / "site"
    assert json.loads((site / "snapshot.json").read_text(encoding="utf-8"))["source_modified"] is True


def test_the_site_rebuilds_from_data_source(project, tmp_path):
    from timeline.build import build_site

    root = unzip(snapshot_of(project, tmp_path), tmp_path / "x")
    rebuilt = tmp_path / "rebuilt"
    build_site(root / "data" / "source" / "mkdocs.yml", rebuilt, offline=True)
    shipped = root / "data" / "site"
    ours = {"snapshot.json", "entries.jsonl"}
    names = sorted(p.relative_to(shipped).as_posix() for p in shipped.rglob("*") if p.is_file() and p.name not in ours)
    # the build marker (.timeline-site) says "a site folder a build may replace"; the bag leaves it out
    assert names == sorted(p.relative_to(rebuilt).as_posix() for p in rebuilt.rglob("*") if p.is_file() and p.name != ".timeline-site")
    for name in names:
        assert (shipped / name).read_bytes() == (rebuilt / name).read_bytes(), name


# The command line


def test_snapshot_command_writes_the_default_name_in_the_current_folder(project, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("snapshot", "--config", str(project.config))
    assert result.exit_code == 0, result.output
    assert (tmp_path / f"{PREFIX}.zip").is_file()
    assert f"wrote {tmp_path / (PREFIX + '.zip')}" in result.output
    verified = run("verify", str(tmp_path / f"{PREFIX}.zip"))
    assert verified.exit_code == 0, verified.output
    assert verified.output.startswith(f"valid: {tmp_path / (PREFIX + '.zip')}")
    assert "every sha256 and sha512 checksum matches" in verified.output


def test_an_unbaggable_path_stops_the_snapshot_and_names_it(project, tmp_path):
    (project.root / "theme" / "assets" / "خط.woff2").write_bytes(b"font")
    with pytest.raises(SnapshotError) as error:
        snapshot_of(project, tmp_path)
    assert "theme/assets/خط.woff2' is not ASCII" in error.value.format_message()
    assert not (tmp_path / "snap.zip").exists()


def test_path_rules_refuse_non_ascii_case_collisions_and_windows_names():
    check_paths(["bag/data/site/index.html", "bag/data/site/events/a.html"])
    for paths, message in ((["bag/data/سجل.html"], "is not ASCII"),
                           (["bag/data/Events/a.html", "bag/data/events/b.html"], "differ only in case"),
                           (["bag/data/site/index.html", "bag/data/site/INDEX.html"], "differ only in case"),
                           (["bag/data/con.txt"], "Windows reserves"),
                           (["bag/data/a:b.txt"], "characters other systems refuse"),
                           (["bag/" + "x" * 250], "the limit is 200")):
        with pytest.raises(SnapshotError, match=message):
            check_paths(paths)


# Failures leave nothing behind


def _folder_listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.mark.parametrize("stage", ["build", "bag", "zip"])
def test_a_failed_snapshot_leaves_nothing_and_keeps_the_existing_one(project, tmp_path, monkeypatch, stage):
    import tempfile

    import timeline.snapshot.archive
    import timeline.snapshot.make

    out_dir = tmp_path / "out"
    out_dir.mkdir()
    existing = snapshot_of(project, out_dir)
    before = existing.read_bytes()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))

    def broken(*args, **kwargs):
        raise RuntimeError(f"{stage} broke")

    def half_written(stream, *args, **kwargs):
        stream.write(b"PK\x03\x04 half a zip")
        raise OSError("disk full")

    if stage == "build":
        monkeypatch.setattr(timeline.snapshot.make, "build_site", broken)
    elif stage == "bag":
        monkeypatch.setattr(bagit, "make_bag", broken)
    else:
        monkeypatch.setattr(timeline.snapshot.archive, "_write_entries", half_written)
    with pytest.raises((RuntimeError, SnapshotError)) as error:
        make_snapshot(project.config, existing)
    if stage == "zip":
        assert "disk full; no snapshot was written and snap.zip was left as it was" in error.value.format_message()
    assert existing.read_bytes() == before
    assert _folder_listing(out_dir) == ["snap.zip"]
    assert _folder_listing(scratch) == []


def test_a_bad_source_date_epoch_is_a_message_not_a_traceback(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = run("snapshot", "--config", str(project.config), "--out", str(tmp_path / "a.zip"))
    assert result.exit_code == 1
    assert "SOURCE_DATE_EPOCH must be whole seconds since 1970" in result.output
    assert not (tmp_path / "a.zip").exists()


def test_an_out_folder_that_does_not_exist_is_refused_without_creating_it(project, tmp_path):
    result = run("snapshot", "--config", str(project.config), "--out", str(tmp_path / "missing" / "a.zip"))
    assert result.exit_code == 1
    assert "no such folder" in result.output
    assert not (tmp_path / "missing").exists()


# Verify


@pytest.fixture
def bag_folder(project, tmp_path) -> Path:
    return unzip(snapshot_of(project, tmp_path), tmp_path / "x")


def _flip_byte(root: Path) -> str:
    path = root / "data" / "site" / "events" / "2018-04-08-wafideen-meeting.html"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    return "changed: data/site/events/2018-04-08-wafideen-meeting.html (sha256 and sha512 checksums differ)"


def _delete(root: Path) -> str:
    (root / "data" / "source" / "content" / "outlets.yml").unlink()
    return "missing: data/source/content/outlets.yml"


def _add(root: Path) -> str:
    (root / "data" / "site" / "injected.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    return "extra: data/site/injected.html"


def _add_tag_file(root: Path) -> str:
    (root / "notes.txt").write_text("extra", encoding="utf-8")
    return "extra: notes.txt"


def _edit_bag_info(root: Path) -> str:
    info = root / "bag-info.txt"
    info.write_text(info.read_text(encoding="utf-8").replace("2018-04-08", "2019-01-01"), encoding="utf-8")
    return "changed: bag-info.txt"


def _delete_a_manifest(root: Path) -> str:
    (root / "manifest-sha512.txt").unlink()
    return "missing: manifest-sha512.txt"


def _delete_a_tag_manifest(root: Path) -> str:
    (root / "tagmanifest-sha512.txt").unlink()
    return "missing: tagmanifest-sha512.txt"


@pytest.mark.parametrize("form", ["folder", "zip"])
@pytest.mark.parametrize("damage", [_flip_byte, _delete, _add, _add_tag_file, _edit_bag_info,
                                    _delete_a_manifest, _delete_a_tag_manifest])
def test_verify_names_each_changed_missing_or_extra_file(bag_folder, tmp_path, damage, form):
    expected = damage(bag_folder)
    target = bag_folder if form == "folder" else rezip(bag_folder, tmp_path / "damaged.zip")
    result = run("verify", str(target))
    assert result.exit_code == 1
    assert expected in result.output
    assert f"verify failed: {target}: 1 problem found" in result.output
    assert "Traceback" not in result.output


def test_verify_lists_every_problem_at_once(bag_folder):
    expected = [_add(bag_folder), _delete(bag_folder), _flip_byte(bag_folder)]
    result = run("verify", str(bag_folder))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    for line in expected:
        assert any(found.startswith(line) for found in lines), line
    assert "3 problems found" in result.output


def test_verify_names_a_file_damaged_inside_the_zip(project, tmp_path):
    archive = snapshot_of(project, tmp_path)
    name = f"{PREFIX}/data/site/index.html"
    with zipfile.ZipFile(archive) as opened:
        info = opened.getinfo(name)
    data = bytearray(archive.read_bytes())
    data[info.header_offset + 30 + len(name) + info.compress_size // 2] ^= 0xFF
    archive.write_bytes(bytes(data))
    result = run("verify", str(archive))
    assert result.exit_code == 1
    assert name in result.output


def test_verify_accepts_the_bag_folder_or_the_folder_around_it(bag_folder):
    assert verify_snapshot(bag_folder).startswith("valid:")
    assert verify_snapshot(bag_folder.parent).startswith("valid:")


def test_verify_refuses_what_is_not_a_bag(tmp_path):
    (tmp_path / "plain").mkdir()
    result = run("verify", str(tmp_path / "plain"))
    assert result.exit_code == 1 and "no bagit.txt found" in result.output
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    result = run("verify", str(tmp_path / "notes.txt"))
    assert result.exit_code == 1 and "neither a folder nor a zip" in result.output


def _crafted_zip(path: Path, entries: list[tuple[str, int]]) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as opened:
        for name, mode in entries:
            info = zipfile.ZipInfo(name)
            info.create_system = 3
            info.external_attr = mode << 16
            opened.writestr(info, b"payload" if not stat.S_ISLNK(mode) else b"/etc/passwd")
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize("name, mode, reason", [
    ("../evil", stat.S_IFREG | 0o644, "path leaves the bag"),
    ("bag/../../evil", stat.S_IFREG | 0o644, "path leaves the bag"),
    ("/tmp/evil", stat.S_IFREG | 0o644, "absolute path"),
    ("C:/evil", stat.S_IFREG | 0o644, "absolute path"),
    ("bag\\..\\evil", stat.S_IFREG | 0o644, "backslash"),
    ("bag/link", stat.S_IFLNK | 0o777, "symbolic link"),
])
def test_verify_refuses_zip_entries_that_would_leave_the_bag(tmp_path, name, mode, reason):
    archive = _crafted_zip(tmp_path / "crafted.zip", [("bag/bagit.txt", stat.S_IFREG | 0o644), (name, mode)])
    result = run("verify", str(archive))
    assert result.exit_code == 1
    assert f"unsafe entry {name!r}: {reason}" in result.output
    assert not (tmp_path / "evil").exists() and not Path("/tmp/evil").exists()


def test_verify_refuses_names_that_collide_when_case_is_ignored(tmp_path):
    archive = _crafted_zip(tmp_path / "crafted.zip", [("bag/a.txt", stat.S_IFREG | 0o644), ("bag/A.txt", stat.S_IFREG | 0o644)])
    result = run("verify", str(archive))
    assert result.exit_code == 1 and "same name as" in result.output
