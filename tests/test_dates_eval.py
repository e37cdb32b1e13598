"""The date engine on the shared evaluation sets (../shared/eval).

Floors are the accuracy measured when they were set, rounded down a little:
a change that lowers them is a regression to look at, not noise. Duckling's
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
    assert score.accuracy >= 0.64, score
    assert score.lenient_accuracy >= 0.66, score
    assert score.negatives_right == score.negatives


def test_recognizers_text_verified_resolutions():
    score = score_cases("recognizers", recognizers_cases(EVAL), find_dates)
    assert score.accuracy >= 0.42, score


def test_recognizers_text_extraction_spans():
    score = score_cases("recognizers spans", recognizers_span_cases(EVAL), find_dates)
    assert score.found_any / score.cases >= 0.67, score


def test_dateparser_arabic_cases():
    score = score_cases("dateparser", dateparser_cases(EVAL), find_dates)
    assert score.accuracy >= 0.90, score


def test_dahmri_news_absolute_values_and_spans():
    cases = dahmri_cases(EVAL)
    values = score_cases("dahmri", [c for c in cases if c.source == "dahmri"], find_dates)
    spans = score_cases("dahmri spans", [c for c in cases if c.source == "dahmri-spans"], find_dates)
    assert values.accuracy >= 0.78, values
    assert spans.found_any / spans.cases >= 0.65, spans
