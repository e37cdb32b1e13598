"""Imports at the module top (issue 13 item 6): the dependency graph is what the
top of each module says. Kept inside functions only where a cold start is at
stake, and commented there: the CLI (every command starts it) and the date
engine's optional parts (``dates/``, imported by ``timeline dates``)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "timeline"
LAZY_ALLOWED = ("cli.py", "dates/")


def imports_inside_functions(path: Path) -> list[int]:
    lines = []
    for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            lines += [node.lineno for node in ast.walk(function) if isinstance(node, (ast.Import, ast.ImportFrom))]
    return sorted(set(lines))


def test_imports_are_at_the_top_outside_the_cold_start_paths():
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith(LAZY_ALLOWED):
            continue
        lines = imports_inside_functions(path)
        if lines:
            found[relative] = lines
    assert found == {}, f"imports inside functions (move them to the top, or justify a cold start): {found}"


def test_the_finder_sees_an_import_inside_a_function(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os\n\ndef f():\n    import json\n    return json\n", encoding="utf-8")
    assert imports_inside_functions(sample) == [4]
