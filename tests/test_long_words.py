"""Words longer than their line, in every script: cut between grapheme clusters, kept inside
the paper's printable band, and off the tracking sheet's tick boxes."""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from reportlab.lib.styles import ParagraphStyle

from handout import text as scripts
from handout.build import BuildOptions, render_handout
from handout.content.model import Handout
from handout.content.patient import Patient
from handout.document.elements import Run
from handout.layout.theme import Theme
from handout.layout.tracking import TICK_BOX
from handout.text import profile_for
from handout.text.cjk import break_positions
from handout.text.clusters import cluster_starts
from handout.text.fallback import pieces
from handout.text.shaped import ShapedParagraph, ShapedText

BAND = 36.0  # half an inch: nothing may be printed nearer a paper edge
TOLERANCE = 0.5
URL = "https://riverside-physio.example/videos/exercises/walking-programme-for-older-adults-with-neuropathy"
DOSE = f"see {URL}"
LANGUAGES = ("ar", "hi", "en", "zh-Hans", "ko", "ru")
# Repeated to 500 characters, each is one run without a break opportunity in its language:
# Chinese breaks Latin letters only at spaces, Korean breaks only at spaces.
WORD_SEEDS = {
    "ar": "تمرين",
    "hi": "व्यायाम",
    "en": "exercise",
    "zh-Hans": "exercise",
    "ko": "운동",
    "ru": "упражнение",
}
VIRAMA, ZWJ = "\u094d", "\u200d"


