"""What text setting leaves on the page, read back: brackets the right way round in Arabic,
Hindi that copies as written, Chinese lines broken where Chinese breaks them, bold and italic
in their faces, and lines broken anew when the width changes."""

# ruff: noqa: RUF001 - full-width punctuation is this file's subject

from __future__ import annotations

from collections import Counter
from io import BytesIO

import pypdf
import pypdfium2 as pdfium
import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas

from handout.build import BuildOptions, render_handout
from handout.content.model import Handout
from handout.content.patient import Patient
from handout.document.elements import Run
from handout.text import profile_for, set_paragraph
from handout.text.cjk import break_positions
from handout.text.fonts import LATIN, use_family
from handout.text.paragraph import Paragraph

BODY = ParagraphStyle("body", fontName="NotoSans", fontSize=12, leading=16)
HEADING = ParagraphStyle("h3", fontName="NotoSans-Bold", fontSize=14, leading=18)


def drawn(runs: tuple[Run, ...], language: str, style: ParagraphStyle = BODY, width: float = 400):
    """The PDF of one paragraph set in the language's script."""
    use_family(LATIN)
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(width + 40, 600))
    flowable = set_paragraph(runs, style, profile_for(language))
    _, height = flowable.wrap(width, 600)
    flowable.drawOn(canvas, 20, 580 - height)
    canvas.save()
    return buffer.getvalue()


def read(data: bytes) -> str:
    return pdfium.PdfDocument(data)[0].get_textpage().get_text_range()


def test_arabic_brackets_print_the_right_way_round():
    text = "أرجح ساقك إلى الأمام (1)، ثم إلى الخلف (2)."
    assert read(drawn((Run(text),), "ar")) == text


def test_hindi_copies_as_written_conjuncts_and_vowel_signs_included():
    text = "पेशाब या शौच को नियंत्रित करने में। यह क्रिया कई बार दोहराएँ।"
    copied = read(drawn((Run(text),), "hi"))
    assert Counter(copied.replace(" ", "")) == Counter(text.replace(" ", ""))


def fonts_of_words(data: bytes) -> dict[str, str]:
    """Each word drawn, with the font it is drawn in (subset prefix dropped)."""
    found: dict[str, str] = {}

    def visit(text: str, _cm: object, _tm: object, font: object, _size: object) -> None:
        if font is not None and text.strip():
            name = str(font["/BaseFont"]).split("+", 1)[-1]  # type: ignore[index]
            for word in text.split():
                found[word] = name

    pypdf.PdfReader(BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    return found


def test_bold_and_italic_runs_print_in_their_faces():
    runs = (Run("Stop "), Run("now", italic=True), Run(" and "), Run("rest", bold=True))
    faces = fonts_of_words(drawn(runs, "en"))
    assert faces["now"].startswith("NotoSans-Italic")
    assert faces["rest"].startswith("NotoSans-Bold")
    assert faces["Stop"].startswith("NotoSans-Regular")


@pytest.mark.parametrize(
    ("language", "text", "face"),
    [
        ("en", "Key points", "NotoSans-Bold"),
        ("ar", "النقاط الرئيسية", "NotoSansArabic-Bold"),
        ("hi", "मुख्य बातें", "NotoSansDevanagari-Bold"),
        ("zh-Hans", "要点", "HandoutCJKSansSC-Bold"),
    ],
)
def test_a_bold_heading_style_prints_in_the_scripts_bold_face(language, text, face):
    data = drawn((Run(text),), language, HEADING)
    used = {str(font).split("+", 1)[-1] for font in _font_names(data)}
    assert any(name.startswith(face) for name in used), used


def _font_names(data: bytes) -> list[str]:
    page = pypdf.PdfReader(BytesIO(data)).pages[0]
    fonts = page["/Resources"]["/Font"]
    return [str(fonts[name].get_object()["/BaseFont"]) for name in fonts]


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        # Ten ideographs of 12 pt fill a 120 pt line exactly.
        ("一二三四五六七八九十一二三", 120, ["一二三四五六七八九十", "一二三"]),
        # Digits and their unit stay together: no break inside "15" or "30秒" starts a line.
        ("每个拉伸动作保持15到30秒", 111, ["每个拉伸动作保持15", "到30秒"]),
        # Latin digits after a space go on the next line whole.
        ("一二三四五六七八九 12", 125, ["一二三四五六七八九 ", "12"]),
    ],
)
def test_chinese_lines_break_where_chinese_breaks_them(text, width, lines):
    widths = [12.0 if ord(char) > 0x2E80 else 6.0 for char in text]
    found = [text[start:end] for start, end, _ in break_positions(text, widths, [width])]
    assert [line.rstrip() for line in found] == [line.rstrip() for line in lines]


def test_an_opening_bracket_never_ends_a_chinese_line():
    text = "大腿后侧肌肉拉伸（2）和小腿拉伸（3）。"
    widths = [12.0 if ord(char) > 0x2E80 else 6.0 for char in text]
    for start, end, _ in break_positions(text, widths, [108]):
        assert not text[start:end].rstrip().endswith("（")


def test_a_chinese_paragraph_with_a_hindi_name_fills_its_lines():
    text = "患者：अनीता क्षत्रिय。" + "请每天慢慢地做这些练习，如果疼痛请停止并告诉您的医生。" * 3
    style = ParagraphStyle("body", fontName="NotoSans", fontSize=12, leading=16)
    data = drawn((Run(text),), "zh-Hans", style, width=200)
    page = pdfium.PdfDocument(data)[0].get_textpage()
    ends: dict[int, float] = {}
    for index in range(page.count_chars()):
        left, bottom, right, _ = page.get_charbox(index, loose=True)
        if right > left:
            line = round(bottom / 16)  # the leading: scripts differ in their glyphs' bottoms
            ends[line] = max(ends.get(line, 0.0), right)
    rights = [ends[line] for line in sorted(ends, reverse=True)][:-1]  # all but the last line
    assert rights and min(rights) >= 20 + 176


def test_a_paragraph_wrapped_at_a_new_width_breaks_its_lines_anew():
    paragraph = Paragraph("word " * 60, BODY)
    _, narrow = paragraph.wrap(100, 999)
    _, wide = paragraph.wrap(400, 999)
    assert wide < narrow
    assert wide == pytest.approx(5 * 16)
    assert paragraph.wrap(100, 999)[1] == narrow


def test_a_character_no_font_has_in_a_name_builds_and_prints_the_rest(handout: Handout):
    data = render_handout(handout, BuildOptions(patient=Patient(name="Ana\u180eRuiz"))).data
    assert "AnaRuiz" in read(data).replace("\u180e", "")
