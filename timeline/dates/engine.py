"""The date engine: every temporal expression in a text, resolved.

Stage two of the pipeline (after ``normalize``): ``find_dates`` folds the
text, runs the grammar's rules over the folded text (each only where its
matches can start, once enough text has been seen: ``prefilter``), keeps
the longest non-overlapping readings, settles each one's role, gives "في
اليوم ذاته" the day of the mention before it, and reports spans as offsets
into the original text. Extraction hands the mentions on to event entries;
``timeline dates`` prints them.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import unicodedata
from datetime import date
from functools import cache
from typing import Iterable, NamedTuple

from timeline.dates.cache import compile_pattern
from timeline.dates.clock import find_clocks, sentence_bounds, with_half
from timeline.dates.lexicon import alternation, lexicon
from timeline.dates.model import Context, DateMention, Reading
from timeline.dates import resolve
from timeline.normalize import fold_char

SENTENCE_END = re.compile(r"[.!?؟؛\n]")
_WORD = re.compile(r"\w")


class Candidate(NamedTuple):
    """One rule's reading of one span of the normalized text."""

    start: int
    end: int
    priority: int
    reading: Reading


@cache
def _future_cues() -> re.Pattern:
    return compile_pattern(r"(?<!\w)[وف]?" + alternation(lexicon().future_cues) + r"(?!\w)")


@cache
def _approximators() -> re.Pattern:
    return compile_pattern(r"(?<!\w)" + alternation(lexicon().approximators) + r"\s?$")


class _Sentences:
    """Where each sentence of a normalized text starts, and whether a plan
    or deadline is announced in it before a given position."""

    def __init__(self, folded: str, cues: list[tuple[int, int]]) -> None:
        self.folded = folded
        self.starts = [0] + [match.end() for match in SENTENCE_END.finditer(folded)]
        self.cues = cues                          # spans of the future cues of the whole text
        self.cue_starts = [start for start, _ in cues]
        self._future: dict[tuple[int, int], bool] = {}

    def start_of(self, position: int) -> int:
        return self.starts[bisect.bisect_right(self.starts, position) - 1]

    def future_before(self, position: int) -> bool:
        """Whether the sentence, up to ``position``, marks a plan or deadline."""
        key = (self.start_of(position), position)
        if key not in self._future:
            self._future[key] = self._cue_before(*key)
        return self._future[key]

    def _cue_before(self, sentence_start: int, position: int) -> bool:
        # The answer of searching the sentence up to ``position`` for a cue,
        # read from the cues of the whole text (a cue never spans two
        # sentences), except where the search's end cuts a word: a cue
        # running past ``position``, or glued to the expression.
        index = bisect.bisect_left(self.cue_starts, sentence_start)
        if index < len(self.cues) and self.cues[index][0] < position:
            if self.cues[index][1] <= position:
                return True
        elif position == sentence_start or not _WORD.match(self.folded, position - 1):
            return False
        return _future_cues().search(self.folded, sentence_start, position) is not None


def _rules(language: str):
    if language == "en":
        from timeline.dates.english import rules as english_rules  # 17 ms cold, never paid by an Arabic text
        return english_rules()
    from timeline.dates.grammar import rules as arabic_rules  # 12 ms cold, never paid by an English text
    return arabic_rules()


# Building the prefix index takes a few tenths of a second and saves about
# a microsecond a character: below this much text (a few dozen articles) the
# rules simply scan the whole text. Both ways give the same matches.
INDEX_AFTER_CHARACTERS = 100_000
_scanned: dict[str, int] = {}


def _regexes(language: str) -> list[re.Pattern]:
    """The rules' regexes, then the future cues'."""
    return [rule.regex for rule in _rules(language)] + [_future_cues()]


@cache
def _index(language: str):  # -> prefilter.PrefixIndex
    from timeline.dates.prefilter import build_index  # 3.4 ms cold, for texts over INDEX_AFTER_CHARACTERS only
    return build_index(_regexes(language))


def _matches(folded: str, language: str) -> Iterable[tuple[int, re.Match]]:
    """(regex number, match) for every match of every regex of ``_regexes``."""
    scanned = _scanned.get(language, 0)
    if scanned + len(folded) < INDEX_AFTER_CHARACTERS:   # this text included: one long text pays too
        _scanned[language] = scanned + len(folded)
        return [(number, match) for number, regex in enumerate(_regexes(language))
                for match in regex.finditer(folded)]
    return _index(language).matches(folded)


