"""Import: a raw text, Markdown or HTML file becomes ``content/articles/<id>.md``.

The first stage of the editor's loop (import → extract → review → build). It
decodes any common encoding (UTF-8 with or without BOM, UTF-16, Windows-1256,
or ``--encoding``), normalizes line endings, keeps only the article text of an
HTML page (with its metadata when no flag gives it), drops trailing page
furniture ("التعليقات", share bars) and writes the article with its front
matter. The text is otherwise kept verbatim: citations quote it.

Importing the same text twice is a no-op; a different text under an existing
id is an error, never an overwrite.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from timeline.fileio import create_text_exclusive
from timeline.normalize import normalize_arabic
from timeline.content.frontmatter import FrontMatterError, parse_document
from timeline.content.problems import ContentError, Problem

MAX_BYTES = 5_000_000  # a news article is far smaller; refuse rather than hang
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,118}[a-z0-9]$")
DATA_FILE = Path(__file__).parent / "extract" / "data" / "boilerplate.yml"
ARABIC_LETTER = re.compile("[\u0621-\u064a]")
LATIN_LETTER = re.compile("[A-Za-z]")


@dataclass(frozen=True)
class ImportResult:
    """Where the article is, its id, and whether this import created it."""

    path: Path
    id: str
    created: bool


@dataclass
class RawArticle:
    """What was read from the source file, before flags are applied."""

    text: str
    metadata: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- the stage


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

    Flags win over metadata found in the file. Raises :class:`ContentError`
    with ``path:line: field: message`` problems when something is missing or
    wrong; nothing is written then.
    """
    path = Path(path)
    raw = read_source(path, encoding)
    outlets = _load_outlets(Path(content_dir) / "outlets.yml")
    front, problems = _front_matter(path, raw, outlets, outlet=outlet, published=published,
                                    url=url, title=title, article_id=article_id)
    if not raw.text.strip():
        problems.append(Problem(str(path), 1, "text", "no article text found in the file"))
    if problems:
        raise ContentError(problems, action="import")
    target = Path(content_dir) / "articles" / f"{front['id']}.md"
    return _write_once(target, front, raw.text)


