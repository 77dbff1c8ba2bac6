"""What the tests read back out of a PDF, with pypdf and pypdfium2 only."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pypdf


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def normalise(text: str) -> str:
    """Text as a reader sees it: ligatures unfolded, hyphenated line ends joined, one space."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"-\n(?=[a-z])", "", text)
    return " ".join(text.split())


def sentences(text: str) -> list[str]:
    """Split running text at sentence ends, keeping "1." style list numbers with their line."""
    text = re.sub(r"^\d+\.\s*", "", text, flags=re.MULTILINE)
    parts = re.split(r"(?<=[.:])\s+", " ".join(text.split()))
    return [part for part in parts if part]


def fonts(path: Path) -> dict[str, bool]:
    """Every font any page uses (including inside form XObjects), and whether it is embedded."""
    found: dict[str, bool] = {}
    for page in pypdf.PdfReader(path).pages:
        stack = [page.get("/Resources")]
        seen: set[int] = set()
        while stack:
            resources = stack.pop()
            if resources is None:
                continue
            resources = resources.get_object()
            if id(resources) in seen:
                continue
            seen.add(id(resources))
            for font in (resources.get("/Font") or {}).values():
                font = font.get_object()
                name = str(font.get("/BaseFont"))
                descriptor = font.get("/FontDescriptor")
                if font.get("/Subtype") == "/Type0":
                    descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor else {}
                found[name] = any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
                )
            for xobject in (resources.get("/XObject") or {}).values():
                stack.append(xobject.get_object().get("/Resources"))
    return found


def text_sizes(path: Path, page_number: int) -> list[tuple[str, float, float]]:
    """(text, font size in points, baseline y) for each piece of text on a page, leaving out
    the frame numbers and "30-60" drawn inside pictures, which are not text to read."""
    page = pypdf.PdfReader(path).pages[page_number]
    pieces: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip() and not re.fullmatch("[0-9\u2013-]+", text.strip()):
            scale = abs(tm[3] * cm[3]) or 1.0
            pieces.append((text, size * scale, tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)
    return pieces


# Arabic marks (harakat) sit on a ligature in another order than in the text.
_MOVED_IN_DRAWING = re.compile("\u093f|\u0930\u094d|[\u064b-\u0652\u0670]")
# In right-to-left text, digits and punctuation are placed by the bidi algorithm and come
# back in another order; the letters keep theirs.
RIGHT_TO_LEFT = {"ar"}


def skeleton(text: str, language: str = "en") -> str:
    """Text compared for presence in print: compatibility forms folded (ligatures, Arabic
    presentation forms), no spaces or line breaks, signs that shaping moves left out."""
    text = _MOVED_IN_DRAWING.sub("", unicodedata.normalize("NFKC", text))
    if language in RIGHT_TO_LEFT:
        return "".join(character for character in text if character.isalpha())
    return "".join(
        character
        for character in text
        if not character.isspace() and unicodedata.category(character) not in ("Cf", "Zs")
    )
