"""The example routines shipped in examples/: each builds in every language it has, complete and current.

examples/neck-shoulders is a seated neck and shoulder massage written only in content (no code): its diagrams
use the neck_shoulders and head body views.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import ROOT, run

from cardgen.text.i18n import flatten, shared, source_hash

NECK = ROOT / "examples" / "neck-shoulders" / "content"


def test_the_german_neck_routine_is_complete_and_current() -> None:
    """Every English string has its German, and the lock records the English each was translated from."""
    english = flatten(yaml.safe_load((NECK / "text" / "en.yaml").read_text(encoding="utf-8")))
    german = flatten(yaml.safe_load((NECK / "text" / "de.yaml").read_text(encoding="utf-8")))
    lock = yaml.safe_load((NECK / "text" / "de.lock.yaml").read_text(encoding="utf-8"))["hashes"]
    keys = [k for k in english if shared(k)]
    assert [k for k in keys if k not in german] == []
    assert [k for k in german if k not in english] == []
    assert [k for k in keys if lock.get(k) != source_hash(english[k])] == []
    # translated, not copied: only the page number's bare placeholder reads the same in both
    assert [k for k in keys if german[k] == english[k]] == ["ui.page"]


def test_the_neck_routine_builds_in_english_and_german(tmp_path: Path) -> None:
    code, out = run("check", "--strict", "--content", str(NECK))
    assert code == 0, out
    assert "warning" not in out, out  # no text that nothing prints
    code, out = run("build", "--content", str(NECK), "--out", str(tmp_path))
    assert code == 0, out
    for lang in ("en", "de"):
        for name in ("deck.pdf", "deck-sheets.pdf", "booklet.pdf", "booklet-print.pdf"):
            assert (tmp_path / lang / name).stat().st_size > 10_000, (lang, name)
