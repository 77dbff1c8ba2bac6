"""Rules of text setting that only show at an edge: where a shaped paragraph may split
between pages (orphans and widows, as ReportLab's Paragraph decides them), where a split
paragraph's next part starts its first line, and how a space no font can draw is printed."""

from __future__ import annotations

from io import BytesIO
from itertools import pairwise

import pypdfium2 as pdfium
import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas

from handout.build import BuildOptions, render_handout
from handout.content.model import Handout
from handout.content.patient import Patient
from handout.document.elements import Run
from handout.text import profile_for, set_paragraph
from handout.text.clusters import cluster_starts
from handout.text.fallback import chooser_for, pieces
from handout.text.shaped import ShapedParagraph

WIDTH = 200.0
ARABIC = " ".join(["تمارين المشي اليومية تساعد الساقين على الحركة"] * 6)
OGHAM_SPACE = "\u1680"  # a space character that none of the shipped fonts draws


def paragraph(**style: object) -> ShapedParagraph:
    profile = profile_for("ar")
    base = ParagraphStyle("t", fontName=profile.regular, fontSize=12, leading=16, **style)
    flowable = set_paragraph((Run(ARABIC),), base, profile)
    assert isinstance(flowable, ShapedParagraph)
    return flowable


def line_count(flowable: ShapedParagraph) -> int:
    return len(flowable._break(WIDTH))


def room_for(flowable: ShapedParagraph, lines: int) -> float:
    return lines * flowable.style.leading


def test_paragraph_that_would_leave_one_line_at_a_page_foot_moves_whole():
    flowable = paragraph()  # ReportLab's default: no orphans
    assert line_count(flowable) >= 4
    assert flowable.split(WIDTH, room_for(flowable, 1)) == []
    head, tail = flowable.split(WIDTH, room_for(flowable, 2))
    assert line_count(head) == 2 and line_count(tail) == line_count(flowable) - 2


def test_orphans_allowed_a_single_first_line_may_end_a_page():
    flowable = paragraph(allowOrphans=1)
    head, _ = flowable.split(WIDTH, room_for(flowable, 1))
    assert line_count(head) == 1


@pytest.mark.parametrize(("widows", "left_over"), [(1, 1), (0, 2)])
def test_last_line_goes_alone_to_the_next_page_only_where_widows_are_allowed(widows, left_over):
    flowable = paragraph(allowWidows=widows)
    total = line_count(flowable)
    head, tail = flowable.split(WIDTH, room_for(flowable, total - 1))
    assert (line_count(head), line_count(tail)) == (total - left_over, left_over)
    assert (head.getPlainText() + " " + tail.getPlainText()).split() == ARABIC.split()


def first_line_right_edge(flowable: ShapedParagraph) -> float:
    """Where the first line of `flowable` ends, drawn at x = 0: its start, in Arabic."""
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(WIDTH, 1000))
    _, height = flowable.wrap(WIDTH, 1000)
    flowable.drawOn(canvas, 0, 1000 - height)
    canvas.save()
    document = pdfium.PdfDocument(buffer.getvalue())
    text = document[0].get_textpage()
    boxes = [
        text.get_charbox(index, loose=True)
        for index in range(text.count_chars())
        if not text.get_text_range(index, 1).isspace()  # line ends PDFium adds, too
    ]
    top_line = max(box[1] for box in boxes)
    right = max(box[2] for box in boxes if abs(box[1] - top_line) < 1)
    document.close()
    return right


def test_indented_paragraph_split_indents_only_the_first_part():
    """Over three pages too: the middle part, split from the rest, starts unindented."""
    indent = 24.0
    flowable = paragraph(firstLineIndent=indent)
    head, tail = flowable.split(WIDTH, room_for(flowable, 2))
    middle, last = tail.split(WIDTH, room_for(tail, 2))
    assert first_line_right_edge(head) == pytest.approx(WIDTH - indent, abs=0.25)
    for part in (tail, middle, last):
        assert first_line_right_edge(part) == pytest.approx(WIDTH, abs=0.25)


def test_space_no_font_draws_is_printed_as_a_plain_space(handout: Handout):
    family = profile_for("en").family
    assert chooser_for(family).font_for(OGHAM_SPACE, "regular") is None
    placed = pieces((Run(f"a{OGHAM_SPACE}b"),), "regular", family)
    assert "".join(piece.text for piece in placed) == "a b"
    notes = f"Rest{OGHAM_SPACE}on{OGHAM_SPACE}Sundays"
    data = render_handout(handout, BuildOptions(patient=Patient(notes=notes))).data
    document = pdfium.PdfDocument(data)
    text = "".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    assert "Rest on Sundays" in text and OGHAM_SPACE not in text


@pytest.mark.parametrize(
    ("text", "clusters"),
    [
        ("ab", ["a", "b"]),  # two letters are two clusters: a short word may still be cut
        ("가\u11a8", ["가\u11a8"]),  # a syllable without a final, and a final jamo: one block
        ("\U0001f1ff\U0001f1e6", ["\U0001f1ff\U0001f1e6"]),  # the last regional letter pairs too
    ],
)
def test_cluster_edges_of_two_character_texts(text, clusters):
    cuts = [0, *cluster_starts(text, 0, len(text)), len(text)]
    assert [text[start:end] for start, end in pairwise(cuts)] == clusters


def drawn_characters(flowable: ShapedParagraph, width: float) -> list[tuple[str, float]]:
    """Each character pdfium reads from the drawn paragraph, with its left edge."""
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(width + 40, 200))
    _, height = flowable.wrap(width, 200)
    flowable.drawOn(canvas, 20, 180 - height)
    canvas.save()
    page = pdfium.PdfDocument(buffer.getvalue())[0]
    text = page.get_textpage()
    return [
        (text.get_text_range(index, 1), text.get_charbox(index)[0])
        for index in range(text.count_chars())
    ]


@pytest.mark.parametrize("latin", ["Walking", "Walking 20 min"])
def test_arabic_paragraph_opening_with_a_latin_word_still_reads_from_the_right(latin):
    # The paragraph's direction is the language's, not that of its first letter: a brand or
    # a name in Latin letters at the start of an Arabic sentence stands at its right end.
    profile = profile_for("ar")
    style = ParagraphStyle("t", fontName=profile.regular, fontSize=12, leading=16)
    flowable = set_paragraph((Run(f"{latin} يساعد الساقين"),), style, profile)
    assert isinstance(flowable, ShapedParagraph)
    characters = drawn_characters(flowable, 300)
    latin_left = min(x for char, x in characters if char.isascii() and char.isalpha())
    arabic_right = max(x for char, x in characters if not char.isascii())
    assert latin_left > arabic_right
