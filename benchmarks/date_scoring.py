"""Scoring the date engine against labelled sentences (tests and benchmark).

A labelled sentence lists the expressions it holds: a substring, the value,
and optionally the role and approximation. A found mention matches an
expected one when their spans overlap and the values are equal; it is a
"span hit" when only the spans overlap. Precision and recall count matches.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterable

import yaml

from timeline.normalize import normalize_arabic


@dataclass(frozen=True)
class Expected:
    text: str
    start: int
    end: int
    value: str
    role: str | None = None
    approximate: bool | None = None


@dataclass(frozen=True)
class Labelled:
    text: str
    published: date
    language: str
    expected: tuple[Expected, ...]


@dataclass
class Score:
    """Counts over a set of sentences."""

    found: int = 0
    expected: int = 0
    correct: int = 0
    span_hits: int = 0
    sentences_right: int = 0
    sentences: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def load_labelled(path: Path) -> list[Labelled]:
    """Read a YAML file of labelled sentences (see tests/fixtures/dates)."""
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    sentences = []
    for record in records:
        unknown = set(record) - {"published", "text", "expect", "language"}
        if unknown:
            raise ValueError(f"{path}: unknown keys {sorted(unknown)} in the record of {record.get('text')!r}; "
                             "a record has published, text, expect and optionally language")
        text = record["text"]
        expected = []
        for item in record.get("expect") or []:
            start = text.find(item["text"])
            if start < 0:
                raise ValueError(f"{path}: {item['text']!r} is not in {text!r}")
            expected.append(Expected(item["text"], start, start + len(item["text"]), str(item["value"]),
                                     item.get("role"), item.get("approximate")))
        sentences.append(Labelled(text, record["published"], record.get("language", "ar"),
                                  tuple(expected)))
    return sentences


def overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    return start < other_end and other_start < end


def check(sentence: Labelled, mentions: Iterable) -> list[str]:
    """Differences between what was found and what is expected (empty: right)."""
    problems = []
    mentions = list(mentions)
    for expected in sentence.expected:
        hits = [m for m in mentions if overlaps(m.start, m.end, expected.start, expected.end)]
        if not hits:
            problems.append(f"missed {expected.text!r} ({expected.value})")
            continue
        mention = hits[0]
        if mention.value != expected.value:
            problems.append(f"{mention.text!r}: value {mention.value}, expected {expected.value}")
        if expected.role and getattr(mention, "role", expected.role) != expected.role:
            problems.append(f"{mention.text!r}: role {mention.role}, expected {expected.role}")
        if expected.approximate is not None and getattr(mention, "approximate", None) not in (None, expected.approximate):
            problems.append(f"{mention.text!r}: approximate {mention.approximate}")
    for mention in mentions:
        if not any(overlaps(mention.start, mention.end, e.start, e.end) for e in sentence.expected):
            problems.append(f"spurious {mention.text!r} ({mention.value})")
    return problems


def score(sentences: Iterable[Labelled], find: Callable[[Labelled], list]) -> Score:
    """Score ``find`` (sentence -> objects with start, end, value) on ``sentences``."""
    total = Score()
    for sentence in sentences:
        mentions = find(sentence)
        total.sentences += 1
        total.found += len(mentions)
        total.expected += len(sentence.expected)
        for expected in sentence.expected:
            hits = [m for m in mentions if overlaps(m.start, m.end, expected.start, expected.end)]
            total.span_hits += bool(hits)
            total.correct += any(m.value == expected.value for m in hits)
        problems = check(sentence, mentions)
        total.sentences_right += not problems
        total.errors.extend(f"{sentence.text}: {problem}" for problem in problems)
    return total


# ---------------------------------------------------------------- shared eval sets
#
# Each set is turned into (text, reference date, expected interval or None
# for "nothing here") so that one scorer serves all of them. Intervals are
# (first day, last day), inclusive; an engine value "2018-03" is the
# interval 1–31 March. A reading is *correct* when its interval equals the
# expected one; *lenient* also accepts an approximate reading whose
# interval contains the expected start (Duckling says "منتصف آذار" is 15
# March; we say 11–20 March, approximate).

import json
import re
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Case:
    """One evaluation example."""

    source: str
    text: str
    reference: date
    expected: tuple[date, date] | None   # None: nothing may be found
    span: tuple[int, int] | None = None  # where the expression is, when known


@dataclass
class SetScore:
    name: str
    cases: int = 0
    correct: int = 0
    lenient: int = 0
    found_any: int = 0
    negatives: int = 0
    negatives_right: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.cases if self.cases else 1.0

    @property
    def lenient_accuracy(self) -> float:
        return self.lenient / self.cases if self.cases else 1.0


def interval(value: str) -> tuple[date, date]:
    """The days an engine value covers: "2018", "2018-03", "2018-03-05", "A/B"."""
    if "/" in value:
        first, last = value.split("/")
        return interval(first)[0], interval(last)[1]
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 3:
        return date(*parts), date(*parts)
    if len(parts) == 2:
        following = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return date(parts[0], parts[1], 1), following - timedelta(days=1)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def _day_of(stamp: str) -> date:
    return datetime.fromisoformat(stamp[:10]).date()


_WEEKDAY_ONLY = re.compile(r"^(?:(?:يوم|هذا)\s)?(?:ال)?(اثنين|ثلاثاء|ثلاثا|اربعاء|اربعا|خميس|جمعه|سبت|احد)$")
_WEEKDAY_NUMBERS = {"اثنين": 0, "ثلاثاء": 1, "ثلاثا": 1, "اربعاء": 2, "اربعا": 2, "خميس": 3,
                    "جمعه": 4, "سبت": 5, "احد": 6}


_FUTURE_OR_ANCHORED = re.compile(
    r"\d{4}|هذا|هذه|الحالي|القادم|المقبل|التالي|الجاي|غدا|بكر|غد|"
    r"اثنين|ثلاثا|اربعا|خميس|جمعه|سبت|احد|اسبوع|اسابيع")


def _year_before(day_value: date) -> date:
    try:
        return day_value.replace(year=day_value.year - 1)
    except ValueError:
        return day_value.replace(year=day_value.year - 1, day=28)


def duckling_cases(folder: Path) -> list[Case]:
    """Duckling's date-level examples, bare weekdays converted to news
    convention (the most recent one, not the next). Clock times and
    holidays are left out: the engine works at day grain and up."""

    data = json.loads((folder / "duckling_ar_time.json").read_text(encoding="utf-8"))
    cases = []
    for record in data["records"]:
        kind, expected = record["kind"], record["expected"]
        reference = _day_of(record["reference"])
        if kind == "negative":
            cases.append(Case("duckling", record["text"], reference, None))
            continue
        if kind not in ("date", "week", "month", "year", "interval") or expected["grain"] in ("hour", "minute", "second"):
            continue
        start = _day_of(expected["start"])
        grain = expected["grain"]
        if kind == "interval":
            last = _day_of(expected["end"]) - timedelta(days=1)
        elif grain == "week":
            last = start + timedelta(days=6)
        elif grain == "month":
            last = interval(start.strftime("%Y-%m"))[1]
        elif grain == "year":
            last = date(start.year, 12, 31)
        else:
            last = start
        folded = normalize_arabic(record["text"])
        bare = _WEEKDAY_ONLY.match(folded)
        if bare:
            back = (reference.weekday() - _WEEKDAY_NUMBERS[bare.group(1)]) % 7
            start = last = reference - timedelta(days=back)
        elif kind in ("date", "interval") and start > reference and not _FUTURE_OR_ANCHORED.search(folded):
            # A day and month without a year: news means the last one, not the next.
            start, last = _year_before(start), _year_before(last)
        cases.append(Case("duckling", record["text"], reference, (start, last)))
    return cases


def recognizers_cases(folder: Path) -> list[Case]:
    """Recognizers-Text date and date-range parsing specs whose resolution
    is checked upstream, read with the past resolution (news convention)."""
    data = json.loads((folder / "recognizers_text_ar_datetime.json").read_text(encoding="utf-8"))
    cases = []
    for record in data["records"]:
        if record["task"] != "parsing" or not record["resolution_verified_upstream"] or not record["reference"]:
            continue
        if record["kind"] not in ("date", "daterange", "datetimeV2.date", "datetimeV2.daterange"):
            continue
        reference = _day_of(record["reference"])
        for entity in record["expected"]:
            past = (entity.get("value") or {}).get("PastResolution") or {}
            try:
                if "date" in past:
                    day_value = _day_of(past["date"])
                    expected = (day_value, day_value)
                elif "startDate" in past:
                    expected = (_day_of(past["startDate"]), _day_of(past["endDate"]) - timedelta(days=1))
                else:
                    continue
            except ValueError:
                continue  # placeholder values such as 0001-01-01
            if expected[0].year < 1000:
                continue
            span = (entity["start"], entity["start"] + entity["length"])
            cases.append(Case("recognizers", record["text"], reference, expected, span))
    return cases


def recognizers_span_cases(folder: Path) -> list[Case]:
    """Recognizers-Text date and date-range extraction specs: spans only."""
    data = json.loads((folder / "recognizers_text_ar_datetime.json").read_text(encoding="utf-8"))
    cases = []
    for record in data["records"]:
        if record["task"] != "extraction" or record["kind"] not in ("date", "daterange"):
            continue
        for entity in record["expected"]:
            span = (entity["start"], entity["start"] + entity["length"])
            cases.append(Case("recognizers-spans", record["text"], date(2016, 11, 7), None, span))
    return cases


def dateparser_cases(folder: Path) -> list[Case]:
    """dateparser's Arabic test cases that are dates in running text."""
    data = json.loads((folder / "dateparser_ar_tests.json").read_text(encoding="utf-8"))
    cases = []
    for record in data["records"]:
        kind, expected = record["kind"], record["expected"]
        reference = _day_of(record["reference"]) if record["reference"] else date(2020, 1, 1)
        if kind == "search":
            for phrase, stamp in expected["matches"]:
                start = record["text"].index(phrase)
                cases.append(Case("dateparser", record["text"], reference,
                                  (_day_of(stamp), _day_of(stamp)), (start, start + len(phrase))))
        elif kind in ("relative_past", "absolute_datetime", "tokenization") or \
                (kind == "hijri_numeric" and "هـ" in record["text"]):
            if "date" in expected and "،" not in record["text"][:0] and "," not in record["text"].split()[0]:
                day_value = date.fromisoformat(expected["date"])
                cases.append(Case("dateparser", record["text"], reference, (day_value, day_value)))
    return cases


