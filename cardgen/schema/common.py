"""Shared schema machinery: strict models, id and length types, and pydantic errors turned into Problems."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints, ValidationError, WithJsonSchema

from ..errors import Problem
from ..source import Source
from ..units import LENGTH_PATTERN, parse_length

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=64)]
# What a user writes is text with a unit (or a bare 0); the float is only what the loader turns it into, so the
# editor schema describes the text, with the very regex parse_length matches.
Length = Annotated[
    float,
    BeforeValidator(parse_length),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string", "pattern": LENGTH_PATTERN}, {"const": 0}],
            "description": "A length with a unit: pt, mm, cm or in (e.g. 3mm, 9pt, 0.5in); or 0",
        }
    ),
]


class Strict(BaseModel):
    """Unknown keys are errors (listing the accepted ones); models are frozen once validated."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False, strict=True)


def accepted_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names accepted at `loc` (the parent of an unknown key), walking nested models."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _inner_model(field.annotation)
    return sorted(getattr(current, "model_fields", {}).keys()) if current else []


def _inner_model(annotation: Any) -> Any:
    """The BaseModel inside list[...], X | None, dict[str, ...] annotations, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _message(error: dict[str, Any], model: type[BaseModel]) -> str:
    kind = error["type"]
    loc = tuple(error["loc"])
    if kind == "extra_forbidden":
        keys = accepted_keys(model, loc[:-1])
        allowed = f"; accepted keys: {', '.join(keys)}" if keys else ""
        return f"unknown key {loc[-1]!r}{allowed}"
    if kind == "missing":
        return "required field is missing"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"expected one of {expected.replace(' or ', ', ')}; got {error['input']!r}"
    if kind == "string_pattern_mismatch":
        return f"expected an id of lowercase letters, digits, _ and - starting with a letter; got {error['input']!r}"
    if kind in ("value_error", "assertion_error"):
        return str(error.get("ctx", {}).get("error", error["msg"]))
    return f"{error['msg'][0].lower()}{error['msg'][1:]}; got {error.get('input')!r}"


def validate(model: type[BaseModel], source: Source, *, ignore_missing: bool = False) -> tuple[Any, list[Problem]]:
    """Validate a source's data against a model; return (instance or None, problems with file:line:col)."""
    try:
        return model.model_validate(source.data if source.data is not None else {}), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            if ignore_missing and error["type"] == "missing":
                continue
            loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            is_key = error["type"] == "extra_forbidden"
            problems.append(source.problem(loc, _message(error, model), key=is_key))
        return None, problems
