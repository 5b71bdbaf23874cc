"""Load and validate every content and layout file, collecting all problems before anything is built."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..diagrams.views import View
from ..diagrams.vocabulary import Stroke
from ..errors import COMMAND_LINE, InputError, Problem
from .builtin import builtin_layouts
from .images import resolve_image
from .language import code_problem, is_language_code
from .layout_checks import check_layout
from .limits import OPTION_OF
from .marked_yaml import Key, Source, SourceError, display_path, dotted, load_yaml
from .model import Geometry, Layout, Repeat, Routine, Step
from .paths import PathRefused, outside, resolve_inside
from .print_profile import read_output_profile
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


def _read(path: Path, problems: list[Problem], root: Path | None = None) -> Source | None:
    """The file's Source, or None with its problem recorded. With `root`, a file found by scanning that
    folder must not lead outside it through a symlink (it would be read, and quoted in messages)."""
    target = outside(path, root) if root is not None else None
    if target is not None:
        folder = display_path(root)
        message = f"is a symlink that leads outside the folder {folder}, to {target}; copy the file in instead"
        problems.append(Problem(display_path(path), None, None, "", message))
        return None
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
    source = _read(path, problems, content_dir)
    if source is None:
        return None, None
    spec, found = validate(RoutineModel, source)
    problems.extend(found)
    from ..diagrams.strokes import problems as stroke_problems
    from .views import check_landmarks, step_views

    views = step_views(source, content_dir, problems)
    if spec is None:
        check_landmarks(source, views, problems)  # landmark errors in the same run as the structure's
        reduced = _without_broken_steps(source, found)
        if reduced is None:
            return None, source
        # The routine without its broken steps, only so that the other steps' text can be laid out and checked
        # in this same run; the problems already found stop any build. What it finds itself is not reported:
        # its step numbers are not the file's.
        spec, kept = reduced
        problems = []
        views = step_views(kept, content_dir, problems)

    views = step_views(source, content_dir, problems)
    if spec is None:
        check_landmarks(source, views, problems)  # landmark errors in the same run as the structure's
        return None, source
    seen: set[str] = set()
    for i, step in enumerate(spec.steps):
        for j, stroke in enumerate(step.diagram):
            if views[i] is None:
                continue  # the view could not be read: reported once, at the view
            for loc, message in stroke_problems(_stroke(stroke, views[i])):
                problems.append(source.problem(("steps", i, "diagram", j, *loc), message))
        if step.id in seen:
            problems.append(
                source.problem(("steps", i, "id"), f"duplicate step id {step.id!r}; each step needs its own id")
            )
        seen.add(step.id)
    steps: list[Step] = []
    for i, s in enumerate(spec.steps):
        repeat = _repeat(spec, i, steps, source, problems)
        own = s.time_seconds
        seconds = own if own is not None else sum(steps[n - 1].seconds for n in repeat.numbers) if repeat else 0
        steps.append(
            Step(
                id=s.id,
                number=i + 1,
                hands=s.hands,
                direction=s.direction,
                seconds=seconds,
                strokes=tuple(_stroke(k, views[i]) for k in s.diagram),
                seconds_given=s.seconds is not None,
                repeat=repeat,
            )
        )
    logo = None
    if spec.logo is not None:
        try:
            logo = resolve_image(spec.logo, content_dir)
        except PathRefused as exc:
            problems.append(source.problem(("logo",), str(exc)))
    cover_step, cover_view = _cover(spec, source, content_dir, problems)
    routine = Routine(
        id=spec.id,
        source_language=spec.source_language,
        steps=steps,
        types=tuple(spec.types),
        essential_oils=tuple(spec.essential_oils),
        music=tuple(spec.music),
        required=tuple(spec.required_in_every_language),
        logo=logo,
        cover_step=cover_step,
        cover_view=cover_view,
    )
    return routine, source


_STEP = re.compile(r"^steps\[(\d+)\]")


def _without_broken_steps(source: Source, found: list[Problem]) -> tuple[RoutineModel, Source] | None:
    """The routine with the steps that failed the schema left out (and its source), when every problem is inside
    a step."""
    broken = {int(m.group(1)) for p in found if (m := _STEP.match(p.path))}
    steps = source.data.get("steps") if isinstance(source.data, dict) else None
    if not broken or any(not _STEP.match(p.path) for p in found):
        return None
    if not isinstance(steps, list) or len(broken) >= len(steps):
        return None
    data = {**source.data, "steps": [step for i, step in enumerate(steps) if i not in broken]}
    kept = Source(source.path, source.display, data)
    spec, again = validate(RoutineModel, kept)
    return (spec, kept) if spec is not None and not again else None


def _repeat(
    spec: RoutineModel, index: int, earlier: list[Step], source: Source, problems: list[Problem]
) -> Repeat | None:
    """The earlier steps step `index` repeats, checked: they exist before it and are not repeats themselves."""
    model = spec.steps[index].repeat
    if model is None:
        return None
    where = ("steps", index, "repeat")
    ids = [s.id for s in earlier]
    known = ", ".join(ids) or "none (a repeat cannot be the first step)"
    if model.steps is not None:
        named = [(("steps", k), step_id) for k, step_id in enumerate(model.steps)]
    else:
        named = [(("first",), model.first), (("last",), model.last)]
    found: list[int] = []
    for loc, step_id in named:
        if step_id not in ids:
            problems.append(source.problem((*where, *loc), f"no earlier step {step_id!r}; earlier steps: {known}"))
        elif earlier[ids.index(step_id)].repeat is not None:
            problems.append(
                source.problem((*where, *loc), f"step {step_id!r} is itself a repeat; name the steps it repeats")
            )
        else:
            found.append(ids.index(step_id))
    if len(found) != len(named):
        return None
    if model.steps is None:
        first, last = found
        if first > last:
            problems.append(source.problem((*where, "last"), f"{model.last!r} comes before {model.first!r}; swap them"))
            return None
        if any(s.repeat is not None for s in earlier[first : last + 1]):
            problems.append(source.problem(where, "the range holds a repeat step; name the steps to repeat"))
            return None
        found = list(range(first, last + 1))
    return Repeat(tuple(ids[k] for k in found), tuple(k + 1 for k in found), model.side)


def _cover(
    spec: RoutineModel, source: Source, content_dir: Path, problems: list[Problem]
) -> tuple[str | None, View | None]:
    """The cover's step or view, checked against the routine's steps and the views (shipped or the content's)."""
    if spec.cover is None:
        return None, None
    ids = [s.id for s in spec.steps]
    if spec.cover.step is not None and spec.cover.step not in ids:
        problems.append(source.problem(("cover", "step"), f"no step {spec.cover.step!r}; steps: {', '.join(ids)}"))
    elif spec.cover.step is not None and not spec.steps[ids.index(spec.cover.step)].diagram:
        problems.append(
            source.problem(("cover", "step"), f"step {spec.cover.step!r} has no diagram; name a step that has one")
        )
    view = None
    if spec.cover.view is not None:
        from .views import load_view

        view = load_view(spec.cover.view, content_dir, source, ("cover", "view"), problems)
    return spec.cover.step, view


def _stroke(spec: StrokeModel, view: View | None) -> Stroke:
    return Stroke(
        kind=spec.kind,
        side=spec.side,
        path=tuple(spec.path),
        around=spec.around,
        turn=spec.turn,
        pressure=spec.pressure,
        order=spec.order,
        repeat=spec.repeat,
        minutes=None if spec.minutes is None else int(spec.minutes) if spec.minutes % 1 == 0 else spec.minutes,
        at=spec.at,
        hold=spec.hold,
        mirror=spec.mirror,
        view=view,
    )


def load_texts(content_dir: Path, problems: list[Problem]) -> dict[str, Source]:
    folder = content_dir / "text"
    texts: dict[str, Source] = {}
    for path in sorted(folder.glob("*.yaml")):
        if path.name.endswith(".lock.yaml"):  # the tool's record of source hashes, not a language (see i18n)
            continue
        if not is_language_code(path.stem):  # the name becomes a folder under --out: never "..", never a path
            message = f"{code_problem(path.stem)}; name a text file after its language, such as de.yaml"
            problems.append(Problem(display_path(path), None, None, "", message))
            continue
        source = _read(path, problems, content_dir)
        if source is not None:
            texts[path.stem] = source
    return texts


def _needs(data: Any) -> list[tuple[Key, tuple[str, ...], str]]:
    """(place in routine.yaml, text key that must exist, what it is) for every id the routine uses.

    Read from the raw routine data, so missing text is reported in the same run as a routine that fails its
    schema (a step with a typo in one stroke still has its id, hands and direction to check)."""
    data = data if isinstance(data, dict) else {}
    needs: list[tuple[Key, tuple[str, ...], str]] = []
    steps = data.get("steps") if isinstance(data.get("steps"), list) else []
    for i, step in enumerate(steps):
        if not isinstance(step, dict) or not isinstance(step.get("id"), str):
            continue
        needs.append((("steps", i, "id"), ("steps", step["id"], "title"), "step"))
        if not isinstance(step.get("repeat"), dict):
            needs.append((("steps", i, "id"), ("steps", step["id"], "instruction"), "the instruction of step"))
        else:
            side = step["repeat"].get("side", "other")
            if isinstance(side, str):
                needs.append((("steps", i, "repeat", "side"), ("ui", "repeat", side), "repeat side"))
        for key in ("hands", "direction"):
            if isinstance(step.get(key), str):
                needs.append((("steps", i, key), ("ui", key, step[key]), key))
        if "seconds" in step:
            needs += [(("steps", i, "seconds"), ("ui", label), "label") for label in ("seconds", "seconds_short")]
    lists = (
        ("types", ("types", "items"), "type"),
        ("essential_oils", ("preparation", "essential_oils"), "essential oil"),
    )
    for key, table, what in lists:
        ids = data.get(key) if isinstance(data.get(key), list) else []
        needs += [((key, i), (*table, item), what) for i, item in enumerate(ids) if isinstance(item, str)]
    return needs


def _at(data: Any, key: tuple[str, ...]) -> dict[Any, Any]:
    """The map at `key` in raw YAML data, or {} when there is none."""
    for part in key:
        data = data.get(part) if isinstance(data, dict) else None
    return data if isinstance(data, dict) else {}


def check_text_covers_routine(
    routine: Routine | None, routine_src: Source, text_src: Source, text: TextModel | None
) -> list[Problem]:
    """Every id the routine uses needs its words in the source language; report at the routine's line. The
    legend's labels are checked for the symbols the routine draws, once its strokes are known."""
    problems: list[Problem] = []
    where = text_src.display
    reported: set[tuple[Any, ...]] = set()
    for loc, key, what in _needs(routine_src.data):
        node: Any = text_src.data
        depth = 0
        while depth < len(key) and isinstance(node, dict) and key[depth] in node:
            node, depth = node[key[depth]], depth + 1
        if depth == len(key) or (loc, key[: depth + 1]) in reported:
            continue
        reported.add((loc, key[: depth + 1]))  # a step with no words at all: one problem, not one per word
        if key[0] == "steps" and depth == 2:
            message = f"{what} {key[1]!r} has no {key[2]} in {where}"
        elif what == "label":
            message = f"no text {'.'.join(key)} in {where}; a time given in seconds is printed with it"
        else:
            named = 2 if key[0] == "steps" else len(key)  # a step's words are under its id
            table = _at(text_src.data, key[: named - 1])
            known = ", ".join(sorted(map(str, table))) or "none yet"
            message = f"{what} {key[named - 1]!r} has no text in {where}; known: {known}"
        problems.append(routine_src.problem(loc, message))
    if text is None or routine is None:
        return problems
    from ..diagrams.legend import used_keys

    symbols = used_keys(step.strokes for step in routine.steps)
    for key in symbols:
        if key not in text.ui.legend:
            problems.append(
                text_src.problem(
                    ("ui", "legend"),
                    f"no label for the diagram symbol {key!r}, which this routine draws; "
                    f"the symbols it draws: {', '.join(symbols)}",
                )
            )
    return problems


def load_project_collecting(
    content_dir: Path,
    layouts_dir: Path | None = None,
    layout_name: str = "default",
    overrides: dict[str, dict[str, Any]] | None = None,
) -> tuple[Project | None, list[Problem]]:
    """Load everything; return the project (None when it cannot be built at all) and every problem found.

    The project is returned even with problems when its routine, source text and layout are whole, so that a
    caller can go on to report text that does not fit or is missing in the same run."""
    problems: list[Problem] = []
    routine, routine_src = load_routine(content_dir, problems)
    texts = load_texts(content_dir, problems)
    for text_source in texts.values():
        problems.extend(check_placeholders(text_source))
    before = len(problems)
    layout = load_layout(layouts_dir or BUILTIN_LAYOUTS, layout_name, problems, overrides or {})
    if len(problems) > before:  # a font file that is not there, or not where it may be: nothing can be measured
        layout = None
    source_text: TextModel | None = None
    if routine_src is not None:
        src_lang = routine.source_language if routine else _raw_source_language(routine_src)
        if src_lang is not None and src_lang not in texts:
            if not any(p.file.endswith(f"{src_lang}.yaml") for p in problems):
                problems.append(
                    routine_src.problem(
                        ("source_language",),
                        f"no text file text/{src_lang}.yaml for the source language; add it, or name a language "
                        f"that has one: {', '.join(sorted(texts)) or 'none yet'}",
                    )
                )
        elif src_lang is not None:
            source_text, found = validate(TextModel, texts[src_lang])
            problems.extend(found)
            problems.extend(check_text_covers_routine(routine, routine_src, texts[src_lang], source_text))
        for lang, src in texts.items():
            if lang != src_lang:
                problems.extend(validate(TextModel, src, ignore_missing=True)[1])
    if routine is None or layout is None or source_text is None or routine_src is None:
        return None, problems
    return Project(content_dir, routine, routine_src, texts, source_text, layout), problems


def _raw_source_language(source: Source) -> str | None:
    """source_language as written, for checking the text of a routine that failed its schema."""
    value = source.data.get("source_language") if isinstance(source.data, dict) else None
    return value if isinstance(value, str) else None


def load_project(
    content_dir: Path,
    layouts_dir: Path | None = None,
    layout_name: str = "default",
    overrides: dict[str, dict[str, Any]] | None = None,
) -> Project:
    """Load everything; raise one InputError listing every problem in every file."""
    project, problems = load_project_collecting(content_dir, layouts_dir, layout_name, overrides)
    if problems or project is None:
        raise InputError(problems)
    return project


def require_languages(project: Project, langs: list[str], text_dir: Path) -> None:
    """Raise UsageError (exit 2, like click's own) naming every asked-for language without a text file."""
    from ..errors import UsageError

    invalid = [lang for lang in langs if not is_language_code(lang)]
    if invalid:
        raise UsageError(f"Invalid value for '--lang': {code_problem(invalid[0])}")
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
            option = OPTION_OF.get(loc[:2]) if len(loc) == 2 else None  # type: ignore[call-overload]
            return Problem(COMMAND_LINE, None, None, dotted(loc), f"{message} (from {option})" if option else message)
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
        found = next((p for p in candidates if p.is_file() and p.resolve() not in used), None)
        path = found.resolve() if found is not None else None
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
        escapes = outside(found, found.parent) is not None  # a layout linked to a file elsewhere: refused unread
        source = _read(found, problems, found.parent) if escapes else _read(path, problems)
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
    user_presets = presets_path.is_file() or presets_path.is_symlink()
    presets_src = (
        _read(presets_path, problems, layouts_dir)
        if user_presets
        else _read(BUILTIN_LAYOUTS / "presets.yaml", problems)
    )
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
    profile, profile_problems = read_output_profile(spec.pdfx.icc, merged, layouts_dir)
    found += profile_problems
    problems.extend(found)
    if found or fonts_dir is None:
        return None
    files = tuple(s.path for s in chain)
    return Layout(spec=spec, geometry=geometry, fonts_dir=fonts_dir, source_files=files, output_profile=profile)


@cache
def _builtin_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The style and colour names of the built-in layout: the ones the program draws with."""
    data = load_yaml(BUILTIN_LAYOUTS / "default.yaml").data
    return tuple(data.get("styles", {})), tuple(data.get("colors", {}))
