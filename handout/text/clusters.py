"""Grapheme clusters (Unicode UAX #29, extended clusters, with the Indic conjunct rule of
Unicode 15.1): where a word too long for its line may be cut without separating a letter from
its marks, a Devanagari conjunct from its parts, or a Hangul syllable from its jamo.

Character classes come from `unicodedata` plus short tables for what it does not expose
(prepended marks, Hangul jamo, Indic consonants and viramas); the rules are applied in one
forward pass, so finding every cut in a word costs time in proportion to its length.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from enum import Enum, auto
from functools import cache


class _Kind(Enum):
    OTHER = auto()
    EXTEND = auto()  # combining marks, ZWNJ, emoji modifiers: never start a cluster
    ZWJ = auto()
    SPACING_MARK = auto()
    PREPEND = auto()  # never end a cluster: Arabic number signs and the like
    REGIONAL = auto()  # flag letters, paired
    L = auto()  # Hangul leading consonant jamo
    V = auto()  # vowel jamo
    T = auto()  # trailing consonant jamo
    LV = auto()  # precomposed syllable without a final
    LVT = auto()  # precomposed syllable with a final
    CONSONANT = auto()  # Indic consonant that conjuncts join
    LINKER = auto()  # Indic virama that joins consonants into a conjunct


_PREPEND = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2\u0d4e")
_OTHER_EXTEND = frozenset("\u200c\uff9e\uff9f")
_LINKERS = frozenset("\u094d\u09cd\u0acd\u0b4d\u0c4d\u0d4d")
# Consonants of the scripts whose virama is a linker (Indic_Conjunct_Break=Consonant).
_CONSONANTS: tuple[tuple[int, int], ...] = (
    (0x0915, 0x0939),
    (0x0958, 0x095F),
    (0x0978, 0x097F),  # Devanagari
    (0x0995, 0x09A8),
    (0x09AA, 0x09B0),
    (0x09B2, 0x09B2),
    (0x09B6, 0x09B9),  # Bengali
    (0x09DC, 0x09DD),
    (0x09DF, 0x09DF),
    (0x09F0, 0x09F1),
    (0x0A95, 0x0AA8),
    (0x0AAA, 0x0AB0),
    (0x0AB2, 0x0AB3),
    (0x0AB5, 0x0AB9),  # Gujarati
    (0x0AF9, 0x0AF9),
    (0x0B15, 0x0B28),
    (0x0B2A, 0x0B30),
    (0x0B32, 0x0B33),
    (0x0B35, 0x0B39),  # Oriya
    (0x0B5C, 0x0B5D),
    (0x0B5F, 0x0B5F),
    (0x0B71, 0x0B71),
    (0x0C15, 0x0C28),
    (0x0C2A, 0x0C39),
    (0x0C58, 0x0C5A),  # Telugu
    (0x0D15, 0x0D3A),  # Malayalam
)
_HANGUL_SYLLABLES = (0xAC00, 0xD7A3)
_HANGUL_JAMO: tuple[tuple[int, int, _Kind], ...] = (
    (0x1100, 0x115F, _Kind.L),
    (0xA960, 0xA97C, _Kind.L),
    (0x1160, 0x11A7, _Kind.V),
    (0xD7B0, 0xD7C6, _Kind.V),
    (0x11A8, 0x11FF, _Kind.T),
    (0xD7CB, 0xD7FB, _Kind.T),
)
_REGIONAL = (0x1F1E6, 0x1F1FF)
_EMOJI_MODIFIERS = (0x1F3FB, 0x1F3FF)

# (before, after) pairs of Hangul kinds that stay in one syllable (rules GB6-GB8).
_HANGUL_JOINS = frozenset(
    {
        (_Kind.L, _Kind.L),
        (_Kind.L, _Kind.V),
        (_Kind.L, _Kind.LV),
        (_Kind.L, _Kind.LVT),
        (_Kind.LV, _Kind.V),
        (_Kind.LV, _Kind.T),
        (_Kind.V, _Kind.V),
        (_Kind.V, _Kind.T),
        (_Kind.LVT, _Kind.T),
        (_Kind.T, _Kind.T),
    }
)
_NEVER_START = frozenset({_Kind.EXTEND, _Kind.ZWJ, _Kind.SPACING_MARK, _Kind.LINKER})


@cache
def _kind(char: str) -> _Kind:
    code = ord(char)
    if char in _LINKERS:
        return _Kind.LINKER
    if char == "\u200d":
        return _Kind.ZWJ
    category = unicodedata.category(char)
    if category in ("Mn", "Me") or char in _OTHER_EXTEND or _within(code, _EMOJI_MODIFIERS):
        return _Kind.EXTEND
    if category == "Mc" or char in "\u0e33\u0eb3":  # Thai and Lao SARA AM
        return _Kind.SPACING_MARK
    if char in _PREPEND:
        return _Kind.PREPEND
    if _within(code, _HANGUL_SYLLABLES):
        return _Kind.LV if (code - _HANGUL_SYLLABLES[0]) % 28 == 0 else _Kind.LVT
    for first, last, kind in _HANGUL_JAMO:
        if first <= code <= last:
            return kind
    if _within(code, _REGIONAL):
        return _Kind.REGIONAL
    if any(first <= code <= last for first, last in _CONSONANTS):
        return _Kind.CONSONANT
    return _Kind.OTHER


def _within(code: int, bounds: tuple[int, int]) -> bool:
    return bounds[0] <= code <= bounds[1]


def cluster_starts(text: str, start: int, end: int) -> Iterator[int]:
    """Indices strictly between `start` and `end`, in order, where a grapheme cluster of
    text[start:end] begins, the text before `start` taken as ending a cluster."""
    if end - start < 2:
        return
    previous = _kind(text[start])
    regional_run = previous is _Kind.REGIONAL  # an odd run of flag letters ends at previous
    conjunct = _conjunct_state(0, previous)
    for index in range(start + 1, end):
        kind = _kind(text[index])
        if not _joins(previous, kind, regional_run, conjunct):
            yield index
        regional_run = kind is _Kind.REGIONAL and not regional_run
        conjunct = _conjunct_state(conjunct, kind)
        previous = kind


def _joins(previous: _Kind, kind: _Kind, odd_regional: bool, conjunct: int) -> bool:
    """Whether `kind` continues the cluster of `previous` (rules GB6-GB13)."""
    return (
        kind in _NEVER_START
        or previous is _Kind.PREPEND
        or previous is _Kind.ZWJ  # emoji sequences; elsewhere a joiner binds both sides
        or (previous, kind) in _HANGUL_JOINS
        or (kind is _Kind.REGIONAL and odd_regional)
        or (kind is _Kind.CONSONANT and conjunct == 2)
    )


def _conjunct_state(state: int, kind: _Kind) -> int:
    """Rule GB9c as a state: 0 outside a conjunct, 1 after a consonant (and its marks),
    2 after a consonant and a virama, when the next consonant joins the conjunct."""
    if kind is _Kind.CONSONANT:
        return 1
    if kind is _Kind.LINKER and state:
        return 2
    if kind in (_Kind.EXTEND, _Kind.ZWJ) and state:
        return state
    return 0
