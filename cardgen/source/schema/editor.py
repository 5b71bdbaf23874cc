"""JSON Schema for editors, generated from the pydantic models the loader validates with.

One definition serves both: an editor (VS Code, Neovim, Helix… through yaml-language-server) flags a wrong key or
a misspelt stroke kind as the user types, and cardgen rejects the same file the same way. Nothing here restates a
rule; it only says which model a file is checked against and how loosely:

- a translation may leave any key out (it falls back to the source language), so its schema drops `required`;
- a layout that `extends:` another is merged over it before validation, so such a file may be partial too.

Rules a JSON Schema cannot state (duplicate ids, text for every routine id, a stroke's shape, preset names) stay
in the loader only; tests/test_editor_schema.py lists them.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .layout import LayoutModel, Presets
from .routine import RoutineModel
from .text import TextModel

# Draft 7, not 2020-12: yaml-language-server (and VS Code's JSON service under it) supports draft 7 and below.
DIALECT = "http://json-schema.org/draft-07/schema#"
DEFS = "definitions"  # draft 7's home for shared definitions (pydantic writes 2020-12's `$defs`)
SUFFIX = ".schema.json"


def _model_schema(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation", ref_template=f"#/{DEFS}/{{model}}")
    if "$defs" in schema:
        schema[DEFS] = schema.pop("$defs")
    return schema


def _drop_required(node: Any) -> Any:
    """Every object schema in the tree with its `required` list removed (property names are never touched)."""
    if isinstance(node, dict):
        return {
            key: (
                {name: _drop_required(sub) for name, sub in value.items()}
                if key in ("properties", DEFS)
                else _drop_required(value)
            )
            for key, value in node.items()
            if key != "required"
        }
    if isinstance(node, list):
        return [_drop_required(item) for item in node]
    return node


def _rename_refs(node: Any, suffix: str) -> Any:
    """Point every local `$ref` at the `<Name><suffix>` definitions (a second, looser copy in the same file)."""
    if isinstance(node, dict):
        out = {key: _rename_refs(value, suffix) for key, value in node.items()}
        ref = out.get("$ref")
        if isinstance(ref, str) and ref.startswith(f"#/{DEFS}/"):
            out["$ref"] = ref + suffix
        return out
    if isinstance(node, list):
        return [_rename_refs(item, suffix) for item in node]
    return node


def _split_defs(schema: dict[str, Any], name: str) -> dict[str, Any]:
    """A model's schema as a flat definitions table, the root stored under `name`."""
    schema = copy.deepcopy(schema)
    defs = schema.pop(DEFS, {})
    defs[name] = schema
    return defs


def _document(title: str, description: str, body: dict[str, Any]) -> dict[str, Any]:
    return {"$schema": DIALECT, "title": title, "description": description, **body}


def complete_schema(model: type[BaseModel], title: str, description: str) -> dict[str, Any]:
    """The model as is: every required key required."""
    return _document(title, description, _model_schema(model))


def partial_schema(model: type[BaseModel], title: str, description: str) -> dict[str, Any]:
    """The model with no key required anywhere (types, names and allowed values still checked)."""
    return _document(title, description, _drop_required(_model_schema(model)))


def partial_when_extending(model: type[BaseModel], title: str, description: str) -> dict[str, Any]:
    """Complete, unless the file names a parent in `extends:` — then partial, as the loader merges it first."""
    name = model.__name__
    complete = _split_defs(_model_schema(model), name)
    partial = {f"{key}Partial": value for key, value in _rename_refs(_drop_required(complete), "Partial").items()}
    body = {
        "if": {"properties": {"extends": {"type": "string"}}, "required": ["extends"]},
        "then": {"$ref": f"#/{DEFS}/{name}Partial"},
        "else": {"$ref": f"#/{DEFS}/{name}"},
        DEFS: {**complete, **partial},
    }
    return _document(title, description, body)


def schemas() -> dict[str, dict[str, Any]]:
    """Every editor schema cardgen ships, by file name."""
    return {
        f"routine{SUFFIX}": complete_schema(
            RoutineModel, "cardgen routine", "content/routine.yaml: steps, hands, directions, timings and strokes."
        ),
        f"text{SUFFIX}": complete_schema(
            TextModel, "cardgen text (source language)", "content/text/<lang>.yaml of the source language: every key."
        ),
        f"translation{SUFFIX}": partial_schema(
            TextModel,
            "cardgen text (translation)",
            "content/text/<lang>.yaml of a translation: any key may be left out and falls back to the source.",
        ),
        f"layout{SUFFIX}": partial_when_extending(
            LayoutModel,
            "cardgen layout",
            "layouts/<name>.yaml: complete, or only the changes when it says `extends: <parent>`.",
        ),
        f"presets{SUFFIX}": complete_schema(Presets, "cardgen presets", "layouts/presets.yaml: named sizes."),
    }


def render(schema: dict[str, Any]) -> str:
    """Stable text for a schema file: the same models always give the same bytes (so a test can compare)."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    from ...output.atomic import write_atomic

    written = []
    for name, schema in schemas().items():
        path = folder / name
        write_atomic(path, render(schema).encode("utf-8"))
        written.append(path)
    return written
