"""Which body view each step is drawn on, found and checked while the routine loads.

A step's `view:` (else the routine's, else `back`) names a drawing: the routine's own `content/views/NAME.svg`
first (confined to the content folder, like every file content names), then the views shipped with cardgen.
A malformed view is an error at the SVG's file and line; a stroke naming a landmark its view lacks is an error
at its line in routine.yaml listing the view's landmarks. Both are found here, before layout begins.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..diagrams.strokes import missing_landmark
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


#: The routine's own default when it names none; the shipped back routine relies on it.
DEFAULT_VIEW = "back"
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def _name(value: Any) -> str | None:
    return value if isinstance(value, str) and _NAME.match(value) else None


def step_views(source: Source, content_dir: Path, problems: list[Problem]) -> list[View | None]:
    """The view of each step of routine.yaml, read from the raw data so it works even when the schema found
    problems elsewhere (a wrong name of a view is the schema's to report). Each view is loaded once."""
    data = source.data if isinstance(source.data, dict) else {}
    steps = data.get("steps") if isinstance(data.get("steps"), list) else []
    default = _name(data.get("view", DEFAULT_VIEW))
    loaded: dict[str, View | None] = {}

    def get(name: str | None, loc: Key) -> View | None:
        if name is None:
            return None
        if name not in loaded:
            loaded[name] = load_view(name, content_dir, source, loc, problems)
        return loaded[name]

    get(default, ("view",))
    views = []
    for i, step in enumerate(steps):
        own = step.get("view") if isinstance(step, dict) else None
        views.append(get(_name(own), ("steps", i, "view")) if own is not None else get(default, ("view",)))
    return views


def check_landmarks(source: Source, views: list[View | None], problems: list[Problem]) -> None:
    """Every landmark a stroke names (path, around, at) exists in its step's view; on the raw data, for a run
    where the schema refused something else (else `strokes.problems` checks the validated strokes)."""
    steps = source.data.get("steps") if isinstance(source.data, dict) else None
    for i, (step, view) in enumerate(zip(steps if isinstance(steps, list) else [], views, strict=False)):
        diagram = step.get("diagram") if isinstance(step, dict) and view is not None else None
        for j, stroke in enumerate(diagram if isinstance(diagram, list) else []):
            if not isinstance(stroke, dict):
                continue
            path = stroke.get("path") if isinstance(stroke.get("path"), list) else []
            named: list[tuple[Key, Any]] = [(("path", k), n) for k, n in enumerate(path)]
            named += [((key,), stroke[key]) for key in ("around", "at") if key in stroke]
            for loc, name in named:
                if isinstance(name, str) and _NAME.match(name) and name not in view.landmarks:
                    problems.append(source.problem(("steps", i, "diagram", j, *loc), missing_landmark(view, name)))
