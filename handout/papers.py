"""Paper sizes by name, in points; no drawing library needed to check a name."""

from __future__ import annotations

from handout.errors import HandoutError

_MM = 72 / 25.4
PAPERS: dict[str, tuple[float, float]] = {
    "letter": (8.5 * 72, 11 * 72),
    "a4": (210 * _MM, 297 * _MM),
}


def check_paper(paper: str) -> None:
    if paper not in PAPERS:
        raise HandoutError(f"paper '{paper}' is not one of {', '.join(PAPERS)}")
