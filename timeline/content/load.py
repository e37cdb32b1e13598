"""Loading and validating all content into the model (``timeline check``).

Reads ``articles/``, ``events/``, ``outlets.yml`` and ``gazetteer.yml`` from
the content folder, checks every rule of the architecture, and returns the
``Content`` with every problem found, all at once. Nothing here writes.

A command loads once: inside ``one_load()`` (every ``timeline`` command runs
in one) ``load_content`` returns the same ``Content`` to the command, the
extraction and the MkDocs plugin of the build it runs.
"""

from __future__ import annotations

from array import array
from pathlib import Path
from typing import Any

from timeline.content.articles import load_articles
from timeline.content.fields import (
    check_bool, check_http_url, check_id, check_string_list, check_time, check_unknown_keys,
    parse_day, parse_partial,
)
from timeline.content.frontmatter import Document, FileStamp, file_stamp, list_content_files, read_document_or_report
from timeline.content.pages import check_pages
from timeline.content.model import REVIEW_STATES, Article, Category, Citation, Content, Entry, EventDate, Extracted
from timeline.normalize import find_normalized, normalize_with_offsets
from timeline.content.problems import Problem, did_you_mean
from timeline.content.session import Loaded, loaded_already, remember
from timeline.content.registry import NameIndex, load_gazetteer, load_outlets
from timeline.sentences import sentence_at, split_sentences
from timeline.site.markup import body_renderer, findings_problems

ENTRY_FIELDS = ("id", "date", "end", "approximate", "time", "title", "categories", "actors", "places",
                "review", "sources", "counter_sources", "extracted")
CITATION_FIELDS = ("article", "url", "outlet", "published", "archived_url", "quote", "attributed_to")
PLACEHOLDER = "TODO"


class Registries:
    """What entries refer to: articles, outlets, actors, places, categories."""

    def __init__(self, articles: dict[str, Article], outlets: dict, outlet_index: NameIndex,
                 actor_index: NameIndex, place_index: NameIndex, categories: dict[str, Category]) -> None:
        self.articles = articles
        self.outlets = outlets
        self.outlet_index = outlet_index
        self.actor_index = actor_index
        self.place_index = place_index
        self.categories = categories
        self._sentences: dict[str, list] = {}
        self._folded: dict[str, tuple[str, array]] = {}

    def folded(self, article: Article) -> tuple[str, array]:
        """The article's normalized text with offsets, kept for the most recent articles."""
        known = self._folded.get(article.id)
        if known is None:
            folded, offsets = normalize_with_offsets(article.text)
            # Offsets as machine integers: a list of int objects is ~36 bytes a character.
            known = _remember(self._folded, article.id, (folded, array("i", offsets)))
        return known

    def forget_texts(self) -> None:
        """Drop the folded texts and sentences kept while validating quotes."""
        self._sentences.clear()
        self._folded.clear()

    def sentences(self, article: Article) -> list:
        known = self._sentences.get(article.id)
        if known is None:
            known = _remember(self._sentences, article.id, split_sentences(article.text))
        return known


RECENT_ARTICLES = 512  # folded texts and sentences kept: entries in file order cite articles of their time


def _remember(cache: dict, key: str, value: Any) -> Any:
    """Keep ``value`` in ``cache``, dropping the oldest beyond RECENT_ARTICLES, so
    memory stays bounded (at 50,000 events all of them were a fifth of the peak)."""
    if len(cache) >= RECENT_ARTICLES:
        del cache[next(iter(cache))]
    cache[key] = value
    return value


def empty_content(root: Path) -> Content:
    """No content: what a command holds when mkdocs.yml itself cannot be read."""
    return Content(root=root, articles={}, entries=(), outlets={}, actors={}, places={}, categories={})


def load_content(content_dir: Path, categories: dict[str, Category], markdown: tuple[list, dict] | None = None) -> Loaded:
    """Every content file under ``content_dir``, validated: once per ``one_load`` block."""
    shared = loaded_already(Path(content_dir), categories)
    if shared is not None:
        return shared
    content, problems = read_content(Path(content_dir), categories, markdown)
    remember(content, problems)
    return content, list(problems)


