"""Extraction scored on real, rehydrated news articles with gold events.

    python benchmarks/eval_realnews.py DIR [--verbose] [--json OUT] [--no-period]

``DIR`` holds the rebuilt ``NN-slug.md`` / ``NN-slug.gold.json`` pairs that
``../shared/realnews/rehydrate.py`` writes (see ``benchmarks/README.md``).
The texts are third-party: keep ``DIR`` outside the repository or in the
git-ignored ``.realnews/``.

For every article the scorer makes a clean temporary project (the default
``mkdocs.yml``, ``outlets.yml`` and ``gazetteer.yml``, the article's outlet
added as a key of its own, the plugin's ``period`` set to the article's
episode period unless ``--no-period``), runs ``timeline import`` and
``timeline extract`` through the CLI, reads the drafted entries back and
matches them to the gold events:

- a draft matches a gold event when one of its quotes overlaps (by at least
  ``MIN_OVERLAP`` characters, or the whole quote) the event's evidence or
  coreferent evidence; among several candidates the one whose date the draft
  overlaps wins, then the one the draft's first quote (what the draft
  reports; the others are its details) overlaps most, then the largest
  overlap with the lead evidence, then the largest overlap;
- the first draft of a gold event (date-compatible first, then overlap) is
  its *primary*; any other draft of the same event is a duplicate.

Figures, per article and in total:

- ``core``: core gold events with a draft (found);
- ``date``: core events whose primary draft has the right date: the exact day
  when the gold gives a day; otherwise a range inside the gold's
  (``YYYY-MM`` and ``YYYY`` are ranges; a range without a start is open);
- ``cat``: core events whose primary draft's first category is the gold's
  (``cat*`` counts any of the draft's categories);
- ``distinct``: drafts that are the primary draft of an in-scope gold event,
  over all drafts (the rest are duplicates, background — out-of-scope gold —,
  or noise — no gold event);
- ``timex``: gold temporal expressions normalized exactly by the date engine
  (``benchmarks/realnews_timex.py``: an engine mention overlapping the gold
  span with the same value);
- ``day``: core events with a gold day whose primary draft gives that day
  (exact-day accuracy, over found ones);
- a missed core event is explained (``--verbose``), sentence by sentence of
  its evidence: not an event (with extraction's reason: no occurrence,
  commentary, future…), background (with its date and reason), or merged
  into a draft that went to another gold event;
- ``attr``: found core events whose primary draft names the gold claimant
  (the names of the lead quote's ``attributed_to`` and the claimant as the
  draft's body writes it, "US officials"; without a key, the outlet itself
  or that written claimant), compared by shared name
  words with the first claimant of ``source_in_article``.

The timex figure is the date stage's scorer (``benchmarks/realnews_timex.py``).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from click.testing import CliRunner  # noqa: E402

from benchmarks.realnews_timex import score_article as score_timex_article  # noqa: E402
from timeline.ingest.store import resolve_outlet  # noqa: E402
from timeline.cli import main as timeline_cli  # noqa: E402
from timeline.content.entries import read_entry_file  # noqa: E402
from timeline.extract.classify import Names  # noqa: E402
from timeline.extract.events import find_events  # noqa: E402
from timeline.extract.runner import _load_inputs, _task  # noqa: E402
from timeline.extract.segment import Segment, segment_article  # noqa: E402
from timeline.normalize import normalize_arabic  # noqa: E402

MIN_OVERLAP = 12  # characters of a quote that must lie inside a gold span
FRONT = re.compile(r"^---\n(.*?)\n---\n?(.*)$", re.DOTALL)
# Words that say what kind of source a name is, not which one.
GENERIC = frozenset(normalize_arabic(w) for w in (
    "وكالة", "قناة", "موقع", "صحيفة", "مراسل", "مصادر", "مصدر", "المتحدث", "متحدث", "باسم", "news", "agency",
    "the", "of", "and", "via", "copy", "com", "net", "org", "spokesman", "spokeswoman", "correspondent", "عن", "في",
    "من", "ال", "بحسب", "syrian", "السوري", "السورية", "للانباء", "الانباء"))


# ---------------------------------------------------------------- the data


@dataclass
class GoldEvent:
    id: str
    category: str
    core: bool
    in_scope: bool
    first_day: str | None  # None: open start
    last_day: str
    day: str | None  # the exact day when the gold gives one
    time: str | None
    source: str
    summary: str
    spans: list[tuple[int, int]]  # evidence first, then coreferent evidence


@dataclass
class RealArticle:
    stem: str
    front: dict
    body: str
    gold: dict
    events: list[GoldEvent]

    @property
    def language(self) -> str:
        return str(self.gold.get("language") or self.front.get("language") or "ar")

    @property
    def anchor(self) -> date:
        return date.fromisoformat(str(self.gold["anchor_date"]))

    @property
    def period(self) -> dict | None:
        return self.gold.get("episode_period") or None


def nth(body: str, text: str, occurrence: int = 0) -> int:
    """Offset of the ``occurrence``-th match of ``text`` (counting overlaps), or -1."""
    position = -1
    for _ in range(occurrence + 1):
        position = body.find(text, position + 1)
        if position < 0:
            return -1
    return position


def bounds(value: str) -> tuple[str, str]:
    """First and last day of ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""
    if len(value) == 10:
        return value, value
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:])
        following = date(year + (month == 12), month % 12 + 1, 1)
        return f"{value}-01", (following - timedelta(days=1)).isoformat()
    return f"{value}-01-01", f"{value}-12-31"


