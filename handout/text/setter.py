"""One entry point for all text: runs in, the right flowable for the language's script out."""

from __future__ import annotations

from collections.abc import Sequence
from weakref import WeakKeyDictionary

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from handout.text.cjk import CJKParagraph
from handout.text.fallback import Piece, StyledText, is_invisible, pieces
from handout.text.fonts import COMPLEX_FONTS, LATIN, Family, coverage
from handout.text.paragraph import parsed_paragraph
from handout.text.profiles import ScriptProfile
from handout.text.shaped import ShapedParagraph, ShapedText

# style -> (font, wordWrap) -> the same style in that font with that wrapping
_DERIVED: WeakKeyDictionary[ParagraphStyle, dict[tuple[str, str | None], ParagraphStyle]] = (
    WeakKeyDictionary()
)


def set_paragraph(
    runs: Sequence[StyledText], style: ParagraphStyle, profile: ScriptProfile
) -> Flowable:
    """A flowable for `runs` in `style` (whose font is Latin: NotoSans or a face of it) set in
    `profile`'s script: its fonts, fallback fonts for characters they lack, its line breaking,
    shaping and direction. Text is always plain: markup comes from the run flags only."""
    base_face = _base_face(style.fontName, profile)
    family = profile.family
    text_pieces = pieces(runs, base_face, family)
    base_font = getattr(family, base_face)
    rtl = profile.direction == "rtl"
    if rtl or any(piece.font in COMPLEX_FONTS for piece in text_pieces):
        shaped = ShapedText(
            text_pieces, rtl, profile.language, ideographic=profile.word_wrap == "CJK"
        )
        return ShapedParagraph(shaped, _derived(style, base_font, None))
    markup = _markup(text_pieces, family, base_font)
    derived = _derived(style, base_font, profile.word_wrap)
    if profile.word_wrap == "CJK":
        return parsed_paragraph(markup, derived, CJKParagraph)
    return parsed_paragraph(markup, derived)


def _base_face(font_name: str, profile: ScriptProfile) -> str:
    """Which face the style asks for: headings name the bold Latin face."""
    for face in ("regular", "bold", "italic"):
        if font_name in (getattr(LATIN, face), getattr(profile, face)):
            return face
    return "regular"


def _derived(style: ParagraphStyle, font: str, word_wrap: str | None) -> ParagraphStyle:
    if style.fontName == font and style.wordWrap == word_wrap:
        return style
    variants = _DERIVED.setdefault(style, {})
    key = (font, word_wrap)
    if key not in variants:
        variants[key] = ParagraphStyle(
            f"{style.name}-{font}", parent=style, fontName=font, wordWrap=word_wrap
        )
    return variants[key]


def _markup(text_pieces: list[Piece], family: Family, base_font: str) -> str:
    """Paragraph markup: every piece escaped and in its font. The family's own faces are
    reached with <b> and <i> (mapped onto them), which ReportLab parses fastest."""
    tags = {family.italic: "i", family.bold: "b"}
    parts = []
    for piece in text_pieces:
        text = _escaped(_drawable(piece))
        if piece.font != base_font:
            tag = tags.get(piece.font)
            text = f"<{tag}>{text}</{tag}>" if tag else f'<font name="{piece.font}">{text}</font>'
        parts.append(text)
    return "".join(parts)


def _drawable(piece: Piece) -> str:
    """Without invisible format characters the font has no glyph for (they would draw as
    boxes: without shaping nothing consumes them)."""
    if piece.text.isascii():
        return piece.text
    covered = coverage(piece.font)
    return "".join(char for char in piece.text if char in covered or not is_invisible(char))


def _escaped(text: str) -> str:
    """Text as paragraph markup: the three characters the markup gives meaning to, escaped.
    (`xml.sax.saxutils.escape` does the same, but importing it loads urllib, http and ssl.)"""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
