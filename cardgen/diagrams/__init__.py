"""Directional diagrams: strokes declared on named anatomy, turned into vector primitives.

- `vocabulary`: the stroke kinds, sides and landmark names content may use (`Stroke`).
- `silhouette`: the back seen from above, its landmarks and `landmark(name, side)`.
- `strokes`: `expand(strokes) -> Diagram` and `validate(stroke) -> list[str]`.
- `draw`: `draw_diagram(canvas, diagram, x, y, w, h, ...)`; `legend.legend_items()` for the legend symbols.

Modules are imported directly (not re-exported here) so the schema can use the vocabulary without reportlab.
"""
