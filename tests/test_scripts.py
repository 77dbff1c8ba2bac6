"""Script-aware text setting: each script drawn right, checked in the PDFs it produces."""

# Full-width punctuation, dashes and Arabic letters are this file's subject, not look-alikes.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

import subprocess
import sys
import unicodedata
from itertools import groupby, pairwise
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest
from bidi import get_display
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from handout.document.elements import Run
from handout.text import (
    GlyphCoverageError,
    check_coverage,
    mirrored,
    profile_for,
    set_paragraph,
)
from handout.text.cjk import CANNOT_START_LINE, CJKParagraph
from handout.text.fallback import Piece
from handout.text.ordering import embedding_levels, visual_order
from handout.text.shaped import ShapedParagraph, ShapedText

PAGE = (300.0, 400.0)
MARGIN = 36.0
FRAME_PADDING = 6.0  # a Frame's default padding on every side
TEXT_LEFT = MARGIN + FRAME_PADDING
TEXT_RIGHT = PAGE[0] - MARGIN - FRAME_PADDING

BODY = ParagraphStyle("body", fontName="NotoSans", fontSize=12, leading=16, spaceAfter=6)
HEADING = ParagraphStyle("h2", parent=BODY, fontName="NotoSans-Bold", fontSize=16, leading=20)

ARABIC_WORDS = (
    "امش لمدة 30 دقيقة كل يوم أو كرر التمرين 15–30 مرة واتصل بعيادة Clinic ABC "
    "على الرقم إذا شعرت بألم شديد في الساق أو القدم بعد التمرين"
)
CHINESE = (
    "每天步行三十分钟，如果感到疼痛，请致电Clinic ABC。每个动作重复十五次，休息一下。"
    "请注意：不要过度用力，慢慢来！有问题吗？请问医生、护士或者治疗师。"
)


def runs(*texts: str, bold: bool = False) -> tuple[Run, ...]:
    return tuple(Run(text, bold=bold) for text in texts)


def build(tmp_path: Path, flowables: list[Flowable], language: str, name: str = "t") -> Path:
    path = tmp_path / f"{name}.pdf"
    document = SimpleDocTemplate(
        str(path),
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        invariant=1,
        initialFontName=profile_for(language).regular,
    )
    document.build(flowables)
    return path


def page_lines(path: Path, page: int = 0) -> list[list[tuple[str, float, float]]]:
    """Each text line of a page as (character, left, right), as pdfium positions them."""
    document = pdfium.PdfDocument(str(path))
    text_page = document[page].get_textpage()
    lines: list[list[tuple[str, float, float]]] = [[]]
    for index in range(text_page.count_chars()):
        char = text_page.get_text_range(index, 1)
        if char in "\r\n":
            if lines[-1]:
                lines.append([])
            continue
        left, _, right, _ = text_page.get_charbox(index)
        lines[-1].append((char, left, right))
    document.close()
    return [line for line in lines if line]


def visual(line: list[tuple[str, float, float]]) -> str:
    """A line's characters left to right, presentation forms read as the letters they show
    (a ligature's letters right to left too)."""
    letters = []
    by_position = sorted(line, key=lambda item: item[1])
    for _, glyph in groupby(by_position, key=lambda item: item[1:]):  # a ligature's letters
        shown = unicodedata.normalize("NFKC", "".join(char for char, _, _ in glyph))
        letters.append(shown[::-1] if unicodedata.bidirectional(shown[0]) == "AL" else shown)
    return " ".join("".join(letters).split())


def font_names(path: Path) -> set[str]:
    names = set()
    for page in pypdf.PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            names.add(font["/BaseFont"].split("+")[-1])
            descriptor = font.get("/FontDescriptor")
            assert descriptor is not None and "/FontFile2" in descriptor.get_object(), font
    return names


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


# Arabic


