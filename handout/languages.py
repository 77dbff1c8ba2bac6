"""The languages a handout is made in, as BCP 47 codes; English is the source."""

from __future__ import annotations

from handout.errors import HandoutError

SOURCE_LANGUAGE = "en"
LANGUAGES = (
    "en",
    "es",
    "zh-Hans",
    "zh-Hant",
    "vi",
    "ko",
    "tl",
    "ar",
    "ru",
    "fr",
    "pt",
    "ht",
    "hi",
)


def check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise HandoutError(f"language '{language}' is not one of {', '.join(LANGUAGES)}")
