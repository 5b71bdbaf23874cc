"""`cardgen build` with nothing to do, answered before click (and everything after it) is imported.

A no-op rebuild is decided from hashes alone (cardgen/output/manifest.py), but importing click and the commands
costs more than that decision: about half of a no-op's time. So `python -m cardgen` and the `cardgen` script ask
this module first. It takes only a plain command line, `cardgen [-q] [--debug] build` with --content, --layouts,
--out and --lang; any other option, -v, --help, a value that looks like an option, goes to click, which parses
it properly. The manifest then decides exactly as the build command does, from the options that command would
see: the ones given and every other at its default (DEFAULTS, kept equal to the command's own by a test).

Whenever anything is unsure (a folder missing, a project file click would report, a language out of date, an
unexpected exception) the answer is "not handled" and the full command runs: this can save time, never decide
differently. Standard library only, like the manifest.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: `cardgen build`'s options other than --content, --layouts, --out, --lang and --force, at their defaults, as
#: click hands them to the command (tests/test_manifest.py compares them with the command's own).
DEFAULTS: dict[str, object] = {
    "back_lang": None,
    "booklet_flip": "short",
    "card": None,
    "client": None,
    "clients": None,
    "contact": None,
    "corner_radius": None,
    "creep": 0.0,
    "date_": None,
    "duplex": None,
    "fold": None,
    "icc": None,
    "imposition": None,
    "large_print": False,
    "margin": None,
    "marks": None,
    "offset_x": None,
    "offset_y": None,
    "orientation": None,
    "output_intent": None,
    "paper": None,
    "practitioner": None,
    "seal": None,
    "strict": False,
}
#: The options taken here, by the name click gives the command's parameter.
_VALUED = {"--content": "content", "--layouts": "layouts", "--out": "out", "--lang": "langs"}
#: The group's options allowed before `build`: (option, whether it silences status lines).
_GLOBAL = {"-q": True, "--quiet": True, "--debug": False}


def parse(argv: list[str]) -> tuple[bool, dict[str, object]] | None:
    """(quiet, {content, layouts, out: str or absent; langs: [str]}) of a plain build command line, else None."""
    quiet = False
    args = list(argv)
    while args and args[0] in _GLOBAL:
        quiet |= _GLOBAL[args.pop(0)]
    if not args or args[0] != "build":
        return None
    given: dict[str, object] = {"langs": []}
    rest = iter(args[1:])
    for arg in rest:
        option, eq, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if option not in _VALUED:
            return None
        if not eq:
            value = next(rest, "")
        if not value or value.startswith("-"):  # missing, or a value click might read otherwise
            return None
        name = _VALUED[option]
        if name == "langs":
            given["langs"].append(value)
        else:
            given[name] = value  # click keeps the last of a repeated option
    return quiet, given


def _readable_folder(path: Path) -> bool:
    """What click.Path(exists=True, file_okay=False) accepts."""
    return path.is_dir() and os.access(path, os.R_OK)


def nothing_to_build(argv: list[str]) -> bool:
    """True when `argv` is a plain build whose every language is up to date: its "unchanged" lines are printed
    (unless -q) and there is nothing else to do. False: run the command line as usual."""
    if any(name.startswith("_CARDGEN_COMPLETE") for name in os.environ):  # shell completion: click's business
        return False
    try:
        return _answer(argv)
    except Exception:  # anything unforeseen: the full command decides, and reports it properly
        return False


def _answer(argv: list[str]) -> bool:
    parsed = parse(argv)
    if parsed is None:
        return False
    quiet, given = parsed
    folders = {name: Path(given[name]) for name in ("content", "layouts", "out") if name in given}
    if any(not _readable_folder(folders[name]) for name in ("content", "layouts") if name in folders):
        return False
    if len(folders) < 3:  # the project's folders fill in the rest, as the options' callbacks do
        from ..source.project_file import find_project

        found = find_project()
        if "content" not in folders:
            if found is None:
                return False
            folders["content"] = found.content
        if "layouts" not in folders and found is not None and found.layouts is not None:
            folders["layouts"] = found.layouts
        folders.setdefault("out", found.out if found is not None else Path("build"))
    from ..output.manifest import Inputs, Manifest, languages, options_text

    content, layouts, out = folders["content"], folders.get("layouts"), folders["out"]
    inputs = Inputs(content, layouts, options_text({**DEFAULTS, "content": content, "layouts": layouts}))
    manifest = Manifest.load(out)
    requested = list(dict.fromkeys(given["langs"])) or languages(content)
    if not requested or manifest.stale(inputs, requested):
        return False
    if not quiet:
        sys.stdout.write("".join(f"{line}\n" for line in manifest.unchanged_lines(requested)))
        sys.stdout.flush()
    return True