def read_content(content_dir: Path, categories: dict[str, Category],
                 markdown: tuple[list, dict] | None = None) -> Loaded:
    """Load every content file under ``content_dir`` and validate it;
    ``markdown`` is the pages' Markdown extensions and their configs."""
    problems: list[Problem] = check_pages(content_dir, *(markdown or ([], {})))
    if not categories:
        problems.append(Problem("mkdocs.yml", 1, "plugins.timeline.categories", "no categories declared; entries need a vocabulary"))
    outlets, outlet_index, found = load_outlets(content_dir / "outlets.yml")
    problems += found
    actors, places, actor_index, place_index, found = load_gazetteer(content_dir / "gazetteer.yml")
    problems += found
    articles, found = load_articles(content_dir / "articles", outlets)
    problems += found
    registries = Registries(articles, outlets, outlet_index, actor_index, place_index, categories)
    stamps: dict[Path, FileStamp] = {}
    entries = _load_entries(content_dir / "events", content_dir, registries, problems, stamps)
    registries.forget_texts()
    content = Content(root=content_dir, articles=articles, entries=tuple(sorted(entries, key=Entry.sort_key)),
                      outlets=outlets, actors=actors, places=places, categories=categories,
                      entry_stamps=stamps, registries=registries)
    return content, sorted(problems)


def _load_entries(events_dir: Path, content_dir: Path, registries: Registries, problems: list[Problem],
                  stamps: dict[Path, FileStamp]) -> list[Entry]:
    paths, found = entry_files(events_dir, content_dir)
    problems += found
    loaded = []
    for path in paths:
        stamp = file_stamp(path)  # taken before reading: a save during the read makes it stale, never the reverse
        loaded.append((path, load_entry(path, registries, problems, content_dir)))
        if stamp is not None:
            stamps[path] = stamp
    return unique_entries(loaded, problems)


def entries_now(content: Content) -> tuple[list[Entry], list[Path], list[Problem]]:
    """The entries on disk now, for a command that loaded ``content`` a while
    ago (extraction, under its lock): a file whose stamp is what the load saw
    keeps its loaded ``Entry``; a new or changed file (or one that was not a
    valid entry then) is read again by ``load_entry`` against the same
    registries. Returns the entries in file order, the files read again, and
    their problems (a second use of an id included)."""
    if content.registries is None:
        raise ValueError("entries_now needs a Content from content.load.load_content (it keeps the registries)")
    content_dir = Path(content.root)
    loaded = {entry.path: entry for entry in content.entries}
    paths, problems = entry_files(content_dir / "events", content_dir)
    current: list[tuple[Path, Entry | None]] = []
    reread: list[Path] = []
    for path in paths:
        stamp = file_stamp(path)
        entry = loaded.get(path)
        if entry is None or stamp is None or content.entry_stamps.get(path) != stamp:
            reread.append(path)
            entry = load_entry(path, content.registries, problems, content_dir)
        current.append((path, entry))
    content.registries.forget_texts()
    return unique_entries(current, problems), reread, problems


def entry_files(events_dir: Path, content_dir: Path) -> tuple[list[Path], list[Problem]]:
    """Every entry file under ``events/``, in the order entries are loaded, and the
    problems of files that cannot be read as content (links, special files)."""
    return list_content_files(events_dir, content_dir, recursive=True)


def unique_entries(loaded: list[tuple[Path, Entry | None]], problems: list[Problem]) -> list[Entry]:
    """The loaded entries (in file order) without a second use of an id, which is reported."""
    entries: list[Entry] = []
    seen: dict[str, Path] = {}
    for path, entry in loaded:
        if entry is None:
            continue
        if entry.id in seen:
            problems.append(Problem(str(path), entry.lines.get("id", 1), "id", f'"{entry.id}" is used twice: here and in {seen[entry.id]}; ids must be unique'))
            continue
        seen[entry.id] = path
        entries.append(entry)
    return entries


def load_entry(path: Path, registries: Registries, problems: list[Problem], content_dir: Path | None = None) -> Entry | None:
    """One entry file into an ``Entry``, or None with its problems recorded."""
    name = str(path)
    document = read_document_or_report(path, problems, content_dir)
    if document is None:
        return None
    errors_before = sum(p.severity == "error" for p in problems)
    entry = _entry_from(document, path, registries, problems)
    return entry if sum(p.severity == "error" for p in problems) == errors_before else None


def _entry_from(document: Document, path: Path, reg: Registries, problems: list[Problem]) -> Entry | None:
    name, data, line = str(path), document.data, document.line
    check_unknown_keys(name, data, ENTRY_FIELDS, line, problems)
    _report_placeholders(name, data, line, problems)
    entry_id = check_id(name, data.get("id"), path.stem, line("id"), problems)
    event_date = _event_date(name, data, line, problems)
    title = _required_text(name, data.get("title"), "title", line("title"), problems)
    categories = _categories(name, data, line, reg, problems)
    actors = _resolve_all(name, data, "actors", line, reg.actor_index, problems)
    places = _resolve_all(name, data, "places", line, reg.place_index, problems)
    review = str(data.get("review") or "auto")
    if review not in REVIEW_STATES:
        problems.append(Problem(name, line("review"), "review", f'"{review}" is not a review state{did_you_mean(review, REVIEW_STATES)}; one of: {", ".join(REVIEW_STATES)}'))
    sources = _citations(name, data, "sources", line, reg, problems, required=True)
    counter = _citations(name, data, "counter_sources", line, reg, problems, required=False)
    extracted = _extracted(name, data.get("extracted"), line, problems)
    if document.body.strip().startswith(PLACEHOLDER):
        problems.append(Problem(name, document.body_line, "body", "placeholder left by `timeline new`: write the narrative or delete the line"))
    problems += findings_problems(name, document.body, document.body_line, body_renderer().findings(document.body))
    if entry_id is None or event_date is None or title is None:
        return None
    lines = {key: line(key) for key in data}
    return Entry(id=entry_id, date=event_date, title=title, categories=tuple(categories), sources=tuple(sources),
                 path=path, actors=tuple(actors), places=tuple(places), review=review,
                 counter_sources=tuple(counter), body=document.body, extracted=extracted, lines=lines)


