"""The command line: parses options and calls the typed functions behind it."""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click
from click.core import ParameterSource

from handout import __version__
from handout.content.clinic import PROFILE_NAME
from handout.dates import MAX_WEEKS
from handout.errors import HandoutError, unexpected_error_message
from handout.languages import LANGUAGES, SOURCE_LANGUAGE
from handout.papers import PAPERS

if TYPE_CHECKING:
    from handout.batch.jobs import JobResult
    from handout.build import BuildOptions

    _DateType = click.ParamType[date]
    _ChoicesType = click.ParamType[tuple[str, ...]]
else:  # ParamType is generic from Click 8.4
    _DateType = _ChoicesType = click.ParamType

# The commands import the stages they run when they run: `handout --help` and option errors
# stay quick, and a command pays only for what it uses.

F = TypeVar("F", bound=Callable[..., Any])
TRANSLATIONS = tuple(language for language in LANGUAGES if language != SOURCE_LANGUAGE)


class _IsoDate(_DateType):
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


class _Choices(_ChoicesType):
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
            self.fail(f"'{value}' is not a list of {', '.join(self.choices)} (or all)", param, ctx)
        return tuple(dict.fromkeys(items))


def _reports_errors(command: F) -> F:
    """Every failure is one line and exit status 1: a HandoutError as it is worded, anything
    else by its kind, never a traceback."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except HandoutError as error:
            raise click.ClickException(_printable(str(error))) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort, BrokenPipeError):
            raise
        except Exception as error:
            raise click.ClickException(_printable(unexpected_error_message(error))) from None

    return cast(F, run)  # with the signature of `command`, by `wraps`


def _printable(text: str) -> str:
    """One line any terminal can show as it is: line breaks become spaces, other control
    characters (a terminal's escape sequences among them) and bytes that were not UTF-8
    come back as escapes."""
    shown = []
    for character in text:
        code = ord(character)
        if character in "\r\n\v\f\x85\u2028\u2029":
            shown.append(" ")
        elif (code < 32 and character != "\t") or 0x7F <= code < 0xA0:
            shown.append(f"\\x{code:02x}")
        else:
            shown.append(character)
    return "".join(shown).encode("utf-8", "backslashreplace").decode("utf-8")


_CONFIG_HELP = f"Clinic profile (TOML) [default: ./{PROFILE_NAME} if present]."


def _config_option(command: F) -> F:
    return click.option(
        "--config", type=click.Path(path_type=Path, dir_okay=False), help=_CONFIG_HELP
    )(command)


def _common_options(command: F) -> F:
    for option in reversed(
        [
            click.argument(
                "content", required=False, type=click.Path(path_type=Path, dir_okay=False)
            ),
            click.option(
                "--weeks",
                type=click.IntRange(1, MAX_WEEKS),
                default=1,
                show_default=True,
                help="Number of weekly tracking sheets.",
            ),
            click.option(
                "--start-date",
                type=_IsoDate(),
                help="Date the tracking sheets from the week of this day.",
            ),
            click.option(
                "--allow-incomplete",
                is_flag=True,
                help="Build a language even if some messages are untranslated (they "
                "print in English).",
            ),
            click.option(
                "--large-print",
                is_flag=True,
                help="Body text of 16 pt, one exercise per page, bigger boxes.",
            ),
            click.option("--mono", is_flag=True, help="No colour, for black-and-white printers."),
            click.option(
                "--fillable",
                is_flag=True,
                help="Make the tracking sheet a form to fill in on a phone or computer.",
            ),
            click.option(
                "--templates",
                type=click.Path(path_type=Path, file_okay=False, exists=True),
                help="Folder of templates that extend or replace the built-in ones.",
            ),
            _config_option,
        ]
    ):
        command = option(command)
    return command


def _profile_options(ctx: click.Context, config: Path | None) -> dict[str, Any]:
    """The profile's clinic and defaults merged into the options: an option typed on the
    command line wins over the profile, the profile over the built-in default.

    Read here, in the command, rather than when the group starts: a broken profile then
    never stands in the way of `--help`, and `--config` works on either side of the command.
    """
    options = dict(ctx.params)
    path = config or (ctx.obj or {}).get("config")
    if path is None and Path(PROFILE_NAME).is_file():
        path = Path(PROFILE_NAME)
    options["clinic"] = None
    if path is None:
        return options
    from handout.content.clinic import load_profile

    profile = load_profile(path)
    options["clinic"] = profile.clinic
    for name, value in profile.option_defaults(ctx.command.name or "").items():
        if ctx.get_parameter_source(name) in (ParameterSource.DEFAULT, None):
            options[name] = value
    return options


def _base_options(options: dict[str, Any], **fields: Any) -> BuildOptions:
    from handout.build import BuildOptions
    from handout.i18n.content_catalogs import translations_folder

    content = options["content"]
    return BuildOptions(
        weeks=options["weeks"],
        start_date=options["start_date"],
        allow_incomplete=options["allow_incomplete"],
        large_print=options["large_print"],
        mono=options["mono"],
        fillable=options["fillable"],
        templates=options["templates"],
        clinic=options["clinic"],
        translations=translations_folder(content) if content else None,
        **fields,
    )


class _OneLineErrors(click.Group):
    """Usage errors on one line too, with where to find help, rather than Click's usage
    block: a script or a web page that runs the command shows the line as it is."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **kwargs: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **kwargs)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **kwargs)
        except click.UsageError as error:
            hint = f" (see '{error.ctx.command_path} --help')" if error.ctx else ""
            click.echo(f"Error: {_printable(error.format_message())}{hint}", err=True)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except click.Abort:
            click.echo("Aborted.", err=True)
            sys.exit(1)
        except BrokenPipeError:  # the reader went away (`handout languages | head`)
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


@click.group(cls=_OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handout")
@_config_option
@click.pass_context
def cli(ctx: click.Context, config: Path | None) -> None:
    """Make printable, illustrated, translated patient exercise handouts."""
    ctx.obj = {"config": config}


@cli.command()
@_common_options
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default="en",
    show_default=True,
    help="Language of the handout.",
)
@click.option(
    "--paper",
    type=click.Choice(list(PAPERS)),
    default="letter",
    show_default=True,
    help="Paper size.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="PDF file to write, or a folder (ending in /) to write it in "
    "[default: output/ID-LANG-PAPER.pdf].",
)
@click.option("--patient", help="The patient's name, printed on page 1.")
@click.option("--clinician", help="The clinician's name [default: from the profile].")
@click.option("--date", "handout_date", type=_IsoDate(), help="The date printed on page 1.")
@click.option(
    "--exercise",
    "exercises",
    multiple=True,
    metavar="ID",
    help="Include this exercise; repeat to choose several, in order.",
)
@click.option(
    "--dose",
    "doses",
    multiple=True,
    metavar="ID=DOSE",
    help="Prescribe a dose for one exercise, e.g. walking='20 minutes a day'.",
)
@click.option("--notes", help="Notes from the clinician, printed in a box on page 1.")
@click.pass_context
@_reports_errors
def build(ctx: click.Context, /, config: Path | None, **_: Any) -> None:
    """Build a handout PDF from CONTENT (a YAML file; default: the leg-numbness handout)."""
    from handout.build import build_handout
    from handout.content.patient import Patient
    from handout.content.patients import parse_dose

    options = _profile_options(ctx, config)
    person = Patient(
        name=options["patient"],
        clinician=options["clinician"],
        date=options["handout_date"],
        notes=options["notes"],
        exercises=options["exercises"],
        doses=tuple(parse_dose(dose) for dose in options["doses"]),
    )
    build_options = _base_options(
        options, paper=options["paper"], language=options["lang"], patient=person
    )
    click.echo(_printable(str(build_handout(options["content"], options["output"], build_options))))


@cli.command()
@_common_options
@click.option(
    "--lang",
    "languages",
    type=_Choices(LANGUAGES),
    default="all",
    show_default=True,
    help="Comma-separated languages, or all.",
)
@click.option(
    "--paper",
    "papers",
    type=_Choices(tuple(PAPERS)),
    default="letter,a4",
    show_default=True,
    help="Comma-separated paper sizes, or all.",
)
@click.option(
    "--patients",
    type=click.Path(path_type=Path, dir_okay=False),
    help="CSV file with one patient per row (columns: "
    "name, language, paper, exercises, doses, notes, clinician, date).",
)
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("output"),
    show_default=True,
    help="Folder for the PDFs.",
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=lambda: _cpus(),
    show_default="the number of CPUs",
    help="Worker processes.",
)
@click.pass_context
@_reports_errors
def batch(ctx: click.Context, /, config: Path | None, **_: Any) -> None:
    """Build many handouts in parallel: every language and paper, or one per patient in a
    CSV file (then the first of --lang and --paper are the defaults for rows that leave
    them empty). Writes a summary and a manifest."""
    from handout.batch.jobs import build_batch

    options = _profile_options(ctx, config)
    languages, papers = options["languages"], options["papers"]
    base = _base_options(options, language=languages[0], paper=papers[0])
    with _Progress() as progress:
        report = build_batch(
            options["content"],
            base,
            options["output_dir"],
            workers=options["jobs"],
            languages=languages,
            papers=papers,
            patients=options["patients"],
            progress=progress.show,
        )
    _print_summary(report.results)
    click.echo(_printable(f"Manifest: {report.manifest}"))
    if report.failed:
        raise click.ClickException(f"{len(report.failed)} of {len(report.results)} handouts failed")