def read_source(path: Path, encoding: str | None = None) -> RawArticle:
    """Read and decode a source file into clean text and metadata."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ContentError([Problem(str(path), 1, "file", f"cannot read: {error.strerror}")], action="import") from None
    if len(data) > MAX_BYTES:
        raise ContentError([Problem(str(path), 1, "file", f"{len(data)} bytes is over the {MAX_BYTES}-byte limit for one article; split it or trim the page first")], action="import")
    text = decode_bytes(data, encoding, path)
    text = normalize_line_endings(text)
    suffix = path.suffix.lower()
    if suffix in {".html", ".htm", ".xhtml"} or _looks_like_html(text):
        raw = html_to_article(text)
    elif suffix in {".md", ".markdown"} and text.startswith("---\n"):
        raw = _split_markdown(text, path)
    else:
        raw = RawArticle(text)
    raw.text = clean_text(raw.text)
    return raw


# ---------------------------------------------------------------- decoding


def decode_bytes(data: bytes, encoding: str | None, path: Path) -> str:
    """Decode with ``encoding`` or detect UTF-8 (±BOM), UTF-16 and Windows-1256."""
    if encoding:
        try:
            return data.decode(encoding).lstrip("\ufeff")
        except LookupError:
            problem = f'unknown encoding "{encoding}"; try utf-8, utf-16 or cp1256'
        except UnicodeDecodeError as error:
            problem = f"not valid {encoding} at byte {error.start}; try another --encoding"
        raise ContentError([Problem(str(path), 1, "encoding", problem)], action="import")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace").lstrip("\ufeff")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = ""
    if text and _mostly_text(text):
        return text
    raise ContentError([Problem(str(path), 1, "encoding", "neither UTF-8, UTF-16 nor Windows-1256; pass --encoding NAME")], action="import")


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte is mostly NUL or 0x06 (Arabic)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    high_odd = sum(1 for b in odd if b in (0, 6)) / len(odd)
    high_even = sum(1 for b in even if b in (0, 6)) / len(even)
    if high_odd > 0.9 and high_even < 0.5:
        return "utf-16-le"
    if high_even > 0.9 and high_odd < 0.5:
        return "utf-16-be"
    return None


def _mostly_text(text: str) -> bool:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t")
    return controls <= len(text) // 100


def normalize_line_endings(text: str) -> str:
    """CRLF and lone CR become LF; U+2028/2029 become LF too."""
    return re.sub(r"\r\n?|[\u2028\u2029\x85]", "\n", text)


# ---------------------------------------------------------------- cleaning


@lru_cache(maxsize=1)
def boilerplate() -> dict[str, Any]:
    """The page-furniture word lists (data, editable)."""
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


def clean_text(text: str) -> str:
    """Trim each line's trailing spaces, collapse runs of blank lines, and
    drop trailing boilerplate lines. Nothing inside the text is rewritten."""
    lines = [line.rstrip() for line in text.lstrip("\ufeff").split("\n")]
    kept: list[str] = []
    for line in lines:
        if not line.strip() and (not kept or not kept[-1].strip()):
            continue
        kept.append(line)
    while kept and (not kept[-1].strip() or is_boilerplate_line(kept[-1])):
        kept.pop()
    return "\n".join(kept)


def is_boilerplate_line(line: str) -> bool:
    """A lone "التعليقات", "Share", or a bar of share words."""
    data = boilerplate()
    folded = normalize_arabic(line).strip(" :-–|·•")
    if not folded:
        return True
    if folded in {normalize_arabic(item) for item in data["trailing_lines"]}:
        return True
    words = re.split(r"[\s|·•/]+", folded)
    share = {normalize_arabic(item) for item in data["share_words"]}
    return len(words) >= 2 and all(word in share for word in words if word)


# ---------------------------------------------------------------- HTML


BLOCK_TAGS = frozenset("p div section article main h1 h2 h3 h4 h5 h6 li ul ol br tr table blockquote pre figure figcaption header footer dd dt hr".split())
SKIP_TAGS = frozenset("script style noscript nav aside form button iframe svg template select textarea header footer figure figcaption video audio canvas object embed".split())
VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list["Node | str"] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """A forgiving tree builder on the standard library's tokenizer: an end
    tag closes the nearest open element of that name; stray ends are ignored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: (v or "") for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID_TAGS:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: (v or "") for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def html_to_article(text: str) -> RawArticle:
    """The article text of an HTML page and its metadata (title, date, site, URL, language)."""
    root = parse_html(text)
    metadata = html_metadata(root)
    body = _article_root(root)
    headline = _first(body, "h1")
    if headline is not None:
        metadata.setdefault("title", _inline_text(headline).strip())
    lines: list[str] = []
    _render(body, lines, [""], skip=headline)
    paragraphs = (line.strip() for line in "".join(lines).split("\n"))
    return RawArticle("\n".join(line for line in paragraphs if line), metadata)  # one paragraph a line, as in .txt


def html_metadata(root: Node) -> dict[str, Any]:
    """article:published_time, og:title, og:site_name, the canonical URL and lang."""
    found: dict[str, Any] = {}
    for node in _walk(root):
        if node.tag == "meta":
            key = (node.attrs.get("property") or node.attrs.get("name") or node.attrs.get("itemprop") or "").lower()
            value = node.attrs.get("content", "").strip()
            if not value:
                continue
            if key in {"article:published_time", "datepublished", "date", "pubdate"}:
                found.setdefault("published_time", value)
            elif key == "og:title":
                found["title"] = value
            elif key == "og:site_name":
                found["site_name"] = value
            elif key == "og:url":
                found.setdefault("og_url", value)
        elif node.tag == "link" and "canonical" in node.attrs.get("rel", "").lower().split():
            found["url"] = node.attrs.get("href", "").strip()
        elif node.tag == "time" and node.attrs.get("datetime"):
            found.setdefault("time_datetime", node.attrs["datetime"].strip())
        elif node.tag == "html" and node.attrs.get("lang"):
            found["lang"] = node.attrs["lang"].split("-")[0].lower()
        elif node.tag == "title" and "page_title" not in found:
            found["page_title"] = _inline_text(node).strip()
    if "url" not in found and "og_url" in found:
        found["url"] = found["og_url"]
    if "published_time" not in found and "time_datetime" in found:
        found["published_time"] = found["time_datetime"]
    return found


