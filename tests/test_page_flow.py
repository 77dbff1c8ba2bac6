"""Pages that flow: a box is read on one page, a week's tracking table stands on one page,
and no page before the tracking sheet is left mostly empty."""

from __future__ import annotations

from io import BytesIO

import pypdf
import pypdfium2 as pdfium
import pytest
from pdfcheck import RIGHT_TO_LEFT, skeleton

from handout.build import BuildOptions, compose_document, render_handout
from handout.content.model import Handout
from handout.content.patient import Patient
from handout.document.elements import (
    Callout,
    Document,
    ListBlock,
    Paragraph,
    TrackingSheet,
    plain_text,
)
from handout.languages import LANGUAGES
from handout.layout.page import MARGIN_BOTTOM, MARGIN_TOP

VARIANTS = {
    "letter": {},
    "a4": {"paper": "a4"},
    "large-print": {"large_print": True},
    "two-exercises": {"patient": Patient(exercises=("walking", "stretching"))},
}


# Known not yet to hold, each checked to fail (strict): a large-print table in these
# languages is taller than a page, its labels wrapping to three or four lines beside the
# thumbnails; and in these the guide to the sheet, or a card, is left alone on a page.
TALL_TABLES = {(language, "large-print") for language in ("vi", "tl", "ar", "pt", "ht")}
EMPTY_PAGES = {
    ("es", "letter"),
    ("es", "large-print"),
    ("es", "two-exercises"),
    ("ar", "letter"),
    ("zh-Hans", "a4"),
    ("ru", "letter"),
    ("ru", "a4"),
    ("ru", "large-print"),
    ("ru", "two-exercises"),
}


def cases(languages: list[str] | tuple[str, ...], failing: set[tuple[str, str]], why: str):
    return [
        pytest.param(language, variant, marks=pytest.mark.xfail(reason=why, strict=True))
        if (language, variant) in failing
        else pytest.param(language, variant)
        for language in languages
        for variant in VARIANTS
    ]


class Pages:
    """Each page's text as PDFium and pypdf read it, compared as `skeleton` folds it (no
    spaces, shaping's moved signs left out): each extractor orders a right-to-left line by
    its own rules, so a text counts as on a page when either reads it there."""

    def __init__(self, data: bytes, language: str) -> None:
        self.language = language
        self.readings = [
            [
                skeleton(page.get_textpage().get_text_range(), language)
                for page in pdfium.PdfDocument(data)
            ],
            [
                skeleton(page.extract_text(), language)
                for page in pypdf.PdfReader(BytesIO(data)).pages
            ],
        ]

    def holding(self, text: str) -> list[int]:
        # Right to left, word by word: neutral characters between words are placed apart.
        parts = text.split() if self.language in RIGHT_TO_LEFT else [text]
        wanted = [skeleton(part, self.language) for part in parts]
        return [
            number
            for number in range(len(self.readings[0]))
            if any(all(part in reading[number] for part in wanted) for reading in self.readings)
        ]


def last_text(callout: Callout) -> str:
    last = callout.blocks[-1]
    if isinstance(last, ListBlock):
        return plain_text(last.items[-1])
    assert isinstance(last, Paragraph)
    return plain_text(last.runs)


@pytest.fixture(scope="module")
def rendered(handout: Handout):
    cache: dict[tuple[str, str], tuple[Pages, Document, bytes]] = {}

    def render(language: str, variant: str):
        if (language, variant) not in cache:
            options = BuildOptions(language=language, **VARIANTS[variant])
            data = render_handout(handout, options).data
            pages = Pages(data, language)
            cache[(language, variant)] = (pages, compose_document(handout, options), data)
        return cache[(language, variant)]

    return render


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_box_is_read_on_one_page(rendered, language: str, variant: str):
    pages, document, _ = rendered(language, variant)
    for block in document.blocks:
        if isinstance(block, Callout) and block.title:
            starts = pages.holding(plain_text(block.title))
            ends = pages.holding(last_text(block))
            assert starts and starts[0] in ends, plain_text(block.title)


@pytest.mark.parametrize(
    ("language", "variant"), cases(LANGUAGES, TALL_TABLES, "large-print table taller than a page")
)
def test_each_weeks_tracking_table_stands_on_one_page(rendered, language: str, variant: str):
    pages, document, _ = rendered(language, variant)
    sheets = [block for block in document.blocks if isinstance(block, TrackingSheet)]
    # Each week's title starts its table; its last row (the symptom score) ends it.
    titles = pages.holding(plain_text(sheets[0].title))[-len(sheets) :]
    ends = pages.holding(plain_text(sheets[0].rows[-1].label))
    assert titles == ends


def emptiness(data: bytes) -> list[float]:
    """For each page, the share of its text frame below the last inked pixel."""
    document = pdfium.PdfDocument(data)
    shares = []
    for index in range(len(document)):
        image = document[index].render(scale=40 / 72, grayscale=True).to_pil()
        pixels, (width, height) = image.load(), image.size
        top, bottom = int(MARGIN_TOP * 40 / 72), int(height - MARGIN_BOTTOM * 40 / 72)
        inked = [y for y in range(top, bottom) if any(pixels[x, y] < 200 for x in range(width))]
        shares.append(1 - (max(inked, default=top) - top) / (bottom - top))
    return shares


@pytest.mark.parametrize(
    ("language", "variant"),
    cases(("en", "es", "ar", "zh-Hans", "ru"), EMPTY_PAGES, "a page left more than 40% empty"),
)
def test_no_page_before_the_tracking_sheet_is_more_than_40_percent_empty(
    rendered, language: str, variant: str
):
    pages, document, data = rendered(language, variant)
    sheet = next(block for block in document.blocks if isinstance(block, TrackingSheet))
    first_sheet_page = pages.holding(plain_text(sheet.rows[-1].label))[0]
    empty = emptiness(data)[:first_sheet_page]
    assert max(empty) <= 0.4, [round(share, 2) for share in empty]
