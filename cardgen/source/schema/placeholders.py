"""Placeholders in text files: only `{{ name }}`, and only the names the program fills in for that key.

Text values are rendered by Jinja2 (in a sandbox) when they contain `{{`. A sandbox stops a translation from
reaching Python objects, but not from asking for `{{ 9**9**9 }}` (a build that never ends), a loop, or a
name the program does not pass (a crash at layout time). Checking every text value at load time keeps text
as text: a placeholder is a bare name from the table below, anything else is an error with file:line.

When code passes a new variable to `Texts.get(key, name=...)`, add it here.
"""

from __future__ import annotations

import re
from typing import Any

from ...errors import Problem
from ..marked_yaml import Key, Source

#: key -> the variables the program passes when it prints that text.
PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "ui.step_of": ("n", "total"),
    "ui.minutes": ("minutes",),
    "ui.minutes_short": ("minutes",),
    "ui.total_time": ("minutes",),
    "ui.page": ("n",),
    "ui.prepared_for": ("client",),
    "ui.prepared_by": ("practitioner",),
    "ui.seconds": ("seconds",),
    "ui.seconds_short": ("seconds",),
    "ui.repeat.*": ("steps", "first", "last"),  # every key under ui.repeat
}

_OPEN = re.compile(r"\{\{|\{%|\{#")
_PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.S)
_NAME = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*$")


def _leaves(data: Any, loc: Key = ()) -> list[tuple[Key, str]]:
    if isinstance(data, dict):
        return [leaf for key, value in data.items() for leaf in _leaves(value, (*loc, key))]
    if isinstance(data, list):
        return [leaf for i, value in enumerate(data) for leaf in _leaves(value, (*loc, i))]
    return [(loc, data)] if isinstance(data, str) else []


def _allowed(names: tuple[str, ...]) -> str:
    if not names:
        return "this text takes no placeholders; write plain text (with **bold** and *italic*)"
    return "allowed here: " + ", ".join(f"{{{{ {n} }}}}" for n in names)


def placeholder_problem(key: str, text: str) -> str | None:
    """What is wrong with the placeholders in `text` (the value of dotted `key`), or None if nothing."""
    if not _OPEN.search(text):
        return None
    names = PLACEHOLDERS.get(key) or PLACEHOLDERS.get(f"{key.rpartition('.')[0]}.*", ())
    rest = _PLACEHOLDER.sub("", text)
    if "{%" in rest or "{#" in rest:
        return f"'{{%' and '{{#' (template commands) are not allowed in content; {_allowed(names)}"
    if "{{" in rest:
        return f"'{{{{' without a closing '}}}}'; {_allowed(names)}"
    for inner in _PLACEHOLDER.findall(text):
        match = _NAME.match(inner)
        if not match:
            shown = inner.strip()[:40]
            return f"only a bare name may stand between '{{{{' and '}}}}', not {shown!r}; {_allowed(names)}"
        if match.group(1) not in names:
            return f"unknown placeholder {{{{ {match.group(1)} }}}}; {_allowed(names)}"
    return None


def check_placeholders(source: Source) -> list[Problem]:
    """Every text value of one text file checked; problems point at the value's line."""
    problems = []
    for loc, text in _leaves(source.data):
        message = placeholder_problem(".".join(str(part) for part in loc), text)
        if message:
            problems.append(source.problem(loc, message))
    return problems
