"""Curve sampling in views: cardgen's float arithmetic gives exactly what svgelements' own (no numpy/scipy) gave.

Why: the view outlines were sampled through svgelements' point()/length(), which cost up to half a second a view
(Point objects, a numpy import attempted per point). cardgen now does the same arithmetic itself; these tests pin
it to svgelements' reference paths so the drawings (and so the PDFs) stay bit for bit the same.
"""

from __future__ import annotations

import pytest
from svgelements import Arc, CubicBezier, Path, QuadraticBezier

from cardgen.diagrams.views import LENGTH_DEPTH, LENGTH_ERROR, _curve

PATHS = [
    "M 10 10 C 20 0 40 30 50 10",  # cubic
    "M 0 0 C 0 0 100 100 100 100",  # degenerate cubic (controls on the ends)
    "M 5 5 Q 30 40 60 5",  # quadratic
    "M 10 50 A 30 30 0 0 1 70 50",  # circular arc
    "M 10 50 A 40 15 30 1 0 70 60",  # elliptical, rotated, large arc
    "M 0 0 a 12 7 0 0 1 20 5",  # relative elliptical arc
]


def _reference(seg) -> tuple[list[tuple[float, float]], float]:
    ts = [i / 37 for i in range(38)]
    points = [(float(p[0]), float(p[1])) for p in (seg.point(t) for t in ts)]
    if isinstance(seg, QuadraticBezier):
        length = seg.length()
    elif isinstance(seg, Arc) and abs(seg.rx - seg.ry) < 1e-12:
        length = abs(seg.rx * seg.sweep)
    else:  # svgelements' fallback when scipy is absent: chords halved
        length = seg._line_length(0, 1, LENGTH_ERROR, LENGTH_DEPTH)
    return points, length


@pytest.mark.parametrize("d", PATHS)
def test_curve_matches_svgelements(d: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_numpy(name, *args, **kwargs):  # svgelements' point() takes a numpy path when numpy is installed
        if name.split(".")[0] in ("numpy", "scipy"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_numpy)
    curves = [s for s in Path(d) if isinstance(s, CubicBezier | QuadraticBezier | Arc)]
    assert curves, d
    for seg in curves:
        point, length = _curve(seg)
        ref_points, ref_length = _reference(seg)
        assert [point(i / 37) for i in range(38)] == ref_points
        assert length == ref_length
        assert length > 0
