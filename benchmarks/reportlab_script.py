"""The leg-numbness handout written directly against ReportLab, as a baseline for speed.

A hand-written script of comparable content: the same words (read straight from the content
file), the same embedded fonts, a boxed disclaimer, key points, warning signs, a card per
exercise with a simple drawing, the safety advice, a weekly tracking sheet and a footer with
"page X of Y". No templates, no translations, no validation: what `handout` does on top of
this is what the benchmark weighs.

    python benchmarks/reportlab_script.py OUTPUT.pdf
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import yaml
from reportlab.graphics.shapes import Circle, Drawing, Line
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "handout" / "data" / "leg-numbness.yaml"
FONTS = ROOT / "fonts"
ACCENT = colors.HexColor("#1f6f78")
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def register_fonts() -> None:
    if "Body" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Body", str(FONTS / "NotoSans-Regular.ttf")))
        pdfmetrics.registerFont(TTFont("Body-Bold", str(FONTS / "NotoSans-Bold.ttf")))


def styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName="Body", fontSize=12, leading=16, spaceAfter=6)
    return {
        "body": body,
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontName="Body-Bold",
            fontSize=22,
            leading=27,
            textColor=ACCENT,
            spaceAfter=12,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName="Body-Bold",
            fontSize=16,
            leading=20,
            textColor=ACCENT,
            spaceBefore=10,
        ),
        "h3": ParagraphStyle("h3", parent=body, fontName="Body-Bold", fontSize=13.5, leading=18),
        "cell": ParagraphStyle("cell", parent=body, spaceAfter=0),
        "footer": ParagraphStyle("footer", parent=body, fontSize=9, leading=11),
    }


class NumberedCanvas(Canvas):
    """Draws "page X of Y" once the page count is known."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.pages: list[dict[str, object]] = []

    def showPage(self) -> None:
        self.pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        for number, state in enumerate(self.pages, 1):
            self.__dict__.update(state)
            self.setFont("Body", 9)
            self.line(0.75 * inch, 0.95 * inch, LETTER[0] - 0.75 * inch, 0.95 * inch)
            self.drawString(0.75 * inch, 0.8 * inch, "Exercises for leg numbness")
            self.drawRightString(
                LETTER[0] - 0.75 * inch, 0.8 * inch, f"Page {number} of {len(self.pages)}"
            )
            self.drawString(
                0.75 * inch,
                0.65 * inch,
                "This handout does not replace advice from your health professional.",
            )
            super().showPage()
        super().save()


def box(flowables: list[Flowable], width: float, tint: bool) -> Table:
    table = Table([[flowables]], colWidths=[width])
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 2, ACCENT),
                (
                    "BACKGROUND",
                    (0, 0),
                    (-1, -1),
                    colors.HexColor("#eef5f6") if tint else colors.white,
                ),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
            ]
        )
    )
    return table


def figure(scale: float = 1.0) -> Drawing:
    drawing = Drawing(2.9 * inch * scale, 1.95 * inch * scale, transform=[scale, 0, 0, scale, 0, 0])
    drawing.add(Line(20, 10, 190, 10, strokeColor=colors.grey, strokeWidth=2))
    drawing.add(Circle(70, 120, 10, fillColor=colors.black))
    for x1, y1, x2, y2 in ((70, 110, 70, 60), (70, 60, 55, 12), (70, 60, 95, 20), (70, 95, 95, 80)):
        drawing.add(Line(x1, y1, x2, y2, strokeWidth=4))
    drawing.add(Line(120, 40, 150, 70, strokeColor=ACCENT, strokeWidth=2))
    return drawing


def bullets(items: list[str], style: ParagraphStyle) -> list[Flowable]:
    return [Paragraph(f"• {item}", style) for item in items]


