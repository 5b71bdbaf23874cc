"""Body views as data: the shipped SVG views load with their landmarks, a routine's own view builds, broken
views and wrong landmarks are errors with file:line, `cardgen views` lists and draws them, and the legend
lists only what a routine draws with the orientation of each view it uses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import CONTENT, run

from cardgen.diagrams.legend import used_keys
from cardgen.diagrams.strokes import expand
from cardgen.diagrams.views import ViewError, read_view, shipped_names, shipped_view
from cardgen.errors import InputError
from cardgen.layout.legend import legend_keys
from cardgen.layout.legend import orientation as legend_orientation
from cardgen.source.load import load_project
from cardgen.text.i18n import texts_for

FIXTURES = Path(__file__).parent / "fixtures"
FOOT = FIXTURES / "foot"
OWN = FIXTURES / "own_view"
REQUIRED = yaml.safe_load((Path(__file__).parents[1] / "cardgen/diagrams/views/required.yaml").read_text())


def test_every_shipped_view_loads_with_its_required_landmarks() -> None:
    assert set(REQUIRED) <= set(shipped_names())
    for name, groups in REQUIRED.items():
        view = shipped_view(name)
        for landmark in groups.get("single", []):
            assert landmark in view.landmarks and not view.paired(landmark), (name, landmark)
        for landmark in groups.get("paired", []):
            assert set(view.landmarks[landmark]) == {"left", "right"}, (name, landmark)
        assert any(p.role == "outline" for p in view.background)
        x0, y0, x1, y1 = view.bounds
        assert (x1 - x0 == pytest.approx(1.0) or y1 - y0 == pytest.approx(0.85)) and y0 == 0.0


def test_views_are_parsed_once_per_process() -> None:
    assert shipped_view("back") is shipped_view("back")


def test_back_view_keeps_the_shipped_routines_geometry() -> None:
    back = shipped_view("back")
    assert back.symmetry == "mirror" and back.left == "reader-left"
    left, right = back.point("shoulder_blade", "left"), back.point("shoulder_blade", "right")
    assert left[0] < 0.5 < right[0] and right == pytest.approx((1 - left[0], left[1]))
    beside = back.point("spine_top", "left")
    assert 0.4 < beside[0] < 0.5 and back.point("spine_top", "centre")[0] == 0.5


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "v.svg"
    path.write_text(body)
    return path


GOOD = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 85" data-symmetry="mirror" data-axis="50">
<g id="outline"><path d="M 10 10 L 90 10 L 90 80 L 10 80 Z"/></g>
<g id="landmarks">
<circle id="a" cx="50" cy="40" r="5"/>
<circle id="b-left" cx="30" cy="40" r="5"/>
<circle id="b-right" cx="{right}" cy="40" r="5"/>
</g></svg>
"""


def test_a_landmark_pair_that_does_not_mirror_is_an_error_at_its_line(tmp_path: Path) -> None:
    assert read_view(_write(tmp_path, GOOD.format(right=70)), "v.svg").describe() == "a, b (left/right)"
    with pytest.raises(ViewError) as caught:
        read_view(_write(tmp_path, GOOD.format(right=72)), "v.svg")
    assert caught.value.line == 5 and "do not mirror each other about data-axis 50" in caught.value.message


def test_malformed_svg_is_an_error_at_its_line(tmp_path: Path) -> None:
    with pytest.raises(ViewError) as caught:
        read_view(_write(tmp_path, GOOD.format(right=70).replace('</g>\n<g id="landmarks">', "<g>")), "v.svg")
    assert caught.value.line is not None and "well-formed" in caught.value.message


def test_a_missing_required_landmark_is_named(tmp_path: Path) -> None:
    with pytest.raises(ViewError, match="lacks the landmark heel; it has a, b"):
        read_view(_write(tmp_path, GOOD.format(right=70)), "v.svg", required=("a", "heel"))


def test_a_view_without_landmarks_group_is_refused(tmp_path: Path) -> None:
    body = GOOD.format(right=70).split('<g id="landmarks">')[0] + "</svg>"
    with pytest.raises(ViewError, match='no <g id="landmarks"> group'):
        read_view(_write(tmp_path, body), "v.svg")


def test_foot_routine_draws_every_step_on_a_foot() -> None:
    project = load_project(FOOT)
    sole, top = shipped_view("foot_sole"), shipped_view("foot_top")
    views = {step.id: expand(step.strokes).bounds for step in project.routine.steps}
    assert views["ankle_circles"] == top.bounds and views["toe_stretch"] == top.bounds
    assert all(bounds == sole.bounds for sid, bounds in views.items() if sid not in ("ankle_circles", "toe_stretch"))
    # the foot's legend: what it draws, nothing of the back (no wave, towel or left/right circle pair)
    keys = legend_keys(project)
    assert {"press", "hold", "tap", "friction", "stretch", "thumb_walk", "order", "repeat"} <= set(keys)
    assert not {"wave", "rest", "knead", "loops", "circle_both_mirrored", "glide_firm"} & set(keys)
    line = legend_orientation(project, texts_for(project, "en"))
    first, second = sole.orientation, top.orientation  # no translation in the fixture: the views' own lines
    assert line == f"{first[0].upper()}{first[1:]}. {second[0].upper()}{second[1:]}."


