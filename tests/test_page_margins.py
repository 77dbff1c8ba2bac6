"""Nothing is printed in the half inch along a paper's edges, which printers cannot print:
no character, no rule or box, no picture, logo or QR code, no form field or link, on any
paper, in large print, fillable, for a clinic, and in scripts set another way than Latin."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pagelayout import Box, Page, annotation_rects, read_pages
from PIL import Image, ImageDraw
from reportlab.lib.units import inch

from handout.build import BuildOptions, render_handout
from handout.content.clinic import Clinic, parse_accent
from handout.content.model import Handout
from handout.papers import PAPERS

BAND = 0.5 * inch
TOLERANCE = 0.5

VARIANTS: dict[str, dict[str, object]] = {
    "letter": {},
    "a4": {"paper": "a4"},
    "clinic": {"with_clinic": True},
    "clinic-a4-arabic": {"with_clinic": True, "paper": "a4", "language": "ar"},
    "large-print": {"large_print": True},
    "fillable": {"fillable": True},
    "arabic": {"language": "ar"},
    "arabic-large-print-fillable": {"language": "ar", "large_print": True, "fillable": True},
    "hindi": {"language": "hi"},
    "chinese": {"language": "zh-Hans"},
    "chinese-a4-large-print": {"language": "zh-Hans", "paper": "a4", "large_print": True},
}


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Clinic:
    """A clinic with everything a profile can print: logo, address, phone, website, videos."""
    logo = tmp_path_factory.mktemp("logo") / "logo.png"
    image = Image.new("RGB", (600, 200), "white")
    ImageDraw.Draw(image).ellipse((10, 10, 190, 190), fill=(20, 90, 120))
    image.save(logo)
    return Clinic(
        name="Riverside Community Physiotherapy and Rehabilitation Clinic",
        address="Unit 4, The Old Mill, 112 Riverside Road, Northfield Industrial Estate",
        phone="+44 20 7946 0958",
        website="https://riverside-physio.example",
        video_url="https://riverside-physio.example/videos/leg-numbness-exercises",
        logo=str(logo),
        accent=parse_accent("#7a3b00", "test"),
    )


@pytest.fixture(scope="module")
def build(handout: Handout, clinic: Clinic) -> Callable[[str], tuple[bytes, list[Page]]]:
    cache: dict[str, tuple[bytes, list[Page]]] = {}

    def build(variant: str) -> tuple[bytes, list[Page]]:
        if variant not in cache:
            options = dict(VARIANTS[variant])
            with_clinic = options.pop("with_clinic", False)
            data = render_handout(
                handout, BuildOptions(clinic=clinic if with_clinic else None, **options)
            ).data
            cache[variant] = data, read_pages(data)
        return cache[variant]

    return build


def printable(page: Page) -> Box:
    return Box(
        BAND - TOLERANCE,
        BAND - TOLERANCE,
        page.width - BAND + TOLERANCE,
        page.height - BAND + TOLERANCE,
    )


def outside(box: Box, area: Box) -> bool:
    return (
        box.left < area.left
        or box.bottom < area.bottom
        or box.right > area.right
        or box.top > area.top
    )


@pytest.mark.parametrize("variant", VARIANTS)
def test_pages_have_the_paper_size_asked_for(build, variant):
    width, height = PAPERS[str(VARIANTS[variant].get("paper", "letter"))]
    _, pages = build(variant)
    assert pages
    for page in pages:
        assert (page.width, page.height) == pytest.approx((width, height), abs=0.5)


@pytest.mark.parametrize("variant", VARIANTS)
def test_no_character_is_printed_within_half_an_inch_of_an_edge(build, variant):
    _, pages = build(variant)
    for number, page in enumerate(pages, 1):
        assert page.chars, number
        stray = [char for char in page.chars if outside(char, printable(page))]
        assert not stray, (number, stray[:5])


@pytest.mark.parametrize("variant", VARIANTS)
def test_no_drawing_or_picture_is_printed_within_half_an_inch_of_an_edge(build, variant):
    _, pages = build(variant)
    for number, page in enumerate(pages, 1):
        assert page.drawings, number  # every page has at least its footer's rule
        stray = [box for box in page.drawings if outside(box, printable(page))]
        assert not stray, (number, stray[:5])


@pytest.mark.parametrize("variant", ["clinic", "fillable", "arabic-large-print-fillable"])
def test_no_field_or_link_lies_within_half_an_inch_of_an_edge(build, variant):
    data, pages = build(variant)
    rects = list(annotation_rects(data))
    assert rects  # the QR code's link, or the sheet's fields
    stray = [(number, rect) for number, rect in rects if outside(rect, printable(pages[number]))]
    assert not stray, stray[:5]


@pytest.mark.parametrize("variant", ["clinic", "clinic-a4-arabic"])
def test_clinic_logo_is_among_the_drawings_checked(build, variant):
    """The logo is drawn on page 1 only, inside the margins like everything else."""
    _, pages = build(variant)
    assert len(pages[0].images) == 1
    assert [len(page.images) for page in pages[1:]] == [0] * (len(pages) - 1)
    assert pages[0].images[0] in pages[0].drawings
    _, plain = build("letter")
    assert not any(page.images for page in plain)
