"""The timeline's configuration: the ``timeline`` plugin entry in ``mkdocs.yml``.

Declared with MkDocs' own config classes so that ``mkdocs build`` validates
it (unknown keys warn, ``--strict`` fails), and loaded the same way by
``timeline check`` without running MkDocs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c

from timeline.content.frontmatter import YamlLimitError, load_yaml
from timeline.content.model import Category
from timeline.content.problems import Problem


class TimelineConfig(base.Config):
    """Options of the ``timeline`` plugin."""

    categories = c.Type(dict, default={})
    """Category vocabulary: key -> {label: Arabic label, color: CSS colour}."""
    content_dir = c.Optional(c.Type(str))
    """Where articles/, events/, outlets.yml and gazetteer.yml live; defaults to docs_dir."""
    month_names = c.Choice(("both", "levantine", "egyptian"), default="both")
    """How month names are shown: "نيسان/أبريل", "نيسان" or "أبريل"."""
    digits = c.Choice(("latin", "arabic"), default="latin")
    """Digits shown to readers: 2018 or ٢٠١٨."""
    site_id = c.Type(str, default="douma-timeline")
    """Short ASCII id of the site, used in snapshots and feed ids."""
    feed_limit = c.Type(int, default=50)
    """How many of the latest events the Atom feed carries (the JSON and CSV carry all)."""
    month_pages_after = c.Type(int, default=150)
    """Above this many events the index links month pages instead of listing every event; list pages above it show compact rows."""
    listing_years_after = c.Type(int, default=300)
    """A list page (category, actor, place, outlet, review state) with more events than this links one page per year."""
    auto_extract = c.Type(bool, default=True)
    """`timeline build` extracts articles that have never been extracted."""
    offline = c.Type(bool, default=False)
    """Build for file:// (set by `timeline snapshot`)."""

    def validate(self):  # noqa: ANN201 - MkDocs' (failed, warnings)
        """MkDocs' validation, then the checks across the categories (MkDocs
        calls ``post_validation`` only on options, never on a Config)."""
        failed, warnings = super().validate()
        if not failed:
            try:
                self.post_validation()
            except base.ValidationError as error:
                failed.append(("categories", error))
        return failed, warnings

    def post_validation(self) -> None:
        from timeline.urlpolicy import colour_problem

        for key, spec in self.categories.items():
            if not isinstance(spec, dict) or not {"label", "color"} <= set(spec):
                raise base.ValidationError(
                    f"categories.{key}: give a label and a color, e.g. {{label: قصف, color: '#b3261e'}}"
                )
            problem = colour_problem(spec["color"])  # the colour reaches CSS: nothing else may
            if problem:
                raise base.ValidationError(f"categories.{key}.color: {problem}")


def categories_from(config: TimelineConfig) -> dict[str, Category]:
    return {
        key: Category(key=key, label=str(spec["label"]), color=str(spec["color"]))
        for key, spec in config.categories.items()
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


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may hold MkDocs' own tags (!ENV, !relative, python/name…);
    `timeline check` needs only the plugin section, so other tags read as None."""


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
