"""The command line: parses options and calls the typed functions behind it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .batch import Job, JobResult, default_jobs, run_batch, write_manifest
from .build import BuildOptions, build_handout, default_output_name
from .content import load_handout
from .errors import HandoutError
from .i18n import LANGUAGES, language_status
from .styles import PAPERS

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
    ]):
        command = option(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handout")
def cli() -> None:
    """Make printable, illustrated, translated patient exercise handouts."""


@cli.command()
@_common_options
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True,
              help="Language of the handout.")
@click.option("--paper", type=click.Choice(list(PAPERS)), default="letter", show_default=True,
              help="Paper size.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="PDF file to write [default: output/ID-LANG-PAPER.pdf].")
@_reports_errors
def build(
    content: Path | None, weeks: int, start_date: date | None, allow_incomplete: bool,
    lang: str, paper: str, output: Path | None,
) -> None:
    """Build a handout PDF from CONTENT (a YAML file; default: the leg-numbness handout)."""
    options = BuildOptions(
        paper=paper, weeks=weeks, start_date=start_date, language=lang,
        allow_incomplete=allow_incomplete,
    )
    click.echo(str(build_handout(content, output, options)))


@cli.command()
@_common_options
@click.option("--lang", "languages", type=_Choices(LANGUAGES), default="all", show_default=True,
              help="Comma-separated languages, or all.")
@click.option("--paper", "papers", type=_Choices(tuple(PAPERS)), default="letter,a4",
              show_default=True, help="Comma-separated paper sizes, or all.")
@click.option("-o", "--output-dir", type=click.Path(path_type=Path, file_okay=False),
              default=Path("output"), show_default=True, help="Folder for the PDFs.")
@click.option("--jobs", type=click.IntRange(1, 64), default=default_jobs(),
              show_default="the number of CPUs", help="Worker processes.")
@_reports_errors
def batch(
    content: Path | None, weeks: int, start_date: date | None, allow_incomplete: bool,
    languages: tuple[str, ...], papers: tuple[str, ...], output_dir: Path, jobs: int,
) -> None:
    """Build every combination of languages and papers in parallel, with a manifest."""
    handout = load_handout(content)  # a content error is reported once, not per job
    work = []
    for language in languages:
        for paper in papers:
            options = BuildOptions(
                paper=paper, weeks=weeks, start_date=start_date, language=language,
                allow_incomplete=allow_incomplete,
            )
            output = output_dir / default_output_name(handout, options)
            work.append(Job(f"{language} {paper}", options, output, content))
    with click.progressbar(length=len(work), label="Building", file=click.get_text_stream(
            "stderr")) as bar:
        results = run_batch(work, jobs, on_result=lambda _: bar.update(1))
    _print_summary(results)
    manifest = write_manifest(results, output_dir)
    click.echo(f"Manifest: {manifest}")
    failed = [result for result in results if not result.ok]
    if failed:
        raise click.ClickException(f"{len(failed)} of {len(results)} handouts failed")


def _print_summary(results: list[JobResult]) -> None:
    rows = [("file", "language", "paper", "pages", "KB", "result")]
    for result in results:
        rows.append((
            result.job.output.name, result.job.options.language, result.job.options.paper,
            str(result.pages) if result.ok else "-",
            f"{result.size / 1024:.0f}" if result.ok else "-",
            "ok" if result.ok else f"FAILED: {result.error}",
        ))
    widths = [max(len(row[column]) for row in rows) for column in range(5)]  # last: unpadded
    for row in rows:
        padded = [cell.ljust(width) for cell, width in zip(row[:5], widths, strict=True)]
        click.echo("  ".join([*padded, row[5]]))


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
            f"{language:<8} {status.name:<22} {percent:>3}% ({status.translated}/"
            f"{status.total}{fuzzy})  {review}"
        )


if __name__ == "__main__":
    cli()
