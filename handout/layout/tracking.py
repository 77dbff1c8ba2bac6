"""The weekly tracking sheet: a page a patient can print again on its own and fill in."""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.lib.colors import white
from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Spacer, Table

from handout.document import elements as doc
from handout.document.elements import plain_text
from handout.layout.tables import make_table
from handout.layout.theme import Theme
from handout.pictures.flowable import PictureFlowable
from handout.pictures.model import Picture
from handout.reportlab_api import acro_form, set_outline

# Standard-print sizes; large print scales them with the text.
TICK_BOX = 0.34 * inch  # 8.6 mm, in large print too: room for a shaky hand
SESSION_GAP = 0.08 * inch
ROW_HEIGHT = 0.5 * inch
DAY_COLUMN = 0.44 * inch  # room for a tick box, and to write a number of minutes
MIN_LABEL_COLUMN = 2.6 * inch
NOTE_LINE_GAP = 0.36 * inch  # 9 mm: room for handwriting
FIELD_HEIGHT = 0.3 * inch
CELL_PADDING = 4
THUMBNAIL_WIDTH = 0.62 * inch
THUMBNAIL_HEIGHT = 0.42 * inch
THUMBNAIL_GAP = 0.08 * inch
# Narrower than this beside a thumbnail (as in large-print Arabic, whose day names leave
# little room), a label would break inside words: the thumbnail goes above it instead.
MIN_TEXT_BESIDE_THUMBNAIL = 1.1 * inch
# Characters a fillable number cell takes: minutes up to 999, a score up to 10.
FIELD_LENGTH = {"number": 3, "score": 2}
WRITE_IN_WIDTH = 2.4 * inch


class DayCell(Flowable):
    """A day's cell in a row of the sheet: a square to tick, or room to write a number.

    Fillable, the square becomes a checkbox and the number a field to type in, named
    `week<N>-day<D>-<row field>` in every language. The cell's height is the row's minimum,
    so every row has room for a pen. A dose of more than once a day gets a square for each
    session, one above the other (`-<session>` ends the names of the second and later).
    """

    def __init__(
        self,
        kind: str,
        theme: Theme,
        field_name: str | None = None,
        tooltip: str = "",
        sessions: int = 1,
    ) -> None:
        super().__init__()
        self.kind = kind
        self.theme = theme
        self.field_name = field_name
        self.tooltip = tooltip
        self.sessions = sessions if kind == "tick" else 1

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.cell_width = available_width
        return available_width, self.row_height

    @property
    def row_height(self) -> float:
        # Rows grow less than the boxes, so a large-print sheet still fits on one page.
        box = TICK_BOX
        boxes = self.sessions * box + (self.sessions - 1) * SESSION_GAP
        return max(ROW_HEIGHT, boxes + 0.16 * inch)

    def draw(self) -> None:
        height = self.row_height
        box = TICK_BOX
        if self.kind == "tick":
            boxes = self.sessions * box + (self.sessions - 1) * SESSION_GAP
            for session in range(self.sessions):
                x = (self.cell_width - box) / 2
                y = (height + boxes) / 2 - box - session * (box + SESSION_GAP)
                self._tick_box(x, y, box, session)
        elif self.field_name:
            field_height = FIELD_HEIGHT * self.theme.scale
            acro_form(self.canv).textfield(
                name=self.field_name,
                tooltip=self.tooltip,
                value="",
                x=2,
                y=(height - field_height) / 2,
                width=self.cell_width - 4,
                height=field_height,
                relative=True,
                maxlen=FIELD_LENGTH[self.kind],
                fontSize=10 * self.theme.scale,
                borderColor=self.theme.rule,
                borderWidth=0.8,
                fillColor=white,
                textColor=self.theme.ink,
                fieldFlags="",
            )

    def _tick_box(self, x: float, y: float, box: float, session: int) -> None:
        if self.field_name:
            several = self.sessions > 1
            acro_form(self.canv).checkbox(
                name=f"{self.field_name}-{session + 1}" if session else self.field_name,
                tooltip=f"{self.tooltip} ({session + 1})" if several else self.tooltip,
                x=x,
                y=y,
                size=box,
                relative=True,
                buttonStyle="check",
                borderColor=self.theme.ink,
                borderWidth=1.2,
                fillColor=white,
                textColor=self.theme.ink,
                fieldFlags="",
            )
        else:
            self.canv.setStrokeColor(self.theme.ink)
            self.canv.setLineWidth(1.2)
            self.canv.rect(x, y, box, box)


