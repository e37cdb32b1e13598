"""Attribution: who makes the claim a sentence reports, and where the claim starts.

A reporting frame is a reporting verb (قال, أفاد, أكد, أعلن, نفى, نقل…; data
in ``data/reporting.yml``) or phrase (بحسب, وفق, نقلا عن…) with its
claimant: after the verb in verb-first order ("وقالت مصادر روسية إن"),
before it in subject-first order ("مصادر متطابقة … قالت"), after the phrase
("بحسب المرصد"). In a chain ("نقلت سانا عن مصدر رسمي") the outer claimant is
kept. A frame without a claimant of its own ("وأشارت الى أن", "وأضاف
المصدر") goes on with the previous sentence's claimant.

The claimant is resolved against outlets.yml first, then the actors of the
gazetteer; the article's own outlet is always the publisher, never the
claimant.
"""

from __future__ import annotations

from dataclasses import dataclass

from timeline.extract.classify import Names
from timeline.extract.lexicon import Lexicon, Word, word_lists

MAX_CLAIMANT_WORDS = 10
FRAME_WINDOW = 14  # a reporting verb further into the sentence belongs to a quote


@dataclass(frozen=True)
class Frame:
    """The reporting frame of a sentence."""

    verb_index: int  # -1: no frame
    claim_start: int  # index of the first word of the claim
    claimant: str | None  # resolved key
    claimant_text: str  # as written, '' when none
    inherits: bool  # the claimant is the previous sentence's


NO_FRAME = Frame(-1, 0, None, "", False)


def opening_length(words: list[Word], lex: Lexicon) -> int:
    """Words that open a sentence without meaning: a dateline ("إيلاف:"), لكن, هذا, كما."""
    index = 0
    while index < len(words) and index < 4:
        word = words[index]
        if word.text.endswith(":") and index < 3:
            index += 1
            continue
        if word.norm in word_lists().opening_words:
            index += 1
            continue
        break
    return index


def find_frame(words: list[Word], lex: Lexicon, names: Names, own_outlet: str, previous: str | None) -> Frame:
    """The frame of a sentence, with its claimant resolved."""
    opening = opening_length(words, lex)
    limit = min(len(words), opening + FRAME_WINDOW)
    for index in range(opening, limit):
        if _inside_quote(words, index):
            return NO_FRAME
        phrase = lex.reporting_phrases.match_at(words, index)
        if phrase:
            return _phrase_frame(words, index, phrase, lex, names, own_outlet, previous)
        if lex.reporting_verbs.match_at(words, index):
            return _verb_frame(words, opening, index, lex, names, own_outlet, previous)
        if lex.event_verbs.match_at(words, index):
            break  # the sentence's own predicate comes first: the frame, if any, trails
    return _trailing_frame(words, opening, lex, names, own_outlet, previous)


def _trailing_frame(words: list[Word], opening: int, lex: Lexicon, names: Names, own_outlet: str, previous: str | None) -> Frame:
    """A frame after the claim: "…، بحسب المرصد", or "…, the Observatory said" after a comma."""
    for index in range(opening + 3, len(words)):
        if _inside_quote(words, index):
            return NO_FRAME
        phrase = lex.reporting_phrases.match_at(words, index)
        if phrase:
            return _phrase_frame(words, index, phrase, lex, names, own_outlet, previous)
        if lex.reporting_verbs.match_at(words, index) and (index == len(words) - 1 or words[index].text.endswith((",", "،"))):
            for back in range(index - 1, max(opening, index - MAX_CLAIMANT_WORDS - 1), -1):
                if words[back - 1].text.endswith((",", "،")):
                    key, text = _resolve(words, (back, index), names, own_outlet)
                    return Frame(index, opening, key, text, False)
    return NO_FRAME


def _inside_quote(words: list[Word], index: int) -> bool:
    opened = sum(w.text.count('"') + w.text.count("«") - w.text.count("»") for w in words[:index])
    return opened % 2 == 1


