"""Field checks shared by articles and entries.

Each check appends a ``Problem`` naming the file, line and field, and returns
the parsed value or None: a file with three mistakes gets three messages.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, Callable, Iterable
from urllib.parse import urlsplit

from timeline.content.ids import ID_PATTERN, MAX_ID_LENGTH
from timeline.content.model import PARTS_OF_DAY, PartialDate
from timeline.content.problems import Problem, did_you_mean

TIME_PATTERN = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
WAYBACK_HOSTS = ("web.archive.org", "wayback.archive.org")
WAYBACK_PATH = re.compile(r"^/web/(\d+)[a-z_]*/(.+)$")

Line = Callable[..., int]


def check_unknown_keys(path: str, data: dict, known: Iterable[str], line: Line, problems: list[Problem], prefix: str = "") -> None:
    known = tuple(known)
    for key in data:
        if key not in known:
            problems.append(Problem(path, line(key), f"{prefix}{key}", f"unknown field{did_you_mean(key, known)}; it is ignored", "warning"))


def check_id(path: str, value: Any, stem: str, line: int, problems: list[Problem]) -> str | None:
    """An id is lowercase ASCII letters, digits and hyphens, and the file's stem."""
    if value is None or str(value).strip() == "":
        problems.append(Problem(path, line, "id", f'required; use the file name: id: {stem}'))
        return None
    value = str(value)
    if not ID_PATTERN.match(value):
        problems.append(Problem(path, line, "id", f'"{value}" is not a safe id: use lowercase ASCII letters, digits and hyphens (no "/", "..", spaces or Arabic letters), at most {MAX_ID_LENGTH} characters'))
        return None
    if value != stem:
        problems.append(Problem(path, line, "id", f'"{value}" differs from the file name "{stem}"; rename one so they match'))
        return None
    return value


def parse_partial(path: str, value: Any, field: str, line: int, problems: list[Problem], *, required: bool) -> PartialDate | None:
    if value is None or str(value).strip() == "":
        if required:
            problems.append(Problem(path, line, field, "required; write YYYY-MM-DD, YYYY-MM or YYYY"))
        return None
    text = str(value).strip()
    try:
        return PartialDate.parse(text)
    except ValueError:
        pass
    if re.fullmatch(r"\d{4}(-\d{2}){0,2}", text):
        problems.append(Problem(path, line, field, f'"{text}" is not a real day; write YYYY-MM-DD, YYYY-MM or YYYY'))
    else:
        problems.append(Problem(path, line, field, f'"{text}" is not a date; write YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2018-04-08)'))
    return None


def parse_day(path: str, value: Any, field: str, line: int, problems: list[Problem], *, required: bool) -> date | None:
    partial = parse_partial(path, value, field, line, problems, required=required)
    if partial is None:
        return None
    if partial.precision != "day":
        problems.append(Problem(path, line, field, f'"{partial.iso}" must be a full day, YYYY-MM-DD'))
        return None
    return partial.first_day()


def check_time(path: str, value: Any, line: int, problems: list[Problem]) -> str | None:
    if value is None:
        return None
    text = str(value)
    if not TIME_PATTERN.match(text) and text not in PARTS_OF_DAY:
        problems.append(Problem(path, line, "time", f'"{text}" is not a time; write HH:MM in 24-hour local time, quoted: time: "14:30", '
                                                   f'or a part of the day: {", ".join(PARTS_OF_DAY)}'))
        return None
    return text


def check_bool(path: str, value: Any, field: str, line: int, problems: list[Problem]) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        problems.append(Problem(path, line, field, f'"{value}" must be true or false'))
        return False
    return value


def check_http_url(path: str, value: Any, field: str, line: int, problems: list[Problem]) -> str | None:
    """Only http(s) URLs with a host; an archive URL must carry a real timestamp."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in text):
        problems.append(Problem(path, line, field, f'"{_short(text)}" is not an http(s) URL; only http:// and https:// links are allowed'))
        return None
    if parts.hostname in WAYBACK_HOSTS:
        _check_wayback(path, parts.path, field, line, problems)
    return text


def _check_wayback(path: str, url_path: str, field: str, line: int, problems: list[Problem]) -> None:
    match = WAYBACK_PATH.match(url_path)
    stamp = match.group(1) if match else ""
    valid = len(stamp) == 14
    if valid:
        try:
            datetime.strptime(stamp, "%Y%m%d%H%M%S")
        except ValueError:
            valid = False
    if not valid:
        problems.append(Problem(path, line, field, "a Wayback Machine URL needs a real 14-digit timestamp: https://web.archive.org/web/YYYYMMDDhhmmss/<original URL>"))


def wayback_timestamp(url: str | None) -> str | None:
    """The capture time of a Wayback URL as ISO 8601, for Robust Links."""
    if not url:
        return None
    parts = urlsplit(url)
    match = WAYBACK_PATH.match(parts.path) if parts.hostname in WAYBACK_HOSTS else None
    if not match or len(match.group(1)) != 14:
        return None
    try:
        return datetime.strptime(match.group(1), "%Y%m%d%H%M%S").strftime("%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return None


def check_string_list(path: str, value: Any, field: str, line: int, problems: list[Problem]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) and str(v).strip() for v in value):
        problems.append(Problem(path, line, field, "must be a list, e.g. [douma, wafideen-camp]"))
        return []
    return [str(v).strip() for v in value]


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
