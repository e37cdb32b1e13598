"""The timeline's configuration: the ``timeline`` plugin entry in ``mkdocs.yml``.

Declared with MkDocs' own config classes so that ``mkdocs build`` validates
it (unknown keys warn, ``--strict`` fails). ``read_config`` is the one reader
of ``mkdocs.yml``: ``mkdocs.config.load_config``, for every command, so tags
(``!ENV``, ``!relative``) and validation are MkDocs' own everywhere.
"""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterator

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config import load_config as mkdocs_load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from timeline.content.frontmatter import YamlLimitError, check_yaml_size
from timeline.content.model import Category
from timeline.extract.period import Period
from timeline.content.problems import ContentError, Problem
from timeline.urlpolicy import colour_problem, site_url_problems


SITE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
PLUGIN_NAME = "timeline"  # the plugin's entry point: its name under plugins: in mkdocs.yml


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
    processes = WholeNumber(default=0)
    """Processes rendering the pages of a build: 0 is automatic (two from 5,000 events on two cores or more)."""
    period = PeriodOption()
    """The timeline's period ({start, end}); extraction skips occurrences outside it as background."""

    def validate(self) -> tuple[list, list]:
        """MkDocs' validation, whose (option, message) pairs are also handed to
        ``read_config`` as they are, so that it never has to parse them back out
        of MkDocs' log text."""
        failed, warnings = super().validate()
        findings = _PLUGIN_FINDINGS.get()
        if findings is not None:
            findings += [(str(key), str(error), "error") for key, error in failed]
            findings += [(str(key), str(warning), "warning") for key, warning in warnings]
        return failed, warnings

    def _validate(self) -> tuple[list, list]:
        """Every option, not only up to the first refused one (MkDocs' ``Config`` stops
        there): an editor sees all of mkdocs.yml's problems at once."""
        failed: list = []
        warnings: list = []
        for key, option in self._schema:
            try:
                self[key] = option.validate(self.get(key))
                warnings.extend((key, warning) for warning in option.warnings)
                option.reset_warnings()
            except base.ValidationError as error:
                failed.append((key, error))
        warnings.extend((key, f"Unrecognised configuration name: {key}") for key in sorted(set(self) - self._schema_keys))
        return failed, warnings


def categories_from(config: TimelineConfig) -> dict[str, Category]:
    """The vocabulary; a category that failed validation (already reported) is left out."""
    return {
        key: Category(key=key, label=str(spec["label"]), color=str(spec["color"]))
        for key, spec in config.categories.items()
        if spec.get("label") is not None and spec.get("color") is not None
    }


@dataclass(frozen=True)
class ProjectConfig:
    """``mkdocs.yml`` as MkDocs read and validated it, and what the timeline takes from it."""

    config_file: Path
    mkdocs: MkDocsConfig
    timeline: TimelineConfig
    content_dir: Path
    """Where articles/, events/, outlets.yml and gazetteer.yml are: the plugin's content_dir, else docs_dir."""

    @property
    def categories(self) -> dict[str, Category]:
        return categories_from(self.timeline)

    @property
    def markdown(self) -> tuple[list, dict]:
        """The pages' Markdown extensions and their configs, as MkDocs will use them."""
        return list(self.mkdocs.markdown_extensions), dict(self.mkdocs.mdx_configs)

    @property
    def site_dir(self) -> Path:
        return Path(self.mkdocs.site_dir)

    @property
    def theme_dir(self) -> Path | None:
        custom = self.mkdocs.theme.custom_dir
        return Path(custom).resolve() if custom else None


def content_dir_of(mkdocs_config: MkDocsConfig, timeline: TimelineConfig) -> Path:
    """The content folder: ``content_dir`` relative to mkdocs.yml, else MkDocs' ``docs_dir``."""
    if timeline.content_dir:
        return (Path(mkdocs_config.config_file_path).parent / timeline.content_dir).resolve()
    return Path(mkdocs_config.docs_dir).resolve()