def load_article(md: Path) -> RealArticle:
    match = FRONT.match(md.read_text(encoding="utf-8"))
    if not match:
        raise SystemExit(f"{md}: not a rehydrated article (no front matter)")
    front, body = yaml.safe_load(match.group(1)) or {}, match.group(2)
    gold = json.loads(md.with_name(md.stem + ".gold.json").read_text(encoding="utf-8"))
    events = []
    for item in gold["events"]:
        spans = []
        for text in [item["evidence"], *(item.get("coreferent_evidence") or [])]:
            start = nth(body, text)
            if start >= 0:
                spans.append((start, start + len(text)))
        if item.get("date"):
            first, last = bounds(str(item["date"]))
            day = str(item["date"]) if len(str(item["date"])) == 10 else None
        else:
            rng = item["date_range"]
            first = bounds(str(rng["start"]))[0] if rng.get("start") else None
            last = bounds(str(rng["end"]))[1]
            day = None
        events.append(GoldEvent(item["id"], item["category"], item["salience"] == "core", bool(item["in_scope"]),
                                first, last, day, item.get("time"), str(item.get("source_in_article") or ""),
                                str(item.get("summary_ar") or ""), spans))
    return RealArticle(md.name[:-3], front, body, gold, events)


# ---------------------------------------------------------------- running the project


@dataclass
class DraftView:
    id: str
    first_day: str
    last_day: str
    approximate: bool
    time: str | None
    categories: list[str]
    quotes: list[tuple[str, str | None]]  # (quote, attributed_to)
    claimant_text: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    lead: tuple[int, int] | None = None  # the span of the first quote: what the draft reports


@dataclass
class SentenceView:
    """How extraction read one sentence of the article (for the diagnostic)."""

    number: int
    span: tuple[int, int] | None  # in the scorer's body
    is_event: bool
    reason: str
    cluster: int  # the first sentence of its occurrence, 0 when not an event
    categories: list[str]


def outlet_names(article: RealArticle) -> list[str]:
    name = str(article.front.get("outlet") or article.stem)
    head = name.split("(")[0].strip()
    return [n for n in dict.fromkeys([head, name]) if n]


def make_project(root: Path, article: RealArticle, use_period: bool) -> tuple[Path, str]:
    """A clean project for one article: default registries, the outlet, the period."""
    content = root / "content"
    (content / "articles").mkdir(parents=True)
    for name in ("outlets.yml", "gazetteer.yml", "index.md", "about.md"):
        if (REPO / "content" / name).exists():
            shutil.copy(REPO / "content" / name, content / name)
    names = outlet_names(article)
    known = yaml.safe_load((content / "outlets.yml").read_text(encoding="utf-8")) or {}
    key = next((k for n in names if (k := resolve_outlet(n, known))), None)
    if key is None:  # an outlet the default registry does not know: a key of its own
        key = "realnews-" + article.stem.split("-")[0]
        with open(content / "outlets.yml", "a", encoding="utf-8") as handle:
            handle.write("\n" + yaml.safe_dump({key: {"name_ar": names[0], "name_en": names[0], "kind": "private-outlet",
                                                      "aliases": names}}, allow_unicode=True))
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "timeline" in plugin:
            options = plugin["timeline"]
            options.pop("period", None)
            if use_period and article.period:
                options["period"] = {"start": article.period["start"], "end": article.period["end"]}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (root / "theme").symlink_to(REPO / "theme")
    return root / "mkdocs.yml", key


