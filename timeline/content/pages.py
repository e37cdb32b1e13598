"""The editors' pages that MkDocs renders (``index.md``, ``about.md`` …).

``timeline check`` (and the plugin, before MkDocs reads them) reads every
Markdown file of the content folder outside ``articles/`` and ``events/``
as MkDocs will: its optional YAML front matter with our limits (no alias
bomb reaches MkDocs' own YAML reader), its body through the converter MkDocs
uses, with the URL policy. What the policy refuses is a problem with file
and line, so that ``check`` and ``build`` agree.
"""

from __future__ import annotations

from pathlib import Path

from timeline.content.frontmatter import FrontMatterError, list_content_files, parse_document, read_text
from timeline.content.problems import Problem
from timeline.site.markup import findings_problems, page_converter

NOT_PAGES = ("articles", "events")


def page_files(content_dir: Path) -> tuple[list[Path], list[Problem]]:
    """Every page MkDocs will render, and a problem for each link or special file."""
    found, problems = list_content_files(content_dir, content_dir, recursive=True,
                                         skip=lambda relative: relative.parts[0] in NOT_PAGES)
    return found, problems


def check_pages(content_dir: Path, extensions: list | None = None, configs: dict | None = None) -> list[Problem]:
    """Every problem of every page: unreadable, bad front matter, refused URLs."""
    paths, problems = page_files(content_dir)
    if not paths:
        return problems
    try:
        converter = page_converter(extensions, configs)
    except Exception as error:  # noqa: BLE001 - any extension may fail to load; MkDocs would fail too
        return problems + [Problem("mkdocs.yml", 1, "markdown_extensions", f"cannot load the Markdown extensions: {error}")]
    for path in paths:
        try:
            text = read_text(path, root=content_dir)
            body, first_line = _body_of(text)
        except FrontMatterError as error:
            problems.append(Problem(str(path), error.line, "file", error.message))
            continue
        converter.reset()
        converter.convert(body)
        problems += findings_problems(str(path), body, first_line, list(converter.timeline_findings))
    return problems


def _body_of(text: str) -> tuple[str, int]:
    """The Markdown after the optional ``---`` front matter, and its first line."""
    if not text.startswith("---\n"):
        return text, 1
    document = parse_document(text)
    return document.body, document.body_line


def markdown_extensions_of(mkdocs_yml: dict) -> tuple[list, dict]:
    """``markdown_extensions`` of a raw ``mkdocs.yml`` as (names, configs), the way MkDocs reads it."""
    names: list = []
    configs: dict = {}
    for item in mkdocs_yml.get("markdown_extensions") or []:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict):
            for name, options in item.items():
                names.append(str(name))
                if isinstance(options, dict):
                    configs[str(name)] = options
    return names, configs
