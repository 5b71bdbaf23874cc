"""Limits shared by the command line and the files, in a module that imports nothing: the command line checks
them before any heavy import, and the loader, the clients table and the cover use the same numbers (README
"Limits and safety")."""

from __future__ import annotations

#: The longest personal field (a client's name, the practitioner, contact, date), from --client or the CSV alike.
MAX_PERSONAL = 120
#: The largest shift of the card backs, either way, from --offset-x/--offset-y or sheet.offset_x/offset_y: a
#: duplex printer is 0.5-3 mm off; a larger shift only prints the backs off their cards.
MAX_OFFSET_MM = 20

#: The command-line option that sets each layout key, to name it in a message about a value given there.
OPTION_OF: dict[tuple[str, str], str] = {
    ("card", "size"): "--card",
    ("card", "orientation"): "--orientation",
    ("card", "corner_radius"): "--corner-radius",
    ("sheet", "paper"): "--paper",
    ("sheet", "margin"): "--margin",
    ("sheet", "marks"): "--marks",
    ("sheet", "imposition"): "--imposition",
    ("sheet", "duplex"): "--duplex",
    ("sheet", "fold"): "--fold",
    ("sheet", "offset_x"): "--offset-x",
    ("sheet", "offset_y"): "--offset-y",
    ("sheet", "seal"): "--seal",
    ("pdfx", "output_intent"): "--output-intent",
    ("pdfx", "icc"): "--icc",
}
