"""The layout stage: document blocks become ReportLab flowables."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Self

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import inch
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, PageBreak, Table, TableStyle

from handout.document import elements as doc
from handout.document.elements import plain_text
from handout.layout.theme import TableCommand, Theme, make_table
from handout.layout.tracking import tracking_sheet
from handout.pictures import Picture, PictureFlowable
from handout.reportlab_api import (
    FUZZ,
    cell_styles,
    cell_values,
    column_widths,
    frame_at_top,
    frame_of,
    frame_page_room,
    row_heights,
    set_outline,
    set_what,
)

# A figure's box inside an exercise card; at least 1.8 in tall on paper.
FIGURE_WIDTH = 2.9 * inch
FIGURE_HEIGHT = 1.95 * inch

LOGO_WIDTH = 2.2 * inch
LOGO_HEIGHT = 0.8 * inch
QR_SIZE = 1.0 * inch
# An exercise's name in its "(continued)" heading: a longer one is cut, it only reminds.
CONTINUED_NAME_LENGTH = 80


class Layout:
    """Builds flowables for one document at one frame width."""

    def __init__(
        self,
        theme: Theme,
        width: float,
        *,
        fillable: bool = False,
        pictures: Mapping[str, Picture] | None = None,
        continued_label: str = "continued",
    ) -> None:
        self.theme = theme
        self.width = width
        self.fillable = fillable
        self.pictures = pictures or {}
        self.continued_label = continued_label  # translated: heads a card's next part

    def flowables(self, blocks: Iterable[doc.Block]) -> list[Flowable]:
        out: list[Flowable] = []
        for block in blocks:
            out.extend(self.block(block, self.width))
        # Nothing follows on the page to keep with; and ReportLab, asked to keep a flowable
        # taller than a page with a page break, loops forever.
        for flowable, following in zip(out, [*out[1:], None], strict=True):
            if following is None or isinstance(following, PageBreak):
                flowable.keepWithNext = False
        return out

    def block(self, block: doc.Block, width: float) -> list[Flowable]:
        if isinstance(block, doc.Heading):
            return [self.heading(block)]
        if isinstance(block, doc.Paragraph):
            flowable = self.theme.text(block.runs, block.style)
            flowable.keepWithNext = block.keep_with_next
            return [flowable]
        if isinstance(block, doc.ListBlock):
            return [self.list_table(block, width)]
        if isinstance(block, doc.Callout):
            return [self.callout(block, width)]
        if isinstance(block, doc.Facts):
            return [self.facts(block, width)]
        if isinstance(block, doc.ExerciseCard):
            return [self.exercise_card(block, width)]
        if isinstance(block, doc.TrackingSheet):
            sheet = tracking_sheet(
                block, self.theme, width, fillable=self.fillable, pictures=self.pictures
            )
            for flowable in sheet:
                set_what(flowable, f"the tracking sheet of week {block.number}")
            return sheet
        if isinstance(block, doc.Letterhead):
            return [self.letterhead(block, width)]
        if isinstance(block, doc.Contact):
            return [self.contact(block, width)]
        if isinstance(block, doc.PageBreak):
            return [PageBreak()]
        raise TypeError(f"no layout for {type(block).__name__}")

    def heading(self, block: doc.Heading) -> Flowable:
        flowable = self.theme.text(block.runs, f"h{block.level}")
        flowable.keepWithNext = True
        mark_outline(flowable, plain_text(block.runs), block.level - 1)
        return flowable

    def list_table(self, block: doc.ListBlock, width: float) -> Table:
        markers = [
            self.theme.text((doc.Run(f"{number}." if block.ordered else "•"),), "marker")
            for number in range(1, len(block.items) + 1)
        ]
        # Wider only for numbers too long for the usual column ("10." in large print).
        widest = max((marker.minWidth() for marker in markers), default=0.0)
        marker_width = max(0.32 * inch, widest + self.theme.body_size * 0.45)
        rows = [
            [marker, self.theme.text(item, "cell")]
            for marker, item in zip(markers, block.items, strict=True)
        ]
        table = make_table(
            self.theme,
            rows,
            [marker_width, width - marker_width],
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), self.theme.body_size * 0.35),
            ],
            table_class=SplittingTable,
        )
        table.spaceAfter = self.theme.body_size * 0.3
        return table

    def callout(self, block: doc.Callout, width: float) -> Table:
        """A boxed note. Warnings get a heavier border, so the box reads without colour.

        Each of its blocks is a row (the title rides with the first, a paragraph with the list
        it introduces), so a long box can continue on the next page between them rather than
        leave a page half empty.
        """
        padding = 0.14 * inch
        inner = width - 2 * padding
        rows: list[list[list[Flowable]]] = []
        introduces = False
        for child in block.blocks:
            flowables = self.block(child, inner)
            if introduces and isinstance(child, doc.ListBlock):
                rows[-1][0].extend(flowables)
            else:
                rows.append([flowables])
            introduces = isinstance(child, doc.Paragraph)
        if block.title:
            title = self.theme.text(block.title, "h3")
            mark_outline(title, plain_text(block.title), 1)
            rows = [[[title, *rows[0][0]]], *rows[1:]] if rows else [[[title]]]
        heavy = block.kind in ("disclaimer", "warning")
        washed = block.kind in ("disclaimer", "key-points")
        table = make_table(
            self.theme,
            rows,
            [width],
            [
                ("BOX", (0, 0), (-1, -1), 2.2 if heavy else 1, self.theme.accent),
                ("BACKGROUND", (0, 0), (-1, -1), self.theme.tint if washed else None),
                ("LEFTPADDING", (0, 0), (-1, -1), padding),
                ("RIGHTPADDING", (0, 0), (-1, -1), padding),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, 0), padding * 0.8),
                ("BOTTOMPADDING", (0, -1), (-1, -1), padding * 0.4),
            ],
            table_class=SplittingTable,
        )
        table.what = f"the box '{plain_text(block.title)}'" if block.title else "a box"
        table.lead = 1 if block.title else 0  # a title never ends a page alone
        if block.title:  # bookmarks are made for top-level flowables
            mark_outline(table, plain_text(block.title), 1)
        table.spaceBefore = self.theme.body_size * 0.6
        table.spaceAfter = self.theme.body_size * 0.9
        return table

    def facts(self, block: doc.Facts, width: float) -> Table:
        label_width = min(1.5 * inch, width * 0.35)
        rows = [
            [self.theme.text(label, "cell-bold"), self.theme.text(value, "cell")]
            for label, value in block.rows
        ]
        table = make_table(
            self.theme,
            rows,
            [label_width, width - label_width],
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ],
            table_class=SplittingTable,
        )
        return table

    def exercise_card(
        self, block: doc.ExerciseCard, width: float, *, stacked: bool = False
    ) -> CardTable:
        """One exercise in a box: text, and its picture at the right (above the steps in large
        print, where a column beside it would be too narrow, or when `stacked`).

        A card that fits on a page moves to the next page whole. A taller one is stacked and
        continues on the next pages, each part headed by the exercise's name, "(continued)".
        """
        padding = 0.16 * inch
        figure = block.figure if block.figure and block.figure.ref in self.pictures else None
        beside = figure is not None and self.theme.scale == 1 and not stacked
        figure_column = FIGURE_WIDTH + padding if beside else 0
        text_width = width - 2 * padding - figure_column
        title = self.theme.text((doc.Run(f"{block.number}. ", bold=True), *block.title), "h3")
        content: list[Flowable] = [title]
        if figure is not None and not beside:
            content += self.figure(figure, text_width, FIGURE_HEIGHT * self.theme.scale)
        lead = len(content)  # what must not end a page without a step after it
        for child in block.blocks:
            content.extend(self.block(child, text_width))
        cells: list[object] = [content]
        widths = [text_width + 2 * padding]
        if figure is not None and beside:
            cells.append(self.figure(figure, FIGURE_WIDTH, FIGURE_HEIGHT))
            widths.append(figure_column)
        table = make_table(
            self.theme,
            [cells],
            widths,
            [
                ("BOX", (0, 0), (-1, -1), 1, self.theme.rule),
                ("LINEBEFORE", (0, 0), (0, -1), 5, self.theme.accent),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), padding),
                ("RIGHTPADDING", (0, 0), (0, -1), padding),
                ("RIGHTPADDING", (1, 0), (1, -1), padding),
                ("LEFTPADDING", (1, 0), (1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), padding),
                ("BOTTOMPADDING", (0, 0), (-1, -1), padding * 0.5),
            ],
            table_class=CardTable,
        )
        table.what = f"exercise {block.number} ({plain_text(block.title)})"
        table.lead = lead
        table.continued = lambda: self.continued_title(block)
        if beside:
            table.restack = lambda: self.exercise_card(block, width, stacked=True)
        mark_outline(table, f"{block.number}. {plain_text(block.title)}", 2)
        table.spaceAfter = self.theme.body_size * 0.9
        return table

    def continued_title(self, block: doc.ExerciseCard) -> Flowable:
        """The heading of a card's part on a later page: number, name, "(continued)"."""
        name = shortened(block.title, CONTINUED_NAME_LENGTH)
        return self.theme.text(
            (
                doc.Run(f"{block.number}. ", bold=True),
                *name,
                doc.Run(f" ({self.continued_label})"),
            ),
            "h3",
        )

    def figure(self, figure: doc.Figure, width: float, height: float) -> list[Flowable]:
        """The exercise's picture, centred in the box, and its caption below."""
        picture = PictureFlowable(
            self.pictures[figure.ref],
            figure.ref,
            width,
            height,
            ink=self.theme.ink,
            accent=self.theme.accent,
        )
        picture.alt = figure.alt  # the text alternative travels with the picture
        caption = self.theme.text((doc.Run(figure.caption),), "caption")
        return [picture, caption]

    def letterhead(self, block: doc.Letterhead, width: float) -> Table:
        """The clinic's logo and name across the top of page 1, over a rule."""
        text: list[Flowable] = [self.theme.text(block.name, "letterhead")]
        text += [self.theme.text(line, "cell") for line in block.lines]
        cells: list[object] = [text]
        widths = [width]
        if block.logo:
            logo = fitted_image(block.logo, LOGO_WIDTH, LOGO_HEIGHT)
            cells.insert(0, logo)
            widths = [logo.drawWidth + 0.2 * inch, width - logo.drawWidth - 0.2 * inch]
        table = make_table(
            self.theme,
            [cells],
            widths,
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LINEBELOW", (0, 0), (-1, -1), 1.5, self.theme.accent),
            ],
        )
        table.spaceAfter = self.theme.body_size
        return table

    def contact(self, block: doc.Contact, width: float) -> Table:
        """Ways to reach the clinic, beside a QR code that opens the clinic's link."""
        text = [self.theme.text(line, "cell") for line in block.lines]
        if not block.qr_link:
            return self._single_column(text, width)
        side = QR_SIZE * self.theme.scale
        code = QrCode(block.qr_link, side, self.theme)
        caption = self.theme.text((doc.Run(block.qr_alt),), "cell")
        table = make_table(
            self.theme,
            [[[*text, caption], code]],
            [width - side - 12, side + 12],
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
            ],
            table_class=SplittingTable,
        )
        return table

    def _single_column(self, flowables: list[Flowable], width: float) -> Table:
        table = make_table(
            self.theme,
            [[flowables]],
            [width],
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ],
            table_class=SplittingTable,
        )
        return table