def test_arabic_lines_align_right_and_read_right_to_left_with_numbers_left_to_right(tmp_path):
    profile = profile_for("ar")
    paragraph = set_paragraph(runs(ARABIC_WORDS), BODY, profile)
    assert isinstance(paragraph, ShapedParagraph)
    lines = page_lines(build(tmp_path, [paragraph], "ar"))
    assert len(lines) >= 3

    rights = [max(right for _, _, right in line) for line in lines]
    lefts = [min(left for _, left, _ in line) for line in lines]
    assert all(abs(right - TEXT_RIGHT) < 2 for right in rights), rights
    assert max(lefts) - min(lefts) > 10, lefts  # ragged on the left

    # Each drawn line, read left to right, is what the Unicode bidi algorithm makes of the
    # next words of the text: words right to left, numbers left to right.
    words = ARABIC_WORDS.split()
    for line in lines:
        drawn = visual(line)
        for count in range(1, len(words) + 1):
            if get_display(" ".join(words[:count]), base_dir="R") == drawn:
                words = words[count:]
                break
        else:
            pytest.fail(f"line {drawn!r} is not the next words of the text in visual order")
    assert not words
    everything = " ".join(visual(line) for line in lines)
    assert "30" in everything and "30–15" in everything  # "15–30" read right to left
    assert "Clinic ABC" in everything
    extracted = unicodedata.normalize("NFKC", text_of(tmp_path / "t.pdf"))
    assert "دقيقة" in extracted and "التمرين" in extracted


def test_arabic_alignment_is_logical_centre_stays_centred_end_goes_left(tmp_path):
    profile = profile_for("ar")
    centred = ParagraphStyle("c", parent=BODY, alignment=TA_CENTER)
    to_end = ParagraphStyle("e", parent=BODY, alignment=TA_RIGHT)
    flowables = [
        set_paragraph(runs("مرحبا بكم"), centred, profile),
        set_paragraph(runs("مرحبا بكم"), to_end, profile),
    ]
    first, second = page_lines(build(tmp_path, flowables, "ar"))
    middle = (min(left for _, left, _ in first) + max(right for _, _, right in first)) / 2
    assert abs(middle - (TEXT_LEFT + TEXT_RIGHT) / 2) < 2
    assert abs(min(left for _, left, _ in second) - TEXT_LEFT) < 2


def test_arabic_bold_run_uses_the_bold_face_and_latin_falls_back_to_noto_sans(tmp_path):
    profile = profile_for("ar")
    paragraph = set_paragraph(
        (Run("اتصل بعيادة "), Run("مهم", bold=True), Run(" Clinic ABC")), BODY, profile
    )
    names = font_names(build(tmp_path, [paragraph], "ar"))
    assert {"NotoSansArabic-Regular", "NotoSansArabic-Bold", "NotoSans-Regular"} <= names


def test_long_arabic_paragraph_splits_across_pages_without_losing_words(tmp_path):
    profile = profile_for("ar")
    text = " ".join([ARABIC_WORDS] * 12)
    heading = set_paragraph(runs("النقاط الرئيسية"), HEADING, profile)
    heading.keepWithNext = True
    path = build(tmp_path, [heading, set_paragraph(runs(text), BODY, profile)], "ar")
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) >= 2
    drawn_words = [
        word
        for page in range(len(reader.pages))
        for line in page_lines(path, page)
        for word in visual(line).split()
    ]
    assert len(drawn_words) == len(("النقاط الرئيسية " + text).split())
    for page in range(len(reader.pages)):
        rights = [max(right for _, _, right in line) for line in page_lines(path, page)]
        assert all(abs(right - TEXT_RIGHT) < 2 for right in rights)


