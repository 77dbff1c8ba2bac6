"""The look of a handout: sizes, colours and paragraph styles, and its language's script."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Literal, TypedDict, Unpack

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from handout.document.elements import Runs
from handout.text import ScriptProfile, mirrored, profile_for, set_paragraph
from handout.text.fonts import LATIN, Family, use_family


class _StyleChanges(TypedDict, total=False):
    """What a paragraph style derived from the body's changes."""

    fontName: str
    fontSize: float
    leading: float
    textColor: Color
    alignment: Literal[0, 1, 2, 4]  # TA_LEFT, TA_CENTER, TA_RIGHT, TA_JUSTIFY
    spaceBefore: float
    spaceAfter: float


@dataclass(frozen=True)
class Theme:
    """The look of one handout. Colours stay dark enough to read in black and white."""

    language: str = "en"
    family: Family = LATIN
    body_size: float = 12.0
    ink: Color = field(default_factory=lambda: HexColor("#1a1a1a"))
    muted: Color = field(default_factory=lambda: HexColor("#4a4a4a"))
    accent: Color = field(default_factory=lambda: HexColor("#1f6f78"))
    tint: Color = field(default_factory=lambda: HexColor("#e9f3f4"))
    rule: Color = field(default_factory=lambda: HexColor("#9aa5a8"))

    @cached_property
    def script(self) -> ScriptProfile:
        """How the language's script is set: fonts, direction, line breaking, shaping."""
        return profile_for(self.language)

    @property
    def rtl(self) -> bool:
        """Whether the layout is mirrored: text, lists, tables and furniture start at the right."""
        return mirrored(self.script)

    def text(self, runs: Runs, style: str) -> Flowable:
        """A paragraph of `runs` in the named style, set in the language's script."""
        return set_paragraph(runs, self.styles[style], self.script)

    @property
    def scale(self) -> float:
        """How much larger than standard print: sizes of boxes and gaps follow the text."""
        return self.body_size / 12.0

    @cached_property
    def styles(self) -> dict[str, ParagraphStyle]:
        use_family(self.family)
        size = self.body_size
        base = ParagraphStyle(
            "body",
            fontName=self.family.regular,
            fontSize=size,
            leading=size * 1.35,
            textColor=self.ink,
            alignment=TA_LEFT,
            spaceAfter=size * 0.5,
        )

        def derive(name: str, **changes: Unpack[_StyleChanges]) -> ParagraphStyle:
            return ParagraphStyle(name, parent=base, **changes)

        bold = self.family.bold
        return {
            "body": base,
            "lead": derive("lead", fontSize=size * 1.1, leading=size * 1.5),
            "cell": derive("cell", spaceAfter=0),
            "caption": derive(
                "caption",
                textColor=self.muted,
                alignment=TA_CENTER,
                spaceBefore=size * 0.3,
                spaceAfter=0,
            ),
            "detail": derive("detail", textColor=self.muted, spaceAfter=0),
            "cell-bold": derive("cell-bold", fontName=bold, spaceAfter=0),
            "h1": derive(
                "h1",
                fontName=bold,
                fontSize=size * 2,
                leading=size * 2.4,
                textColor=self.accent,
                spaceAfter=size * 0.6,
            ),
            "h2": derive(
                "h2",
                fontName=bold,
                fontSize=size * 1.45,
                leading=size * 1.8,
                textColor=self.accent,
                spaceBefore=size * 0.9,
                spaceAfter=size * 0.35,
            ),
            "h3": derive(
                "h3",
                fontName=bold,
                fontSize=size * 1.2,
                leading=size * 1.5,
                spaceBefore=0,
                spaceAfter=size * 0.3,
            ),
            "h4": derive("h4", fontName=bold, spaceAfter=size * 0.2),
            "letterhead": derive(
                "letterhead",
                fontName=bold,
                fontSize=size * 1.35,
                leading=size * 1.7,
                spaceAfter=0,
            ),
            "marker": derive("marker", fontName=bold, textColor=self.accent, spaceAfter=0),
            "day": derive(
                "day", fontName=bold, leading=size * 1.15, alignment=TA_CENTER, spaceAfter=0
            ),
            "footer": derive(
                "footer", fontSize=9.5, leading=12, textColor=self.muted, spaceAfter=0
            ),
            "footer-end": derive(
                "footer-end", fontSize=9.5, leading=12, alignment=TA_RIGHT, spaceAfter=0
            ),
        }


LARGE_PRINT_SIZE = 16.0


def make_theme(
    language: str, *, large_print: bool = False, mono: bool = False, accent: str | None = None
) -> Theme:
    """The theme for a build: its language's script, standard or large print, a clinic's
    accent, or no colour at all for black-and-white printers."""
    theme = Theme(language=language, body_size=LARGE_PRINT_SIZE if large_print else 12.0)
    if mono:
        return replace(theme, accent=theme.ink, tint=white, rule=HexColor("#6b6b6b"))
    if accent is not None:
        # A pale wash of the accent behind boxes, as the standard tint is of the standard accent.
        colour = HexColor(accent)
        tint = Color(*(0.9 + 0.1 * channel for channel in colour.rgb()))
        return replace(theme, accent=colour, tint=tint)
    return theme