def long_word(language: str, length: int = 500) -> str:
    seed = WORD_SEEDS[language]
    return (seed * (length // len(seed) + 1))[:length]


@dataclass(frozen=True)
class Char:
    text: str
    left: float
    bottom: float
    right: float
    top: float


def page_chars(path: Path) -> list[list[Char]]:
    """Every drawn character of every page with its box, as PDFium places it."""
    document = pdfium.PdfDocument(str(path))
    pages = []
    for page in document:
        text_page = page.get_textpage()
        chars = []
        for index in range(text_page.count_chars()):
            char = text_page.get_text_range(index, 1)
            if char.isspace() or pdfium_raw.FPDFText_IsGenerated(text_page.raw, index):
                continue
            chars.append(Char(char, *text_page.get_charbox(index)))
        pages.append(chars)
    document.close()
    return pages


def text_starts(page: pypdf.PageObject) -> list[tuple[float, str]]:
    """(x, text) where pypdf sees each piece of text on a page start; not the frame numbers
    and "30-60" inside pictures, which pypdf places without their picture's offset (PDFium
    places them right, and `page_chars` checks them)."""
    starts = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip() and not re.fullmatch("[0-9\u2013-]+", text.strip()):
            starts.append((tm[4] * cm[0] + tm[5] * cm[2] + cm[4], text))

    page.extract_text(visitor_text=visit)
    return starts


def squeezed(text: str) -> str:
    """Text as read without line breaks: PDFium marks a line-end hyphen as U+FFFE."""
    return "".join(text.replace("\ufffe", "-").split())


@pytest.fixture(scope="module")
def long_word_pdf(tmp_path_factory: pytest.TempPathFactory, handout: Handout):
    """A handout whose notes hold a 500-character word and whose walking dose is a long URL."""
    cache: dict[tuple[str, bool, bool], Path] = {}

    def build(language: str, large_print: bool = False, fillable: bool = False) -> Path:
        key = (language, large_print, fillable)
        if key not in cache:
            patient = Patient(notes=f"{long_word(language)} 12", doses=(("walking", DOSE),))
            options = BuildOptions(
                language=language, patient=patient, large_print=large_print, fillable=fillable
            )
            path = tmp_path_factory.mktemp("long") / f"{language}.pdf"
            path.write_bytes(render_handout(handout, options).data)
            cache[key] = path
        return cache[key]

    return build


# Whole handouts


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_character_stays_half_an_inch_inside_every_paper_edge(long_word_pdf, language):
    path = long_word_pdf(language)
    reader = pypdf.PdfReader(path)
    for number, chars in enumerate(page_chars(path)):
        width = float(reader.pages[number].mediabox.width)
        height = float(reader.pages[number].mediabox.height)
        outside = [
            char
            for char in chars
            if char.left < BAND - TOLERANCE
            or char.right > width - BAND + TOLERANCE
            or char.bottom < BAND - TOLERANCE
            or char.top > height - BAND + TOLERANCE
        ]
        assert not outside, (number, outside[:5])
    for page in reader.pages:
        width = float(page.mediabox.width)
        starts = text_starts(page)
        assert starts
        outside = [start for start in starts if not BAND - TOLERANCE <= start[0] <= width - BAND]
        assert not outside, outside[:5]


@pytest.mark.parametrize("language", LANGUAGES)
def test_long_word_in_a_note_is_cut_across_lines_and_every_character_comes_back(
    long_word_pdf, language
):
    path = long_word_pdf(language)
    document = pdfium.PdfDocument(str(path))
    text = "".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    word = long_word(language)
    assert word not in text  # the word does not sit on one line
    assert word in squeezed(text)  # but read across its lines, it is all there, in order


@pytest.mark.parametrize(
    ("language", "large_print", "fillable"),
    [
        *((language, False, False) for language in LANGUAGES),
        ("ar", True, False),
        ("hi", True, False),
        ("ar", False, True),
        ("en", True, True),
    ],
)
def test_dose_on_the_tracking_sheet_stays_in_its_column_off_the_tick_boxes(
    long_word_pdf, language, large_print, fillable
):
    path = long_word_pdf(language, large_print, fillable)
    side = TICK_BOX
    pages = page_chars(path)

    def boxes_on(number: int) -> list[tuple[float, float]]:
        return checkbox_rects(path, number) if fillable else drawn_boxes(path, number, side)

    # The sheet's page with the walking row: a week of boxes to tick, and the dose.
    sheet = next(
        number
        for number, chars in enumerate(pages)
        if dose_start(chars) >= 0 and len(boxes_on(number)) >= 7
    )
    boxes = boxes_on(sheet)
    assert len(boxes) % 7 == 0
    low, high = tick_area(boxes)
    dose = pages[sheet][dose_start(pages[sheet]) :][: len(URL)]
    if language == "ar":  # mirrored: the label column is at the right of the boxes
        assert all(char.left >= high for char in dose), (high, min(c.left for c in dose))
    else:
        assert all(char.right <= low for char in dose), (low, max(c.right for c in dose))


def drawn_boxes(path: Path, page_number: int, side: float) -> list[tuple[float, float]]:
    """(left, right) of the tick boxes drawn on a page: squares of their size (stroke
    included) standing a week to a row, unlike any square inside a picture."""
    document = pdfium.PdfDocument(str(path))
    page = document[page_number]
    rows: dict[float, list[tuple[float, float]]] = {}
    for item in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_PATH], max_depth=4):
        left, bottom, right, top = item.get_bounds()
        if side <= right - left <= side + 3 and abs((right - left) - (top - bottom)) < 0.5:
            rows.setdefault(round(bottom, 1), []).append((left, right))
    document.close()
    return [box for row in rows.values() if len(row) >= 7 for box in row]


def checkbox_rects(path: Path, page_number: int) -> list[tuple[float, float]]:
    """(left, right) of every checkbox field on a page of a fillable handout."""
    page = pypdf.PdfReader(path).pages[page_number]
    rects = []
    for annotation in page.get("/Annots", []):
        annotation = annotation.get_object()
        field_type = annotation.get("/FT") or annotation.get("/Parent", {}).get("/FT")
        if field_type == "/Btn":
            left, _, right, _ = (float(value) for value in annotation["/Rect"])
            rects.append((left, right))
    return rects


def tick_area(boxes: list[tuple[float, float]]) -> tuple[float, float]:
    """Left and right of the day columns: the boxes sit centred in columns one pitch wide."""
    lefts = sorted({round(left, 1) for left, _ in boxes})
    side = boxes[0][1] - boxes[0][0]
    gap = (lefts[1] - lefts[0] - side) / 2
    return min(left for left, _ in boxes) - gap, max(right for _, right in boxes) + gap


def dose_start(chars: list[Char]) -> int:
    """Where the dose's URL starts in a page's characters in reading order (-1: not there)."""
    return "".join(char.text.replace("\ufffe", "-") for char in chars).find(URL)


