"""Weeks for the tracking sheet and the dates a handout prints, in the handout's language.

Day and month names come from CLDR. Where CLDR has none for a language (it then falls back to
English names and months like "M11"), a `dates.toml` beside the language's catalog supplies
them: adding such a language is data, not code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton, get_day_names

from handout.i18n.catalogs import babel_locale, catalog_name, locale_dir

DATES_FILE = "dates.toml"


@dataclass(frozen=True)
class Day:
    name: str  # abbreviated, "Mon"
    short: str  # shortest unambiguous, "Mo", for when columns are narrow
    date: str | None  # short date, when the sheet is dated


@dataclass(frozen=True)
class Week:
    starts: str | None  # the first day's long date, when the sheet is dated
    days: tuple[Day, ...]


@dataclass(frozen=True)
class LocaleDates:
    """A language's names for days (Monday first) and months (January first), and how it
    writes a long date and a day of a month."""

    days_wide: tuple[str, ...]
    days_abbreviated: tuple[str, ...]
    days_short: tuple[str, ...]
    months_wide: tuple[str, ...]
    months_abbreviated: tuple[str, ...]
    long_date: str
    day_month: str

    def long(self, day: date) -> str:
        return self._written(self.long_date, day)

    def short(self, day: date) -> str:
        return self._written(self.day_month, day)

    def _written(self, pattern: str, day: date) -> str:
        return pattern.format(
            day=day.day,
            year=day.year,
            month_wide=self.months_wide[day.month - 1],
            month_abbreviated=self.months_abbreviated[day.month - 1],
        )


@cache
def supplied_dates(language: str) -> LocaleDates | None:
    """The language's own date names when CLDR lacks them, else None."""
    path = locale_dir() / catalog_name(language) / DATES_FILE
    if not path.is_file():
        return None
    return _read_dates(path)


def _read_dates(path: Path) -> LocaleDates:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    lengths = {
        "days_wide": 7,
        "days_abbreviated": 7,
        "days_short": 7,
        "months_wide": 12,
        "months_abbreviated": 12,
    }
    for key, length in lengths.items():
        if len(data[key]) != length:
            raise ValueError(f"{path}: {key} needs {length} names")
    return LocaleDates(
        **{key: tuple(data[key]) for key in lengths},
        long_date=data["long_date"],
        day_month=data["day_month"],
    )


def long_date(day: date, language: str) -> str:
    """`day` as a patient reads it in running text: "23 November 2026"."""
    supplied = supplied_dates(language)
    if supplied:
        return supplied.long(day)
    return format_date(day, "long", locale=babel_locale(language))


def tracking_weeks(language: str, count: int, start: date | None = None) -> tuple[Week, ...]:
    """`count` weeks beginning on the locale's first weekday; dated from the week of `start`."""
    locale = babel_locale(language)
    first = locale.first_week_day  # 0 is Monday
    names, short_names = _day_names(language, locale)
    order = [(first + offset) % 7 for offset in range(7)]
    if start is None:
        undated = tuple(Day(names[weekday], short_names[weekday], None) for weekday in order)
        return tuple(Week(None, undated) for _ in range(count))
    week_start = start - timedelta(days=(start.weekday() - first) % 7)
    weeks = []
    for index in range(count):
        monday = week_start + timedelta(weeks=index)
        days = tuple(
            Day(names[day.weekday()], short_names[day.weekday()], _day_month(day, language))
            for day in (monday + timedelta(days=offset) for offset in range(7))
        )
        weeks.append(Week(long_date(monday, language), days))
    return tuple(weeks)


def _day_names(language: str, locale: Locale) -> tuple[dict[int, str], dict[int, str]]:
    supplied = supplied_dates(language)
    if supplied:
        return dict(enumerate(supplied.days_abbreviated)), dict(enumerate(supplied.days_short))
    return (
        dict(get_day_names("abbreviated", locale=locale)),
        dict(get_day_names("short", locale=locale)),
    )


def _day_month(day: date, language: str) -> str:
    supplied = supplied_dates(language)
    if supplied:
        return supplied.short(day)
    return format_skeleton("MMMd", day, locale=babel_locale(language))
