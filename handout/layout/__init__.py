"""The layout stage: document blocks become ReportLab flowables in the handout's theme."""
