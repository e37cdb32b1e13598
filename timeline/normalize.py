"""Arabic text normalization: the first stage, used wherever text is compared.

Quotes are checked against articles, aliases are resolved, and the search
index is built on normalized text, so that "جيش الاسلام" matches
"جيش الإسلام", "٢٠١٣" matches "2013" and a diacritic or a tatweel never
hides a match. Normalization is for comparing only: stored text is never
rewritten.

``normalize_with_offsets`` keeps a map back to the original string, so a
match found in normalized text can be reported at its original position.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Eastern Arabic (U+0660–0669) and Persian/Urdu (U+06F0–06F9) digits.
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

_LETTER_FOLDS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ئ": "ي",
    "ة": "ه",
    "ؤ": "و",
    "ک": "ك",
}
LETTER_FOLDS = str.maketrans(_LETTER_FOLDS)

# Harakat, shadda, sukun, superscript alef, high hamza (NFKC splits ٵ ٶ ٷ ٸ
# into a letter and U+0674, which would fold one character into two),
# Quranic marks, and tatweel.
_DROPPED = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0674\u06d6-\u06ed\u0640]")
# Bidirectional controls and zero-width characters: never meaningful in content.
INVISIBLES = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c]")
_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "″": '"',
                         "‘": "'", "’": "'", "‚": "'"})
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """Fold one character into zero or more comparison characters."""
    if not char.isascii():
        char = unicodedata.normalize("NFKC", char)
    char = _DROPPED.sub("", INVISIBLES.sub("", char))
    return char.translate(DIGITS).translate(LETTER_FOLDS).translate(_QUOTES).lower()


def _fold_table(text: str) -> dict[int, str]:
    """A ``str.translate`` table for the distinct characters of ``text``."""
    return {ord(char): fold_char(char) for char in set(text)}


def normalize_arabic(text: str) -> str:
    """Fold text for comparison: alef/ya/ta-marbuta forms, diacritics, tatweel,
    Eastern digits, invisible controls, quote styles, case and whitespace."""
    return _SPACES.sub(" ", text.translate(_fold_table(text))).strip()


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalize ``text`` and return, for each normalized character, the index
    of the original character it came from (plus a final end index).

    The folded string equals :func:`normalize_arabic` of the same text.
    """
    table = _fold_table(text)
    joined = text.translate(table)
    if all(len(piece) == 1 for piece in table.values()):  # the usual case: one character each
        origin = list(range(len(text)))
    else:
        origin = [index for index, char in enumerate(text) for _ in table[ord(char)]]
    parts: list[str] = []
    kept: list[int] = []
    position = 0
    for run in _SPACES.finditer(joined):  # collapse each run of spaces to one
        parts.append(joined[position:run.start()])
        kept.extend(origin[position:run.start()])
        parts.append(" ")
        kept.append(origin[run.start()])
        position = run.end()
    parts.append(joined[position:])
    kept.extend(origin[position:])
    folded = "".join(parts)
    start = 1 if folded.startswith(" ") else 0
    stop = len(folded) - 1 if folded.endswith(" ") and len(folded) > start else len(folded)
    return folded[start:stop], kept[start:stop] + [len(text)]


def find_normalized(haystack: str, needle: str, folded_haystack: tuple[str, list[int]] | None = None) -> tuple[int, int] | None:
    """Find ``needle`` in ``haystack`` after normalizing both.

    Returns the ``(start, end)`` offsets in the original haystack, or None.
    ``folded_haystack`` is ``normalize_with_offsets(haystack)`` when the
    caller searches one text many times.
    """
    target = normalize_arabic(needle)
    if not target:
        return None
    folded, origin = folded_haystack or normalize_with_offsets(haystack)
    position = folded.find(target)
    if position < 0:
        return None
    end = position + len(target)
    return origin[position], origin[end - 1] + 1


def strip_invisibles(text: str) -> str:
    """Remove bidi controls and zero-width characters from display text."""
    return INVISIBLES.sub("", text)