def test_back_legend_says_how_both_circles_turn_and_keeps_its_translated_orientation() -> None:
    project = load_project(CONTENT)
    keys = legend_keys(project)
    assert "circle_both_mirrored" in keys and "circle_clockwise" not in keys  # the routine only circles ccw
    assert legend_orientation(project, texts_for(project, "de")).startswith("Ansicht von oben, Kopf oben")


def test_mirror_false_gets_its_own_legend_symbol() -> None:
    from cardgen.diagrams.vocabulary import Stroke

    back = shipped_view("back")
    same = Stroke("circle", "both", around="shoulder_blade", mirror=False, view=back)
    assert "circle_both_same" in used_keys([[same]]) and "circle_both_mirrored" not in used_keys([[same]])


def test_foot_and_own_view_routines_build(tmp_path: Path) -> None:
    for content in (FOOT, OWN):
        code, output = run("build", "--content", str(content), "--out", str(tmp_path / content.name))
        assert code == 0, output
        assert (tmp_path / content.name / "en" / "deck.pdf").stat().st_size > 10_000


def test_a_step_naming_a_landmark_its_view_lacks_fails_at_its_line(tmp_path: Path) -> None:
    content = tmp_path / "foot"
    shutil.copytree(FOOT, content)
    routine = content / "routine.yaml"
    text = routine.read_text().replace("path: [heel, inner_edge, big_toe]", "path: [heel, shoulder_blade, big_toe]")
    routine.write_text(text)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "shoulder_blade" in row)
    with pytest.raises(InputError) as caught:
        load_project(content)
    (problem,) = caught.value.problems
    assert problem.file.endswith("routine.yaml") and problem.line == line
    assert problem.path == "steps[3].diagram[0].path[1]"
    assert "view foot_sole has no landmark 'shoulder_blade'; its landmarks: " in problem.message
    assert all(name in problem.message for name in shipped_view("foot_sole").names)


def test_own_view_with_three_landmarks_and_its_errors(tmp_path: Path) -> None:
    project = load_project(OWN)
    view = project.routine.steps[0].strokes[0].view
    assert view is not None and view.names == ("fingertips", "palm", "thumb") and view.symmetry == "none"
    content = tmp_path / "own"
    shutil.copytree(OWN, content)
    svg = content / "views" / "mitten.svg"
    svg.write_text(svg.read_text().replace('<circle id="thumb" cx="12" cy="45" r="4"/>', '<circle id="thumb"/>'))
    with pytest.raises(InputError) as caught:
        load_project(content)
    (problem,) = caught.value.problems
    assert (
        problem.file.endswith("mitten.svg")
        and problem.line == 14
        and "landmark thumb: give cx, cy, r" in problem.message
    )


def test_an_unknown_view_lists_the_views_there_are(tmp_path: Path) -> None:
    content = tmp_path / "own"
    shutil.copytree(OWN, content)
    routine = content / "routine.yaml"
    routine.write_text(routine.read_text().replace("view: mitten", "view: mittens"))
    with pytest.raises(InputError) as caught:
        load_project(content)
    (problem,) = caught.value.problems
    assert problem.line == 4 and problem.path == "view"
    assert (
        "no view 'mittens'; shipped views: " + ", ".join(shipped_names()) in problem.message
        and "this routine's own: mitten" in problem.message
    )


def test_a_view_file_leading_outside_the_content_folder_is_refused(tmp_path: Path) -> None:
    content = tmp_path / "own"
    shutil.copytree(OWN, content)
    outside = tmp_path / "elsewhere.svg"
    shutil.move(content / "views" / "mitten.svg", outside)
    (content / "views" / "mitten.svg").symlink_to(outside)
    with pytest.raises(InputError, match="symlink that leads outside the content folder"):
        load_project(content)


def test_cardgen_views_lists_views_and_draws_labelled_sheets(tmp_path: Path) -> None:
    code, output = run("views", "--content", str(OWN))
    assert code == 0, output
    for name, groups in REQUIRED.items():
        (row,) = [i for i, line in enumerate(output.splitlines()) if line.startswith(f"{name}: ")]
        listed = output.splitlines()[row + 1]
        assert all(n in listed for n in groups.get("single", []) + groups.get("paired", []))
    assert "mitten: one hand, palm up, fingers at the top" in output and "fingertips, palm, thumb" in output
    code, output = run("views", "--content", str(OWN), "--out", str(tmp_path), "foot_sole", "mitten")
    assert code == 0, output
    import pdfplumber

    with pdfplumber.open(tmp_path / "views.pdf") as pdf:
        assert len(pdf.pages) == 2
        words = pdf.pages[0].extract_text()
    assert all(n in words for n in shipped_view("foot_sole").names)
    assert (tmp_path / "foot_sole.png").stat().st_size > 5_000 and (tmp_path / "mitten.png").is_file()
    code, output = run("views", "nosuchview")
    assert code == 2 and "no view 'nosuchview'" in output


def test_an_oversized_view_file_is_refused_before_parsing(tmp_path: Path) -> None:
    body = GOOD.format(right=70).replace("</svg>", "<!--" + "x" * (2 * 1024 * 1024) + "--></svg>")
    with pytest.raises(ViewError, match="a view file may have at most 2 MiB"):
        read_view(_write(tmp_path, body), "v.svg")
