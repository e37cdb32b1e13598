"""`timeline verify` on damaged zips: a message, never a traceback
(cases in tests/fixtures/bad/verify/expected.yml)."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "bad" / "verify" / "expected.yml").read_text(encoding="utf-8"))


def _patch_headers(data: bytes, local_offset: int, central_offset: int, change) -> bytes:
    """Apply ``change(old) -> new`` to a 2-byte field of every local and central header."""
    patched = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", local_offset), (b"PK\x01\x02", central_offset)):
        position = patched.find(signature)
        while position >= 0:
            old = struct.unpack_from("<H", patched, position + offset)[0]
            struct.pack_into("<H", patched, position + offset, change(old))
            position = patched.find(signature, position + 4)
    return bytes(patched)


def _corrupt_first_entry_data(data: bytes) -> bytes:
    position = data.find(b"PK\x03\x04")
    name_length, extra_length = struct.unpack_from("<HH", data, position + 26)
    start = position + 30 + name_length + extra_length
    return data[:start] + bytes(b ^ 0xFF for b in data[start:start + 64]) + data[start + 64:]


DAMAGE = {
    "truncated-half": lambda data: data[: len(data) // 2],
    "truncated-tail": lambda data: data[:-10],
    "encrypted-entry": lambda data: _patch_headers(data, 6, 8, lambda flags: flags | 0x1),
    "deflate64-entry": lambda data: _patch_headers(data, 8, 10, lambda method: 9 if method == 8 else method),
    "corrupt-data": _corrupt_first_entry_data,
    "not-a-zip": lambda data: b"%PDF-1.4 not a zip\n" + data[:100],
}


@pytest.fixture(scope="module")
def snapshot_bytes(tmp_path_factory) -> bytes:
    from project_helpers import copy_project

    root = tmp_path_factory.mktemp("verify")
    project = copy_project(root / "project")
    out = root / "good.zip"
    env = {"SOURCE_DATE_EPOCH": "1523145600", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "timeline", "snapshot", "--config", str(project.config), "--out", str(out)],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    return out.read_bytes()


@pytest.mark.parametrize("case", sorted(CASES))
def test_verify_reports_a_damaged_zip_with_a_message(snapshot_bytes, tmp_path, case):
    damaged = tmp_path / f"{case}.zip"
    damaged.write_bytes(DAMAGE[case](snapshot_bytes))
    done = subprocess.run([sys.executable, "-m", "timeline", "verify", str(damaged)], capture_output=True, text=True)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert CASES[case] in done.stderr, done.stderr


def test_every_damage_has_an_expectation():
    assert sorted(DAMAGE) == sorted(CASES)
