"""The shipped fonts: which file serves which family, registered with ReportLab on first use.

The one table of font files. A new script's fonts are a family and its rows here, then its
languages in `profiles.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from handout.reportlab_api import TextMappedFont, character_glyphs, truetype_font
from handout.text.glyph_text import to_unicode_cmap


@dataclass(frozen=True)
class Family:
    """Registered font names for one typeface; `<b>` and `<i>` in text map onto them."""

    regular: str
    bold: str
    italic: str


LATIN = Family("NotoSans", "NotoSans-Bold", "NotoSans-Italic")
ARABIC = Family("NotoSansArabic", "NotoSansArabic-Bold", "NotoSansArabic")
DEVANAGARI = Family("NotoSansDevanagari", "NotoSansDevanagari-Bold", "NotoSansDevanagari")
# WenQuanYi Micro Hei has one weight; its bold is Noto Sans CJK SC Bold in TrueType outlines
# (fonts/LICENSE-HandoutCJKSansSC.txt says how it was made).
HAN = Family("WenQuanYiMicroHei", "HandoutCJKSansSC-Bold", "WenQuanYiMicroHei")
HANGUL = Family("NanumGothic", "NanumGothic-Bold", "NanumGothic")

# Cheapest to load first: a fallback search may have to open every family (the two
# East Asian files take 40-90 ms each to parse).
FALLBACKS: tuple[Family, ...] = (LATIN, ARABIC, DEVANAGARI, HANGUL, HAN)

# Font name -> (file under fonts/, index inside a .ttc collection).
_FILES: dict[str, tuple[str, int]] = {
    "NotoSans": ("NotoSans-Regular.ttf", 0),
    "NotoSans-Bold": ("NotoSans-Bold.ttf", 0),
    "NotoSans-Italic": ("NotoSans-Italic.ttf", 0),
    "NotoSansArabic": ("NotoSansArabic-Regular.ttf", 0),
    "NotoSansArabic-Bold": ("NotoSansArabic-Bold.ttf", 0),
    "NotoSansDevanagari": ("NotoSansDevanagari-Regular.ttf", 0),
    "NotoSansDevanagari-Bold": ("NotoSansDevanagari-Bold.ttf", 0),
    "WenQuanYiMicroHei": ("wqy-microhei.ttc", 0),
    "HandoutCJKSansSC-Bold": ("HandoutCJKSansSC-Bold.ttf", 0),
    "NanumGothic": ("NanumGothic.ttf", 0),
    "NanumGothic-Bold": ("NanumGothicBold.ttf", 0),
}

# Fonts whose script cannot be drawn glyph-per-character: joining, reordering, conjuncts.
COMPLEX_FONTS = frozenset(
    name for family in (ARABIC, DEVANAGARI) for name in (family.regular, family.bold)
)


@cache
def register_font(name: str) -> str:
    """Register one shipped font (parsing a TTF costs milliseconds, so only when needed).
    A complex script's font maps its shaped glyphs back to their text."""
    filename, index = _FILES[name]
    path = str(files("handout.fonts") / filename)
    if name in COMPLEX_FONTS:
        font: TTFont = TextMappedFont(name, path, subfont_index=index, to_unicode=to_unicode_cmap)
    else:
        font = TTFont(name, path, subfontIndex=index)
    pdfmetrics.registerFont(font)
    return name


@cache
def use_family(family: Family) -> Family:
    """Register the family's regular and bold fonts (once) and map `<b>` and `<i>` onto its
    faces. The italic, which few handouts use, registers when text first asks for it."""
    register_font(family.regular)
    register_font(family.bold)
    # Regular last: where faces are shared, the font name must map back to plain regular.
    addMapping(family.regular, 1, 1, family.bold)
    addMapping(family.regular, 0, 1, family.italic)
    addMapping(family.regular, 1, 0, family.bold)
    addMapping(family.regular, 0, 0, family.regular)
    return family


@cache
def coverage(font_name: str) -> frozenset[str]:
    """The characters `font_name` has a glyph for. Text reaches every font through here, so
    this is where a font not yet needed registers."""
    register_font(font_name)
    return frozenset(map(chr, character_glyphs(truetype_font(font_name).face)))
