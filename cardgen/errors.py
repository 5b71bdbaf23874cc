"""The one exception root. Library code raises these; only the CLI prints them.

Subclassing click.ClickException (as mkdocs does) lets the CLI turn every user error into a short message and
the right exit code without a traceback, while library users can still catch CardgenError.
"""

from __future__ import annotations

from dataclasses import dataclass

import click


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the user's input, with its place: file:line:col: field.path: message."""

    file: str
    line: int | None
    col: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class CardgenError(click.ClickException):
    """Root of every error cardgen reports to a user (exit code 1)."""

    exit_code = 1


class InputError(CardgenError):
    """Content or layout files are wrong; carries every problem found in the run, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} found; nothing was written."
        super().__init__("\n".join([*(str(p) for p in self.problems), head]))


class OutputError(CardgenError):
    """An output cannot be written (a file in the way, no permission)."""


class FitError(CardgenError):
    """Text does not fit its box even at the layout's minimum size."""
