"""Render: the only package that draws on a reportlab canvas. It draws frames; it decides nothing."""
