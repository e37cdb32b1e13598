"""``timeline extract``: stored articles become draft entries, safely.

Two phases. Reading articles is pure (sentences, dates, events, drafts) and
runs in ``--jobs`` processes; its results come back in article order, so
the output does not depend on the number of jobs. Reconciling with the
entries on disk and writing runs in this process under a lock
(``content/.timeline/extract.lock``, through ``filelock``, on any OS), so two runs at once
cannot duplicate or corrupt anything: the second waits, then finds the
first one's entries.
"""

from __future__ import annotations

import hashlib
import sys
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Callable, Iterator

import click
from filelock import FileLock, Timeout

from timeline.extract.classify import Names
from timeline.extract.events import EventCandidate, find_events
from timeline.dates.dateline import find_dateline
from timeline.extract.period import Period, background_reason
from timeline.extract.merge import EventIndex, IndexedEntry, content_words
from timeline.extract.segment import DateFinder, Segment, segment_article
from timeline.extract.titles import make_id, make_slug, make_title
from timeline.extract.writer import (
    EXTRACTED_FILE, LOCK_FILE, Draft, Quote, Suggestions, add_citations, create_entry, drafted_entry,
    entry_body, entry_file_text, entry_front_matter, event_path, quote_key, read_yaml_list, with_fingerprint,
    writable, write_yaml_list,
)
from timeline.content.load import entries_now, load_content
from timeline.content.model import Article, Category, Content, Entry
from timeline.content.problems import ContentError, Problem, errors
from timeline.extract.lexicon import lexicon

PROGRESS_AFTER = 10  # a progress bar only when there are this many articles
OUT_OF_SCOPE = "out of scope: no word of a war occurrence (data/categories.yml), no actor or place of the gazetteer"


@dataclass
class ExtractionSummary:
    """What a run did (or, with --dry-run, would do)."""

    articles: int = 0
    new_entries: int = 0
    merged_citations: int = 0
    suggestions: int = 0
    skipped: int = 0
    background: list[str] = field(default_factory=list)  # "article sentence N: reason"
    warnings: list[Problem] = field(default_factory=list)
    dry_run: bool = False

    def __str__(self) -> str:
        verb = "would write" if self.dry_run else "wrote"
        return (f"extract: {self.articles} article{'s' if self.articles != 1 else ''}, {verb} "
                f"{self.new_entries} new entr{'ies' if self.new_entries != 1 else 'y'}, "
                f"{self.merged_citations} merged citation{'s' if self.merged_citations != 1 else ''}, "
                f"{self.suggestions} merge suggestion{'s' if self.suggestions != 1 else ''}, "
                f"{self.skipped} skipped, {len(self.background)} background, "
                f"{len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}")


# ---------------------------------------------------------------- phase 1: read articles


@dataclass(frozen=True)
class ArticleTask:
    id: str
    text: str
    published: date
    language: str
    outlet: str
    dateline_end: int = 0  # the dateline dates the article, no occurrence


_WORKER: dict = {}


def _init_worker(names_data: tuple[dict, dict, dict], find_dates: DateFinder | None) -> None:
    _WORKER["names"] = Names.from_data(*names_data)
    _WORKER["find_dates"] = find_dates


def _read_article(task: ArticleTask) -> list[Draft]:
    return drafts_for(task, _WORKER["names"], _WORKER.get("find_dates"))


def drafts_for(task: ArticleTask, names: Names, find_dates: DateFinder | None = None) -> list[Draft]:
    """The events of one article as drafts, in sentence order."""
    segments = segment_article(task.text, task.published, task.language, find_dates)
    if task.dateline_end:
        segments = [Segment(s.sentence, tuple(m for m in s.dates if m.start >= task.dateline_end)) for s in segments]
    _, candidates = find_events(segments, published=task.published, language=task.language, names=names, outlet=task.outlet)
    return [_draft(task.id, candidate) for candidate in candidates]