# The line breaker of shaped (Arabic, Devanagari) text


ARABIC_WORD = "السَّلامُعَلَيْكُمْ" * 6  # harakat on letters, a lam-alef ligature
HINDI_WORD = "क्षेत्रस्वास्थ्यव्यायामकिताब" * 4  # conjuncts, pre-base vowel signs


def shaped_text(language: str, text: str) -> ShapedText:
    profile = profile_for(language)
    return ShapedText(
        pieces((Run(text),), "regular", profile.family), profile.direction == "rtl", language
    )


def shaped_lines(
    language: str, text: str, width: float
) -> tuple[ShapedText, list[tuple[int, int]], float]:
    """The text shaped, and broken into lines `width` thousandths of an em long."""
    shaped = shaped_text(language, text)
    return shaped, shaped.break_lines(0, len(text), width, width), width


@pytest.mark.parametrize(
    ("language", "word"), [("ar", ARABIC_WORD), ("hi", HINDI_WORD)], ids=["ar", "hi"]
)
@pytest.mark.parametrize("width", [1500.0, 2600.0, 4100.0, 7000.0])
def test_shaped_word_wider_than_the_line_is_cut_only_between_clusters(language, word, width):
    shaped, lines, limit = shaped_lines(language, word, width)
    assert len(lines) > 1
    assert lines[0][0] == 0 and lines[-1][1] == len(word)
    assert all(end == next_start for (_, end), (next_start, _) in pairwise(lines))
    for start, end in lines:
        assert shaped.width(start, end) <= limit + 1e-6
        assert unicodedata.category(word[start])[0] != "M"  # no mark without its letter
        assert word[start - 1] not in (VIRAMA, ZWJ)  # no conjunct or joined pair split
        assert shaped.visual_runs(start, end)  # its own glyphs, drawn on its line
    glyphs = [
        glyph.char
        for start, end in lines
        for _, run in shaped.visual_runs(start, end)
        for glyph in run
    ]
    every = [glyph.char for _, run in shaped.visual_runs(0, len(word)) for glyph in run]
    assert sorted(glyphs) == sorted(every)  # no glyph lost or drawn twice by the cuts


def test_lam_alef_ligature_stays_on_one_line():
    # Lam and alef are two grapheme clusters but one glyph: a cut between them would leave
    # the alef's line without its letter.
    after_lam = {i for i in range(1, len(ARABIC_WORD)) if ARABIC_WORD[i - 1 : i + 1] == "لا"}
    assert after_lam
    for width in range(400, 4000, 50):
        _, lines, _ = shaped_lines("ar", ARABIC_WORD, float(width))
        assert not {start for start, _ in lines} & after_lam, width


def test_long_word_starts_its_own_line_and_its_last_piece_takes_the_next_words():
    text = "قبل " + long_word("ar", 110) + " بعد"
    shaped, lines, limit = shaped_lines("ar", text, 5000.0)
    assert text[slice(*lines[0])] == "قبل"
    assert len(lines) > 3 and text[slice(*lines[-1])] == "ن بعد"
    assert all(shaped.width(*line) <= limit for line in lines)


@pytest.mark.parametrize(
    ("text", "clusters"),
    [
        ("क्षमता", ["क्ष", "म", "ता"]),
        ("स्वास्थ्य", ["स्वा", "स्थ्य"]),  # conjuncts of three consonants (Unicode 15.1)
        ("किताब", ["कि", "ता", "ब"]),
        ("مَرْحَبًا", ["مَ", "رْ", "حَ", "بً", "ا"]),  # noqa: RUF001
        ("각\u1100\u1161\u11a8", ["각", "\u1100\u1161\u11a8"]),  # a syllable as jamo
        ("\U0001f1fa\U0001f1f8\U0001f1eb", ["\U0001f1fa\U0001f1f8", "\U0001f1eb"]),  # flag pairs
        ("a\u0301\u0302b", ["a\u0301\u0302", "b"]),
        ("\u0600\u0661\u0662", ["\u0600\u0661", "\u0662"]),  # a number sign holds its digit
    ],
)
def test_cluster_starts_keep_letters_with_marks_conjuncts_jamo_and_flag_pairs(text, clusters):
    cuts = [0, *cluster_starts(text, 0, len(text)), len(text)]
    assert [text[start:end] for start, end in pairwise(cuts)] == clusters


