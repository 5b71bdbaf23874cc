"""Start a new routine project from the templates shipped in cardgen/templates/init.

The scaffold is data (YAML and Markdown files copied as they are), so what `init` writes can be read, edited and
tested like any other content; the editor schemas are generated next to it so the files validate from the start.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ..errors import OutputError
from ..source.builtin import example_content
from ..source.schema.editor import write_schemas
from .atomic import ensure_writable_dir, write_atomic

TEMPLATE = ("templates", "init")


def _files(folder: Traversable, prefix: Path = Path()) -> list[tuple[Path, bytes]]:
    found: list[tuple[Path, bytes]] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            found.extend(_files(entry, prefix / entry.name))
        elif not entry.name.startswith("."):
            found.append((prefix / entry.name, entry.read_bytes()))
    return found


def template_files() -> list[tuple[Path, bytes]]:
    """(relative path, bytes) of every file a new project starts with, schemas excluded."""
    return _files(resources.files("cardgen").joinpath(*TEMPLATE))


def project_files(example: str | None = None) -> list[tuple[Path, bytes]]:
    """(relative path, bytes) of a new project: the template, its content/ replaced by the example's if asked."""
    files = template_files()
    if example is None:
        return files
    content = [(Path("content") / path, data) for path, data in _files(example_content(example))]
    return [(path, data) for path, data in files if path.parts[0] != "content"] + content


def init_project(folder: Path, example: str | None = None) -> list[Path]:
    """Write a new project into `folder`, which must be empty or not exist yet; return the files written.

    `example` (a name in source.builtin.EXAMPLES) starts from that shipped routine instead of the template's."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise OutputError(f"{folder} is not an empty folder; `init` only starts a project in an empty one")
    ensure_writable_dir(folder)
    written = []
    for relative, data in project_files(example):
        write_atomic(folder / relative, data)
        written.append(folder / relative)
    return written + write_schemas(folder / "schemas")
