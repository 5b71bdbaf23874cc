"""The optional sections of a routine's text, as the content gives them: a section or line it leaves out is
not printed at all (no heading over nothing, no "a few drops of: ." without oils).

The deck's preparation card and the booklet's preparation page both print from here.
"""

from __future__ import annotations

from ..source.load import Project
from ..text.i18n import Texts


def preparation_lines(texts: Texts, project: Project) -> list[tuple[str, list[str]]]:
    """(heading, lines) of the preparation and ambience sections the content gives, leaving out every line and
    section it does not: no heading over nothing, no "a few drops of: ." without oils."""
    routine = project.routine

    def joined(*keys: str) -> str:
        return " ".join(texts.get(k) for k in keys if texts.has(k))

    def listed(intro: str, items: list[str]) -> str:
        return f"{texts.get(intro)} {', '.join(items)}." if items and texts.has(intro) else ""

    oils = [texts.get(f"preparation.essential_oils.{oil}") for oil in routine.essential_oils]
    sections = [
        (
            "preparation",
            [
                texts.get("preparation.skin") if texts.has("preparation.skin") else "",
                " ".join(filter(None, [joined("preparation.oil"), listed("preparation.essential_oils_intro", oils)])),
            ],
        ),
        (
            "ambience",
            [
                joined("ambience.calm", "ambience.light"),
                listed("ambience.music_intro", list(routine.music)),
                joined("ambience.candles"),
            ],
        ),
    ]
    return [
        (texts.get(f"{name}.heading"), [line for line in lines if line])
        for name, lines in sections
        if texts.has(f"{name}.heading")
    ]


def preparation_title(texts: Texts, project: Project) -> str:
    """ "Preparation · Ambience", or whichever of the two the content gives."""
    return " · ".join(heading for heading, _ in preparation_lines(texts, project))
