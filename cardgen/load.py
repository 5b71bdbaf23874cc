"""Load and validate every content and layout file, collecting all problems before anything is built."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagrams.vocabulary import Stroke
from .errors import InputError, Problem
from .model import Geometry, Layout, Routine, Step
from .schema.common import validate
from .schema.layout import LayoutModel, Presets
from .schema.routine import RoutineModel, StrokeModel
from .schema.text import TextModel
from .source import Source, SourceError, load_yaml
from .units import parse_size

BUILTIN_LAYOUTS = Path(__file__).resolve().parent.parent / "layouts"


@dataclass
class Project:
    """Everything a build needs, validated: the routine, each language's raw text source, the layout."""

    content_dir: Path
    routine: Routine
    routine_source: Source
    texts: dict[str, Source]
    source_text: TextModel
    layout: Layout
    problems: list[Problem] = field(default_factory=list)

    @property
    def languages(self) -> list[str]:
        """Source language first, then the others alphabetically (a stable build order)."""
        others = sorted(lang for lang in self.texts if lang != self.routine.source_language)
        return [self.routine.source_language, *others]


def _read(path: Path, problems: list[Problem]) -> Source | None:
    try:
        return load_yaml(path)
    except SourceError as exc:
        problems.append(exc.problem)
        return None


def load_routine(content_dir: Path, problems: list[Problem]) -> tuple[Routine | None, Source | None]:
    path = content_dir / "routine.yaml"
    if not path.is_file():
        problems.append(Problem(str(path), None, None, "", "no routine.yaml here; is --content the right folder?"))
        return None, None
    source = _read(path, problems)
    if source is None:
        return None, None
    spec, found = validate(RoutineModel, source)
    problems.extend(found)
    if spec is None:
        return None, source
    from .diagrams.strokes import validate as validate_stroke

    seen: set[str] = set()
    for i, step in enumerate(spec.steps):
        for j, stroke in enumerate(step.diagram):
            for message in validate_stroke(_stroke(stroke)):
                problems.append(source.problem(("steps", i, "diagram", j), message))
        if step.id in seen:
            problems.append(
                source.problem(("steps", i, "id"), f"duplicate step id {step.id!r}; each step needs its own id")
            )
        seen.add(step.id)
    steps = tuple(
        Step(
            id=s.id,
            number=i + 1,
            hands=s.hands,
            direction=s.direction,
            minutes=s.minutes,
            strokes=tuple(_stroke(k) for k in s.diagram),
        )
        for i, s in enumerate(spec.steps)
    )
    routine = Routine(
        id=spec.id,
        source_language=spec.source_language,
        steps=steps,
        types=tuple(spec.types),
        essential_oils=tuple(spec.essential_oils),
        music=tuple(spec.music),
    )
    return routine, source


def _stroke(spec: StrokeModel) -> Stroke:
    return Stroke(
        kind=spec.kind,
        side=spec.side,
        path=tuple(spec.path),
        around=spec.around,
        turn=spec.turn,
        pressure=spec.pressure,
        order=spec.order,
        repeat=spec.repeat,
        minutes=spec.minutes,
    )


def load_texts(content_dir: Path, problems: list[Problem]) -> dict[str, Source]:
    folder = content_dir / "text"
    texts: dict[str, Source] = {}
    for path in sorted(folder.glob("*.yaml")):
        if path.name.endswith(".lock.yaml"):  # the tool's record of source hashes, not a language (see i18n)
            continue
        source = _read(path, problems)
        if source is not None:
            texts[path.stem] = source
    return texts


def check_text_covers_routine(
    routine: Routine, routine_src: Source, text: TextModel, text_src: Source
) -> list[Problem]:
    """Every id the routine uses needs its words in the source language; report at the routine's line."""
    problems: list[Problem] = []
    where = text_src.display

    def need(table: dict[str, Any], key: str, loc: tuple[Any, ...], what: str) -> None:
        if key not in table:
            known = ", ".join(sorted(table)) or "none yet"
            problems.append(routine_src.problem(loc, f"{what} {key!r} has no text in {where}; known: {known}"))

    for i, step in enumerate(routine.steps):
        need(text.steps, step.id, ("steps", i, "id"), "step")
        need(text.ui.hands, step.hands, ("steps", i, "hands"), "hands")
        need(text.ui.direction, step.direction, ("steps", i, "direction"), "direction")
    from .diagrams.legend import legend_items

    for key in (item.key for item in legend_items()):
        if key not in text.ui.legend:
            problems.append(
                text_src.problem(
                    ("ui", "legend"),
                    f"no label for the diagram symbol {key!r}; "
                    f"every symbol needs one: {', '.join(i.key for i in legend_items())}",
                )
            )
    for i, type_id in enumerate(routine.types):
        need(text.types.items, type_id, ("types", i), "type")
    for i, oil in enumerate(routine.essential_oils):
        need(text.preparation.essential_oils, oil, ("essential_oils", i), "essential oil")
    return problems