def _draft(article_id: str, candidate: EventCandidate) -> Draft:
    quotes = tuple(Quote(s.number, s.text, s.frame.claimant, s.frame.claimant_text if not s.frame.inherits else "", s.clause)
                   for s in candidate.sentences)
    seed = f"{article_id}#{candidate.first.number}" + (f".{candidate.first.part}" if candidate.first.part else "")
    return Draft(
        article=article_id, quotes=quotes, date=candidate.date,
        title=make_title(candidate.first.words, candidate.first.claim_start),
        categories=tuple(candidate.categories), actors=tuple(candidate.actors), places=tuple(candidate.places),
        figures=tuple((f.kind, f.text) for f in candidate.figures),
        slug=make_slug(candidate.categories, candidate.actors, candidate.places, seed),
        in_scope=candidate.in_scope,
    )


def read_articles(tasks: list[ArticleTask], names_data: tuple[dict, dict, dict], *, jobs: int, progress: bool,
                  find_dates: DateFinder | None = None) -> list[list[Draft]]:
    """Drafts of every task, in task order, using ``jobs`` processes."""
    if jobs <= 1 or len(tasks) <= 1:
        _init_worker(names_data, find_dates)
        results: Iterator[list[Draft]] = map(_read_article, tasks)
        return _with_progress(results, len(tasks), progress)
    chunk = max(1, len(tasks) // (jobs * 4))
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(names_data, find_dates)) as pool:
        return _with_progress(pool.map(_read_article, tasks, chunksize=chunk), len(tasks), progress)


def _with_progress(results: Iterator[list[Draft]], total: int, progress: bool) -> list[list[Draft]]:
    if not progress or total < PROGRESS_AFTER:
        return list(results)
    collected = []
    with click.progressbar(length=total, label="extracting", file=sys.stderr) as bar:
        for item in results:
            collected.append(item)
            bar.update(1)
    return collected


# ---------------------------------------------------------------- phase 2: reconcile and write


@contextmanager
def extraction_lock(content_dir: Path, echo: Callable[..., None]) -> Iterator[None]:
    """An exclusive lock on the content folder for the writing phase."""
    path = content_dir / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(path)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        echo("waiting for another `timeline extract` to finish…", err=True)
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