def story(content: dict, width: float) -> list[Flowable]:
    s = styles()
    flow: list[Flowable] = [Paragraph(content["title"], s["h1"])]
    flow.append(
        box(
            [
                Paragraph("<b>Before you start</b>", s["h3"]),
                Paragraph(
                    "This handout does not replace advice from your doctor, physical therapist "
                    "or other health professional. <b>Check with them before you start these "
                    "exercises.</b> Stop any exercise that hurts, and ask for advice.",
                    s["cell"],
                ),
            ],
            width,
            True,
        )
    )
    flow.append(Spacer(1, 10))
    flow.append(
        box(
            [Paragraph("<b>Key points</b>", s["h3"]), *bullets(content["key_points"], s["cell"])],
            width,
            True,
        )
    )
    signs = content["warning_signs"]
    flow.append(Spacer(1, 10))
    flow.append(
        box(
            [
                Paragraph("<b>When to get medical help right away</b>", s["h3"]),
                Paragraph(f"<b>{signs['emergency_lead']}</b>", s["cell"]),
                *bullets(signs["emergency"], s["cell"]),
                Paragraph(f"<b>{signs['soon_lead']}</b>", s["cell"]),
                *bullets(signs["soon"], s["cell"]),
            ],
            width,
            False,
        )
    )
    flow.append(Paragraph("About these exercises", s["h2"]))
    flow += [Paragraph(wording(text), s["body"]) for text in content["introduction"]]
    flow.append(Paragraph("The exercises", s["h2"]))
    for number, exercise in enumerate(content["exercises"], 1):
        text = [Paragraph(f"{number}. {exercise['name']}", s["h3"])]
        text += [
            Paragraph(f"{index}. {wording(step)}", s["cell"])
            for index, step in enumerate(exercise["steps"], 1)
        ]
        text.append(Paragraph(f"<b>Why it helps:</b> {exercise['why']}", s["cell"]))
        text += [
            Paragraph(f"<b>{key.replace('_', ' ').capitalize()}</b>: {value}", s["cell"])
            for key, value in exercise["dose"].items()
        ]
        rows: list[list[object]] = [[text, figure()]]
        parts = exercise.get("parts", [])
        if parts:  # the movements side by side: name, a picture, steps
            column = (width - 12) / len(parts)
            cells = [
                [
                    Paragraph(part["name"], s["h3"]),
                    figure(0.65),
                    *(
                        Paragraph(f"{n}. {step}", s["cell"])
                        for n, step in enumerate(part["steps"], 1)
                    ),
                ]
                for part in parts
            ]
            rows.append([Table([cells], colWidths=[column] * len(parts)), ""])
        card = Table(rows, colWidths=[width - 3.1 * inch, 3.1 * inch])
        card.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 1, colors.grey),
                    ("LINEBEFORE", (0, 0), (0, -1), 5, ACCENT),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    *([("SPAN", (0, 1), (1, 1))] if parts else []),
                ]
            )
        )
        flow += [KeepTogether([card]), Spacer(1, 10)]
    flow.append(Paragraph("Exercise safely", s["h2"]))
    flow += [Paragraph(text, s["body"]) for text in content["safety"]]
    flow.append(PageBreak())
    flow.append(Paragraph("Weekly tracking sheet", s["h1"]))
    rows = [["Exercise", *DAYS]]
    rows += [
        [Paragraph(exercise["name"], s["cell"]), *[""] * 7] for exercise in content["exercises"]
    ]
    rows += [[Paragraph(content["symptom_scale"], s["cell"]), *[""] * 7]]
    day = (width - 2.2 * inch) / 7
    heights = [24, *[44] * (len(rows) - 1)]
    sheet = Table(rows, colWidths=[2.2 * inch, *[day] * 7], rowHeights=heights)
    sheet.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.7, colors.grey),
                ("FONTNAME", (0, 0), (-1, -1), "Body"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef5f6")),
            ]
        )
    )
    flow.append(sheet)
    flow.append(Paragraph("Notes and questions for your next visit", s["h3"]))
    return flow


def build(content: dict) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=LETTER,
        leftMargin=0.75 * inch,
        rightMargin=0.75 * inch,
        topMargin=0.7 * inch,
        bottomMargin=1.15 * inch,
        title=content["title"],
        author="clinic",
        invariant=1,
        initialFontName="Body",
    )
    document.build(story(content, LETTER[0] - 1.5 * inch), canvasmaker=NumberedCanvas)
    return buffer.getvalue()


def wording(item: str | dict) -> str:
    """A text of the content, which may carry another wording for a prescribed dose."""
    return item["text"] if isinstance(item, dict) else item


def load_content() -> dict:
    return yaml.load(CONTENT.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


if __name__ == "__main__":
    Path(sys.argv[1]).write_bytes(build(load_content()))
