"""Chinese line breaking: between any two ideographs, except where punctuation forbids it.

ReportLab's wordWrap="CJK" lets a line start with a full-width comma, colon, exclamation or
question mark and more, and breaks Latin words inside Chinese text anywhere. CJKParagraph
breaks lines by the usual rules (kinsoku): closing punctuation never starts a line, opening
punctuation never ends one, and Latin words and numbers break only at spaces.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from reportlab.platypus.paragraph import ParaLines
from reportlab.platypus.paraparser import ParaFrag

from handout.reportlab_api import FUZZ, cjk_characters, cjk_line, is_split_part, kept_lines
from handout.text.clusters import cluster_starts
from handout.text.paragraph import Paragraph

# Closing punctuation, small kana, units: they cling to what precedes them.
CANNOT_START_LINE = frozenset(
    "!%),.:;?]}¢°·’”‰′″℃、。〃々〉》」』】〕〗〙〛〜ぁぃぅぇぉっゃゅょゎゕゖ゛゜ゝゞ"  # noqa: RUF001
    "ァィゥェォッャュョヮヵヶ・ーヽヾ！％），．：；？］｝｡｣､･～…‥"  # noqa: RUF001
)
# Opening brackets and quotes, currency signs: they cling to what follows them.
CANNOT_END_LINE = frozenset("$(£¥[{‘“〈《「『【〔〖〘〚＄（［｛｢￡￥")  # noqa: RUF001


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def may_break_before(text: str, index: int) -> bool:
    """Whether a Chinese line may break between text[index - 1] and text[index]."""
    before, after = text[index - 1], text[index]
    if after in CANNOT_START_LINE or before in CANNOT_END_LINE or after.isspace():
        return False
    return before.isspace() or _is_wide(before) or _is_wide(after)


def break_positions(
    text: str, widths: Sequence[float], line_widths: Sequence[float]
) -> list[tuple[int, int, float]]:
    """Lines as (start, end, width without trailing spaces); a line too long to break
    anywhere allowed breaks before the grapheme cluster that overflows."""
    lines: list[tuple[int, int, float]] = []
    start, count = 0, len(text)
    while start < count:
        limit = line_widths[min(len(lines), len(line_widths) - 1)]
        used, index, best = 0.0, start, None
        while index < count:
            overflows = used + widths[index] > limit + FUZZ
            if overflows and index > start and not text[index].isspace():
                break
            used += widths[index]
            index += 1
            if index < count and may_break_before(text, index):
                best = index
        if index == count:
            end = index
        else:
            end = best if best is not None else _cluster_cut(text, start, index)
        visible = len(text[start:end].rstrip())
        lines.append((start, end, sum(widths[start : start + visible])))
        start = end
    return lines


def _cluster_cut(text: str, start: int, index: int) -> int:
    """The last cluster start after `start` and at or before `index` (where the line
    overflows), so no letter loses its marks; if the first cluster alone overflows, its end."""
    last = None
    for cut in cluster_starts(text, start, len(text)):
        if cut > index:
            return cut if last is None else last
        last = cut
    return len(text) if last is None else last


class CJKParagraph(Paragraph):
    """A Paragraph (style.wordWrap == "CJK") whose lines break by Chinese rules."""

    def breakLinesCJK(
        self, maxWidths: float | list[float] | tuple[float, ...]
    ) -> ParaLines | ParaFrag:
        if is_split_part(self):
            return kept_lines(self)  # the second half of a split keeps the lines already made
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        auto_leading = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        calc_bounds = auto_leading not in ("", "off")
        chars = cjk_characters(self.frags)
        text = "".join(chars)
        lines = []
        for number, (start, end, used) in enumerate(
            break_positions(text, [char.width for char in chars], maxWidths)
        ):
            limit = maxWidths[min(number, len(maxWidths) - 1)]
            lines.append(cjk_line(chars[start:end], limit, used, limit - used, False, calc_bounds))
        return ParaLines(kind=1, lines=lines)