class Reconciler:
    """Decides, draft by draft, between a new entry, a citation, a suggestion or nothing.

    Works from the validated ``Entry`` of ``content.load`` (``entries_now``
    under the lock): the sentence a quote lies in is the one validation found."""

    def __init__(self, content_dir: Path, entries: list[Entry], *, dry_run: bool, echo: Callable[..., None]) -> None:
        self.events_dir = content_dir / "events"
        # (article, sentence) -> (entry id, clause) holding it; clause "" is the whole sentence
        self.held: dict[tuple[str, int], list[tuple[str, str]]] = {}
        self.dry_run = dry_run
        self.echo = echo
        self.summary = ExtractionSummary(dry_run=dry_run)
        self.suggestions = Suggestions.load(content_dir)
        self.entries: dict[str, Entry] = {}
        self.cited: dict[str, list[str]] = {}  # normalized quote -> entry ids citing it
        self.index = EventIndex()
        self.indexed: dict[str, IndexedEntry] = {}
        for entry in entries:
            self._register(entry)

    def _register(self, entry: Entry) -> None:
        self.entries[entry.id] = entry
        clauses = dict(entry.extracted.clauses) if entry.extracted is not None else {}
        record_article = entry.extracted.article if entry.extracted is not None else None
        for item in entry.sources + entry.counter_sources:
            key = quote_key(item.quote)
            if entry.id not in self.cited.setdefault(key, []):
                self.cited[key].append(entry.id)
            if item.article and item.sentence is not None:  # an editor may have trimmed it to part of its sentence
                self._hold(item.article, item.sentence, entry.id,
                           clauses.get(item.sentence, "") if item.article == record_article else "")
        if entry.extracted is not None:
            for number in entry.extracted.sentence_numbers:
                self._hold(entry.extracted.article, number, entry.id, clauses.get(number, ""))
        if entry.review == "rejected":
            return
        indexed = _indexed(entry)
        self.indexed[entry.id] = indexed
        self.index.add(indexed)

    def _hold(self, article: str, number: int, entry_id: str, clause: str = "") -> None:
        owners = self.held.setdefault((article, number), [])
        if (entry_id, quote_key(clause)) not in owners:
            owners.append((entry_id, quote_key(clause)))

    def _owners(self, article: str, quote: Quote) -> list[str]:
        """The entries that already tell this quote's occurrence. A sentence
        that tells several occurrences is held clause by clause: an entry
        drafted from one of its clauses does not hold the others."""
        holders = self.held.get((article, quote.sentence), [])
        clause = quote_key(quote.clause)
        other_clause = {entry for entry, held in holders if held and clause and held != clause}
        owners = [entry for entry, _ in holders if entry not in other_clause]
        return owners + [entry for entry in self.cited.get(quote_key(quote.text), []) if entry not in other_clause]

    def reconcile(self, draft: Draft) -> None:
        """Identity is the sentence: a sentence any entry holds (by its
        extraction record or by a quote found in it, trimmed or not) is
        never drafted again."""
        fresh = [q for q in draft.quotes if not self._owners(draft.article, q)]
        owners = [owner for q in draft.quotes for owner in self._owners(draft.article, q)]
        if not fresh:
            self.summary.skipped += 1
            return
        target = self.entries.get(owners[0]) if owners else self._match(draft)
        if target is None:
            self._create(draft, fresh)
        elif target.review == "rejected":
            self.summary.skipped += 1
        elif not (writable(target) and self._cite(target, draft.article, fresh)):
            reason = "the sentence tells of the same event" if owners else "same dates, category, actors or places and similar wording"
            self._suggest(target, draft.article, fresh, reason)

    def _suggest(self, target: Entry, article: str, quotes: list[Quote], reason: str) -> None:
        for quote in quotes:
            if self.suggestions.add(target.id, article, quote, reason):
                self.summary.suggestions += 1
                self.echo(f"{target.path}: merge suggestion: {article} sentence {quote.sentence}")
            else:
                self.summary.skipped += 1

    def _match(self, draft: Draft) -> Entry | None:
        found = self.index.best_match(first_day=draft.first_day, last_day=draft.last_day, categories=draft.categories,
                                      names=draft.actors + draft.places,
                                      words=content_words(" ".join(q.text for q in draft.quotes)), article=draft.article)
        return self.entries.get(found.id) if found else None

    def _create(self, draft: Draft, quotes: list[Quote]) -> None:
        draft = replace(draft, quotes=tuple(quotes))
        body = entry_body(draft)
        for length in (6, 8, 10, 12, 16):
            slug = draft.slug if length == 6 else draft.slug[:-6] + _longer_hash(draft, length)
            entry_id = make_id(draft.date.start.iso, slug)
            path = event_path(self.events_dir, entry_id, draft.date.start.iso)
            if entry_id in self.entries or path.exists():
                continue
            front = with_fingerprint(entry_front_matter(draft, entry_id), body)
            if self.dry_run:
                self.echo(f"--- would write {path}\n{entry_file_text(front, body)}")
            elif not create_entry(path, front, body):
                continue
            self.summary.new_entries += 1
            self._register(drafted_entry(path, front, draft))
            return
        self.summary.skipped += 1

    def _cite(self, target: Entry, article: str, quotes: list[Quote]) -> bool:
        """Add the citations; False (nothing written) if the file was edited since it was read."""
        updated = add_citations(target, article, quotes, write=not self.dry_run)
        if updated is None:
            self.entries[target.id] = replace(target, extracted=None)  # edited: never tried again in this run
            return False
        if self.dry_run:
            self.echo(f"--- would add {len(quotes)} citation(s) from {article} to {target.path}")
        self.summary.merged_citations += len(quotes)
        self._register(updated)
        if target.id in self.indexed:
            self.indexed[target.id].articles.add(article)
        return True