def published_of(article: RealArticle) -> str:
    return str(article.front.get("published") or article.front.get("published_inferred") or article.gold["anchor_date"])


def run_article(article: RealArticle, use_period: bool) -> tuple[list[DraftView], str, list[SentenceView]]:
    """Import and extract in a temporary project; the drafts, the CLI output
    and how extraction read each sentence."""
    runner = CliRunner()
    with tempfile.TemporaryDirectory(prefix="realnews-") as folder:
        root = Path(folder)
        config, outlet = make_project(root, article, use_period)
        source = root / f"{article.stem}.md"
        source.write_text(f"---\n{yaml.safe_dump({'title': article.front.get('title'), 'language': article.language}, allow_unicode=True)}---\n{article.body}",
                          encoding="utf-8")
        article_id = "realnews-" + re.sub(r"[^a-z0-9-]+", "-", article.stem.lower())
        log = []
        result = runner.invoke(timeline_cli, ["import", str(source), "--config", str(config), "--outlet", outlet,
                                              "--published", published_of(article), "--id", article_id])
        log.append(result.output)
        if result.exit_code != 0:
            raise SystemExit(f"{article.stem}: import failed:\n{result.output}{result.exception or ''}")
        result = runner.invoke(timeline_cli, ["extract", "--config", str(config)])
        log.append(result.output)
        if result.exit_code != 0:
            raise SystemExit(f"{article.stem}: extract failed:\n{result.output}{result.exception or ''}")
        drafts = [_view(path, article.body) for path in sorted((root / "content" / "events").rglob("*.md"))]
        sentences = read_sentences(root / "content", article.body)
    return drafts, "".join(log), sentences


def extraction_reading(content: Path, article_ids: list[str] | None = None) -> tuple:
    """How ``timeline extract`` reads the (first) stored article: its task,
    its segments with the dateline's dates left out, the sentences' readings
    and the occurrence clusters."""
    _, articles, names_data, warnings = _load_inputs(content, article_ids)
    task = _task(content, articles[0], warnings)
    segments = segment_article(task.text, task.published, task.language)
    if task.dateline_end:
        segments = [Segment(s.sentence, tuple(m for m in s.dates if m.start >= task.dateline_end)) for s in segments]
    infos, clusters = find_events(segments, published=task.published, language=task.language,
                                  names=Names.from_data(*names_data), outlet=task.outlet)
    return task, segments, infos, clusters


def read_sentences(content: Path, body: str) -> list[SentenceView]:
    """Extraction's reading of the stored article, sentence by sentence, as
    ``timeline extract`` does it (dateline, published day, names)."""
    _, _, infos, clusters = extraction_reading(content)
    first_of = {s.number: c.first.number for c in clusters for s in c.sentences}
    return [SentenceView(i.number, locate(body, i.text), i.is_event, i.reason, first_of.get(i.number, 0), i.categories)
            for i in infos]


def _view(path: Path, body: str) -> DraftView:
    front, text = read_entry_file(path)
    first = str(front["date"])
    last = str(front.get("end") or front["date"])
    claimant = re.search(r"مصدر الرواية بحسب المقال: (.+?)\.?$", text, re.MULTILINE)
    quotes = [(str(s.get("quote", "")), s.get("attributed_to")) for s in front.get("sources") or []]
    view = DraftView(str(front["id"]), bounds(first)[0], bounds(last)[1], bool(front.get("approximate")),
                     str(front["time"]) if front.get("time") else None, [str(c) for c in front.get("categories") or []],
                     quotes, claimant.group(1) if claimant else "")
    clauses = _clauses_of(front)
    view.spans = [span for index, (quote, _) in enumerate(quotes) if (span := locate_part(body, quote, clauses.get(index)))]
    view.lead = locate_part(body, quotes[0][0], clauses.get(0)) if quotes else None
    return view


