"""Script-aware text setting: one call sets any text in any handout language.

    profile = profile_for("ar")
    check_coverage([("msgid 'Key points'", "النقاط الرئيسية")], profile)
    flowable = set_paragraph(runs, styles["body"], profile)

Latin, Cyrillic and Korean text becomes a ReportLab Paragraph, Chinese a Paragraph with
Chinese line breaking, Arabic and Devanagari a shaped, bidi-ordered flowable. Characters the
language's fonts lack are drawn in a shipped font that has them.
"""

from __future__ import annotations

from handout.text.coverage import GlyphCoverageError, check_coverage
from handout.text.profiles import SUPPORTED_LANGUAGES, ScriptProfile, mirrored, profile_for
from handout.text.setter import set_paragraph

__all__ = [
    "SUPPORTED_LANGUAGES",
    "GlyphCoverageError",
    "ScriptProfile",
    "check_coverage",
    "mirrored",
    "profile_for",
    "set_paragraph",
]
