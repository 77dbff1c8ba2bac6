"""The document vocabulary: what templates produce and what the layout stage draws.

A template renders XML made of these elements (see templates/README.md), and
`handout.document.parse` turns it into these typed blocks. Each block knows its role - heading
level, paragraph, list item, table, figure with its text alternative, page furniture - so the
layout stage never guesses, and a tagged PDF can later map each block to its structure element.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields, is_dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


@dataclass(frozen=True)
class Run:
    """A stretch of text in one style. Text is plain: markup never travels inside it."""

    text: str
    bold: bool = False
    italic: bool = False


Runs = tuple[Run, ...]


@dataclass(frozen=True)
class Heading:
    level: int  # 1 is the document title
    runs: Runs


PARAGRAPH_STYLES = ("body", "lead")
CALLOUT_KINDS = ("disclaimer", "key-points", "warning", "info", "notes")
ROW_KINDS = ("tick", "number", "score")


@dataclass(frozen=True)
class Paragraph:
    runs: Runs
    style: str = "body"  # one of PARAGRAPH_STYLES
    keep_with_next: bool = False  # a lead-in that must not end a page


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[Runs, ...]
    columns: int = 1  # short items may stand in columns, read down each in turn


@dataclass(frozen=True)
class Callout:
    kind: str  # one of CALLOUT_KINDS
    title: Runs
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Figure:
    """A picture of an exercise, drawn from its pose data; `alt` is its text alternative."""

    ref: str
    caption: str
    alt: str


@dataclass(frozen=True)
class Facts:
    """A short two-column table of labelled facts, such as an exercise's dose."""

    rows: tuple[tuple[Runs, Runs], ...]


@dataclass(frozen=True)
class Movement:
    """One movement of an exercise that has several: its name, steps and picture, inside the
    exercise's card."""

    title: Runs
    blocks: tuple[Block, ...]
    figure: Figure | None


@dataclass(frozen=True)
class ExerciseCard:
    """An exercise: it moves to the next page whole when it fits on one, and continues over
    pages, its name repeated, when it does not."""

    ref: str
    number: int
    title: Runs
    blocks: tuple[Block, ...]
    figure: Figure | None


@dataclass(frozen=True)
class TrackingRow:
    kind: str  # tick: a box to tick | number: a number to write | score: a 0-10 score
    field: str  # names the row's form fields in a fillable sheet, in every language
    label: Runs
    detail: Runs
    ref: str | None  # the exercise this row tracks, if any
    sessions: int = 1  # boxes a day: one per session of a dose of more than once a day


@dataclass(frozen=True)
class TrackingSheet:
    number: int  # the week, counting from 1
    title: Runs
    week: Runs
    instructions: Runs
    corner: Runs  # heading of the first column
    days: tuple[str, ...]  # the days' names, in column order
    short_days: tuple[str, ...]  # shorter names, for columns too narrow for `days`
    dates: tuple[str | None, ...]  # each day's date, when the sheet is dated
    rows: tuple[TrackingRow, ...]
    notes_title: Runs
    note_lines: int
    # Lines to write on above the table (the patient's name, the week): a label, and the
    # value when it is known. `field` names the form field of a fillable sheet.
    write_ins: tuple[WriteIn, ...] = ()


@dataclass(frozen=True)
class WriteIn:
    field: str
    label: Runs
    value: Runs


@dataclass(frozen=True)
class Letterhead:
    """Who hands out the handout: a logo with its text alternative, a name, a few lines."""

    logo: str | None
    logo_alt: str
    name: Runs
    lines: tuple[Runs, ...]


@dataclass(frozen=True)
class Contact:
    """How to reach the clinic, with an optional QR code (a link, with its text alternative)."""

    lines: tuple[Runs, ...]
    qr_link: str | None
    qr_alt: str


@dataclass(frozen=True)
class PageBreak:
    pass


Block = (
    Heading
    | Paragraph
    | ListBlock
    | Callout
    | ExerciseCard
    | Movement
    | Facts
    | TrackingSheet
    | Letterhead
    | Contact
    | PageBreak
)


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    keywords: str


@dataclass(frozen=True)
class Furniture:
    """What every page carries: short title, one-line disclaimer, page label with
    `%(page)s` and `%(pages)s` placeholders; and the word that marks a card continued from an
    earlier page."""

    short_title: str
    disclaimer: str
    page_label: str
    contact: str | None = None  # how to reach whoever handed out the handout
    website: str | None = None
    continued: str = "continued"


@dataclass(frozen=True)
class Document:
    lang: str
    metadata: Metadata
    furniture: Furniture
    blocks: tuple[Block, ...]


def texts(document: Document) -> Iterator[tuple[str, str]]:
    """Every text the document prints, with the element it stands in."""
    yield from (
        ("title", document.metadata.title),
        ("short title", document.furniture.short_title),
        ("footer", document.furniture.disclaimer),
        ("footer", document.furniture.page_label),
        ("continued", document.furniture.continued),
        ("footer", document.furniture.contact or ""),
        ("footer", document.furniture.website or ""),
    )
    for block in document.blocks:
        yield from _block_texts(block)


def _block_texts(
    block: DataclassInstance | type[DataclassInstance],
) -> Iterator[tuple[str, str]]:
    """The texts of a block, or of any dataclass inside one."""
    name = type(block).__name__.lower()
    for field in fields(block):
        value = getattr(block, field.name)
        yield from _value_texts(value, name)


def _value_texts(value: object, name: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield name, value
    elif isinstance(value, Run):
        yield name, value.text
    elif isinstance(value, tuple):
        for item in value:
            yield from _value_texts(item, name)
    elif is_dataclass(value):
        yield from _block_texts(value)


def plain_text(runs: Runs) -> str:
    """The runs' text without styles, for bookmarks, tooltips and search."""
    return "".join(run.text for run in runs)
