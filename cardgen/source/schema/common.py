"""Shared schema machinery: strict models, id and length types, and pydantic errors turned into Problems.

Every message says what is wrong and what is allowed: the allowed part comes from the field's own type
(its literal values, its keys, the units of a length), so adding a field never needs a new message.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints, ValidationError, WithJsonSchema

from ...errors import Problem, quote
from ..marked_yaml import Source
from ..units import LENGTH_PATTERN, parse_length, to_mm


@dataclass(frozen=True)
class Allowed:
    """Annotated metadata: how to tell a user what a field accepts (pydantic ignores unknown metadata)."""

    text: str


#: The largest length or page side a layout may use: PDF viewers refuse pages over 14,400 pt (200 in).
MAX_LENGTH_PT = 14_400.0


def _bounded_length(*, positive: bool) -> Callable[[Any], float]:
    """A length parser that also refuses negative (or zero) and absurdly large values, quoting the input."""

    def parse(value: Any) -> float:
        points = parse_length(value)
        if points < 0 or (positive and points == 0):
            need = "more than 0" if positive else "0 or more"
            raise ValueError(f"must be {need}; got {quote(value)}")
        if points > MAX_LENGTH_PT:
            raise ValueError(f"must be at most {to_mm(MAX_LENGTH_PT):.0f}mm (the largest PDF page); got {quote(value)}")
        return points

    return parse


def _length_schema(description: str, *, zero: bool = True) -> WithJsonSchema:
    """What a user writes is text with a unit (or a bare 0); the float is only what the loader turns it into, so
    the editor schema describes the text, with the very regex parse_length matches."""
    text = {"type": "string", "pattern": LENGTH_PATTERN}
    return WithJsonSchema({"anyOf": [text, {"const": 0}] if zero else [text], "description": description})


Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=64),
    Allowed("an id of lowercase letters, digits, _ and - starting with a letter, e.g. palms"),
]
#: Any length with a unit; may be negative (offsets). Most layout values use one of the bounded types below.
Length = Annotated[
    float,
    BeforeValidator(parse_length),
    _length_schema("A length with a unit: pt, mm, cm or in (e.g. 3mm, 9pt, 0.5in); or 0"),
    Allowed("a length such as 3mm, 10pt or 0.5in"),
]
NonNegativeLength = Annotated[
    float,
    BeforeValidator(_bounded_length(positive=False)),
    _length_schema("A length of 0 or more with a unit: pt, mm, cm or in (e.g. 3mm, 9pt, 0.5in); or 0"),
    Allowed("a length of 0 or more, such as 3mm or 10pt"),
]
PositiveLength = Annotated[
    float,
    BeforeValidator(_bounded_length(positive=True)),
    _length_schema("A length of more than 0 with a unit: pt, mm, cm or in (e.g. 9pt, 3mm)", zero=False),
    Allowed("a length of more than 0, such as 9pt or 3mm"),
]


class Strict(BaseModel):
    """Unknown keys are errors (listing the accepted ones); models are frozen once validated."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False, strict=True)


def _split(annotation: Any) -> tuple[Any, list[Any]]:
    """Annotated[X, meta...] -> (X, [meta...]); anything else -> (annotation, [])."""
    if get_origin(annotation) is Annotated:
        inner, *meta = get_args(annotation)
        return inner, meta
    return annotation, []