@pytest.mark.parametrize("keep", [True, False])
def test_arabic_heading_kept_with_next_never_ends_a_page(tmp_path, keep):
    profile = profile_for("ar")
    title = "عنوان يبقى مع التالي"
    ends_with_heading = False
    for filler_words in (117, 123, 129):  # the first page fills up around the heading
        heading = set_paragraph(runs(title), HEADING, profile)
        heading.keepWithNext = keep
        filler = " ".join((ARABIC_WORDS.split() * 6)[:filler_words])
        flowables = [
            set_paragraph(runs(filler), BODY, profile),
            heading,
            set_paragraph(runs(ARABIC_WORDS), BODY, profile),
        ]
        path = build(tmp_path, flowables, "ar", name=f"keep{filler_words}")
        pages = len(pypdf.PdfReader(path).pages)
        last_lines = [visual(page_lines(path, page)[-1]) for page in range(pages)]
        ends_with_heading |= get_display(title, base_dir="R") in last_lines
    assert ends_with_heading is not keep


def test_shaped_paragraphs_work_in_table_cells(tmp_path):
    profile = profile_for("ar")
    cells = [
        [
            set_paragraph(runs("الجرعة"), HEADING, profile),
            set_paragraph(runs(ARABIC_WORDS), BODY, profile),
        ],
    ]
    table = Table(cells, colWidths=[70, 150])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), profile.regular)]))
    path = build(tmp_path, [table], "ar")
    assert len(page_lines(path)) >= 5
    assert "Helvetica" not in " ".join(font_names(path))


# Devanagari


def test_hindi_is_shaped_into_conjuncts_and_still_extracts(tmp_path):
    profile = profile_for("hi")
    word = "क्षेत्र"
    shaped = ShapedText([Piece(word, profile.regular)], rtl=False, language="hi")
    glyphs = [glyph for span in shaped.spans for glyph in span.glyphs]
    assert len(glyphs) < len(word)  # conjunct and vowel sign became fewer glyphs
    assert "\u25cc" not in "".join(glyph.char for glyph in glyphs)  # no dotted circle

    paragraph = set_paragraph(runs("इस क्षेत्र में प्रति दिन ", "30 मिनट", " चलें।"), BODY, profile)
    assert isinstance(paragraph, ShapedParagraph)
    path = build(tmp_path, [paragraph], "hi")
    extracted = text_of(path)
    assert "इस" in extracted and "30" in extracted and "चल" in extracted
    assert "NotoSansDevanagari-Regular" in font_names(path)


def test_hindi_words_mixing_fonts_keep_every_glyph(tmp_path):
    # ReportLab's own shaping shapes a word with its first font: here it prints boxes.
    paragraph = set_paragraph(runs("तापमान 37°से office ABCक्षेत्र"), BODY, profile_for("hi"))
    extracted = text_of(build(tmp_path, [paragraph], "hi"))
    assert "37°से office ABC" in extracted
    assert "\ufffd" not in extracted and "\uffff" not in extracted


# Chinese and Korean


@pytest.mark.parametrize("width", range(80, 300, 7))
def test_chinese_lines_never_start_with_closing_punctuation_or_split_latin_words(width):
    paragraph = set_paragraph(runs(CHINESE), BODY, profile_for("zh-Hans"))
    assert isinstance(paragraph, CJKParagraph)
    paragraph.wrap(width, 1000)
    lines = ["".join(word.text for word in line.words) for line in paragraph.blPara.lines]
    assert "".join(lines) == CHINESE
    for before, after in pairwise(lines):
        assert after[0] not in CANNOT_START_LINE, (before, after)
        assert not (before[-1].isascii() and before[-1].isalnum() and after[0].isalnum()), (
            before,
            after,
        )


def test_reportlab_alone_would_start_chinese_lines_with_a_comma():
    style = ParagraphStyle("cjk", parent=BODY, fontName="WenQuanYiMicroHei", wordWrap="CJK")
    profile_for("zh-Hans")
    starts = set()
    for width in range(80, 300, 7):
        paragraph = Paragraph(f"<b>{CHINESE[:2]}</b>{CHINESE[2:]}", style)  # several fragments
        paragraph.wrap(width, 1000)
        starts |= {line.words[0].text[0] for line in paragraph.blPara.lines}
    assert starts & set("，：！？")


