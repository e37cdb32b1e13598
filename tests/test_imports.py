"""Imports at the module top (issue 13 item 6): the dependency graph is what the
top of each module says. Kept inside functions only where a cold start is at
stake: the CLI (every command starts it; each command imports its own stage,
as ``cli.py``'s docstring measures) and the date engine's optional parts
(``dates/``, imported by ``timeline dates``), where each such import carries a
comment, on its line or the line above, with what it costs (``python -X importtime``)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "timeline"
LAZY_ALLOWED = ("cli.py", "dates/", "plugin.py")
EXPLAINED_ONE_BY_ONE = ("dates/", "plugin.py")  # plugin.py: the preview, for `mkdocs serve` only (import cycle)


def imports_inside_functions(path: Path) -> list[int]:
    lines = []
    for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            lines += [node.lineno for node in ast.walk(function) if isinstance(node, (ast.Import, ast.ImportFrom))]
    return sorted(set(lines))


def unexplained(path: Path) -> list[int]:
    """Function-level imports with no comment on their line or the line above."""
    text = path.read_text(encoding="utf-8").splitlines()
    return [line for line in imports_inside_functions(path)
            if "#" not in text[line - 1] and not text[line - 2].lstrip().startswith("#")]


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


def test_each_lazy_import_of_the_date_engine_says_what_it_saves():
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith(EXPLAINED_ONE_BY_ONE) and unexplained(path):
            found[relative] = unexplained(path)
    assert found == {}, f"imports inside functions without their measured reason: {found}"


def test_an_uncommented_lazy_import_is_found_and_a_commented_one_is_not(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    import json\n    # 9 ms cold\n    import csv\n    import re  # free\n", encoding="utf-8")
    assert imports_inside_functions(sample) == [2, 4, 5]
    assert unexplained(sample) == [2]


def test_each_stage_the_cli_imports_in_a_command_is_measured_in_its_docstring():
    path = PACKAGE / "cli.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstring = ast.get_docstring(tree) or ""
    lazy = {node.module for function in ast.walk(tree) if isinstance(function, ast.FunctionDef)
            for node in ast.walk(function) if isinstance(node, ast.ImportFrom)}
    assert lazy, "the finder sees the commands' imports"
    measured = set(re.findall(r"``([\w.]+)``\s+\d+", docstring))
    assert sorted(lazy - measured) == []


def test_the_finder_sees_an_import_inside_a_function(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os\n\ndef f():\n    import json\n    return json\n", encoding="utf-8")
    assert imports_inside_functions(sample) == [4]
