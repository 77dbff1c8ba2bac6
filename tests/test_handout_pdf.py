from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdf
import pypdfium2
import pytest
from pdfcheck import fonts, normalise, page_texts, sentences, text_sizes

SOURCE = Path(__file__).parent / "data" / "leg-numbness.en.txt"
PAPER_POINTS = {"letter": (612, 792), "a4": (595.28, 841.89)}
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def tracking_pages(path: Path) -> list[str]:
    return [text for text in page_texts(path) if "Weekly tracking sheet" in text]


def test_every_source_sentence_is_in_the_handout(built):
    text = normalise("\n".join(page_texts(built())))
    source = SOURCE.read_text(encoding="utf-8")
    # "1. Leg Swinging Exercise: Hold onto..." - the name is the card title, the rest its steps.
    lines = [line.split(": ", 1)[-1] for line in source.splitlines()]
    missing = [
        sentence
        for line in lines
        for sentence in sentences(line)
        if normalise(sentence) not in text
    ]
    assert not missing


def test_title_and_exercise_names_come_first(built, handout):
    first_page = normalise(page_texts(built())[0])
    assert first_page.startswith(normalise(handout.title))
    assert "does not replace advice" in first_page


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_pages_have_the_paper_size(built, paper):
    width, height = PAPER_POINTS[paper]
    for page in pypdf.PdfReader(built(paper=paper)).pages:
        assert float(page.mediabox.width) == pytest.approx(width, abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(height, abs=0.5)


def test_every_font_is_embedded_and_none_is_a_standard_font(built):
    used = fonts(built())
    assert used
    assert all(used.values()), used
    assert not [name for name in used if "Helvetica" in name or "Times" in name]


def test_metadata_and_language_are_set(built, handout):
    reader = pypdf.PdfReader(built())
    info = reader.metadata
    assert info.title == handout.title
    assert info.author
    assert info.subject == handout.subject
    assert "leg numbness" in info["/Keywords"]
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_each_section_and_exercise_has_a_bookmark(built, handout):
    reader = pypdf.PdfReader(built())

    def titles(outline) -> list[str]:
        found = []
        for entry in outline:
            found += titles(entry) if isinstance(entry, list) else [entry.title]
        return found

    bookmarks = titles(reader.outline)
    for expected in (
        "Key points",
        "When to get medical help right away",
        "How to use the tracking sheet",
        "Weekly tracking sheet",
    ):
        assert expected in bookmarks
    for number, exercise in enumerate(handout.exercises, 1):
        assert f"{number}. {exercise.name}" in bookmarks


def test_footer_has_short_title_disclaimer_and_page_x_of_y(built, handout):
    texts = page_texts(built())
    for number, text in enumerate(texts, 1):
        assert handout.short_title in text
        assert "does not replace advice from your health professional" in text
        assert f"Page {number} of {len(texts)}" in text


def test_body_text_is_at_least_12_point(built):
    path = built()
    for page in range(len(pypdf.PdfReader(path).pages)):
        # The footer sits below 1.1 in; everything above it is body text or headings.
        body = [(text, size) for text, size, y in text_sizes(path, page) if y > 80]
        assert body
        small = [(text, size) for text, size in body if size < 12 - 0.01]
        assert not small, small


def test_tracking_sheet_has_seven_day_columns_and_a_row_per_exercise(built, handout):
    (sheet,) = map(normalise, tracking_pages(built()))
    positions = [sheet.index(day) for day in DAYS]
    assert positions == sorted(positions)
    for exercise in handout.exercises:
        assert exercise.name in sheet
    assert "Minutes walked" in sheet
    assert "Numbness today, 0 (none) to 10 (worst)" in sheet
    assert "Week of" in sheet


def test_tracking_sheet_is_a_page_of_its_own(built):
    texts = page_texts(built())
    assert "Weekly tracking sheet" in texts[-1]
    assert "Leg Swinging Exercise" not in texts[-2].split("How to use the tracking sheet")[-1]
    assert "Exercise safely" not in texts[-1]


def test_weeks_option_prints_that_many_sheets(built):
    assert len(tracking_pages(built(weeks=3))) == 3


def test_start_date_dates_each_sheet_and_its_days(built):
    sheets = [normalise(s) for s in tracking_pages(built(weeks=2, start_date=date(2026, 3, 4)))]
    # 4 March 2026 is a Wednesday; its week starts on Monday 2 March.
    assert "Week of March 2, 2026" in sheets[0]
    assert "Mar 2" in sheets[0] and "Mar 8" in sheets[0]
    assert "Week of March 9, 2026" in sheets[1]
    assert "Mar 15" in sheets[1]


def test_same_input_gives_identical_bytes(built, handout):
    from handout.build import BuildOptions, render_handout

    assert render_handout(handout, BuildOptions()).data == built().read_bytes()


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_nothing_is_drawn_within_half_an_inch_of_the_edge(built, paper):
    pdf = pypdfium2.PdfDocument(str(built(paper=paper)))
    dpi = 72
    band = dpi // 2
    for page in pdf:
        image = page.render(scale=dpi / 72).to_pil().convert("L")
        width, height = image.size
        inner = image.crop((band, band, width - band, height - band))
        assert inner.getextrema()[0] < 128, "page is blank"
        pixels = image.load()
        dark = [
            (x, y)
            for y in range(height)
            for x in range(width)
            if (x < band or y < band or x >= width - band or y >= height - band)
            and pixels[x, y] < 250
        ]
        assert not dark, dark[:5]


def test_each_exercise_picture_is_drawn_once_and_reused_as_thumbnail(built, handout):
    reader = pypdf.PdfReader(built())
    uses: dict[str, set[int]] = {}
    objects: dict[str, set[int]] = {}
    for number, page in enumerate(reader.pages):
        forms = page["/Resources"].get("/XObject") or {}
        for name in forms:
            if "picture" in name:
                uses.setdefault(name, set()).add(number)
                objects.setdefault(name, set()).add(forms.raw_get(name).idnum)
    # One drawing each, however often a page shows it.
    assert all(len(numbers) == 1 for numbers in objects.values())
    pictured = {
        item.id
        for exercise in handout.exercises
        for item in (exercise, *exercise.parts)
        if item.picture
    }
    drawn = {name.split(".picture-", 1)[1].rsplit("-", 1)[0].removesuffix("-key") for name in uses}
    assert drawn == pictured
    # The tracking sheet shows each exercise's picture again, small: a form drawn once already,
    # or its key frame.
    last = len(reader.pages) - 1
    assert len([name for name, pages in uses.items() if last in pages]) == len(handout.exercises)
