"""Why a core event of a real article got the wrong date: one diagnostic per event.

    python benchmarks/realnews_dates.py DIR [--all] [--article NN]

``DIR`` holds rehydrated real-news articles (``NN-slug.md`` +
``NN-slug.gold.json``, as ``benchmarks/eval_realnews.py`` reads them; the
texts are third-party and stay outside the repository). Each article is
imported and extracted in a clean temporary project exactly as the scorer
does it; drafts are matched to gold events by the scorer's own rules. For
every core event whose primary draft has the wrong date (``--all``: every
core event) it prints:

- the gold date (day or range, its time of day and the gold's temporal
  expression), the drafted date and time;
- how extraction dated the draft: from a date in one of its sentences (which
  expression, its clause and role), "the same day" as an earlier event, going
  on from the event sentence before, or undated (the latest news);
- every date mention of the draft's sentences (text, value, role, clause
  kind) and the article's anchor (publication, or the dateline's day);
- ``WRONG SENTENCE?`` when the draft's first sentence is not the gold
  evidence: the error may be which sentence was drafted, not its date.

``--missed`` also prints every core event without a draft: the sentences of
its evidence, whether extraction read them as events (and why not), their
mentions, and the date of the cluster they fell in (a cluster without a
draft was skipped as background or merged away).

It changes nothing and scores nothing new: the figures are eval_realnews'.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402
from click.testing import CliRunner  # noqa: E402

from benchmarks.eval_realnews import (  # noqa: E402
    GoldEvent, RealArticle, _view, dates_meet, draft_overlap, extraction_reading, load_article, make_project,
    published_of, right_date,
)
from timeline.cli import main as timeline_cli  # noqa: E402
from timeline.dates.clauses import clause_of  # noqa: E402
from timeline.dates.occurrence import undated  # noqa: E402
from timeline.extract.events import EventCandidate  # noqa: E402
from timeline.extract.segment import Segment  # noqa: E402


def extracted(article: RealArticle) -> tuple[list, list[EventCandidate], list[Segment], object, dict]:
    """Drafts (as the scorer reads them), clusters and segments of one article."""
    runner = CliRunner()
    with tempfile.TemporaryDirectory(prefix="realnews-dates-") as folder:
        root = Path(folder)
        config, outlet = make_project(root, article, True)
        source = root / f"{article.stem}.md"
        front = yaml.safe_dump({"title": article.front.get("title"), "language": article.language}, allow_unicode=True)
        source.write_text(f"---\n{front}---\n{article.body}", encoding="utf-8")
        article_id = "realnews-" + "".join(c if c.isalnum() or c == "-" else "-" for c in article.stem.lower())
        for command in (["import", str(source), "--config", str(config), "--outlet", outlet,
                         "--published", published_of(article), "--id", article_id],
                        ["extract", "--config", str(config)]):
            result = runner.invoke(timeline_cli, command)
            if result.exit_code != 0:
                raise SystemExit(f"{article.stem}: {command[0]} failed:\n{result.output}")
        drafts = [_view(path, article.body) for path in sorted((root / "content" / "events").rglob("*.md"))]
        task, segments, infos, clusters = extraction_reading(root / "content", [article_id])
    return drafts, clusters, segments, task, {info.number: info for info in infos}


def primaries(article: RealArticle, drafts: list) -> dict[str, object]:
    """Gold event id -> its primary draft, by the scorer's rules."""
    assigned: dict[str, list] = {}
    for draft in drafts:
        best = None
        for event in article.events:
            shared = draft_overlap(draft, event.spans)
            if shared:
                rank = (dates_meet(draft, event), draft_overlap(draft, event.spans[:1]), shared)
                if best is None or rank > best[0]:
                    best = (rank, event)
        if best is not None:
            assigned.setdefault(best[1].id, []).append(draft)
    result = {}
    for event in article.events:
        mine = sorted(assigned.get(event.id, []),
                      key=lambda d: (not dates_meet(d, event), -draft_overlap(d, event.spans[:1]), -draft_overlap(d, event.spans)))
        if mine:
            result[event.id] = mine[0]
    return result


def dating_path(cluster: EventCandidate, task) -> str:
    own = [s for s in cluster.sentences if s.event_date]
    if own:
        return f"own date of sentence {own[0].number}"
    if cluster.first.same_day:
        return "the same day as an earlier event"
    if cluster.date in (undated(task.published, lead=True), undated(task.published, lead=False)):
        return "undated: " + ("the lead, the last two days" if cluster.date == undated(task.published, lead=True) else "the last week")
    return "inherited: goes on from the event sentence before"


