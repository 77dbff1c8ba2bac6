"""One script profile per handout language: direction, fonts and line-breaking rules."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from handout.text.fonts import ARABIC, DEVANAGARI, HAN, HANGUL, LATIN, Family, use_family


@dataclass(frozen=True)
class ScriptProfile:
    """How to set text in one language; font names are registered ReportLab fonts."""

    language: str  # BCP 47 tag as the project spells it: "en", "zh-Hans", "ar", ...
    direction: str  # "ltr" | "rtl"
    regular: str
    bold: str
    italic: str
    word_wrap: str | None  # ReportLab wordWrap: "CJK" breaks between ideographs
    shaping: bool  # needs HarfBuzz: letters join or combine (Arabic, Devanagari)

    @property
    def family(self) -> Family:
        return Family(self.regular, self.bold, self.italic)


@dataclass(frozen=True)
class _Script:
    family: Family
    direction: str = "ltr"
    word_wrap: str | None = None
    shaping: bool = False


_LATIN = _Script(LATIN)
_CHINESE = _Script(HAN, word_wrap="CJK")
_SCRIPTS: dict[str, _Script] = {
    "en": _LATIN,
    "es": _LATIN,
    "fr": _LATIN,
    "pt": _LATIN,
    "ht": _LATIN,
    "tl": _LATIN,
    "vi": _LATIN,
    "ru": _LATIN,
    "zh-Hans": _CHINESE,
    "zh-Hant": _CHINESE,
    # Korean separates words with spaces; breaking between syllables splits words.
    "ko": _Script(HANGUL),
    "ar": _Script(ARABIC, direction="rtl", shaping=True),
    "hi": _Script(DEVANAGARI, shaping=True),
}

SUPPORTED_LANGUAGES = tuple(_SCRIPTS)
_SCRIPTS["zh"] = _CHINESE  # zh-CN, zh-TW: one font serves both writing systems


@cache
def profile_for(language: str) -> ScriptProfile:
    """The profile for `language` ("es-MX" falls back to "es"), its fonts registered."""
    script = _SCRIPTS.get(language) or _SCRIPTS.get(language.split("-")[0])
    if script is None:
        raise ValueError(
            f"no script profile for language {language!r}; "
            f"supported: {', '.join(SUPPORTED_LANGUAGES)}"
        )
    family = use_family(script.family)
    return ScriptProfile(
        language=language,
        direction=script.direction,
        regular=family.regular,
        bold=family.bold,
        italic=family.italic,
        word_wrap=script.word_wrap,
        shaping=script.shaping,
    )


def mirrored(profile: ScriptProfile) -> bool:
    """Whether layouts (table columns, indents, page furniture) run right to left."""
    return profile.direction == "rtl"
