"""Errors of the snapshot stage, shown to users as messages (exit code 1)."""

from __future__ import annotations

from typing import Iterable

import click


class SnapshotError(click.ClickException):
    """A snapshot could not be made or read; the message says why and what to do."""

    exit_code = 1


class VerifyError(SnapshotError):
    """A bag failed verification: one line per missing, extra or changed file."""

    def __init__(self, bag: str, problems: Iterable[str]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        lines = [*self.problems, f"verify failed: {bag}: {count} problem{'s' if count != 1 else ''} found"]
        super().__init__("\n".join(lines))

    def format_message(self) -> str:
        return self.message

    def show(self, file=None) -> None:  # noqa: ANN001 - click's signature
        click.echo(self.format_message(), err=True, file=file)
