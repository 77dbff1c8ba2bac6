"""The text each shaped glyph stands for, and the ToUnicode maps that give it back.

A glyph no character maps to (a conjunct, a vowel sign in another form) is drawn through a
private-use code; the fonts of complex scripts write ToUnicode maps that turn each such code
back into its text, so copying, searching and reading aloud get the words.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfbase.ttfonts import TTFontFace

from handout.reportlab_api import (
    character_glyphs,
    character_widths,
    reportlab_to_unicode_cmap,
    subset_face_name,
)

# One code per (face, glyph, text), so the map gives the exact text of every occurrence. Codes
# come from the supplementary private-use plane, apart from ReportLab's. Their numbers never
# reach the PDF (subsets number glyphs themselves), so this table is a cache: the order in
# which a process meets glyphs cannot change a handout's bytes.
_FIRST_PRIVATE = 0xF0000
_LAST_PRIVATE = 0x10FFFD
_PRIVATE_CODES: dict[tuple[str, int, str], int] = {}  # (face, glyph, text) -> code
_PRIVATE_TEXT: dict[tuple[str, int], str] = {}  # (face, code) -> the text, for ToUnicode
# A glyph that stands for no character of its own still needs a destination in the map.
NO_TEXT = "\u200b"


def private_code(face: TTFontFace, glyph: int, text: str, advance: float) -> int:
    key = (subset_face_name(face), glyph, text)
    code = _PRIVATE_CODES.get(key)
    if code is None:
        code = _FIRST_PRIVATE + len(_PRIVATE_CODES)
        while code in character_glyphs(face):
            code += 1
        if code > _LAST_PRIVATE:
            raise RuntimeError("out of private-use codes for shaped glyphs")
        _PRIVATE_CODES[key] = code
        _PRIVATE_TEXT[(key[0], code)] = text
        character_glyphs(face)[code] = glyph
        character_widths(face)[code] = advance
    return code


def to_unicode_cmap(font_name: str, subset: Sequence[int]) -> str:
    """ReportLab's ToUnicode map for a font subset, with the text of shaped glyphs in place
    of their private-use codes (a destination may hold several characters)."""
    face = font_name.split("+", 1)[-1]

    def destination(code: int) -> str:
        return _PRIVATE_TEXT.get((face, code), chr(code)).encode("utf-16-be").hex().upper()

    lines = reportlab_to_unicode_cmap(font_name, subset).splitlines()
    first = lines.index(f"{len(subset)} beginbfchar") + 1
    lines[first : first + len(subset)] = [
        f"<{index:02X}> <{destination(code)}>" for index, code in enumerate(subset)
    ]
    return "\n".join(lines)
