"""Shared vocabularies (outlet kinds, review states, parts of the day) with their Arabic labels, from data."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, dict[str, str]]:
    text = resources.files("timeline").joinpath("data/vocabulary.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def outlet_kinds() -> dict[str, str]:
    """Outlet kind key -> Arabic label."""
    return vocabulary()["outlet_kinds"]


def review_labels() -> dict[str, str]:
    """Review state -> Arabic label."""
    return vocabulary()["review_states"]


def part_of_day_labels() -> dict[str, str]:
    """Part of the day (an entry's ``time`` when not HH:MM) -> Arabic label."""
    return vocabulary()["parts_of_day"]
