"""The offline search index, in parts small enough for a slow network.

Both sides fold the same way: the index is built with
``normalize.normalize_arabic`` plus the clitic and variant rules of
``search.yml``, and the fold table and those rules travel in the search
metadata (embedded in the index page), so ``timeline.js`` applies exactly the
same folds to the query. A token is indexed under each of its *readings*: its
folded form and what is left after stripping a clitic prefix (و ف, then ب ك
ل, then ال), plus variant spellings ("كيماوي" → "كيميائي"). A query word
matches an event that has an indexed term starting with one of the word's
readings; every query word must match.

Files (``assets/search/``, each a ``<script src>`` file calling
``TIMELINE_PART(name, data)``, so search works from ``file://``):

- ``t-<hex>.js``, one per two-letter term prefix: ``{"terms": {term:
  postings}, "docs": {n: [id, title, date, review]}}``, where ``docs`` holds
  the first :data:`FIRST_PAGE` events of every term in the part, so a
  one-word query shows its first page after a single request;
- ``d-<k>.js``, :data:`CHUNK` events each: ``{"docs": {n: record}}`` with
  the full result row (claimants, source counts, a snippet);
- ``facets.js``: every event's categories, actors, places, outlets and
  review state, for the filters and their counts.

Postings are base-36 gaps between event numbers (``"0,1,4"`` is events 0,
1, 5), or, when shorter, ``~`` and a base64 bitmap of all events.
"""

from __future__ import annotations

import base64
import re
from bisect import bisect_left, insort
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml

from timeline import normalize
from timeline.content.model import Content
from timeline.site.markup import json_for_script

SEARCH_DIR = "assets/search"
CHUNK = 100  # events per d-<k>.js file
FIRST_PAGE = 20  # results shown at once; each term part carries its first ones
SNIPPET = 220  # characters of the first quote kept for the result snippet
FACET_KINDS: tuple[str, ...] = ("categories", "actors", "places", "outlets", "review")
_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Rules:
    """The clitic prefixes (longest first), the shortest stem, the variants."""

    prefixes: tuple[str, ...]
    min_stem: int
    variants: tuple[tuple[str, str], ...]
    articled: tuple[str, ...]  # the prefixes that end in the article (ال, or لل)


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = yaml.safe_load(Path(__file__).with_name("search.yml").read_text(encoding="utf-8"))
    contractions = data.get("contractions") or {}
    found: set[str] = set()
    for conjunction, preposition, article in product(
            ["", *data["conjunctions"]], ["", *data["prepositions"]], ["", data["article"]]):
        found.add(conjunction + contractions.get(preposition + article, preposition + article))
    found.discard("")
    fold = normalize.normalize_arabic
    variants = tuple((fold(key), fold(value)) for key, value in (data.get("variants") or {}).items())
    article_forms = (data["article"], *contractions.values())
    ordered = tuple(sorted(found, key=lambda p: (-len(p), p)))
    articled = tuple(p for p in ordered if p.endswith(article_forms))
    return Rules(ordered, int(data["min_stem"]), variants, articled)


def fold(text: str) -> str:
    """``normalize.normalize_arabic`` (kept as the name the tests and docs use)."""
    return normalize.normalize_arabic(text)


def readings(token: str) -> tuple[str, ...]:
    """Every form a folded token is indexed (or looked up) under, in a fixed order."""
    rule = rules()
    found = [token]
    for prefix in rule.prefixes:
        if token.startswith(prefix) and len(token) - len(prefix) >= rule.min_stem:
            found.append(token[len(prefix):])
    for reading in list(found):
        for source, target in rule.variants:
            if reading.startswith(source):
                found.append(target + reading[len(source):])
    return tuple(dict.fromkeys(found))


def index_readings(token: str) -> tuple[str, ...]:
    """The readings a token is indexed under: a form that still carries the
    article is left out when the form without it is there ("الهجوم" is
    indexed as "هجوم"), so no index part holds every word with ال."""
    found = readings(token)
    articled = rules().articled
    return tuple(r for r in found if not any(r.startswith(p) and r[len(p):] in found for p in articled))


def query_readings(token: str) -> tuple[str, ...]:
    """The readings a query word is looked up under: its readings, and while
    it is being typed ("الهج"), the rest after an article however short."""
    found = list(readings(token))
    for prefix in rules().articled:
        if token.startswith(prefix) and len(token) > len(prefix):
            found.append(token[len(prefix):])
    return tuple(dict.fromkeys(found))


