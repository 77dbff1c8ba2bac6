"""Page geometry shared by the layout and the PDF writer."""

from __future__ import annotations

from reportlab.lib.units import inch

# Printers cannot print the outer band; keep everything well inside half an inch.
MARGIN_SIDE = 0.75 * inch
MARGIN_TOP = 0.7 * inch
MARGIN_BOTTOM = 1.15 * inch  # leaves room for the two-line footer
FOOTER_TOP = 0.95 * inch
