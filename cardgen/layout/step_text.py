"""The words a step prints around its instruction: its time, its hands and direction, a repeat's sentence.

Cards, their bilingual backs, the overview and the booklet all print these, so they are made once here. Every
word comes from the language's text (templates such as "about {{ minutes }} min"); only digits, the "½" of a
half minute and the dash of a run of step numbers ("2–8") are written here, and those read the same in every
language cardgen prints.
"""

from __future__ import annotations

from ..source.load import Project
from ..source.model import Step
from ..text.i18n import Texts

HALF = "½"


def minutes_figure(seconds: int) -> str:
    """Seconds as minutes in halves, the way a clock-watcher says them: 90 -> "1½", 30 -> "½", 180 -> "3".

    A time that is not a whole half minute (45 s) rounds to the nearest half, halves rounding up."""
    halves = (seconds + 15) // 30
    whole, half = divmod(halves, 2)
    if half:
        return f"{whole}{HALF}" if whole else HALF
    return str(whole)


def duration(texts: Texts, step: Step, *, short: bool = False) -> str:
    """The step's time: "about 1½ min", or for a time given in seconds "about 30 s" (`short`: the overview's)."""
    if step.seconds_given:
        return texts.get("ui.seconds_short" if short else "ui.seconds", seconds=step.seconds)
    return texts.get("ui.minutes_short" if short else "ui.minutes", minutes=minutes_figure(step.seconds))


def total_time(texts: Texts, project: Project) -> str:
    """ "Total: about 27½ min": every step's time, repeats included."""
    return texts.get("ui.total_time", minutes=minutes_figure(project.routine.total_seconds))


def step_numbers(numbers: tuple[int, ...]) -> str:
    """Step numbers with runs joined by an en dash: (2, 3, 4, 5) -> "2–5"; (2, 4, 5) -> "2, 4–5"."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)


def repeat_sentence(texts: Texts, step: Step) -> str:
    """ "Repeat steps 2–8 on the other foot.": the language's sentence for the side, with the numbers filled in."""
    assert step.repeat is not None
    numbers = step.repeat.numbers
    return texts.get(f"ui.repeat.{step.repeat.side}", steps=step_numbers(numbers), first=numbers[0], last=numbers[-1])


def instruction(texts: Texts, step: Step) -> tuple[str, str]:
    """The step's body text and the key to blame when it does not fit: a repeat's sentence, then any words
    of its own; any other step's instruction."""
    key = f"steps.{step.id}.instruction"
    if step.repeat is None:
        return texts.get(key), key
    sentence = repeat_sentence(texts, step)
    if texts.has(key):
        return f"{sentence}\n\n{texts.get(key)}", key
    return sentence, f"ui.repeat.{step.repeat.side}"


def overview_title(texts: Texts, step: Step) -> str:
    """The overview's title of a step: its short title when the text gives one."""
    return texts.get_any(f"steps.{step.id}.short_title", f"steps.{step.id}.title")


def overview_title_key(texts: Texts, step: Step) -> str:
    key = f"steps.{step.id}.short_title"
    return key if texts.has(key) else f"steps.{step.id}.title"


def hands_direction(texts: Texts, step: Step, *, labelled: bool = True, sep: str = "  ·  ") -> str:
    """ "Hands: Both palms · Direction: Upward": the parts the step gives ("" for a step with neither)."""
    parts = []
    for name, value in (("hands", step.hands), ("direction", step.direction)):
        if value is None:
            continue
        label = texts.get(f"ui.{name}.{value}")
        parts.append(f"**{texts.get(f'ui.{name}_label')}:** {label}" if labelled else label)
    return sep.join(parts)


def meta_key(step: Step) -> str:
    """The text key to blame when the hands and direction line does not fit."""
    return f"ui.hands.{step.hands}" if step.hands else f"ui.direction.{step.direction}"


def step_alt(texts: Texts, step: Step) -> str:
    """A step diagram's alternative text: the step's own words for what the drawing shows, in its language."""
    return hands_direction(texts, step, labelled=False, sep=" · ") or overview_title(texts, step)
