"""The PDF stage: page geometry, page furniture, bookmarks and metadata."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from babel.numbers import format_decimal
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from .document import Furniture, Metadata, Run
from .i18n import babel_locale
from .styles import FOOTER_TOP, MARGIN_BOTTOM, MARGIN_SIDE, MARGIN_TOP, Theme

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

    def __init__(self, *args: object, draw_furniture: FurnitureDrawer, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.draw_furniture = draw_furniture
        self._finished_pages: list[object] = []

    def showPage(self) -> None:
        super().showPage()
        self._finished_pages.append(self._doc.Pages.pages[-1])

    def save(self) -> None:
        total = len(self._finished_pages)
        for number, page in enumerate(self._finished_pages, 1):
            self._code = []
            self.draw_furniture(self, number, total)
            page.stream += "\n".join(self._code) + "\n"
        self._code = []
        super().save()


class _HandoutTemplate(BaseDocTemplate):
    def afterFlowable(self, flowable: Flowable) -> None:
        outline = getattr(flowable, "outline", None)
        if outline:
            title, level = outline
            key = f"section-{len(self._bookmark_keys)}"
            self._bookmark_keys.append(key)
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=level, closed=False)


def furniture_drawer(furniture: Furniture, theme: Theme, page_width: float) -> FurnitureDrawer:
    """Under a rule: the short title, the contact line if any, and "page X of Y"; then the
    one-line disclaimer and the website if any.

    Each footer line stays one line: what does not fit is left to the contact box.
    """
    styles = theme.styles
    width = page_width - 2 * MARGIN_SIDE
    line_height = styles["footer"].leading
    title_width = width * 0.8

    def fits(runs: tuple[Run, ...], room: float) -> bool:
        return theme.text(runs, "footer").wrap(room, line_height * 3)[1] <= line_height

    title_runs: tuple[Run, ...] = (Run(furniture.short_title, bold=True),)
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

    locale = babel_locale(theme.language)

    def draw(canvas: Canvas, number: int, total: int) -> None:
        label = furniture.page_label % {
            "page": format_decimal(number, locale=locale),
            "pages": format_decimal(total, locale=locale),
        }
        top = FOOTER_TOP
        canvas.saveState()
        canvas.setStrokeColor(theme.rule)
        canvas.setLineWidth(0.7)
        canvas.line(MARGIN_SIDE, top, MARGIN_SIDE + width, top)
        top -= 4
        place(canvas, title, MARGIN_SIDE, top, title_width)
        place(canvas, theme.text((Run(label),), "footer-end"), MARGIN_SIDE, top, width)
        place(canvas, disclaimer, MARGIN_SIDE, top - line_height, width)
        if website:
            place(canvas, website, MARGIN_SIDE, top - line_height, width)
        canvas.restoreState()

    return draw


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
        keywords=metadata.keywords,
        creator="handout",
        initialFontName=theme.family.regular,  # not the canvas default, unembedded Helvetica
        lang=lang,
        invariant=1,
        displayDocTitle=1,
    )
    template._bookmark_keys = []
    frame = Frame(
        MARGIN_SIDE, MARGIN_BOTTOM, page_size[0] - 2 * MARGIN_SIDE,
        page_size[1] - MARGIN_TOP - MARGIN_BOTTOM, id="body",
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
    )
    template.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    template.build(
        list(flowables), canvasmaker=partial(_FurnishedCanvas, draw_furniture=furniture)
    )
    return RenderedPdf(buffer.getvalue(), template.page)
