"""An HTML page's article text (trafilatura) and its metadata (our reading of meta tags).

trafilatura finds the article among navigation, share bars, related links,
comments and cookie banners; the metadata (published time, headline, site
name, canonical URL, language) is read here from the page's own tags, so the
flags and outlets.yml decide as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

MAX_DEPTH = 250  # libxml2 stops building the tree deeper than this (about 255 levels)
VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")


@dataclass
class PageText:
    """The article text of a page (one paragraph a line), its metadata, and why it is empty if it is."""

    text: str
    metadata: dict[str, Any] = field(default_factory=dict)
    trouble: str | None = None


def looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith("<!doctype html") or head.startswith("<html")


def html_to_article(page: str) -> PageText:
    """The article text of an HTML page and its metadata (title, date, site, URL, language)."""
    page = XML_DECLARATION.sub("", page)
    try:
        metadata = html_metadata(lxml.html.document_fromstring(page))
        body = trafilatura.extract(page, include_comments=False, include_tables=True, include_images=False,
                                   include_links=False, deduplicate=False, favor_precision=True, fast=True,
                                   output_format="txt") or ""
    except (etree.ParserError, RecursionError, ValueError):
        metadata, body = {}, ""
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    if lines and metadata.get("title") and lines[0] == metadata["title"]:
        lines = lines[1:]  # the headline is the title, not the text
    return PageText("\n".join(lines), metadata, None if lines else _why_empty(page))


def html_metadata(root: etree._Element) -> dict[str, Any]:
    """article:published_time, og:title, og:site_name, the canonical URL, lang and the first <h1>."""
    found: dict[str, Any] = {}
    for node in root.iter(tag=etree.Element):
        tag = str(node.tag).lower()
        if tag == "meta":
            _read_meta(node, found)
        elif tag == "link" and "canonical" in (node.get("rel") or "").lower().split():
            found["url"] = (node.get("href") or "").strip()
        elif tag == "time" and node.get("datetime"):
            found.setdefault("time_datetime", node.get("datetime").strip())
        elif tag == "html" and node.get("lang"):
            found["lang"] = node.get("lang").split("-")[0].lower()
        elif tag == "h1" and "h1" not in found:
            found["h1"] = " ".join(node.text_content().split())
    if "url" not in found and "og_url" in found:
        found["url"] = found["og_url"]
    if "published_time" not in found and "time_datetime" in found:
        found["published_time"] = found["time_datetime"]
    if "title" not in found and found.get("h1"):
        found["title"] = found["h1"]
    return found


def _read_meta(node: etree._Element, found: dict[str, Any]) -> None:
    key = (node.get("property") or node.get("name") or node.get("itemprop") or "").lower()
    value = (node.get("content") or "").strip()
    if not value:
        return
    if key in {"article:published_time", "datepublished", "date", "pubdate"}:
        found.setdefault("published_time", value)
    elif key == "og:title":
        found["title"] = value
    elif key == "og:site_name":
        found["site_name"] = value
    elif key == "og:url":
        found.setdefault("og_url", value)


class _DepthCounter(HTMLParser):
    """How deep the open elements go (no tree is built, so no recursion)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = self.deepest = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in VOID_TAGS:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag: str) -> None:
        self.depth = max(0, self.depth - 1)


def _why_empty(page: str) -> str:
    counter = _DepthCounter()
    counter.feed(page)
    counter.close()
    if counter.deepest > MAX_DEPTH:
        return (f"the HTML nests elements {counter.deepest} levels deep (readable up to {MAX_DEPTH}), "
                "often thousands of unclosed tags; save the article's text as .txt and import that")
    return "no article text found in the page"
