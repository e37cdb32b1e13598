"""The engine's cross-run cache (issue 15 item 3): the same results with and
without it, and a broken or unwritable cache never breaks a command."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from timeline.dates import cache
from timeline.dates.english import rules as english_rules
from timeline.dates.grammar import rules as arabic_rules

SAMPLE = ("وقال المرصد إن القصف بدأ فجر السبت 7 نيسان/أبريل 2018، ووصلت القافلة منذ 3 آذار "
          "وحتى اليوم، وستعقد الجولة المقبلة في 15 أيار المقبل. Rebels left on Friday, April 6, "
          "2018 and again last week; the deal was reached 04.03.18.")
RUN = ("import json, sys; from datetime import date; from timeline.dates import find_dates; "
       "print(json.dumps([m.to_json() for m in find_dates(sys.argv[1], date(2018, 4, 8), sys.argv[2])]))")


def run(env_cache: Path, language: str = "ar") -> list[dict]:
    env = {**os.environ, "TIMELINE_CACHE_DIR": str(env_cache)}
    done = subprocess.run([sys.executable, "-c", RUN, SAMPLE, language], env=env, check=True,
                          capture_output=True, text=True)
    assert done.stderr == ""
    return json.loads(done.stdout)


def test_a_stored_program_matches_like_a_fresh_compile() -> None:
    for rule in (*arabic_rules(), *english_rules()):
        pattern = rule.regex.pattern
        rebuilt = cache._from_parts(pattern, cache._to_parts(pattern, 0))
        fresh = re.compile(pattern)
        assert rebuilt.groupindex == fresh.groupindex
        assert [m.span() for m in rebuilt.finditer(SAMPLE.lower())] == \
            [m.span() for m in fresh.finditer(SAMPLE.lower())], rule.name


def test_second_run_reads_the_cache_and_gives_the_same_mentions(tmp_path: Path) -> None:
    for language in ("ar", "en"):
        first = run(tmp_path / "cache", language)
        stored = list((tmp_path / "cache").glob("dates-*.marshal"))
        assert len(stored) == 1
        assert run(tmp_path / "cache", language) == first
        assert first, "the sample has dates"


def test_a_corrupt_cache_is_ignored_and_rewritten(tmp_path: Path) -> None:
    expected = run(tmp_path / "clean")
    folder = tmp_path / "broken"
    folder.mkdir()
    name = next((tmp_path / "clean").glob("dates-*.marshal")).name
    (folder / name).write_bytes(b"\x00not marshal data")
    assert run(folder) == expected
    assert run(folder) == expected


def test_an_unwritable_cache_folder_is_harmless(tmp_path: Path) -> None:
    expected = run(tmp_path / "clean")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert run(blocker / "cache") == expected


def test_the_prefix_index_of_long_texts_is_kept_apart_from_a_short_runs_cache(tmp_path: Path) -> None:
    """A long text builds the prefilter's index (megabytes of prefix sets); a
    one-article run must not read them, so they live in a file of their own."""
    from timeline.dates.engine import INDEX_AFTER_CHARACTERS

    env = {**os.environ, "TIMELINE_CACHE_DIR": str(tmp_path / "cache")}
    long_text = tmp_path / "long.txt"
    long_text.write_text(" ".join(f"{SAMPLE} ({number})" for number in range(INDEX_AFTER_CHARACTERS // len(SAMPLE) + 2)),
                         encoding="utf-8")
    read_file = RUN.replace("find_dates(sys.argv[1]", "find_dates(open(sys.argv[1], encoding='utf-8').read()")
    subprocess.run([sys.executable, "-c", read_file, str(long_text), "ar"], env=env, check=True, capture_output=True)
    main = next((tmp_path / "cache").glob("dates-[0-9a-f]*.marshal"))
    side = next((tmp_path / "cache").glob("dates-prefixes-*.marshal"))
    import marshal
    assert "prefixes" not in marshal.loads(main.read_bytes())
    assert marshal.loads(side.read_bytes())["prefixes"], "the long text's index was not stored"
    assert run(tmp_path / "cache") == run(tmp_path / "no-side-file")
