"""The layout stage: document blocks become ReportLab flowables."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from reportlab.lib.colors import white
from reportlab.lib.units import inch
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, PageBreak, Table

from handout.document import elements as doc
from handout.document.elements import plain_text
from handout.layout.tables import CardTable, SplittingTable, make_table
from handout.layout.theme import Theme
from handout.layout.tracking import tracking_sheet
from handout.pictures.flowable import PictureFlowable
from handout.pictures.model import Picture
from handout.reportlab_api import (
    set_outline,
    set_what,
)

# A figure's box inside an exercise card; at least 1.8 in tall on paper.
FIGURE_WIDTH = 2.9 * inch
FIGURE_HEIGHT = 1.95 * inch

LOGO_WIDTH = 2.2 * inch
LOGO_HEIGHT = 0.8 * inch
QR_SIZE = 1.0 * inch
# A list's column beside others: short items need this much.
MIN_LIST_COLUMN = 2.6 * inch
# A movement's column beside others: its picture and steps need this much.
MIN_MOVEMENT_WIDTH = 1.8 * inch
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
        if isinstance(block, doc.Movement):
            return self.movement(block, width)
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
        gap = self.theme.body_size
        columns = block.columns
        while columns > 1 and (width + gap) / columns - gap < MIN_LIST_COLUMN * self.theme.scale:
            columns -= 1
        column = (width + gap) / columns - gap
        pairs = [
            [marker, self.theme.text(item, "cell")]
            for marker, item in zip(markers, block.items, strict=True)
        ]
        tall = -(-len(pairs) // columns)  # items per column, read down each column in turn
        rows = [
            [cell for part in range(columns) for cell in _pair_at(pairs, part * tall + line)]
            for line in range(tall)
        ]
        widths = [marker_width, column - marker_width] * columns
        for part in range(1, columns):
            widths[2 * part - 1] += gap  # a gap after each column but the last
        table = make_table(
            self.theme,
            rows,
            widths,
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                *(
                    ("RIGHTPADDING", (2 * p - 1, 0), (2 * p - 1, -1), gap)
                    for p in range(1, columns)
                ),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), self.theme.body_size * 0.25),
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
        warning = block.kind == "warning"
        if block.title:
            title: Flowable = self.theme.text(block.title, "h3")
            mark_outline(title, plain_text(block.title), 1)
            if warning:
                title = self.signed(title, inner)
            rows = [[[title, *rows[0][0]]], *rows[1:]] if rows else [[[title]]]
        heavy = block.kind == "disclaimer"
        washed = block.kind in ("disclaimer", "key-points")
        # The signs to get help for look like no other box: a warning sign, a frame twice as
        # heavy in the ink colour, which black-and-white print keeps.
        frame = (4, self.theme.ink) if warning else (2.2 if heavy else 1, self.theme.accent)
        table = make_table(
            self.theme,
            rows,
            [width],
            [
                ("BOX", (0, 0), (-1, -1), *frame),
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
        table.whole = True  # a box that fits on a page is read on one
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
        table.whole = True  # a dose is read at once: how often, how long, how many
        return table

    def signed(self, title: Flowable, width: float) -> Table:
        """A title after a warning sign (at its start: the right in a right-to-left language)."""
        side = self.theme.body_size * 1.9
        sign = WarningSign(side, self.theme)
        table = make_table(
            self.theme,
            [[sign, title]],
            [side + self.theme.body_size * 0.6, width - side - self.theme.body_size * 0.6],
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), self.theme.body_size * 0.3),
            ],
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
        movements = [child for child in block.blocks if isinstance(child, doc.Movement)]
        for child in block.blocks:
            if not isinstance(child, doc.Movement):
                content.extend(self.block(child, text_width))
        if movements:
            content.append(self.movements(movements, text_width))
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

    def movements(self, blocks: list[doc.Movement], width: float) -> Table:
        """An exercise's movements side by side, each its picture over its name and steps;
        one under another where columns would be too narrow (large print, a narrow card)."""
        gap = self.theme.body_size
        least = MIN_MOVEMENT_WIDTH * self.theme.scale
        across = len(blocks) if (width + gap) / len(blocks) - gap >= least else 1
        column = (width + gap) / across - gap
        cells = [self.movement(block, column) for block in blocks]
        rows = [cells[start : start + across] for start in range(0, len(cells), across)]
        table = make_table(
            self.theme,
            rows,
            [column + gap] * (across - 1) + [column],
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-2, -1), gap),
                ("TOPPADDING", (0, 0), (-1, -1), self.theme.body_size * 0.3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("LINEABOVE", (0, 0), (-1, -1), 0.5, self.theme.rule),
            ],
            table_class=SplittingTable,
        )
        table.what = "the movements of an exercise"
        return table

    def movement(self, block: doc.Movement, width: float) -> list[Flowable]:
        """A movement's picture (titled by the movement's name, under it), then its name and
        steps; in a column as wide as a card, the picture beside the name and steps."""
        figure = block.figure if block.figure and block.figure.ref in self.pictures else None
        beside = figure is not None and width >= FIGURE_WIDTH + 2.5 * inch
        picture_width = FIGURE_WIDTH if beside else width
        text_width = width - picture_width - self.theme.body_size if beside else width
        title = self.theme.text(block.title, "h4")
        title.keepWithNext = True
        text: list[Flowable] = [title]
        for child in block.blocks:
            text.extend(self.block(child, text_width))
        if figure is None:
            return text
        scale = self.theme.scale if not beside else 1.0
        # A little flatter than a card's picture: three stand in a row, one movement each.
        height = min(FIGURE_HEIGHT, picture_width * 0.6) * scale
        picture = self.figure(figure, picture_width, height)[0]
        picture.spaceAfter = self.theme.body_size * 0.3
        if not beside:
            return [picture, *text]
        table = make_table(
            self.theme,
            [[picture, text]],
            [picture_width + self.theme.body_size, text_width],
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ],
        )
        return [table]

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
            rtl=self.theme.rtl,  # frames run in reading order: frame 1 at the right
        )
        picture.alt = figure.alt  # the text alternative travels with the picture
        if not figure.caption:
            return [picture]
        return [picture, self.theme.text((doc.Run(figure.caption),), "caption")]

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


def _pair_at(pairs: list[list[Flowable]], index: int) -> list[object]:
    """A list item's marker and text, or two empty cells past the last item."""
    return list(pairs[index]) if index < len(pairs) else ["", ""]


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


class WarningSign(Flowable):
    """A warning triangle with an exclamation mark, drawn, not set: no font can lack it."""

    def __init__(self, side: float, theme: Theme) -> None:
        super().__init__()
        self.side = side
        self.theme = theme

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.side, self.side * 0.9

    def draw(self) -> None:
        canvas, side = self.canv, self.side
        height = side * 0.9
        canvas.saveState()
        canvas.setFillColor(self.theme.ink)
        path = canvas.beginPath()
        path.moveTo(0, 0)
        path.lineTo(side, 0)
        path.lineTo(side / 2, height)
        path.close()
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.setFillColor(white)
        bar = side * 0.11
        canvas.roundRect(side / 2 - bar / 2, height * 0.33, bar, height * 0.38, bar / 2, 0, 1)
        canvas.circle(side / 2, height * 0.19, bar * 0.6, 0, 1)
        canvas.restoreState()


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
        # Only a clinic's handout with a video link has one: its modules load when drawn.
        from reportlab.graphics import renderPDF
        from reportlab.graphics.barcode.qr import QrCodeWidget
        from reportlab.graphics.shapes import Drawing

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
