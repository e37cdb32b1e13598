"""Same-event detection across articles, with indexes instead of all pairs.

Two reports are of one event when their dates overlap, they share a
category, they share an actor or a place, and their wording is similar
(overlap of content words). Entries are indexed by (category, actor/place)
so that a new report is compared only with the few entries it could match.
A report is never merged into an entry that already cites its own article:
within one article, the analysis has already told occurrences apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from timeline.extract.lexicon import noun_variants, word_lists, words_of

SIMILARITY_THRESHOLD = 0.12


def content_words(text: str) -> frozenset[str]:
    """Folded content words of a text: no stopwords, no prefixes, 3+ letters."""
    result = set()
    stopwords = word_lists().merge_stopwords
    for word in words_of(text):
        if not word.norm or word.norm in stopwords:
            continue
        base = min(noun_variants(word.norm), key=len)
        if len(base) >= 3 and not base.isdigit():
            result.add(base)
    return frozenset(result)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap coefficient tempered by the Jaccard index (short vs long texts)."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return (shared / min(len(a), len(b)) + shared / len(a | b)) / 2


@dataclass
class IndexedEntry:
    """What matching needs to know of an entry (existing or just created)."""

    id: str
    path: Path
    first_day: str
    last_day: str
    categories: tuple[str, ...]
    names: tuple[str, ...]  # actors and places
    words: frozenset[str]
    articles: set[str] = field(default_factory=set)


class EventIndex:
    """Entries by (category, actor-or-place) key."""

    def __init__(self) -> None:
        self.buckets: dict[tuple[str, str], list[IndexedEntry]] = {}

    def add(self, entry: IndexedEntry) -> None:
        for key in self._keys(entry.categories, entry.names):
            self.buckets.setdefault(key, []).append(entry)

    @staticmethod
    def _keys(categories, names) -> list[tuple[str, str]]:
        return [(category, name) for category in categories for name in names]

    def best_match(self, *, first_day: str, last_day: str, categories, names, words: frozenset[str], article: str) -> IndexedEntry | None:
        """The most similar entry reporting the same event, or None."""
        seen: set[str] = set()
        best: tuple[float, str, IndexedEntry] | None = None
        for key in self._keys(categories, names):
            for entry in self.buckets.get(key, ()):
                if entry.id in seen:
                    continue
                seen.add(entry.id)
                if article in entry.articles or entry.last_day < first_day or last_day < entry.first_day:
                    continue
                score = similarity(words, entry.words)
                if score < SIMILARITY_THRESHOLD:
                    continue
                shared = len(set(names) & set(entry.names))
                score += 0.05 * shared + (0.1 if (entry.first_day, entry.last_day) == (first_day, last_day) else 0)
                if best is None or (score, entry.id) > (best[0], best[1]):
                    best = (score, entry.id, entry)
        return best[2] if best else None
