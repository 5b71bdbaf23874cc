"""Property tests: whatever the text or the layout numbers, a build ends in valid PDFs or a clean CardgenError.

Example counts are bounded (each example is a real build) so the suite stays fast on a 2-core CI machine.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pikepdf
import yaml
from conftest import CONTENT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardgen.build import BuildOptions, build
from cardgen.errors import CardgenError
from cardgen.source.marked_yaml import SourceError, load_yaml
from cardgen.text.i18n import flatten

EN = yaml.safe_load((CONTENT / "text" / "en.yaml").read_text(encoding="utf-8"))
TEXT_KEYS = sorted(key for key in flatten(EN) if "{{" not in flatten(EN)[key])
BUILDS = settings(
    max_examples=20,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

unicode_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)
text_values = st.one_of(
    unicode_text,
    st.just(""),
    st.builds(lambda s, n: (s or "x") * n, unicode_text, st.integers(50, 400)),  # very long
    st.sampled_from(["<b>", "</para>", "&", "&#0;", "**", "*", "{{", "}}", "<img src='x'/>", "\u202e", "\x00"]),
)


def set_key(data: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    for part in parents:
        data = data[part]
    data[last] = value


def build_or_clean_error(content: Path, layouts: Path | None = None, card: str | None = None) -> None:
    """Build English; the only acceptable outcomes are valid PDFs or a CardgenError (a message, no traceback)."""
    overrides = {"card": {"size": card}} if card else {}
    with tempfile.TemporaryDirectory() as out:
        try:
            options = BuildOptions(content=content, layouts=layouts, out=Path(out), langs=("en",), overrides=overrides)
            outputs = build(options)
        except CardgenError as exc:
            assert str(exc).strip(), "an error without a message"
            return
        for item in outputs:
            with pikepdf.open(item.path) as pdf:
                assert len(pdf.pages) == item.pages > 0


def english_only_content(folder: Path, en: dict[str, Any]) -> Path:
    content = folder / "content"
    (content / "text").mkdir(parents=True)
    shutil.copyfile(CONTENT / "routine.yaml", content / "routine.yaml")
    (content / "text" / "en.yaml").write_text(yaml.safe_dump(en, allow_unicode=True), encoding="utf-8")
    return content


@BUILDS
@given(
    st.dictionaries(st.sampled_from(TEXT_KEYS), text_values, min_size=1, max_size=6),
    st.sampled_from([None, "poker", "a7"]),  # smaller cards than designed: text continues on further cards
)
def test_any_text_builds_or_fails_cleanly(changes: dict[str, str], card: str | None) -> None:
    en = yaml.safe_load(yaml.safe_dump(EN))
    for key, value in changes.items():
        set_key(en, key, value)
    with tempfile.TemporaryDirectory() as folder:
        build_or_clean_error(english_only_content(Path(folder), en), card=card)


LENGTH_KEYS = [
    "card.bleed",
    "card.safe",
    "card.header",
    "card.diagram",
    "card.footer",
    "card.gap",
    "card.corner_radius",
    "sheet.margin",
    "sheet.gutter",
    "sheet.mark_length",
    "booklet.margin_top",
    "booklet.margin_inner",
    "booklet.folio",
    "booklet.diagram",
    "booklet.paragraph_gap",
    "booklet.step_diagram",
    "booklet.column_gap",
    "booklet.cover_diagram",
    "booklet.notes_line",
    "booklet.print_margin",
    "styles.card_body.size",
    "styles.card_body.leading",
    "styles.card_title.min_size",
    "styles.booklet_body.size",
    "styles.booklet_body.leading",
]
numbers = st.one_of(
    st.floats(-100, 2000, allow_nan=False),
    st.sampled_from([0.0, -0.0, 1e-9, 0.01, 14_400.0, 1e9]),
)
lengths = st.one_of(
    st.builds(lambda v, unit: f"{v:.6f}".rstrip("0").rstrip(".") + unit, numbers, st.sampled_from(["mm", "pt", "in"])),
    st.sampled_from(["0", "", "mm", "-0mm", "1e3mm", "nan", "3 mm", "9" * 400 + "mm"]),
    st.integers(-5, 5),
)
sizes = st.builds(
    lambda w, h, unit: f"{w:g}x{h:g}{unit}",
    st.floats(0, 3000, allow_nan=False),
    st.floats(0, 3000, allow_nan=False),
    st.sampled_from(["mm", "in", "pt"]),
)


@BUILDS
@given(
    st.dictionaries(st.sampled_from(LENGTH_KEYS), lengths, max_size=5),
    st.dictionaries(st.sampled_from(["card.size", "sheet.paper", "booklet.page"]), sizes, max_size=2),
)
def test_odd_layout_numbers_build_or_fail_cleanly(lengths_by_key: dict[str, Any], sizes_by_key: dict[str, str]) -> None:
    layout: dict[str, Any] = {"extends": "default"}
    for key, value in {**lengths_by_key, **sizes_by_key}.items():
        node = layout
        *parents, last = key.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    if "styles" in layout:  # a style given in a user layout replaces the default's only in the keys it sets
        for name, style in layout["styles"].items():
            style.setdefault("size", "9pt")
            style.setdefault("leading", "12pt")
            layout["styles"][name] = style
    with tempfile.TemporaryDirectory() as folder:
        layouts = Path(folder) / "layouts"
        layouts.mkdir()
        (layouts / "default.yaml").write_text(yaml.safe_dump(layout), encoding="utf-8")
        build_or_clean_error(CONTENT, layouts)


@settings(max_examples=60, deadline=None, database=None)
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_any_bytes_load_or_fail_cleanly(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.yaml"
        path.write_bytes(data)
        try:
            load_yaml(path, "f.yaml")
        except SourceError as exc:
            assert str(exc).startswith("f.yaml")
