"""HarfBuzz shaping into strings that ReportLab's canvas draws glyph by glyph."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

import uharfbuzz as hb
from reportlab.pdfbase import pdfmetrics, ttfonts
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
    private: dict[int, int] = {}  # cluster -> the private code of its first unmapped glyph
    for info, place in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
        advance = font.pdfScale(place.x_advance)
        chars = face.glyphToChar.get(info.codepoint)
        code = chars[0] if chars else font.hbAddPrivate(
            hb_font.glyph_to_string(info.codepoint), info.codepoint, advance
        )
        if not chars:
            private.setdefault(info.cluster, code)
        position = ShapeData(
            info.cluster, advance, font.pdfScale(place.y_advance),
            font.pdfScale(place.x_offset), font.pdfScale(place.y_offset),
            face.charWidths[code],
        )
        glyphs.append(Glyph(chr(code), info.cluster, position))
    if private:
        _remember_cluster_text(text, start, end, face, glyphs, private)
    return glyphs


# (font face, private code) -> the text its glyph stands for, for the ToUnicode map.
_PRIVATE_TEXT: dict[tuple[str, int], str] = {}


def _face_key(face: object) -> str:
    return (face.name + face.subfontNameX).decode("pdfdoc")  # as ReportLab names the subset


def _remember_cluster_text(
    text: str, start: int, end: int, face: object, glyphs: list[Glyph], private: dict[int, int]
) -> None:
    """A glyph with no character of its own (a conjunct, a vowel sign in another position)
    stands for what its cluster's text has beyond the characters of the cluster's other
    glyphs, so that copying or searching the PDF gives back the words."""
    bounds = sorted({glyph.cluster for glyph in glyphs} | {end})
    following = dict(pairwise(bounds))  # cluster -> where the next one starts
    private_codes = set(private.values())
    drawn: dict[int, str] = {}
    for glyph in glyphs:
        if ord(glyph.char) not in private_codes:
            drawn[glyph.cluster] = drawn.get(glyph.cluster, "") + glyph.char
    key = _face_key(face)
    for cluster, code in private.items():
        remainder = list(text[cluster:following[cluster]])
        for char in drawn.get(cluster, ""):
            if char in remainder:
                remainder.remove(char)
        if remainder:
            _PRIVATE_TEXT.setdefault((key, code), "".join(remainder))


def _to_unicode_cmap(font_name: str, subset: Sequence[int]) -> str:
    """ReportLab's ToUnicode map for a font subset, with the text of shaped glyphs in place
    of their private-use codes (a destination may hold several characters)."""
    face = font_name.split("+", 1)[-1]

    def destination(code: int) -> str:
        text = _PRIVATE_TEXT.get((face, code))
        return text.encode("utf-16-be").hex().upper() if text else f"{code:04X}"

    lines = _REPORTLAB_CMAP(font_name, subset).splitlines()
    first = lines.index(f"{len(subset)} beginbfchar") + 1
    lines[first:first + len(subset)] = [
        f"<{index:02X}> <{destination(code)}>" for index, code in enumerate(subset)
    ]
    return "\n".join(lines)


# ReportLab builds every subset's ToUnicode map through this module-level function.
_REPORTLAB_CMAP = ttfonts.makeToUnicodeCMap
ttfonts.makeToUnicodeCMap = _to_unicode_cmap


def shaped_string(glyphs: Sequence[Glyph]) -> ShapedStr:
    """What `canvas.textOut` draws as exactly these glyphs at exactly these positions."""
    return ShapedStr(
        "".join(glyph.char for glyph in glyphs),
        shapeData=[glyph.position for glyph in glyphs],
    )
