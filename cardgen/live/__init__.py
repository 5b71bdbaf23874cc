"""Live preview: `watch` and `serve` rebuild on save; PNG previews of every page from the finished PDFs."""
