"""Clause splitting: one sentence that reports two occurrences yields two.

News writing packs occurrences into one sentence: a strike and the
displacement it caused ("، ما أدى إلى نزوح آلاف العائلات"), a campaign in its
Nth day and today's strikes ("… لليوم العاشر، حيث استهدفت المروحيات اليوم
…"), two massacres the same day in two towns ("مجزرتين إحداهما في … والأخرى
في …"), a strike here while people flee there ("فيما نزح …", "while …").
Extraction reads each such sentence clause by clause: the words that open a
clause are data (``data/clauses.yml``), each clause is read like a sentence
of its own (its own date, category, actors and places; ``events.
analyze_sentence``), and a clause becomes an occurrence of its own only when
its kind of opening says it is a separate one:

- a toll (a casualties clause: "وقتلت 5 مدنيين", "ما أسفر عن مقتل …") stays
  with the strike that caused it, unless it is a running total counted since
  a start ("منذ بدء الحملة");
- a consequence ("ما أدى إلى …") is separate when it is not a toll;
- a juxtaposed ("فيما", "بينما", "في حين", "while") clause is separate
  when it is an event and not a toll (a count, "في حين بلغ عدد …", is a
  figure of the occurrence) and, when it tells the same kind of occurrence,
  names another known actor or place or another day ("انسحب المقاتلون نحو
  …، في حين انسحب بعضهم نحو …" is one withdrawal);
- an added ("، كما", "إضافة إلى" + a verb or noun of occurrence) clause is
  separate when it is an event and not a toll;
- an elaboration ("حيث …") is separate only after an ongoing occurrence (the
  campaign and today's strike are two entries) or as a running total;
- "، و" + a past verb of occurrence (", and" + a clause with its own
  subject in English) is separate when it tells another kind of occurrence,
  on another day, or by another claimant, and does not name the occurrence
  before by a definite noun ("، وأعلن المتحدث أن الاجتماع انتهى …") — "قصفت الطائرات البلدة وقتلت 5
  مدنيين" stays one strike with its toll;
- the further members of a pair ("إحداهما … والأخرى …") are separate, with
  the pair's date and category and their own places;
- what a statement is about, told in a relative clause with a day of its own
  ("رحبت الخارجية بالاتفاق الذي أعلن عنه أمس", "condemned the strike that
  hit the hospital on Monday"), is separate from the statement: from the
  noun of occurrence to the end of the sentence, dated by the relative
  clause (not on the statement's own day).

A clause that is not separate stays part of the clause before it (a first
clause that is no event opens the next one: it is the reporting frame).
Every occurrence keeps the whole sentence as its quote (the site anchors
sentences) and knows its clause (``SentenceInfo.part``, ``clause``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Callable

import yaml

from timeline.extract.lexicon import DATA_DIR, Lexicon, PhraseSet, Word
from timeline.extract.segment import Segment
from timeline.sentences import Sentence

if TYPE_CHECKING:
    from timeline.extract.events import SentenceInfo

MIN_CLAUSE_WORDS = 2  # a clause opened by a cue has at least this many words after it
HEAD_WORDS = 5  # a toll, a response or a "still" opens a clause within these words
ANTECEDENT_WORDS = 4  # "بالاتفاق حول محافظة إدلب الذي": the noun within these words before the relative
COMMAS = ("،", ",", ";")
TOLL = "casualties"
SUBJECT_WINDOW = 6  # English ", and": the verb of the new clause within these words


@dataclass(frozen=True)
class ClauseCues:
    """The cue lists of ``data/clauses.yml`` for one language."""

    juxtaposing: PhraseSet
    adding: PhraseSet
    consequence: PhraseSet
    elaborating: PhraseSet
    enumeration_first: PhraseSet
    enumeration_next: PhraseSet
    coordinating: PhraseSet
    toll_heads: PhraseSet
    same_occurrence: PhraseSet
    not_openings: PhraseSet
    recalling: PhraseSet
    relatives: PhraseSet


@lru_cache(maxsize=4)
def clause_cues(language: str) -> ClauseCues:
    """``data/clauses.yml`` for ``language``, loaded once per process."""
    lang = "en" if language == "en" else "ar"
    data = yaml.safe_load((DATA_DIR / "clauses.yml").read_text(encoding="utf-8"))

    def cues(name: str) -> PhraseSet:
        return PhraseSet([str(w) for w in (data.get(name) or {}).get(lang, [])])

    return ClauseCues(*(cues(name) for name in (
        "juxtaposing", "adding", "consequence", "elaborating", "enumeration_first", "enumeration_next", "coordinating",
        "toll_heads", "same_occurrence", "not_openings", "recalling", "relatives")))


@dataclass(frozen=True)
class Clause:
    """Words ``start``..``end`` (exclusive) of a sentence, and what opens it."""

    start: int
    end: int
    kind: str  # "first", "juxtaposing", "adding", "consequence", "elaborating", "member", "coordinated"


def clause_openings(words: list[Word], lex: Lexicon) -> list[tuple[int, str]]:
    """(word index, kind) of every word that opens a candidate clause."""
    cues = clause_cues(lex.language)
    openings: list[tuple[int, str]] = []
    pair_started = False
    for index in range(1, len(words) - MIN_CLAUSE_WORDS + 1):
        after_comma = words[index - 1].text.endswith(COMMAS)
        pair_started = pair_started or cues.enumeration_first.match_at(words, index - 1) > 0
        kind = _opening_kind(words, index, after_comma, pair_started, cues, lex)
        if kind:
            openings.append((index, kind))
    return openings


def _opening_kind(words: list[Word], index: int, after_comma: bool, pair_started: bool, cues: ClauseCues,
                  lex: Lexicon) -> str | None:
    if cues.not_openings.match_at(words, index):
        return None
    if _object_of_statement(words, index, cues, lex):
        return "object"
    if pair_started and cues.enumeration_next.match_at(words, index):
        return "member"  # "والأخرى في …" names no occurrence of its own: the pair's
    length = max(cues.juxtaposing.match_at(words, index), cues.consequence.match_at(words, index),
                 cues.elaborating.match_at(words, index), cues.adding.match_at(words, index) if after_comma else 0, 1)
    if not _tells_occurrence(words, index + length, lex):
        return None  # "بالإضافة إلى مدينة …": a coordinated noun, not a clause
    if cues.juxtaposing.match_at(words, index):
        return "juxtaposing"
    if cues.consequence.match_at(words, index):
        return "consequence"
    if cues.elaborating.match_at(words, index):
        return "elaborating"
    if after_comma and cues.adding.match_at(words, index):
        return "adding"
    if after_comma and _coordinated_clause(words, index, cues, lex):
        return "coordinated"
    return None


def _object_of_statement(words: list[Word], index: int, cues: ClauseCues, lex: Lexicon) -> bool:
    """Does a noun of occurrence at ``index`` open "the deal that was
    announced …": a relative word within a few words after it and a past
    verb of occurrence right after that?"""
    if not lex.event_nouns.match_at(words, index):
        return False
    relative = cues.relatives.find(words, index + 1, index + 1 + ANTECEDENT_WORDS)
    if relative < 0 or lex.event_nouns.any_in(words, index + 1, relative):
        return False  # the nearest noun of occurrence is the antecedent
    return lex.event_verbs.any_in(words, relative + 1, relative + 3)


def _tells_occurrence(words: list[Word], start: int, lex: Lexicon) -> bool:
    """Does a verb or a noun of occurrence (or a toll) come within the first
    words after a clause opening?"""
    stop = start + HEAD_WORDS
    return any(phrases.any_in(words, start, stop) for phrases in (lex.event_verbs, lex.event_nouns, lex.killed, lex.injured))


def _coordinated_clause(words: list[Word], index: int, cues: ClauseCues, lex: Lexicon) -> bool:
    """ "، وقصفت …" (و + a past verb of occurrence), ", and rebels shelled …"
    (and + a subject + a past verb: "and killed" goes on with the same subject)."""
    norm = words[index].norm
    if lex.language == "ar":
        return len(norm) > 3 and norm[0] == "و" and lex.event_verbs.match_at(words, index) > 0
    if not cues.coordinating.match_at(words, index):
        return False
    return lex.event_verbs.find(words, index + 2, index + 1 + SUBJECT_WINDOW) >= 0


def candidate_clauses(words: list[Word], lex: Lexicon) -> list[Clause]:
    """The sentence cut at every clause opening (one clause when there is none)."""
    openings = clause_openings(words, lex)
    starts = [(0, "first")] + openings
    return [Clause(start, starts[i + 1][0] if i + 1 < len(starts) else len(words), kind)
            for i, (start, kind) in enumerate(starts)]


Analyze = Callable[[Segment], "SentenceInfo"]


def split_occurrences(segment: Segment, whole: SentenceInfo, lex: Lexicon, analyze: Analyze) -> list[SentenceInfo]:
    """The occurrences one sentence reports: ``[whole]`` unless two or more
    of its clauses are occurrences of their own (see the module docstring)."""
    clauses = candidate_clauses(whole.words, lex)
    if len(clauses) < 2 or not whole.is_event or _recalls(whole.words, 0, lex):
        return [whole]
    kept: list[tuple[Clause, SentenceInfo]] = []
    pending: Clause | None = None  # a first clause that is no event: it opens the next one
    for clause in clauses:
        if pending is not None:
            clause, pending = Clause(pending.start, clause.end, clause.kind), None
        info = _read_clause(segment, whole, clause, analyze)
        if not kept:
            if not info.is_event and pending is None and _still_going_on(info, lex):
                info = replace(info, is_event=True, reason="ongoing occurrence")  # its date is the next clause's day
            if info.is_event:
                kept.append((clause, info))
            else:
                pending = clause
            continue
        previous_clause, previous = kept[-1]
        if clause.kind == "member" and previous.is_event:
            kept.append((clause, _member(previous, info)))
        elif _separate(clause, info, previous, lex):
            kept.append((clause, info))
        else:
            joined = Clause(previous_clause.start, clause.end, previous_clause.kind)
            kept[-1] = (joined, _read_clause(segment, whole, joined, analyze))
    if len(kept) < 2:
        return [whole]
    return [replace(info, part=number, clause=_clause_text(whole, clause))
            for number, (clause, info) in enumerate(kept, start=1)]


def _separate(clause: Clause, info: SentenceInfo, previous: SentenceInfo, lex: Lexicon) -> bool:
    """Is the clause an occurrence of its own, not part of the one before it?"""
    if not info.is_event:
        return False
    cues = clause_cues(lex.language)
    if cues.same_occurrence.any_in(info.words, 0, HEAD_WORDS) or _recalls(info.words, 0, lex):
        return False  # a response to it, or its place, "there"; an earlier occurrence recalled
    toll = info.categories[:1] == [TOLL] or any(
        phrases.any_in(info.words, 0, HEAD_WORDS) for phrases in (cues.toll_heads, lex.killed, lex.injured))
    running_total = toll and lex.since_words.any_in(info.words)
    if toll and not running_total:
        return False  # the toll of the occurrence before it
    if clause.kind == "object":  # only what a statement is about, on a day of its own
        return (previous.categories[:1] == ["statement"] and info.event_date is not None
                and not info.event_date.approximate and not _same_day(info, previous))
    if clause.kind == "elaborating":
        return running_total or previous.reason.startswith("ongoing")
    if clause.kind == "juxtaposing" and info.categories[:1] == previous.categories[:1]:
        return _other_names(info, previous) or _other_day(info, previous)  # "withdrew to A, while some withdrew to B"
    if clause.kind == "coordinated":
        if info.head_definite and set(info.categories) & set(previous.topics):
            return False  # "، وأعلن المتحدث أن الاجتماع انتهى …": the occurrence before, by its definite noun
        return (running_total or info.categories[:1] != previous.categories[:1]
                or _own_claimant(info, previous) or _other_day(info, previous))
    return True


def _recalls(words: list[Word], start: int, lex: Lexicon) -> bool:
    """Does the sentence (or clause) open by recalling earlier occurrences?"""
    return clause_cues(lex.language).recalling.any_in(words, start, start + HEAD_WORDS)


def _still_going_on(info: SentenceInfo, lex: Lexicon) -> bool:
    """ "لا يزال النظام مستمرا بحملته", "the offensive continues": a first
    clause that tells an occurrence going on (its day is told by the clause
    after it, "حيث استهدفت … اليوم")."""
    words = info.words
    opening = info.claim_start
    if not (lex.still_cues.any_in(words, opening, opening + HEAD_WORDS)
            or lex.ongoing_verbs.any_in(words, opening, opening + HEAD_WORDS)):
        return False
    return lex.event_nouns.any_in(words, opening) or lex.ongoing_words.any_in(words, opening)


def _other_names(info: SentenceInfo, previous: SentenceInfo) -> bool:
    """Does the clause name a known actor or place the clause before does not?"""
    return bool(set(info.actors + info.places) - set(previous.actors + previous.places))


def _own_claimant(info: SentenceInfo, previous: SentenceInfo) -> bool:
    claimant = info.frame.claimant or info.frame.claimant_text
    return bool(info.frame.verb_index >= 0 and claimant
                and claimant not in (previous.frame.claimant, previous.frame.claimant_text))


def _same_day(info: SentenceInfo, previous: SentenceInfo) -> bool:
    return bool(info.event_date and previous.event_date and info.event_date.same_days(previous.event_date))


def _other_day(info: SentenceInfo, previous: SentenceInfo) -> bool:
    return bool(info.event_date and previous.event_date and not info.event_date.same_days(previous.event_date))


def _member(previous: SentenceInfo, info: SentenceInfo) -> SentenceInfo:
    """A further member of a pair ("والأخرى في سراقب"): the pair's occurrence
    (its kind, date, claimant) at the member's own places."""
    return replace(previous, words=info.words, claim_start=info.claim_start, places=info.places or previous.places,
                   claim_places=info.claim_places or info.places, figures=info.figures, head=previous.head,
                   new_occurrence=True, reason="member of a pair")


def _read_clause(segment: Segment, whole: SentenceInfo, clause: Clause, analyze: Analyze) -> SentenceInfo:
    """The clause read as a sentence of its own: its words, its dates. A
    clause without a reporting frame of its own keeps the sentence's claimant."""
    sentence = segment.sentence
    words = whole.words
    begin = words[clause.start].start
    finish = words[clause.end - 1].end
    text = sentence.text[begin:finish]
    start = sentence.start + begin
    dates = tuple(m for m in segment.dates if start <= m.start < sentence.start + finish)
    info = analyze(Segment(Sentence(sentence.number, start, sentence.start + finish, text), dates))
    if info.frame.verb_index < 0 and (whole.frame.claimant or whole.frame.claimant_text) and clause.start > 0:
        info = replace(info, frame=replace(info.frame, claimant=whole.frame.claimant,
                                           claimant_text=whole.frame.claimant_text, inherits=False))
    return replace(info, text=whole.text)


def _clause_text(whole: SentenceInfo, clause: Clause) -> str:
    words = whole.words
    return whole.text[words[clause.start].start:words[clause.end - 1].end].strip(" ،,;")