def _core_span(match: re.Match) -> tuple[int, int]:
    start, end = match.span("core")
    # "للعام الماضي": the article lost its alef to the preposition; report
    # the whole word rather than half of it.
    if start > 0 and match.string[start] == "ل" and match.string[start - 1] == "ل" \
            and match.start("clitic") < start:
        start = match.start("clitic")
    return start, end


def _chosen(folded: str, published: date, language: str) -> list[Candidate]:
    """The longest readings that do not overlap, earlier rules first, in
    text order. Matches are taken longest first and read only when nothing
    chosen overlaps them: a reader that declines (None) leaves the place to
    the next one, as if every match had been read first."""
    rules = _rules(language)
    spans, cues = [], []
    for priority, match in _matches(folded, language):
        if priority == len(rules):
            cues.append(match.span())
            continue
        start, end = _core_span(match)
        if start != end:
            spans.append((start - end, priority, start, end, match))
    spans.sort(key=lambda span: span[:3])
    sentences = _Sentences(folded, sorted(cues))
    contexts = {future: Context(published, future) for future in (False, True)}
    chosen = _Taken()
    names = _Taken()
    for start, end in _names(folded, language):
        names.add(Candidate(start, end, -1, None))
    for _, priority, start, end, match in spans:
        if chosen.overlaps(start, end) or names.overlaps(start, end):
            continue
        context = contexts[sentences.future_before(start)]
        reading = rules[priority].read(match, context)
        if reading is not None:
            reading = _with_time_of_day(reading, match, language)
            chosen.add(Candidate(start, end, priority, _with_context(reading, folded, start, end, context)))
    return _with_since(chosen.in_order(), folded, published, language)


@cache
def _names_regex(language: str) -> re.Pattern:
    """Names that contain a date word and are not dates ("روسيا اليوم", "World Today")."""
    if language == "en":
        from timeline.dates.english import NAMES  # as in _rules: an Arabic text never loads english
        return compile_pattern(r"(?<!\w)(?P<name>" + alternation(NAMES) + r")(?!\w)")
    # "روسيا اليوم" is a channel when quoted or named as one ("موقع روسيا
    # اليوم"), and "today" in "أعلنت روسيا اليوم".
    lex = lexicon()
    return compile_pattern(r"(?:[\"«“'‘]\s?|(?<!\w)" + alternation(lex.media_nouns) + r"\s[\"«“']?\s?)"
                      r"(?P<name>" + alternation(lex.names) + r")(?!\w)")


def _names(folded: str, language: str) -> list[tuple[int, int]]:
    return [match.span("name") for match in _names_regex(language).finditer(folded)]


def _with_time_of_day(reading: Reading, match: re.Match, language: str) -> Reading:
    """The part of the day a rule matched ("مساء أمس", "فجر السبت"), as a label."""
    if reading.time_of_day is not None or language != "ar":
        return reading
    part = match.groupdict().get("part")
    label = lexicon().time_of_day.get(part.strip()) if part else None
    return dataclasses.replace(reading, time_of_day=label) if label else reading


# "منذ X" / "since X": a range from X to publication; "منذ X وحتى اليوم" too.
# A comma some writers put after منذ ("منذ، الأربعاء،") does not cut it off.
SINCE_BEFORE = {"ar": re.compile(r"(?<!\w)[وف]?(?P<since>منذ)\s?،?\s?$"),
                "en": re.compile(r"(?<![\w])(?P<since>(?:ever )?since)\s$", re.IGNORECASE)}
SINCE_UNTIL_NOW = {"ar": re.compile(r"\s?،?\s?و?\s?(?:حتي|الي|لغايه)\s(?:اليوم|الان|تاريخه|هذه اللحظه|الساعه)(?!\w)"),
                   "en": re.compile(r",?\s(?:until|till|to)\s(?:now|today|this day)(?![\w])", re.IGNORECASE)}
# Rules whose value is a point or a part of the calendar that "since" can start
# from; counts back ("منذ ثلاثة أيام" is three days ago), windows, deadlines and
# ranges already say how long they last.
NOT_SINCE = frozenset({"ago", "window", "window_counted", "within", "recent", "same_day",
                       "range_cross_month", "range_same_month", "range_month_first", "range_years",
                       "range_month_first", "range_day_first"})


