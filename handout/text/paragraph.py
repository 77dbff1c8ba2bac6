"""ReportLab's paragraph, parsing its markup once and breaking its lines once per width."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any
from weakref import WeakKeyDictionary

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import paragraph


class Paragraph(paragraph.Paragraph):
    """A table wraps each cell to measure it and again to draw it, and a frame wraps a
    paragraph before it splits one; ReportLab would break the lines anew every time."""

    _kept_wrap: tuple[float, Any, Any, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        kept = self._kept_wrap
        if kept is not None and kept[0] == availWidth:
            _, self.blPara, self._wrapWidths, self.height = kept
            self.width = availWidth
            return availWidth, self.height
        size = super().wrap(availWidth, availHeight)
        if hasattr(self, "blPara"):  # not when too narrow for anything
            self._kept_wrap = (availWidth, self.blPara, self._wrapWidths, self.height)
        return size


# Parsed markup, by markup and style: the same words in the same style parse to the same
# fragments, and a handout's wording repeats from build to build. Bounded, as names vary.
_PARSED: OrderedDict[tuple[str, tuple[str, ...]], list[Any]] = OrderedDict()
_PARSED_LIMIT = 4096
_STYLE_KEYS: WeakKeyDictionary[ParagraphStyle, tuple[str, ...]] = WeakKeyDictionary()


def parsed_paragraph(
    markup: str, style: ParagraphStyle, kind: type[Paragraph] = Paragraph
) -> Paragraph:
    """`kind(markup, style)`, with the markup parsed once: ReportLab reads fragments only."""
    key = (markup, _style_key(style))
    frags = _PARSED.get(key)
    if frags is not None:
        _PARSED.move_to_end(key)
        return kind(markup, style, frags=frags)
    made = kind(markup, style)
    _PARSED[key] = made.frags
    if len(_PARSED) > _PARSED_LIMIT:
        _PARSED.popitem(last=False)
    return made


def _style_key(style: ParagraphStyle) -> tuple[str, ...]:
    key = _STYLE_KEYS.get(style)
    if key is None:
        values = vars(style)
        key = tuple(f"{name}={values[name]!r}" for name in sorted(values) if name != "parent")
        _STYLE_KEYS[style] = key
    return key