class SplittingTable(Table):
    """A table that always finds a place: it splits between rows as any table does, and inside
    a row when that row is taller than a whole page, so the row's text continues on the next.

    A row that fits on a page is never split inside: it moves to the next page whole.
    """

    what: str | None = None  # names it in an error, if even this cannot place it
    lead = 0  # leading flowables of the first cell that may not end a page alone
    _commands: list[TableCommand]  # every style command given, to style the parts

    def setStyle(self, tblstyle: TableStyle | Iterable[TableCommand]) -> None:
        super().setStyle(tblstyle)
        commands = tblstyle.getCommands() if isinstance(tblstyle, TableStyle) else tblstyle
        self._commands = [*getattr(self, "_commands", []), *commands]  # to style the parts

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        frame = frame_of(self)
        page = frame_page_room(frame) if frame else availHeight
        at_top = frame_at_top(frame) if frame else True
        return self.split_within(availWidth, availHeight, page, at_top)

    def split_within(
        self, width: float, height: float, page: float, at_top: bool
    ) -> list[Flowable]:
        """Split to fit `height`, where `page` is the room on an empty page; `at_top` says
        nothing stands before this on its page, so it must place something or never will."""
        parts = Table.split(self, width, height)
        if parts:
            return self._adopt(parts)
        if row_heights(self)[0] <= page + FUZZ:
            return []
        split = self._split_first_row(width, height, page, at_top)
        if not split and at_top:  # rather than fail, split inside rows that would fit a page
            split = self._split_first_row(width, height, height, at_top)
        return split

    def _adopt(self, parts: list[Flowable]) -> list[Flowable]:
        """Parts of a split between rows keep splitting like this table."""
        for index, part in enumerate(parts):
            assert isinstance(part, SplittingTable)  # ReportLab makes parts of a table's class
            part._commands = self._commands
            part.what = self.what
            part.lead = self.lead if index == 0 else 0
        return parts

    def _split_first_row(
        self, width: float, height: float, page: float, at_top: bool
    ) -> list[Flowable]:
        contents: list[list[Flowable]] = []
        heads: list[list[Flowable]] = []
        tails: list[list[Flowable]] = []
        # The first part is a table of its own: its paddings (a last row's, say) count.
        probe = self._part([[[] for _ in cell_values(self)[0]]])
        continuation = self._continuation_height()
        for column, (value, style) in enumerate(
            zip(cell_values(self)[0], cell_styles(probe)[0], strict=True)
        ):
            content = cell_flowables(value)
            if content is None:
                return []
            contents.append(content)
            padding = style.topPadding + style.bottomPadding
            column_head, column_tail = split_column(
                content,
                column_widths(self)[column] - style.leftPadding - style.rightPadding,
                height - padding,
                page - padding - continuation,
            )
            heads.append(column_head)
            tails.append(column_tail)
        if not self._progress(contents, heads, at_top):
            return []
        if not any(tails):
            return []
        head = self._part([heads])
        tail = self._part([self._continuation(tails), *cell_values(self)[1:]])
        if head.wrap(width, height)[1] > height + FUZZ:
            return []
        head.spaceBefore = getattr(self, "spaceBefore", 0)
        tail.spaceAfter = getattr(self, "spaceAfter", 0)
        return [head, tail]

    def _progress(
        self, contents: list[list[Flowable]], heads: list[list[Flowable]], at_top: bool
    ) -> bool:
        """Whether the first part says something: a start in every cell (no number without
        its step), and in the first more than its lead (a title, a picture) - or, at the top
        of a page where nothing more fits, at least a piece of the lead."""
        if any(content and not head for content, head in zip(contents, heads, strict=True)):
            return False
        if not self.lead:
            return any(heads)
        content, head = contents[0], heads[0]
        if len(head) > self.lead:
            return True
        return at_top and bool(head) and head[-1] is not content[len(head) - 1]

    def _continuation(self, tails: list[list[Flowable]]) -> list[list[Flowable]]:
        return tails

    def _continuation_height(self) -> float:
        return 0.0

    def _part(self, rows: list[list[Any]]) -> Self:
        part = type(self)(rows, colWidths=list(column_widths(self)))
        part.setStyle(TableStyle(self._commands))
        part.what = self.what
        return part