def _clauses_of(front: dict) -> dict[int, str]:
    """Quote index -> the clause the draft tells, for a sentence that tells
    several occurrences (``extracted.clauses``, keyed by sentence number;
    ``extracted.sentences`` is in the order of the draft's quotes)."""
    record = front.get("extracted") or {}
    clauses = {item.get("sentence"): str(item.get("clause")) for item in record.get("clauses") or [] if isinstance(item, dict)}
    return {index: clauses[number] for index, number in enumerate(record.get("sentences") or []) if number in clauses}


def locate_part(body: str, quote: str, clause: str | None) -> tuple[int, int] | None:
    """The span of a quote, or of the clause of it the draft tells."""
    span = locate(body, quote)
    if span is None or not clause:
        return span
    inner = locate(body[span[0]:span[1]], clause)
    return (span[0] + inner[0], span[0] + inner[1]) if inner else span


def locate(body: str, quote: str) -> tuple[int, int] | None:
    """The span of a quote in the article body (exact, else with whitespace folded)."""
    start = body.find(quote)
    if start >= 0:
        return start, start + len(quote)
    pattern = r"\s+".join(re.escape(part) for part in quote.split())
    found = re.search(pattern, body) if pattern else None
    return (found.start(), found.end()) if found else None


# ---------------------------------------------------------------- matching and scoring


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def draft_overlap(draft: DraftView, spans: list[tuple[int, int]]) -> int:
    total = 0
    for quote in draft.spans:
        shared = sum(overlap(quote, span) for span in spans)
        if shared >= min(MIN_OVERLAP, quote[1] - quote[0]):
            total += shared
    return total


def dates_meet(draft: DraftView, event: GoldEvent) -> bool:
    return (event.first_day is None or draft.last_day >= event.first_day) and draft.first_day <= event.last_day


def right_date(draft: DraftView, event: GoldEvent) -> bool:
    if event.day:
        return draft.first_day == draft.last_day == event.day
    return (event.first_day is None or draft.first_day >= event.first_day) and draft.last_day <= event.last_day


def name_words(text: str) -> set[str]:
    words = set()
    for raw in re.split(r"[\s/;؛,،()\[\]\-–:.]+", normalize_arabic(text)):
        word = raw.strip("\"'«»“”")
        if word.startswith("ال") and len(word) > 4:
            word = word[2:]
        if len(word) >= 3 and word not in GENERIC and not word.isdigit():
            words.add(word)
    return words


def claimant_names(draft: DraftView, event: GoldEvent, registry: dict[str, list[str]], outlet: list[str]) -> list[str]:
    lead = max(range(len(draft.quotes)), key=lambda i: draft_overlap_one(draft, i, event.spans[:1]), default=0)
    key = draft.quotes[lead][1] if draft.quotes else None
    written = [draft.claimant_text] if draft.claimant_text else []
    if key:
        return registry.get(str(key), [str(key)]) + written
    return outlet + written


def draft_overlap_one(draft: DraftView, index: int, spans: list[tuple[int, int]]) -> int:
    quote = locate_index(draft, index)
    return sum(overlap(quote, span) for span in spans) if quote else 0


def locate_index(draft: DraftView, index: int) -> tuple[int, int] | None:
    return draft.spans[index] if index < len(draft.spans) else None


def right_claimant(names: list[str], event: GoldEvent) -> bool:
    first = re.split(r"[;؛]", event.source)[0]
    wanted = name_words(first)
    return any(name_words(name) & wanted for name in names)


@dataclass
class ArticleScore:
    stem: str
    core: int = 0
    core_found: int = 0
    date_ok: int = 0
    cat_ok: int = 0
    cat_any: int = 0
    drafts: int = 0
    distinct: int = 0
    duplicates: int = 0
    background: int = 0
    noise: int = 0
    timex: int = 0
    timex_ok: int = 0
    day_events: int = 0
    day_ok: int = 0
    attributed: int = 0
    attr_ok: int = 0
    time_given: int = 0
    time_ok: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: "ArticleScore") -> None:
        for name, value in asdict(other).items():
            if isinstance(value, int):
                setattr(self, name, getattr(self, name) + value)
        self.misses += [f"{other.stem[:2]} {m}" for m in other.misses]