def test_chinese_splits_across_pages_and_no_pdf_line_starts_with_a_comma_or_full_stop(
    tmp_path,
):
    profile = profile_for("zh-Hans")
    text = CHINESE * 8
    path = build(tmp_path, [set_paragraph(runs(text), BODY, profile)], "zh-Hans")
    assert len(pypdf.PdfReader(path).pages) >= 2
    lines = [line.strip() for line in text_of(path).splitlines() if line.strip()]
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not [line for line in lines if line[0] in ("，", "。")]


def test_chinese_with_an_arabic_name_still_breaks_between_ideographs(tmp_path):
    text = CHINESE.replace("Clinic ABC", "محمد علي")
    paragraph = set_paragraph(runs(text), BODY, profile_for("zh-Hans"))
    assert isinstance(paragraph, ShapedParagraph)  # the Arabic name needs shaping
    lines = page_lines(build(tmp_path, [paragraph], "zh-Hans"))
    assert len(lines) >= 4
    assert all(max(right for _, _, right in line) <= TEXT_RIGHT + 1 for line in lines)
    assert not [line for line in lines if line[0][0] in CANNOT_START_LINE]


def test_korean_breaks_lines_only_between_words(tmp_path):
    text = (
        "매일 30분 걸으세요. 통증이 있으면 병원에 전화하세요. 각 운동을 열다섯 번 반복하세요. "
        "이 문장은 여러 줄로 나뉘어야 할 만큼 충분히 깁니다."
    )
    profile = profile_for("ko")
    path = build(tmp_path, [set_paragraph(runs(text), BODY, profile)], "ko")
    lines = [line.split() for line in text_of(path).splitlines() if line.strip()]
    assert len(lines) >= 3
    assert [word for line in lines for word in line] == text.split()
    assert "NanumGothic" in font_names(path)


# Mixed scripts


def test_chinese_in_english_text_is_drawn_in_the_chinese_font(tmp_path):
    paragraph = set_paragraph(runs("Call Clinic ABC 电话 555-0100."), BODY, profile_for("en"))
    path = build(tmp_path, [paragraph], "en")
    assert {"NotoSans-Regular", "WenQuanYiMicroHei-0"} <= font_names(path)
    assert "Clinic ABC 电话" in text_of(path)


def test_arabic_name_in_english_text_is_shaped_in_the_arabic_font(tmp_path):
    paragraph = set_paragraph(runs("Ask for Dr. محمد علي at the desk."), BODY, profile_for("en"))
    assert isinstance(paragraph, ShapedParagraph)
    path = build(tmp_path, [paragraph], "en")
    assert {"NotoSans-Regular", "NotoSansArabic-Regular"} <= font_names(path)
    (line,) = page_lines(path)
    assert visual(line) == get_display("Ask for Dr. محمد علي at the desk.", base_dir="L")
    assert abs(min(left for _, left, _ in line) - TEXT_LEFT) < 2  # an English paragraph


def test_latin_gets_no_ligatures_alone_or_inside_arabic(tmp_path):
    flowables = [
        set_paragraph(runs("office fit"), BODY, profile_for("en")),
        set_paragraph(runs("عيادة office fit"), BODY, profile_for("ar")),
    ]
    extracted = text_of(build(tmp_path, flowables, "ar"))
    assert extracted.count("office") == 2 and extracted.count("fit") == 2


def test_vietnamese_stacked_diacritics_stay_composed_letters(tmp_path):
    text = "Nghỉ ngơi đầy đủ: ặ ẫ ổ ữ ệ ộ."
    decomposed = unicodedata.normalize("NFD", text)
    path = build(tmp_path, [set_paragraph(runs(decomposed), BODY, profile_for("vi"))], "vi")
    assert text in unicodedata.normalize("NFC", text_of(path))
    assert font_names(path) == {"NotoSans-Regular"}


# Escaping, fonts, coverage