def describe(article: RealArticle, event: GoldEvent, draft, clusters: list[EventCandidate], segments: list[Segment], task) -> list[str]:
    gold = next(g for g in article.gold["events"] if g["id"] == event.id)
    expected = event.day or f"{event.first_day or '…'}/{event.last_day}"
    drafted = draft.first_day if draft.first_day == draft.last_day else f"{draft.first_day}/{draft.last_day}"
    lines = [f"{article.stem[:2]} {event.id} [{event.category}] gold {expected} (time {gold.get('time')}, "
             f"said {gold.get('temporal_expression')!r}); drafted {drafted}{'~' if draft.approximate else ''} "
             f"(time {draft.time}); anchor {task.published}"]
    by_span = {s.sentence.number: s for s in segments}
    numbers = [s.sentence.number for s in segments if draft.spans and any(
        s.sentence.start < q[1] and q[0] < s.sentence.end for q in draft.spans[:1])]
    cluster = next((c for c in clusters if numbers and c.first.number == numbers[0]), None)
    if cluster is None:
        cluster = next((c for c in clusters if numbers and any(s.number == numbers[0] for s in c.sentences)), None)
    if cluster is None:
        return lines + ["    (no cluster found for the draft's first quote)"]
    lines.append(f"    path: {dating_path(cluster, task)}")
    if event.spans and not any(by_span[s.number].sentence.start < event.spans[0][1]
                               and event.spans[0][0] < by_span[s.number].sentence.end for s in cluster.sentences[:1]):
        lines.append("    WRONG SENTENCE? the draft's first sentence is not the gold evidence")
    for info in cluster.sentences:
        segment = by_span[info.number]
        mentions = [f"{m.text!r}={m.value}{'~' if m.approximate else ''}"
                    f"{'@' + m.time_of_day if m.time_of_day else ''} {m.role}/"
                    f"{clause_of(segment.sentence.text, m.start - segment.sentence.start, task.language).kind}"
                    for m in segment.dates]
        chosen = info.event_date.iso if info.event_date else "-"
        lines.append(f"    s{info.number} ({info.reason}; date {chosen}): {'; '.join(mentions) or 'no mentions'}")
        lines.append(f"        {info.text[:160]}")
    return lines


def describe_missed(article: RealArticle, event: GoldEvent, clusters: list[EventCandidate],
                    infos: dict[int, object], segments: list[Segment], task) -> list[str]:
    gold = next(g for g in article.gold["events"] if g["id"] == event.id)
    expected = event.day or f"{event.first_day or '…'}/{event.last_day}"
    lines = [f"{article.stem[:2]} {event.id} MISSED [{event.category}] gold {expected} "
             f"(said {gold.get('temporal_expression')!r}); anchor {task.published}"]
    for segment in segments:
        if not event.spans or not (segment.sentence.start < event.spans[0][1] and event.spans[0][0] < segment.sentence.end):
            continue
        info = infos.get(segment.sentence.number)
        cluster = next((c for c in clusters if any(s.number == segment.sentence.number for s in c.sentences)), None)
        mentions = [f"{m.text!r}={m.value} {m.role}" for m in segment.dates]
        state = f"event ({info.reason})" if info and info.is_event else f"not an event ({info.reason if info else '?'})"
        lines.append(f"    s{segment.sentence.number} {state}; cluster date {cluster.date.iso if cluster and cluster.date else '-'}: "
                     f"{'; '.join(mentions) or 'no mentions'}")
        lines.append(f"        {segment.sentence.text[:160]}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--all", action="store_true", help="every core event, not only wrongly dated ones")
    parser.add_argument("--missed", action="store_true", help="also every core event without a draft")
    parser.add_argument("--article", action="append", help="only articles whose name starts with this (repeatable)")
    args = parser.parse_args(argv)
    files = sorted(p for p in args.dir.glob("*.md") if p.with_name(p.stem + ".gold.json").exists())
    if args.article:
        files = [p for p in files if any(p.name.startswith(prefix) for prefix in args.article)]
    wrong = total = missed = 0
    for md in files:
        article = load_article(md)
        drafts, clusters, segments, task, infos = extracted(article)
        found = primaries(article, drafts)
        for event in article.events:
            if not event.core:
                continue
            total += 1
            draft = found.get(event.id)
            if draft is None:
                missed += 1
                if args.missed:
                    print("\n".join(describe_missed(article, event, clusters, infos, segments, task)))
                    print()
                continue
            ok = right_date(draft, event)
            wrong += not ok
            if args.all or not ok:
                print("\n".join(describe(article, event, draft, clusters, segments, task)))
                print()
    print(f"core events {total}: found {total - missed}, wrongly dated {wrong}, not found {missed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
