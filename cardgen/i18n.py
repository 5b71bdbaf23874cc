"""One language's text merged over the source language, with the fallbacks it needed.

A translation may leave keys out; they print in the source language and are listed, never silently. Strings
may use a few Jinja2 variables ({{ n }}, {{ total }}, {{ client }}); they render in a sandbox, so a
translation file can never run code or reach Python objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .load import Project


def flatten(data: Any, prefix: str = "") -> dict[str, str]:
    """{"a": {"b": "x"}} -> {"a.b": "x"}; only string leaves count as text."""
    out: dict[str, str] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            out.update(flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(data, str):
        out[prefix] = data
    return out


@cache
def _environment() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)


@dataclass
class Texts:
    """Lookup of one language's strings by dotted key, e.g. texts.get("steps.wave.title")."""

    lang: str
    strings: dict[str, str]
    fallbacks: set[str] = field(default_factory=set)

    def get(self, key: str, **variables: Any) -> str:
        value = self.strings[key]
        if "{{" in value or "{%" in value:
            value = _environment().from_string(value).render(**variables)
        return value

    def is_fallback(self, key: str) -> bool:
        return key in self.fallbacks


def texts_for(project: Project, lang: str) -> Texts:
    """Merge `lang` over the source language; keys missing from the translation are recorded as fallbacks."""
    source = flatten(project.texts[project.routine.source_language].data)
    if lang == project.routine.source_language:
        return Texts(lang, source)
    translated = flatten(project.texts[lang].data)
    merged = {key: translated.get(key, value) for key, value in source.items()}
    return Texts(lang, merged, {key for key in source if key not in translated})