class CardTable(SplittingTable):
    """An exercise card. Taller than a page, it is stacked (the picture above the steps, the
    text as wide as the card) and each later part starts with the "(continued)" heading."""

    continued: Callable[[], Flowable] | None = None
    restack: Callable[[], CardTable] | None = None

    def split_within(
        self, width: float, height: float, page: float, at_top: bool
    ) -> list[Flowable]:
        if self.restack is not None and self.wrap(width, height)[1] > page + FUZZ:
            return self.restack().split_within(width, height, page, at_top)
        return super().split_within(width, height, page, at_top)

    def _continuation(self, tails: list[list[Flowable]]) -> list[list[Flowable]]:
        if self.continued is None:
            return tails
        return [[self.continued(), *tails[0]], *tails[1:]]

    def _continuation_height(self) -> float:
        if self.continued is None:
            return 0.0
        heading = self.continued()
        _, height = heading.wrap(column_widths(self)[0], 1e6)
        return height + heading.getSpaceAfter()

    def _part(self, rows: list[list[Any]]) -> Self:
        part = super()._part(rows)
        part.continued = self.continued
        part.lead = 1 if self.continued else 0  # the "(continued)" heading
        return part


def cell_flowables(value: object) -> list[Flowable] | None:
    """A table cell's content as a list of flowables; None for text, which cannot split."""
    if isinstance(value, Flowable):
        return [value]
    if isinstance(value, list | tuple):
        return list(value)
    return None if value else []


