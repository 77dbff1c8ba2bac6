"""The shipped fonts: which file serves which family, registered with ReportLab on first use."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont


@dataclass(frozen=True)
class Family:
    """Registered font names for one typeface; `<b>` and `<i>` in text map onto them."""

    regular: str
    bold: str
    italic: str


# Font name -> (file under fonts/, index inside a .ttc collection).
_FILES: dict[str, tuple[str, int]] = {
    "NotoSans": ("NotoSans-Regular.ttf", 0),
    "NotoSans-Bold": ("NotoSans-Bold.ttf", 0),
    "NotoSans-Italic": ("NotoSans-Italic.ttf", 0),
}

LATIN = Family("NotoSans", "NotoSans-Bold", "NotoSans-Italic")


@cache
def register_font(name: str) -> str:
    """Register one shipped font (parsing a TTF costs milliseconds, so only when needed)."""
    filename, index = _FILES[name]
    path = files("handout.fonts") / filename
    pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=index))
    return name


@cache
def register_family(family: Family) -> Family:
    for name in {family.regular, family.bold, family.italic}:
        register_font(name)
    addMapping(family.regular, 0, 0, family.regular)
    addMapping(family.regular, 1, 0, family.bold)
    addMapping(family.regular, 0, 1, family.italic)
    addMapping(family.regular, 1, 1, family.bold)
    return family
