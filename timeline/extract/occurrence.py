"""One draft per occurrence: the clusters of one article that tell the same occurrence become one.

Sentence grouping (``events._cluster``) joins a detail to the occurrence
told just before it. Articles also tell one occurrence twice, apart: the
lead and, paragraphs later, the same strike with its date ("طائرات تركية
بدأت بقصف …" then "وباشرت الطائرات … اليوم السبت عملية قصف جوي"); a
statement and the occurrence it reports; one deal as a negotiation and,
sentences later, as an evacuation under it. Two clusters of one article are
one occurrence when

- at most one of them has a date of its own (the other is dated only by
  extraction's guess for an undated report, or by the sentence before it),
  and their dates overlap;
- their categories are compatible: the same first category, the first of
  one among the categories of the other, or a pair that one occurrence
  often carries (``same_occurrence`` in ``data/category_rules.yml``: a
  chemical attack is delivered by a bombardment, a toll is of the strike);
- they hold no clauses of one sentence (clause splitting told those apart);
- for a negotiation or a statement (``moves`` in ``category_rules.yml``,
  told as a sequence of moves: an offer, a demand, a rejection), a later
  cluster folds only into the article's lead, and only when one of the two
  has a date of its own and the other none (the lead told again); two
  undated moves, or a dated move after an undated one, are two moves;
- the later one is not marked as another occurrence ("وكانت … قد", "كما",
  "another strike", "لكن") and they do not name only different places;
- their wording is similar (content words, ``merge.similarity``).

The merged cluster keeps the earlier cluster's lead sentence, the date of
the one that has a date of its own, and the categories of both (the lead's
first). Nothing here reads words of one article: every cue is data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from timeline.extract.lexicon import Lexicon
from timeline.extract.merge import content_words, similarity

if TYPE_CHECKING:  # events imports this module
    from timeline.extract.events import EventCandidate, SentenceInfo

SAME_OCCURRENCE_SIMILARITY = 0.12
MAX_CATEGORIES = 3


def merge_occurrences(clusters: list[EventCandidate], lex: Lexicon) -> list[EventCandidate]:
    """The clusters with every later cluster that tells an earlier one's occurrence folded into it."""
    kept: list[EventCandidate] = []
    for cluster in clusters:
        target = next((earlier for earlier in reversed(kept)
                       if same_occurrence(earlier, cluster, lex, lead=earlier is kept[0])), None)
        if target is None:
            kept.append(cluster)
        else:
            _fold(target, cluster)
    return kept


def same_occurrence(earlier: EventCandidate, later: EventCandidate, lex: Lexicon, *, lead: bool = False) -> bool:
    """Do two clusters of one article tell one occurrence (see the module's rules)?
    ``lead``: ``earlier`` is the article's first occurrence."""
    if own_date(earlier) and own_date(later):
        return False
    if later.categories[:1] and later.categories[0] in lex.move_categories \
            and not (lead and own_date(earlier) != own_date(later)):
        return False  # moves of a negotiation or a statement: only the lead told once with, once without its date
    if {s.number for s in earlier.sentences} & {s.number for s in later.sentences}:
        return False  # clauses of one sentence told as two occurrences (clauses.split_occurrences)
    if earlier.date is None or later.date is None or not _overlap(earlier, later):
        return False
    if _marked_apart(later.first) or later.first.marks_another:
        return False
    if earlier.places and later.places and not set(earlier.places) & set(later.places):
        return False
    if not compatible(earlier.categories, later.categories, lex.same_occurrence):
        return False
    return similarity(_words(earlier), _words(later)) >= SAME_OCCURRENCE_SIMILARITY


def own_date(cluster: EventCandidate) -> bool:
    """Does one of its sentences date it (not a guess, not the sentence before)?"""
    return any(s.event_date is not None for s in cluster.sentences)


def compatible(first: list[str], second: list[str], pairs: frozenset[frozenset[str]]) -> bool:
    """Can two lists of categories be one occurrence's? ``other`` alone (a
    report without a cue, or ground fighting, the widest category) is too
    weak a sign of one occurrence: compatible with nothing."""
    if not first or not second or first == ["other"] or second == ["other"]:
        return False
    a, b = first[0], second[0]
    return a == b or a in second or b in first or frozenset((a, b)) in pairs


def _marked_apart(info: SentenceInfo) -> bool:
    return info.earlier or info.also or info.contrast


def _overlap(a: EventCandidate, b: EventCandidate) -> bool:
    return a.date.first_day() <= b.date.last_day() and b.date.first_day() <= a.date.last_day()


def _words(cluster: EventCandidate) -> frozenset[str]:
    return content_words(" ".join(s.clause or s.text for s in cluster.sentences))


def _fold(target: EventCandidate, other: EventCandidate) -> None:
    """Fold ``other`` into ``target``: sentences in text order, the date of
    the one dated by its own sentences, categories of both."""
    if own_date(other) and not own_date(target):
        target.date = other.date
    target.sentences = sorted(target.sentences + other.sentences, key=lambda s: s.number)
    for key in other.categories:
        if key not in target.categories and len(target.categories) < MAX_CATEGORIES and key != "other":
            target.categories.append(key)
    target.actors += [a for a in other.actors if a not in target.actors]
    target.places += [p for p in other.places if p not in target.places]
    target.figures += [f for f in other.figures if f not in target.figures]
