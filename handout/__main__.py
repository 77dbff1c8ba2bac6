"""The command line: parses options and calls the typed functions behind it."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .batch import Job, JobResult, default_jobs, run_batch, write_manifest
from .build import BuildOptions, build_handout, default_output_name
from .clinic import PROFILE_NAME, load_profile
from .content import load_handout
from .errors import HandoutError
from .i18n import LANGUAGES, language_status
from .merge import RowError, file_stem, parse_dose, read_patients
from .papers import PAPERS
from .personal import Patient, personalise

F = TypeVar("F", bound=Callable[..., Any])


class _IsoDate(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> date:
        if isinstance(value, date):
            return value
        try:
            return datetime.strptime(str(value), "%Y-%m-%d").date()
        except ValueError:
            self.fail(f"'{value}' is not a date in the form YYYY-MM-DD", param, ctx)


class _Choices(click.ParamType):
    """A comma-separated list of choices; "all" stands for every one."""

    name = "LIST"

    def __init__(self, choices: tuple[str, ...]) -> None:
        self.choices = choices

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[str, ...]:
        if isinstance(value, tuple):
            return value
        items = [item.strip() for item in str(value).split(",") if item.strip()]
        if items == ["all"]:
            return self.choices
        unknown = [item for item in items if item not in self.choices]
        if unknown or not items:
            self.fail(
                f"'{value}' is not a list of {', '.join(self.choices)} (or all)", param, ctx
            )
        return tuple(dict.fromkeys(items))


def _reports_errors(command: F) -> F:
    """Turn a HandoutError into Click's one-line error and exit status 1."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except HandoutError as error:
            raise click.ClickException(str(error)) from None

    return run  # type: ignore[return-value]


def _common_options(command: F) -> F:
    for option in reversed([
        click.argument("content", required=False,
                       type=click.Path(path_type=Path, dir_okay=False)),
        click.option("--weeks", type=click.IntRange(1, 52), default=1, show_default=True,
                     help="Number of weekly tracking sheets."),
        click.option("--start-date", type=_IsoDate(),
                     help="Date the tracking sheets from the week of this day."),
        click.option("--allow-incomplete", is_flag=True,
                     help="Build a language even if some messages are untranslated (they "
                          "print in English)."),
        click.option("--large-print", is_flag=True,
                     help="Body text of 16 pt, one exercise per page, bigger boxes."),
        click.option("--mono", is_flag=True, help="No colour, for black-and-white printers."),
        click.option("--fillable", is_flag=True,
                     help="Make the tracking sheet a form to fill in on a phone or computer."),
        click.option("--templates", type=click.Path(path_type=Path, file_okay=False,
                                                    exists=True),
                     help="Folder of templates that extend or replace the built-in ones."),
    ]):
        command = option(command)
    return command


def _variants(**options: Any) -> dict[str, Any]:
    """The options shared by build and batch, as BuildOptions fields."""
    return {
        "weeks": options["weeks"], "start_date": options["start_date"],
        "allow_incomplete": options["allow_incomplete"], "large_print": options["large_print"],
        "mono": options["mono"], "fillable": options["fillable"],
        "templates": options["templates"], "clinic": click.get_current_context().obj,
    }


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handout")
@click.option("--config", type=click.Path(path_type=Path, dir_okay=False),
              help=f"Clinic profile (TOML) [default: ./{PROFILE_NAME} if present].")
@click.pass_context
@_reports_errors
def cli(ctx: click.Context, config: Path | None) -> None:
    """Make printable, illustrated, translated patient exercise handouts."""
    path = config or (Path(PROFILE_NAME) if Path(PROFILE_NAME).is_file() else None)
    if path is None:
        return
    profile = load_profile(path)
    ctx.obj = profile.clinic
    build_defaults: dict[str, Any] = {}
    batch_defaults: dict[str, Any] = {}
    if "paper" in profile.defaults:
        build_defaults["paper"] = batch_defaults["papers"] = profile.defaults["paper"]
    if "languages" in profile.defaults:
        build_defaults["lang"] = profile.defaults["languages"][0]
        batch_defaults["languages"] = ",".join(profile.defaults["languages"])
    if "templates" in profile.defaults:
        build_defaults["templates"] = batch_defaults["templates"] = profile.defaults["templates"]
    ctx.default_map = {"build": build_defaults, "batch": batch_defaults}


@cli.command()
@_common_options
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True,
              help="Language of the handout.")
