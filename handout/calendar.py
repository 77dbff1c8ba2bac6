"""Weeks for the tracking sheet, with day names and dates from CLDR for the language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from babel import Locale
from babel.dates import format_date, format_skeleton, get_day_names


@dataclass(frozen=True)
class Day:
    name: str  # abbreviated, "Mon"
    short: str  # shortest unambiguous, "Mo", for when columns are narrow
    date: str | None  # short date, when the sheet is dated


@dataclass(frozen=True)
class Week:
    starts: str | None  # the first day's long date, when the sheet is dated
    days: tuple[Day, ...]


def tracking_weeks(language: str, count: int, start: date | None = None) -> tuple[Week, ...]:
    """`count` weeks beginning on the locale's first weekday; dated from the week of `start`."""
    locale = Locale.parse(language, sep="-")
    first = locale.first_week_day  # 0 is Monday
    names = get_day_names("abbreviated", locale=locale)
    short_names = get_day_names("short", locale=locale)
    order = [(first + offset) % 7 for offset in range(7)]
    if start is None:
        undated = tuple(Day(names[weekday], short_names[weekday], None) for weekday in order)
        return tuple(Week(None, undated) for _ in range(count))
    week_start = start - timedelta(days=(start.weekday() - first) % 7)
    weeks = []
    for index in range(count):
        monday = week_start + timedelta(weeks=index)
        days = tuple(
            Day(
                names[day.weekday()], short_names[day.weekday()],
                format_skeleton("MMMd", day, locale=locale),
            )
            for day in (monday + timedelta(days=offset) for offset in range(7))
        )
        weeks.append(Week(format_date(monday, "long", locale=locale), days))
    return tuple(weeks)