def _cpus() -> int:
    from handout.batch.jobs import default_jobs

    return default_jobs()


class _Progress:
    """A progress bar on stderr, drawn once the number of jobs is known."""

    def __init__(self) -> None:
        self.bar: Any = None

    def show(self, done: int, total: int) -> None:
        if not sys.stderr.isatty():  # a log or a web server: the summary says it all
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Building", file=sys.stderr)
            self.bar.__enter__()
        else:
            self.bar.update(1)

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _print_summary(results: list[JobResult]) -> None:
    rows = [("job", "file", "pages", "KB", "result")]
    for result in results:
        rows.append(
            (
                result.job.label,
                result.job.output.name if result.ok else "-",
                str(result.pages) if result.ok else "-",
                f"{result.size / 1024:.0f}" if result.ok else "-",
                "ok" if result.ok else f"FAILED: {result.error}",
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(4)]  # last: unpadded
    for row in rows:
        padded = [cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True)]
        click.echo(_printable("  ".join([*padded, row[4]])))


@cli.command()
@click.argument("content", required=False, type=click.Path(path_type=Path, dir_okay=False))
@_reports_errors
def languages(content: Path | None) -> None:
    """List each language: its name, how complete it is, and whether it was reviewed; with
    CONTENT, how far that content's own catalogs are translated."""
    from handout.content.loading import load_handout
    from handout.i18n.catalogs import language_status
    from handout.i18n.content_catalogs import catalog_status

    handout = load_handout(content) if content else None
    for language in LANGUAGES:
        status = language_status(language)
        if handout and content and language != SOURCE_LANGUAGE:
            own = catalog_status(content, handout.id, language)
            translated, total, fuzzy, review = own.translated, own.total, own.fuzzy, own.review
        else:
            translated, total, fuzzy = status.translated, status.total, status.fuzzy
            review = status.review
        percent = 100 * translated // total if total else 0
        changed = f", {fuzzy} changed" if fuzzy else ""
        click.echo(
            _printable(
                f"{language:<8} {_padded(status.name, 22)} {percent:>3}% ({translated}/"
                f"{total}{changed})  {review}"
            )
        )


