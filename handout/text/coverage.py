"""Checking, before anything is drawn, that every character has a glyph in some font:
ReportLab draws a missing glyph as a blank or a box and says nothing."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from handout.text.fallback import chooser_for, clean
from handout.text.fonts import coverage
from handout.text.profiles import ScriptProfile

# Spaces without a glyph become plain spaces, format characters (joiners, bidi marks) draw
# nothing; controls and separators are spaces by then. Private-use characters do need one.
_NEEDS_NO_GLYPH = frozenset({"Zs", "Cf"})


class GlyphCoverageError(ValueError):
    """Some text has characters that no shipped font can draw."""


def check_coverage(texts: Iterable[tuple[str, str]], profile: ScriptProfile) -> None:
    """Raise GlyphCoverageError naming the language, each missing character and where it comes
    from, if any text has a character that neither the profile's fonts nor a fallback has."""
    chooser = chooser_for(profile.family)
    own = coverage(profile.regular)
    missing: dict[str, list[str]] = {}
    for where, text in texts:
        text = clean(text)
        if own.issuperset(text):
            continue  # the usual case, in one pass
        for char in dict.fromkeys(text):
            if unicodedata.category(char) in _NEEDS_NO_GLYPH:
                continue
            if chooser.font_for(char, "regular") is None:
                places = missing.setdefault(char, [])
                if where not in places:
                    places.append(where)
    if missing:
        details = "; ".join(
            f"U+{ord(char):04X} {char!r} in {', '.join(places)}" for char, places in missing.items()
        )
        raise GlyphCoverageError(f"{profile.language}: no font has a glyph for {details}")
