"""A paragraph flowable for scripts ReportLab's Paragraph cannot set: Arabic (joined letters,
right to left, with embedded left-to-right numbers and words) and Devanagari (conjuncts,
reordered vowel signs), mixed with any other script.

The text is shaped once with HarfBuzz, in spans of one font and one bidi direction. Lines break
in logical order at spaces, measured with the shaped advances, and a word wider than the line
between its grapheme clusters; each line is then drawn as its spans in visual order (Unicode bidi
rule L2), each span as its own shaped glyphs. Breaking and drawing take time in proportion to
the text's length, however long its words or paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from handout.text.cjk import may_break_before
from handout.text.clusters import cluster_starts
from handout.text.fallback import Piece
from handout.text.ordering import embedding_levels, has_right_to_left, visual_order
from handout.text.shaping import Glyph, shape, shaped_string

# Spaces a line may break at: not the no-break ones (U+00A0, U+2007, U+202F).
_WORD = re.compile(r"[^ \t\n\r\u1680\u2000-\u2006\u2008-\u200a\u205f\u3000]+")
_FUZZ = 1e-6


@dataclass(frozen=True)
class _Span:
    """Characters start..end of the text, in one font at one bidi level, shaped."""

    start: int
    end: int
    font: str
    level: int
    glyphs: tuple[Glyph, ...]  # visual order
    # Sorted keys of the glyphs' clusters: HarfBuzz keeps clusters monotonic (ascending in
    # a left-to-right span, descending in a right-to-left one), so a line's glyphs are one
    # slice, found by bisection rather than by a scan of the whole span.
    keys: tuple[int, ...]

    @classmethod
    def of(cls, start: int, end: int, font: str, level: int, glyphs: tuple[Glyph, ...]) -> _Span:
        sign = -1 if level % 2 else 1
        return cls(start, end, font, level, glyphs, tuple(g.cluster * sign for g in glyphs))

    def glyphs_between(self, start: int, end: int) -> tuple[Glyph, ...]:
        """The glyphs of characters start..end, in visual order."""
        if self.level % 2:
            low, high = bisect_right(self.keys, -end), bisect_right(self.keys, -start)
        else:
            low, high = bisect_left(self.keys, start), bisect_left(self.keys, end)
        return self.glyphs[low:high]


class ShapedText:
    """A paragraph's text shaped once; widths are in thousandths of an em."""

    def __init__(
        self, pieces: Sequence[Piece], rtl: bool, language: str, ideographic: bool = False
    ) -> None:
        """`ideographic`: lines may also break between ideographs, as in Chinese."""
        self.text = text = "".join(piece.text for piece in pieces)
        self.rtl = rtl
        self.ideographic = ideographic
        levels = embedding_levels(text, rtl) if rtl or has_right_to_left(text) else [0] * len(text)
        spans = []
        start = 0
        for piece in pieces:
            end = start + len(piece.text)
            for run_start, run_end in _same_level_runs(levels, start, end):
                level = levels[run_start]
                glyphs = shape(text, run_start, run_end, piece.font, level % 2 == 1, language)
                spans.append(_Span.of(run_start, run_end, piece.font, level, glyphs))
            start = end
        self.spans = spans
        self._span_ends = [span.end for span in spans]
        advances = [0.0] * len(text)
        # Where a glyph cluster begins: a cut elsewhere would split a ligature or a
        # reordered syllable, whose glyphs belong to the cluster's first character.
        self._glyph_starts = bytearray(len(text) + 1)
        for span in spans:
            for glyph in span.glyphs:
                advances[glyph.cluster] += glyph.position.x_advance
                self._glyph_starts[glyph.cluster] = 1
        self._offsets = list(accumulate(advances, initial=0.0))

    def width(self, start: int, end: int) -> float:
        return self._offsets[end] - self._offsets[start]

    def words(self, start: int, end: int) -> list[tuple[int, int]]:
        """Stretches start..end that lines never break inside."""
        words = [match.span() for match in _WORD.finditer(self.text, start, end)]
        if not self.ideographic:
            return words
        text = self.text
        pieces: list[tuple[int, int]] = []
        for word_start, word_end in words:
            cuts = [i for i in range(word_start + 1, word_end) if may_break_before(text, i)]
            pieces.extend(zip([word_start, *cuts], [*cuts, word_end], strict=True))
        return pieces

    def break_lines(
        self, start: int, end: int, first_width: float, width: float
    ) -> list[tuple[int, int]]:
        """Lines (start, end) without their outer spaces, each as full as fits. A word wider
        than the line starts a line and is cut between grapheme clusters, as many to a line as
        fit (at least one); its last piece may share its line with the words after it."""
        lines: list[tuple[int, int]] = []
        line: tuple[int, int] | None = None
        for word_start, word_end in self.words(start, end):
            if line is not None:
                if self.width(line[0], word_end) <= (width if lines else first_width) + _FUZZ:
                    line = (line[0], word_end)
                    continue
                lines.append(line)
            limit = width if lines else first_width
            *full, line = self._word_pieces(word_start, word_end, limit, width)
            lines.extend(full)
        if line is not None:
            lines.append(line)
        return lines

    def _word_pieces(
        self, start: int, end: int, first_width: float, width: float
    ) -> list[tuple[int, int]]:
        """Word start..end in pieces that fit lines of `first_width`, then `width`: the word
        itself if it fits. Each possible cut is measured once."""
        if self.width(start, end) <= first_width + _FUZZ:
            return [(start, end)]
        pieces: list[tuple[int, int]] = []
        piece_start = previous = start
        for cut in [*self._cut_points(start, end), end]:
            limit = width if pieces else first_width
            if previous > piece_start and self.width(piece_start, cut) > limit + _FUZZ:
                pieces.append((piece_start, previous))
                piece_start = previous
            previous = cut
        pieces.append((piece_start, end))
        return pieces

    def _cut_points(self, start: int, end: int) -> list[int]:
        """Where word start..end may be cut: between grapheme clusters (never between a
        letter and its marks, nor inside a conjunct) that are also glyph clusters."""
        return [i for i in cluster_starts(self.text, start, end) if self._glyph_starts[i]]

    def visual_runs(self, start: int, end: int) -> list[tuple[str, tuple[Glyph, ...]]]:
        """Line start..end as (font, glyphs) runs from left to right."""
        parts = []
        # Spans are in logical order: start with the first one that reaches into the line.
        for index in range(bisect_right(self._span_ends, start), len(self.spans)):
            span = self.spans[index]
            if span.start >= end:
                break
            parts.append((span, max(start, span.start), min(end, span.end)))
        order = visual_order([span.level for span, _, _ in parts])
        runs = []
        for index in order:
            span, part_start, part_end = parts[index]
            glyphs = span.glyphs_between(part_start, part_end)
            if glyphs:
                runs.append((span.font, glyphs))
        return runs


