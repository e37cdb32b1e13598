"""Titles and ids of extracted entries.

A title is the claim of the sentence without its reporting frame: from the
first word of the claim to the first clause break (a comma, "بهدف", "وسط",
a participle that starts another claim; word lists in ``data/words.yml``), at most ``MAX_TITLE_WORDS`` words,
with quotation marks and dangling prepositions removed. Editors rewrite it.

An id is ``YYYY-MM-DD-<slug>`` (the entry's first day at its precision),
the slug made of ASCII keys (category, actor, place) and a short hash of
the article and sentence, so that it is filesystem-safe, stable across
runs, and unique.
"""

from __future__ import annotations

import hashlib
import re

from timeline.content.ids import ascii_slug
from timeline.extract.lexicon import Word, word_lists

MAX_TITLE_WORDS = 12
MIN_TITLE_WORDS = 4
QUOTES = "\"'«»“”()"


def make_title(words: list[Word], claim_start: int) -> str:
    """A short Arabic (or English) title from the claim of a sentence."""
    lists = word_lists()
    start = claim_start if len(words) - claim_start >= MIN_TITLE_WORDS else 0
    picked: list[Word] = []
    index = start
    while index < len(words) and len(picked) < MAX_TITLE_WORDS:
        word = words[index]
        if word.norm in lists.title_asides:  # "، بينهم نساء واطفال،": an aside, left out
            while index < len(words) and not words[index].text.rstrip(QUOTES).endswith(("،", ",")):
                index += 1
            index += 1
            continue
        if word.norm in lists.title_breaks and len(picked) >= MIN_TITLE_WORDS:
            break
        following = words[index + 1].norm if index + 1 < len(words) else ""
        text = word.text
        if text.rstrip(QUOTES).endswith(("،", ",")) and following in lists.title_asides:
            text = text.rstrip(QUOTES).rstrip("،,")
        elif text.rstrip(QUOTES).endswith(("،", ",", "؛", ";", ":")) and len(picked) >= MIN_TITLE_WORDS - 1:
            picked.append(word)
            break
        picked.append(Word(word.start, word.end, text, word.norm))
        index += 1
    while picked and picked[-1].norm in lists.title_dangling:
        picked.pop()
    text = " ".join(word.text for word in picked)
    text = re.sub(f"[{re.escape(QUOTES)}]", "", text).strip(" ،,.؛;:-–")
    return text or " ".join(w.text for w in words[:MAX_TITLE_WORDS]).strip(" ،,.")


def make_slug(categories: list[str], actors: list[str], places: list[str], seed: str, hash_length: int = 6) -> str:
    """ASCII slug: category, first actor, first place, then a short hash of ``seed``."""
    parts = [categories[0] if categories else "event"]
    parts += actors[:1] + places[:1]
    digest = hashlib.sha256(seed.encode("utf-8")).hexdigest()[:hash_length]
    return ascii_slug("-".join(parts + [digest]), limit=80)  # the one slug rule (content.ids)


def make_id(first_day: str, slug: str) -> str:
    return f"{first_day}-{slug}"
