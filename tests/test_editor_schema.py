"""The editor schemas: committed files equal what the models generate, and schema and loader agree on samples.

Agreement means: for every sample, "jsonschema accepts it" == "cardgen's loader accepts it". The loader is the
real one (load_project on a content folder where only the sample file differs from the shipped, valid one).

Known exceptions — loader rules a JSON Schema cannot express, so the schema accepts what the loader rejects
(test_semantic_rules_are_loader_only pins each one, so none of them passes silently):
- a step id used twice in routine.yaml (uniqueness of a field across list items);
- a routine id (step, hands, direction, type, oil) with no text in the source language (a rule across two files);
- a stroke's shape: a path of at least two landmarks for glide/loops/..., `around` for circle, `minutes` for rest
  (model validators: one field's requirement depends on another's value);
- duplicate entries in `types` / `essential_oils` (a field validator);
- colours as four CMYK percentages 0–100 and `fonts.languages.default` (field validators);
- `card.size`, `sheet.paper`, `booklet.page` naming a preset from presets.yaml or a size like 63x88mm
  (a rule across two files);
- `extends:` naming a layout that exists, without a cycle (a rule across files);
- what a layout that `extends:` another may leave out: whatever its parent sets. The schema cannot see the parent,
  so for such a file it requires nothing (a new style without `size` passes the schema, not the loader).
- a whole number written with a decimal point (`minutes: 3.0`): JSON has one number type, so JSON Schema's
  "integer" accepts 3.0, while the loader (strict, like YAML's own types) wants 3.
An empty translation file (YAML null) is the one shape the loader reads as {} and the schema does not sample.
"""

from __future__ import annotations

import copy
import functools
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CONTENT, ROOT

from cardgen.errors import InputError
from cardgen.source.load import load_project
from cardgen.source.marked_yaml import load_yaml, reuse_parsed
from cardgen.source.schema.editor import render, schemas

jsonschema = pytest.importorskip("jsonschema")

SCHEMAS = ROOT / "schemas"
SHIPPED: dict[str, Path] = {
    "routine": CONTENT / "routine.yaml",
    "text": CONTENT / "text" / "en.yaml",
    "translation": CONTENT / "text" / "ru.yaml",
    "layout": ROOT / "layouts" / "default.yaml",
    "presets": ROOT / "layouts" / "presets.yaml",
}
Mutation = Callable[[Any], Any]


def test_committed_schemas_are_what_the_models_generate() -> None:
    generated = schemas()
    committed = {p.name for p in SCHEMAS.glob("*.schema.json")}
    assert committed == set(generated), "run `make schemas` (cardgen schema) and commit schemas/"
    for name, schema in generated.items():
        assert (SCHEMAS / name).read_text(encoding="utf-8") == render(schema), f"{name} is stale: run `make schemas`"


