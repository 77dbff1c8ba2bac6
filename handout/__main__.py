"""The command line: parses options and calls the typed build functions."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from . import __version__
from .build import BuildOptions, build_handout
from .errors import HandoutError
from .styles import PAPERS


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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handout")
def cli() -> None:
    """Make printable, illustrated patient exercise handouts."""


@cli.command()
@click.argument("content", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--paper", type=click.Choice(list(PAPERS)), default="letter", show_default=True,
              help="Paper size.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="PDF file to write [default: output/ID-LANG-PAPER.pdf].")
@click.option("--weeks", type=click.IntRange(1, 52), default=1, show_default=True,
              help="Number of weekly tracking sheets.")
@click.option("--start-date", type=_IsoDate(),
              help="Date the tracking sheets from the week of this day.")
def build(
    content: Path | None, paper: str, output: Path | None, weeks: int, start_date: date | None
) -> None:
    """Build a handout PDF from CONTENT (a YAML file; default: the leg-numbness handout)."""
    options = BuildOptions(paper=paper, weeks=weeks, start_date=start_date)
    try:
        written = build_handout(content, output, options)
    except HandoutError as error:
        raise click.ClickException(str(error)) from None
    click.echo(str(written))


if __name__ == "__main__":
    cli()
