"""Scoring extraction on the labelled regression sets (``tests/fixtures/extract``).

A labelled file holds articles, each a list of ``[LABEL, sentence]`` pairs
joined with line breaks into the article text. ``LABEL`` is ``E`` (an event
an editor would keep) or ``N``, then optional fields: the expected date
(``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``START/END``; a trailing ``~``
means approximate), ``by=KEY`` the claimant (``-`` for none, alternatives
with ``|``), ``cat=A+B`` the acceptable categories. The policy the labels
follow is written at the top of ``heldout/first.yml``.

The score counts sentences: an event sentence is found when extraction puts
it in any event (as a first report or a sentence that goes on with one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable

import yaml

from timeline.extract.classify import Names
from timeline.extract.events import find_events
from timeline.extract.segment import segment_article


@dataclass(frozen=True)
class Label:
    """What an editor expects of one sentence."""

    event: bool
    date: str | None = None
    approximate: bool | None = None  # None: not checked (older files)
    claimants: tuple[str, ...] | None = None
    categories: tuple[str, ...] | None = None


def parse_label(text: str) -> Label:
    parts = str(text).split()
    event = parts[0] == "E"
    value: str | None = None
    approximate: bool | None = None
    claimants = categories = None
    for part in parts[1:]:
        if part.startswith("by="):
            claimants = tuple(part[3:].split("|"))
        elif part.startswith("cat="):
            categories = tuple(part[4:].split("+"))
        else:
            value = part.rstrip("~")
            approximate = part.endswith("~")
    if value is not None and claimants is None and categories is None and not approximate:
        approximate = None  # the older label format does not mark approximation
    return Label(event, value, approximate, claimants, categories)


@dataclass
class Score:
    """Counts over a set of labelled sentences, and the misses to show."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    dated: int = 0
    date_ok: int = 0
    attributed: int = 0
    claimant_ok: int = 0
    categorized: int = 0
    category_ok: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / max(1, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return self.tp / max(1, self.tp + self.fn)

    @property
    def date_accuracy(self) -> float:
        return self.date_ok / max(1, self.dated)

    @property
    def claimant_accuracy(self) -> float:
        return self.claimant_ok / max(1, self.attributed)

    @property
    def category_accuracy(self) -> float:
        return self.category_ok / max(1, self.categorized)

    def add(self, other: "Score") -> "Score":
        total = Score()
        for name in ("tp", "fp", "fn", "tn", "dated", "date_ok", "attributed", "claimant_ok", "categorized", "category_ok"):
            setattr(total, name, getattr(self, name) + getattr(other, name))
        total.notes = self.notes + other.notes
        return total

    def row(self) -> str:
        events = self.tp + self.fn
        return (f"{self.tp + self.fp + self.fn + self.tn:4d} {events:4d}  P {self.precision:6.1%}  R {self.recall:6.1%}"
                f"  date {self.date_ok:3d}/{self.dated:<3d} {self.date_accuracy:6.1%}"
                f"  claimant {self.claimant_ok:3d}/{self.attributed:<3d} {self.claimant_accuracy:6.1%}"
                f"  category {self.category_ok:3d}/{self.categorized:<3d} {self.category_accuracy:6.1%}")


def evaluate_file(path: Path, names: Names) -> Score:
    """Score extraction on one labelled file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    score = Score()
    for article in data["articles"]:
        _score_article(article, names, score)
    return score


def evaluate_files(paths: Iterable[Path], names: Names) -> Score:
    total = Score()
    for path in paths:
        total = total.add(evaluate_file(path, names))
    return total


def _score_article(article: dict, names: Names, score: Score) -> None:
    labels = [parse_label(item[0]) for item in article["sentences"]]
    text = "\n".join(item[1] for item in article["sentences"])
    published = date.fromisoformat(str(article["published"]))
    segments = segment_article(text, published, article["language"])
    if len(segments) != len(labels):
        raise ValueError(f"{article['id']}: {len(segments)} sentences found, {len(labels)} labelled")
    infos, clusters = find_events(segments, published=published, language=article["language"], names=names, outlet=article["outlet"])
    cluster_of = {s.number: c for c in clusters for s in c.sentences}
    info_of = {info.number: info for info in infos}
    for number, label in enumerate(labels, 1):
        sentence = article["sentences"][number - 1][1]
        where = f"{article['id']} #{number}"
        cluster = cluster_of.get(number)
        if not label.event:
            if cluster is None:
                score.tn += 1
            else:
                score.fp += 1
                score.notes.append(f"FP {where} ({info_of[number].reason}): {sentence[:100]}")
            continue
        if cluster is None:
            score.fn += 1
            score.notes.append(f"FN {where} ({info_of[number].reason}): {sentence[:100]}")
            continue
        score.tp += 1
        if label.date:
            got = cluster.date.iso
            ok = got == label.date and (label.approximate is None or label.approximate == cluster.date.approximate)
            score.dated += 1
            score.date_ok += ok
            if not ok:
                shown = got + ("~" if cluster.date.approximate else "")
                score.notes.append(f"DATE {where}: {shown} expected {label.date}{'~' if label.approximate else ''}: {sentence[:80]}")
        if label.claimants:
            got_claimant = info_of[number].frame.claimant or "-"
            score.attributed += 1
            score.claimant_ok += got_claimant in label.claimants
            if got_claimant not in label.claimants:
                score.notes.append(f"BY {where}: {got_claimant} expected {'|'.join(label.claimants)}: {sentence[:80]}")
        if label.categories:
            score.categorized += 1
            hit = bool(set(cluster.categories) & set(label.categories))
            score.category_ok += hit
            if not hit:
                score.notes.append(f"CAT {where}: {'+'.join(cluster.categories)} expected {'+'.join(label.categories)}: {sentence[:80]}")
