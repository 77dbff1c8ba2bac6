"""HarfBuzz shaping into strings that ReportLab's canvas draws glyph by glyph."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from typing import Any

import uharfbuzz as hb
from reportlab.pdfbase.ttfonts import TTFontFace

from handout.reportlab_api import (
    ShapeData,
    ShapedStr,
    character_widths,
    glyph_characters,
    harfbuzz_font,
    pdf_scale,
    truetype_font,
)
from handout.reportlab_api import shaped_str as _shaped_str
from handout.text.fonts import COMPLEX_FONTS
from handout.text.glyph_text import NO_TEXT, private_code

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
    # Positions come back in font units whatever the size.
    return harfbuzz_font(truetype_font(font_name))


@lru_cache(maxsize=4096)
def shape(
    text: str, start: int, end: int, font_name: str, rtl: bool, language: str
) -> tuple[Glyph, ...]:
    """Glyphs for text[start:end] in visual order, shaped with the whole text as context.
    Kept: a handout's wording is shaped again for every patient's copy."""
    font = truetype_font(font_name)
    face = font.face
    to_chars, widths = glyph_characters(face), character_widths(face)
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
    infos = list(zip(buffer.glyph_infos, buffer.glyph_positions, strict=True))
    texts = _unmapped_texts(text, end, [info for info, _ in infos], face)
    glyphs = []
    for index, (info, place) in enumerate(infos):
        advance = pdf_scale(font, place.x_advance)
        chars = to_chars.get(info.codepoint)
        # A private code's width is the glyph's own advance, not this occurrence's: the first
        # occurrence a process meets must not decide the widths of later handouts.
        code = (
            chars[0]
            if chars
            else private_code(
                face,
                info.codepoint,
                texts[index],
                pdf_scale(font, hb_font.get_glyph_h_advance(info.codepoint)),
            )
        )
        position = ShapeData(
            info.cluster,
            advance,
            pdf_scale(font, place.y_advance),
            pdf_scale(font, place.x_offset),
            pdf_scale(font, place.y_offset),
            widths[code],
        )
        glyphs.append(Glyph(chr(code), info.cluster, position))
    return tuple(glyphs)


def _unmapped_texts(text: str, end: int, infos: Sequence[Any], face: TTFontFace) -> dict[int, str]:
    """For each glyph with no character of its own (by index), the text it stands for: what
    its cluster's text has beyond the characters of the cluster's mapped glyphs, shared out in
    reading order over the cluster's unmapped glyphs - the first takes all but one character
    per other glyph, each other glyph one - so that copying the PDF gives back the words."""
    bounds = sorted({info.cluster for info in infos} | {end})
    following = dict(pairwise(bounds))  # cluster -> where the next one starts
    unmapped: dict[int, list[int]] = {}
    drawn: dict[int, list[str]] = {}
    to_chars = glyph_characters(face)
    for index, info in enumerate(infos):
        chars = to_chars.get(info.codepoint)
        if chars:
            drawn.setdefault(info.cluster, []).append(chr(chars[0]))
        else:
            unmapped.setdefault(info.cluster, []).append(index)
    texts: dict[int, str] = {}
    for cluster, indexes in unmapped.items():
        remainder = list(text[cluster : following[cluster]])
        for char in drawn.get(cluster, ()):
            if char in remainder:
                remainder.remove(char)
        extra = len(indexes) - 1
        head = "".join(remainder[: max(1, len(remainder) - extra)])
        tail = remainder[max(1, len(remainder) - extra) :]
        pieces = [head, *tail]
        for position, index in enumerate(indexes):
            texts[index] = (
                pieces[position] if position < len(pieces) and pieces[position] else NO_TEXT
            )
    return texts


def shaped_string(glyphs: Sequence[Glyph]) -> ShapedStr:
    """What `canvas.textOut` draws as exactly these glyphs at exactly these positions."""
    return _shaped_str(
        "".join(glyph.char for glyph in glyphs), [glyph.position for glyph in glyphs]
    )
