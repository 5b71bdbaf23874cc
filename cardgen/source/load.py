"""Load and validate every content and layout file, collecting all problems before anything is built."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..diagrams.vocabulary import Stroke
from ..errors import COMMAND_LINE, InputError, Problem
from .builtin import builtin_layouts
from .images import resolve_image
from .layout_checks import check_layout
from .marked_yaml import Key, Source, SourceError, dotted, load_yaml
from .model import Geometry, Layout, Routine, Step
from .paths import PathRefused, resolve_inside
from .schema.common import validate
from .schema.layout import Fonts, LayoutModel, Presets
from .schema.placeholders import check_placeholders
from .schema.routine import RoutineModel, StrokeModel
from .schema.text import TextModel
from .units import parse_size

#: The built-in layouts and presets: inside the package when installed, the top-level folder in a checkout.
BUILTIN_LAYOUTS = builtin_layouts()
#: A layout's name (and `extends:` value) is a file name in a layouts folder, never a path.
LAYOUT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


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
    from ..diagrams.strokes import validate as validate_stroke

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
    logo = None
    if spec.logo is not None:
        try:
            logo = resolve_image(spec.logo, content_dir)
        except PathRefused as exc:
            problems.append(source.problem(("logo",), str(exc)))
    routine = Routine(
        id=spec.id,
        source_language=spec.source_language,
        steps=steps,
        types=tuple(spec.types),
        essential_oils=tuple(spec.essential_oils),
        music=tuple(spec.music),
        required=tuple(spec.required_in_every_language),
        logo=logo,
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
    from ..diagrams.legend import legend_items

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
    for text_source in texts.values():
        problems.extend(check_placeholders(text_source))
    layout = load_layout(layouts_dir or BUILTIN_LAYOUTS, layout_name, problems, overrides or {})
    source_text: TextModel | None = None
    if routine is not None and routine_src is not None:
        src_lang = routine.source_language
        if src_lang not in texts:
            if not any(p.file.endswith(f"{src_lang}.yaml") for p in problems):
                problems.append(
                    routine_src.problem(
                        ("source_language",),
                        f"no text file text/{src_lang}.yaml for the source language; add it, or name a language "
                        f"that has one: {', '.join(sorted(texts)) or 'none yet'}",
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


def require_languages(project: Project, langs: list[str], text_dir: Path) -> None:
    """Raise UsageError (exit 2, like click's own) naming every asked-for language without a text file."""
    from ..errors import UsageError

    unknown = [lang for lang in langs if lang not in project.texts]
    if unknown:
        raise UsageError(
            f"Invalid value for '--lang': no text for language {', '.join(map(repr, unknown))} in "
            f"{text_dir}; available: {', '.join(project.languages)}"
        )


def _deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        out[key] = _deep_merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


@dataclass
class LayoutSource(Source):
    """The merged layout (after `extends:`), reporting each key at the file of the chain that sets it.

    A user's layout usually changes a few values of the built-in one; an error in an inherited value is
    reported in the built-in file, and an error in a value the user set in the user's file.
    """

    chain: list[Source] = field(default_factory=list)  # child first
    overrides: dict[str, Any] = field(default_factory=dict)  # values given on the command line (--card, ...)

    def defines(self, loc: Key) -> Source | None:
        """The child-most file of the chain that sets exactly `loc`."""
        return next((src for src in self.chain if loc in src.marks), None)

    def _overridden(self, loc: Key) -> bool:
        node: Any = self.overrides
        for part in loc:
            if not isinstance(node, dict) or part not in node:
                return False
            node = node[part]
        return bool(loc)

    def blame(self, locs: tuple[Key, ...]) -> Key:
        """Of several keys behind one problem, the one set on the command line or in the child-most file (what
        the user changed)."""
        for loc in locs:
            if self._overridden(loc):
                return loc
        for src in self.chain:
            for loc in locs:
                if loc in src.marks:
                    return loc
        return locs[0]

    def problem(self, loc: Key, message: str, *, key: bool = False) -> Problem:
        loc = tuple(loc)
        if self._overridden(loc):
            return Problem(COMMAND_LINE, None, None, dotted(loc), message)
        for depth in range(len(loc), -1, -1):
            probe = loc[:depth]
            for src in self.chain:
                table = src.key_marks if key and depth == len(loc) else src.marks
                if probe in table:
                    line, col = table[probe]
                    return Problem(src.display, line, col, dotted(loc), message)
        return Problem(self.display, None, None, dotted(loc), message)


def _layout_chain(layouts_dir: Path, name: str, problems: list[Problem]) -> list[Source] | None:
    """Follow `extends:` (user folder first, then built-in), child first; cycles and path-like names are errors."""
    chain: list[Source] = []
    used: list[Path] = []
    current: Any = name
    while current is not None:
        if not isinstance(current, str) or not LAYOUT_NAME.match(current):
            message = (
                f"expected the name of a layout in the layouts folder, such as default; got {current!r} "
                "(a name, not a path)"
            )
            problems.append(
                chain[-1].problem(("extends",), message)
                if chain
                else Problem(str(layouts_dir), None, None, "", message)
            )
            return None
        # A user layout may extend the built-in layout of the same name ("default" extends "default").
        candidates = [d / f"{current}.yaml" for d in (layouts_dir, BUILTIN_LAYOUTS)]
        path = next((p.resolve() for p in candidates if p.is_file() and p.resolve() not in used), None)
        if path is None:
            if any(p.is_file() for p in candidates):
                names = " -> ".join([*(u.stem for u in used), current])
                problems.append(
                    chain[-1].problem(
                        ("extends",), f"layouts extend each other in a cycle: {names}; allowed: a chain that ends"
                    )
                )
            else:
                known = sorted({p.stem for d in (layouts_dir, BUILTIN_LAYOUTS) for p in d.glob("*.yaml")} - {"presets"})
                message = f"no layout named {current!r}; layouts here: {', '.join(known)}"
                problems.append(
                    chain[-1].problem(("extends",), message)
                    if chain
                    else Problem(str(layouts_dir / f"{current}.yaml"), None, None, "", message)
                )
            return None
        used.append(path)
        source = _read(path, problems)
        if source is None:
            return None
        if not isinstance(source.data, dict):
            problems.append(source.problem((), "a layout file must be a map of sections (fonts, colors, card, ...)"))
            return None
        chain.append(source)
        current = source.data.get("extends")
    return chain


def _fonts_dir(chain: list[Source], problems: list[Problem]) -> Path | None:
    """fonts.dir, relative to the file that sets it (or to the user's file when none does), and inside that
    file's folder or the fonts folder beside it."""
    setter = next((s for s in chain if isinstance(s.data.get("fonts"), dict) and "dir" in s.data["fonts"]), None)
    source = setter or chain[0]
    value = setter.data["fonts"]["dir"] if setter else Fonts.model_fields["dir"].default
    folder = source.path.parent
    try:
        path = resolve_inside(
            value, folder, [folder, folder.parent / "fonts"], f"{folder} or {folder.parent / 'fonts'}"
        )
    except PathRefused as exc:
        problems.append(source.problem(("fonts", "dir"), str(exc)))
        return None
    if not path.is_dir():
        problems.append(
            source.problem(("fonts", "dir"), f"no folder {value!r} here; allowed: the folder holding the fonts")
        )
        return None
    return path


def _font_problems(spec: LayoutModel, fonts_dir: Path, merged: LayoutSource) -> list[Problem]:
    """Every font file a layout names resolves inside fonts.dir and exists."""
    problems = []
    for name, family in spec.fonts.families.items():
        for weight in ("regular", "bold", "italic", "bold_italic"):
            file = getattr(family, weight)
            if file is None:
                continue
            loc = ("fonts", "families", name, weight)
            try:
                path = resolve_inside(file, fonts_dir, [fonts_dir], f"the fonts folder {fonts_dir}")
            except PathRefused as exc:
                problems.append(merged.problem(loc, str(exc)))
                continue
            if not path.is_file():
                present = sorted(p.name for p in fonts_dir.glob("*.[ot]tf"))
                there = ", ".join(present) or "none"
                problems.append(merged.problem(loc, f"font file {file!r} not found; fonts there: {there}"))
    return problems


def load_layout(
    layouts_dir: Path, name: str, problems: list[Problem], overrides: dict[str, dict[str, Any]]
) -> Layout | None:
    chain = _layout_chain(layouts_dir, name, problems)
    presets_path = layouts_dir / "presets.yaml"
    presets_src = _read(presets_path if presets_path.is_file() else BUILTIN_LAYOUTS / "presets.yaml", problems)
    if chain is None or presets_src is None:
        return None
    data: dict[str, Any] = {}
    for source in reversed(chain):
        data = _deep_merge(data, source.data)
    data.pop("extends", None)
    data = _deep_merge(data, overrides)
    fonts_dir = _fonts_dir(chain, problems)
    first = chain[0]
    merged = LayoutSource(
        first.path, first.display, data, first.marks, first.key_marks, chain=chain, overrides=overrides
    )
    spec, errs = validate(LayoutModel, merged)
    presets, perrs = validate(Presets, presets_src)
    problems.extend(errs + perrs)
    if spec is None or presets is None:
        return None
    if fonts_dir is not None:
        problems.extend(_font_problems(spec, fonts_dir, merged))
    found: list[Problem] = []

    def size(value: str, table: dict[str, str], loc: tuple[str, str], orientation: str) -> tuple[float, float]:
        try:
            w, h = parse_size(table.get(value.lower(), value))
        except ValueError as exc:
            found.append(merged.problem(loc, f"{exc}; or a preset: {', '.join(table)}"))
            return 0.0, 0.0
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
    if not found:
        builtin = _builtin_names()
        for finding in check_layout(spec, geometry, *builtin):
            found.append(merged.problem(merged.blame(finding.keys), finding.message))
    problems.extend(found)
    if found or fonts_dir is None:
        return None
    return Layout(spec=spec, geometry=geometry, fonts_dir=fonts_dir, source_files=tuple(s.path for s in chain))


@cache
def _builtin_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The style and colour names of the built-in layout: the ones the program draws with."""
    data = load_yaml(BUILTIN_LAYOUTS / "default.yaml").data
    return tuple(data.get("styles", {})), tuple(data.get("colors", {}))
