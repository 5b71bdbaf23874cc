"""Text keys that nothing prints: a step id renamed in routine.yaml, a type or oil taken off its list.

Such text is harmless to the build but is usually a mistake (the step's new id now prints in English, or a
translator keeps translating a paragraph no client will see), so `check` lists each with its file and line.
What prints is what the layout asked for (Texts.used), so this never drifts from the code that prints.
"""

from __future__ import annotations

from ..errors import Problem
from ..source.load import Project
from .i18n import flatten

#: Printed only when a language gives links (the captions of its QR codes): never reported as unused.
WITH_LINKS = ("ui.qr_video", "ui.qr_booklet")
#: The diagram vocabulary: a label for every legend symbol and an orientation line for every body view, printed
#: when a routine draws that symbol or view. A translation carries all of them, so that editing routine.yaml to
#: use another stroke or view needs no new text; they are never reported as unused.
VOCABULARY = ("ui.legend.", "views.")


def unused_text(project: Project, lang: str, used: set[str]) -> list[Problem]:
    """One warning per key in `lang`'s text file that laying out `lang` did not print, at the key's line."""
    source = project.texts[lang]
    problems = []
    for key in flatten(source.data):
        if key in used or key in WITH_LINKS or key.startswith(("links.", *VOCABULARY)):
            continue
        line, col = source.locate(tuple(key.split(".")), key=True)
        message = "nothing prints this text; remove it, or use its id in routine.yaml"
        problems.append(Problem(source.display, line, col, key, message))
    return problems
