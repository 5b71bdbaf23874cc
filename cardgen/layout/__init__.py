"""Layout: positioned, measured items per page. Pure data; render draws it and tests read it without a PDF."""