def split_column(
    flowables: list[Flowable], width: float, height: float, page: float
) -> tuple[list[Flowable], list[Flowable]]:
    """Flowables stacked as in a table cell, split so the first part fits in `height`: those
    that fit, then the first piece of the one that does not if it splits; `page` is the room
    the rest will have on an empty page."""
    used = 0.0
    for index, flowable in enumerate(flowables):
        before = flowable.getSpaceBefore() if index else 0.0
        _, tall = flowable.wrap(width, height)
        if used + before + tall <= height + FUZZ:
            used += before + tall + flowable.getSpaceAfter()
            continue
        head, tail = split_flowable(flowable, width, height - used - before, page)
        return [*flowables[:index], *head], [*tail, *flowables[index + 1 :]]
    return list(flowables), []


def split_flowable(
    flowable: Flowable, width: float, height: float, page: float
) -> tuple[list[Flowable], list[Flowable]]:
    if height <= 0:
        return [], [flowable]
    if isinstance(flowable, SplittingTable):  # inside a part that must place something
        parts = flowable.split_within(width, height, page, True)
    else:
        parts = flowable.split(width, height)
    if len(parts) < 2:
        return [], [flowable]
    return parts[:1], parts[1:]


def shortened(runs: doc.Runs, limit: int) -> doc.Runs:
    """The first `limit` characters of `runs`, cut at a space and marked with an ellipsis."""
    if sum(len(run.text) for run in runs) <= limit:
        return runs
    kept: list[doc.Run] = []
    room = limit
    for run in runs:
        if len(run.text) < room:
            kept.append(run)
            room -= len(run.text)
            continue
        cut = run.text[:room]
        cut = cut.rsplit(" ", 1)[0] if " " in cut.strip() else cut
        kept.append(doc.Run(cut.rstrip() + "…", run.bold, run.italic))
        break
    return tuple(kept)


