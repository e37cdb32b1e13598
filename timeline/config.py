"""The timeline's configuration: the ``timeline`` plugin entry in ``mkdocs.yml``.

Declared with MkDocs' own config classes so that ``mkdocs build`` validates
it (unknown keys warn, ``--strict`` fails), and loaded the same way by
``timeline check`` without running MkDocs.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.utils.yaml import get_yaml_loader

from timeline.content.frontmatter import YamlLimitError, load_yaml
from timeline.content.model import Category
from timeline.extract.period import Period
from timeline.content.problems import Problem
from timeline.urlpolicy import colour_problem


SITE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class Colour(c.BaseConfigOption[str]):
    """A CSS colour that may reach the stylesheet: #rrggbb, rgb()/hsl() with numbers, or a name."""

    def run_validation(self, value: object) -> str:
        problem = colour_problem(value)
        if problem:
            raise base.ValidationError(problem)
        return str(value)


class WholeNumber(c.BaseConfigOption[int]):
    """An integer no smaller than ``minimum``."""

    def __init__(self, default: int, minimum: int = 0) -> None:
        super().__init__()
        self.default = default
        self.minimum = minimum

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise base.ValidationError(f"expected a whole number, got {value!r}")
        if value < self.minimum:
            raise base.ValidationError(f"{value} is less than {self.minimum}; give {self.minimum} or more")
        return value


class Matching(c.BaseConfigOption[str]):
    """A string that matches ``pattern``; ``hint`` says what that means."""

    def __init__(self, pattern: re.Pattern, hint: str, default: str) -> None:
        super().__init__()
        self.pattern, self.hint, self.default = pattern, hint, default

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not self.pattern.match(value):
            raise base.ValidationError(f"{value!r} is not valid: {self.hint}")
        return value


class CategoryConfig(base.Config):
    """One category of the vocabulary: its Arabic label and its colour."""

    label = c.Type(str)
    color = Colour()


class PeriodOption(c.BaseConfigOption):
    """``period: {start: YYYY-MM-DD, end: YYYY-MM-DD}``: the timeline's own
    time; extraction drafts nothing from outside it (background)."""

    def run_validation(self, value: Any) -> Period | None:
        if value is None:
            return None
        if not isinstance(value, dict) or set(value) != {"start", "end"}:
            raise base.ValidationError("give the start and end days, e.g. period: {start: 2018-02-01, end: 2018-05-31}")
        try:
            start, end = (day if isinstance(day, date) else date.fromisoformat(str(day)) for day in (value["start"], value["end"]))
        except ValueError as error:
            raise base.ValidationError(f"not a YYYY-MM-DD day ({error})") from None
        if end < start:
            raise base.ValidationError(f"end {end} is before start {start}")
        return Period(start, end)


class TimelineConfig(base.Config):
    """Options of the ``timeline`` plugin."""

    categories = c.DictOfItems(c.SubConfig(CategoryConfig), default={})
    """Category vocabulary: key -> {label: Arabic label, color: CSS colour}."""
    content_dir = c.Optional(c.Type(str))
    """Where articles/, events/, outlets.yml and gazetteer.yml live; defaults to docs_dir."""
    month_names = c.Choice(("both", "levantine", "egyptian"), default="both")
    """How month names are shown: "نيسان/أبريل", "نيسان" or "أبريل"."""
    digits = c.Choice(("latin", "arabic"), default="latin")
    """Digits shown to readers: 2018 or ٢٠١٨."""
    site_id = Matching(SITE_ID, "ASCII letters, digits, '.', '_' and '-', at most 64, e.g. douma-timeline", "douma-timeline")
    """Short ASCII id of the site, used in snapshots and feed ids."""
    feed_limit = WholeNumber(default=50)
    """How many of the latest events the Atom feed carries (the JSON and CSV carry all)."""
    month_pages_after = WholeNumber(default=150)
    """Above this many events the index links month pages instead of listing every event; list pages above it show compact rows."""
    listing_years_after = WholeNumber(default=300)
    """A list page (category, actor, place, outlet, review state) with more events than this links one page per year."""
    auto_extract = c.Type(bool, default=True)
    """`timeline build` extracts articles that have never been extracted."""
    offline = c.Type(bool, default=False)
    """Build for file:// (set by `timeline snapshot`)."""
    period = PeriodOption()
    """The timeline's period ({start, end}); extraction skips occurrences outside it as background."""


def categories_from(config: TimelineConfig) -> dict[str, Category]:
    """The vocabulary; a category that failed validation (already reported) is left out."""
    return {
        key: Category(key=key, label=str(spec["label"]), color=str(spec["color"]))
        for key, spec in config.categories.items()
        if spec.get("label") is not None and spec.get("color") is not None
    }


def plugin_section(mkdocs_yml: dict[str, Any]) -> dict[str, Any] | None:
    """The ``timeline`` entry of ``plugins:`` (a list or a mapping), or None."""
    plugins = mkdocs_yml.get("plugins") or []
    if isinstance(plugins, dict):
        return plugins.get("timeline") or ({} if "timeline" in plugins else None)
    for item in plugins:
        if item == "timeline":
            return {}
        if isinstance(item, dict) and "timeline" in item:
            return item["timeline"] or {}
    return None


# MkDocs' own loader class on the safe loader: ``!ENV`` resolves exactly as in
# ``mkdocs build`` (same constructor), so `timeline check` checks the folder
# MkDocs uses. Other tags (``!relative``, ``!!python/name:``…) concern MkDocs
# alone and read as None here.
_Loader = get_yaml_loader(loader=yaml.SafeLoader)
_Loader.add_multi_constructor("", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def load_config(config_file: Path) -> tuple[TimelineConfig, dict[str, Any], list[Problem]]:
    """Read ``mkdocs.yml``: the validated plugin config, the raw mapping, problems."""
    problems: list[Problem] = []
    config = TimelineConfig(config_file_path=str(config_file))
    try:
        raw = load_yaml(config_file.read_text(encoding="utf-8-sig"), _Loader) or {}
    except FileNotFoundError:
        return config, {}, [Problem(str(config_file), 1, "mkdocs.yml", "file not found; run the command from the project folder or pass --config")]
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        line = getattr(getattr(error, "problem_mark", None), "line", 0) + 1
        message = error.problem if isinstance(error, YamlLimitError) else f"not valid YAML: {error}"
        return config, {}, [Problem(str(config_file), line, "mkdocs.yml", str(message))]
    section = plugin_section(raw) if isinstance(raw, dict) else None
    if section is None:
        problems.append(Problem(str(config_file), 1, "plugins", "the timeline plugin is not enabled; add `- timeline` under plugins:"))
        section = {}
    config.load_dict(section)
    failed, warnings = config.validate()
    for key, message in failed:
        problems.append(Problem(str(config_file), _line_of(config_file, key), f"plugins.timeline.{key}", str(message)))
    for key, message in warnings:
        problems.append(Problem(str(config_file), _line_of(config_file, key), f"plugins.timeline.{key}", str(message), "warning"))
    return config, raw if isinstance(raw, dict) else {}, problems


def _line_of(config_file: Path, key: str) -> int:
    for number, line in enumerate(config_file.read_text(encoding="utf-8-sig").splitlines(), 1):
        if line.strip().startswith(f"{key}:"):
            return number
    return 1
