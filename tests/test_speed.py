"""Speed work that must not change results: the Jinja2 fast path renders as Jinja2 does, parallel builds give the
same bytes as serial ones, and light commands do not import the renderer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT
from hypothesis import given
from hypothesis import strategies as st

from cardgen.text.i18n import _environment, render


@pytest.mark.parametrize(
    ("template", "variables"),
    [
        ("Step {{ n }} of {{ total }}", {"n": 3, "total": 8}),
        ("{{n}} min\n", {"n": 5}),
        ("Prepared for {{ client }}", {"client": "Ada <& co>"}),
        ("{{ n }}\n\n", {"n": None}),
        ("}} {{ n }} {", {"n": 2}),
        ("a {{ n|int }} b", {"n": "4"}),
        ("{% if n %}yes{% endif %}", {"n": 1}),
        ("{# note #}{{ n }}", {"n": 1}),
    ],
)
def test_fast_path_renders_as_jinja2(template: str, variables: dict[str, object]) -> None:
    assert render(template, **variables) == _environment().from_string(template).render(**variables)


def test_unknown_variable_still_raises_jinja2s_error() -> None:
    from jinja2.exceptions import UndefinedError

    with pytest.raises(UndefinedError):
        render("Step {{ n }} of {{ total }}", n=1)


def _modules_after(*args: str) -> set[str]:
    """Top-level packages imported by running the CLI with `args` in a fresh interpreter."""
    script = (
        "import sys\nfrom cardgen.cli import main\n"
        f"try:\n    main({list(args)!r}, standalone_mode=False)\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT)}
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split("\n")[-2].split())


def test_help_imports_no_renderer_no_parser() -> None:
    assert not _modules_after("--help") & {"reportlab", "pydantic", "yaml", "jinja2", "PIL"}


def test_shipped_strings_need_no_jinja2(tmp_path: Path) -> None:
    modules = _modules_after("build", "--content", str(CONTENT), "--out", str(tmp_path), "--lang", "en")
    assert "reportlab" in modules  # it did build
    assert "jinja2" not in modules


def test_langs_reads_content_without_the_renderer() -> None:
    modules = _modules_after("langs", "--content", str(CONTENT))
    assert "yaml" in modules  # it did load the content
    assert not modules & {"reportlab", "jinja2", "PIL"}


@given(st.text(alphabet=st.sampled_from("ab &<>;#ltgmp"), max_size=30))
def test_markup_escape_is_saxutils(text: str) -> None:
    from xml.sax.saxutils import escape as sax_escape
    from xml.sax.saxutils import unescape as sax_unescape

    from cardgen.text.markup import escape, unescape

    assert escape(text) == sax_escape(text)
    assert unescape(text) == sax_unescape(text)


def test_diagram_paths_are_valid_pdf_numbers() -> None:
    from cardgen.diagrams.draw import _path_code, _same

    points = [(0, 0), (1.5, 2), (3, -0.25), (100, 0.004), (-0.004, 10.5), (0.5, -0.5), (12.345, 10.0)]
    assert _path_code(_same, points, True, 2) == "n 0 0 m 1.5 2 l 3 -.25 l 100 0 l 0 10.5 l .5 -.5 l 12.35 10 l h"
    assert _path_code(_same, [(0.12345, 1), (1, 0.00001)], False, 4) == "n .1235 1 m 1 0 l"


def test_simplified_line_stays_within_tolerance() -> None:
    import itertools
    import math

    from cardgen.diagrams.draw import SIMPLIFY, _simplified

    arc = tuple((0.3 * math.cos(a / 100), 0.3 * math.sin(a / 100)) for a in range(0, 315))
    kept = _simplified(arc)
    assert kept[0] == arc[0] and kept[-1] == arc[-1]
    assert len(kept) < len(arc) / 3
    for x, y in arc:  # every sampled point lies within SIMPLIFY of the simplified line
        distances = []
        for (ax, ay), (bx, by) in itertools.pairwise(kept):
            dx, dy = bx - ax, by - ay
            t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
            distances.append(math.hypot(x - ax - t * dx, y - ay - t * dy))
        assert min(distances) <= SIMPLIFY + 1e-12
    corner = ((0.0, 0.0), (0.5, 0.5), (1.0, 0.0), (1.5, 0.5))
    assert _simplified(corner) == corner  # real corners stay


LANGS = ("--lang", "en", "--lang", "ru")


def test_parallel_build_equals_serial(tmp_path: Path) -> None:
    """Two languages forked onto two workers give the same bytes as one process building both in turn."""
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / jobs
        result = subprocess.run(
            [sys.executable, "-m", "cardgen", "build", "--content", str(CONTENT), "--out", str(out), *LANGS],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={"PYTHONPATH": str(ROOT), "CARDGEN_JOBS": jobs, "SOURCE_DATE_EPOCH": "0"},
        )
        assert result.returncode == 0, result.stderr
        outputs[jobs] = {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.pdf"))}
    assert len(outputs["1"]) == 8
    assert outputs["1"] == outputs["2"]


def test_jobs_serial_for_one_language_and_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    from cardgen.output.parallel import jobs

    assert jobs(1) == 1
    monkeypatch.setenv("CARDGEN_JOBS", "1")
    assert jobs(5) == 1


def test_ring_pattern_is_one_row_placed_per_row() -> None:
    from cardgen.layout.backs import ring_lattice
    from cardgen.render.draw import _repeated_row

    rings = ring_lattice(200, 280, 18)
    found = _repeated_row(rings)
    assert found is not None
    row, starts = found
    assert len(row) * len(starts) == len(rings)
    rebuilt = sorted((round(x0 + dx, 6), round(y, 6), r) for x0, y in starts for dx, r in row)
    assert rebuilt == sorted((round(x, 6), round(y, 6), r) for x, y, r in rings)
    assert _repeated_row(((0, 0, 1), (5, 0, 1), (0, 3, 1))) is None  # rows that differ are drawn ring by ring
