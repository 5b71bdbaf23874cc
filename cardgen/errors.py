"""The one exception root. Library code raises these; only the CLI prints them.

Subclassing click.ClickException (as mkdocs does) lets the CLI turn every user error into a short message and
the right exit code without a traceback, while library users can still catch CardgenError.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Any

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


def quote(value: object, limit: int = 60) -> str:
    """repr() of a user's value for a message, cut short so one huge value cannot flood the terminal."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 5]}…{text[-4:]}"


class CardgenError(click.ClickException):
    """Root of every error cardgen reports to a user (exit code 1)."""

    exit_code = 1

    def show(self, file: IO[Any] | None = None) -> None:
        """One line per problem, starting with its place (as compilers do, so editors can jump to it)."""
        click.echo(self.format_message(), err=True, file=file)


#: The "file" of a problem with a value given as a build option (--card, --margin, ...).
COMMAND_LINE = "command line"


class InputError(CardgenError):
    """Content or layout files are wrong; carries every problem found in the run, not just the first.

    When every problem is in a value given on the command line, it is a usage error (exit code 2).
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(dict.fromkeys(problems))  # the same problem found twice is listed once
        if self.problems and all(p.file == COMMAND_LINE for p in self.problems):
            self.exit_code = 2
        count = len(self.problems)
        head = f"cardgen: {count} problem{'s' if count != 1 else ''} found; nothing was written."
        super().__init__("\n".join([*(str(p) for p in self.problems), head]))


class UsageError(CardgenError):
    """The command line asks for something that cannot be (an unknown language); exit code 2 like click's own."""

    exit_code = 2

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"Error: {self.format_message()}", err=True, file=file)


class OutputError(CardgenError):
    """An output cannot be written (a file in the way, no permission); found before any work is done."""


class FitError(CardgenError):
    """Text does not fit its box even at the layout's minimum size.

    `key` is the dotted text key (e.g. "steps.wave.instruction") and `lang` the language being laid out, so
    the build can turn this into a Problem at the line of the text that is too long.
    """

    def __init__(self, message: str, *, key: str | None = None, lang: str | None = None) -> None:
        super().__init__(message)
        self.key = key
        self.lang = lang
        self.parts: list[FitError] = [self]

    @classmethod
    def combine(cls, errors: list[FitError]) -> FitError:
        """One error standing for several (every card that does not fit), so all are reported in one run."""
        combined = cls("\n".join(e.message for e in errors), key=errors[0].key, lang=errors[0].lang)
        combined.parts = [part for e in errors for part in e.parts]
        return combined


class InternalError(CardgenError):
    """A bug in cardgen, not in the user's files: one short line and how to see the traceback (exit code 3)."""

    exit_code = 3


class Interrupted(CardgenError):
    """A run stopped by a signal (SIGTERM, SIGHUP, Ctrl-C) after cleaning up; exit code 128 + the signal, as a
    shell reports a process the signal ended."""

    def __init__(self, message: str, signum: int) -> None:
        super().__init__(message)
        self.exit_code = 128 + signum
