"""A build rendered in several processes is byte-identical to a one-process build."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.make_corpus import make_corpus  # noqa: E402
from timeline.build import build_site  # noqa: E402
from timeline.site import parallel  # noqa: E402


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def with_processes(config: Path, processes: int) -> Path:
    """mkdocs.yml with ``processes`` set (and month pages from 20 events, so every kind of page is made)."""
    lines = [line for line in config.read_text(encoding="utf-8").splitlines(keepends=True)
             if not line.startswith(("      processes:", "      month_pages_after:"))]
    text = "".join(lines).replace("      digits: latin\n", f"      digits: latin\n      processes: {processes}\n"
                                  "      month_pages_after: 20\n", 1)
    config.write_text(text, encoding="utf-8")
    return config


def test_two_and_three_processes_write_the_one_process_site(tmp_path: Path, monkeypatch) -> None:
    config = make_corpus(120, 16, tmp_path / "project", seed=7)
    config.write_text(config.read_text(encoding="utf-8").replace("site_name:", "site_url: https://example.org/t/\nsite_name:", 1),
                      encoding="utf-8")
    forks = []
    real_fork = parallel.os.fork
    monkeypatch.setattr(parallel.os, "fork", lambda: forks.append(1) or real_fork())
    one = tree(build_site(with_processes(config, 1), tmp_path / "one").site_dir)
    assert forks == []
    assert "sitemap.xml" in one and any(p.startswith("months/") for p in one)
    for processes in (2, 3):
        site = tree(build_site(with_processes(config, processes), tmp_path / f"site-{processes}").site_dir)
        assert len(forks) == 2 if processes == 2 else len(forks) == 5  # the pages were rendered by workers
        assert sorted(site) == sorted(one)
        assert [path for path in one if site[path] != one[path]] == []


def test_a_failing_worker_leaves_the_error_to_the_one_process_build(tmp_path: Path, monkeypatch) -> None:
    config = make_corpus(30, 6, tmp_path / "project", seed=2)
    with_processes(config, 2)
    expected = tree(build_site(with_processes(config, 1), tmp_path / "one").site_dir)
    calls = []
    real = parallel._write_share

    def failing_in_workers(renderer, site_dir, share, write):  # noqa: ANN001
        calls.append(share)
        if share is not None:
            raise RuntimeError("worker failure")
        return real(renderer, site_dir, share, write)

    monkeypatch.setattr(parallel, "_write_share", failing_in_workers)
    site = tree(build_site(with_processes(config, 2), tmp_path / "two").site_dir)
    assert calls[-1] is None  # the parent rendered everything after the workers failed
    assert site == expected


def test_automatic_processes() -> None:
    assert parallel.processes_for(3, 10) == 3
    assert parallel.processes_for(0, parallel.AUTOMATIC_FROM - 1) == 1
    assert parallel.processes_for(0, parallel.AUTOMATIC_FROM) == min(2, parallel.os.cpu_count() or 1)
