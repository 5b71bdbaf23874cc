"""Build hook (the rest of the metadata is in pyproject.toml): the wheel carries the top-level data folders.

The repository keeps layouts/, fonts/, schemas/ and content/ at its top level; a build copies them into the
package as cardgen/data/... (cardgen/source/builtin.py says where), so an installed cardgen finds them with
importlib.resources and the repository never holds them twice. A hook rather than package-dir mapping because
a mapped folder would have to become a (namespace) package of its own, and an editable install could not map
it; an editable install skips the copy and reads the top-level folders directly.

Setuptools' scratch folder is .setuptools-build/, not build/: build/ is where `cardgen build` writes its PDFs,
and `pip install .` must not leave build/lib/ there.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


def _packaged() -> dict[str, str]:
    """The mapping in cardgen/source/builtin.py, read without importing cardgen (standard library only)."""
    spec = importlib.util.spec_from_file_location("_cardgen_builtin", ROOT / "cardgen" / "source" / "builtin.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.PACKAGED)


class BuildWithData(build_py):
    """build_py, then the data folders copied into the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for top, packaged in _packaged().items():
            target = Path(self.build_lib) / "cardgen" / "data" / packaged
            self.copy_tree(str(ROOT / top), str(target))


setup(cmdclass={"build_py": BuildWithData}, options={"build": {"build_base": ".setuptools-build"}})