def _day_width(headers: list[Flowable]) -> float:
    return max(DAY_COLUMN, max(header.minWidth() for header in headers) + 2 * CELL_PADDING + 2)


def _day_headers(
    names: tuple[str, ...], dates: tuple[str | None, ...], theme: Theme
) -> list[Flowable]:
    return [
        theme.text((doc.Run(f"{name} {date}" if date else name),), "day")
        for name, date in zip(names, dates, strict=True)
    ]


def _with_thumbnail(
    thumbnail: Flowable, text: list[Flowable], width: float, theme: Theme
) -> list[Flowable]:
    """A row's label with its thumbnail: beside the text when that leaves the text room
    enough, else above it; left out when even the column is narrower than the picture."""
    if width < THUMBNAIL_WIDTH:
        return text
    if width - THUMBNAIL_WIDTH - THUMBNAIL_GAP < MIN_TEXT_BESIDE_THUMBNAIL * theme.scale:
        return [thumbnail, Spacer(0, THUMBNAIL_GAP), *text]
    return [_beside(thumbnail, text, width, theme)]


def _beside(thumbnail: Flowable, text: list[Flowable], width: float, theme: Theme) -> Table:
    gap = THUMBNAIL_GAP
    columns = [THUMBNAIL_WIDTH + gap, width - THUMBNAIL_WIDTH - gap]
    table = make_table(
        theme,
        [[thumbnail, text]],
        columns,
        [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (0, 0), (0, 0), "LEFT"),  # the gap falls between picture and text
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ],
    )
    return table


class WriteInLine(Flowable):
    """A line to write a value on (a field to type it in, in a fillable sheet)."""

    def __init__(self, width: float, theme: Theme, field: str | None, tooltip: str) -> None:
        super().__init__()
        self.width = width
        self.theme = theme
        self.field = field
        self.tooltip = tooltip

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = min(self.width, available_width)
        return self.width, FIELD_HEIGHT * self.theme.scale

    def draw(self) -> None:
        self.canv.setStrokeColor(self.theme.ink)
        self.canv.setLineWidth(0.8)
        self.canv.line(0, 1, self.width, 1)
        if self.field:
            acro_form(self.canv).textfield(
                name=self.field,
                tooltip=self.tooltip,
                value="",
                x=0,
                y=2,
                width=self.width,
                height=FIELD_HEIGHT * self.theme.scale - 2,
                relative=True,
                maxlen=100,
                fontSize=10 * self.theme.scale,
                borderColor=None,
                borderWidth=0,
                fillColor=None,
                textColor=self.theme.ink,
                fieldFlags="",
            )


def _write_ins(sheet: doc.TrackingSheet, theme: Theme, width: float, fillable: bool) -> Table:
    """The name and the week on one line, each a label and its value or a line for it."""
    cells: list[object] = []
    widths: list[float] = []
    room = width / len(sheet.write_ins)
    for write_in in sheet.write_ins:
        # No-break spaces: the label's narrowest width is then the whole label's.
        unbroken = tuple(
            doc.Run(run.text.replace(" ", "\u00a0"), run.bold) for run in write_in.label
        )
        label = theme.text(unbroken, "cell-bold")
        label_width = min(label.minWidth() + CELL_PADDING + 4, room * 0.6)
        if write_in.value:
            value: Flowable = theme.text(write_in.value, "cell")
        else:
            name = f"week{sheet.number}-{write_in.field}" if fillable else None
            value = WriteInLine(
                room - label_width - CELL_PADDING, theme, name, plain_text(write_in.label)
            )
        cells += [label, value]
        widths += [label_width, room - label_width]
    table = make_table(
        theme,
        [cells],
        widths,
        [
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("BOTTOMPADDING", (0, 0), (-1, -1), theme.body_size * 0.5),
        ],
    )
    return table