def _longer_hash(draft: Draft, length: int) -> str:
    first = draft.quotes[0]
    seed = f"{draft.article}#{first.sentence}" + (f"#{first.clause}" if first.clause else "")
    return hashlib.sha256(seed.encode()).hexdigest()[:length]


def _indexed(entry: Entry) -> IndexedEntry:
    citations = entry.sources + entry.counter_sources
    return IndexedEntry(
        id=entry.id, path=entry.path, first_day=entry.date.first_day().isoformat(),
        last_day=entry.date.last_day().isoformat(), categories=entry.categories, names=entry.actors + entry.places,
        words=content_words(" ".join([entry.title] + [c.quote for c in citations])),
        articles={c.article for c in citations if c.article},
    )


# ---------------------------------------------------------------- the command


def run_extraction(content_dir: Path, article_ids: list[str] | None = None, *, dry_run: bool = False, jobs: int = 1,
                   progress: bool = False, echo: Callable[..., None] = click.echo,
                   find_dates: DateFinder | None = None, period: Period | None = None,
                   content: Content | None = None) -> ExtractionSummary:
    """Extract ``article_ids`` (all stored articles by default) into ``content_dir/events/``.

    Occurrences outside ``period`` (or, without one, more than a year before
    their article's publication) are background: not drafted, reported in
    the summary with their reason. An article's dateline wins over its
    ``published`` when the two disagree (with a warning).

    Raises :class:`ContentError` (``path:line: field: message``) when the
    outlets, the gazetteer, a requested article or an entry cannot be read;
    nothing is written then. ``content`` is the command's validated content
    (``content.session.one_load``): its articles, outlets and gazetteer are
    used instead of being read again.
    """
    content_dir = Path(content_dir)
    content, articles, names_data, warnings = _load_inputs(content_dir, article_ids, content)
    tasks = [_task(content_dir, a, warnings) for a in articles]
    drafts = read_articles(tasks, names_data, jobs=jobs, progress=progress, find_dates=find_dates)
    background: list[str] = []
    drafts = [_in_period(task, found, period, background) for task, found in zip(tasks, drafts)]
    if dry_run:
        summary = _reconcile(content, drafts, dry_run=True, echo=echo)
    else:
        with extraction_lock(content_dir, echo):
            summary = _reconcile(content, drafts, dry_run=False, echo=echo)
            _record_extracted(content_dir, [a.id for a in articles])
    summary.articles = len(articles)
    summary.background = background
    summary.warnings = warnings
    for line in background:
        echo(f"background, not drafted: {line}")
    for warning in warnings:
        echo(str(warning), err=True)
    return summary


def _task(content_dir: Path, article: Article, warnings: list[Problem]) -> ArticleTask:
    """The article to read, dated by its dateline when ``published`` disagrees."""
    published = article.published
    dateline = find_dateline(article.text, article.language, reference=article.published + timedelta(days=3))
    if dateline is None or dateline.day is None:
        return ArticleTask(article.id, article.text, published, article.language, article.outlet)
    if dateline.day != published:
        warnings.append(Problem(str(content_dir / "articles" / f"{article.id}.md"), 1, "published",
                                f"the dateline \"{dateline.text.strip()}\" says {dateline.day.isoformat()}, published says "
                                f"{published.isoformat()}; relative dates are read from the dateline's day", "warning"))
        published = dateline.day
    return ArticleTask(article.id, article.text, published, article.language, article.outlet, dateline.date_end)


def _in_period(task: ArticleTask, drafts: list[Draft], period: Period | None, background: list[str]) -> list[Draft]:
    """The drafts that belong on the timeline; the others are noted as background."""
    kept = []
    for draft in drafts:
        reason = background_reason(draft.first_day, draft.last_day, task.published, period)
        if reason is None and not draft.in_scope:
            reason = OUT_OF_SCOPE
        if reason is None:
            kept.append(draft)
        else:
            when = draft.first_day if draft.first_day == draft.last_day else f"{draft.first_day}..{draft.last_day}"
            background.append(f"{task.id} sentence {draft.quotes[0].sentence} ({when}): {reason}")
    return kept


