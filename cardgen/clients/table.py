"""Read a clients CSV (client, practitioner, contact, date; a header row) for a batch of personal booklets.

Every bad row is reported at once by its row number (the spreadsheet's row number: the header is row 1), before
anything is built. Client names only ever reach the PDFs asked for: nothing here caches, logs or copies them.
A client's file name is a slug of the name that is safe on every file system.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem
from ..layout.booklet_cover import Personal
from ..source.limits import MAX_PERSONAL
from ..source.paths import NotReadable, read_regular

COLUMNS = ("client", "practitioner", "contact", "date")
#: A clients file is a short list typed by hand; anything larger is almost surely the wrong file.
MAX_BYTES = 2 * 1024 * 1024
#: One limit for every personal field, whether it comes from the CSV or from --client and the like.
MAX_CELL = MAX_PERSONAL
MAX_SLUG = 60
#: Names Windows refuses as file names, whatever the extension.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


@dataclass(frozen=True)
class ClientRow:
    row: int
    personal: Personal
    slug: str


def slug(name: str) -> str:
    """A file-name stem from a name: letters (any script, with their marks) and digits, lower case, runs of
    anything else as one '-'; never empty of meaning, never a path, never a reserved device name.

    "Anna Müller" -> "anna-müller"; "../etc" -> "etc"; "สมชาย ใจดี" keeps its Thai letters and vowel marks.
    """
    text = unicodedata.normalize("NFC", name).casefold()
    kept = "".join(c if unicodedata.category(c)[0] in "LNM" else "-" for c in text)
    stem = re.sub(r"-+", "-", kept).strip("-")
    while stem and unicodedata.category(stem[0])[0] in "M-":  # no lone mark (or dash) to start a file name
        stem = stem[1:]
    stem = stem[:MAX_SLUG].strip("-")
    return f"client-{stem}" if stem in _RESERVED else stem


def _unique(stem: str, taken: set[str]) -> str:
    """`stem`, or stem-2, stem-3...: neither the booklet nor its -print file may clash with another client's."""
    candidate, n = stem, 1
    while candidate in taken or f"{candidate}-print" in taken:
        n += 1
        candidate = f"{stem}-{n}"
    taken.update({candidate, f"{candidate}-print"})
    return candidate


def _text(path: Path) -> str:
    where = str(path)
    try:
        data = read_regular(path, MAX_BYTES)  # a device or FIFO is refused; the limit holds for what is read
    except NotReadable as exc:
        raise InputError([Problem(where, None, None, "", f"{exc}; expected a CSV file")]) from None
    except OSError as exc:
        raise InputError([Problem(where, None, None, "", f"cannot read the clients file: {exc.strerror}")]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            [Problem(where, line, None, f"row {line}", "not UTF-8 text; save the file as CSV UTF-8")]
        ) from None


def _header(cells: list[str], where: str) -> tuple[list[str], list[Problem]]:
    names = [cell.strip().casefold() for cell in cells]
    problems = []
    for name in names:
        if name not in COLUMNS:
            problems.append(
                Problem(where, 1, None, "row 1", f"unknown column {name!r}; accepted columns: {', '.join(COLUMNS)}")
            )
    for name in {n for n in names if names.count(n) > 1}:
        problems.append(Problem(where, 1, None, "row 1", f"column {name!r} appears twice"))
    if "client" not in names:
        problems.append(
            Problem(where, 1, None, "row 1", f"the header row needs a 'client' column; columns: {', '.join(COLUMNS)}")
        )
    return names, problems


def _check_cell(column: str, value: str) -> str | None:
    if len(value) > MAX_CELL:
        return f"{column} is {len(value)} characters long; at most {MAX_CELL}"
    if any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in value):
        return f"{column} contains control characters"
    return None


def read_clients(path: Path, defaults: Personal | None = None) -> list[ClientRow]:
    """One ClientRow per data row; blank cells take `defaults` (the --practitioner, --contact, --date given)."""
    defaults = (defaults or Personal()).cleaned()
    where = str(path)
    # strict: a stray quote is an error, not a cell that swallows the rows after it ("Anna, Bob, Carol")
    reader = csv.reader(io.StringIO(_text(path), newline=""), strict=True)
    problems: list[Problem] = []
    rows: list[ClientRow] = []
    taken: set[str] = set()
    line = 0  # the last line of the last row read: a row that fails to parse starts on the next
    try:
        header = next(reader, None)
        if header is None:
            raise InputError([Problem(where, None, None, "", "the file is empty; it needs a header row: client,...")])
        names, problems = _header(header, where)
        if problems:
            raise InputError(problems)
        line = reader.line_num
        for cells in reader:
            row, line = line + 1, reader.line_num  # a quoted cell may span lines: report where the row starts
            if not any(cell.strip() for cell in cells):
                continue
            name = cells[names.index("client")] if len(cells) > names.index("client") else ""
            if "\n" in name or "\r" in name:  # a name is one line (as --client is): rows swallowed by a quote
                problems.append(
                    Problem(where, row, None, f"row {row}", "the client cell runs over several lines; check its quotes")
                )
                continue
            if len(cells) > len(names):
                problems.append(
                    Problem(where, row, None, f"row {row}", f"{len(cells)} cells, but the header names {len(names)}")
                )
                continue
            values = dict(zip(names, cells, strict=False))
            found = [m for m in (_check_cell(c, values.get(c, "")) for c in COLUMNS) if m]
            personal = Personal(
                values.get("client"),
                values.get("practitioner") or defaults.practitioner,
                values.get("contact") or defaults.contact,
                values.get("date") or defaults.date,
            ).cleaned()
            if not personal.client:
                found.append("client is empty; every row needs the client's name")
            elif not slug(personal.client):
                found.append("client has no letters or digits to name the file after")
            problems += [Problem(where, row, None, f"row {row}", message) for message in found]
            if not found and personal.client:
                rows.append(ClientRow(row, personal, _unique(slug(personal.client), taken)))
    except csv.Error as exc:
        where_row = line + 1
        problems.append(
            Problem(where, where_row, None, f"row {where_row}", f"not valid CSV ({exc}); check the quotes on this row")
        )
    if not problems and not rows:
        problems.append(Problem(where, None, None, "", "no clients: add one row per client under the header row"))
    if problems:
        raise InputError(problems)
    return rows