def _walk(node: Node):
    yield node
    for child in node.children:
        if isinstance(child, Node):
            yield from _walk(child)


def _first(node: Node, tag: str) -> Node | None:
    return next((n for n in _walk(node) if n.tag == tag), None)


def _marker_matches(node: Node, marker: str) -> bool:
    kind, _, word = marker.partition("=")
    if kind == "tag":
        return node.tag == word
    if kind == "itemprop":
        return node.attrs.get("itemprop", "") == word
    names = (node.attrs.get("class", "") + " " + node.attrs.get("id", "")).lower().split()
    return word in names


def _article_root(root: Node) -> Node:
    for marker in boilerplate()["html_article_markers"]:
        for node in _walk(root):
            if _marker_matches(node, marker) and not _is_skipped(node):
                return node
    return _first(root, "body") or root


def _is_skipped(node: Node) -> bool:
    if node.tag in SKIP_TAGS:
        return True
    names = (node.attrs.get("class", "") + " " + node.attrs.get("id", "")).lower()
    tokens = re.split(r"[\s_-]+", names)
    skip = boilerplate()["html_skip_classes"]
    return any(word in tokens or any(t.startswith(word) for t in tokens) for word in skip) or "hidden" in node.attrs


def _render(node: Node, out: list[str], _state: list[str], skip: Node | None) -> None:
    for child in node.children:
        if isinstance(child, str):
            out.append(re.sub(r"\s+", " ", child))
            continue
        if child is skip or _is_skipped(child):
            continue
        block = child.tag in BLOCK_TAGS
        if block:
            out.append("\n")
        _render(child, out, _state, skip)
        if block:
            out.append("\n")


def _inline_text(node: Node) -> str:
    parts: list[str] = []
    for child in node.children:
        parts.append(child if isinstance(child, str) else _inline_text(child))
    return re.sub(r"\s+", " ", "".join(parts))


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith("<!doctype html") or head.startswith("<html")


# ---------------------------------------------------------------- Markdown


def _split_markdown(text: str, path: Path) -> RawArticle:
    """A Markdown file with front matter: the shared reader, the same messages as `check`."""
    try:
        document = parse_document(text)
    except FrontMatterError as error:
        raise ContentError([Problem(str(path), error.line, "front matter", error.message)], action="import") from None
    return RawArticle(document.body, {k: v for k, v in document.data.items() if isinstance(k, str)})


# ---------------------------------------------------------------- front matter


def _front_matter(path: Path, raw: RawArticle, outlets: dict[str, dict], *, outlet, published, url, title, article_id) -> tuple[dict[str, Any], list[Problem]]:
    meta = raw.metadata
    problems: list[Problem] = []
    where = str(path)
    outlet_key = outlet or meta.get("outlet") or resolve_outlet(meta.get("site_name"), outlets)
    if not outlet_key:
        hint = f' (the page names "{meta["site_name"]}", which is not in outlets.yml)' if meta.get("site_name") else ""
        problems.append(Problem(where, 1, "outlet", f"unknown outlet{hint}; pass --outlet KEY"))
    elif not re.fullmatch(r"[a-z0-9][a-z0-9-]*", str(outlet_key)):
        problems.append(Problem(where, 1, "outlet", f'"{outlet_key}" is not a key; use lowercase ASCII letters, digits and -'))
    day = _published_date(published or meta.get("published") or meta.get("published_time"))
    if day is None:
        given = published or meta.get("published") or meta.get("published_time")
        detail = f'"{given}" is not a date;' if given else "missing;"
        problems.append(Problem(where, 1, "published", f"{detail} pass --published YYYY-MM-DD (needed to resolve relative dates)"))
    chosen_url = url or meta.get("url")
    if chosen_url and not re.match(r"https?://", str(chosen_url)):
        problems.append(Problem(where, 1, "url", f'"{chosen_url}" is not an http(s) URL'))
    if problems:
        return {}, problems
    identifier = article_id or meta.get("id") or default_id(path, str(outlet_key), day, raw.text)
    if not ID_PATTERN.fullmatch(str(identifier)):
        return {}, [Problem(where, 1, "id", f'"{identifier}" is not a valid id; use lowercase ASCII letters, digits and -, e.g. {outlet_key}-{day.isoformat()}-topic')]
    front: dict[str, Any] = {"id": str(identifier), "outlet": str(outlet_key), "published": day,
                             "language": str(meta.get("language") or meta.get("lang") or detect_language(raw.text))}
    if chosen_url:
        front["url"] = str(chosen_url)
    if meta.get("archived_url"):
        front["archived_url"] = str(meta["archived_url"])
    chosen_title = title or meta.get("title")
    if chosen_title:
        front["title"] = str(chosen_title).strip()
    return front, []