BACKGROUND_LINE = re.compile(r"^background, not drafted: \S+ sentence (\d+) \(([^)]*)\): (.+)$", re.MULTILINE)


def why_missed(event: GoldEvent, sentences: list[SentenceView], drafts: list[DraftView], owner: dict[str, str],
               log: str) -> str:
    """Why a gold event has no draft, sentence by sentence of its evidence:
    not an event (and extraction's reason), background (and why), or told
    in a draft that went to another gold event (merged)."""
    background = {int(m.group(1)): f"{m.group(2)}: {m.group(3)}" for m in BACKGROUND_LINE.finditer(log)}
    reasons = []
    for sentence in sentences:
        if not sentence.span or not any(overlap(sentence.span, span) for span in event.spans):
            continue
        label = f"s{sentence.number}"
        if not sentence.is_event:
            reasons.append(f"{label} not an event ({sentence.reason})")
        elif sentence.cluster in background:
            reasons.append(f"{label} background ({background[sentence.cluster]})")
        else:
            holder = next((d for d in drafts if any(overlap(q, sentence.span) for q in d.spans)), None)
            if holder is None:
                reasons.append(f"{label} event of s{sentence.cluster}, no draft holds it")
            else:
                where = f"gold {owner[holder.id]}" if holder.id in owner else "no gold event"
                reasons.append(f"{label} merged into {holder.id} ({where}; occurrence of s{sentence.cluster})")
    return "; ".join(reasons) or "evidence not in any sentence"


def score(article: RealArticle, drafts: list[DraftView], registry: dict[str, list[str]], outlet: list[str],
          sentences: list[SentenceView] | None = None, log: str = "") -> ArticleScore:
    result = ArticleScore(article.stem, drafts=len(drafts))
    assigned: dict[str, list[DraftView]] = {}
    for draft in drafts:
        best = None
        for event in article.events:
            shared = draft_overlap(draft, event.spans)
            if shared:
                lead = sum(overlap(draft.lead, span) for span in event.spans) if draft.lead else 0
                rank = (dates_meet(draft, event), lead, draft_overlap(draft, event.spans[:1]), shared)
                if best is None or rank > best[0]:
                    best = (rank, event)
        if best is None:
            result.noise += 1
            unplaced = len(draft.quotes) - len(draft.spans)
            result.misses.append(f"NOISE {draft.id}" + (f" ({unplaced} quote(s) not found in the body)" if unplaced else ""))
            continue
        assigned.setdefault(best[1].id, []).append(draft)
    owner = {d.id: event_id for event_id, mine in assigned.items() for d in mine}
    for event in article.events:
        mine = sorted(assigned.get(event.id, []),
                      key=lambda d: (not dates_meet(d, event), -draft_overlap(d, event.spans[:1]), -draft_overlap(d, event.spans)))
        if mine:
            if event.in_scope:
                result.distinct += 1
            else:
                result.background += 1
                result.misses.append(f"BACKGROUND {event.id} drafted ({mine[0].id})")
            result.duplicates += len(mine) - 1
            if len(mine) > 1:
                result.misses.append(f"DUPLICATE {event.id}: {len(mine)} drafts ({', '.join(d.id for d in mine)})")
            if not event.in_scope:
                result.background += len(mine) - 1
                result.duplicates -= len(mine) - 1
        if not event.core:
            continue
        result.core += 1
        if not mine:
            why = f" — {why_missed(event, sentences, drafts, owner, log)}" if sentences is not None else ""
            result.misses.append(f"MISSED {event.id} [{event.category}] {event.summary[:60]}{why}")
            continue
        primary = mine[0]
        result.core_found += 1
        shown = f"{primary.first_day}/{primary.last_day}" if primary.first_day != primary.last_day else primary.first_day
        expected = event.day or f"{event.first_day or '…'}/{event.last_day}"
        if right_date(primary, event):
            result.date_ok += 1
        else:
            result.misses.append(f"DATE {event.id}: {shown} expected {expected}")
        if event.day:
            result.day_events += 1
            result.day_ok += primary.first_day == primary.last_day == event.day
        if primary.categories[:1] == [event.category]:
            result.cat_ok += 1
        else:
            result.misses.append(f"CATEGORY {event.id}: {'+'.join(primary.categories)} expected {event.category}")
        result.cat_any += event.category in primary.categories
        result.attributed += 1
        names = claimant_names(primary, event, registry, outlet)
        if right_claimant(names, event):
            result.attr_ok += 1
        else:
            result.misses.append(f"ATTRIBUTION {event.id}: {names[0] if names else '-'} expected {event.source[:60]}")
        if event.time:
            result.time_given += 1
            result.time_ok += bool(primary.time)
    return result


