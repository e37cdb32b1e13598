"""The date engine on the shared evaluation sets (../shared/eval).

Floors are the accuracy measured when they were set, rounded down to the
percent (the sets are fixed, so the scores are exact, not noisy): a change
that lowers one is a regression to look at. Duckling's
bare weekdays and yearless dates are converted to news convention (the
most recent one), clock times and holidays left out; dahmri's relative
values are untrustworthy, so only its spans and absolute values count.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.dates import find_dates
from timeline.dates.evaluate import (dahmri_cases, dateparser_cases, duckling_cases, recognizers_cases,
                                     recognizers_span_cases, score_cases)

EVAL = Path(__file__).parents[1].parent / "shared" / "eval"


def test_the_shared_eval_sets_are_present():
    """CI lays ../shared beside the checkout; a missing copy must fail, not skip."""
    assert EVAL.is_dir(), f"{EVAL} is missing"


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


def test_dahmri_news_absolute_values_and_spans():
    cases = dahmri_cases(EVAL)
    values = score_cases("dahmri", [c for c in cases if c.source == "dahmri"], find_dates)
    spans = score_cases("dahmri spans", [c for c in cases if c.source == "dahmri-spans"], find_dates)
    assert values.accuracy >= 0.81, values           # 26/32
    assert spans.found_any / spans.cases >= 0.68, spans  # 75/110
