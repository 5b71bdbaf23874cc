"""The booklet's cover: title, subtitle, a diagram the content chooses on a tinted panel, and who it is for and from.

A booklet printed without a client's name gets lines to write the names on by hand, so one print run serves
every client; with names given they are printed. Nothing about a client is kept anywhere but this page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..diagrams.views import BOX_H, BOX_W
from ..diagrams.vocabulary import Stroke
from ..errors import FitError
from ..source.load import Project
from ..source.units import to_mm
from ..text.i18n import Texts
from ..text.styles import StyleSheet
from .column import last_baseline, last_line_end, moved
from .frames import Box, Diagram, Fill, Frame, Item, Rule, Tag, Text
from .qr import qr_code
from .text import SHORT_TITLE_LINE, fit, place, rebalanced

#: Lines a personal field may take on the cover; a longer one shrinks (to its style's min_size) or is refused.
PERSONAL_LINES = 3


@dataclass(frozen=True)
class Personal:
    """What may be printed on the cover for one client; never stored anywhere but the PDF."""

    client: str | None = None
    practitioner: str | None = None
    contact: str | None = None
    date: str | None = None

    def cleaned(self) -> Personal:
        """Blank values (an empty CSV cell, spaces) count as not given; inner runs of whitespace become one space."""

        def clean(value: str | None) -> str | None:
            text = " ".join((value or "").split())
            return text or None

        return Personal(clean(self.client), clean(self.practitioner), clean(self.contact), clean(self.date))


@dataclass(frozen=True)
class PageBox:
    """A booklet page and its content area; odd pages are right-hand pages with the spine on their left."""

    width: float
    height: float
    top: float
    bottom: float
    inner: float
    outer: float
    folio: float  # baseline of the page number above the bottom edge

    @property
    def content_w(self) -> float:
        return self.width - self.inner - self.outer

    @property
    def content_h(self) -> float:
        return self.height - self.top - self.bottom

    def left(self, number: int) -> float:
        return self.inner if number % 2 else self.outer

    def frame(self, kind: str, label: str) -> Frame:
        return Frame(self.width, self.height, Box(0, 0, self.width, self.height), kind=kind, label=label)


def page_box(project: Project) -> PageBox:
    spec, geo = project.layout.spec.booklet, project.layout.geometry
    return PageBox(
        geo.page_w, geo.page_h, spec.margin_top, spec.margin_bottom, spec.margin_inner, spec.margin_outer, spec.folio
    )


def _line_to_write_on(item: Text, right: float, gap: float) -> Rule:
    y = last_baseline(item) - 1.5
    return Rule(last_line_end(item) + gap, y, right, y, color="muted", width=0.6)


def _personal_lines(
    texts: Texts, styles: StyleSheet, personal: Personal, x: float, width: float, gap: float
) -> tuple[list[Item], float]:
    """The cover's names, stacked up from y = 0; returns the items and their total height.

    A printed field wraps to PERSONAL_LINES lines and shrinks down to its style's min_size; one that does not fit
    even then is a FitError naming the field (`--client`, ...), so the batch can name the CSV row.
    """
    entries: list[tuple[str, str, str | None]] = [
        (
            texts.get("ui.prepared_for", client=personal.client or ""),
            "booklet_cover_name",
            personal.client and "client",
        ),
        (
            texts.get("ui.prepared_by", practitioner=personal.practitioner or ""),
            "booklet_cover_by",
            personal.practitioner and "practitioner",
        ),
    ]
    given = (("contact", personal.contact), ("date", personal.date))
    entries += [(value, "booklet_meta", name) for name, value in given if value]
    items: list[Item] = []
    y = 0.0
    for text, style, field in reversed(entries):
        blank = field is None
        if blank:  # a blank line to write on needs room above its rule: one and a half lines of the style
            item = place(text.strip(), styles[style], style, x, y + styles[style].leading * 1.5, width)
            item = Text(Box(item.box.x, y, item.box.w, item.box.top - y), item.para, item.text, item.style)
            items.append(_line_to_write_on(item, x + width, gap))
        else:
            leading, floor = styles[style].leading, styles.minimums.get(style, styles[style].fontSize)
            fitted = fit(text.strip(), styles[style], style, Box(x, y, width, leading * PERSONAL_LINES), floor)
            if fitted is None:
                raise FitError(
                    f"booklet cover [{texts.lang}]: the {field} does not fit in {PERSONAL_LINES} lines even at "
                    f"{floor:g}pt; shorten it",
                    key=f"--{field}",
                    lang=texts.lang,
                )
            item = moved(fitted, 0, y - fitted.box.y)
        items.append(item)
        y = item.box.top + gap
    return items, y - gap


def _link_code(
    project: Project, texts: Texts, styles: StyleSheet, x: float, y: float, width: float, gap: float
) -> list[Item]:
    """The QR code of the language's booklet link (else its video link) at (x, y), its caption beside it; or
    nothing when the language has no link: a code is never printed for an address that is not there."""
    key, url = next(((k, u) for k in ("booklet", "video") if (u := texts.link(k))), ("", None))
    if url is None:
        return []
    code = qr_code(url, x, y, project.layout.spec.qr, f"booklet cover [{texts.lang}] links.{key}")
    code = replace(code, tag=Tag("Figure", alt=f"QR: {url}"))
    text_x = x + code.box.w + gap
    caption = place(texts.get(f"ui.qr_{key}"), styles["booklet_meta"], "booklet_meta", text_x, 0, x + width - text_x)
    middle = y + code.box.h / 2
    return [code, moved(caption, 0, middle + caption.box.h / 2 - caption.box.top)]


def cover(project: Project, texts: Texts, styles: StyleSheet, personal: Personal) -> Frame:
    spec = project.layout.spec.booklet
    page = page_box(project)
    frame = page.frame("cover", "cover")
    frame.bookmarks.append(texts.get("meta.booklet_title"))
    x, width, gap = page.left(1), page.content_w, spec.paragraph_gap
    top = page.height - page.top
    # the cover's lines never end on one short word ("... at / home"): rebalanced like a card's text
    title_text = texts.get("meta.booklet_title")
    title = place(title_text, styles["booklet_cover_title"], "booklet_cover_title", x, top, width, Tag("H1"))
    title = rebalanced(title, SHORT_TITLE_LINE)
    sub = place(
        texts.get("meta.subtitle"), styles["booklet_cover_sub"], "booklet_cover_sub", x, title.box.y - gap, width
    )
    sub = rebalanced(sub, SHORT_TITLE_LINE)
    accent_y = sub.box.y - gap * 2
    frame.items += [title, sub, Rule(x, accent_y, x + width * 0.3, accent_y, color="band", width=2.0)]

    names, names_h = _personal_lines(texts, styles, personal.cleaned(), x, width, gap)
    base = page.bottom
    frame.items += [moved(item, 0, base) for item in reversed(names)]  # stacked bottom-up; drawn in reading order
    rule_y = base + names_h + gap * 2
    frame.items.append(Rule(x, rule_y, x + width, rule_y, color="faint", width=0.6))
    floor = rule_y
    code = _link_code(project, texts, styles, x, rule_y + gap * 2, width, gap)
    if code:
        frame.items += code
        floor = max(item.box.top for item in code if not isinstance(item, Rule))

    # the picture panel takes what is left between the accent rule and the names (and the link's code), up to
    # its layout height
    panel_top = accent_y - gap * 3
    panel_h = min(spec.cover_diagram, panel_top - floor - gap * 3)
    if panel_h < spec.cover_diagram / 2:  # a long title would run into the names (or the code)
        raise FitError(
            f"booklet cover [{texts.lang}]: the title and subtitle leave {to_mm(max(panel_h, 0.0)):.1f} mm for the "
            f"cover picture; shorten them so at least {to_mm(spec.cover_diagram / 2):.1f} mm remains",
            key="meta.booklet_title",
            lang=texts.lang,
        )
    panel = Box(x, panel_top - panel_h, width, panel_h)
    frame.items.append(Fill(panel, fill="tint", radius=spec.column_gap))
    inner = panel.inset(spec.column_gap)
    aspect = BOX_H / BOX_W
    dh = min(inner.h, inner.w * aspect)
    if dh > 0 and inner.w > 0:  # a column_gap wider than the panel leaves nothing to draw in
        frame.items.append(
            Diagram(
                Box(inner.x, inner.y + (inner.h - dh) / 2, inner.w, dh),
                cover_strokes(project),
                label_style="booklet_diagram_label",
                view=project.routine.cover_view,
            )
        )
    return frame


def cover_strokes(project: Project) -> tuple[Stroke, ...]:
    """What the cover draws: routine.yaml's `cover: {step: ID}`, a bare view for `cover: {view: NAME}`, else the
    first step that has a diagram (the bare body when none has)."""
    routine = project.routine
    if routine.cover_view is not None:
        return ()
    chosen = [s for s in routine.steps if s.id == routine.cover_step] or [s for s in routine.steps if s.strokes]
    return chosen[0].strokes if chosen else ()