DAHMRI_REFERENCE = date(2015, 12, 24)


def dahmri_cases(folder: Path) -> list[Case]:
    """Silver news tags: absolute values (a year written in the expression)
    are checked; every other date-type tag is checked for its span only."""
    data = json.loads((folder / "dahmri_ar_news_timex_silver.json").read_text(encoding="utf-8"))
    cases = []
    for record in data["records"]:
        if record["duplicate_doc_of"] or record["kind"] != "date":
            continue
        value = record["expected"]["value"]
        context, text = record["context"], record["text"]
        start = context.find(text)
        if start < 0:
            continue
        span = (start, start + len(text))
        if re.search(r"\d{4}", text) and re.fullmatch(r"\d{4}(-\d\d){0,2}", value):
            expected = interval(value)
            if re.search(r"(?:^|\s)منذ\s?$", context[max(0, start - 6):start]):
                # The silver tags "منذ 11 سبتمبر 2001" as the point; by the
                # engine's convention (docs/dates.md) "since X" runs from X
                # to publication.
                expected = (expected[0], DAHMRI_REFERENCE)
            cases.append(Case("dahmri", context, DAHMRI_REFERENCE, expected, span))
        elif not value.endswith("_REF"):
            cases.append(Case("dahmri-spans", context, DAHMRI_REFERENCE, None, span))
    return cases