def _report_placeholders(name: str, data: dict, line, problems: list[Problem], path: tuple = ()) -> None:
    """`timeline new` leaves TODO where a flag was missing: each is an error."""
    items = data.items() if isinstance(data, dict) else enumerate(data)
    for key, value in items:
        here = (*path, key)
        if isinstance(value, (dict, list)):
            _report_placeholders(name, value, line, problems, here)
        elif isinstance(value, str) and value.strip().startswith(PLACEHOLDER):
            field = ".".join(str(p) for p in here)
            problems.append(Problem(name, line(*here), field, f"placeholder left by `timeline new`: {value.strip()}"))


def _required_text(name: str, value: Any, field: str, line: int, problems: list[Problem]) -> str | None:
    if value is None or not str(value).strip():
        problems.append(Problem(name, line, field, "required"))
        return None
    if isinstance(value, (dict, list)):
        problems.append(Problem(name, line, field, "must be text"))
        return None
    return str(value).strip()


def _event_date(name: str, data: dict, line, problems: list[Problem]) -> EventDate | None:
    start = parse_partial(name, data.get("date"), "date", line("date"), problems, required=True)
    end = parse_partial(name, data.get("end"), "end", line("end"), problems, required=False)
    approximate = check_bool(name, data.get("approximate"), "approximate", line("approximate"), problems)
    time = check_time(name, data.get("time"), line("time"), problems)
    if start and end and end.last_day() < start.first_day():
        problems.append(Problem(name, line("end"), "end", f'"{end.iso}" is before the date "{start.iso}"; the end of a range cannot come before its start'))
        return None
    return EventDate(start=start, end=end, approximate=approximate, time=time) if start else None


def _categories(name: str, data: dict, line, reg: Registries, problems: list[Problem]) -> list[str]:
    values = check_string_list(name, data.get("categories"), "categories", line("categories"), problems)
    if not values:
        problems.append(Problem(name, line("categories"), "categories", f"at least one category is required: {', '.join(reg.categories)}"))
    for index, value in enumerate(values):
        if value not in reg.categories:
            problems.append(Problem(name, line("categories", index), "categories", f'unknown category "{value}"{did_you_mean(value, reg.categories)}; the vocabulary in mkdocs.yml is: {", ".join(reg.categories)}'))
    return values


def _resolve_all(name: str, data: dict, field: str, line, index: NameIndex, problems: list[Problem]) -> list[str]:
    keys: list[str] = []
    for position, value in enumerate(check_string_list(name, data.get(field), field, line(field), problems)):
        key = index.resolve(value)
        if key is None:
            problems.append(Problem(name, line(field, position), field, f'"{value}" is not in gazetteer.yml{index.suggestions(value)}; add it under {field}: or fix the spelling'))
        elif key not in keys:
            keys.append(key)
    return keys


def _citations(name: str, data: dict, field: str, line, reg: Registries, problems: list[Problem], *, required: bool) -> list[Citation]:
    value = data.get(field)
    if value is None or value == []:
        if required:
            problems.append(Problem(name, line(field), field, "at least one source is required: an article and its quote, or a url, outlet and published date"))
        return []
    if not isinstance(value, list):
        problems.append(Problem(name, line(field), field, "must be a list of citations (`- article: …` / `quote: …`)"))
        return []
    citations = []
    for position, item in enumerate(value):
        citation = _citation(name, item, (field, position), line, reg, problems)
        if citation is not None:
            citations.append(citation)
    return citations


