"""Lazily parsed hyphenation patterns give exactly pyphen's patterns, and are the ones reportlab then uses."""

from __future__ import annotations

from pathlib import Path

import pyphen
import pytest

from cardgen.text.hyphenation import _lazy_dict, preload


@pytest.mark.parametrize("lang", ["de_DE", "th_TH", "en_US", "ru_RU"])
def test_lazy_patterns_equal_pyphens(lang: str) -> None:
    path = Path(pyphen.LANGUAGES[lang])
    lazy, stock = _lazy_dict(path), pyphen.HyphDict(path)
    assert lazy is not None
    for key, value in stock.patterns.items():
        assert lazy.patterns.get(key) == value, key
    assert not [k for k in lazy.patterns.last if k not in stock.patterns and lazy.patterns.get(k) is not None]
    for word in ("Rückenmassage", "Schulterblätter", "Wirbelsäule", "Entspannung", "massage", "relaxation"):
        assert lazy.positions(word) == stock.positions(word)


def test_preload_fills_pyphens_cache_once() -> None:
    path = pyphen.LANGUAGES["de_DE"]
    pyphen.hdcache.pop(path, None)
    preload("de_DE")
    first = pyphen.hdcache[path]
    preload("de_DE")
    assert pyphen.hdcache[path] is first
    assert pyphen.Pyphen(lang="de_DE").hd is first
    preload("")  # no dictionary: nothing to do
