"""The dates a handout may print: far enough either side of today for any real use, near
enough that every week of a tracking sheet still has a date."""

from __future__ import annotations

from datetime import date

from handout.errors import HandoutError

EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)


def check_date(value: date, what: str) -> None:
    if not EARLIEST <= value <= LATEST:
        raise HandoutError(
            f"{what} {value.isoformat()} is not between {EARLIEST.isoformat()} and "
            f"{LATEST.isoformat()}"
        )


MAX_WEEKS = 52  # tracking sheets in one handout: a year of them
