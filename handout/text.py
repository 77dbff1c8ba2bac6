"""Plain text out of document runs, for bookmarks, tooltips and search."""

from __future__ import annotations

from .document import Runs


def plain_text(runs: Runs) -> str:
    return "".join(run.text for run in runs)
