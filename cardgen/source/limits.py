"""Limits on personal fields, in a module that imports nothing: the command line checks them before any heavy
import, the clients table and the cover layout use the same numbers (README "Limits and safety")."""

from __future__ import annotations

#: The longest personal field (a client's name, the practitioner, contact, date), from --client or the CSV alike.
MAX_PERSONAL = 120
