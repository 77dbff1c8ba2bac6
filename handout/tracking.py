"""The weekly tracking sheet: a page a patient can print again on its own and fill in."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Spacer, Table

from . import document as doc
from .styles import Theme, table_style
from .text import paragraph, plain_text

TICK_BOX = 0.26 * inch
ROW_HEIGHT = 0.5 * inch
LABEL_COLUMN = 2.5 * inch
NOTE_LINE_GAP = 0.42 * inch

FigureMaker = Callable[[str, float, float], "Flowable | None"]


class DayCell(Flowable):
    """A day's cell: room to write a number, with a square to tick when `tick` is set.

    Its height sets the minimum row height, so every row has room for a pen.
    """

    def __init__(self, tick: bool, theme: Theme) -> None:
        super().__init__()
        self.tick = tick
        self.theme = theme

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.cell_width = available_width
        return available_width, ROW_HEIGHT

    def draw(self) -> None:
        if self.tick:
            self.canv.setStrokeColor(self.theme.ink)
            self.canv.setLineWidth(1.2)
            self.canv.rect(
                (self.cell_width - TICK_BOX) / 2, (ROW_HEIGHT - TICK_BOX) / 2, TICK_BOX, TICK_BOX
            )


class NoteLines(Flowable):
    """A title over ruled lines to write on: up to `count` lines, fewer when the page has less
    room, so a longer language or larger print never pushes the notes onto a page alone."""

    MINIMUM = 2

    def __init__(self, title: Flowable, count: int, gap: float, theme: Theme) -> None:
        super().__init__()
        self.title = title
        self.count = count
        self.gap = gap
        self.theme = theme

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.line_width = available_width
        _, self.title_height = self.title.wrap(available_width, available_height)
        room = available_height - self.title_height
        self.lines = max(self.MINIMUM, min(self.count, int(room // self.gap)))
        return available_width, self.title_height + self.lines * self.gap

    def draw(self) -> None:
        self.title.drawOn(self.canv, 0, self.lines * self.gap)
        self.canv.setStrokeColor(self.theme.rule)
        self.canv.setLineWidth(0.8)
        for index in range(self.lines):
            self.canv.line(0, index * self.gap, self.line_width, index * self.gap)


def tracking_sheet(
    sheet: doc.TrackingSheet, theme: Theme, width: float, figure: FigureMaker | None = None
) -> list[Flowable]:
    styles = theme.styles
    title = paragraph(sheet.title, styles["h2"])
    title.outline = (plain_text(sheet.title), 1)
    day_width = (width - LABEL_COLUMN) / len(sheet.days)

    header = [paragraph(sheet.corner, styles["cell-bold"])]
    header += [paragraph(day, styles["day"]) for day in sheet.days]
    rows: list[list[object]] = [header]
    for row in sheet.rows:
        label: list[Flowable] = [paragraph(row.label, styles["cell-bold"])]
        if row.detail:
            label.append(paragraph(row.detail, styles["detail"]))
        rows.append([label, *(DayCell(row.kind == "tick", theme) for _ in sheet.days)])

    table = Table(
        rows,
        colWidths=[LABEL_COLUMN] + [day_width] * len(sheet.days),
        repeatRows=1,
    )
    table.setStyle(table_style(theme, [
        ("GRID", (0, 0), (-1, -1), 0.8, theme.rule),
        ("BOX", (0, 0), (-1, -1), 1.4, theme.ink),
        ("LINEBELOW", (0, 0), (-1, 0), 1.4, theme.ink),
        ("BACKGROUND", (0, 0), (-1, 0), theme.tint),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    # Not kept together: the sheet starts a page, and the notes shrink to the room left.
    return [
        title,
        paragraph(sheet.week, styles["lead"]),
        paragraph(sheet.instructions, styles["body"]),
        table,
        Spacer(0, 0.25 * inch),
        NoteLines(
            paragraph(sheet.notes_title, styles["h4"]), sheet.note_lines, NOTE_LINE_GAP, theme
        ),
    ]
