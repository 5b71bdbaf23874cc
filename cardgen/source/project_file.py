"""Find the project a command runs in, as mkdocs finds mkdocs.yml: the nearest cardgen.toml at or above the
current folder names the project's content, layouts and output folders.

TOML rather than YAML on purpose: the standard library reads it (tomllib), so a `cardgen build` that finds
nothing to rebuild still costs only a Python start (YAML, pydantic and reportlab stay unimported). A folder
with no project file above it but a content/ folder inside is a project too (how the repository and folders
made before `cardgen init` wrote a project file are used).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import NamedTuple

PROJECT_FILE = "cardgen.toml"
#: key -> its default, relative to the project file; `layouts` unset means the built-in layouts as they are.
DEFAULTS: dict[str, str | None] = {"content": "content", "layouts": None, "out": "build"}


class ProjectFolders(NamedTuple):
    """The folders of the project found, as paths to show (relative to the current folder where possible).

    A NamedTuple, not a dataclass: dataclasses imports inspect, a tenth of what a no-op build costs."""

    root: Path
    file: Path | None  # None: a folder with content/ and no project file
    content: Path
    layouts: Path | None
    out: Path


def _shown(path: Path, cwd: Path) -> Path:
    """`path` relative to the current folder when it is below it or near it (build/en/deck.pdf), else absolute."""
    try:
        relative = Path(os.path.relpath(path, cwd))
    except ValueError:  # another drive (Windows)
        return path
    return relative if len(relative.parts) <= len(path.parts) else path


def read_project(file: Path, cwd: Path) -> ProjectFolders:
    """The folders `file` (a cardgen.toml) names; an unreadable file or an unknown key is an error at file:line.

    cardgen.errors is imported only when there is an error: it imports click, and a no-op build finds its
    project before click is imported (commands/noop.py)."""
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        from ..errors import InputError, Problem

        raise InputError([Problem(str(file), None, None, "", f"cannot read the project file: {exc}")]) from None
    wrong = [key for key, value in data.items() if not (key in DEFAULTS and isinstance(value, str) and value)]
    if wrong:
        from ..errors import InputError, Problem

        problems = []
        for key in wrong:
            if key not in DEFAULTS:
                message = f"unknown setting; allowed: {', '.join(DEFAULTS)}"
            else:
                message = f"expected a folder name in quotes, such as {key} = {DEFAULTS[key] or 'layouts'!r}"
            problems.append(Problem(str(file), _line_of(file, key), None, key, message))
        raise InputError(problems)
    root = file.parent
    folders = {key: data.get(key, default) for key, default in DEFAULTS.items()}
    layouts = folders["layouts"]
    return ProjectFolders(
        root=root,
        file=file,
        content=_shown(root / str(folders["content"]), cwd),
        layouts=None if layouts is None else _shown(root / layouts, cwd),
        out=_shown(root / str(folders["out"]), cwd),
    )


def _line_of(file: Path, key: str) -> int | None:
    """The line where `key` is set (tomllib keeps no positions; the file is a handful of lines)."""
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
        if line.split("=", 1)[0].strip().strip("\"'") == key:
            return number
    return None


def find_project(cwd: Path | None = None) -> ProjectFolders | None:
    """The project the current folder is in, or None: the nearest cardgen.toml at or above it, else a
    content/ folder right here (with layouts/ beside it when there is one)."""
    cwd = Path.cwd() if cwd is None else cwd
    here = cwd.resolve()
    for folder in (here, *here.parents):
        if (folder / PROJECT_FILE).is_file():
            return read_project(folder / PROJECT_FILE, here)
    if (here / "content").is_dir():
        layouts = Path("layouts") if (here / "layouts").is_dir() else None
        return ProjectFolders(here, None, Path("content"), layouts, Path("build"))
    return None
