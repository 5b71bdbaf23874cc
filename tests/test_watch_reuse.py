"""Watch rebuilds reuse what did not change (live/reuse.py) and never serve a stale PDF.

After each edit in a row, every PDF the warm session left in its output folder must be byte-identical to a cold
build of the same sources; and each kind of input (a translation, the source language, a fallback, a layout
number, a font option, a file beside the content, a language added) must reach the PDFs it changes.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from cardgen.build import BuildOptions, build
from cardgen.live.rebuild import LiveBuild
from cardgen.live.reuse import RecordingStrings, build_language_reusing, recording, shared_stamp, still_valid
from cardgen.text.i18n import Texts

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """content/, layouts/ and fonts/ side by side (the copied layout names ../fonts), all writable."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "layouts", tmp_path / "layouts")
    shutil.copytree(ROOT / "fonts", tmp_path / "fonts")
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def pdfs(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.pdf"))}


def assert_same_as_cold(live: LiveBuild, tmp_path: Path, step: str) -> None:
    cold = tmp_path / f"cold-{step}"
    build(BuildOptions(content=live.options.content, layouts=live.options.layouts, out=cold, langs=live.options.langs))
    warm, fresh = pdfs(live.options.out), pdfs(cold)
    assert warm.keys() == fresh.keys(), step
    assert [name for name in fresh if warm[name] != fresh[name]] == [], step


def test_edits_in_a_row_give_the_bytes_of_a_cold_build(project: Path) -> None:
    content, layouts = project / "content", project / "layouts"
    ru, en, default = content / "text" / "ru.yaml", content / "text" / "en.yaml", layouts / "default.yaml"
    live = LiveBuild(BuildOptions(content=content, layouts=layouts, out=project / "out", langs=("en", "ru")))
    assert live.rebuild().ok
    assert live.rebuild([ru]).ok  # the first save: the fonts folder is known (and stamped) from now on
    pages = live._last["ru"].files["booklet.pdf"][1]

    # a booklet-only string: the deck half is reused without being laid out
    edit(ru, "heading: Зачем нужен расслабляющий массаж", "heading: Зачем нужен массаж")
    result = live.rebuild([ru])
    assert result.ok and result.built == ("ru",)
    assert live._last["ru"].built == ("booklet",)
    assert_same_as_cold(live, project, "ru-booklet-text")

    # a step's title: on a card and in the booklet, both halves
    edit(ru, "    title: Поглаживание\n", "    title: Поглаживание ладонями\n")
    assert live.rebuild([ru]).ok and live._last["ru"].built == ("deck", "booklet")
    assert_same_as_cold(live, project, "ru-title")

    # the source language, in a string the translation has its own words for: Russian is reused whole
    edit(en, "Work from the bottom up.", "Work slowly from the bottom up.")
    assert live.rebuild([en]).ok
    assert live._last["en"].built == ("deck", "booklet") and live._last["ru"].built == ()
    assert_same_as_cold(live, project, "en-instruction")

    # ... and in a string the translation falls back on: Russian's booklet must follow
    edit(ru, "    skin: Улучшает состояние кожи.\n", "")
    assert live.rebuild([ru]).ok
    assert_same_as_cold(live, project, "ru-falls-back")
    edit(en, "skin: ", "skin: Soft and ")
    assert live.rebuild([en]).ok and "booklet" in live._last["ru"].built
    assert_same_as_cold(live, project, "en-fallback")

    # a long paragraph: the booklet gets more pages (pagination moves every page after it)
    end = "особенно иммунной и нервной системе."
    edit(ru, end, end + " Массаж помогает." * 120)
    assert live.rebuild([ru]).ok
    assert live._last["ru"].files["booklet.pdf"][1] > pages
    assert_same_as_cold(live, project, "ru-pagination")

    # a layout number: every half of every language
    edit(default, "  gap: 2.5mm", "  gap: 2.2mm")
    assert live.rebuild([default]).ok
    assert live._last["en"].built == live._last["ru"].built == ("deck", "booklet")
    assert_same_as_cold(live, project, "layout-number")

    # a font option: the family a language prints in
    edit(default, "      regular: NotoSans-Regular.ttf", "      regular: NotoSans-Italic.ttf")
    assert live.rebuild([default]).ok and live._last["ru"].built == ("deck", "booklet")
    assert_same_as_cold(live, project, "font-option")


def test_a_language_added_is_built_and_one_removed_is_dropped(project: Path) -> None:
    content = project / "content"
    live = LiveBuild(BuildOptions(content=content, out=project / "out"))
    assert live.rebuild().ok and live.rebuild([content / "text" / "es.yaml"]).ok
    (content / "text" / "es.yaml").unlink()
    (content / "text" / "es.lock.yaml").unlink()
    result = live.rebuild([content / "text" / "es.yaml"])
    assert result.ok and "es" not in result.languages
    shutil.copy(ROOT / "content" / "text" / "es.yaml", content / "text" / "es.yaml")
    shutil.copy(ROOT / "content" / "text" / "es.lock.yaml", content / "text" / "es.lock.yaml")
    result = live.rebuild([content / "text" / "es.yaml"])
    assert result.ok and result.built == ("es",) and live._last["es"].built == ("deck", "booklet")
    assert_same_as_cold(live, project, "es-back")


def test_the_shared_stamp_sees_every_shared_file_and_no_translation(project: Path) -> None:
    content, layouts, fonts = project / "content", project / "layouts", project / "fonts"
    options = BuildOptions(content=content, layouts=layouts)
    stamp = lambda: shared_stamp(options, fonts)  # noqa: E731
    first = stamp()
    assert stamp() == first
    edit(content / "text" / "ru.yaml", "Поглаживание", "Поглаживание!")  # a translation: in its own texts only
    assert stamp() == first
    changes = [
        lambda: edit(content / "routine.yaml", "\n", "\n\n"),
        lambda: (content / "views").mkdir() or (content / "views" / "side.svg").write_text("<svg/>"),  # a view file
        lambda: edit(content / "views" / "side.svg", "<svg/>", "<svg />"),
        lambda: edit(layouts / "default.yaml", "  gap: 2.5mm", "  gap: 2.4mm"),
        lambda: os.utime(fonts / "NotoSans-Regular.ttf", ns=(1, 1)),
    ]
    seen = {first}
    for change in changes:
        change()
        now = stamp()
        assert now not in seen
        seen.add(now)
    assert shared_stamp(options, None) != stamp()  # another fonts folder is another key


def texts(strings: dict[str, str], fallbacks: set[str] | None = None) -> Texts:
    return Texts("ru", dict(strings), set(fallbacks or ()), set())


def test_recorded_reads_decide_reuse() -> None:
    watched, strings, reads = recording(texts({"a": "A", "b": "B", "links.video": "v"}, {"b"}))
    assert watched.get("a") == "A" and watched.has("c") is False and watched.link("video") == "v"
    assert watched.is_fallback("b") and "b" in watched.strings
    assert reads == {"a": ("A", False), "c": (None, False), "links.video": ("v", False), "b": ("B", True)}
    assert not strings.everything
    assert still_valid(reads, texts({"a": "A", "b": "B", "links.video": "v", "z": "Z"}, {"b"}))  # unread key: free
    assert not still_valid(reads, texts({"a": "A2", "b": "B", "links.video": "v"}, {"b"}))  # a value
    assert not still_valid(reads, texts({"a": "A", "b": "B", "links.video": "v"}))  # no longer a fallback
    assert not still_valid(reads, texts({"a": "A", "b": "B", "c": "C", "links.video": "v"}, {"b"}))  # now given
    assert not still_valid(reads, texts({"b": "B", "links.video": "v"}, {"b"}))  # gone
    assert not still_valid(None, texts({}))  # read everything: never reused


def test_iterating_the_strings_means_reading_everything() -> None:
    strings = RecordingStrings({"a": "A"}, set(), {})
    assert list(strings) == ["a"] and strings.everything
    sized = RecordingStrings({"a": "A"}, set(), {})
    assert len(sized) == 1 and sized.everything


def test_a_half_is_reused_only_while_its_texts_are_equal(monkeypatch: pytest.MonkeyPatch) -> None:
    from cardgen.live import reuse

    calls: list[str] = []

    def half(name: str, key: str):  # a fake half that reads one key
        def make(t: Texts) -> dict[str, tuple[bytes, int]]:
            calls.append(name)
            return {f"{name}.pdf": (t.get(key).encode(), 1)}

        return make

    current = {"texts": texts({"x": "1", "y": "2"})}
    monkeypatch.setattr(reuse, "_make_halves", lambda project, personal: {"d": half("d", "x"), "b": half("b", "y")})
    monkeypatch.setattr(reuse, "texts_for", lambda project, lang: current["texts"])
    first = build_language_reusing(None, "ru", None, None)  # type: ignore[arg-type]
    assert calls == ["d", "b"] and first.files == {"d.pdf": (b"1", 1), "b.pdf": (b"2", 1)}
    again = build_language_reusing(None, "ru", None, first)  # type: ignore[arg-type]
    assert calls == ["d", "b"] and again.built == () and again.files == first.files
    current["texts"] = texts({"x": "1", "y": "3"})
    third = build_language_reusing(None, "ru", None, again)  # type: ignore[arg-type]
    assert calls == ["d", "b", "b"] and third.built == ("b",) and third.files["b.pdf"] == (b"3", 1)
