"""Text that must exist in every language in its own words: the safety note, when not to massage.

Most strings may fall back to the source language with a visible EN tag. A few may not: a Thai client who
cannot read English would never see "do not massage over varicose veins". routine.yaml names them in
`required_in_every_language` (dotted keys, or a section such as `safety` for every string under it). The routine
file is the place for it because which words are safety-critical is the routine author's decision, made once
for every language: the text schema is the same for every routine, and a translator (who edits only
text/<lang>.yaml) must not be able to switch the rule off.

A language fails `build` and `check` for a required string that is missing, blank, or stale (its English
changed after it was translated: the translation may lack what the English now warns about), still word for word
the English (a translation just started with `lang add`: the English would print as if it were the translation),
or when the language's lock file cannot be read (nothing could then be known to be current).
"""

from __future__ import annotations

from ..errors import Problem
from ..source.load import Project
from .i18n import flatten, read_lock, source_hash


def required_keys(project: Project) -> tuple[list[str], list[Problem]]:
    """The source-language keys the routine requires, expanded from sections; entries naming no string are problems."""
    source = flatten(project.texts[project.routine.source_language].data)
    src_display = project.texts[project.routine.source_language].display
    keys: list[str] = []
    problems: list[Problem] = []
    for i, entry in enumerate(project.routine.required):
        found = [k for k in source if k == entry or k.startswith(f"{entry}.")]
        if not found:
            problems.append(
                project.routine_source.problem(
                    ("required_in_every_language", i),
                    f"{entry!r} names no string in {src_display}; use a dotted key such as safety.body, "
                    "or a section such as safety",
                )
            )
        keys += [k for k in found if k not in keys]
    return keys, problems


def required_problems(project: Project, langs: list[str]) -> list[Problem]:
    """One problem per language and required string that the language does not give in its own words."""
    keys, problems = required_keys(project)
    if problems:
        return problems
    src_lang = project.routine.source_language
    source = flatten(project.texts[src_lang].data)
    rule_line, _ = project.routine_source.locate(("required_in_every_language",), key=True)
    rule = f"{project.routine_source.display}:{rule_line}" if rule_line else project.routine_source.display
    for lang in langs:
        text_src = project.texts[lang]
        own = flatten(text_src.data)
        hashes, unreadable = read_lock(project.content_dir, lang) if lang != src_lang else ({}, [])
        if unreadable:  # without its record no required string can be known to be current: fix that first
            problems += unreadable
            continue
        for key in keys:
            line, col = text_src.locate(tuple(key.split(".")))
            if key not in own:
                why = f"missing (the {src_lang} text may not stand in for it)"
            elif not own[key].strip():
                why = "blank"
            elif lang != src_lang and own[key] == source[key]:
                why = f"still the {src_lang} text, word for word (an untouched copy); translate it"
            elif key in hashes and hashes[key] != source_hash(source[key]):
                why = (
                    f"stale: the {src_lang} text changed after it was translated; update it and run "
                    f"`cardgen lang mark {lang} {key}`"
                )
            else:
                continue
            message = f"[{lang}] {why}; this text is required in every language ({rule})"
            problems.append(Problem(text_src.display, line, col, key, message))
    return problems