def _reconcile(content: Content, drafts: list[list[Draft]], *, dry_run: bool, echo: Callable[..., None]) -> ExtractionSummary:
    """Reconcile against the entries on disk now: the loaded ones, with what
    changed since the load read again (``content.load.entries_now``). An
    entry that is not valid stops the run before anything is written."""
    entries, _, problems = entries_now(content)
    if errors(problems):
        raise ContentError(problems, action="extract")
    reconciler = Reconciler(Path(content.root), entries, dry_run=dry_run, echo=echo)
    for article_drafts in drafts:
        for draft in article_drafts:
            reconciler.reconcile(draft)
    if not dry_run:
        reconciler.suggestions.save()
    return reconciler.summary


def _load_inputs(content_dir: Path, article_ids: list[str] | None, content: Content | None = None
                 ) -> tuple[Content, list[Article], tuple[dict, dict, dict], list[Problem]]:
    """The content to extract from and into, the articles chosen, the names
    extraction recognizes, and the warnings. Without a loaded ``content`` (the
    command's), the folder is loaded here, its entries checked against the
    categories extraction drafts (a bare folder has no mkdocs.yml); problems of
    entries are left to ``_reconcile``, which re-reads them under the lock."""
    problems: list[Problem] = []
    if content is None:
        content, found = load_content(content_dir, extraction_categories())
        problems = [p for p in found if Path(p.path).name in ("outlets.yml", "gazetteer.yml")
                    or Path(p.path).parent == content_dir / "articles"]
    wanted = list(dict.fromkeys(article_ids)) if article_ids else None
    problems = [p for p in problems if wanted is None or Path(p.path).parent != content_dir / "articles" or Path(p.path).stem in wanted]
    for article_id in wanted or []:
        if article_id not in content.articles and not any(Path(p.path).stem == article_id for p in problems):
            problems.append(Problem(str(content_dir / "articles" / f"{article_id}.md"), 1, "article", f'no stored article "{article_id}"; import it first with `timeline import`'))
    if errors(problems):
        raise ContentError(problems, action="extract")
    chosen = [content.articles[i] for i in wanted] if wanted else list(content.articles.values())
    chosen.sort(key=lambda a: (a.published, a.id))
    names_data = (_names(content.outlets), _names(content.actors), _names(content.places))
    return content, chosen, names_data, [p for p in problems if p.severity == "warning"]


def extraction_categories() -> dict[str, Category]:
    """The categories extraction drafts with (``data/categories.yml`` and
    ``other``), as a vocabulary for a content folder loaded without its
    mkdocs.yml."""
    keys = [key for key, _ in lexicon().categories] + ["other"]
    return {key: Category(key, key, "#6b6b6b") for key in dict.fromkeys(keys)}


def _names(items: dict) -> dict[str, list[str]]:
    return {key: [key, item.name_ar, item.name_en, *item.aliases] for key, item in items.items()}


def _record_extracted(content_dir: Path, article_ids: list[str]) -> None:
    path = content_dir / EXTRACTED_FILE
    known = [str(i) for i in read_yaml_list(path)]
    added = [i for i in article_ids if i not in known]
    if added:
        write_yaml_list(path, sorted(known + added))


def never_extracted(content) -> list[str]:
    """Ids of stored articles that no run has extracted and no entry cites."""
    known = {str(i) for i in read_yaml_list(Path(content.root) / EXTRACTED_FILE)}
    for entry in content.entries:
        if entry.extracted is not None:
            known.add(entry.extracted.article)
        known.update(c.article for c in entry.sources + entry.counter_sources if c.article)
    return sorted(a for a in content.articles if a not in known)


__all__ = ["ExtractionSummary", "run_extraction", "never_extracted", "drafts_for"]