def _verb_frame(words: list[Word], opening: int, index: int, lex: Lexicon, names: Names, own_outlet: str, previous: str | None) -> Frame:
    end = _claim_start(words, index + 1, lex)
    if end == index + 1 and index == opening:  # no "أن": "رصد المرصد حالات …"
        return _bare_frame(words, index, names, own_outlet, previous)
    after = (index + 1, min(end, index + 1 + MAX_CLAIMANT_WORDS))
    if index > opening:  # subject-first: "مصادر … قالت"
        before = (opening, index)
        key, text = _resolve(words, before, names, own_outlet)
        if key or text:
            return Frame(index, end, key, text, False)
    start, stop = after
    stop = _cut_chain(words, start, stop, lex)
    if start >= stop or all(w.norm in ("الي", "ان", "في", "له") for w in words[start:stop]):
        return Frame(index, end, previous, "", True)
    if lex.anaphoric_claimants.match_at(words, start) and stop - start <= 2:
        return Frame(index, end, previous, " ".join(w.text for w in words[start:stop]), True)
    key, text = _resolve(words, (start, stop), names, own_outlet)
    return Frame(index, end, key, text, False)


def _bare_frame(words: list[Word], index: int, names: Names, own_outlet: str, previous: str | None) -> Frame:
    """A verb-first frame without a complementizer: the claimant is the name
    right after the verb, and the claim follows it."""
    for matcher in (names.outlets, names.actors):
        match = matcher.match_at(words, index + 1) if index + 1 < len(words) else None
        if match:
            stop = index + 1 + match[0]
            text = " ".join(w.text for w in words[index + 1:stop])
            return Frame(index, stop, match[1] if match[1] != own_outlet else None, text, False)
    return Frame(index, index + 1, None, "", False)


def _phrase_frame(words: list[Word], index: int, length: int, lex: Lexicon, names: Names, own_outlet: str, previous: str | None) -> Frame:
    start = index + length
    stop = start
    while stop < len(words) and stop - start < MAX_CLAIMANT_WORDS:
        if stop > start and lex.complementizers.match_at(words, stop):
            break
        stop += 1
        if words[stop - 1].text.endswith(("،", ",", ":", ".")):
            break
    stop = _cut_chain(words, start, stop, lex)
    key, text = _resolve(words, (start, stop), names, own_outlet)
    claim_start = 0 if index > 2 else stop  # "بحسب X" at the end: the claim is before it
    return Frame(index, claim_start, key, text, False)


def _claim_start(words: list[Word], start: int, lex: Lexicon) -> int:
    """The first word after the complementizer ("أن", "إن", ":") that opens the claim."""
    for index in range(start, min(len(words), start + MAX_CLAIMANT_WORDS + 6)):
        if words[index].text.endswith(":") and index > start - 1:
            return index + 1
        length = lex.complementizers.match_at(words, index)
        if length:
            return index + length
    return start


def _cut_chain(words: list[Word], start: int, stop: int, lex: Lexicon) -> int:
    """Stop the claimant at a chain link ("عن") or a complementizer."""
    for index in range(start, stop):
        if index > start and (lex.chain_links.match_at(words, index) or lex.complementizers.match_at(words, index)):
            return index
        if words[index].norm in ("الي", "to") and index == start:
            return start
    return stop


def _resolve(words: list[Word], span: tuple[int, int], names: Names, own_outlet: str) -> tuple[str | None, str]:
    start, stop = span
    if start >= stop:
        return None, ""
    text = " ".join(w.text for w in words[start:stop]).strip("،,:")
    # The first name wins ("الحكومة السورية في بيان نقلته سانا" is the
    # government); at one position an outlet wins over an actor.
    found = [(index, order, key) for order, matcher in enumerate((names.outlets, names.actors))
             for index, _, key in matcher.find_all(words, start, stop) if key != own_outlet]
    if found:
        return min(found)[2], text
    return None, text
