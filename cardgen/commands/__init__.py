"""One module per CLI command; each registers itself on cardgen.cli.main when imported."""
