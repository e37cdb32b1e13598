"""The HTML of editors' Markdown, held to the URL policy: elements, attributes, URLs.

Applied twice by ``timeline.site.markup.SafeMarkdownExtension``: to the
element tree, after every other treeprocessor (MkDocs' link rewriting
included), and to the final HTML, after every other postprocessor, so that
an extension enabled in ``mkdocs.yml`` (``attr_list``, ``md_in_html`` …)
cannot bring back what the policy refuses:

- only the elements Markdown and its standard extensions make are kept;
  any other element (``script``, ``iframe``, ``svg``, ``form`` …) is shown
  as text;
- only plain attributes are kept (``id``, ``class``, ``title``, ``alt``,
  table and list attributes …); every event handler (``on*``) and every
  other attribute is removed; ``style`` only without any function
  (no ``url()``) or escape;
- ``<a href>`` must be a link ``timeline.urlpolicy`` allows, else the
  element loses its ``href`` (its text stays);
- ``<img src>`` must be on the site itself; a remote image becomes a plain
  link to it (its alt text, or "صورة خارجية"), an image with any other
  scheme becomes its alt text.

What was refused is recorded as ``Finding``s for ``timeline check``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from xml.etree.ElementTree import Element

from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from timeline.urlpolicy import is_followable, is_remote, link_problem, resource_problem

REMOTE_IMAGE_TEXT = "صورة خارجية"
REMOTE_IMAGE_CLASS = "remote-image"
ALLOWED_ELEMENTS = frozenset(
    "p br hr h1 h2 h3 h4 h5 h6 a img em strong b i u s code pre kbd samp var blockquote q "
    "ul ol li dl dt dd table thead tbody tfoot tr th td caption colgroup col div span sup sub "
    "del ins mark small abbr cite dfn details summary figure figcaption bdi bdo time wbr".split()
)
ALLOWED_ATTRIBUTES = frozenset(
    "id class title alt lang dir colspan rowspan scope headers start reversed type align valign "
    "width height open datetime name role".split()
)
STYLE_PROPERTIES = frozenset(
    "text-align color background-color font-weight font-style text-decoration vertical-align "
    "border border-color".split()
)
_STYLE_DECLARATION = re.compile(r"^\s*([a-z-]+)\s*:\s*([#a-zA-Z0-9 .,%-]*)\s*$")


@dataclass(frozen=True)
class Finding:
    """One thing the policy refused in a page: what, the value, and why."""

    kind: str  # "link" | "image" | "remote-image" | "attribute" | "element"
    value: str
    message: str
    needle: str = ""  # what to look for in the source to find the line

    @property
    def severity(self) -> str:
        """Always a warning: what the policy refuses is neutralized on the site
        (shown as text, or as a link), so the page is still safe and whole;
        ``check`` and ``build`` both print it with its file and line."""
        return "warning"


def style_is_safe(value: str) -> bool:
    """True for declarations of plain properties with plain values (no function, no escape)."""
    declarations = [part for part in value.split(";") if part.strip()]
    for declaration in declarations:
        match = _STYLE_DECLARATION.match(declaration)
        if not match or match.group(1).lower() not in STYLE_PROPERTIES:
            return False
    return True


def clean_attributes(tag: str, attributes: list[tuple[str, str | None]], findings: list[Finding],
                     *, decoded: bool) -> list[tuple[str, str | None]]:
    """The attributes of ``tag`` the policy keeps (``href``/``src`` are judged by the caller)."""
    kept: list[tuple[str, str | None]] = []
    for name, value in attributes:
        key = name.lower()
        if key in ALLOWED_ATTRIBUTES or key.startswith("aria-"):
            kept.append((name, value))
        elif (key == "href" and tag == "a") or (key == "src" and tag == "img"):
            kept.append((name, value))
        elif key == "style" and value is not None and style_is_safe(value):
            kept.append((name, value))
        else:
            what = "event-handler attribute" if key.startswith("on") else "attribute"
            findings.append(Finding("attribute", f"{name}={value}", f'the {what} "{name}" is not allowed on <{tag}>; it was removed', name))
    return kept


def _link_finding(value: str, *, decoded: bool) -> Finding:
    shown = value if len(value) <= 80 else value[:79] + "…"
    return Finding("link", value, f'link to "{shown}": {link_problem(value, decoded=decoded)}; it is shown as plain text', value)


def _image_finding(value: str, *, decoded: bool) -> Finding:
    shown = value if len(value) <= 80 else value[:79] + "…"
    kind = "remote-image" if is_remote(value, decoded=decoded) else "image"
    return Finding(kind, value, f'image "{shown}": {resource_problem(value, decoded=decoded)}', value)


class SafeTreeprocessor(Treeprocessor):
    """The policy on the element tree (runs last among treeprocessors)."""

    def __init__(self, md, findings: list[Finding]) -> None:  # noqa: ANN001 - a markdown.Markdown
        super().__init__(md)
        self.findings = findings

    def run(self, root: Element) -> None:  # type: ignore[override]
        for element in list(root.iter()):
            if not isinstance(element.tag, str):  # comments, processing instructions
                continue
            tag = element.tag.lower()
            if element is not root and tag not in ALLOWED_ELEMENTS:
                self.findings.append(Finding("element", tag, f"the element <{tag}> is not allowed; it is shown as text", f"<{tag}"))
                element.tag, tag = "span", "span"
                element.attrib.clear()
            kept = clean_attributes(tag, list(element.attrib.items()), self.findings, decoded=False)
            element.attrib.clear()
            element.attrib.update(kept)
            if tag == "a" and "href" in element.attrib and not is_followable(element.get("href")):
                self.findings.append(_link_finding(element.attrib.pop("href"), decoded=False))
            elif tag == "img":
                self._image(element)
        return None

    def _image(self, element: Element) -> None:
        src = element.get("src") or ""
        if resource_problem(src) is None:
            return
        self.findings.append(_image_finding(src, decoded=False))
        alt = element.get("alt") or ""
        element.attrib.clear()
        if is_remote(src) and is_followable(src):
            element.tag = "a"
            element.set("href", src)
            element.set("class", REMOTE_IMAGE_CLASS)
            element.text = alt or REMOTE_IMAGE_TEXT
        else:
            element.tag = "span"
            element.text = alt


class SafeHtmlPostprocessor(Postprocessor):
    """The policy on the final HTML (runs last among postprocessors); a tag
    that passes is left byte for byte as it was."""

    def __init__(self, md, findings: list[Finding]) -> None:  # noqa: ANN001 - a markdown.Markdown
        super().__init__(md)
        self.findings = findings

    def run(self, text: str) -> str:
        return sanitize_html(text, self.findings)


def sanitize_html(text: str, findings: list[Finding] | None = None) -> str:
    """``text`` with every tag the policy refuses rewritten or shown as text."""
    if "<" not in text:
        return text
    scanner = _Scanner(text, findings if findings is not None else [])
    scanner.feed(text)
    tail = scanner.rawdata  # an unfinished tag at the end would swallow what follows it
    scanner.close()
    if tail:
        scanner.edits.append((len(text) - len(tail), len(text), html.escape(tail, quote=False)))
    return _apply(text, scanner.edits)


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    parts: list[str] = []
    position = 0
    for start, end, replacement in sorted(edits):
        if start < position:
            continue
        parts += [text[position:start], replacement]
        position = end
    parts.append(text[position:])
    return "".join(parts)


_END_TAG = re.compile(r"</[^>]*>?")


class _Scanner(HTMLParser):
    """Finds the tags to rewrite and records (start, end, replacement) edits."""

    def __init__(self, text: str, findings: list[Finding]) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.findings = findings
        self.edits: list[tuple[int, int, str]] = []
        self._line_starts = [0] + [match.end() for match in re.finditer("\n", text)]

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list, *, closed: bool) -> None:
        raw = self.get_starttag_text() or ""
        start = self._offset()
        replacement = self._replacement(tag, attrs, raw, closed)
        if replacement is not None:
            self.edits.append((start, start + len(raw), replacement))

    def _replacement(self, tag: str, attrs: list, raw: str, closed: bool) -> str | None:
        if tag not in ALLOWED_ELEMENTS:
            self.findings.append(Finding("element", tag, f"the element <{tag}> is not allowed; it is shown as text", f"<{tag}"))
            return html.escape(raw, quote=False)
        kept = clean_attributes(tag, attrs, self.findings, decoded=True)
        values = dict(kept)
        if tag == "a" and values.get("href") is not None and not is_followable(values["href"], decoded=True):
            self.findings.append(_link_finding(values["href"], decoded=True))
            kept = [(name, value) for name, value in kept if name.lower() != "href"]
        elif tag == "img" and resource_problem(values.get("src") or "", decoded=True) is not None:
            return self._image(values.get("src") or "", values.get("alt") or "")
        if kept == attrs:
            return None
        return _tag_text(tag, kept, closed)

    def _image(self, src: str, alt: str) -> str:
        self.findings.append(_image_finding(src, decoded=True))
        if is_remote(src, decoded=True) and is_followable(src, decoded=True):
            return (f'<a href="{html.escape(src)}" class="{REMOTE_IMAGE_CLASS}">'
                    f"{html.escape(alt or REMOTE_IMAGE_TEXT, quote=False)}</a>")
        return f"<span>{html.escape(alt, quote=False)}</span>"

    def handle_endtag(self, tag: str) -> None:
        if tag in ALLOWED_ELEMENTS:
            return
        start = self._offset()
        match = _END_TAG.match(self.text, start)
        end = match.end() if match else start + 2
        self.edits.append((start, end, html.escape(self.text[start:end], quote=False)))

    def handle_comment(self, data: str) -> None:
        self._escape_markup_declaration("-->")

    def handle_decl(self, decl: str) -> None:
        self._escape_markup_declaration(">")

    def handle_pi(self, data: str) -> None:
        self._escape_markup_declaration(">")

    def unknown_decl(self, data: str) -> None:
        self._escape_markup_declaration("]]>")

    def _escape_markup_declaration(self, terminator: str) -> None:
        start = self._offset()
        end = self.text.find(terminator, start)
        end = len(self.text) if end < 0 else end + len(terminator)
        self.edits.append((start, end, html.escape(self.text[start:end], quote=False)))


def _tag_text(tag: str, attributes: list[tuple[str, str | None]], closed: bool) -> str:
    parts = [f"<{tag}"]
    for name, value in attributes:
        parts.append(f" {name}" if value is None else f' {name}="{html.escape(value)}"')
    parts.append(" />" if closed else ">")
    return "".join(parts)


def finding_line(source: str, finding: Finding, first_line: int = 1) -> int:
    """The line of ``source`` (which starts at ``first_line``) where ``finding`` was written."""
    needle = finding.needle
    if not needle:
        return first_line
    # A URL is written after "(" or "<" (inline) or ": " (a reference definition);
    # looking for those first keeps "//host/x" from matching inside "https://host/x".
    candidates = [f"({needle}", f"<{needle}", f": {needle}", needle] if finding.kind in ("link", "image", "remote-image") else [needle]
    for text in (source, source.expandtabs(4)):  # Markdown expands tabs before parsing
        for candidate in candidates:
            index = text.find(candidate)
            if index < 0:
                index = text.lower().find(candidate.lower())
            if index >= 0:
                return first_line + text.count("\n", 0, index)
    return first_line
