"""The Unicode bidirectional algorithm: levels per character, visual order per line."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from bidi import get_display

_RIGHT_TO_LEFT = frozenset({"R", "AL", "RLE", "RLO", "RLI"})
# get_display(debug=True) returns the resolved levels as Rust's pretty debug dump of BidiInfo:
# one "Level(n)" per UTF-8 byte. The text is escaped in that dump, so these anchors are unique.
_LEVELS_SECTION = re.compile(r"\n    levels: \[\n(.*?)\n    \],\n", re.DOTALL)
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


def has_right_to_left(text: str) -> bool:
    return not text.isascii() and any(
        unicodedata.bidirectional(char) in _RIGHT_TO_LEFT for char in text
    )


def embedding_levels(text: str, rtl: bool) -> list[int]:
    """The resolved bidi level of each character of a paragraph (odd: right to left), from
    python-bidi's implementation of the current algorithm (isolates, bracket pairs)."""
    dump = get_display(text, base_dir="R" if rtl else "L", debug=True)
    section = _LEVELS_SECTION.search(dump)
    byte_levels = [int(level) for level in _LEVEL.findall(section[1])] if section else []
    if len(byte_levels) != len(text.encode()):
        raise RuntimeError("python-bidi's debug output changed: cannot read the bidi levels")
    levels, offset = [], 0
    for char in text:
        levels.append(byte_levels[offset])
        offset += len(char.encode())
    return levels


def visual_order(levels: Sequence[int]) -> list[int]:
    """Indices of a line's items (runs or characters) left to right, by rule L2: from the
    highest level down to the lowest odd one, reverse every sequence at that level or above."""
    order = list(range(len(levels)))
    if not order:
        return order
    lowest_odd = min(levels) | 1
    for level in range(max(levels), lowest_odd - 1, -1):
        index = 0
        while index < len(order):
            if levels[order[index]] < level:
                index += 1
                continue
            end = index
            while end < len(order) and levels[order[end]] >= level:
                end += 1
            order[index:end] = order[index:end][::-1]
            index = end
    return order