def test_schemas_are_valid_json_schema() -> None:
    for name in schemas():
        jsonschema.Draft7Validator.check_schema(json.loads((SCHEMAS / name).read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("path", "schema"),
    [
        ("content/routine.yaml", "../schemas/routine.schema.json"),
        ("content/text/en.yaml", "../../schemas/text.schema.json"),
        *[
            (f"content/text/{p.name}", "../../schemas/translation.schema.json")
            for p in sorted((CONTENT / "text").glob("*.yaml"))
            if p.stem != "en" and not p.name.endswith(".lock.yaml")
        ],
        ("layouts/default.yaml", "../schemas/layout.schema.json"),
        ("layouts/presets.yaml", "../schemas/presets.schema.json"),
    ],
)
def test_shipped_files_name_their_schema(path: str, schema: str) -> None:
    first = (ROOT / path).read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={schema}"
    assert (ROOT / path).parent.joinpath(schema).resolve().is_file()


# ---- agreement ------------------------------------------------------------------------------------------------


def _base(kind: str) -> Any:
    return yaml.safe_load(SHIPPED[kind].read_text(encoding="utf-8"))


def _set(path: str, value: Any) -> Mutation:
    """A mutation setting a dotted path (list indexes as numbers) to a value."""

    def mutate(data: Any) -> Any:
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        node = data
        for part in parents:
            node = node[part]
        node[last] = value
        return data

    return mutate


def _drop(path: str) -> Mutation:
    def mutate(data: Any) -> Any:
        *parents, last = path.split(".")
        node = data
        for part in parents:
            node = node[part]
        del node[last]
        return data

    return mutate


def _replace(value: Any) -> Mutation:
    return lambda _data: copy.deepcopy(value)


def _keep(data: Any) -> Any:
    return data


MINIMAL_STEP = {
    "id": "stroking",
    "hands": "palms",
    "direction": "up",
    "minutes": 2,
    "diagram": [{"kind": "rest", "minutes": 2}],
}

# (kind, label, mutation of the shipped file, expected validity): the expectation keeps the samples honest — a
# sample meant to be bad that both sides accept would prove nothing.
SAMPLES: list[tuple[str, str, Mutation, bool]] = [
    ("routine", "shipped", _keep, True),
    ("routine", "one minimal step", _set("steps", [MINIMAL_STEP]), True),
    (
        "routine",
        "stroke with every option",
        _set(
            "steps.0.diagram.0",
            {"kind": "glide", "side": "left", "path": ["waist", "neck"], "pressure": "firm", "order": 2, "repeat": 3},
        ),
        True,
    ),
    (
        "routine",
        "no types or oils",
        lambda d: {k: v for k, v in d.items() if k not in ("types", "essential_oils")},
        True,
    ),
    ("routine", "unknown top-level key", _set("colour", "blue"), False),
    ("routine", "steps missing", _drop("steps"), False),
    ("routine", "no steps", _set("steps", []), False),
    ("routine", "unknown step key", _set("steps.0.hand", "palms"), False),
    ("routine", "unknown stroke kind", _set("steps.0.diagram.0.kind", "glyde"), False),
    # which landmarks exist depends on the step's view (an SVG file), so the editor schema checks only the form of
    # a name; a name the view lacks is the loader's to report (tests/test_views.py)
    ("routine", "landmark not a name", _set("steps.0.diagram.0.path", ["waist", "Elbow"]), False),
    ("routine", "unknown view name form", _set("view", "Foot Sole"), False),
    ("routine", "unknown side", _set("steps.0.diagram.0.side", "middle"), False),
    ("routine", "unknown turn", _set("steps.0.diagram.1.turn", "sideways"), False),
    ("routine", "zero minutes", _set("steps.0.minutes", 0), False),
    ("routine", "minutes as words", _set("steps.0.minutes", "three"), False),
    ("routine", "minutes quoted", _set("steps.0.minutes", "3"), False),
    ("routine", "negative order", _set("steps.0.diagram.0.order", -1), False),
    ("routine", "id with capitals", _set("steps.0.id", "Stroking"), False),
    ("routine", "source language as a word", _set("source_language", "english"), False),
    ("routine", "empty diagram (a text card)", _set("steps.0.diagram", []), True),
    ("routine", "minutes in halves", _set("steps.0.minutes", 1.5), True),
    ("routine", "minutes not in halves", _set("steps.0.minutes", 1.2), False),
    ("routine", "minutes written 3.0", _set("steps.0.minutes", 3.0), True),
    ("routine", "music not a list", _set("music", "calm"), False),
    ("routine", "a step that is a string", _set("steps.0", "stroking"), False),
    ("text", "shipped", _keep, True),
    ("text", "title missing", _drop("meta.title"), False),
    ("text", "steps section missing", _drop("steps"), False),
    ("text", "misspelt step key", _set("steps.stroking.titel", "Stroking"), False),
    ("text", "title a number", _set("steps.stroking.title", 5), False),
    ("text", "hands label a list", _set("ui.hands.palms", ["Both", "palms"]), False),
    ("text", "unknown section", _set("epilogue", {"heading": "x", "body": "y"}), False),
    ("translation", "shipped", _keep, True),
    ("translation", "only a title", _replace({"meta": {"title": "Массаж"}}), True),
    ("translation", "no keys at all", _replace({}), True),
    ("translation", "one step, title only", _replace({"steps": {"stroking": {"title": "Поглаживание"}}}), True),
    ("translation", "unknown section", _set("stepz", {}), False),
    ("translation", "misspelt step key", _set("steps.stroking.titel", "x"), False),
    ("translation", "title a list", _set("steps.stroking.title", ["x"]), False),
    ("translation", "meta a string", _set("meta", "Массаж"), False),
    ("layout", "shipped (complete)", _keep, True),
    ("layout", "extends default, nothing else", _replace({"extends": "default"}), True),
    ("layout", "extends default, new bleed", _replace({"extends": "default", "card": {"bleed": "0.125in"}}), True),
    ("layout", "extends default, bare zero", _replace({"extends": "default", "card": {"corner_radius": 0}}), True),
    (
        "layout",
        "extends default, new style",
        _replace({"extends": "default", "styles": {"card_body": {"size": "11pt", "leading": "14pt"}}}),
        True,
    ),
    ("layout", "extends default, bleed without unit", _replace({"extends": "default", "card": {"bleed": 3}}), False),
    (
        "layout",
        "extends default, unknown unit",
        _replace({"extends": "default", "card": {"bleed": "3 furlongs"}}),
        False,
    ),
    ("layout", "extends default, unknown section", _replace({"extends": "default", "cards": {"size": "poker"}}), False),
    (
        "layout",
        "extends default, unknown weight",
        _replace({"extends": "default", "styles": {"card_body": {"weight": "heavy"}}}),
        False,
    ),
    ("layout", "unknown orientation", _set("card.orientation", "sideways"), False),
    ("layout", "complete layout missing a section", _drop("booklet"), False),
    ("layout", "complete layout missing a length", _drop("card.bleed"), False),
    ("layout", "colour as a word", _set("colors.ink", "black"), False),
    ("layout", "length as a boolean", _set("card.safe", True), False),
    ("presets", "shipped", _keep, True),
    ("presets", "a new card size", _set("cards.mini", "44x63mm"), True),
    ("presets", "a size as a number", _set("cards.mini", 44), False),
    ("presets", "unknown section", _set("envelopes", {"c6": "114x162mm"}), False),
    ("presets", "papers missing", _drop("papers"), False),
]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str, Any], tuple[bool, str, Any]]]:
    """Load a valid project in which only the sample file differs.

    Returns (loader accepts, why not, the sample as the loader read it back from its file).

    One copy of the project per worker, the sample written over its file and put back afterwards; parsed files
    are reused across samples (source.reuse_parsed), so each sample costs one parse, not a whole project's.
    """
    root = tmp_path_factory.mktemp("agree")
    content, layouts = root / "content", root / "layouts"
    shutil.copytree(CONTENT, content)
    layouts.mkdir()
    (root / "fonts").symlink_to(ROOT / "fonts")  # fonts.dir may only be the layouts folder or fonts/ beside it
    targets = {
        "routine": content / "routine.yaml",
        "text": content / "text" / "en.yaml",
        "translation": content / "text" / "ru.yaml",
        "layout": layouts / "default.yaml",
        "presets": layouts / "presets.yaml",
    }
    memo: dict = {}

    def load_with(kind: str, data: Any) -> tuple[bool, str, Any]:
        target = targets[kind]
        original = target.read_bytes() if target.exists() else None
        if kind == "layout" and not (isinstance(data, dict) and "extends" in data):
            # a complete layout names its fonts relative to itself: ../fonts, linked to the shipped fonts
            data = copy.deepcopy(data)
            if isinstance(data.get("fonts"), dict):
                data["fonts"]["dir"] = "../fonts"
        target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        written = load_yaml(target).data
        try:
            with reuse_parsed(memo):
                load_project(content, layouts)
            return True, "", written
        except InputError as exc:
            return False, "; ".join(str(p) for p in exc.problems), written
        finally:
            if original is None:
                target.unlink()
            else:
                target.write_bytes(original)

    yield load_with