@pytest.mark.parametrize("language", ["en", "zh-Hans", "ru"])
def test_markup_in_text_prints_literally(tmp_path, language):
    text = "<b>R&D</b> <font size=99> &amp;"
    path = build(tmp_path, [set_paragraph(runs(text), BODY, profile_for(language))], language)
    assert text in text_of(path)


def test_every_font_is_embedded_and_none_is_a_standard_font(tmp_path):
    flowables: list[Flowable] = []
    for language, sample in [
        ("en", "Walk daily."),
        ("ar", "امش كل يوم"),
        ("hi", "प्रति दिन"),
        ("zh-Hans", "每天步行"),
        ("ko", "매일 걸으세요"),
        ("vi", "Đi bộ"),
        ("ru", "Ходите"),
    ]:
        profile = profile_for(language)
        table = Table(
            [
                [
                    set_paragraph(runs(sample), HEADING, profile),
                    set_paragraph((Run(sample, bold=True),), BODY, profile),
                ]
            ]
        )
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), profile.regular)]))
        flowables.append(table)
    names = font_names(build(tmp_path, flowables, "en"))
    standard = {"Helvetica", "Times-Roman", "Courier", "Symbol", "ZapfDingbats"}
    assert not {name.split("-")[0] for name in names} & standard, names


def test_check_coverage_names_language_character_and_source():
    profile = profile_for("en")
    with pytest.raises(GlyphCoverageError) as raised:
        check_coverage([("msgid 'Key points'", "Key points 😀"), ("title", "ก ok")], profile)
    message = str(raised.value)
    assert "\n" not in message
    for expected in ("en", "U+1F600", "😀", "msgid 'Key points'", "U+0E01", "ก", "title"):
        assert expected in message


def test_check_coverage_accepts_every_shipped_script_and_invisible_characters():
    texts = [
        ("hi", "क्षेत्र\u200c\u200d प्रति"),
        ("ar", "النقاط\u200f الرئيسية"),
        ("zh", "要点，电话"),
        ("ko", "핵심 사항"),
        ("spaces", "a\u00a0b\u202fc\u2009d"),
    ]
    for language in ("en", "ar", "hi", "zh-Hant", "ko", "vi"):
        check_coverage(texts, profile_for(language))


def test_profiles_describe_each_language():
    assert profile_for("ar").direction == "rtl" and mirrored(profile_for("ar"))
    assert not mirrored(profile_for("en"))
    assert profile_for("zh-Hant").word_wrap == "CJK"
    assert profile_for("ko").word_wrap is None
    assert profile_for("hi").shaping and not profile_for("fr").shaping
    assert profile_for("es-MX").regular == "NotoSans"
    with pytest.raises(ValueError, match="xx"):
        profile_for("xx")


def test_english_loads_no_other_script_fonts():
    code = (
        "from reportlab.pdfbase import pdfmetrics\n"
        "from handout.document.elements import Run\n"
        "from handout.text import profile_for, set_paragraph\n"
        "from reportlab.lib.styles import ParagraphStyle\n"
        "style = ParagraphStyle('b', fontName='NotoSans')\n"
        "set_paragraph((Run('Café, naïve – “quoted”'),), style, profile_for('en')).wrap(200, 99)\n"
        "print(sorted(pdfmetrics.getRegisteredFontNames()))\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert "NotoSans'" in output
    for other in ("Arabic", "Devanagari", "WenQuanYi", "Nanum"):
        assert other not in output


@pytest.mark.parametrize(
    "text",
    [
        "خلال 30-60 دقيقة",
        "اتصل بـ Clinic ABC اليوم (مهم).",
        "abc \u2067مرحبا 123\u2069 def",
        "نص [عربي] «اقتباس» 12.5% و 3,000",
    ],
)
def test_visual_order_matches_the_unicode_bidi_algorithm(text):
    rtl = not text.startswith("abc")
    levels = embedding_levels(text, rtl)
    drawn = "".join(text[index] for index in visual_order(levels))
    assert drawn == get_display(text, base_dir="R" if rtl else "L")
