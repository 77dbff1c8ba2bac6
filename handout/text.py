"""Turning runs of plain text into ReportLab paragraphs; the only place text becomes markup."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from .document import Runs


def plain_text(runs: Runs) -> str:
    return "".join(run.text for run in runs)


def markup(runs: Runs) -> str:
    """ReportLab paragraph markup for `runs`: text escaped, style from the run flags only."""
    parts = []
    for run in runs:
        text = escape(run.text)
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        parts.append(text)
    return "".join(parts)


def paragraph(runs: Runs, style: ParagraphStyle) -> Paragraph:
    return Paragraph(markup(runs), style)