class QrCode(Flowable):
    """A QR code that is also a link, for readers of the PDF on a screen."""

    def __init__(self, link: str, side: float, theme: Theme) -> None:
        super().__init__()
        self.link = link
        self.side = side
        self.theme = theme

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.side, self.side

    def draw(self) -> None:
        widget = QrCodeWidget(
            self.link, barFillColor=self.theme.ink, barStrokeColor=self.theme.ink, barStrokeWidth=0
        )
        left, bottom, right, top = widget.getBounds()
        drawing = Drawing(
            self.side,
            self.side,
            transform=[
                self.side / (right - left),
                0,
                0,
                self.side / (top - bottom),
                0,
                0,
            ],
            # Without a font the renderer selects its default, an unembedded Helvetica.
            initialFontName=self.theme.family.regular,
        )
        drawing.add(widget)
        renderPDF.draw(drawing, self.canv, 0, 0)
        self.canv.linkURL(self.link, (0, 0, self.side, self.side), relative=1)


def fitted_image(path: str, max_width: float, max_height: float) -> Image:
    """An image scaled to fit the box, keeping its proportions."""
    pixel_width, pixel_height = ImageReader(path).getSize()
    scale = min(max_width / pixel_width, max_height / pixel_height)
    return Image(path, width=pixel_width * scale, height=pixel_height * scale)


def mark_outline(flowable: Flowable, title: str, level: int) -> None:
    """Ask for a bookmark at this flowable; the page template adds it once it is placed."""
    set_outline(flowable, (title, level))
