"""The date engine on the vendored evaluation sets (tests/fixtures/date_eval).

Floors are the accuracy measured when they were set, rounded down to the
percent (the sets are fixed, so the scores are exact, not noisy): a change
that lowers one is a regression to look at. Duckling's
bare weekdays and yearless dates are converted to news convention (the
most recent one), clock times and holidays left out; dahmri's relative
values are untrustworthy, so only its spans and absolute values count.
The dahmri set is not vendored (HeidelTime output on third-party news, no
licence): `benchmarks/eval_dates_shared.py` scores it from ../shared/eval.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.dates import find_dates
from benchmarks.date_scoring import (dateparser_cases, duckling_cases, recognizers_cases,
                                     recognizers_span_cases, score_cases)

EVAL = Path(__file__).parent / "fixtures" / "date_eval"


def test_duckling_day_grain_and_up():
    score = score_cases("duckling", duckling_cases(EVAL), find_dates)
    assert score.cases >= 100
    assert score.accuracy >= 0.66, score             # 76/115
    assert score.lenient_accuracy >= 0.68, score     # 79/115
    assert score.negatives_right == score.negatives


def test_recognizers_text_verified_resolutions():
    score = score_cases("recognizers", recognizers_cases(EVAL), find_dates)
    assert score.accuracy >= 0.47, score             # 29/61


def test_recognizers_text_extraction_spans():
    score = score_cases("recognizers spans", recognizers_span_cases(EVAL), find_dates)
    assert score.found_any / score.cases >= 0.70, score  # 323/461


def test_dateparser_arabic_cases():
    score = score_cases("dateparser", dateparser_cases(EVAL), find_dates)
    assert score.accuracy >= 0.94, score             # 16/17
