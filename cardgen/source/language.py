"""What a language code is: one rule for `--lang`, `--back-lang`, `lang add` and the names of files in text/.

A language code becomes a folder name under `--out` (OUT/<lang>/deck.pdf). A code taken from a file name such as
`text/...yaml` (language `..`) would put PDFs outside the output folder, so every code, however it reached the
program, passes this check before it is used.
"""

from __future__ import annotations

import re

#: A BCP 47-like tag: two or three lower-case letters, optionally one subtag (pt-BR, zh-Hant, sr-Latn).
LANG_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")


def is_language_code(code: object) -> bool:
    return isinstance(code, str) and LANG_CODE.fullmatch(code) is not None


def code_problem(code: str) -> str:
    """The message for something that is not a language code (the code itself is shown, cut short)."""
    from ..errors import quote

    return f"{quote(code)} is not a language code; use a code such as de, pt or pt-BR"
