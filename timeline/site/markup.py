"""Safe markup: the one place where text becomes HTML, JSON-in-HTML or XML.

Policy (documented in docs/site.md):
- text from articles, quotes, titles and names is always escaped (Jinja2
  autoescape); bidi controls and zero-width characters are removed;
- editors' Markdown (event bodies and every page) is converted with raw
  HTML *escaped* (shown as text, never interpreted), and the URL and
  attribute policy of ``timeline.urlpolicy`` / ``timeline.sanitize``
  applied to the result;
- JSON inside ``<script>`` escapes ``<``, ``>``, ``&`` and the JavaScript
  line separators, so no string can close the script element.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

import markdown
from markdown.extensions import Extension
from markupsafe import Markup, escape

from timeline.content.problems import Problem
from timeline.normalize import strip_invisibles
from timeline.sanitize import Finding, SafeHtmlPostprocessor, SafeTreeprocessor, finding_line
from timeline.urlpolicy import is_followable, is_web_url

_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9'’.\-_/:]*(?:\s+[A-Za-z0-9][A-Za-z0-9'’.\-_/:]*)*")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def is_safe_url(url: str | None) -> bool:
    """True for a link a reader may follow: http(s), mailto or relative
    (judged after decoding character references; see ``timeline.urlpolicy``)."""
    return bool(url) and is_followable(url)


def clean_text(text: str | None) -> str:
    """Display text: bidi controls and zero-width characters removed."""
    return strip_invisibles(text or "")


def isolate_latin(text: str | None) -> Markup:
    """Escape ``text`` and wrap Latin runs in ``<bdi>`` so they do not reorder Arabic."""
    return _isolate_latin(text or "")


@lru_cache(maxsize=65536)  # a title is shown on its page, its neighbours' and every list
def _isolate_latin(text: str) -> Markup:
    text = clean_text(text)
    parts: list[str] = []
    position = 0
    for match in _LATIN_RUN.finditer(text):
        parts.append(str(escape(text[position:match.start()])))
        parts.append(f"<bdi>{escape(match.group(0))}</bdi>")
        position = match.end()
    parts.append(str(escape(text[position:])))
    return Markup("".join(parts))


def bdi(text: Any) -> Markup:
    """Escape and isolate a value (a URL, an English name, a number)."""
    return Markup(f"<bdi>{escape(clean_text(str(text)))}</bdi>")


def json_for_script(value: Any) -> str:
    """JSON that is safe inside ``<script>``: sorted keys, no ``</script>`` possible."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


def xml_text(text: str | None) -> str:
    """Text that XML 1.0 can carry (control characters removed), not yet escaped."""
    return _XML_INVALID.sub("", clean_text(text))


class SafeMarkdownExtension(Extension):
    """Python-Markdown extension enforcing the policy on every page: raw HTML
    is escaped, and the URL and attribute policy of ``timeline.sanitize`` is
    applied to the element tree (after every other treeprocessor, MkDocs'
    link rewriting included) and again to the final HTML (after every other
    postprocessor), so no extension can bring back what it refuses.

    What was refused is recorded in ``md.timeline_findings`` (reset with the
    converter), for ``timeline check`` to report with file and line."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        if "html_block" in md.preprocessors:
            md.preprocessors.deregister("html_block")
        if "html" in md.inlinePatterns:
            md.inlinePatterns.deregister("html")
        findings: list[Finding] = []
        md.timeline_findings = findings  # type: ignore[attr-defined]
        md.treeprocessors.register(SafeTreeprocessor(md, findings), "timeline_safe_tree", -100)
        md.postprocessors.register(SafeHtmlPostprocessor(md, findings), "timeline_safe_html", -1000)
        md.registerExtension(self)
        self._findings = findings

    def reset(self) -> None:
        self._findings.clear()


# A line of plain prose: it starts with a letter (or an opening quote or
# bracket), holds letters, digits, spaces, Arabic marks and punctuation that
# no Markdown rule reads, and does not end in a space (two would be a line
# break). A body made only of such lines and blank lines is a run of
# paragraphs that Python-Markdown would return unchanged, each in <p>.
_PLAIN_LINE = re.compile(r"(?:[^\W\d_]|[«\"(])(?:[^\W_]|[ .,،؛:؟!?()\"'«»/%\-\u064b-\u065f\u0670])*(?<! )")


def plain_paragraphs(text: str) -> str | None:
    """The HTML of ``text`` when it is plain prose paragraphs (with, at most,
    ``**strong**`` runs), else None."""
    paragraphs: list[list[str]] = [[]]
    for line in text.split("\n"):
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        html = _plain_line(line)
        if html is None:
            return None
        paragraphs[-1].append(html)
    return "\n".join("<p>" + "\n".join(lines) + "</p>" for lines in paragraphs if lines)


def _plain_line(line: str) -> str | None:
    if "*" not in line:
        return line if _PLAIN_LINE.fullmatch(line) else None
    # "**ملاحظة المحرر:** …": each run between a pair of ** is strong when it
    # is not empty, holds no other *, and neither starts nor ends with a space.
    parts = line.split("**")
    if len(parts) % 2 == 0 or "*" in "".join(parts):
        return None
    strong = parts[1::2]
    if any(not run or run[0] == " " or run[-1] == " " for run in strong):
        return None
    if not _PLAIN_LINE.fullmatch("".join(parts)):
        return None
    return "".join(f"<strong>{part}</strong>" if index % 2 else part for index, part in enumerate(parts))


class MarkdownRenderer:
    """Editors' Markdown bodies into safe HTML; one converter, reset per body.

    Most narratives are plain paragraphs; those skip the converter (the
    output is the same, tested against it), which at 10,000 events saves
    most of the time Python-Markdown spends setting up each small body."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=[SafeMarkdownExtension(), "tables", "sane_lists"])

    def findings(self, text: str) -> list[Finding]:
        """What the policy refuses in ``text``, rendered exactly as the site renders it."""
        text = strip_invisibles(text or "")
        if ("]" not in text and "<" not in text) or plain_paragraphs(text) is not None:
            return []  # no link, image or tag can come out of it
        self._md.reset()
        self._md.convert(text)
        return list(self._md.timeline_findings)  # type: ignore[attr-defined]

    def __call__(self, text: str) -> Markup:
        text = strip_invisibles(text or "")
        plain = plain_paragraphs(text)
        if plain is not None:
            return Markup(plain)
        self._md.reset()
        return Markup(self._md.convert(text))


def page_converter(extensions: list | None = None, configs: dict | None = None) -> markdown.Markdown:
    """The converter MkDocs uses for pages (its built-in and configured extensions) plus the policy."""
    names = ["toc", "tables", "fenced_code", *(extensions or [])]
    unique = [name for index, name in enumerate(names) if not isinstance(name, str) or name not in names[:index]]
    return markdown.Markdown(extensions=[*unique, SafeMarkdownExtension()], extension_configs=configs or {})


def findings_problems(path: str, source: str, first_line: int, findings: list[Finding], field: str = "body") -> list:
    """``Finding``s as problems naming the file and line where each was written."""
    return [Problem(path, finding_line(source, finding, first_line), field, finding.message, finding.severity)
            for finding in dict.fromkeys(findings)]


@lru_cache(maxsize=1)
def body_renderer() -> MarkdownRenderer:
    """The one renderer ``timeline check`` holds event bodies to (the site's own settings)."""
    return MarkdownRenderer()