def test_split_halves_keep_exactly_the_lines_a_fresh_break_makes():
    profile = profile_for("hi")
    style = ParagraphStyle("b", fontName=profile.regular, fontSize=12, leading=16)
    text = " ".join([HINDI_WORD, "छोटा शब्द", HINDI_WORD * 3, "अंत"])
    paragraph = ShapedParagraph(shaped_text("hi", text), style)
    paragraph.wrap(150, 1000)
    head, tail = paragraph.split(150, 16 * 3)
    for part in (head, tail):
        fresh = ShapedParagraph(part.shaped, style, part.start, part.end, part.first_line_indent)
        assert part._break(150) == fresh._break(150)
    assert len(head._break(150)) == 3


# Work grows with the text, not with its square


def traced_lines(action) -> int:
    """How many lines of handout's script-setting code run during `action()`."""
    folder = str(Path(scripts.__file__).parent)
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame, event, arg):
        return local if folder in frame.f_code.co_filename else None

    measuring = sys.gettrace()  # a coverage tracer, say: it resumes afterwards
    sys.settrace(calls)
    try:
        action()
    finally:
        sys.settrace(measuring)
    return count


def layout_work(language: str, length: int, spaced: bool) -> int:
    """Lines of code run to break, split over pages and prepare for drawing a paragraph of
    `length` characters (one word, or words of a few letters)."""
    seed = WORD_SEEDS[language] + (" " if spaced else "")
    text = (seed * (length // len(seed) + 1))[:length]
    shaped = shaped_text(language, text)
    style = ParagraphStyle("b", fontName=profile_for(language).regular, fontSize=12, leading=16)

    def layout() -> None:
        rest = ShapedParagraph(shaped, style)
        while True:  # a page at a time, as a frame does
            rest.wrap(300, 500)
            halves = rest.split(300, 500)
            page = halves[0]
            for start, end in page._break(300):
                shaped.visual_runs(start, end)
            if len(halves) < 2:
                return
            rest = halves[1]

    return traced_lines(layout)


@pytest.mark.parametrize("language", ["ar", "hi"])
@pytest.mark.parametrize("spaced", [False, True], ids=["word", "paragraph"])
def test_breaking_splitting_and_drawing_take_work_in_proportion_to_the_text(language, spaced):
    small = layout_work(language, 10_000, spaced)
    double = layout_work(language, 20_000, spaced)
    assert 1.7 < double / small < 2.3, (small, double)


# Scripts set by ReportLab's Paragraph, and Chinese line breaking


@pytest.mark.parametrize("language", ["en", "ru", "ko", "zh-Hans"])
def test_paragraph_scripts_cut_a_long_word_between_clusters_within_the_width(language):
    word = {"ko": "가\u0303나", "ru": "й\u0301ё"}.get(language, "q\u0303x\u0301\u0302") * 80
    for width in range(40, 300, 13):
        paragraph = Theme(language=language).text((Run(word),), "body")
        paragraph.wrap(width, 10_000)
        lines = paragraph_lines(paragraph)
        assert len(lines) > 1
        assert "".join(lines) == unicodedata.normalize("NFC", word)
        assert all(unicodedata.category(line[0])[0] != "M" for line in lines)
        assert max(paragraph.getActualLineWidths0()) <= width + 1e-6


def paragraph_lines(paragraph) -> list[str]:
    lines = paragraph.blPara.lines
    if paragraph.blPara.kind == 0:
        return ["".join(words) for _, words in lines]
    return ["".join(frag.text for frag in line.words) for line in lines]


def test_chinese_overflowing_break_never_leaves_a_mark_without_its_letter():
    text = "a\u0301" * 20  # marks given a width here, as spacing marks have
    lines = break_positions(text, [10.0] * len(text), [35.0])
    assert [end - start for start, end, _ in lines] == [2] * 20
    assert all(text[start] == "a" for start, _, _ in lines)