def _without_none(annotation: Any) -> Any:
    """X | None -> X (only when exactly one other member is left)."""
    if get_origin(annotation) in (Union, types.UnionType):
        members = [a for a in get_args(annotation) if a is not type(None)]
        if len(members) == 1:
            return members[0]
    return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def annotation_at(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[Any, list[Any]] | None:
    """The (annotation, metadata) a value at `loc` is validated against, walking models, lists and maps."""
    current: Any = model
    meta: list[Any] = []
    for part in loc:
        current = _without_none(_split(_without_none(current))[0])
        if _is_model(current) and isinstance(part, str):
            field = current.model_fields.get(part)
            if field is None:
                return None
            current, meta = field.annotation, list(field.metadata)
            continue
        origin, args = get_origin(current), get_args(current)
        if origin in (list, tuple, set, frozenset) and isinstance(part, int) and args:
            current, meta = _split(args[0])
        elif origin is dict and len(args) == 2:
            current, meta = _split(args[1])
        else:
            return None
    inner, extra = _split(_without_none(current))
    return _without_none(inner), meta + extra


def accepted_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names accepted at `loc` (the parent of an unknown key), walking nested models and maps."""
    found = annotation_at(model, loc)
    if found is None or not _is_model(found[0]):
        return []
    return sorted(found[0].model_fields)


def describe(annotation: Any, meta: list[Any] | None = None) -> str:
    """What a value of this type looks like, in a user's words ("one of up, down", "a whole number")."""
    for item in meta or []:
        if isinstance(item, Allowed):
            return item.text
    annotation, extra = _split(annotation)
    if extra:
        return describe(annotation, extra)
    origin = get_origin(annotation)
    if origin is Literal:
        return "one of " + ", ".join(str(a) for a in get_args(annotation))
    if origin in (Union, types.UnionType):
        parts = [describe(a) for a in get_args(annotation) if a is not type(None)]
        return " or ".join(parts)
    if origin in (list, tuple, set, frozenset):
        args = get_args(annotation)
        return f"a list, each {describe(args[0])}" if args else "a list"
    if origin is dict:
        return f"a map of names to values, each {describe(get_args(annotation)[1])}"
    if _is_model(annotation):
        return "a map with the keys " + ", ".join(annotation.model_fields)
    simple = {bool: "true or false", int: "a whole number", float: "a number", str: "text"}
    return simple.get(annotation, getattr(annotation, "__name__", str(annotation)))


def _expected(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    found = annotation_at(model, loc)
    return describe(*found) if found else "a valid value"


def _message(error: dict[str, Any], model: type[BaseModel]) -> str:
    """A pydantic error as "what is wrong; what is allowed", never just the former."""
    kind = error["type"]
    loc = tuple(error["loc"])
    got = quote(error.get("input"))
    ctx = error.get("ctx", {})
    if kind == "extra_forbidden":
        keys = accepted_keys(model, loc[:-1])
        allowed = f"accepted keys: {', '.join(keys)}" if keys else "remove it"
        return f"unknown key {quote(loc[-1])}; {allowed}"
    if kind == "missing":
        return f"required field is missing; expected {_expected(model, loc)}"
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        return f"expected one of {expected.replace(' or ', ', ')}; got {got}"
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", error["msg"]))
    if kind == "string_pattern_mismatch":
        return f"expected {_expected(model, loc)}; got {got}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected {_expected(model, loc)}; got {got}"
    if kind in ("too_short", "too_long"):
        bound = "at least" if kind == "too_short" else "at most"
        count = ctx.get("min_length", ctx.get("max_length"))
        return f"needs {bound} {count} item{'s' if count != 1 else ''}; got {ctx.get('actual_length', '?')}"
    if kind in ("string_too_long", "string_too_short"):
        bound = "at most" if kind == "string_too_long" else "at least"
        count = ctx.get("max_length", ctx.get("min_length"))
        value = error.get("input")
        length = f"{len(value)} characters" if isinstance(value, str) else got
        return f"must be {bound} {count} characters; got {length}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        words = {"gt": "more than", "ge": "at least", "lt": "less than", "le": "at most"}
        bound = next(
            f"{words[k]} {v:g}" if isinstance(v, float) else f"{words[k]} {v}" for k, v in ctx.items() if k in words
        )
        return f"must be {bound}; got {got}"
    if kind == "string_type" and isinstance(error.get("input"), int | float | bool):
        return f"expected text; got the number {got}; put it in quotes to keep it as text"
    return f"expected {_expected(model, loc)}; got {got}"


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
            error = {**error, "loc": loc}
            is_key = error["type"] == "extra_forbidden"
            problems.append(source.problem(loc, _message(error, model), key=is_key))
        return None, problems