def load_project(
    content_dir: Path,
    layouts_dir: Path | None = None,
    layout_name: str = "default",
    overrides: dict[str, dict[str, Any]] | None = None,
) -> Project:
    """Load everything; raise one InputError listing every problem in every file."""
    problems: list[Problem] = []
    routine, routine_src = load_routine(content_dir, problems)
    texts = load_texts(content_dir, problems)
    layout = load_layout(layouts_dir or BUILTIN_LAYOUTS, layout_name, problems, overrides or {})
    source_text: TextModel | None = None
    if routine is not None and routine_src is not None:
        src_lang = routine.source_language
        if src_lang not in texts:
            if not any(p.file.endswith(f"{src_lang}.yaml") for p in problems):
                problems.append(
                    routine_src.problem(
                        ("source_language",), f"no text file text/{src_lang}.yaml for the source language"
                    )
                )
        else:
            source_text, found = validate(TextModel, texts[src_lang])
            problems.extend(found)
            if source_text is not None:
                problems.extend(check_text_covers_routine(routine, routine_src, source_text, texts[src_lang]))
        for lang, src in texts.items():
            if lang != src_lang:
                problems.extend(validate(TextModel, src, ignore_missing=True)[1])
    if problems or routine is None or layout is None or source_text is None or routine_src is None:
        raise InputError(problems)
    return Project(content_dir, routine, routine_src, texts, source_text, layout)


def unknown_languages(project: Project, langs: list[str]) -> list[Problem]:
    """A problem for each asked-for language the content has no text file for."""
    return [
        Problem(
            str(project.content_dir / "text"),
            None,
            None,
            "",
            f"no text for language {lang!r}; available: {', '.join(project.languages)}",
        )
        for lang in langs
        if lang not in project.texts
    ]


def _deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        out[key] = _deep_merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _layout_chain(layouts_dir: Path, name: str, problems: list[Problem]) -> tuple[dict[str, Any], list[Path]] | None:
    """Follow `extends:` (user folder first, then built-in), merging child over parent; cycles are errors."""
    chain: list[Source] = []
    used: list[Path] = []
    current: str | None = name
    while current is not None:
        # A user layout may extend the built-in layout of the same name ("default" extends "default").
        candidates = [d / f"{current}.yaml" for d in (layouts_dir, BUILTIN_LAYOUTS)]
        path = next((p.resolve() for p in candidates if p.is_file() and p.resolve() not in used), None)
        if path is None:
            if any(p.is_file() for p in candidates):
                names = " -> ".join([*(u.stem for u in used), current])
                problems.append(chain[-1].problem(("extends",), f"layouts extend each other in a cycle: {names}"))
            else:
                where = chain[-1].problem(("extends",), "") if chain else None
                message = f"no layout named {current!r} in {layouts_dir} or the built-in layouts"
                problems.append(
                    Problem(where.file, where.line, where.col, "extends", message)
                    if where
                    else Problem(str(layouts_dir / f"{current}.yaml"), None, None, "", message)
                )
            return None
        used.append(path)
        source = _read(path, problems)
        if source is None:
            return None
        if not isinstance(source.data, dict):
            problems.append(source.problem((), "a layout file must be a mapping of sections (card, sheet, ...)"))
            return None
        chain.append(source)
        current = source.data.get("extends")
    merged: dict[str, Any] = {}
    for source in reversed(chain):
        merged = _deep_merge(merged, source.data)
    merged.pop("extends", None)
    # resolve fonts.dir relative to the file that set it
    for source in chain:
        if isinstance(source.data.get("fonts"), dict) and "dir" in source.data["fonts"]:
            merged.setdefault("fonts", {})["dir"] = str((source.path.parent / source.data["fonts"]["dir"]).resolve())
            break
    return merged, [s.path for s in chain]


def load_layout(
    layouts_dir: Path, name: str, problems: list[Problem], overrides: dict[str, dict[str, Any]]
) -> Layout | None:
    found = _layout_chain(layouts_dir, name, problems)
    presets_path = layouts_dir / "presets.yaml"
    presets_src = _read(presets_path if presets_path.is_file() else BUILTIN_LAYOUTS / "presets.yaml", problems)
    if found is None or presets_src is None:
        return None
    data, files = found
    data = _deep_merge(data, overrides)
    first = load_yaml(files[0])
    first.data = data  # report against the layout the user named; marks of inherited keys fall back to the file
    spec, errs = validate(LayoutModel, first)
    presets, perrs = validate(Presets, presets_src)
    problems.extend(errs + perrs)
    if spec is None or presets is None:
        return None

    def size(value: str, table: dict[str, str], loc: tuple[str, str], orientation: str) -> tuple[float, float]:
        try:
            w, h = parse_size(table.get(value.lower(), value))
        except ValueError as exc:
            problems.append(first.problem(loc, f"{exc}; or a preset: {', '.join(table)}"))
            return 1.0, 1.0
        w, h = min(w, h), max(w, h)
        return (h, w) if orientation == "landscape" else (w, h)

    card = size(spec.card.size, presets.cards, ("card", "size"), spec.card.orientation)
    paper = size(spec.sheet.paper, presets.papers, ("sheet", "paper"), spec.sheet.orientation)
    page = size(spec.booklet.page, presets.papers, ("booklet", "page"), "portrait")
    sheet = size(spec.booklet.print_paper, presets.papers, ("booklet", "print_paper"), "landscape")
    design = size(spec.card.designed_for, presets.cards, ("card", "designed_for"), "portrait")
    geometry = Geometry(
        card[0],
        card[1],
        paper[0],
        paper[1],
        page[0],
        page[1],
        print_w=sheet[0],
        print_h=sheet[1],
        design_w=design[0],
        design_h=design[1],
    )
    return Layout(spec=spec, geometry=geometry, fonts_dir=Path(spec.fonts.dir), source_files=tuple(files))
