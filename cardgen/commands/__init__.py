"""One module per CLI command, each a plain click command; cardgen.cli adds them to its group."""
