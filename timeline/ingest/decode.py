"""Bytes to text: UTF-8 (with or without BOM), UTF-16, Windows-1256 or a named encoding; LF line endings."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from timeline.content.problems import ContentError, Problem


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
