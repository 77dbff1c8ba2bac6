"""ReportLab as handout uses it beyond its typed, public API, in one place.

Some pieces are private (names starting with "_", undocumented helpers), some are public but
left untyped or typed too narrowly by its stubs, and some are attributes of handout's own that
ride on ReportLab's flowables. Each is wrapped here in a typed function that does exactly what
the code did in place, so the output is unchanged. The private pieces are why pyproject.toml
bounds ReportLab to the releases the tests run on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Final, Protocol, cast

from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.pdfdoc import PDFPage
from reportlab.pdfbase.ttfonts import ShapeData as ShapeData
from reportlab.pdfbase.ttfonts import ShapedStr as ShapedStr
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, KeepTogether, Paragraph, Table
from reportlab.platypus import flowables as _flowables
from reportlab.platypus import paragraph as _paragraph
from reportlab.platypus.paragraph import FragLine, ParaLines
from reportlab.platypus.paraparser import ParaFrag
from reportlab.platypus.tables import CellStyle


def _untyped(obj: object) -> Any:
    """`obj`, to reach what ReportLab's stubs leave out: its private attributes and helpers,
    and handout's own attributes on its objects."""
    return obj


# How much ReportLab lets a flowable overflow its room (rounding).
FUZZ: Final[float] = rl_config._FUZZ


# Attributes of handout's own on flowables: a bookmark to add where the flowable is placed, and
# what it is, to name it in an error. Any flowable can carry them, ReportLab's included.

Outline = tuple[str, int]  # title, level


def outline_of(flowable: Flowable) -> Outline | None:
    outline: Outline | None = getattr(flowable, "outline", None)
    return outline


def set_outline(flowable: Flowable, outline: Outline) -> None:
    _untyped(flowable).outline = outline


def what_of(flowable: object) -> str | None:
    what: str | None = getattr(flowable, "what", None)
    return what


def set_what(flowable: Flowable, what: str | None) -> None:
    _untyped(flowable).what = what


# Frames, tables and groups while they are laid out.


def frame_of(flowable: Flowable) -> Frame | None:
    """The frame that asked `flowable` to split, while it asks."""
    frame: Frame | None = getattr(flowable, "_frame", None)
    return frame


@contextmanager
def splitting_in(flowable: Flowable, frame: Frame, canvas: Canvas) -> Iterator[None]:
    """Give `flowable` its frame and canvas as a frame does when it asks for a split."""
    untyped = _untyped(flowable)
    untyped._frame, flowable.canv = frame, canvas
    try:
        yield
    finally:
        del untyped._frame, flowable.canv


def frame_at_top(frame: Frame) -> bool:
    """Whether nothing has been placed in `frame` yet."""
    return bool(_untyped(frame)._atTop)


def frame_room(frame: Frame) -> float:
    """The height still free in `frame`."""
    room: float = _untyped(frame)._aH
    return room


def frame_page_room(frame: Frame) -> float:
    """The height inside `frame`'s paddings: the room on an empty page."""
    untyped = _untyped(frame)
    room: float = untyped._height - untyped._topPadding - untyped._bottomPadding
    return room


def kept_flowables(group: KeepTogether) -> list[Flowable]:
    content: list[Flowable] = _untyped(group)._content
    return content


def kept_height(group: KeepTogether) -> float:
    """The group's height as its last `wrap` found it."""
    height: float = _untyped(group)._H
    return height


def list_wrap_on(flowables: list[Flowable], width: float, canvas: Canvas) -> tuple[float, float]:
    """The width and height of flowables stacked as in a frame."""
    size: tuple[float, float] = _untyped(_flowables)._listWrapOn(flowables, width, canvas)
    return size


def held_content(flowable: object) -> Iterator[object]:
    """What any flowable holds, if anything: a table's cells, then a group's flowables."""
    for attribute in ("_cellvalues", "_content"):
        yield getattr(flowable, attribute, ())


def row_heights(table: Table) -> list[float]:
    heights: list[float] = _untyped(table)._rowHeights
    return heights


def column_widths(table: Table) -> list[float]:
    widths: list[float] = _untyped(table)._colWidths
    return widths


def cell_values(table: Table) -> list[list[Any]]:
    values: list[list[Any]] = _untyped(table)._cellvalues
    return values


def cell_styles(table: Table) -> list[list[CellStyle]]:
    styles: list[list[CellStyle]] = _untyped(table)._cellStyles
    return styles


# The canvas and its document.


def last_page(canvas: Canvas) -> PDFPage:
    """The page `showPage` last finished."""
    page: PDFPage = _untyped(canvas)._doc.Pages.pages[-1]
    return page


def page_operators(canvas: Canvas) -> list[str]:
    """The drawing operators of the page being drawn, so far."""
    code: list[str] = _untyped(canvas)._code
    return code


def clear_page_operators(canvas: Canvas) -> None:
    _untyped(canvas)._code = []