@cli.command()
@click.argument("content", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--lang",
    "languages",
    type=_Choices(TRANSLATIONS),
    required=True,
    help="Comma-separated languages to translate into, or all.",
)
@_reports_errors
def translate(content: Path, languages: tuple[str, ...]) -> None:
    """Create or update CONTENT's own catalogs, locale/LL/LC_MESSAGES/ID.po beside it, for a
    translator to fill in (with Poedit or any PO editor); then `handout build CONTENT --lang
    LL` uses them."""
    from handout.i18n.content_catalogs import update_catalog

    for language in languages:
        status = update_catalog(content, language)
        changed = f", {status.fuzzy} changed since translated" if status.fuzzy else ""
        left = f"{status.left} of {status.total} messages left to translate"
        click.echo(_printable(f"{status.path}: {left}{changed}"))


@cli.command()
@click.argument("catalog", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--by",
    "reviewer",
    required=True,
    help="Name (and qualification) of the medical translator who reviewed it.",
)
@click.option("--date", "review_date", type=_IsoDate(), help="Day of the review [default: today].")
@_reports_errors
def review(catalog: Path, reviewer: str, review_date: date | None) -> None:
    """Record that a qualified medical translator reviewed CATALOG (a .po file) as it is now.
    Any later change to its translations makes it count as not reviewed again."""
    from handout.content.clinic import checked_text
    from handout.i18n.content_catalogs import sign_review

    name = checked_text(reviewer, "reviewer", 100)
    signed = sign_review(catalog, name, (review_date or date.today()).isoformat())
    click.echo(_printable(f"{catalog}: reviewed by {signed.name} on {signed.day}"))


def _padded(text: str, width: int) -> str:
    """`text` padded to `width` terminal columns; East Asian wide characters take two."""
    columns = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
    return text + " " * max(0, width - columns)
