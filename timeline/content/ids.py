"""The one id rule and the one slug function, for articles and entries alike,
and the one rule for the keys of outlets, actors and places.

An id is lowercase ASCII letters, digits and single hyphens inside, at most
``MAX_ID_LENGTH`` characters, and equal to its file's stem. ``timeline import``,
``timeline new``, extraction and ``timeline check`` all use these, so an id one
command writes is one the others accept.
"""

from __future__ import annotations

import re
import unicodedata

MAX_ID_LENGTH = 100
ID_PATTERN = re.compile(rf"^[a-z0-9](?:[a-z0-9-]{{0,{MAX_ID_LENGTH - 2}}}[a-z0-9])?$")


KEY_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")  # keys of outlets.yml and gazetteer.yml (no length limit)


def is_valid_id(value: str) -> bool:
    return bool(ID_PATTERN.match(value))


def is_valid_key(value: str) -> bool:
    """A key of ``outlets.yml`` or ``gazetteer.yml``: lowercase ASCII letters, digits and hyphens."""
    return KEY_PATTERN.fullmatch(value) is not None


def ascii_slug(text: str, limit: int = MAX_ID_LENGTH) -> str:
    """Lowercase ASCII letters and digits joined by single hyphens (accents folded, other letters dropped)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return slug[:limit].strip("-")


def clip_id(value: str) -> str:
    """``value`` cut to the longest valid length, without a trailing hyphen."""
    return value[:MAX_ID_LENGTH].strip("-")
