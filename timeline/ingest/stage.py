"""``timeline import``: read, decode and clean a source file, then store it as an article.

The first stage of the editor's loop (import → extract → review → build).
Flags win over metadata found in the file; problems are reported as
``path:line: field: message`` and nothing is written then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from timeline.content.frontmatter import FrontMatterError, parse_document
from timeline.content.problems import ContentError, Problem
from timeline.ingest.clean import clean_text, strip_markdown
from timeline.ingest.decode import decode_bytes, normalize_line_endings
from timeline.ingest.html import html_to_article, looks_like_html
from timeline.ingest.store import ImportResult, front_matter, known_outlets, write_once

MAX_BYTES = 5_000_000  # a news article is far smaller; refuse rather than hang
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}


@dataclass
class RawArticle:
    """What was read from the source file, before flags are applied."""

    text: str
    metadata: dict[str, Any] = field(default_factory=dict)
    trouble: str = "no article text found in the file"


def import_article(
    path: Path,
    content_dir: Path,
    *,
    outlet: str | None = None,
    published: str | date | None = None,
    url: str | None = None,
    title: str | None = None,
    article_id: str | None = None,
    encoding: str | None = None,
) -> ImportResult:
    """Import ``path`` into ``content_dir/articles/``.

    Raises :class:`ContentError` with every problem when something is missing
    or wrong. An outlet that ``outlets.yml`` does not know is a warning in the
    result's notes: ``timeline check`` will report it until it is added.
    """
    path, content_dir = Path(path), Path(content_dir)
    raw = read_source(path, encoding)
    outlets = known_outlets(content_dir)
    flags = {"outlet": outlet, "published": published, "url": url, "title": title, "article_id": article_id}
    front, problems = front_matter(path, raw.text, raw.metadata, outlets, flags)
    if not raw.text.strip():
        problems.append(Problem(str(path), 1, "text", raw.trouble))
    if problems:
        raise ContentError(problems, action="import")
    result = write_once(content_dir / "articles" / f"{front['id']}.md", front, raw.text)
    if front["outlet"] not in outlets:
        result.notes.append(Problem(str(path), 1, "outlet", f'"{front["outlet"]}" is not in outlets.yml; add it there, or `timeline check` will report this article', "warning"))
    return result


def read_source(path: Path, encoding: str | None = None) -> RawArticle:
    """Read and decode a source file into clean text and metadata."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ContentError([Problem(str(path), 1, "file", f"cannot read: {error.strerror}")], action="import") from None
    if len(data) > MAX_BYTES:
        raise ContentError([Problem(str(path), 1, "file", f"{len(data)} bytes is over the {MAX_BYTES}-byte limit for one article; split it or trim the page first")], action="import")
    text = normalize_line_endings(decode_bytes(data, encoding, path))
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES or looks_like_html(text):
        page = html_to_article(text)
        raw = RawArticle(page.text, page.metadata, page.trouble or RawArticle.trouble)
    elif suffix in MARKDOWN_SUFFIXES:
        raw = _markdown_article(text, path)
    else:
        raw = RawArticle(text)
    raw.text = clean_text(raw.text)
    return raw


def _markdown_article(text: str, path: Path) -> RawArticle:
    """A Markdown file, with or without front matter: plain text, and ``# headline`` as the title."""
    metadata: dict[str, Any] = {}
    if text.startswith("---\n"):
        try:
            document = parse_document(text)
        except FrontMatterError as error:
            raise ContentError([Problem(str(path), error.line, "front matter", error.message)], action="import") from None
        metadata = {k: v for k, v in document.data.items() if isinstance(k, str)}
        text = document.body
    plain, headline = strip_markdown(text)
    if headline and not metadata.get("title"):
        metadata["title"] = headline
    return RawArticle(plain, metadata)
