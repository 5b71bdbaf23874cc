"""Stage 1 (source → schema → model): read content and layout YAML with line numbers, validate it against
the schema (every error at once, at file:line) and hand down the frozen model."""
