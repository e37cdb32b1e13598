"""Score the date engine against the gold temporal expressions of real articles.

    python benchmarks/realnews_timex.py DIR [--misses] [--json out.json]

``DIR`` holds rebuilt real-news articles (``NN-slug.md`` and
``NN-slug.gold.json``, see ``../shared/realnews/README.md``); the texts are
third-party and stay outside the repository. Each article's body is run
through :func:`timeline.dates.find_dates` in the gold's language, anchored at
the gold ``anchor_date`` (what the annotators resolved relative expressions
against), and every gold ``timexes[]`` item is looked for among the mentions:

- **span found**: a mention overlaps the gold string (located by its
  ``occurrence``, 0-based over every occurrence in the body);
- **exact**: an overlapping mention's value denotes the same days as the gold
  value (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``START/END``): values are
  compared as the intervals of days they denote, so writing a range's start
  at month precision or at its first day is the same value
  (``2019-01/2019-03-24`` = ``2019-01-01/2019-03-24``, ``2019-03`` =
  ``2019-03-01/2019-03-31``). That is a representation difference, not a
  reading one: a value that covers other days (a day off, a month for a day,
  a range one day longer) is still a miss.

Mentions overlapping no gold timex are counted as ``extra`` (not all are
wrong: the gold leaves out expressions relative to an event, and some of
those the engine reports as plans). Prints one line per article and the
totals. ``score_timex(articles_dir)`` returns the same figures for other
scorers (``benchmarks/eval_realnews.py``).
"""

from __future__ import annotations

import argparse
import calendar
import json
import re
import sys
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from timeline.dates import DateMention, find_dates  # noqa: E402

BODY = re.compile(r"^---\n(.*?)\n---\n?(.*)$", re.DOTALL)


@dataclass
class Miss:
    """A gold timex the engine did not normalize exactly, and what it said instead."""

    text: str
    gold: str
    found: list[str]


@dataclass
class ArticleScore:
    """The figures of one article."""

    article: str
    gold: int = 0
    exact: int = 0
    span_found: int = 0
    mentions: int = 0
    extra: int = 0
    misses: list[Miss] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)


@dataclass
class TimexScore:
    """Per-article figures and their totals."""

    articles: list[ArticleScore]

    @property
    def gold(self) -> int:
        return sum(article.gold for article in self.articles)

    @property
    def exact(self) -> int:
        return sum(article.exact for article in self.articles)

    @property
    def span_found(self) -> int:
        return sum(article.span_found for article in self.articles)

    @property
    def extra(self) -> int:
        return sum(article.extra for article in self.articles)

    @property
    def exact_rate(self) -> float:
        return self.exact / self.gold if self.gold else 0.0

    @property
    def span_rate(self) -> float:
        return self.span_found / self.gold if self.gold else 0.0

    def to_json(self) -> dict:
        return {"gold": self.gold, "exact": self.exact, "span_found": self.span_found,
                "extra": self.extra, "exact_rate": self.exact_rate, "span_rate": self.span_rate,
                "articles": [asdict(article) for article in self.articles]}