def words(text: str) -> list[str]:
    """The folded tokens of ``text``."""
    return _TOKEN.findall(fold(text))


def word_readings(text: str) -> list[tuple[str, ...]]:
    """Per query word, its readings (what ``timeline.js`` computes for a query)."""
    return [query_readings(word) for word in words(text)]


def terms(text: str) -> list[str]:
    """Every indexed term of ``text``, each once, in order."""
    return list(dict.fromkeys(term for word in words(text) for term in index_readings(word)))


class _TermMemo:
    """Terms of whitespace-separated words, each distinct word folded once.

    Folding never joins or splits across whitespace, so the terms of a text
    are the terms of its words; at 10,000 events the same few thousand words
    recur hundreds of times each."""

    def __init__(self) -> None:
        self._words: dict[str, tuple[str, ...]] = {}

    def terms(self, text: str) -> set[str]:
        found: set[str] = set()
        memo = self._words
        for word in text.split():
            known = memo.get(word)
            if known is None:
                known = memo[word] = tuple(terms(word))
            found.update(known)
        return found


def fold_table() -> dict[str, Any]:
    """The folds of ``normalize.py`` and the rules of ``search.yml`` as data for ``timeline.js``."""
    table: dict[str, str] = dict(zip("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789"))
    table.update(normalize._LETTER_FOLDS)  # noqa: SLF001 (the one source of truth)
    for code, value in normalize._QUOTES.items():  # noqa: SLF001
        table[chr(code)] = value
    drop = normalize._DROPPED.pattern[:-1] + normalize.INVISIBLES.pattern[1:]  # noqa: SLF001
    # Written as \\uXXXX escapes so the file itself holds no invisible characters.
    drop = "".join(char if char.isascii() else f"\\u{ord(char):04x}" for char in drop)
    rule = rules()
    return {"fold": dict(sorted(table.items())), "drop": drop, "prefixes": list(rule.prefixes),
            "min_stem": rule.min_stem, "variants": [list(pair) for pair in rule.variants],
            "articled": list(rule.articled)}


PART_BYTES = 12_000  # a part above this is split by one more letter (down to PART_DEPTH letters)
PART_DEPTH = 4


def part_name(key: str) -> str:
    """The file (without ``.js``) of the part for a term prefix: its letters in hex."""
    return "t-" + "-".join(f"{ord(char):x}" for char in key)


def _part_keys(postings: dict[str, list[int]]) -> dict[str, str]:
    """Term → the prefix naming its part: two letters, or more where a part
    would pass PART_BYTES (a term shorter than its part's key stays one up).
    A query reading needs every part whose key starts with it or begins it."""
    def weight(term: str) -> int:
        return len(term.encode("utf-8")) + 3 * len(postings[term]) + 40 * min(len(postings[term]), FIRST_PAGE)

    keys = {term: term[:2] for term in postings}
    for depth in range(3, PART_DEPTH + 1):
        sizes: dict[str, int] = defaultdict(int)
        for term, key in keys.items():
            sizes[key] += weight(term)
        for term, key in keys.items():
            if sizes[key] > PART_BYTES and len(key) == depth - 1 and len(term) >= depth:
                keys[term] = term[:depth]
    return keys


@dataclass
class SearchIndex:
    """The metadata for the page and the part files, by path under the site root;
    ``state`` is what a later build of the same site may start from
    (:func:`build_index`'s ``previous``)."""

    meta: dict[str, Any]
    files: dict[str, str]
    state: IndexState | None = None


@dataclass
class IndexState:
    """One build's index, kept by the live preview so that the next build
    makes again only the part files an edit reaches.

    Lists are per event number (timeline order); ``postings`` and ``keys``
    are shared with the next state and copied where it changes them."""

    views: list[Any]
    terms: list[tuple[str, ...]]  # sorted indexed terms, per event number
    shorts: list[list[Any]]  # the short row (id, title, date, review) each term part carries
    records: list[list[Any]]  # the full result row (d-<k>.js)
    facets: list[tuple[tuple[str, ...], ...]]  # the keys facets.js lists, per event
    postings: dict[str, list[int]]
    keys: dict[str, str]  # term -> its part's prefix
    groups: dict[str, set[str]]  # two-letter prefix -> its terms (a part never spans two)
    parts: dict[str, str]  # part prefix -> its file's text
    chunks: list[str]  # d-<k>.js texts
    facets_text: str
    rebuilt: tuple[int, int] = (0, 0)  # (term parts, chunk files) made by this build, for the tests and the log