def score_cases(name: str, cases: Iterable[Case], find: Callable[[str, date], list]) -> SetScore:
    """Score ``find`` on evaluation cases (see :class:`Case`)."""
    total = SetScore(name)
    for case in cases:
        mentions = find(case.text, case.reference)
        if case.span is not None:
            mentions = [m for m in mentions if overlaps(m.start, m.end, *case.span)]
        if case.expected is None and case.span is None:
            total.negatives += 1
            total.negatives_right += not mentions
            continue
        total.cases += 1
        total.found_any += bool(mentions)
        if case.expected is None:
            continue
        readings = [(interval(m.value), m.approximate) for m in mentions]
        exact = any(found == case.expected for found, _ in readings)
        total.correct += exact
        total.lenient += exact or any(
            approximate and found[0] <= case.expected[0] <= found[1] for found, approximate in readings)
    return total


def evaluate_shared(folder: Path, find: Callable[[str, date], list]) -> list[SetScore]:
    """All shared evaluation sets, scored."""
    return [
        score_cases("duckling (day grain and up, news weekdays)", duckling_cases(folder), find),
        score_cases("recognizers-text (verified parsing)", recognizers_cases(folder), find),
        score_cases("recognizers-text (extraction spans)", recognizers_span_cases(folder), find),
        score_cases("dateparser tests", dateparser_cases(folder), find),
        score_cases("dahmri news, absolute values", [c for c in dahmri_cases(folder) if c.source == "dahmri"], find),
        score_cases("dahmri news, spans", [c for c in dahmri_cases(folder) if c.source == "dahmri-spans"], find),
    ]


def format_scores(scores: Iterable[SetScore]) -> str:
    lines = [f"{'set':46} {'cases':>5} {'exact':>7} {'lenient':>8} {'span found':>10} {'negatives':>9}"]
    for s in scores:
        valued = "spans" not in s.name
        exact = f"{s.accuracy:7.1%}" if valued else f"{'-':>7}"
        lenient = f"{s.lenient_accuracy:8.1%}" if valued else f"{'-':>8}"
        negatives = f"{s.negatives_right}/{s.negatives}" if s.negatives else "-"
        found = s.found_any / s.cases if s.cases else 1.0
        lines.append(f"{s.name:46} {s.cases:5d} {exact} {lenient} {found:10.1%} {negatives:>9}")
    return "\n".join(lines)