def _published_date(value: Any) -> date | None:
    """A date from ``YYYY-MM-DD`` or an ISO timestamp (converted to Damascus time)."""
    if isinstance(value, datetime):
        return _damascus(value)
    if isinstance(value, date):
        return value
    if not value:
        return None
    text = str(value).strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return _damascus(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        return None


def _damascus(moment: datetime) -> date:
    if moment.tzinfo is None:
        return moment.date()
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo("Asia/Damascus")).date()


def resolve_outlet(site_name: Any, outlets: dict[str, dict]) -> str | None:
    """The outlets.yml key whose name or alias equals ``site_name`` (normalized)."""
    if not site_name:
        return None
    wanted = normalize_arabic(str(site_name))
    for key, spec in sorted(outlets.items()):
        names = [key, spec.get("name_ar"), spec.get("name_en"), *(spec.get("aliases") or [])]
        if any(name and normalize_arabic(str(name)) == wanted for name in names):
            return key
    return None


def _load_outlets(path: Path) -> dict[str, dict]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    if isinstance(data, dict) and isinstance(data.get("outlets"), dict):
        data = data["outlets"]
    return {str(k): v for k, v in data.items() if isinstance(v, dict)} if isinstance(data, dict) else {}


def detect_language(text: str) -> str:
    """``ar`` when Arabic letters outnumber Latin ones, else ``en``."""
    return "ar" if len(ARABIC_LETTER.findall(text)) >= len(LATIN_LETTER.findall(text)) else "en"


def ascii_slug(text: str, limit: int = 60) -> str:
    """Lowercase ASCII letters, digits and single hyphens."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return slug[:limit].strip("-")


def default_id(path: Path, outlet: str, day: date, text: str) -> str:
    """``<outlet>-<published>-<file stem>``; a short hash of the text when the
    stem has no ASCII letters. A stem that already starts so is kept."""
    prefix = f"{outlet}-{day.isoformat()}"
    stem = ascii_slug(path.name.split(".")[0])
    if stem.startswith(prefix):
        return stem
    if not re.search(r"[a-z]", stem.replace(outlet, "")):
        stem = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return f"{prefix}-{stem}"[:120].strip("-")


# ---------------------------------------------------------------- writing


def article_file_text(front: dict[str, Any], text: str) -> str:
    """The stored article: YAML front matter in a fixed key order, then the text."""
    header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{header}---\n{text}\n"


def _stored_text(path: Path) -> str:
    content = normalize_line_endings(path.read_text(encoding="utf-8-sig"))
    if content.startswith("---\n"):
        end = content.find("\n---\n", 4)
        if end >= 0:
            content = content[end + 5:]
    return content


def _same_text(a: str, b: str) -> bool:
    return a.strip() == b.strip()


def _write_once(target: Path, front: dict[str, Any], text: str) -> ImportResult:
    existing = _existing_copy(target.parent, text)
    if existing is not None:
        return ImportResult(existing, existing.stem, created=False)
    if target.exists():
        raise ContentError([Problem(str(target), 1, "id", f'an article "{front["id"]}" already exists with a different text; it is never overwritten: pass --id NEW-ID to import this one beside it')], action="import")
    if create_text_exclusive(target, article_file_text(front, text)):
        return ImportResult(target, front["id"], created=True)
    if _same_text(_stored_text(target), text):  # another import won the race with the same text
        return ImportResult(target, front["id"], created=False)
    raise ContentError([Problem(str(target), 1, "id", "created meanwhile with a different text; pass --id NEW-ID")], action="import")


def _existing_copy(folder: Path, text: str) -> Path | None:
    """An article already stored with exactly this text (same file imported twice)."""
    if not folder.is_dir():
        return None
    for candidate in sorted(folder.glob("*.md")):
        try:
            if _same_text(_stored_text(candidate), text):
                return candidate
        except (OSError, UnicodeDecodeError):
            continue
    return None