# ---------------------------------------------------------------- timexes


def score_timexes(article: RealArticle) -> tuple[int, int, list[str]]:
    """(exact, total, misses) from the date stage's scorer (``realnews_timex.py``)."""
    found = score_timex_article(article.body, article.gold, article.stem)
    return found.exact, found.gold, [f"TIMEX {m.gold} got {', '.join(m.found) or 'nothing'}" for m in found.misses]


# ---------------------------------------------------------------- the command


def registry_names() -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for file in ("outlets.yml", "gazetteer.yml"):
        data = yaml.safe_load((REPO / "content" / file).read_text(encoding="utf-8")) or {}
        sections = [data] if file == "outlets.yml" else [v for v in data.values() if isinstance(v, dict)]
        for section in sections:
            for key, spec in section.items():
                if isinstance(spec, dict):
                    names[str(key)] = [str(n) for n in [spec.get("name_ar"), spec.get("name_en"), *(spec.get("aliases") or [])] if n]
    return names


def ratio(part: int, whole: int) -> str:
    return f"{part:3d}/{whole:<3d} {part / whole:6.1%}" if whole else f"{part:3d}/{whole:<3d}    — "


def row(name: str, s: ArticleScore) -> str:
    return (f"{name[:30]:30s} core {ratio(s.core_found, s.core)}  date {ratio(s.date_ok, s.core)}  cat {ratio(s.cat_ok, s.core)}"
            f"  distinct {ratio(s.distinct, s.drafts)}  timex {ratio(s.timex_ok, s.timex)}"
            f"  day {ratio(s.day_ok, s.day_events)}  attr {ratio(s.attr_ok, s.attributed)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path, help="folder of rehydrated NN-slug.md and NN-slug.gold.json")
    parser.add_argument("--verbose", "-v", action="store_true", help="print every miss")
    parser.add_argument("--no-period", action="store_true", help="do not set the episode period in mkdocs.yml")
    parser.add_argument("--json", type=Path, help="write the totals and per-article figures as JSON")
    args = parser.parse_args(argv)
    files = sorted(p for p in args.dir.glob("*.md") if p.with_name(p.stem + ".gold.json").exists())
    if not files:
        print(f"{args.dir}: no rehydrated articles (NN-slug.md with NN-slug.gold.json)", file=sys.stderr)
        return 1
    registry = registry_names()
    total = ArticleScore("total")
    per_article = []
    for md in files:
        article = load_article(md)
        drafts, log, sentences = run_article(article, not args.no_period)
        result = score(article, drafts, registry, outlet_names(article), sentences, log)
        exact, count, misses = score_timexes(article)
        result.timex_ok, result.timex = exact, count
        result.misses += misses
        print(row(article.stem, result))
        if args.verbose:
            for miss in result.misses:
                print("     ", miss)
        per_article.append(result)
        total.add(result)
    print(row(f"TOTAL ({len(files)} articles)", total))
    print(f"  drafts {total.drafts}: distinct in-scope {total.distinct}, duplicates {total.duplicates}, "
          f"background {total.background}, noise {total.noise}; category (any of the draft's) {ratio(total.cat_any, total.core)}; "
          f"time of day given {ratio(total.time_ok, total.time_given)}")
    floors = {"core found": (total.core_found, total.core, 0.92), "right date": (total.date_ok, total.core, 0.88),
              "right category": (total.cat_ok, total.core, 0.88), "distinct in-scope drafts": (total.distinct, total.drafts, 0.85),
              "timexes exact": (total.timex_ok, total.timex, 0.92)}
    for name, (part, whole, floor) in floors.items():
        value = part / whole if whole else 0.0
        print(f"  {'PASS' if value >= floor else 'FAIL'}  {name}: {value:.1%} (floor {floor:.0%})")
    if args.json:
        args.json.write_text(json.dumps({"total": asdict(total), "articles": [asdict(a) for a in per_article]},
                                        ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