class NoteLines(Flowable):
    """A title over ruled lines to write on: up to `count` lines, fewer when the page has less
    room but never fewer than six (then the notes start the next page). Fillable, the lines
    hold one field to type the notes in."""

    MINIMUM = 6

    def __init__(
        self,
        title: Flowable,
        count: int,
        gap: float,
        theme: Theme,
        field: str | None = None,
        tooltip: str = "",
    ) -> None:
        super().__init__()
        self.tooltip = tooltip
        self.title = title
        self.count = count
        self.gap = gap
        self.theme = theme
        self.field = field

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
        if self.field:
            acro_form(self.canv).textfield(
                name=self.field,
                tooltip=self.tooltip,
                value="",
                x=0,
                y=0,
                width=self.line_width,
                height=self.lines * self.gap,
                relative=True,
                maxlen=2000,
                fontSize=10 * self.theme.scale,
                borderColor=None,
                borderWidth=0,
                fillColor=None,
                textColor=self.theme.ink,
                fieldFlags="multiline",
            )


def tracking_sheet(
    sheet: doc.TrackingSheet,
    theme: Theme,
    width: float,
    *,
    fillable: bool = False,
    pictures: Mapping[str, Picture] | None = None,
) -> list[Flowable]:
    """The sheet's flowables. A row that tracks an exercise with a picture starts with a
    thumbnail of it, so a patient who reads little still knows which row is which."""
    pictures = pictures or {}
    title = theme.text(sheet.title, "h2")
    set_outline(title, (plain_text(sheet.title), 1))
    # Day columns as narrow as their names allow (a name never breaks), the rest for labels;
    # when the names leave too little room for the labels, their short forms.
    day_headers = _day_headers(sheet.days, sheet.dates, theme)
    day_width = _day_width(day_headers)
    if width - day_width * len(sheet.days) < MIN_LABEL_COLUMN:
        day_headers = _day_headers(sheet.short_days, sheet.dates, theme)
        day_width = _day_width(day_headers)
    label_column = width - day_width * len(sheet.days)

    def cell(row: doc.TrackingRow, day: int) -> DayCell:
        if not fillable:
            return DayCell(row.kind, theme, sessions=row.sessions)
        return DayCell(
            row.kind,
            theme,
            f"week{sheet.number}-day{day + 1}-{row.field}",
            f"{plain_text(row.label)}: {sheet.days[day]}",
            row.sessions,
        )

    header: list[object] = [theme.text(sheet.corner, "cell-bold")]
    header += day_headers
    rows: list[list[object]] = [header]
    for row in sheet.rows:
        label: list[Flowable] = [theme.text(row.label, "cell-bold")]
        if row.detail:
            label.append(theme.text(row.detail, "detail"))
        if row.ref is not None and row.ref in pictures:
            label = _with_thumbnail(
                PictureFlowable(
                    pictures[row.ref],
                    row.ref,
                    THUMBNAIL_WIDTH,
                    THUMBNAIL_HEIGHT,
                    ink=theme.ink,
                    accent=theme.accent,
                    rtl=theme.rtl,
                ),
                label,
                label_column - 2 * CELL_PADDING,
                theme,
            )
        rows.append([label, *(cell(row, day) for day in range(len(sheet.days)))])

    table = make_table(
        theme,
        rows,
        [label_column] + [day_width] * len(sheet.days),
        [
            ("GRID", (0, 0), (-1, -1), 0.8, theme.rule),
            ("BOX", (0, 0), (-1, -1), 1.4, theme.ink),
            ("LINEBELOW", (0, 0), (-1, 0), 1.4, theme.ink),
            ("BACKGROUND", (0, 0), (-1, 0), theme.tint),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (0, 1), (0, -1), "LEFT"),  # a thumbnail above its label sits at the start
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ],
        repeatRows=1,
    )
    # Not kept together: the sheet starts a page, and the notes shrink to the room left.
    return [
        title,
        *([theme.text(sheet.week, "lead")] if sheet.week else []),
        *([_write_ins(sheet, theme, width, fillable)] if sheet.write_ins else []),
        theme.text(sheet.instructions, "body"),
        table,
        Spacer(0, 0.25 * inch),
        NoteLines(
            theme.text(sheet.notes_title, "h4"),
            sheet.note_lines,
            NOTE_LINE_GAP,  # handwriting is no larger in large print
            theme,
            f"week{sheet.number}-notes" if fillable else None,
            plain_text(sheet.notes_title),
        ),
    ]
