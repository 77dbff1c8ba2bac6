"""Where things are drawn on a page: characters, pictures, drawings and form fields, as
PDFium and pypdf place them, in points from the page's lower left corner."""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO

import pypdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from reportlab.lib.colors import Color


@dataclass(frozen=True)
class Box:
    left: float
    bottom: float
    right: float
    top: float

    @property
    def middle_x(self) -> float:
        return (self.left + self.right) / 2

    @property
    def middle_y(self) -> float:
        return (self.bottom + self.top) / 2

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom


@dataclass(frozen=True)
class Char(Box):
    text: str = ""
    fill: tuple[int, int, int] = (0, 0, 0)  # 0-255, as PDFium reports it


@dataclass(frozen=True)
class Stroked(Box):
    colour: tuple[int, int, int] = (0, 0, 0)  # the path's stroke, 0-255
    line_width: float = 0.0


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    chars: list[Char]
    forms: list[Box]  # form XObjects placed on the page: the pictures
    drawings: list[Box]  # every path, image and form drawn on the page itself
    squares: list[Box]  # paths whose bounds are square: tick boxes, among others
    images: list[Box]  # raster images: a clinic's logo
    paths: list[Stroked]  # the page's own lines and boxes, with their stroke colour

    def chars_in(self, box: Box) -> list[Char]:
        """Characters whose middle lies inside `box`."""
        return [
            char
            for char in self.chars
            if box.left <= char.middle_x <= box.right and box.bottom <= char.middle_y <= box.top
        ]


def read_pages(data: bytes) -> list[Page]:
    """Every page of a PDF: its size, its visible characters and what it draws."""
    document = pdfium.PdfDocument(data)
    try:
        return [_read_page(page) for page in document]
    finally:
        document.close()


def _read_page(page: pdfium.PdfPage) -> Page:
    width, height = page.get_size()
    text_page = page.get_textpage()
    chars = []
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    line_width = ctypes.c_float()
    for index in range(text_page.count_chars()):
        char = text_page.get_text_range(index, 1)
        if char.isspace() or pdfium_raw.FPDFText_IsGenerated(text_page.raw, index):
            continue
        pdfium_raw.FPDFText_GetFillColor(text_page.raw, index, red, green, blue, alpha)
        chars.append(
            Char(
                *text_page.get_charbox(index, loose=True),
                text=char,
                fill=(red.value, green.value, blue.value),
            )
        )
    forms, drawings, squares, images, paths = [], [], [], [], []
    # Only the page's own objects: PDFium gives those inside a form in the form's space; a
    # form's own bounds take in all it draws.
    for item in page.get_objects(max_depth=0):
        if item.type == pdfium_raw.FPDF_PAGEOBJ_TEXT:
            continue
        box = Box(*item.get_bounds())
        drawings.append(box)
        if item.type == pdfium_raw.FPDF_PAGEOBJ_FORM:
            forms.append(box)
        if item.type == pdfium_raw.FPDF_PAGEOBJ_PATH:
            pdfium_raw.FPDFPageObj_GetStrokeColor(item.raw, red, green, blue, alpha)
            pdfium_raw.FPDFPageObj_GetStrokeWidth(item.raw, line_width)
            paths.append(
                Stroked(
                    *item.get_bounds(),
                    colour=(red.value, green.value, blue.value),
                    line_width=line_width.value,
                )
            )
            if abs(box.width - box.height) < 0.5:
                squares.append(box)
        if item.type == pdfium_raw.FPDF_PAGEOBJ_IMAGE:
            images.append(box)
    return Page(width, height, chars, forms, drawings, squares, images, paths)


def rgb255(colour: Color) -> tuple[int, int, int]:
    """A ReportLab colour as PDFium reports a character's fill."""
    return tuple(round(channel * 255) for channel in colour.rgb())  # type: ignore[return-value]


def same_colour(first: tuple[int, int, int], second: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 1 for a, b in zip(first, second, strict=True))


def lines(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into lines: those whose boxes overlap the line's middle height."""
    found: list[list[Char]] = []
    for char in sorted(chars, key=lambda char: -char.middle_y):
        for line in found:
            if line[0].bottom < char.middle_y < line[0].top:
                line.append(char)
                break
        else:
            found.append([char])
    return found


@dataclass(frozen=True)
class Field:
    name: str
    rect: Box
    page: int


def form_fields(data: bytes) -> Iterator[Field]:
    """The fillable fields' widgets, with their full names, as pypdf reads them."""
    for number, page in enumerate(pypdf.PdfReader(BytesIO(data)).pages):
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Widget":
                continue
            name = annotation.get("/T") or annotation.get("/Parent", {}).get("/T")
            yield Field(str(name), Box(*(float(value) for value in annotation["/Rect"])), number)


def annotation_rects(data: bytes) -> Iterator[tuple[int, Box]]:
    """(page number, rectangle) of every annotation: form fields and links."""
    for number, page in enumerate(pypdf.PdfReader(BytesIO(data)).pages):
        for annotation in page.get("/Annots", []):
            left, bottom, right, top = (float(value) for value in annotation.get_object()["/Rect"])
            yield (
                number,
                Box(min(left, right), min(bottom, top), max(left, right), max(bottom, top)),
            )
