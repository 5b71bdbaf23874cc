"""Where cardgen's own data lies: the built-in layouts and presets, the fonts, the editor schemas, the examples.

The repository keeps these at its top level (layouts/, fonts/, schemas/, content/), where authors and reviewers
find them. A wheel carries them inside the package, under cardgen/data/ (setup.py copies them there while the
wheel is built, so nothing is committed twice). At run time the packaged copy is found beside this module;
a checkout (an editable install, or PYTHONPATH pointing at it) has none, and the top-level folders are used.

Standard library only: the rebuild manifest asks for these folders before anything heavy is imported.
"""

from __future__ import annotations

from pathlib import Path

#: Top-level folder of the repository -> where the wheel carries it, under cardgen/data/.
PACKAGED = {
    "layouts": "layouts",
    "fonts": "fonts",
    "schemas": "schemas",
    "content": "examples/back-massage/content",
    "examples/neck-shoulders/content": "examples/neck-shoulders/content",
}
#: `cardgen init --example NAME`: the examples a wheel carries (each one's content folder).
EXAMPLES = {"back-massage": "content", "neck-shoulders": "examples/neck-shoulders/content"}


def _package() -> Path:
    """cardgen's own folder. cardgen reads its data as files (reportlab opens fonts by path), so it is never
    run from a zip archive; a wheel installs as plain files, and this module's own file says where they are
    (importlib.resources would say the same, for a third of a no-op build's time)."""
    return Path(__file__).parents[1]


def data_dir(name: str) -> Path:
    """The folder holding the top-level data folder `name` (a key of PACKAGED), installed or in a checkout."""
    packaged = _package() / "data" / PACKAGED[name]
    return packaged if packaged.is_dir() else _package().parent / name


def builtin_layouts() -> Path:
    """The built-in layouts and presets.yaml; their default.yaml finds the fonts as ../fonts."""
    return data_dir("layouts")


def example_content(name: str) -> Path:
    """The content folder of the example `name` (a key of EXAMPLES)."""
    return data_dir(EXAMPLES[name])
