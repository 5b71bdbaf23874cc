"""pyphen's hyphenation patterns, parsed only as far as the words on our pages need.

pyphen parses every pattern of a dictionary up front: German has 77,000 of them (1 MB), which took 0.35 s and
about 20 MiB of every German build, to hyphenate the few hundred words a deck and booklet print. Here the
dictionary is split into lines and keys with a few C-level string operations, and a pattern's values are parsed
the first time hyphenation asks for it. The result is pyphen's own `HyphDict` (same `positions`), placed in
pyphen's per-file cache, so reportlab's `Pyphen(lang=...)` and ours find it there. Anything unusual in a
dictionary (escaped characters, non-ASCII digits, repeated patterns) and it is parsed by pyphen itself.
"""

from __future__ import annotations

from itertools import compress, repeat
from operator import is_not, not_
from pathlib import Path
from typing import Any

#: Styles that set titles, headings, contents entries and cover text: never hyphenated. A hyphen in a title
#: ("Rücken-/massage") reads as a typo and breaks the word a reader scans for; a title wraps between words.
#: The overview's step names are not here: they are a table's narrow cells, where a German compound on a
#: small card has no other way to fit (the overview turns hyphenation off for a name whose words all fit).
TITLE_STYLES = frozenset(
    {
        "card_step",
        "card_title",
        "card_heading",
        "back_title",
        "booklet_cover_title",
        "booklet_cover_sub",
        "booklet_cover_name",
        "booklet_cover_by",
        "booklet_h1",
        "booklet_h2",
        "booklet_toc",
        "booklet_toc_step",
    }
)


def unhyphenate_titles(styles: dict[str, Any]) -> None:
    """Switch hyphenation off in the title styles of `styles` (name -> ParagraphStyle); clones inherit it."""
    for name in TITLE_STYLES & styles.keys():
        styles[name].hyphenationLang = ""


class _LazyPatterns(dict):
    """key (a pattern's letters) -> (start, values) as pyphen stores it, parsed from the raw lines on first use."""

    def __init__(self, keys: list[str], lines: list[str]) -> None:
        super().__init__()
        self.last = dict(zip(keys, lines, strict=True))
        #: every line of a key that appears more than once (German: 503 of 77,344 keys), in file order
        self.repeated: dict[str, list[str]] = {}
        if len(self.last) < len(keys):
            # a key whose line is not its last line appears again later: C-level loops (map, compress)
            earlier = set(compress(keys, map(is_not, map(self.last.__getitem__, keys), lines)))
            for key, line in compress(zip(keys, lines, strict=True), map(earlier.__contains__, keys)):
                self.repeated.setdefault(key, []).append(line)

    def get(self, key: str, default: Any = None) -> Any:
        if key in self:
            parsed = self[key]
        else:
            line = self.last.get(key)
            if line is None:
                return default
            # pyphen keeps the last line of a repeated key that has a non-zero value
            lines = self.repeated.get(key, [line])
            parsed = next((p for p in map(_parse, reversed(lines)) if p is not None), None)
            self[key] = parsed
        return parsed if parsed is not None else default


def _parse(line: str) -> tuple[int, tuple[int, ...]] | None:
    """One plain pattern ("1ba2b") exactly as pyphen.HyphDict parses it (with its own regex): the offset of the
    first non-zero value and the values up to the last one; None when all are zero (pyphen drops those)."""
    import pyphen

    values = [int(digit or "0") for digit, _ in pyphen.parse(line)]
    if max(values) == 0:
        return None
    start, end = 0, len(values)
    while not values[start]:
        start += 1
    while not values[end - 1]:
        end -= 1
    return start, tuple(values[start:end])


def _other_digits(encoded: bytes) -> bool:
    """Whether UTF-8 text holds a decimal digit other than 0-9 (only its few non-ASCII bytes are decoded)."""
    rest = encoded.translate(None, bytes(range(128))).decode()
    return any(c.isdecimal() for c in set(rest))


def _lazy_dict(path: Path) -> Any | None:
    """A pyphen HyphDict over `path` with lazily parsed patterns, or None when the file needs pyphen's parser."""
    import pyphen

    with path.open("rb") as handle:
        encoding = handle.readline().decode().strip()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    # pyphen's own steps (strip each line, drop empty and ignored ones) as C-level loops: a Python loop over
    # German's 77,000 lines took half of this function's time
    lines = list(filter(None, map(str.strip, path.read_text(encoding).split("\n")[1:])))
    lines = list(compress(lines, map(not_, map(str.startswith, lines, repeat(pyphen.ignored)))))
    body = "\n".join(lines)
    encoded = body.encode()
    if "^^" in body or "/" in body or _other_digits(encoded):
        return None  # escapes, nonstandard hyphenation or other digits: pyphen's own parser handles those
    # pyphen's key is the line without its digits (ASCII ones: its regex's \d would match others, checked above)
    keys = encoded.translate(None, b"0123456789").decode().split("\n")  # bytes.translate: C speed
    hyph = pyphen.HyphDict.__new__(pyphen.HyphDict)
    hyph.patterns = _LazyPatterns(keys, lines)
    hyph.cache = {}
    hyph.maxlen = max(map(len, keys))  # may exceed pyphen's (it skips all-zero patterns): only more look-ups
    return hyph


def preload(lang: str) -> None:
    """Put a lazily parsed dictionary for `lang` (e.g. "de_DE") in pyphen's cache, unless one is there already."""
    if not lang:
        return
    import pyphen

    name = pyphen.language_fallback(lang)
    path = pyphen.LANGUAGES.get(name) if name else None
    if path is None or path in pyphen.hdcache:
        return
    hyph = _lazy_dict(Path(path))
    if hyph is not None:
        pyphen.hdcache[path] = hyph
