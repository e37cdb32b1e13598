"""Shared helpers for the build and serve benchmarks: corpora, child processes, sizes.

Every measurement runs in a fresh Python process, so its peak memory
(``ru_maxrss`` of that process) is its own, and no warm cache or imported
module carries over from one measurement to the next.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.make_corpus import make_corpus  # noqa: E402

RESULT_PREFIX = "BENCH-RESULT "


def articles_for(n_events: int) -> int:
    """Articles per corpus: about eight events per article, as in the seed material."""
    return max(4, n_events // 8)


def corpus(n_events: int, work_dir: Path, seed: int = 0) -> Path:
    """The corpus of ``n_events`` under ``work_dir``, generated once and reused; its mkdocs.yml."""
    folder = work_dir / f"corpus-{n_events}-s{seed}"
    stamp = folder / ".corpus.json"
    wanted = {"n_events": n_events, "n_articles": articles_for(n_events), "seed": seed, "inputs": inputs_digest()}
    if stamp.exists() and json.loads(stamp.read_text()) == wanted:
        return folder / "mkdocs.yml"
    config = make_corpus(n_events, articles_for(n_events), folder, seed)
    stamp.write_text(json.dumps(wanted))
    return config


def inputs_digest() -> str:
    """A digest of what a corpus copies from the repository (theme, config, registries, generator),
    so that a cached corpus is regenerated when any of them changes."""
    digest = hashlib.sha256()
    paths = [REPO / "mkdocs.yml", REPO / "benchmarks" / "make_corpus.py",
             *(REPO / "content" / name for name in ("outlets.yml", "gazetteer.yml", "index.md", "about.md")),
             *sorted(p for p in (REPO / "theme").rglob("*") if p.is_file())]
    for path in paths:
        digest.update(path.relative_to(REPO).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """User + system CPU time of this process: fairer than wall time on a shared machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def user_seconds() -> float:
    """User CPU time of this process: the work the code itself does. System time
    on this machine is mostly the filesystem creating and discarding folders
    (ext4 with online discard), and swings several-fold between identical runs."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_utime


def report_child_result(result: dict[str, Any]) -> None:
    """Called in the child: one marked JSON line that :func:`run_child` reads."""
    print(RESULT_PREFIX + json.dumps(result), flush=True)


def run_child(arguments: list[str], timeout: float) -> dict[str, Any]:
    """Run ``python <arguments>`` and return its reported result, or ``{"error": …}``.

    The result also holds the whole process as the system saw it (imports,
    start-up and exit included): ``process_wall``, ``process_user``,
    ``process_sys`` seconds and ``process_peak_mb``, the largest resident set
    of the process or any process it forked (``wait4``)."""
    command = [sys.executable, *arguments]
    env = dict(os.environ, PYTHONHASHSEED="0", SOURCE_DATE_EPOCH="1523145600")
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        child = subprocess.Popen(command, stdout=out, stderr=err, text=True, env=env, cwd=REPO)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                child.kill()
                os.wait4(child.pid, 0)
                return {"error": f"timeout after {timeout:.0f} s"}
            time.sleep(0.05)
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    whole = {"process_wall": wall, "process_user": usage.ru_utime, "process_sys": usage.ru_stime,
             "process_peak_mb": usage.ru_maxrss / 1024}
    for line in reversed(stdout.splitlines()):
        if line.startswith(RESULT_PREFIX):
            return {**json.loads(line[len(RESULT_PREFIX):]), **whole}
    tail = (stderr or stdout).strip().splitlines()[-5:]
    return {"error": f"exit {child.returncode}: " + " | ".join(tail)}


def html_sizes(site_dir: Path) -> dict[str, int]:
    """Every HTML page of a built site: path relative to the site -> bytes."""
    return {path.relative_to(site_dir).as_posix(): path.stat().st_size
            for path in sorted(site_dir.rglob("*.html"))}


def tree_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def middle(values: list[float]) -> float:
    return median(values) if values else float("nan")


def now() -> float:
    """A monotonic clock for durations (never a date)."""
    return time.perf_counter()
