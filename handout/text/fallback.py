"""Splitting text into pieces, each in a shipped font that has all of its glyphs."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import groupby
from operator import itemgetter
from typing import Protocol

from handout.text.fonts import (
    ARABIC,
    DEVANAGARI,
    FALLBACKS,
    HAN,
    HANGUL,
    LATIN,
    Family,
    coverage,
    use_family,
)

# Which family to try first for a character the profile's fonts lack (inclusive ranges).
_SCRIPT_RANGES: tuple[tuple[int, int, Family], ...] = (
    (0x0000, 0x052F, LATIN),  # Latin, Greek, Cyrillic
    (0x0600, 0x06FF, ARABIC),
    (0x0750, 0x077F, ARABIC),
    (0x08A0, 0x08FF, ARABIC),
    (0x0900, 0x097F, DEVANAGARI),
    (0x1100, 0x11FF, HANGUL),
    (0x1CD0, 0x1CFF, DEVANAGARI),
    (0x1E00, 0x20CF, LATIN),  # Vietnamese letters, general punctuation, currency
    (0x2E80, 0x312F, HAN),
    (0x3130, 0x318F, HANGUL),
    (0x3190, 0x9FFF, HAN),
    (0xA8E0, 0xA8FF, DEVANAGARI),
    (0xA960, 0xA97F, HANGUL),
    (0xAC00, 0xD7FF, HANGUL),
    (0xF900, 0xFAFF, HAN),
    (0xFB50, 0xFDFF, ARABIC),
    (0xFE30, 0xFE4F, HAN),
    (0xFE70, 0xFEFE, ARABIC),
    (0xFF00, 0xFFEF, HAN),
    (0x20000, 0x3FFFF, HAN),
)


class StyledText(Protocol):
    """A stretch of text in one style, such as a document's run: all text setting reads."""

    @property
    def text(self) -> str: ...
    @property
    def bold(self) -> bool: ...
    @property
    def italic(self) -> bool: ...


@dataclass(frozen=True)
class Piece:
    """A stretch of text drawn in one font."""

    text: str
    font: str


def face_for(bold: bool, italic: bool) -> str:
    """The Family field ("regular" | "bold" | "italic") for a run's flags; there is no bold
    italic face, so bold wins."""
    return "bold" if bold else "italic" if italic else "regular"


def is_invisible(char: str) -> bool:
    """Format characters (joiners, bidi marks, BOM): they steer shaping, draw nothing."""
    return unicodedata.category(char) == "Cf"


# Tabs, newlines, line and paragraph separators: in running text they are just spaces.
_SPACE_LIKE = frozenset({"Cc", "Zl", "Zp"})


@lru_cache(maxsize=8192)
def clean(text: str) -> str:
    """Composed (NFC) text, so one glyph per accented letter, with control characters and
    line separators as spaces."""
    if text.isascii() and text.isprintable():
        return text
    text = "".join(" " if unicodedata.category(char) in _SPACE_LIKE else char for char in text)
    return unicodedata.normalize("NFC", text)


class FontChooser:
    """For each character the first font with its glyph: the profile's, then the family of the
    character's script, then every shipped family. Fonts load only when consulted."""

    def __init__(self, family: Family) -> None:
        self.family = family
        self._chosen: dict[tuple[str, str], str | None] = {}

    def font_for(self, char: str, face: str) -> str | None:
        """The font for `char` in `face` ("regular" | "bold" | "italic"); None if none has it."""
        key = (char, face)
        if key not in self._chosen:
            self._chosen[key] = next(
                (
                    name
                    for family in self._candidates(char)
                    if char in coverage(name := getattr(use_family(family), face))
                ),
                None,
            )
        return self._chosen[key]

    def _candidates(self, char: str) -> Iterator[Family]:
        yield self.family
        code = ord(char)
        for first, last, family in _SCRIPT_RANGES:
            if first <= code <= last:
                yield family
                break
        yield from FALLBACKS


@cache
def chooser_for(family: Family) -> FontChooser:
    return FontChooser(family)


def pieces(runs: Sequence[StyledText], base_face: str, family: Family) -> list[Piece]:
    """`runs` as font pieces: each run in the family's face for its flags where that face has
    every glyph (the usual case, checked in one pass), else split character by character.
    `base_face` is the paragraph style's: a bold heading makes every run bold."""
    chooser = chooser_for(family)
    out: list[Piece] = []
    for run in runs:
        face = face_for(run.bold or base_face == "bold", run.italic or base_face == "italic")
        text = clean(run.text)
        run_font = getattr(family, face)
        if (text.isascii() and _has_all_ascii(run_font)) or coverage(run_font).issuperset(text):
            _append(out, Piece(text, run_font))
            continue
        placed = _place_each(text, face, run_font, chooser)
        for font, group in groupby(placed, key=itemgetter(1)):
            _append(out, Piece("".join(char for char, _ in group), font))
    return out


@cache
def _has_all_ascii(font: str) -> bool:
    return coverage(font).issuperset(map(chr, range(0x20, 0x7F)))


def _place_each(
    text: str, face: str, run_font: str, chooser: FontChooser
) -> Iterator[tuple[str, str]]:
    previous = run_font
    for char in text:
        category = unicodedata.category(char)
        # Marks and joiners belong to the glyph before them: shaping needs them in one font.
        if category == "Cf" or (category[0] == "M" and char in coverage(previous)):
            yield char, previous
            continue
        font = chooser.font_for(char, face)
        if font is None and category == "Zs":
            char, font = " ", chooser.font_for(" ", face)
        previous = font or run_font
        yield char, previous


def _append(out: list[Piece], piece: Piece) -> None:
    if out and out[-1].font == piece.font:
        out[-1] = Piece(out[-1].text + piece.text, piece.font)
    elif piece.text:
        out.append(piece)
