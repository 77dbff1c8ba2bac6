"""A clinic's profile: who prints the handout, read from TOML and checked before any build."""

from __future__ import annotations

import io
import tomllib
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from handout.errors import HandoutError
from handout.files import read_input, read_text_input
from handout.languages import LANGUAGES
from handout.links import checked_link
from handout.papers import PAPERS

PROFILE_NAME = "handout.toml"
MAX_LOGO_BYTES = 5_000_000
# Far above any logo, far below an image built to exhaust memory when decoded.
MAX_LOGO_PIXELS = 25_000_000
MAX_TEXT = 300
MAX_PROFILE_BYTES = 100_000
# Bidirectional controls would reorder the text around them, or print as marks.
_BIDI_CONTROLS = dict.fromkeys(
    [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
# Text darker than this on white keeps a 4.5:1 contrast, readable when printed in grey.
MIN_CONTRAST = 4.5


@dataclass(frozen=True)
class Clinic:
    name: str
    address: str | None = None
    phone: str | None = None
    website: str | None = None
    video_url: str | None = None
    logo: str | None = None  # the checked image file
    accent: str | None = None  # "#rrggbb", checked readable on white
    clinician: str | None = None
    disclaimer: str | None = None

    @property
    def link(self) -> str | None:
        """Where the QR code points: the exercise videos if named, else the website."""
        return self.video_url or self.website

    def template_data(self) -> dict[str, str | None]:
        """The clinic as templates see it: text only."""
        return {
            "name": self.name,
            "address": self.address,
            "phone": self.phone,
            "website": self.website,
            "video_url": self.video_url,
            "link": self.link,
            "logo": self.logo,
            "clinician": self.clinician,
            "disclaimer": self.disclaimer,
        }


@dataclass(frozen=True)
class Profile:
    """A profile file: the clinic, and its defaults for the command's options."""

    clinic: Clinic | None
    defaults: dict[str, Any]

    def option_defaults(self, command: str) -> dict[str, Any]:
        """The profile's defaults as the named command's options."""
        defaults: dict[str, Any] = {}
        if "templates" in self.defaults:
            defaults["templates"] = self.defaults["templates"]
        paper, languages = self.defaults.get("paper"), self.defaults.get("languages")
        if command == "build":
            defaults.update({"paper": paper} if paper else {})
            defaults.update({"lang": languages[0]} if languages else {})
        elif command == "batch":
            defaults.update({"papers": (paper,)} if paper else {})
            defaults.update({"languages": tuple(languages)} if languages else {})
        return defaults


_CLINIC_KEYS = {
    "name",
    "address",
    "phone",
    "website",
    "video_url",
    "logo",
    "accent",
    "clinician",
    "disclaimer",
}
_DEFAULT_KEYS = {"paper", "languages", "templates"}


def load_profile(path: Path) -> Profile:
    """Read a profile; every problem is one line naming the file and the key."""
    text = read_text_input(path, "profile", MAX_PROFILE_BYTES)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise HandoutError(f"{path}: invalid TOML ({error})") from None
    unknown = set(data) - {"clinic", "defaults"}
    if unknown:
        raise HandoutError(
            f"{path}: unknown table '{sorted(unknown)[0]}' (known: clinic, defaults)"
        )
    clinic_data = _table(data, "clinic", path, _CLINIC_KEYS)
    defaults = _table(data, "defaults", path, _DEFAULT_KEYS)
    clinic = _clinic(clinic_data, path) if clinic_data else None
    return Profile(clinic, _defaults(defaults, path))


def _table(data: dict[str, Any], name: str, path: Path, known: set[str]) -> dict[str, Any]:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise HandoutError(f"{path}: '{name}' must be a table ([{name}])")
    for key in table:
        if key not in known:
            raise HandoutError(
                f"{path}: [{name}] has unknown key '{key}' (known: {', '.join(sorted(known))})"
            )
    return table


def _text(table: dict[str, Any], key: str, path: Path, section: str) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise HandoutError(f"{path}: [{section}] {key} must be non-empty text")
    return checked_text(" ".join(value.split()), f"{path}: [{section}] {key}")


def checked_text(value: str, where: str, limit: int = MAX_TEXT) -> str:
    """Text that people type, as it prints: runs of white space (line breaks too) become one
    space, bidirectional controls are dropped; refused when too long or not text."""
    if any(0xD800 <= ord(character) <= 0xDFFF for character in value):
        raise HandoutError(f"{where} is not valid UTF-8 text")
    text = " ".join(value.translate(_BIDI_CONTROLS).split())
    if len(text) > limit:
        raise HandoutError(f"{where} is {len(text)} characters long; the limit is {limit}")
    if any(
        ord(character) < 32 or 0x7F <= ord(character) < 0xA0 or ord(character) in (0xFFFE, 0xFFFF)
        for character in text
    ):
        raise HandoutError(f"{where} contains control characters")
    return text


def _clinic(table: dict[str, Any], path: Path) -> Clinic:
    name = _text(table, "name", path, "clinic")
    if not name:
        raise HandoutError(f"{path}: [clinic] name is missing")
    logo = _text(table, "logo", path, "clinic")
    accent = _text(table, "accent", path, "clinic")
    return Clinic(
        name=checked_text(name, f"{path}: [clinic] name", 100),
        address=_text(table, "address", path, "clinic"),
        phone=_text(table, "phone", path, "clinic"),
        website=_link(table, "website", path),
        video_url=_link(table, "video_url", path),
        logo=str(checked_logo((path.parent / logo).resolve())) if logo else None,
        accent=parse_accent(accent, f"{path}: [clinic] accent") if accent else None,
        clinician=_text(table, "clinician", path, "clinic"),
        disclaimer=_text(table, "disclaimer", path, "clinic"),
    )


def _link(table: dict[str, Any], key: str, path: Path) -> str | None:
    text = _text(table, key, path, "clinic")
    return checked_link(text, f"{path}: [clinic] {key}") if text else None


def _defaults(table: dict[str, Any], path: Path) -> dict[str, Any]:
    defaults: dict[str, Any] = {}
    if "paper" in table:
        paper = _text(table, "paper", path, "defaults")
        if paper not in PAPERS:
            raise HandoutError(
                f"{path}: [defaults] paper '{paper}' is not one of {', '.join(PAPERS)}"
            )
        defaults["paper"] = paper
    if "languages" in table:
        languages = table["languages"]
        if (
            not isinstance(languages, list)
            or not languages
            or not all(isinstance(x, str) for x in languages)
        ):
            raise HandoutError(
                f"{path}: [defaults] languages must be a non-empty list of language codes"
            )
        for language in languages:
            if language not in LANGUAGES:
                raise HandoutError(
                    f"{path}: [defaults] languages: '{language}' is not one of "
                    f"{', '.join(LANGUAGES)}"
                )
        defaults["languages"] = list(dict.fromkeys(languages))
    if "templates" in table:
        folder = (path.parent / str(_text(table, "templates", path, "defaults"))).resolve()
        if not folder.is_dir():
            raise HandoutError(f"{path}: [defaults] templates folder {folder} not found")
        defaults["templates"] = folder
    return defaults


def parse_accent(value: str, where: str) -> str:
    """A #RRGGBB colour dark enough to read on white paper, also in black and white."""
    text = value.strip()
    if len(text) != 7 or text[0] != "#" or not all(c in "0123456789abcdefABCDEF" for c in text[1:]):
        raise HandoutError(f"{where}: '{value}' is not a colour like #1f6f78")
    contrast = 1.05 / (_luminance(text) + 0.05)
    if contrast < MIN_CONTRAST:
        raise HandoutError(
            f"{where}: {text} is too light to read on white paper "
            f"(contrast {contrast:.1f}:1, needs {MIN_CONTRAST}:1)"
        )
    return text.lower()


def _luminance(colour: str) -> float:
    """WCAG's relative luminance of a #rrggbb colour."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(int(colour[at : at + 2], 16) / 255) for at in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def checked_logo(path: Path) -> Path:
    """A PNG or JPEG of sane size that decodes whole; anything else is refused before a
    build starts, so drawing it cannot fail or exhaust memory later."""
    from PIL import Image  # an imaging library: only when there is a logo

    data = read_input(path, "logo", MAX_LOGO_BYTES)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format
                width, height = image.size
                if width * height > MAX_LOGO_PIXELS:
                    raise HandoutError(
                        f"logo {path} is too large an image ({width} x {height} pixels; the "
                        f"limit is {MAX_LOGO_PIXELS:,})"
                    )
                if kind not in ("PNG", "JPEG"):
                    raise HandoutError(f"logo {path} is {kind}; use a PNG or JPEG file")
                image.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise HandoutError(
            f"logo {path} is too large an image (over {MAX_LOGO_PIXELS:,} pixels)"
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise HandoutError(f"logo {path} is not a readable image ({error})") from None
    return path
