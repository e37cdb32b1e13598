"""Property-based tests: the loader never raises; ids are always safe."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from timeline.project import load_project
from timeline.content.fields import ID_PATTERN
from timeline.content.new_entry import make_entry_id
from timeline.normalize import find_normalized, normalize_arabic, normalize_with_offsets

from project_helpers import copy_project

ARABIC = st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF) | st.sampled_from(" \n:-[]{}\"'#&*!|>%@`,?ـ\u200f\u202eًٌٍ٠١٢3a"), max_size=200)
YAMLISH = st.lists(
    st.tuples(st.sampled_from(["id", "date", "end", "title", "categories", "actors", "places", "review", "sources",
                               "approximate", "time", "extracted", "counter_sources", "x"]),
              st.one_of(ARABIC, st.integers(), st.booleans(), st.none(), st.lists(ARABIC, max_size=3),
                        st.just("2018-02-30"), st.just("[a, {b: c}]"), st.just("- quote: x\n  article: y"))),
    max_size=8,
)


class _Project:
    """One copied project per test function; hypothesis rewrites one file in it."""

    root = Path(tempfile.mkdtemp(prefix="timeline-properties-"))
    project = copy_project(root / "project")


def _load_with(data: bytes) -> list:
    target = _Project.project.events / "fuzz.md"
    target.write_bytes(data)
    try:
        content, problems = load_project(_Project.project.config)
    finally:
        target.unlink()
    return problems


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_problems_with_a_path_never_an_exception(data):
    for problem in _load_with(data):
        assert problem.path == str(_Project.project.events / "fuzz.md")
        assert problem.line >= 1 and problem.field and problem.message


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH, ARABIC)
def test_arbitrary_front_matter_gives_a_model_or_problems(pairs, body):
    front = "\n".join(f"{key}: {value if not isinstance(value, str) else value.replace(chr(10), ' ')}" for key, value in pairs)
    problems = _load_with(f"---\n{front}\n---\n{body}".encode("utf-8"))
    # The rest of the project is valid: every problem is about the fuzzed file.
    assert all(p.path == str(_Project.project.events / "fuzz.md") and p.line >= 1 for p in problems), problems


@given(st.text(max_size=60), st.lists(st.text(max_size=20), max_size=4), st.text(max_size=40))
def test_entry_ids_are_always_filesystem_safe(when, words, title):
    entry_id = make_entry_id(when, words, title or None)
    assert ID_PATTERN.match(entry_id), entry_id
    assert "/" not in entry_id and ".." not in entry_id and entry_id.isascii()


@given(ARABIC, ARABIC)
@example("ٵ", "ٴ")  # high-hamza letters: NFKC once split them into two characters
@example("ٷب", "ٴب")
def test_normalized_find_maps_back_into_the_original(haystack, needle):
    folded, origin = normalize_with_offsets(haystack)
    assert folded == normalize_arabic(haystack)
    assert len(origin) == len(folded) + 1
    span = find_normalized(haystack, needle)
    if span is not None:
        start, end = span
        assert 0 <= start < end <= len(haystack)
        assert normalize_arabic(haystack[start:end]) == normalize_arabic(needle)


def teardown_module() -> None:
    shutil.rmtree(_Project.root, ignore_errors=True)