def _citation(name: str, item: Any, path: tuple, line, reg: Registries, problems: list[Problem]) -> Citation | None:
    label = f"{path[0]}[{path[1] + 1}]"
    where = lambda key=None: line(*path, key) if key else line(*path)  # noqa: E731
    if not isinstance(item, dict):
        problems.append(Problem(name, where(), label, "must be a mapping with article and quote"))
        return None
    check_unknown_keys(name, item, CITATION_FIELDS, lambda key: line(*path, key), problems, prefix=f"{label}.")
    quote = _required_text(name, item.get("quote"), f"{label}.quote", where("quote"), problems)
    url = check_http_url(name, item.get("url"), f"{label}.url", where("url"), problems)
    archived = check_http_url(name, item.get("archived_url"), f"{label}.archived_url", where("archived_url"), problems)
    attributed = _claimant(name, item.get("attributed_to"), f"{label}.attributed_to", where("attributed_to"), reg, problems)
    article_id = item.get("article")
    if article_id is not None:
        return _article_citation(name, str(article_id), quote, url, archived, attributed, label, where, reg, problems)
    outlet = _outlet(name, item.get("outlet"), f"{label}.outlet", where("outlet"), reg, problems, required=True)
    published = parse_day(name, item.get("published"), f"{label}.published", where("published"), problems, required=True)
    if url is None and "url" not in item:
        problems.append(Problem(name, where(), f"{label}.url", "a source needs `article:` (a stored article) or `url:` with outlet and published"))
    if quote is None or outlet is None or published is None or url is None:
        return None
    return Citation(quote=quote, url=url, outlet=outlet, published=published, archived_url=archived, attributed_to=attributed)


def _article_citation(name, article_id, quote, url, archived, attributed, label, where, reg: Registries, problems) -> Citation | None:
    article = reg.articles.get(article_id)
    if article is None:
        problems.append(Problem(name, where("article"), f"{label}.article", f'no stored article "{article_id}" in articles/{did_you_mean(article_id, reg.articles)}'))
        return None
    if quote is None:
        return None
    span = find_normalized(article.text, quote, reg.folded(article))
    if span is None:
        problems.append(Problem(name, where("quote"), f"{label}.quote", f'not found in article "{article_id}"; a quote must be copied verbatim from the article text'))
        return None
    sentence = sentence_at(reg.sentences(article), span[0])
    return Citation(quote=quote, article=article.id, url=url or article.url, outlet=article.outlet,
                    published=article.published, archived_url=archived or article.archived_url,
                    attributed_to=attributed, sentence=sentence.number if sentence else None, span=span)


def _claimant(name: str, value: Any, field: str, line: int, reg: Registries, problems: list[Problem]) -> str | None:
    """Who makes the claim: an outlet or an actor, by key or any alias."""
    if value is None or str(value).strip() == "":
        return None
    key = reg.outlet_index.resolve(value) or reg.actor_index.resolve(value)
    if key is None:
        choices = list(reg.outlet_index.keys) + list(reg.actor_index.keys)
        problems.append(Problem(name, line, field, f'"{value}" is neither an outlet in outlets.yml nor an actor in gazetteer.yml{did_you_mean(str(value), choices)}'))
    return key


def _outlet(name: str, value: Any, field: str, line: int, reg: Registries, problems: list[Problem], *, required: bool) -> str | None:
    if value is None or str(value).strip() == "":
        if required:
            problems.append(Problem(name, line, field, "required for a source given by URL: the outlet key from outlets.yml"))
        return None
    key = reg.outlet_index.resolve(value)
    if key is None:
        problems.append(Problem(name, line, field, f'"{value}" is not in outlets.yml{reg.outlet_index.suggestions(value)}'))
    return key


def _extracted(name: str, value: Any, line, problems: list[Problem]) -> Extracted | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not {"article", "sentence", "fingerprint"} <= set(value):
        problems.append(Problem(name, line("extracted"), "extracted", "written by `timeline extract`: needs article, sentence and fingerprint; delete the block if you wrote this entry by hand"))
        return None
    if not isinstance(value["sentence"], int) or not str(value["fingerprint"]).startswith("sha256:"):
        problems.append(Problem(name, line("extracted"), "extracted", "sentence must be a number and fingerprint sha256:…; delete the block if you wrote this entry by hand"))
        return None
    numbers = value.get("sentences")
    sentences = tuple(n for n in numbers if isinstance(n, int) and not isinstance(n, bool)) if isinstance(numbers, list) else ()
    return Extracted(article=str(value["article"]), sentence=value["sentence"], fingerprint=str(value["fingerprint"]),
                     sentences=sentences, clauses=_extracted_clauses(value.get("clauses")))


def _extracted_clauses(value: Any) -> tuple[tuple[int, str], ...]:
    """``extracted.clauses``: the clause of each sentence a draft was drafted
    from, when the sentence tells several occurrences (``extract/clauses.py``)."""
    if not isinstance(value, list):
        return ()
    return tuple((item["sentence"], str(item["clause"])) for item in value
                 if isinstance(item, dict) and isinstance(item.get("sentence"), int)
                 and not isinstance(item["sentence"], bool) and item.get("clause"))
