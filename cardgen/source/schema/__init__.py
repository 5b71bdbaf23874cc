"""Schemas of content and layout files: one pydantic definition serves validation, docs and editor schema."""
