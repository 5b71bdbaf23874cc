"""Which body view each step is drawn on, found and checked while the routine loads.

A step's `view:` (else the routine's, else `back`) names a drawing: the routine's own `content/views/NAME.svg`
first (confined to the content folder, like every file content names), then the views shipped with cardgen.
A malformed view is an error at the SVG's file and line; a stroke naming a landmark its view lacks is an error
at its line in routine.yaml listing the view's landmarks. Both are found here, before layout begins.
"""

from __future__ import annotations

from pathlib import Path

from ..diagrams.views import View, ViewError, content_view, shipped_names, shipped_view
from ..errors import Problem
from .marked_yaml import Key, Source, display_path
from .paths import PathRefused, resolve_inside


class UnknownView(LookupError):
    """No view of that name in the content folder or among the shipped ones; str() lists what there is."""


def content_views(content_dir: Path) -> tuple[str, ...]:
    folder = content_dir / "views"
    return tuple(sorted(p.stem for p in folder.glob("*.svg"))) if folder.is_dir() else ()


def find_view(name: str, content_dir: Path) -> View:
    """The view `name`: content/views/NAME.svg if the routine brings one, else the shipped one.

    Raises UnknownView, PathRefused (a view file leading outside the content folder) or ViewError."""
    path = resolve_inside(f"views/{name}.svg", content_dir, [content_dir], "the content folder")
    if path.is_file():
        return content_view(path, display_path(path))
    try:
        return shipped_view(name)
    except KeyError:
        own = content_views(content_dir)
        raise UnknownView(
            f"no view {name!r}; shipped views: {', '.join(shipped_names())}"
            + (f"; this routine's own: {', '.join(own)}" if own else "")
            + f"; or draw one as {display_path(content_dir / 'views' / f'{name}.svg')} (cardgen views lists them)"
        ) from None


def load_view(name: str, content_dir: Path, source: Source, loc: Key, problems: list[Problem]) -> View | None:
    """`find_view`, its problems added to `problems` (at the view file, or at `loc` in routine.yaml)."""
    try:
        return find_view(name, content_dir)
    except ViewError as exc:
        problems.append(Problem(exc.file, exc.line, None, "", exc.message))
    except (UnknownView, PathRefused) as exc:
        problems.append(source.problem(loc, str(exc)))
    return None
