"""Event detection: which sentences report something that happened, and when.

A sentence is an event when its claim (what follows the reporting frame)
has a past-tense verb of occurrence (عقد, قتل, استهدف, سلم, رفض…) or names
an occurrence (اجتماع, قصف, اتصالات…) under a reporting frame or an
event-role date. It is not an event when the claim opens with commentary
(اعتبر, يرى, يبدو), a plan, proposal, condition or demand (المقترح,
الشروط, طلبات, اشترط, يطالب), a conditional (إذا, في حال), or when its
first predicate is future (سوف, سيتم, من المقرر, يعتزم, سـ + verb). Calls,
demands and warnings (طالب, دعا, حذر, urged) are not events, in any tense,
unless the sentence is set in a negotiation (a demand made at a meeting).
Also events: a nominal lead ("مقتل 9 مدنيين بقصف …"), an occurrence going
on ("تتواصل الاشتباكات منذ فجر اليوم"), a reported denial ("said it was not
involved"), and a dated past report by a named claimant. All cue words are
data (``data/events.yml``).

Dating, per article: an event-role date in the sentence; else the date of
the occurrence it refers back to ("الاجتماع" after "اجتماع"); else, for a
sentence that goes on from an event sentence (a frame without its own
claimant, the outlet's own narration, "the town" of the sentence before,
"كما"), that sentence's date — never for "وكانت … قد", which tells an
earlier occurrence; "في اليوم ذاته" takes the last exact date; else an
approximate range: the day before publication and the day itself for the
article's lead occurrence, the week ending at publication for a later one
(``timeline.dates.occurrence``) — never a guess presented as exact. A past
occurrence is never dated after publication ("الشهر الجاري" ends at it).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from timeline.content.model import EventDate
from timeline.dates.clauses import clause_of
from timeline.dates.occurrence import no_later_than, undated
from timeline.extract.attribution import Frame, find_frame, opening_length
from timeline.extract.classify import MAX_CATEGORIES, Figure, Names, casualty_figures, categories_of, category_at
from timeline.extract.clauses import split_occurrences
from timeline.extract.lexicon import Lexicon, Word, lexicon, noun_variants, verb_variants, word_lists, words_of
from timeline.extract.occurrence import merge_occurrences
from timeline.extract.segment import Segment

HEAD_WINDOW = 6
MIN_WORDS = 4
MAX_NAMES = 4
REACTION_WINDOW = 8  # words of the claim in which a reaction is its first predicate
ONGOING_WINDOW = 8  # words after "still" / the claim's start in which the occurrence is named
MAX_CLAIMANT_WORDS = 10  # a trailing frame's claimant, after the claim's comma
# Reasons of classify_event for a sentence that tells an occurrence, not only speech.
OCCURRENCE_REASONS = frozenset({"ongoing occurrence", "ongoing since a date", "plan called off", "demand in a negotiation",
                                "occurrence named", "headline"})


@dataclass
class SentenceInfo:
    """Everything extraction reads in one sentence."""

    number: int
    text: str
    words: list[Word]
    frame: Frame
    is_event: bool
    reason: str
    event_date: EventDate | None
    has_future_date: bool
    head: str | None
    head_definite: bool
    continuation: bool
    same_day: bool
    contrast: bool
    categories: list[str]
    actors: list[str]
    places: list[str]
    figures: list[Figure]
    claim_start: int
    claim_places: list[str] = field(default_factory=list)
    earlier: bool = False
    topics: frozenset[str] = frozenset()  # every category with a cue, for continuity
    place_reference: bool = False
    new_occurrence: bool = False  # "غارة ثانية", "another strike": not the occurrence before
    also: bool = False  # opens with "كما", "Also,": a further fact
    cued: bool = True  # a word of the category lexicon occurs in it
    speech_goes_on: bool = False  # "وأضاف", "إن …" after a full stop: the claimant before goes on speaking
    part: int = 0  # 0: the whole sentence; n: its n-th occurrence clause (``clauses.split_occurrences``)
    clause: str = ""  # the text of that clause ("" for the whole sentence); ``text`` stays the sentence
    marks_another: bool = False  # new_occurrence, not counting words of a date ("كانون الثاني"); occurrence.py
    explains: bool = False  # reported speech saying what caused an occurrence ("كان نتيجة", "was caused by")

    @property
    def key(self) -> tuple[int, int]:
        """The sentence and clause: what one reading of the article holds once."""
        return self.number, self.part


@dataclass
class EventCandidate:
    """One occurrence found in one article: its sentences and what they say."""

    sentences: list[SentenceInfo]
    date: EventDate | None = None  # set by dating the article's clusters
    categories: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    @property
    def first(self) -> SentenceInfo:
        return self.sentences[0]

    @property
    def in_scope(self) -> bool:
        """Does it read as an occurrence of the war: a word of the category
        lexicon (a strike, a toll, a convoy, talks…), a known actor or a
        known place in one of its sentences? An art show, a sports result or
        a trial abroad names none of them."""
        return any(s.cued or s.actors or s.places for s in self.sentences)


# ---------------------------------------------------------------- one sentence


def analyze_sentence(segment: Segment, lex: Lexicon, names: Names, own_outlet: str, previous_claimant: str | None) -> SentenceInfo:
    """Read one sentence: frame, event or not (and why), date, head, classes."""
    text = segment.sentence.text
    words = words_of(text)
    frame = find_frame(words, lex, names, own_outlet, previous_claimant)
    opening = opening_length(words, lex)
    claim = _claim_start(words, frame, opening, lex)
    claim_offset = words[claim].start if frame.verb_index >= 0 and 0 < claim < len(words) else 0
    reaction = _reaction(words, frame, opening, claim, lex)
    event_dates = _main_clause_first([m for m in segment.dates if m.role == "event"], segment, lex, claim_offset, reaction)
    has_future = any(m.role == "future" for m in segment.dates)
    since = any(lex.since_words.match_at(words_of(m.text), 0) for m in event_dates if m.text.strip())
    is_event, reason = classify_event(words, frame, opening, claim, lex, bool(event_dates), has_future, since)
    head, definite = _head(words, claim, lex)
    stop = _clip(words, claim)
    return SentenceInfo(
        number=segment.sentence.number, text=text, words=words, frame=frame,
        is_event=is_event, reason=reason,
        event_date=event_dates[0].when if event_dates else None,
        has_future_date=has_future, head=head, head_definite=definite,
        continuation=frame.inherits or lex.continuation_openers.match_at(words, 0) > 0 if words else False,
        same_day=lex.same_day_cues.any_in(words),
        contrast=bool(words) and lex.contrast_openers.match_at(words, 0) > 0,
        categories=_sentence_categories(words, frame, opening, claim, stop, lex, reason, reaction),
        actors=names.actors.keys_in(words), places=names.places.keys_in(words),
        claim_places=names.places.keys_in(words, claim, stop),
        figures=casualty_figures(words, lex), claim_start=claim,
        topics=frozenset(categories_of(words, lex, limit=len(lex.categories))),
        earlier=bool(words) and lex.earlier_openers.match_at(words, opening) > 0,
        place_reference=lex.place_references.any_in(words, claim, stop),
        new_occurrence=lex.new_occurrence_cues.any_in(words, claim, stop),
        marks_another=_marks_new_occurrence(words, segment, claim, stop, lex),
        also=bool(words) and lex.also_openers.match_at(words, 0) > 0,
        cued=any(phrases.any_in(words) for _, phrases in lex.categories),
        speech_goes_on=_speech_goes_on(words, frame, opening, lex),
        explains=_explains(words, frame, opening, claim, stop, lex),
    )


def _explains(words: list[Word], frame: Frame, opening: int, claim: int, stop: int, lex: Lexicon) -> bool:
    """Does reported speech say what caused an occurrence ("قالت الوزارة إن
    الانفجار كان نتيجة قصف", "said the fire was caused by a rocket")? The
    claimant's account is then the news: the draft is a statement about
    that occurrence, and the sentences that detail it group with it."""
    if frame.verb_index < 0:
        return False
    start, end = _claim_region(words, frame, opening, claim, stop)
    return lex.explanation_cues.any_in(words, start, end)


def _speech_goes_on(words: list[Word], frame: Frame, opening: int, lex: Lexicon) -> bool:
    """Does the sentence go on with the previous speaker: a frame without a
    claimant of its own ("وأضاف", "وتابع المصدر"), or no frame and an opening
    complementizer ("إن الاتفاق …" after "وقال الرئيس في كلمة.") or quotation mark?"""
    if frame.verb_index >= 0:
        return frame.inherits
    if opening >= len(words):
        return False
    if words[opening].text[:1] in "\"«“":
        return True
    return lex.language == "ar" and lex.complementizers.match_at(words, opening) > 0


def _trigger(words: list[Word], claim: int, lex: Lexicon, reason: str) -> int:
    """The past verb of occurrence that made the sentence an event, or -1."""
    if reason != "past event verb":
        return -1
    index = lex.event_verbs.find(words, claim)
    while index > 0 and _nominal(words, index, lex):
        index = lex.event_verbs.find(words, index + 1)
    return index


def _nominal(words: list[Word], index: int, lex: Lexicon) -> bool:
    """Is the verb-like word at ``index`` a noun here: after "after"/"amid"
    ("بعد فشل المفاوضات") or a determiner ("the wounded")?"""
    return index > 0 and (lex.background_pivots.match_at(words, index - 1) > 0
                          or words[index - 1].norm in word_lists().noun_determiners)


def _reaction(words: list[Word], frame: Frame, opening: int, claim: int, lex: Lexicon) -> bool:
    """Is the sentence a reaction ("رحبت دمشق بالاتفاق", "condemned the
    strike")? Its cue is its frame verb or opens its claim."""
    if frame.verb_index >= 0 and lex.reaction_cues.match_at(words, frame.verb_index):
        return True
    first = claim if 0 <= frame.verb_index <= opening < claim else min(opening, claim)  # past an opening frame: "قال المصدر إن دمشق ترحب"
    for index in range(first, min(len(words), claim + REACTION_WINDOW)):
        if lex.reaction_cues.match_at(words, index):
            return True  # the first predicate is the reaction ("The ministry on Wednesday welcomed …")
        if lex.event_verbs.match_at(words, index) or lex.reporting_verbs.match_at(words, index):
            return False
    return False


def _sentence_categories(words: list[Word], frame: Frame, opening: int, claim: int, stop: int, lex: Lexicon,
                         reason: str, reaction: bool) -> list[str]:
    """The categories of what the sentence reports. An attribution frame
    ("قال المرصد إن", "…, state media said", "according to a statement")
    only tells who says it: the categories are read in the claim, so a
    reported occurrence keeps its own category and the frame's words
    ("بيان", "أعلن", "in a statement") never make it a statement. A
    statement is the news only when it is a denial or a reaction, or when
    the claim names no occurrence (see :func:`_statement_first`). A claim
    that explains an occurrence is filed as a statement by its draft
    (:func:`_explains`, :func:`_classes`), not here: its details group with it."""
    start, end = _claim_region(words, frame, opening, claim, stop)
    trigger = _trigger(words, claim, lex, reason)
    categories = categories_of(words, lex, start, end, trigger=trigger)
    if frame.verb_index >= 0:
        framing = _frame_categories(words, lex, (opening, start) if start > opening else (end, stop))
        if not any(phrases.any_in(words, start, end) for _, phrases in lex.categories) and any(c != "statement" for c in framing):
            # a claim without a cue of its own takes the frame's domain: "the Red Cross said that 13 trucks unloaded"
            categories = [c for c in framing if c != "statement"][:MAX_CATEGORIES]
        elif "statement" in framing and "statement" not in categories and categories != ["other"]:
            categories = (categories + ["statement"])[:MAX_CATEGORIES]  # said in a statement: second, never first
    return _statement_first(categories, words, frame, lex, reason, reaction, trigger)


def _marks_new_occurrence(words: list[Word], segment: Segment, claim: int, stop: int, lex: Lexicon) -> bool:
    """A mark of a new occurrence in the claim ("غارة ثانية", "another
    strike"), not a word of a date ("كانون الثاني", "تشرين الثاني": a month)."""
    base = segment.sentence.start
    spans = [(m.start - base, m.end - base) for m in segment.dates]
    return any(lex.new_occurrence_cues.match_at(words, i) and not any(a <= words[i].start < b for a, b in spans)
               for i in range(claim, min(stop, len(words))))


def _frame_categories(words: list[Word], lex: Lexicon, span: tuple[int, int]) -> list[str]:
    """Categories with a cue in the frame (its claimant, "in a statement")."""
    start, stop = span
    return [key for key, phrases in lex.categories if phrases.any_in(words, start, stop)] if start < stop else []


def _claim_region(words: list[Word], frame: Frame, opening: int, claim: int, stop: int) -> tuple[int, int]:
    """Where the claim lies: after a leading frame, or before a trailing one
    (", the Observatory said.", "، بحسب المرصد"); without a frame, from the
    sentence's opening."""
    if frame.verb_index < 0:
        return opening, stop
    if frame.verb_index < claim:
        return claim, stop
    end = frame.verb_index
    for back in range(frame.verb_index - 1, max(claim, frame.verb_index - MAX_CLAIMANT_WORDS - 1), -1):
        if words[back - 1].text.endswith((",", "،")):
            end = back  # the claimant of a trailing frame follows the claim's comma
            break
    return min(opening, claim), min(stop, end)


def _statement_first(categories: list[str], words: list[Word], frame: Frame, lex: Lexicon, reason: str, reaction: bool,
                     trigger: int = -1) -> list[str]:
    """A denial ("نفت أنقرة استهداف المشفى", "denied hitting") is a statement:
    what it names did not happen, by its claimant's account. A reaction
    (a welcome, praise, a condemnation) is a statement too: what it names is
    its object, not the news. Reported speech whose claim names no
    occurrence ("وقال الرئيس في كلمة أمس.", "said it was concerned"), or
    whose verb of occurrence is itself a speech act ("said Turkey had
    announced …") is a statement; a claim with a verb of occurrence that no
    category names ("repelled an attack", "تصدت لهجوم") keeps ``other``."""
    denial = reason == "denial" or (frame.verb_index >= 0 and lex.denial_verbs.match_at(words, frame.verb_index) > 0)
    if categories == ["other"] and frame.verb_index >= 0 and not lex.category_of("other").any_in(words) \
            and not _names_occurrence(words, lex, reason, trigger):
        return ["statement"]  # reported speech that names no occurrence: the speech is the news
    if not (denial or reaction):
        return categories
    return (["statement"] + [c for c in categories if c not in ("statement", "other")])[:len(categories) or 1]


def _names_occurrence(words: list[Word], lex: Lexicon, reason: str, trigger: int) -> bool:
    """Does the claim tell something that happened, not only speech: a verb
    of occurrence that is no speech act, or an occurrence named?"""
    if trigger >= 0:
        return not (lex.statement_verbs.match_at(words, trigger) or lex.reporting_verbs.match_at(words, trigger))
    return reason in OCCURRENCE_REASONS


def _main_clause_first(mentions: list, segment: Segment, lex: Lexicon, claim_offset: int = 0, reaction: bool = False) -> list:
    """Event dates of the sentence, the clause that reports the occurrence
    first, in text order, then those of relative clauses
    ("…الذي خرج عبره آلاف المدنيين في الأسابيع الماضية" dates the corridor's
    use, not the occurrence the sentence reports). A relative clause's date
    is used only when no other clause has one: clauses are cut without a
    parser, and a relative clause often runs on into the main verb. The
    claim's dates come before those of the reporting frame that opens the
    sentence (before ``claim_offset``): in "قال المرصد اليوم إن الطائرات
    قصفت البلدة أمس" "اليوم" dates the statement, "أمس" the occurrence; the
    frame's date is used when the claim has none, or only a vaguer,
    approximate one ("بعد معارك بدأت الأسبوع الماضي" may date another
    occurrence than the one announced).

    A reaction ("رحبت بالاتفاق الذي أعلن عنه أمس") is dated by its own
    clauses only: the relative clause dates its object. A year alone in a
    relative clause is its antecedent's history ("استكمالا للاتفاق الذي تم
    قبل عامين", "المدينة التي خسرتها عام 2013"), never the occurrence
    reported, and is left out (an antecedent that names an occurrence,
    "الهجوم الذي شنته عام 2016", keeps it: ``_kind`` promotes it)."""
    if reaction:
        return [m for m in mentions if _kind(segment, m, lex, promote=False) != "relative"]
    mentions = [m for m in mentions if m.grain != "year" or _kind(segment, m, lex) != "relative"]
    if len(mentions) < 2:
        return mentions
    start = segment.sentence.start
    framed = any(m.start - start < claim_offset for m in mentions)

    def rank(mention) -> tuple:
        in_frame = mention.start - start < claim_offset
        place = 1 if in_frame else (2 if framed and mention.approximate else 0)
        return (_kind(segment, mention, lex) == "relative", place, mention.start)

    return sorted(mentions, key=rank)


def _kind(segment: Segment, mention, lex: Lexicon, *, promote: bool = True) -> str:
    """The clause kind of a mention; a relative clause whose antecedent
    names an occurrence ("الاجتماع الذي تم اليوم", "the strike, which hit
    on Monday") describes that occurrence, so it counts as the main one
    (unless ``promote`` is off)."""
    text = segment.sentence.text
    clause = clause_of(text, mention.start - segment.sentence.start, lex.language)
    if clause.kind == "relative" and promote:
        before = words_of(text[:clause.start].rstrip(" ،,"))
        if before and lex.event_nouns.match_at(before, len(before) - 1):
            return "main"
    return clause.kind


def _claim_start(words: list[Word], frame: Frame, opening: int, lex: Lexicon) -> int:
    claim = frame.claim_start if frame.verb_index >= 0 else opening
    if claim < len(words) and lex.background_frames.match_at(words, claim):
        pivot = lex.background_pivots.find(words, claim + 1, claim + 8)
        if pivot >= 0:
            return pivot + 1
    return claim


def classify_event(words: list[Word], frame: Frame, opening: int, claim: int, lex: Lexicon, has_event_date: bool,
                   has_future_date: bool, since: bool = False) -> tuple[bool, str]:
    """(is an event, the reason) — the reason is shown by --dry-run and tests.
    ``since``: an event date of the sentence opens a range to now ("منذ X")."""
    if sum(1 for w in words if w.norm) < MIN_WORDS:
        return False, "too short"
    if lex.caption_openers.match_at(words, 0):
        return False, "photo caption"
    heads = ((opening, opening + 3), (claim, claim + 2))
    if has_event_date and _still_going_on(words, opening, claim, lex):
        return True, "ongoing occurrence"
    if any(lex.commentary_heads.any_in(words, a, b) for a, b in heads):
        return False, "commentary"
    if lex.proposal_heads.any_in(words, opening, opening + 4) or lex.proposal_heads.any_in(words, claim, claim + 3):
        return False, "plan, proposal or demands"
    if any(lex.conditional_cues.any_in(words, a, a + 2) for a, _ in heads):
        return False, "condition"
    if frame.verb_index >= 0 and not has_event_date and lex.present_reporting.match_at(words, frame.verb_index):
        return False, "standing position (present tense)"
    if frame.verb_index > 0 and lex.negations.match_at(words, frame.verb_index - 1):
        return False, "negated"
    for index in range(claim, len(words)):
        if index < claim + 3 and lex.past_negations.match_at(words, index) and _past_report(words, frame, lex):
            if not any(lex.future_cues.match_at(words, i) for i in range(index, len(words))):
                return True, "denial"
        if lex.negations.match_at(words, index) and index < claim + 3:
            return False, "negated"
        if index < claim + 3 and lex.ongoing_verbs.match_at(words, index) and lex.event_nouns.any_in(words, claim) \
                and (has_event_date or frame.verb_index >= 0 or index == claim):
            return True, "ongoing occurrence"
        if since and index < claim + ONGOING_WINDOW and is_imperfect_verb(words[index].norm, lex):
            return True, "ongoing since a date"
        if is_imperfect_verb(words[index].norm, lex) and index < claim + 2:
            return False, "present or habitual"
        if lex.called_off_verbs.match_at(words, index) and not _nominal(words, index, lex):
            return True, "plan called off"
        if lex.future_cues.match_at(words, index) or is_future_verb(words[index].norm, lex):
            if lex.called_off_verbs.any_in(words, index + 1):
                return True, "plan called off"
            return False, "future"
        if lex.appeal_verbs.match_at(words, index):
            if lex.negotiation_settings.any_in(words):
                return True, "demand in a negotiation"
            return False, "appeal or warning"
        if lex.demand_present.match_at(words, index):
            return False, "demand"
        if lex.conditional_cues.match_at(words, index) and index < claim + 4:
            return False, "condition"
        if lex.static_cues.match_at(words, index):
            return False, "description"
        if lex.event_verbs.match_at(words, index) or _english_past_perfect(words, index, lex):
            return True, "past event verb"
    if has_future_date and not has_event_date:
        return False, "future date"
    if lex.event_nouns.any_in(words, claim) and (has_event_date or frame.verb_index >= 0):
        return True, "occurrence named"
    if claim == opening and _headline(words, opening, lex):
        return True, "headline"
    if frame.verb_index >= 0 and lex.statement_verbs.match_at(words, frame.verb_index):
        return True, "statement"
    if has_event_date and _past_report(words, frame, lex):
        return True, "dated statement"
    return False, "no occurrence"


def _still_going_on(words: list[Word], opening: int, claim: int, lex: Lexicon) -> bool:
    """ "لا يزال القصف مستمرا", "the offensive is still going on": "still"
    near the head of the claim, and an occurrence named (or "ongoing") in the
    next words. The caller asks for a date of the sentence's own as well."""
    for start in (opening, claim):
        still = lex.still_cues.find(words, start, start + 3)
        if still >= 0:
            window = (still + 1, still + ONGOING_WINDOW)
            return lex.event_nouns.any_in(words, *window) or lex.ongoing_words.any_in(words, *window)
    return False


def _english_past_perfect(words: list[Word], index: int, lex: Lexicon) -> bool:
    """English "had unloaded" (reported speech): a completed occurrence, whatever
    the verb. Not "has …": the present perfect is mostly background ("has waged")."""
    if words[index].norm != "had" or index + 1 >= len(words) or lex.appeal_verbs.match_at(words, index + 1):
        return False
    following = words[index + 1].norm
    return following.endswith("ed") and following not in ("needed", "wanted", "hoped", "seemed", "used")


def _headline(words: list[Word], opening: int, lex: Lexicon) -> bool:
    """A nominal lead: the sentence opens with an indefinite verbal noun of
    occurrence ("مقتل 9 مدنيين بقصف …", "غارات على دوما"), without a conjunction."""
    if opening >= len(words):
        return False
    norm = words[opening].norm
    return not norm.startswith(("و", "ال", "ف")) and lex.event_nouns.match_at(words, opening) > 0


def _past_report(words: list[Word], frame: Frame, lex: Lexicon) -> bool:
    """A claim reported by a named claimant with a past-tense reporting verb."""
    if frame.verb_index < 0 or not (frame.claimant or frame.claimant_text) or frame.inherits:
        return False
    return lex.reporting_verbs.match_at(words, frame.verb_index) > 0 and not lex.present_reporting.match_at(words, frame.verb_index)


def is_future_verb(norm: str, lex: Lexicon) -> bool:
    """سـ + imperfect of a verb of occurrence: سيتم, ستعقد, سيخرجون."""
    for form in verb_variants(norm):
        if len(form) >= 4 and form[0] == "س" and form[1] in "يتن":
            stem = form[2:]
            for ending in ("ون", "ان", "ين", ""):
                core = stem[: len(stem) - len(ending)] if stem.endswith(ending) else None
                # "ستنتشر": the imperfect of انتشر drops its initial alef
                if core is not None and (core in lex.verb_bases or "ا" + core in lex.verb_bases):
                    return True
    return False


def is_imperfect_verb(norm: str, lex: Lexicon) -> bool:
    """A present-tense verb of occurrence opening the claim: يستخدم, تشن, يهدد."""
    for form in verb_variants(norm):
        if len(form) >= 3 and form[0] in "يت":
            stem = form[1:]
            for ending in ("ون", "ان", ""):
                core = stem[: len(stem) - len(ending)] if ending and stem.endswith(ending) else stem
                if core in lex.verb_bases or "ا" + core in lex.verb_bases:
                    return True
    return False


def _head(words: list[Word], claim: int, lex: Lexicon) -> tuple[str | None, bool]:
    index = _head_index(words, claim, lex)
    if index < 0:
        return None, False
    norm = words[index].norm
    base = norm[1:] if norm[:1] in "وف" and norm[1:3] == "ال" else norm
    definite = base.startswith("ال") or (index > 0 and words[index - 1].norm in ("هذا", "هذه", "ذلك", "تلك", "the", "this"))
    plain = base[2:] if base.startswith("ال") else base
    return plain, definite


def _head_index(words: list[Word], claim: int, lex: Lexicon) -> int:
    """The first noun of occurrence in the first words of the claim, or -1."""
    for index in range(claim, min(len(words), claim + HEAD_WINDOW)):
        if lex.event_nouns.match_at(words, index):
            return index
    return -1


def _clip(words: list[Word], claim: int) -> int:
    """Where the claim stops for its places and cues ("بهدف", "وسط", "amid")."""
    clips = word_lists().claim_clips
    for index in range(claim + 2, len(words)):
        if words[index].norm in clips:
            return index
    return len(words)


# ---------------------------------------------------------------- one article


def find_events(segments: list[Segment], *, published: date, language: str, names: Names, outlet: str) -> tuple[list[SentenceInfo], list[EventCandidate]]:
    """All sentences read, and the occurrences they report, dated."""
    lex = lexicon(language)
    infos: list[SentenceInfo] = []
    claimant: str | None = None
    for segment in segments:
        info = analyze_sentence(segment, lex, names, outlet, claimant)
        before, claimant = claimant, info.frame.claimant if info.frame.verb_index >= 0 else None
        infos += split_occurrences(segment, info, lex,
                                   lambda clause: analyze_sentence(clause, lex, names, outlet, before))
    clusters = _cluster(infos, lex)
    _date_clusters(clusters, infos, published)
    return infos, merge_occurrences(clusters, lex)


def _cluster(infos: list[SentenceInfo], lex: Lexicon) -> list[EventCandidate]:
    """Group the sentences that tell one occurrence: a sentence referring back
    to it by a definite noun ("الاجتماع" after "اجتماع"), or a detail sentence
    that goes on with the occurrence told just before (see :func:`_details`).
    An occurrence is referred back to by its head noun only when that noun
    names what it tells (see :func:`_names_its_kind`)."""
    moves = lex.move_categories
    # kinds one occurrence carries, less a toll: a toll in a sentence of its
    # own is often a running total ("قتل 13 خلال الحملة في الأيام الماضية")
    carried = frozenset(pair for pair in lex.same_occurrence if not pair & lex.consequence_categories)
    clusters: list[EventCandidate] = []
    by_head: dict[str, EventCandidate] = {}
    last: EventCandidate | None = None
    for info in infos:
        if not info.is_event:
            continue
        target = by_head.get(info.head) if info.head and info.head_definite else None
        if target is None and last is not None and _details(last, info, carried) and not _another_move(last, info, moves):
            target = last
        if target is None:
            target = _returns_to(clusters, last, info, moves)
        if target is not None and _compatible(target, info) and not _holds_sibling(target, info):
            target.sentences.append(info)
            last = target
            continue
        cluster = EventCandidate([info])
        clusters.append(cluster)
        last = cluster
        if info.head and _names_its_kind(info, lex):
            by_head[info.head] = cluster
    return clusters


def _names_its_kind(info: SentenceInfo, lex: Lexicon) -> bool:
    """Is the head noun of a sentence's claim the occurrence it tells? Not when
    the noun is a cue of another category than the sentence's first: in "The
    evacuation is part of a deal reached this week" the sentence tells the
    deal, and a later "the evacuation" goes back to the evacuation told
    before, not to the deal."""
    index = _head_index(info.words, info.claim_start, lex)
    kind = category_at(info.words, lex, index) if index >= 0 else None
    return kind is None or info.categories[:1] == [kind]


def _returns_to(clusters: list[EventCandidate], last: EventCandidate | None, info: SentenceInfo,
               moves: frozenset[str]) -> EventCandidate | None:
    """An undated detail that returns to an occurrence told before an aside
    ("Several ambulances left with the convoy" after a paragraph on a deal): the
    latest earlier occurrence of the same kind, when the detail names no
    other place and no mark of a new occurrence (see :func:`_details`).
    Never for a move of a negotiation or a statement (``moves`` in
    ``data/category_rules.yml``): a later demand is another move."""
    kind = info.categories[0] if info.categories else "other"
    if info.event_date is not None or kind == "other" or kind in moves:
        return None
    for cluster in reversed(clusters):
        if cluster is not last and cluster.first.categories[:1] == [kind] and _details(cluster, info):
            return cluster
    return None


def _details(cluster: EventCandidate, info: SentenceInfo, pairs: frozenset[frozenset[str]] = frozenset()) -> bool:
    """Does ``info`` give details of the occurrence ``cluster`` tells? Yes when
    what happens in it (its first category; never a bare statement) is what
    the cluster tells or what one of its sentences tells first (a category
    a sentence names only in passing is not what it tells: "the departure
    follows a deal reached" tells the deal), it has no date of its own or the
    same one (checked by the caller), and it neither tells
    an earlier occurrence ("وكانت … قد"), brings another account ("لكن"),
    adds another fact ("كما …", "Also, …"), marks a new occurrence ("غارة
    ثانية", "another strike") nor names only other places in its claim. A statement goes
    on in the sentence right after it when that sentence's frame has no
    claimant of its own ("وأضاف", "وتابع المصدر") or it has no frame and
    opens with the complementizer or a quotation mark (the speech split by
    a full stop); after a frame of its own only when it tells no occurrence
    of another kind (a word like "أخرى" in speech marks no new occurrence),
    or of a kind one occurrence often carries with the cluster's (``pairs``:
    ``same_occurrence`` in ``category_rules.yml`` but a toll; the speaker adds
    the strike that delivered the chemical attack he told)."""
    if info.earlier or info.contrast or info.also:
        return False
    kind = info.categories[0] if info.categories else "other"
    if info.speech_goes_on and cluster.sentences[-1].number == info.number - 1:
        if info.frame.verb_index < 0 or kind in ("statement", "other"):
            return True  # "إن الاتفاق …" after "وقال الرئيس في كلمة.", "وأضاف المصدر …": the same statement
    if info.new_occurrence:
        return False
    if info.claim_places and cluster.first.places and not set(info.claim_places) & {p for s in cluster.sentences for p in s.places}:
        return False  # the claim's places: a place in the claimant's title ("the Damascus spokesman") is not the occurrence's
    if kind == "statement":
        return False
    if kind == cluster.first.categories[0]:
        return True
    if info.speech_goes_on and cluster.sentences[-1].number == info.number - 1 \
            and frozenset((kind, cluster.first.categories[0])) in pairs:
        return True  # "وأضافت المصادر أن الطائرة التي استهدفت المدينة …" after the chemical attack it tells
    return kind != "other" and any(s.categories[:1] == [kind] for s in cluster.sentences)


def _another_move(cluster: EventCandidate, info: SentenceInfo, moves: frozenset[str]) -> bool:
    """A move of a negotiation or a statement (``moves``) with an exact day
    of its own, after moves told without one, is another move ("the
    factions agreed to return to talks." then "the round failed on
    Wednesday"): a strike's undated lead and its dated detail are one
    strike, a negotiation's moves are not one move."""
    kind = info.categories[0] if info.categories else "other"
    return (kind in moves and info.event_date is not None and not info.event_date.approximate
            and not any(s.event_date for s in cluster.sentences))


def _holds_sibling(cluster: EventCandidate, info: SentenceInfo) -> bool:
    """Does the cluster hold another occurrence clause of the same sentence?
    A sentence was split because its clauses tell separate occurrences."""
    return info.part > 0 and any(s.number == info.number for s in cluster.sentences)


def _compatible(cluster: EventCandidate, info: SentenceInfo) -> bool:
    dated = [s.event_date for s in cluster.sentences if s.event_date]
    return info.event_date is None or not dated or dated[0].same_days(info.event_date)


def _date_clusters(clusters: list[EventCandidate], infos: list[SentenceInfo], published: date) -> None:
    cluster_of = {s.key: c for c in clusters for s in c.sentences}
    position = {info.key: index for index, info in enumerate(infos)}
    for cluster in clusters:
        dated = [s.event_date for s in cluster.sentences if s.event_date]
        if dated:
            cluster.date = no_later_than(_with_time(dated[0], dated), published)
    for cluster in clusters:
        first = cluster.first
        previous = _previous_event(position[first.key], infos, first.same_day)
        same_day = _same_day_source(position[first.key], infos, cluster_of) if first.same_day else None
        if same_day is not None:
            cluster.date = same_day
        elif cluster.date is None:
            if previous is not None and cluster_of[previous.key].date is not None and _goes_on(first, previous):
                cluster.date = replace(cluster_of[previous.key].date, time=None)
            else:
                cluster.date = undated(published, lead=cluster is clusters[0])
        _classes(cluster)


def _with_time(first: EventDate, dated: list[EventDate]) -> EventDate:
    """The cluster's date with the first part of the day or clock time one
    of its sentences gives for that same day ("القصف بدأ فجرًا")."""
    if first.time is not None:
        return first
    times = [d.time for d in dated if d.time and d.same_days(first)]
    return replace(first, time=times[0]) if times else first


def _goes_on(info: SentenceInfo, previous: SentenceInfo) -> bool:
    """Does an undated sentence go on telling the occurrence just before it?
    Yes when it has no claimant of its own or shares a category with it,
    unless it opens with a contrast ("لكن …": another account)."""
    if info.contrast:
        return False
    if info.continuation:
        return True
    if info.earlier:
        return False  # "وكانت … قد": an earlier occurrence, not this one
    if info.frame.verb_index < 0 or info.place_reference:
        return True  # the outlet's own narration going on; "the town" of the sentence before
    return bool(info.topics & previous.topics - {"other", "statement"})


def _same_day_source(position: int, infos: list[SentenceInfo], cluster_of: dict[tuple[int, int], EventCandidate]) -> EventDate | None:
    """ "On the same day": the date of the nearest earlier event with an exact
    date (an approximate week is no day to be "the same" as)."""
    for info in reversed(infos[:position]):
        if info.is_event:
            value = cluster_of[info.key].date
            if value is not None and not value.approximate:
                return replace(value, time=None)  # the same day, not the same hour
    return None


def _previous_event(position: int, infos: list[SentenceInfo], any_distance: bool) -> SentenceInfo | None:
    """The event this one goes on from: the sentence (or clause) just before
    it (or, for "on the same day", the nearest event sentence before it)."""
    for info in reversed(infos[:position]):
        if info.is_event:
            return info
        if not any_distance:
            return None
    return None


def _classes(cluster: EventCandidate) -> None:
    """Categories and actors of the first report (a statement first when it
    explains an occurrence: :func:`_explains`); places of the claims of all."""
    cluster.categories = list(cluster.first.categories)
    if cluster.first.explains:
        cluster.categories = (["statement"] + [c for c in cluster.categories if c not in ("statement", "other")])[:MAX_CATEGORIES]
    cluster.actors = cluster.first.actors[:MAX_NAMES]
    cluster.places = list(cluster.first.places)
    for info in cluster.sentences:
        cluster.places += [p for p in info.claim_places if p not in cluster.places]
        cluster.figures += [f for f in info.figures if f not in cluster.figures]
    cluster.places = cluster.places[:MAX_NAMES]