def read_config(config_file: Path, **overrides: Any) -> tuple[ProjectConfig | None, list[Problem]]:
    """``mkdocs.yml`` read by ``mkdocs.config.load_config`` (its loader, its ``!ENV``
    and ``!relative`` tags, its validation), with ``overrides`` as MkDocs takes them
    (``site_dir=``, ``strict=``, ``plugins=``…); None and every problem when it fails.

    The plugin's own options are reported from its validation's (option,
    message) pairs (``TimelineConfig.validate``). MkDocs logs what is wrong with
    the rest, and then aborts; it formats its messages itself (no
    ``record.args``), so those are read with the one format its config loader
    logs, ``Config value 'NAME': TEXT`` (``tests/test_config_messages.py`` holds
    it to the installed MkDocs), and a message in any other form is kept whole.
    Each becomes a problem naming the line of the option in mkdocs.yml."""
    config_file = Path(config_file)
    try:
        text = config_file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return None, [Problem(str(config_file), 1, "mkdocs.yml", "file not found; run the command from the project folder or pass --config")]
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(str(config_file), 1, "mkdocs.yml", f"cannot be read: {error}")]
    try:
        node = _composed(text)
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", 0) + 1
        message = error.problem if isinstance(error, YamlLimitError) else f"not valid YAML: {error}"
        return None, [Problem(str(config_file), line, "mkdocs.yml", str(message))]
    lines = _key_lines(node)
    messages: list[logging.LogRecord] = []
    findings: list[tuple[str, str, str]] = []
    token = _PLUGIN_FINDINGS.set(findings)
    _forget_stale_warnings()
    try:
        with _mkdocs_messages(messages):
            try:
                mkdocs_config = mkdocs_load_config(config_file=str(config_file), **overrides)
            except MkDocsException as error:
                mkdocs_config = None
                if not messages and not any(severity == "error" for _, _, severity in findings):
                    messages.append(logging.makeLogRecord({"levelno": logging.ERROR, "msg": str(error)}))
    finally:
        _PLUGIN_FINDINGS.reset(token)
    ours = {key for key, _, _ in findings}
    problems = [problem for record in messages for problem in _problems_of(config_file, record, lines, ours)]
    problems += [Problem(str(config_file), lines.get(("plugins", key), lines.get(("plugins",), 1)),
                         f"plugins.{PLUGIN_NAME}.{key}", message, severity) for key, message, severity in findings]
    if mkdocs_config is None:
        return None, problems
    plugin = mkdocs_config.plugins.get(PLUGIN_NAME)
    if plugin is None:
        return None, [*problems, Problem(str(config_file), lines.get(("plugins",), 1), "plugins",
                                         "the timeline plugin is not enabled; add `- timeline` under plugins:")]
    timeline = plugin.config
    problems += site_url_problems(str(config_file), mkdocs_config.site_url, lines.get(("site_url",), 1))
    return ProjectConfig(config_file, mkdocs_config, timeline, content_dir_of(mkdocs_config, timeline)), problems


def project_config(config_file: Path, action: str = "check", **overrides: Any) -> ProjectConfig:
    """``read_config``, or ContentError listing every problem of mkdocs.yml (``action`` failed)."""
    project, problems = read_config(config_file, **overrides)
    if project is None:
        raise ContentError(problems, action=action)
    return project


def with_plugin_options(project: ProjectConfig, **options: Any) -> list[dict[str, dict]]:
    """The ``plugins`` MkDocs validated, with ``options`` added to the timeline
    plugin's: an override for ``read_config(plugins=…)``, so that a build option
    (``offline``) is validated by MkDocs with the others instead of being set on
    the plugin afterwards. Each plugin's options are given as validated (the
    timeline's in the form mkdocs.yml writes them, ``written_options``)."""
    plugins = []
    for name, plugin in project.mkdocs.plugins.items():
        name = name.split(" #", 1)[0]  # MkDocs numbers a second instance of a plugin "name #2"
        if isinstance(plugin.config, TimelineConfig):
            plugins.append({name: {**written_options(plugin.config), **options}})
        else:
            plugins.append({name: dict(plugin.config)})
    return plugins