def _bounds(value: str, last: bool) -> date | None:
    """The first (or ``last``) day of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    parts = [int(part) for part in value.split("-")]
    if not parts or not all(parts) or len(parts) > 3:
        return None
    year_number, month_number, day_number = (parts + [0, 0])[:3]
    if not month_number:
        return date(year_number, 12, 31) if last else date(year_number, 1, 1)
    if not day_number:
        day_number = calendar.monthrange(year_number, month_number)[1] if last else 1
    return date(year_number, month_number, day_number)


def interval(value: str) -> tuple[date, date] | None:
    """The days a gold or engine value denotes: ``2019-01/2019-03-24`` is
    1 January to 24 March 2019. None for a value that is not a date."""
    first, _, last = value.partition("/")
    try:
        start, end = _bounds(first, False), _bounds(last or first, True)
    except ValueError:
        return None
    return (start, end) if start and end else None


def same_value(engine: str, gold: str) -> bool:
    """Do the two values denote the same days (see the module docstring)?"""
    if engine == gold:
        return True
    denoted = interval(gold)
    return denoted is not None and interval(engine) == denoted


def article_body(markdown: str) -> str:
    """The body of a rebuilt ``NN-slug.md`` (after its front matter)."""
    match = BODY.match(markdown)
    return match.group(2) if match else markdown


def locate(body: str, text: str, occurrence: int = 0) -> tuple[int, int] | None:
    """The span of the ``occurrence``-th occurrence of ``text`` (overlaps counted)."""
    position = -1
    for _ in range(occurrence + 1):
        position = body.find(text, position + 1)
        if position < 0:
            return None
    return position, position + len(text)


def score_article(body: str, gold: dict, name: str) -> ArticleScore:
    """Compare the engine's mentions in ``body`` with the gold timexes of one article."""
    mentions: list[DateMention] = find_dates(body, date.fromisoformat(gold["anchor_date"]),
                                             language=gold.get("language", "ar"))
    result = ArticleScore(article=name, gold=len(gold.get("timexes", [])), mentions=len(mentions))
    used: set[int] = set()
    for timex in gold.get("timexes", []):
        span = locate(body, timex["text"], timex.get("occurrence", 0))
        if span is None:
            result.misses.append(Miss(timex["text"], timex["value"], ["<gold text not in body>"]))
            continue
        overlapping = [index for index, mention in enumerate(mentions)
                       if mention.start < span[1] and span[0] < mention.end]
        used.update(overlapping)
        if overlapping:
            result.span_found += 1
        if any(same_value(mentions[index].value, timex["value"]) for index in overlapping):
            result.exact += 1
        else:
            result.misses.append(Miss(timex["text"], timex["value"],
                                      [f"{mentions[index].text} = {mentions[index].value}" for index in overlapping]))
    for index, mention in enumerate(mentions):
        if index not in used:
            result.extra += 1
            result.extras.append(f"{mention.text} = {mention.value} ({mention.role})")
    return result


def score_timex(articles_dir: Path | str) -> TimexScore:
    """Score every ``*.gold.json`` (with its ``.md``) in ``articles_dir``."""
    folder = Path(articles_dir)
    scores = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        name = gold_path.name[:-len(".gold.json")]
        article_path = folder / f"{name}.md"
        if not article_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        body = article_body(article_path.read_text(encoding="utf-8"))
        scores.append(score_article(body, gold, name))
    return TimexScore(scores)


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f} %" if whole else "    –  "


def report(score: TimexScore, misses: bool) -> str:
    lines = [f"{'article':58} {'gold':>4} {'exact':>5} {'span':>5} {'extra':>5}"]
    for article in score.articles:
        lines.append(f"{article.article[:58]:58} {article.gold:4} {article.exact:5} "
                     f"{article.span_found:5} {article.extra:5}")
        if misses:
            for miss in article.misses:
                lines.append(f"    miss  {miss.text!r} gold {miss.gold}; engine: {'; '.join(miss.found) or '-'}")
            for extra in article.extras:
                lines.append(f"    extra {extra}")
    lines.append(f"{'total':58} {score.gold:4} {score.exact:5} {score.span_found:5} {score.extra:5}")
    lines.append(f"normalized exactly: {score.exact}/{score.gold} = {_percent(score.exact, score.gold)}; "
                 f"span found: {score.span_found}/{score.gold} = {_percent(score.span_found, score.gold)}; "
                 f"extra mentions: {score.extra}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles_dir", type=Path, help="folder of NN-slug.md and NN-slug.gold.json")
    parser.add_argument("--misses", action="store_true", help="list each miss and each extra mention")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if not args.articles_dir.is_dir():
        parser.error(f"{args.articles_dir}: not a folder")
    score = score_timex(args.articles_dir)
    if not score.articles:
        parser.error(f"{args.articles_dir}: no NN-slug.gold.json with its NN-slug.md")
    print(report(score, args.misses))
    if args.json:
        args.json.write_text(json.dumps(score.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
