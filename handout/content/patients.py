"""Mail merge: one personal handout per row of a CSV file."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from handout.content.patient import Patient
from handout.errors import HandoutError
from handout.files import read_text_input
from handout.languages import check_language
from handout.papers import check_paper

COLUMNS = ("name", "language", "paper", "exercises", "doses", "notes", "clinician", "date")
REQUIRED = ("name",)
MAX_CSV_BYTES = 10_000_000
MAX_ROWS = 10_000  # a discharge list, not a population


@dataclass(frozen=True)
class MergeRow:
    line: int  # the row's line in the file, for messages
    patient: Patient
    language: str | None
    paper: str | None


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


def read_patients(path: Path) -> list[MergeRow | RowError]:
    """Every data row as a MergeRow, or as a RowError that names its line; a problem with the
    file as a whole (missing, unreadable, no `name` column) raises HandoutError."""
    try:
        text = read_text_input(path, "patients file", MAX_CSV_BYTES)
    except HandoutError as error:
        if "is not UTF-8 text" in str(error):
            raise HandoutError(f"{error}; save the CSV as UTF-8") from None
        raise
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = reader.fieldnames or []
        missing = [column for column in REQUIRED if column not in header]
        if missing:
            raise HandoutError(f"{path}: column '{missing[0]}' is missing from the header")
        unknown = [column for column in header if column not in COLUMNS]
        if unknown:
            raise HandoutError(
                f"{path}: unknown column '{unknown[0]}' (known: {', '.join(COLUMNS)})"
            )
        rows: list[MergeRow | RowError] = []
        for record in reader:
            line = reader.line_num
            if len(rows) >= MAX_ROWS:
                raise HandoutError(f"{path}: more than {MAX_ROWS:,} patients in one file")
            try:
                if any(record.get(column) is None for column in header):
                    raise HandoutError(
                        f"fewer cells than columns ({len(header)} columns in the header)"
                    )
                rows.append(_row(record, line))
            except HandoutError as error:
                rows.append(RowError(line, f"{path}:{line}: {error}"))
        return rows
    except csv.Error as error:
        raise HandoutError(f"{path}: invalid CSV ({error})") from None


def _row(record: dict[str | None, str | list[str] | None], line: int) -> MergeRow:
    if None in record:
        raise HandoutError("more cells than columns")

    def cell(column: str) -> str | None:
        value = record.get(column)
        text = " ".join(value.split()) if isinstance(value, str) else ""
        return text or None

    name = cell("name")
    if not name:
        raise HandoutError("the name is empty")
    language, paper = cell("language"), cell("paper")
    if language:
        check_language(language)
    if paper:
        check_paper(paper)
    return MergeRow(
        line,
        Patient(
            name=name,
            clinician=cell("clinician"),
            date=_date(cell("date")),
            notes=cell("notes"),
            exercises=tuple(_split(cell("exercises"))),
            doses=tuple(parse_dose(item) for item in _split(cell("doses"))),
        ),
        language,
        paper,
    )


def _split(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(";") if item.strip()]


def parse_dose(text: str) -> tuple[str, str]:
    """`walking=20 minutes a day` -> ("walking", "20 minutes a day")."""
    exercise, separator, dose = text.partition("=")
    if not separator or not exercise.strip() or not dose.strip():
        raise HandoutError(f"dose '{text}' is not in the form EXERCISE-ID=DOSE")
    return exercise.strip(), dose.strip()


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HandoutError(f"date '{value}' is not in the form YYYY-MM-DD") from None