def build_index(content: Content, views: Iterable[Any], *, event_url: str, digits: str,
                review_labels: dict[str, str], counted: dict[str, dict[str, str]] | None = None,
                per_event: Callable[[str, Callable[[Any], Any]], Callable[[Any], Any]] | None = None,
                previous: IndexState | None = None, keep_state: bool = True) -> SearchIndex:
    """The index of the published events, in timeline order.

    ``event_url`` is the URL of an event with ``{id}`` for its id; ``counted``
    the noun forms for Arabic number agreement (names.yml), so the page counts
    exactly as the Python side does. ``per_event(name, compute)`` may wrap what
    is computed from one event alone (its terms, its result row) in a cache
    (the live preview's, kept per view). ``previous``, the state of the last
    build of the same site: when the events are the same ones in the same
    order (an edit that moves no event), only the changed events' terms and
    rows are taken again, and only the part files they reach are made again;
    the files are byte for byte those of a build without it. Without
    ``keep_state`` (a one-off build) nothing per event is kept beyond what the
    files need, and the result has no state."""
    views = list(views)
    memo = _TermMemo()
    cached = per_event or (lambda name, compute: compute)
    terms_of = cached("search-terms", lambda view: tuple(sorted(memo.terms(_searchable_text(content, view)))))
    record_of = cached("search-record", _record)
    if previous is not None and _same_order(previous.views, views):
        state = _updated_state(previous, views, terms_of, record_of)
    else:
        state = _new_state(views, terms_of, record_of, keep_state)
    files = {f"{SEARCH_DIR}/{part_name(key)}.js": text for key, text in state.parts.items()}
    for number, text in enumerate(state.chunks):
        files[f"{SEARCH_DIR}/d-{number}.js"] = text
    files[f"{SEARCH_DIR}/facets.js"] = state.facets_text
    meta = {"version": 2, "docs": len(views), "chunk": CHUNK, "page": FIRST_PAGE, "parts": sorted(state.parts),
            "dir": SEARCH_DIR + "/", "event_url": event_url, "digits": digits, "reviews": review_labels,
            "counted": counted or {}, **fold_table()}
    return SearchIndex(meta=meta, files=files, state=state if keep_state else None)


def _same_order(before: list[Any], after: list[Any]) -> bool:
    return len(before) == len(after) and all(old.id == new.id for old, new in zip(before, after))


def _short(view: Any) -> list[Any]:
    return [view.id, view.display_title, view.date_text, view.review]


def _facet_keys(view: Any) -> tuple[tuple[str, ...], ...]:
    return tuple((view.review,) if kind == "review" else tuple(view.facet(kind)) for kind in FACET_KINDS)


