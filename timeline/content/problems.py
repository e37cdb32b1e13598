"""Problems in content, reported as ``path:line: field: message``.

Every stage collects problems instead of stopping at the first, so an editor
sees all of them at once. ``ContentError`` carries them to the command line,
where click prints the message without a traceback.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable

import click


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth a warning) in one file."""

    path: str
    line: int
    field: str
    message: str
    severity: str = "error"  # "error" | "warning"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}: {self.field}: {prefix}{self.message}"


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """A ' (did you mean "x"?)' suffix, or '' when nothing is close."""
    close = difflib.get_close_matches(str(value), sorted(set(choices)), n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(f'"{c}"' for c in close) + "?)"


class ContentError(click.ClickException):
    """Content is invalid: every problem, then a count. Exit code 1."""

    exit_code = 1

    def __init__(self, problems: Iterable[Problem], action: str = "check") -> None:
        self.problems = sorted(problems)
        count = len(errors(self.problems))
        lines = [str(p) for p in self.problems]
        lines.append(f"{action} failed: {count} problem{'s' if count != 1 else ''} found")
        super().__init__("\n".join(lines))

    def format_message(self) -> str:
        return self.message

    def show(self, file=None) -> None:  # no "Error: " prefix: lines start with a path
        click.echo(self.format_message(), err=True, file=file)
