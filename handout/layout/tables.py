"""Tables laid out in reading order, and tables that split wherever a page ends."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Self, TypeVar, overload

from reportlab.platypus import Flowable, Table, TableStyle

from handout.layout.theme import Theme
from handout.reportlab_api import (
    FUZZ,
    cell_styles,
    cell_values,
    column_widths,
    frame_at_top,
    frame_of,
    frame_page_room,
    row_heights,
)

TableT = TypeVar("TableT", bound=Table)
TableCommand = tuple[Any, ...]  # ("NAME", (column, row), (column, row), *values)
# The most of a page a card may leave empty by moving whole to the next one.
MOST_EMPTY = 0.4


_MIRRORED_COMMANDS = {
    "LEFTPADDING": "RIGHTPADDING",
    "RIGHTPADDING": "LEFTPADDING",
    "LINEBEFORE": "LINEAFTER",
    "LINEAFTER": "LINEBEFORE",
}
_MIRRORED_ALIGNMENT = {"LEFT": "RIGHT", "RIGHT": "LEFT"}


@overload
def make_table(
    theme: Theme,
    rows: list[list[Any]],
    col_widths: list[float],
    commands: list[TableCommand],
    *,
    table_class: type[TableT],
    **options: Any,
) -> TableT: ...


@overload
def make_table(
    theme: Theme,
    rows: list[list[Any]],
    col_widths: list[float],
    commands: list[TableCommand],
    **options: Any,
) -> Table: ...


def make_table(
    theme: Theme,
    rows: list[list[Any]],
    col_widths: list[float],
    commands: list[TableCommand],
    *,
    table_class: type[Table] = Table,
    **options: Any,
) -> Table:
    """A table laid out in reading order: for a right-to-left language the columns, their
    widths and the style's column references, paddings and side rules are mirrored, so the
    first column stands at the right.

    The cell font is the theme's: ReportLab otherwise selects Helvetica, a standard font that
    is never embedded, even in tables holding only flowables.
    """
    if theme.rtl:
        rows = [list(reversed(row)) for row in rows]
        col_widths = list(reversed(col_widths))
        commands = [_mirror(command, len(col_widths)) for command in commands]
    table = table_class(rows, colWidths=col_widths, **options)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), theme.family.regular), *commands]))
    return table


def _mirror(command: TableCommand, columns: int) -> TableCommand:
    name, (start_column, start_row), (end_column, end_row), *values = command

    def flip(column: int) -> int:
        return columns - 1 - (column % columns)

    if name == "ALIGN":
        values = [_MIRRORED_ALIGNMENT.get(value, value) for value in values]
    return (
        _MIRRORED_COMMANDS.get(name, name),
        (flip(end_column), start_row),
        (flip(start_column), end_row),
        *values,
    )


class SplittingTable(Table):
    """A table that always finds a place: it splits between rows as any table does, and inside
    a row when that row is taller than a whole page, so the row's text continues on the next.

    A row that fits on a page is never split inside: it moves to the next page whole.
    """

    what: str | None = None  # names it in an error, if even this cannot place it
    lead = 0  # leading flowables of the first cell that may not end a page alone
    whole = False  # moves to the next page whole rather than split, unless taller than one
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
        if self.whole and not at_top and self.wrap(width, height)[1] <= page + FUZZ:
            return []
        parts = Table.split(self, width, height)
        if parts:
            return self._adopt(parts)
        if row_heights(self)[0] <= page + FUZZ and not self._splits_rather_than_leave(height, page):
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
            part.whole = self.whole
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

    def _splits_rather_than_leave(self, height: float, page: float) -> bool:
        """Whether a row that would fit on the next page splits here all the same: moving it
        would leave `height` of this page empty."""
        return False

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

    def _splits_rather_than_leave(self, height: float, page: float) -> bool:
        # A card goes on over the page rather than leave more than 40% of it empty.
        return self.continued is not None and not self.whole and height > MOST_EMPTY * page

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
    whole = isinstance(flowable, SplittingTable) and flowable.whole
    if whole and flowable.wrap(width, page)[1] <= page + FUZZ:
        return [], [flowable]
    if isinstance(flowable, SplittingTable):  # inside a part that must place something
        parts = flowable.split_within(width, height, page, True)
    else:
        parts = flowable.split(width, height)
    if len(parts) < 2:
        return [], [flowable]
    return parts[:1], parts[1:]