@functools.cache
def _validator(kind: str) -> Any:
    return jsonschema.Draft7Validator(schemas()[f"{kind}.schema.json"])


def _schema_accepts(kind: str, data: Any) -> tuple[bool, str]:
    validator = _validator(kind)
    errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
    return not errors, "; ".join(errors[:3])


@pytest.mark.parametrize(
    ("kind", "label", "mutation", "expected"), SAMPLES, ids=[f"{k}: {lbl}" for k, lbl, _, _ in SAMPLES]
)
def test_schema_and_loader_agree(kind: str, label: str, mutation: Mutation, expected: bool, project) -> None:  # type: ignore[no-untyped-def]
    loader_ok, loader_why, read_back = project(kind, mutation(_base(kind)))
    schema_ok, schema_why = _schema_accepts(kind, read_back)
    assert loader_ok == expected, f"loader: {loader_why or 'accepted'}"
    assert schema_ok == loader_ok, f"schema: {schema_why or 'accepted'}; loader: {loader_why or 'accepted'}"


SEMANTIC: list[tuple[str, str, Mutation]] = [
    ("routine", "duplicate step id", lambda d: {**d, "steps": [d["steps"][0], d["steps"][0], *d["steps"][1:]]}),
    ("routine", "step id without text", _set("steps.0.id", "tapping")),
    ("routine", "hands id without text", _set("steps.0.hands", "elbows")),
    ("routine", "glide with one landmark", _set("steps.0.diagram.0.path", ["waist"])),
    ("routine", "circle without around", _set("steps.0.diagram.1", {"kind": "circle"})),
    ("routine", "rest without minutes", _set("steps.0.diagram.0", {"kind": "rest"})),
    ("routine", "a type listed twice", lambda d: {**d, "types": [*d["types"], d["types"][0]]}),
    ("layout", "CMYK out of range", _replace({"extends": "default", "colors": {"ink": [0, 0, 0, 188]}})),
    ("layout", "fonts.languages without default", _set("fonts.languages", {"th": ["thai"]})),
    ("layout", "card size not a preset", _replace({"extends": "default", "card": {"size": "huge"}})),
    ("layout", "extends a missing layout", _replace({"extends": "fancy"})),
    (
        "layout",
        "extends default, new style without size",
        _replace({"extends": "default", "styles": {"note": {"leading": "9pt"}}}),
    ),
]


@pytest.mark.parametrize(("kind", "label", "mutation"), SEMANTIC, ids=[f"{k}: {lbl}" for k, lbl, _ in SEMANTIC])
def test_semantic_rules_are_loader_only(kind: str, label: str, mutation: Mutation, project) -> None:  # type: ignore[no-untyped-def]
    """The documented exceptions: the schema accepts, the loader rejects. If one starts to agree, move it up."""
    loader_ok, _, read_back = project(kind, mutation(_base(kind)))
    assert _schema_accepts(kind, read_back)[0]
    assert not loader_ok
