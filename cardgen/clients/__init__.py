"""Client batches: a CSV of clients read strictly, one personal booklet each, spliced from one rendered
template per language."""