@click.option("--paper", type=click.Choice(list(PAPERS)), default="letter", show_default=True,
              help="Paper size.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="PDF file to write [default: output/ID-LANG-PAPER.pdf].")
@click.option("--patient", help="The patient's name, printed on page 1.")
@click.option("--clinician", help="The clinician's name [default: from the profile].")
@click.option("--date", "handout_date", type=_IsoDate(), help="The date printed on page 1.")
@click.option("--exercise", "exercises", multiple=True, metavar="ID",
              help="Include this exercise; repeat to choose several, in order.")
@click.option("--dose", "doses", multiple=True, metavar="ID=DOSE",
              help="Prescribe a dose for one exercise, e.g. walking='20 minutes a day'.")
@click.option("--notes", help="Notes from the clinician, printed in a box on page 1.")
@_reports_errors
def build(
    content: Path | None, lang: str, paper: str, output: Path | None, patient: str | None,
    clinician: str | None, handout_date: date | None, exercises: tuple[str, ...],
    doses: tuple[str, ...], notes: str | None, **variants: Any,
) -> None:
    """Build a handout PDF from CONTENT (a YAML file; default: the leg-numbness handout)."""
    person = Patient(
        name=patient, clinician=clinician, date=handout_date, notes=notes,
        exercises=exercises, doses=tuple(parse_dose(dose) for dose in doses),
    )
    options = BuildOptions(paper=paper, language=lang, patient=person, **_variants(**variants))
    click.echo(str(build_handout(content, output, options)))


@cli.command()
@_common_options
@click.option("--lang", "languages", type=_Choices(LANGUAGES), default="all", show_default=True,
              help="Comma-separated languages, or all.")
@click.option("--paper", "papers", type=_Choices(tuple(PAPERS)), default="letter,a4",
              show_default=True, help="Comma-separated paper sizes, or all.")
@click.option("--patients", type=click.Path(path_type=Path, dir_okay=False),
              help="CSV file with one patient per row (columns: "
                   "name, language, paper, exercises, doses, notes, clinician, date).")
@click.option("-o", "--output-dir", type=click.Path(path_type=Path, file_okay=False),
              default=Path("output"), show_default=True, help="Folder for the PDFs.")
@click.option("--jobs", type=click.IntRange(1, 64), default=default_jobs(),
              show_default="the number of CPUs", help="Worker processes.")
@_reports_errors
def batch(
    content: Path | None, languages: tuple[str, ...], papers: tuple[str, ...],
    patients: Path | None, output_dir: Path, jobs: int, **variants: Any,
) -> None:
    """Build many handouts in parallel: every language and paper, or one per patient in a
    CSV file (then the first of --lang and --paper are the defaults for rows that leave
    them empty). Writes a summary and a manifest."""
    handout = load_handout(content)  # a content error is reported once, not per job
    shared = _variants(**variants)
    plan: list[Job | JobResult] = []  # in the order of the summary; results are failed rows
    if patients:
        for row in read_patients(patients):
            if not isinstance(row, RowError):
                try:  # a row's exercises and doses are checked now, to name the row
                    personalise(handout, row.patient)
                except HandoutError as error:
                    row = RowError(row.line, f"{patients}:{row.line}: {error}")
            if isinstance(row, RowError):
                plan.append(JobResult(Job(f"line {row.line}", BuildOptions(), output_dir / "-"),
                                      error=row.message))
                continue
            options = BuildOptions(
                paper=row.paper or papers[0], language=row.language or languages[0],
                patient=row.patient, **shared,
            )
            name = f"{handout.id}-{file_stem(row.line, row.patient.name or '')}-" \
                   f"{options.language}-{options.paper}.pdf"
            plan.append(Job(f"line {row.line}", options, output_dir / name, content))
    else:
        for language in languages:
            for paper in papers:
                options = BuildOptions(paper=paper, language=language, **shared)
                output = output_dir / default_output_name(handout, options)
                plan.append(Job(f"{language} {paper}", options, output, content))
    work = [item for item in plan if isinstance(item, Job)]
    with click.progressbar(length=len(work), label="Building", file=sys.stderr) as bar:
        built = iter(run_batch(work, jobs, on_result=lambda _: bar.update(1)))
    results = [next(built) if isinstance(item, Job) else item for item in plan]
    _print_summary(results)
    manifest = write_manifest(results, output_dir)
    click.echo(f"Manifest: {manifest}")
    failed = [result for result in results if not result.ok]
    if failed:
        raise click.ClickException(f"{len(failed)} of {len(results)} handouts failed")


def _print_summary(results: list[JobResult]) -> None:
    rows = [("job", "file", "pages", "KB", "result")]
    for result in results:
        rows.append((
            result.job.label,
            result.job.output.name if result.ok else "-",
            str(result.pages) if result.ok else "-",
            f"{result.size / 1024:.0f}" if result.ok else "-",
            "ok" if result.ok else f"FAILED: {result.error}",
        ))
    widths = [max(len(row[column]) for row in rows) for column in range(4)]  # last: unpadded
    for row in rows:
        padded = [cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True)]
        click.echo("  ".join([*padded, row[4]]))


@cli.command()
@_reports_errors
def languages() -> None:
    """List each language: its name, how complete it is, and whether it was reviewed."""
    for language in LANGUAGES:
        status = language_status(language)
        percent = 100 * status.translated // status.total if status.total else 0
        if language == "en":
            review = "source text"
        elif status.reviewed_by:
            review = f"reviewed by {status.reviewed_by}"
        else:
            review = "not reviewed"
        fuzzy = f", {status.fuzzy} changed" if status.fuzzy else ""
        click.echo(
            f"{language:<8} {_padded(status.name, 22)} {percent:>3}% ({status.translated}/"
            f"{status.total}{fuzzy})  {review}"
        )


def _padded(text: str, width: int) -> str:
    """`text` padded to `width` terminal columns; East Asian wide characters take two."""
    columns = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
    return text + " " * max(0, width - columns)


if __name__ == "__main__":
    cli()