def _new_state(views: list[Any], terms_of: Callable[[Any], tuple[str, ...]],
               record_of: Callable[[Any], list[Any]], keep: bool = True) -> IndexState:
    """Every part made from the events. Without ``keep``, the per-event terms,
    rows and facet keys are used once and let go (at 50,000 events the terms
    alone are some 40 MB, which a one-off build has no use for)."""
    terms = [terms_of(view) for view in views] if keep else None
    postings: dict[str, list[int]] = defaultdict(list)
    for number, found in enumerate(terms if terms is not None else map(terms_of, views)):
        for term in found:
            postings[term].append(number)
    postings = dict(postings)
    groups: dict[str, set[str]] = defaultdict(set)
    for term in postings:
        groups[term[:2]].add(term)
    records = [record_of(view) for view in views] if keep else _Rows(views, record_of)
    state = IndexState(
        views=views, terms=terms or [], shorts=[_short(view) for view in views], records=records,
        facets=[_facet_keys(view) for view in views] if keep else [], postings=postings,
        keys=_part_keys(postings), groups=dict(groups), parts={}, chunks=[], facets_text="")
    state.parts = {key: text for key, text in _term_parts(state, set(state.keys.values())).items() if text is not None}
    state.chunks = [_chunk_text(state, start // CHUNK) for start in range(0, len(views), CHUNK)]
    state.facets_text = _script("facets", _facets(state.facets if keep else map(_facet_keys, views)))
    state.rebuilt = (len(state.parts), len(state.chunks))
    return state


class _Rows:
    """Result rows computed when asked for, not kept (``_new_state`` without ``keep``)."""

    def __init__(self, views: list[Any], record_of: Callable[[Any], list[Any]]) -> None:
        self._views, self._record_of = views, record_of

    def __getitem__(self, number: int) -> list[Any]:
        return self._record_of(self._views[number])


def _updated_state(previous: IndexState, views: list[Any], terms_of: Callable[[Any], tuple[str, ...]],
                   record_of: Callable[[Any], list[Any]]) -> IndexState:
    """``previous`` with the events whose view changed taken again (same events, same order)."""
    changed = [number for number, (old, new) in enumerate(zip(previous.views, views)) if old is not new]
    state = IndexState(
        views=views, terms=list(previous.terms), shorts=list(previous.shorts), records=list(previous.records),
        facets=list(previous.facets), postings=dict(previous.postings), keys=previous.keys,
        groups=dict(previous.groups), parts=dict(previous.parts), chunks=list(previous.chunks),
        facets_text=previous.facets_text)
    dirty_groups: dict[str, set[str]] = {}  # two-letter prefix -> terms it gains
    dirty_parts: set[str] = set()
    dirty_chunks: set[int] = set()
    copied: set[str] = set()  # posting lists already copied from the previous state
    facets_changed = False
    for number in changed:
        view = views[number]
        old_terms, new_terms = set(state.terms[number]), terms_of(view)
        short = _short(view)
        if short != state.shorts[number]:  # the term parts carrying it in their first page
            for term in old_terms:
                if bisect_left(state.postings[term], number) < FIRST_PAGE:
                    dirty_parts.add(state.keys[term])
            state.shorts[number] = short
        for term in old_terms.difference(new_terms):
            numbers = _own(state, term, copied)
            del numbers[bisect_left(numbers, number)]
            if not numbers:
                del state.postings[term]
            dirty_groups.setdefault(term[:2], set())
        for term in set(new_terms).difference(old_terms):
            insort(_own(state, term, copied), number)
            dirty_groups.setdefault(term[:2], set()).add(term)
        state.terms[number] = new_terms
        record = record_of(view)
        if record != state.records[number]:
            state.records[number] = record
            dirty_chunks.add(number // CHUNK)
        facets = _facet_keys(view)
        if facets != state.facets[number]:
            state.facets[number] = facets
            facets_changed = True
    if dirty_groups:
        state.keys = dict(state.keys)
        for group, added in dirty_groups.items():
            dirty_parts.update(_regroup(state, group, added))
    for key, text in _term_parts(state, dirty_parts).items():
        if text is None:
            state.parts.pop(key, None)
        else:
            state.parts[key] = text
    for chunk in dirty_chunks:
        state.chunks[chunk] = _chunk_text(state, chunk)
    if facets_changed:
        state.facets_text = _script("facets", _facets(state.facets))
    state.rebuilt = (len(dirty_parts), len(dirty_chunks))
    return state


def _own(state: IndexState, term: str, copied: set[str]) -> list[int]:
    """The term's posting list, copied once from the previous state before it is changed."""
    if term not in copied:
        copied.add(term)
        state.postings[term] = list(state.postings.get(term, ()))
    return state.postings[term]


def _regroup(state: IndexState, group: str, added: set[str]) -> set[str]:
    """Assign the parts of the terms of one two-letter prefix again (a term's
    part depends only on the terms sharing its first two letters: ``_part_keys``
    never joins two of them); the prefixes of the group's parts, before and after."""
    before = state.groups.get(group, set())
    members = {term for term in before | added if term in state.postings}
    old_parts = {state.keys[term] for term in before}
    for term in before - members:
        del state.keys[term]
    new_keys = _part_keys({term: state.postings[term] for term in members})
    state.keys.update(new_keys)
    if members:
        state.groups[group] = members
    else:
        state.groups.pop(group, None)
    return old_parts | set(new_keys.values())


def _term_parts(state: IndexState, keys: set[str]) -> dict[str, str | None]:
    """The texts of the term parts named by ``keys``; None for a part left without terms."""
    members: dict[str, list[str]] = {key: [] for key in keys}
    for group in {key[:2] for key in keys}:
        for term in state.groups.get(group, ()):
            part = members.get(state.keys[term])
            if part is not None:
                part.append(term)
    total = len(state.views)
    texts: dict[str, str | None] = {}
    for key, terms_of_part in members.items():
        if not terms_of_part:
            texts[key] = None
            continue
        data: dict[str, Any] = {"terms": {}, "docs": {}}
        for term in sorted(terms_of_part):
            numbers = state.postings[term]
            data["terms"][term] = encode_postings(numbers, total)
            for n in numbers[:FIRST_PAGE]:
                data["docs"][_base36(n)] = state.shorts[n]
        texts[key] = _script(part_name(key), data)
    return texts


def _chunk_text(state: IndexState, chunk: int) -> str:
    start = chunk * CHUNK
    docs = {_base36(n): state.records[n] for n in range(start, min(start + CHUNK, len(state.views)))}
    return _script(f"d-{chunk}", {"docs": docs})


def encode_postings(numbers: list[int], total: int) -> str:
    """Base-36 gaps, or ``~`` and a base64 bitmap when that is shorter."""
    previous, gaps = -1, []
    for number in numbers:
        gaps.append(_base36(number - previous - 1))
        previous = number
    listed = ",".join(gaps)
    if len(listed) <= (total + 5) // 6 + 1:
        return listed
    bits = bytearray((total + 7) // 8)
    for number in numbers:
        bits[number >> 3] |= 1 << (number & 7)
    return "~" + base64.b64encode(bytes(bits)).decode("ascii")


def decode_postings(text: str) -> list[int]:
    """The inverse of :func:`encode_postings` (the tests' mirror of timeline.js)."""
    if text.startswith("~"):
        bits = base64.b64decode(text[1:])
        return [n for n in range(len(bits) * 8) if bits[n >> 3] >> (n & 7) & 1]
    numbers, previous = [], -1
    for gap in text.split(",") if text else []:
        previous += int(gap, 36) + 1
        numbers.append(previous)
    return numbers


def _script(name: str, data: dict[str, Any]) -> str:
    """One part file: a call, safe to load with ``<script src>``."""
    return f'TIMELINE_PART("{name}",' + json_for_script(data) + ");\n"


def _record(view: Any) -> list[Any]:
    """A full result row: id, title, date, review, claimants, parties, outlets, snippet."""
    quote = view.citations[0].quote if view.citations else ""
    snippet = quote if len(quote) <= SNIPPET else quote[:SNIPPET].rsplit(" ", 1)[0] + "…"
    return [view.id, view.display_title, view.date_text, view.review, view.claimants_text, view.party_count,
            view.outlet_count, snippet]


def _facets(facet_keys: Iterable[tuple[tuple[str, ...], ...]]) -> dict[str, Any]:
    """Every event's facet keys (``_facet_keys``) as numbers into one list of values per kind."""
    values: dict[str, dict[str, int]] = {kind: {} for kind in FACET_KINDS}
    rows = []
    for event_keys in facet_keys:
        fields = []
        for kind, keys in zip(FACET_KINDS, event_keys):
            known = values[kind]
            fields.append(",".join(_base36(known.setdefault(key, len(known))) for key in keys))
        rows.append(";".join(fields))
    return {"kinds": list(FACET_KINDS), "values": {kind: list(keys) for kind, keys in values.items()}, "rows": rows}


def _searchable_text(content: Content, view: Any) -> str:
    entry = view.entry
    parts = [view.title, view.date_text, view.attribution, entry.body]
    parts += [category.label for category in view.categories]
    for key in entry.actors:
        item = content.actors.get(key)
        parts += [item.name_ar, item.name_en, *item.aliases] if item else [key]
    for key in entry.places:
        item = content.places.get(key)
        parts += [item.name_ar, item.name_en, *item.aliases] if item else [key]
    for key in view.outlets:
        outlet = content.outlets.get(key)
        parts += [outlet.name_ar, outlet.name_en] if outlet else [key]
    parts += [citation.quote for citation in entry.sources + entry.counter_sources]
    return " ".join(part for part in parts if part)


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, remainder = divmod(number, 36)
        text = digits[remainder] + text
        if not number:
            return text