def written_options(config: TimelineConfig) -> dict[str, Any]:
    """The validated options as mkdocs.yml writes them: validating them again gives the same config."""
    options = dict(config)
    options["categories"] = {key: dict(spec) for key, spec in config.categories.items()}
    period = config.period
    options["period"] = None if period is None else {"start": period.start, "end": period.end}
    return options


def _composed(text: str) -> yaml.Node | None:
    """The YAML node tree, sized before MkDocs constructs (and logs) any value: a
    billion-laughs mkdocs.yml is refused in microseconds instead of hanging MkDocs."""
    loader = _Composer(text)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    check_yaml_size(node)
    return node


class _Composer(yaml.SafeLoader):
    """Composes only (tags are MkDocs' business: nothing is constructed here)."""


def _key_lines(node: yaml.Node | None) -> dict[tuple[str, ...], int]:
    """Line of each key: ("site_url",) at the top, ("plugins", "feed_limit") under ``plugins``."""
    lines: dict[tuple[str, ...], int] = {}
    if not isinstance(node, yaml.MappingNode):
        return lines
    for key, value in node.value:
        lines.setdefault((str(key.value),), key.start_mark.line + 1)
        if key.value == "plugins":
            stack = [value]
            while stack:
                current = stack.pop()
                pairs = current.value if isinstance(current, yaml.MappingNode) else []
                for inner, child in pairs:
                    lines.setdefault(("plugins", str(inner.value)), inner.start_mark.line + 1)
                stack.extend(child for _, child in pairs)
                if isinstance(current, yaml.SequenceNode):
                    stack.extend(current.value)
    return lines


# The two forms of mkdocs.config.base.load_config's and PluginsConfig's messages (MkDocs 1.6).
_MESSAGE = re.compile(r"^Config value '(?P<name>[^']+)': (?P<text>.*)$", re.S)
_PLUGIN_MESSAGE = re.compile(r"^Plugin '(?P<plugin>[^']+)' option '(?P<option>[^']+)': (?P<text>.*)$")
# (option, message, "error" | "warning") of the timeline plugin's validation, while read_config runs.
_PLUGIN_FINDINGS: ContextVar[list[tuple[str, str, str]] | None] = ContextVar("timeline_plugin_findings", default=None)


def _forget_stale_warnings() -> None:
    """MkDocs' options are shared by every ``MkDocsConfig`` (class attributes),
    and one that fails keeps the warnings it gathered (``plugins`` keeps a
    refused plugin's unknown-option warnings): the next ``load_config`` in the
    process would report them as its own (``timeline serve`` after a fix, or
    tests)."""
    for _, option in MkDocsConfig._schema:
        option.reset_warnings()


def _problems_of(config_file: Path, record: logging.LogRecord, lines: dict[tuple[str, ...], int],
                 ours: set[str] = frozenset()) -> list[Problem]:
    """MkDocs' message about mkdocs.yml as problems: one per plugin option it
    names, except the timeline plugin's options in ``ours`` (reported from its
    own validation)."""
    severity = "error" if record.levelno >= logging.ERROR else "warning"
    message = record.getMessage()
    matched = _MESSAGE.match(message)
    name, text = (matched["name"], matched["text"]) if matched else ("mkdocs.yml", message)
    problems = []
    for part in text.split("\n"):
        option = _PLUGIN_MESSAGE.match(part.strip())
        if option and option["plugin"].split(" #", 1)[0] == PLUGIN_NAME and option["option"] in ours:
            continue
        if option:
            field = f"{name}.{option['plugin']}.{option['option']}"
            line = lines.get(("plugins", option["option"]), lines.get((name,), 1))
            problems.append(Problem(str(config_file), line, field, option["text"], severity))
        elif part.strip():
            problems.append(Problem(str(config_file), lines.get((name,), 1), name, part.strip(), severity))
    return problems


@contextmanager
def _mkdocs_messages(records: list[logging.LogRecord]) -> Iterator[None]:
    """Collect what MkDocs logs about the config (warnings and errors) instead of printing it."""

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    logger = logging.getLogger("mkdocs.config")
    handler, propagate = Collect(logging.WARNING), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
