"""One URL policy for every URL a reader's browser may follow or load.

A URL is judged the way a browser will read it, not the way it is written:
HTML character references are decoded first (``java&#115;cript:`` is
``javascript:``), then ASCII whitespace, control characters and invisible
format characters are removed (browsers drop a tab or a newline inside a
scheme). Then:

- a **link** (``<a href>``) may be ``http``, ``https``, ``mailto`` or
  relative (no scheme); anything else (``javascript:``, ``data:``,
  ``vbscript:``, ``file:`` …) is refused;
- a **sub-resource** (``<img src>`` and anything else the browser loads by
  itself) must come from the site itself: relative, without a scheme and
  without a host (``//host/x``, ``\\\\host/x`` are other hosts). A remote
  image is shown as a plain link to it, so that nothing is fetched from
  another host unless the reader chooses to follow it;
- a **CSS value** from the configuration (a category ``color``) must be a
  colour: ``#rgb``, ``#rgba``, ``#rrggbb``, ``#rrggbbaa``, ``rgb()``/
  ``rgba()``/``hsl()``/``hsla()`` with numbers only, or a CSS colour name.

``timeline.site.markup`` applies it to every Markdown page (treeprocessor
and HTML backstop), ``timeline check`` reports what it refuses with file and
line, and ``fields.check_http_url`` uses it for citation URLs.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

import yaml

from timeline.content.problems import Problem

FOLLOWABLE_SCHEMES = frozenset({"http", "https", "mailto"})
WEB_SCHEMES = frozenset({"http", "https"})
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
_NUMBER = r"\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:%|deg|turn|rad|grad)?\s*"
_SEPARATOR = r"(?:,|/|\s)"
_FUNCTION_COLOUR = re.compile(rf"^(?:rgba?|hsla?)\({_NUMBER}(?:{_SEPARATOR}{_NUMBER}){{2,3}}\)$", re.IGNORECASE)


def browser_form(raw: str | None, *, decoded: bool = False) -> str:
    """``raw`` as a browser reads it from an attribute: character references
    decoded (unless ``decoded`` says an HTML parser did it already),
    whitespace, control and invisible format characters removed."""
    text = (raw or "") if decoded else html.unescape(raw or "")
    return "".join(ch for ch in text if not _is_noise(ch))


def _is_noise(ch: str) -> bool:
    return ch <= " " or ch == "\x7f" or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")


def scheme_of(raw: str | None, *, decoded: bool = False) -> str | None:
    """The lowercase scheme of ``raw`` as a browser reads it, or None when relative."""
    match = _SCHEME.match(browser_form(raw, decoded=decoded))
    return match.group(1).lower() if match else None


def link_problem(raw: str | None, *, decoded: bool = False) -> str | None:
    """Why ``raw`` may not be a link a reader can follow, or None when it may."""
    scheme = scheme_of(raw, decoded=decoded)
    if scheme is None or scheme in FOLLOWABLE_SCHEMES:
        return None
    return f'the "{scheme}:" scheme is not allowed; a link may be http, https, mailto or relative'


def is_followable(raw: str | None, *, decoded: bool = False) -> bool:
    return link_problem(raw, decoded=decoded) is None


def is_same_site(raw: str | None, *, decoded: bool = False) -> bool:
    """True for a sub-resource the site itself serves: no scheme and no host."""
    text = browser_form(raw, decoded=decoded).replace("\\", "/")
    if not text or _SCHEME.match(text):
        return False
    return not text.startswith("//") and urlsplit(text).netloc == ""


def is_remote(raw: str | None, *, decoded: bool = False) -> bool:
    """True for an http(s) or scheme-relative (``//host``) URL of another host."""
    text = browser_form(raw, decoded=decoded).replace("\\", "/")
    return text.startswith("//") or scheme_of(text, decoded=True) in WEB_SCHEMES


def resource_problem(raw: str | None, *, decoded: bool = False) -> str | None:
    """Why ``raw`` may not be loaded by the browser (an image), or None."""
    if is_same_site(raw, decoded=decoded):
        return None
    if not browser_form(raw, decoded=decoded):
        return "the address is empty"
    if is_remote(raw, decoded=decoded):
        return "images come only from the site itself; this remote image is shown as a link to it"
    scheme = scheme_of(raw, decoded=decoded)
    return f'the "{scheme}:" scheme is not allowed; images come only from the site itself' if scheme else "images come only from the site itself"


def is_web_url(raw: str | None) -> bool:
    """True only for an absolute http(s) URL with a host and no space or
    control character in it (what a citation, an outlet or ``site_url`` may be)."""
    if not raw or any(ch.isspace() or _is_noise(ch) for ch in raw):
        return False
    parts = urlsplit(raw)
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)


def is_css_colour(value: object) -> bool:
    """True for a CSS colour that cannot load anything or leave its declaration."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    if _HEX_COLOUR.match(text) or _FUNCTION_COLOUR.match(text):
        return True
    return text.lower() in css_colour_names()


@lru_cache(maxsize=1)
def css_colour_names() -> frozenset[str]:
    """The CSS named colours (``timeline/data/css-colours.yml``)."""
    text = resources.files("timeline").joinpath("data/css-colours.yml").read_text(encoding="utf-8")
    return frozenset(str(name).lower() for name in yaml.safe_load(text)["names"])


def site_url_problems(path: str, value: object, line: int) -> list:
    """``site_url`` of mkdocs.yml must be empty or an absolute http(s) URL."""
    if value is None or value == "":
        return []
    if not isinstance(value, str) or not is_web_url(value):
        return [Problem(path, line, "site_url", f'"{value}" is not an http(s) URL; write the address the site is '
                        "published at, e.g. https://example.org/douma/, or leave it out")]
    return []


def colour_problem(value: object) -> str | None:
    """Why ``value`` may not be a category colour, or None."""
    if is_css_colour(value):
        return None
    return (f'"{value}" is not a colour; write #rrggbb (e.g. "#b3261e"), rgb(…)/hsl(…) with numbers, '
            "or a CSS colour name")