class AcroFormFields(Protocol):
    """The fields handout puts in a form, as ReportLab takes them: positions and sizes in any
    points (the stubs want whole ones)."""

    def checkbox(
        self,
        *,
        name: str,
        tooltip: str,
        x: float,
        y: float,
        size: float,
        relative: bool,
        buttonStyle: str,
        borderColor: Color,
        borderWidth: float,
        fillColor: Color,
        textColor: Color,
        fieldFlags: str,
    ) -> None: ...

    def textfield(
        self,
        *,
        name: str,
        tooltip: str,
        value: str,
        x: float,
        y: float,
        width: float,
        height: float,
        relative: bool,
        maxlen: int,
        fontSize: float,
        borderColor: Color | None,
        borderWidth: float,
        fillColor: Color | None,  # None: transparent
        textColor: Color,
        fieldFlags: str,
    ) -> None: ...


def acro_form(canvas: Canvas) -> AcroFormFields:
    # The same object: only its argument types are described more widely.
    return cast(AcroFormFields, canvas.acroForm)


# TrueType fonts and shaping.


def truetype_font(name: str) -> TTFont:
    """The registered font `name`; handout registers only TrueType fonts."""
    font = pdfmetrics.getFont(name)
    if not isinstance(font, TTFont):
        raise TypeError(f"font '{name}' is not a TrueType font")
    return font


def harfbuzz_font(font: TTFont) -> Any:
    """A uharfbuzz Font for `font` (uharfbuzz has no type information)."""
    return font.hbFont()


def pdf_scale(font: TTFont, value: float) -> float:
    """Font units in thousandths of an em, as the PDF measures glyphs."""
    scaled: float = _untyped(font).pdfScale(value)
    return scaled


def glyph_characters(face: TTFontFace) -> dict[int, list[int]]:
    """Glyph -> the characters that map to it."""
    chars: dict[int, list[int]] = _untyped(face).glyphToChar
    return chars


def character_glyphs(face: TTFontFace) -> dict[int, int]:
    """Character -> its glyph; subsetting reads it, so codes added here reach the PDF."""
    glyphs: dict[int, int] = face.charToGlyph
    return glyphs


def character_widths(face: TTFontFace) -> dict[int, float]:
    widths: dict[int, float] = face.charWidths
    return widths


def subset_face_name(face: TTFontFace) -> str:
    """The face's name as ReportLab names its subsets, after the "+"."""
    name: str = (face.name + face.subfontNameX).decode("pdfdoc")
    return name


def shaped_str(text: str, positions: list[ShapeData]) -> ShapedStr:
    """What `canvas.textOut` draws as exactly these glyphs (one character of `text` each) at
    exactly these positions."""
    # The stub takes one ShapeData; ReportLab keeps a list, one per character.
    return ShapedStr(text, shapeData=positions)  # type: ignore[arg-type]


def reportlab_to_unicode_cmap(font_name: str, subset: Sequence[int]) -> str:
    """ReportLab's own ToUnicode map for a font subset (of character codes, in order)."""
    return ttfonts.makeToUnicodeCMap(font_name, subset)


ToUnicodeMaker = Callable[[str, Sequence[int]], str]  # (subset font name, codes) -> CMap


class TextMappedFont(ttfonts.TTFont):
    """A TrueType font whose subsets get their ToUnicode maps from `to_unicode` instead of
    ReportLab's: set on this font alone, so no other font or document is affected."""

    def __init__(self, name: str, path: str, *, subfont_index: int, to_unicode: ToUnicodeMaker):
        super().__init__(name, path, subfontIndex=subfont_index)
        self._to_unicode = to_unicode

    def addObjects(self, doc: Any) -> None:
        # ReportLab forgets the document's subsets once it has added them.
        subsets = [
            (self.getSubsetInternalName(number, doc)[1:], subset)
            for number, subset in enumerate(self.state[doc].subsets)
        ]
        super().addObjects(doc)
        # Each subset's font and map are now registered by name; they are written out only
        # once every font is added, so the maps can still change here.
        for internal_name, subset in subsets:
            font = doc.idToObject[internal_name]
            doc.idToObject[font.ToUnicode.name].content = self._to_unicode(font.BaseFont, subset)


# Chinese line breaking, from the pieces of ReportLab's own.

if TYPE_CHECKING:

    class CJKChar(str):
        """One character as ReportLab breaks Chinese lines: it knows its width."""

        @property
        def width(self) -> float: ...

else:
    from reportlab.platypus.paragraph import cjkU as CJKChar


def cjk_characters(frags: Iterable[ParaFrag]) -> list[CJKChar]:
    """The characters of a paragraph's fragments, each with its fragment's font and size."""
    make = _untyped(_paragraph).cjkU
    chars: list[CJKChar] = [make(char, frag, "utf8") for frag in frags for char in frag.text]
    return chars


def cjk_line(
    chars: Sequence[CJKChar],
    max_width: float,
    width_used: float,
    extra_space: float,
    line_break: bool,
    calc_bounds: bool,
) -> FragLine:
    """A line of a Chinese paragraph as ReportLab draws it."""
    line: FragLine = _untyped(_paragraph).makeCJKParaLine(
        chars, max_width, width_used, extra_space, line_break, calc_bounds
    )
    return line


def is_split_part(paragraph: Paragraph) -> bool:
    """Whether `paragraph` is the second part of a split, which keeps the lines it was given."""
    return bool(hasattr(paragraph, "blPara") and getattr(paragraph, "_splitpara", 0))


def kept_lines(paragraph: Paragraph) -> ParaLines | ParaFrag:
    """The lines `paragraph` was last broken into, or given in a split."""
    lines: ParaLines | ParaFrag = _untyped(paragraph).blPara
    return lines
