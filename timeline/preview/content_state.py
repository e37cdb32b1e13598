"""Content loaded once and kept in memory by the live preview.

On a change, only the changed files are read again, and only what depends
on them is validated again:

- an entry file: that entry (and the id check across all entries);
- an article: the articles are read again (they are small beside the
  entries), then the entries citing a changed article and every entry that
  had a problem (it may have cited an article that did not exist yet);
- ``outlets.yml`` or ``gazetteer.yml``: outlets, gazetteer and articles are
  read again and every entry is validated again (an alias may now resolve
  differently anywhere).

The result is the same ``Content`` and the same problems a full load
(``project.load_project``) gives, built from the same functions. Objects
that did not change stay the very same objects, which is what lets the site
stage reuse its views and skip unchanged pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from timeline.config import read_config
from timeline.content.articles import load_articles
from timeline.content.load import Registries, entry_files, load_entry, unique_entries
from timeline.content.model import Content, Entry
from timeline.content.pages import check_pages
from timeline.content.problems import ContentError, Problem
from timeline.content.registry import load_gazetteer, load_outlets

REGISTRY_FILES = ("outlets.yml", "gazetteer.yml")


@dataclass
class Change:
    """What one batch of file events changed in the content."""

    entry_ids: set[str] = field(default_factory=set)  # entries read or validated again (old and new ids)
    registries: bool = False  # articles, outlets or gazetteer changed


@dataclass
class _LoadedEntry:
    entry: Entry | None
    problems: list[Problem]


class ContentState:
    """The project's content, kept between changes."""

    def __init__(self, config_file: Path) -> None:
        project, problems = read_config(config_file)
        if project is None:
            raise ContentError(problems, action="serve")
        self.content_dir = project.content_dir
        # The editors' pages (index.md, about.md) are not content: a change to one is a full build.
        self.config_problems = problems + check_pages(self.content_dir, *project.markdown)
        self.events_dir = self.content_dir / "events"
        self.articles_dir = self.content_dir / "articles"
        self.categories = project.categories
        self._registry_problems: list[Problem] = []
        self._load_registries()
        self._order, self._listing_problems = entry_files(self.events_dir, self.content_dir)
        self._entries: dict[Path, _LoadedEntry] = {path: self._load(path) for path in self._order}
        self.content, self.problems = self._assemble()

    # -- which files are content ----------------------------------------------------------

    def owns(self, path: Path) -> bool:
        """True for a path the content model reads (entries, articles, outlets, gazetteer)."""
        return self._kind(path) is not None

    def _kind(self, path: Path) -> str | None:
        if path.parent == self.content_dir and path.name in REGISTRY_FILES:
            return "registry"
        if _within(path, self.articles_dir):
            return "article"
        if _within(path, self.events_dir):
            return "entry"
        return None

    # -- changes -------------------------------------------------------------------------

    def apply(self, paths: set[Path]) -> Change:
        """Read the changed content files again; update ``content`` and ``problems``."""
        change = Change()
        kinds = {self._kind(path) for path in paths}
        if "registry" in kinds or "article" in kinds:
            change.registries = True
            before = self.registries.articles
            self._load_registries()
            if "registry" in kinds:
                again = list(self._entries)
            else:
                changed = {key for key in set(before) | set(self.registries.articles)
                           if before.get(key) != self.registries.articles.get(key)}
                again = [path for path, loaded in self._entries.items() if _depends_on(loaded, changed)]
            for path in again:
                self._reload(path, change)
        if "entry" in kinds:
            if all(self._known_regular_file(path) for path in paths if self._kind(path) == "entry"):
                current = set(self._order)  # files edited in place: the list of files is as it was
            else:  # added, deleted, renamed, a folder, a link: list the files again, with their checks
                self._order, self._listing_problems = entry_files(self.events_dir, self.content_dir)
                current = set(self._order)
            for path in set(self._entries) - current:  # deleted or renamed away
                old = self._entries.pop(path)
                if old.entry is not None:
                    change.entry_ids.add(old.entry.id)
            for path in paths:
                if path in current:
                    self._reload(path, change)
            for path in current - set(self._entries):  # in a folder moved in, say
                self._reload(path, change)
        self.content, self.problems = self._assemble()
        return change

    def _known_regular_file(self, path: Path) -> bool:
        return path in self._entries and path.is_file() and not path.is_symlink()

    def _reload(self, path: Path, change: Change) -> None:
        old = self._entries.get(path)
        if old is not None and old.entry is not None:
            change.entry_ids.add(old.entry.id)
        loaded = self._entries[path] = self._load(path)
        if loaded.entry is not None:
            change.entry_ids.add(loaded.entry.id)

    # -- loading -------------------------------------------------------------------------

    def _load_registries(self) -> None:
        problems: list[Problem] = []
        outlets, outlet_index, found = load_outlets(self.content_dir / "outlets.yml")
        problems += found
        self.actors, self.places, actor_index, place_index, found = load_gazetteer(self.content_dir / "gazetteer.yml")
        problems += found
        articles, found = load_articles(self.articles_dir, outlets)
        problems += found
        previous = getattr(self, "registries", None)
        self.registries = Registries(articles, outlets, outlet_index, actor_index, place_index, self.categories)
        if previous is not None:  # an unchanged article keeps its folded text and sentences
            for key, article in articles.items():
                if previous.articles.get(key) == article:
                    if key in previous._folded:  # noqa: SLF001 - the same class's caches, carried over
                        self.registries._folded[key] = previous._folded[key]  # noqa: SLF001
                    if key in previous._sentences:  # noqa: SLF001
                        self.registries._sentences[key] = previous._sentences[key]  # noqa: SLF001
        self._registry_problems = problems

    def _load(self, path: Path) -> _LoadedEntry:
        problems: list[Problem] = []
        entry = load_entry(path, self.registries, problems, self.content_dir)
        return _LoadedEntry(entry, problems)

    def _assemble(self) -> tuple[Content, list[Problem]]:
        problems = list(self._registry_problems) + list(self._listing_problems)
        if not self.categories:
            problems.append(Problem("mkdocs.yml", 1, "plugins.timeline.categories", "no categories declared; entries need a vocabulary"))
        for loaded in self._entries.values():
            problems += loaded.problems
        entries = unique_entries([(path, self._entries[path].entry) for path in self._order], problems)
        reg = self.registries
        previous = getattr(self, "content", None)
        content = Content(root=self.content_dir, articles=reg.articles, entries=tuple(sorted(entries, key=Entry.sort_key)),
                          outlets=reg.outlets, actors=self.actors, places=self.places, categories=self.categories)
        if previous is not None and previous.entries == content.entries and _same_registries(previous, content):
            content = previous  # nothing the site shows changed (say, a comment in a file)
        return content, sorted(self.config_problems + problems)


def _same_registries(a: Content, b: Content) -> bool:
    return all(getattr(a, name) is getattr(b, name) for name in ("articles", "outlets", "actors", "places", "categories"))


def _depends_on(loaded: _LoadedEntry, articles: set[str]) -> bool:
    """An entry to validate again when these articles changed."""
    if loaded.entry is None or loaded.problems:
        return True
    cited = {c.article for c in loaded.entry.sources + loaded.entry.counter_sources if c.article}
    return bool(cited & articles)


def _within(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True
