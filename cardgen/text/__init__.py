"""Stage 2 (i18n): one language's words merged over the source language, checked against its fonts; the
fonts, shaping, hyphenation, markup and styles that turn those words into measurable text."""