def _with_since(chosen: list[Candidate], folded: str, published: date, language: str) -> list[Candidate]:
    """Turn "منذ X" into the range from the start of X to publication, its span
    taking in "منذ" and a following "وحتى اليوم" (which is then not a mention
    of its own)."""
    rules = _rules(language)
    before, until_now = SINCE_BEFORE[language], SINCE_UNTIL_NOW[language]
    result: list[Candidate] = []
    skip_until = -1
    for candidate in chosen:
        if candidate.start < skip_until:
            continue
        reading = candidate.reading
        lead = before.search(folded, max(0, candidate.start - 12), candidate.start)
        if (lead is None or rules[candidate.priority].name in NOT_SINCE
                or reading.same_as_previous or reading.when.first_day() > published):
            result.append(candidate)
            continue
        end = candidate.end
        tail = until_now.match(folded, end)
        if tail:
            end = skip_until = tail.end()
        when = resolve.until(reading.when, published) if reading.when.first_day() < published else reading.when
        since = dataclasses.replace(reading, when=when, role="event")
        result.append(Candidate(lead.start("since"), end, candidate.priority, since))
    return result


class _Taken:
    """Chosen candidates, which never overlap, kept sorted by start: whether
    a span overlaps one of them is two neighbours' test (bisect), not a test
    against every chosen one."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.candidates: list[Candidate] = []

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.starts, end)   # candidates starting before ``end``
        return index > 0 and self.candidates[index - 1].end > start

    def add(self, candidate: Candidate) -> None:
        index = bisect.bisect_left(self.starts, candidate.start)
        self.starts.insert(index, candidate.start)
        self.candidates.insert(index, candidate)

    def in_order(self) -> list[Candidate]:
        return self.candidates


# "قبل أسبوعين تقريبًا": "about" after the expression.
APPROXIMATE_AFTER = re.compile(r"\s?،?\s?(?:تقريبا|علي وجه التقريب|او نحو ذلك|او اكثر|او اقل)(?!\w)")


def _with_context(reading: Reading, folded: str, start: int, end: int, context: Context) -> Reading:
    """Settle approximation and role from the words around the expression."""
    approximate = reading.approximate or bool(_approximators().search(folded[max(0, start - 24):start])) \
        or bool(APPROXIMATE_AFTER.match(folded, end))
    role = reading.role
    if role is None:
        if reading.when.first_day() > context.published:
            role = "future"
        elif context.future and reading.when.last_day() >= context.published:
            role = "future"
        else:
            role = "event"
    return dataclasses.replace(reading, approximate=approximate, role=role)


def _original_span(text: str, origin: list[int], start: int, end: int) -> tuple[int, int]:
    original_start, original_end = origin[start], origin[end - 1] + 1
    # Keep diacritics and tatweel that trail the last letter ("غداً").
    while original_end < len(text) and (unicodedata.category(text[original_end]) == "Mn"
                                        or text[original_end] == "\u0640"):
        original_end += 1
    return original_start, original_end


def _any_of(chars: set[str]) -> re.Pattern:
    """A regex matching any one of ``chars`` (never matching when empty)."""
    return re.compile("[" + "".join(re.escape(char) for char in sorted(chars)) + "]" if chars else "(?!)")


class _Folding:
    """Per-character folding, learnt as characters are first seen: which
    characters fold to one other character (replaced in bulk), and which
    need the character-by-character walk (marks that vanish, expansions,
    spaces to collapse), with regexes that find each kind in a text."""

    def __init__(self) -> None:
        self.folded: dict[str, str] = {}
        self.one_to_one: dict[str, str] = {}
        self.irregular: set[str] = set()    # need the walk (spaces other than " " included)
        self.chained = True                  # one_to_one can be applied one replace at a time
        self._compile()

    def _compile(self) -> None:
        self.unseen = re.compile("[^" + "".join(re.escape(char) for char in sorted(self.folded)) + "]"
                                 if self.folded else "(?s:.)")
        self.mapped = _any_of(set(self.one_to_one))
        self.walked = _any_of(self.irregular)
        chars = "".join(re.escape(char) for char in sorted(self.irregular))
        irregular = f"[{chars}]|" if chars else ""
        # A run of spaces and irregular characters, a lone irregular one, a
        # space other than " ", or a space at either end of the text.
        self.runs = re.compile(rf"[\s{chars}]{{2,}}|{irregular}[^\S ]|\A\s|\s\Z")

    def learn(self, text: str) -> None:
        """Fold the characters of ``text`` not seen before, once and for all."""
        if not self.unseen.search(text):
            return
        for char in set(text).difference(self.folded):
            folded = self.folded[char] = fold_char(char)
            if len(folded) == 1 and not folded.isspace() and not char.isspace():
                if folded != char:
                    self.one_to_one[char] = folded
            elif char != " ":
                self.irregular.add(char)
        # Replacing one character at a time equals a translation only when
        # no replacement is itself replaced.
        self.chained = not any(folded in self.one_to_one for folded in self.one_to_one.values())
        self._compile()


_FOLDING = _Folding()


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """:func:`timeline.normalize.normalize_with_offsets`, the same result,
    much faster: characters that fold to one character are replaced in bulk
    and keep their offsets; only runs of spaces and of characters that
    vanish or expand are walked one by one."""
    folding = _FOLDING
    folding.learn(text)
    one_to_one = folding.one_to_one
    if folding.chained:
        translated = text
        for char in set(folding.mapped.findall(text)):
            translated = translated.replace(char, one_to_one[char])
    else:
        translated = text.translate(str.maketrans(one_to_one))
    if (not folding.walked.search(text) and "  " not in text
            and text[:1] != " " and text[-1:] != " "):
        return translated, [*range(len(text) + 1)]
    folded_of = folding.folded
    out: list[str] = []
    origin: list[int] = []
    position = 0
    for run in folding.runs.finditer(text):
        run_start, run_end = run.span()
        if run_start > position:
            out.append(translated[position:run_start])
            origin.extend(range(position, run_start))
        previous_space = run_start == 0 or (bool(out) and out[-1][-1:] == " ")
        for index in range(run_start, run_end):
            for piece in folded_of[text[index]]:
                if piece.isspace():
                    if previous_space:
                        continue
                    piece, previous_space = " ", True
                else:
                    previous_space = False
                out.append(piece)
                origin.append(index)
        position = run_end
    if position < len(text):
        out.append(translated[position:])
        origin.extend(range(position, len(text)))
    folded = "".join(out)
    stripped = folded.rstrip(" ")
    if len(stripped) < len(folded):
        del origin[len(stripped):]
    origin.append(len(text))
    return stripped, origin


def _with_clocks(chosen: list[Candidate], folded: str, language: str) -> list[Candidate]:
    """Give each clock time or part of the day said apart from the date
    ("الساعة الرابعة مساء، اليوم السبت", "أمس فجرًا") to the nearest mention
    of a day (or a night of two days) in its sentence (``clock``)."""
    if not chosen:
        return chosen
    clocks = [c for c in find_clocks(folded, language)
              if not any(c.start < m.end and m.start < c.end for m in chosen)]
    if not clocks:
        return chosen
    bounds = sentence_bounds(folded)
    result = list(chosen)
    for clock in clocks:
        sentence = bisect.bisect_right(bounds, clock.start)
        near = [index for index, m in enumerate(result)
                if bisect.bisect_right(bounds, m.start) == sentence and _takes_time(m.reading)]
        if not near:
            continue
        index = min(near, key=lambda i: min(abs(result[i].start - clock.end), abs(clock.start - result[i].end)))
        reading = result[index].reading
        time = with_half(clock.time, reading.time_of_day)
        if time is None or (reading.time_of_day is not None and ":" not in time):
            continue
        if reading.time_of_day is not None and ":" in (reading.time_of_day or ""):
            continue
        result[index] = result[index]._replace(reading=dataclasses.replace(reading, time_of_day=time))
    return result


def _takes_time(reading: Reading) -> bool:
    """A day, or the night of two days, can be given a time of day."""
    when = reading.when
    return not reading.same_as_previous and when.start.precision == "day" and \
        (when.last_day() - when.first_day()).days <= 1


def find_dates(text: str, published: date, language: str = "ar") -> list[DateMention]:
    """Every temporal expression in ``text``, resolved against ``published``.

    Mentions are sorted by start; offsets refer to ``text`` as given.
    ``language`` is "ar" (Arabic news) or "en" (English wire copy).
    """
    if language not in ("ar", "en"):
        raise ValueError(f"language must be 'ar' or 'en', not {language!r}")
    if not text:
        return []
    folded, origin = fold_with_offsets(text)
    mentions = []
    previous: Reading | None = None
    for candidate in _with_clocks(_chosen(folded, published, language), folded, language):
        start, end = _original_span(text, origin, candidate.start, candidate.end)
        reading = candidate.reading
        if reading.same_as_previous:
            # "في اليوم ذاته": the day of the mention before it, when that
            # is a day; nothing without one (a month or a range has no "same day").
            if previous is None or previous.when.grain != "day":
                continue
            reading = Reading(previous.when, previous.approximate, previous.role,
                              time_of_day=reading.time_of_day)
        previous = reading
        when = dataclasses.replace(reading.when, approximate=reading.approximate, time=reading.time_of_day)
        mentions.append(DateMention(text=text[start:end], start=start, end=end, when=when,
                                    role=reading.role or "event"))
    return mentions
