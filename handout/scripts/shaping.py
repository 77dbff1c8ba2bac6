"""HarfBuzz shaping into strings that ReportLab's canvas draws glyph by glyph."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import uharfbuzz as hb
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

from .fonts import COMPLEX_FONTS

# Latin, Cyrillic and CJK need no ligatures: "fi" must extract as two letters.
_PLAIN_FEATURES = {"liga": False, "clig": False}


@dataclass(frozen=True)
class Glyph:
    """One shaped glyph. `char` selects it in ReportLab's font subset (a private-use code
    for glyphs no character maps to, such as conjuncts); positions are in 1/1000 em."""

    char: str
    cluster: int  # index in the shaped text of the character this glyph comes from
    position: ShapeData


@cache
def _harfbuzz_font(font_name: str) -> hb.Font:
    # Positions come back in font units whatever the size; hbFont also readies the
    # private-use mapping (hbAddPrivate) used below.
    return pdfmetrics.getFont(font_name).hbFont()


def shape(
    text: str, start: int, end: int, font_name: str, rtl: bool, language: str
) -> list[Glyph]:
    """Glyphs for text[start:end] in visual order, shaped with the whole text as context."""
    font = pdfmetrics.getFont(font_name)
    face = font.face
    hb_font = _harfbuzz_font(font_name)
    buffer = hb.Buffer()
    buffer.add_str(text, start, end - start)
    buffer.direction = "rtl" if rtl else "ltr"
    buffer.language = language
    buffer.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    # Joiners and bidi marks steer shaping but must not leave a glyph (it extracts as a space).
    buffer.flags = hb.BufferFlags.REMOVE_DEFAULT_IGNORABLES
    buffer.guess_segment_properties()
    features = {} if font_name in COMPLEX_FONTS else _PLAIN_FEATURES
    hb.shape(hb_font, buffer, features)
    glyphs = []
    for info, place in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
        advance = font.pdfScale(place.x_advance)
        chars = face.glyphToChar.get(info.codepoint)
        code = chars[0] if chars else font.hbAddPrivate(
            hb_font.glyph_to_string(info.codepoint), info.codepoint, advance
        )
        position = ShapeData(
            info.cluster, advance, font.pdfScale(place.y_advance),
            font.pdfScale(place.x_offset), font.pdfScale(place.y_offset),
            face.charWidths[code],
        )
        glyphs.append(Glyph(chr(code), info.cluster, position))
    return glyphs


def shaped_string(glyphs: Sequence[Glyph]) -> ShapedStr:
    """What `canvas.textOut` draws as exactly these glyphs at exactly these positions."""
    return ShapedStr(
        "".join(glyph.char for glyph in glyphs),
        shapeData=[glyph.position for glyph in glyphs],
    )