def _same_level_runs(levels: Sequence[int], start: int, end: int) -> list[tuple[int, int]]:
    runs = []
    for index in range(start + 1, end + 1):
        if index == end or levels[index] != levels[start]:
            runs.append((start, index))
            start = index
    return runs


class ShapedParagraph(Flowable):
    """Characters start..end of a ShapedText set like a Paragraph in `style`: wraps, splits
    across frames and pages, sits in table cells. Alignment is logical for right-to-left
    text: TA_LEFT (and TA_JUSTIFY) align to the start, the right edge; TA_RIGHT to the end;
    left and right indents likewise measure from the start and the end."""

    def __init__(
        self,
        shaped: ShapedText,
        style: ParagraphStyle,
        start: int = 0,
        end: int | None = None,
        first_line_indent: float | None = None,
    ) -> None:
        super().__init__()
        self.shaped = shaped
        self.style = style
        self.start = start
        self.end = len(shaped.text) if end is None else end
        self.first_line_indent = (
            style.firstLineIndent if first_line_indent is None else first_line_indent
        )
        self._lines: list[tuple[int, int]] = []
        self._wrapped_width: float | None = None

    def getPlainText(self, identify: object = None) -> str:
        # `identify`: ReportLab asks so when naming a flowable in a layout error
        return self.shaped.text[self.start : self.end]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = len(self._break(availWidth)) * self.style.leading
        return availWidth, self.height

    def minWidth(self) -> float:
        em = self.style.fontSize / 1000
        widest = max(
            (self.shaped.width(*word) for word in self.shaped.words(self.start, self.end)),
            default=0.0,
        )
        return widest * em + self.style.leftIndent + self.style.rightIndent

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self._break(availWidth)
        fitting = int((availHeight + _FUZZ) / self.style.leading)
        if fitting >= len(lines):
            return [self]
        if not self.style.allowWidows and len(lines) - fitting == 1:
            fitting -= 1  # never leave the last line alone at the top of the next page
        if fitting < 1 or (fitting == 1 and not self.style.allowOrphans):
            return []
        head = ShapedParagraph(
            self.shaped, self.style, self.start, lines[fitting - 1][1], self.first_line_indent
        )
        tail = ShapedParagraph(self.shaped, self.style, lines[fitting][0], self.end, 0)
        # Both halves would break into these same lines again; breaking the tail anew on
        # every page would make a paragraph of many pages cost time in their number squared.
        head._keep_lines(lines[:fitting], availWidth)
        tail._keep_lines(lines[fitting:], availWidth)
        return [head, tail]

    def _keep_lines(self, lines: list[tuple[int, int]], width: float) -> None:
        self._lines, self._wrapped_width = lines, width

    def draw(self) -> None:
        style = self.style
        size = style.fontSize
        em = size / 1000
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(style.textColor)
        text = canvas.beginText()
        baseline = self.height - size  # where Paragraph puts its first baseline
        for number, (start, end) in enumerate(self._lines):
            runs = self.shaped.visual_runs(start, end)
            widths = [sum(glyph.position.x_advance for glyph in glyphs) * em for _, glyphs in runs]
            x = self._line_left(sum(widths), self.first_line_indent if number == 0 else 0)
            for (font, glyphs), width in zip(runs, widths, strict=True):
                text.setTextOrigin(x, baseline)
                text.setFont(font, size)
                text.textOut(shaped_string(glyphs))
                x += width
            baseline -= style.leading
        canvas.drawText(text)
        canvas.restoreState()

    def _break(self, width: float) -> list[tuple[int, int]]:
        if width != self._wrapped_width:
            style = self.style
            per_em = 1000 / style.fontSize
            line_width = width - style.leftIndent - style.rightIndent
            self._lines = self.shaped.break_lines(
                self.start,
                self.end,
                (line_width - self.first_line_indent) * per_em,
                line_width * per_em,
            )
            self._wrapped_width = width
        return self._lines

    def _line_left(self, line_width: float, indent: float) -> float:
        """x of a line's left end; positions are worked out from the start edge, then
        mirrored for right-to-left text."""
        style = self.style
        start_indent = style.leftIndent + indent
        room = self.width - start_indent - style.rightIndent
        if style.alignment == TA_CENTER:
            from_start = start_indent + (room - line_width) / 2
        elif style.alignment == TA_RIGHT:
            from_start = start_indent + room - line_width
        else:
            from_start = start_indent
        return self.width - from_start - line_width if self.shaped.rtl else from_start
