"""Text rendering of found dates, for ``timeline dates --format text``.

Editors read the article with each expression marked in place and its
resolution beside it: ⟦الجمعة الماضية → 2018-04-06 (day, event)⟧.
"""

from __future__ import annotations

from timeline.dates.model import DateMention

OPEN, CLOSE, ARROW = "⟦", "⟧", "→"


def describe(mention: DateMention) -> str:
    """The resolution shown after a mention: value, grain, role, "≈" if approximate."""
    approximate = ", approximate" if mention.approximate else ""
    return f"{mention.value} ({mention.grain}, {mention.role}{approximate})"


def render_marked_text(text: str, mentions: list[DateMention]) -> str:
    """``text`` with every mention wrapped as ⟦expression → value (grain, role)⟧."""
    pieces: list[str] = []
    position = 0
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.start < position:
            continue  # overlapping mentions are never produced; skip defensively
        pieces.append(text[position:mention.start])
        pieces.append(f"{OPEN}{text[mention.start:mention.end]} {ARROW} {describe(mention)}{CLOSE}")
        position = mention.end
    pieces.append(text[position:])
    return "".join(pieces)
