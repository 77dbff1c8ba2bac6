"""The PDF stage: page geometry, page furniture, bookmarks and metadata."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFPage
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from handout.document.elements import Furniture, Metadata, Run
from handout.errors import HandoutError
from handout.layout.page import FOOTER_TOP, MARGIN_BOTTOM, MARGIN_SIDE, MARGIN_TOP
from handout.layout.theme import Theme
from handout.reportlab_api import (
    clear_page_operators,
    frame_at_top,
    frame_of,
    frame_room,
    held_content,
    kept_flowables,
    kept_height,
    last_page,
    list_wrap_on,
    outline_of,
    page_operators,
    set_outline,
    set_what,
    splitting_in,
    what_of,
)

FurnitureDrawer = Callable[[Canvas, int, int], None]


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int


class _FurnishedCanvas(Canvas):
    """A canvas that draws page furniture once the page count is known.

    Platypus closes each page before the next is laid out, so "page X of Y" cannot be drawn
    then. The finished pages keep their content streams until `save`, so the furniture is
    appended to each one there, and bookmarks and links keep pointing at the right page.
    """

    # The rest of the arguments are Canvas's, as the document template passes them.
    def __init__(self, *args: Any, draw_furniture: FurnitureDrawer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.draw_furniture = draw_furniture
        self._finished_pages: list[PDFPage] = []

    def showPage(self) -> None:
        super().showPage()
        self._finished_pages.append(last_page(self))

    def save(self) -> None:
        total = len(self._finished_pages)
        for number, page in enumerate(self._finished_pages, 1):
            clear_page_operators(self)
            self.draw_furniture(self, number, total)
            page.stream += "\n".join(page_operators(self)) + "\n"
        clear_page_operators(self)
        super().save()


def _carry_names(flowable: Flowable, parts: list[Flowable]) -> list[Flowable]:
    """A flowable split across pages keeps its bookmark on its first part (ReportLab's parts
    carry no attributes), and every part keeps its name for errors."""
    outline = outline_of(flowable)
    if parts and outline and not hasattr(parts[0], "outline"):
        set_outline(parts[0], outline)
    what = what_of(flowable)
    for part in parts:
        if what and "what" not in vars(part):
            set_what(part, what)
    return parts


class _BodyFrame(Frame):
    def split(self, flowable: Flowable, canv: Canvas) -> list[Flowable]:
        return _carry_names(flowable, super().split(flowable, canv))


class _KeepWithStart(KeepTogether):
    """Keeps a heading or a lead-in with what follows it. When the whole group is taller than
    a page, ReportLab moves it to the next page, leaving this one part empty; this keeps the
    group with just the start of its last flowable instead, if that splits."""

    def split(self, aW: float, aH: float) -> list[Flowable]:
        frame = frame_of(self)
        *leading, last = kept_flowables(self)
        self.wrap(aW, aH)
        total = kept_height(self)
        if frame is None or frame_at_top(frame) or not leading or total <= frame_room(frame):
            return super().split(aW, aH)
        _, used = list_wrap_on(leading, aW, self.canv)
        room = aH - used - max(leading[-1].getSpaceAfter(), last.getSpaceBefore())
        parts = self._split_last(last, frame, aW, room) if room > 0 else []
        if len(parts) < 2:
            return super().split(aW, aH)
        return [*leading, *parts]

    def _split_last(
        self, last: Flowable, frame: Frame, width: float, height: float
    ) -> list[Flowable]:
        with splitting_in(last, frame, self.canv):
            return _carry_names(last, last.split(width, height))


class _HandoutTemplate(BaseDocTemplate):
    unplaced: Flowable | None = None  # what ReportLab last could not place
    _bookmark_keys: list[str]
    _outline_level: int

    def _fIdent(self, f: Flowable, maxLen: int | None = None, frame: Frame | None = None) -> str:
        # ReportLab names a flowable it cannot place by its text; ours say what they are.
        self.unplaced = f
        return describe(f)

    def afterFlowable(self, flowable: Flowable) -> None:
        outline = outline_of(flowable)
        if outline:
            title, level = outline
            # A bookmark may go at most one level deeper than the one before it (a template
            # can skip heading levels; the outline cannot).
            level = min(level, self._outline_level + 1)
            self._outline_level = level
            key = f"section-{len(self._bookmark_keys)}"
            self._bookmark_keys.append(key)
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=level, closed=False)


def furniture_drawer(
    furniture: Furniture, theme: Theme, page_width: float, numeral: Callable[[int], str]
) -> FurnitureDrawer:
    """Under a rule: the short title, the contact line if any, and "page X of Y" (numbers as
    `numeral` writes them); then the one-line disclaimer and the website if any.

    Each footer line stays one line: what does not fit is left to the contact box.
    """
    styles = theme.styles
    width = page_width - 2 * MARGIN_SIDE
    line_height = styles["footer"].leading
    title_width = width * 0.8

    def fits(runs: tuple[Run, ...], room: float) -> bool:
        return theme.text(runs, "footer").wrap(room, line_height * 3)[1] <= line_height

    short_title = one_line(
        furniture.short_title, lambda text: fits((Run(text, bold=True),), title_width)
    )
    title_runs: tuple[Run, ...] = (Run(short_title, bold=True),)
    if furniture.contact and fits((*title_runs, Run(f"  ·  {furniture.contact}")), title_width):
        title_runs = (*title_runs, Run(f"  ·  {furniture.contact}"))
    title = theme.text(title_runs, "footer")
    disclaimer = theme.text((Run(furniture.disclaimer),), "footer")
    website = None
    both = f"{furniture.disclaimer}      {furniture.website}"
    if furniture.website and fits((Run(both),), width):
        website = theme.text((Run(furniture.website),), "footer-end")

    def place(canvas: Canvas, flowable: Flowable, x: float, top: float, room: float) -> None:
        _, height = flowable.wrap(room, line_height * 2)
        flowable.drawOn(canvas, x, top - height)

    def draw(canvas: Canvas, number: int, total: int) -> None:
        label = furniture.page_label % {
            "page": numeral(number),
            "pages": numeral(total),
        }
        top = FOOTER_TOP
        canvas.saveState()
        canvas.setStrokeColor(theme.rule)
        canvas.setLineWidth(0.7)
        canvas.line(MARGIN_SIDE, top, MARGIN_SIDE + width, top)
        top -= 4
        # The title starts where lines start: at the right in a right-to-left language.
        title_x = MARGIN_SIDE + width - title_width if theme.rtl else MARGIN_SIDE
        place(canvas, title, title_x, top, title_width)
        place(canvas, theme.text((Run(label),), "footer-end"), MARGIN_SIDE, top, width)
        place(canvas, disclaimer, MARGIN_SIDE, top - line_height, width)
        if website:
            place(canvas, website, MARGIN_SIDE, top - line_height, width)
        canvas.restoreState()

    return draw


def one_line(text: str, fits: Callable[[str], bool]) -> str:
    """`text`, or as much of it as `fits` on one line, cut at a space and ending in "…"."""
    if fits(text):
        return text
    low, high = 0, len(text)  # the longest prefix that fits lies in [low, high)
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if fits(text[:middle].rstrip() + "…") else (low, middle)
    cut = text[:low]
    if " " in cut.strip():
        cut = cut.rstrip().rsplit(" ", 1)[0]
    return cut.rstrip() + "…"


def render_pdf(
    flowables: Sequence[Flowable],
    *,
    page_size: tuple[float, float],
    metadata: Metadata,
    lang: str,
    theme: Theme,
    furniture: FurnitureDrawer,
) -> RenderedPdf:
    """Lay out the flowables on pages and return the finished PDF."""
    buffer = io.BytesIO()
    template = _HandoutTemplate(
        buffer,
        pagesize=page_size,
        leftMargin=MARGIN_SIDE,
        rightMargin=MARGIN_SIDE,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=metadata.title,
        author=metadata.author,
        subject=metadata.subject,
        keywords=metadata.keywords,  # type: ignore[arg-type]  # a string also does (stub: list)
        creator="handout",
        initialFontName=theme.family.regular,  # not the canvas default, unembedded Helvetica
        lang=lang,
        invariant=1,
        displayDocTitle=1,
        keepTogetherClass=_KeepWithStart,
    )
    template._bookmark_keys = []
    template._outline_level = -1
    frame = _BodyFrame(
        MARGIN_SIDE,
        MARGIN_BOTTOM,
        page_size[0] - 2 * MARGIN_SIDE,
        page_size[1] - MARGIN_TOP - MARGIN_BOTTOM,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    template.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    try:
        template.build(
            list(flowables), canvasmaker=partial(_FurnishedCanvas, draw_furniture=furniture)
        )
    except LayoutError:
        what = describe(template.unplaced) if template.unplaced is not None else "some content"
        raise HandoutError(
            f"{what} does not fit on a page (page {template.page}); shorten it"
        ) from None
    return RenderedPdf(buffer.getvalue(), template.page)


def describe(flowable: Flowable) -> str:
    """A flowable as a reader of an error knows it: what it is, else how its text begins."""
    what = what_of(flowable)
    if what:
        return str(what)
    text = " ".join(_first_text(flowable).split())
    if not text:
        return f"a {type(flowable).__name__}"
    return f"the text '{text[:60]}…'" if len(text) > 60 else f"the text '{text}'"


def _first_text(flowable: object) -> str:
    if hasattr(flowable, "getPlainText"):
        return str(flowable.getPlainText())
    for held in held_content(flowable):
        for item in _flat(held):
            text = _first_text(item)
            if text.strip():
                return text
    return ""


def _flat(items: object) -> list[object]:
    if isinstance(items, list | tuple):
        return [leaf for item in items for leaf in _flat(item)]
    return [items]
