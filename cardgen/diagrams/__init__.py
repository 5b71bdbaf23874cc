"""Directional diagrams: strokes declared on named anatomy, turned into vector primitives."""
