"""Building handouts: the typed functions behind the command line, for any Python caller."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import __version__
from .calendar import tracking_weeks
from .content import load_handout
from .document import Document, parse_document
from .errors import HandoutError
from .i18n import LANGUAGES, SOURCE_LANGUAGE, Translator, translate
from .layout import Layout
from .model import Handout
from .pdf import RenderedPdf, furniture_drawer, render_pdf
from .render import MAIN_TEMPLATE, render_template, template_environment
from .styles import MARGIN_SIDE, PAPERS, Theme

NOTE_LINES = 6
MAX_WEEKS = 52


@dataclass(frozen=True)
class BuildOptions:
    paper: str = "letter"
    weeks: int = 1
    start_date: date | None = None
    language: str = SOURCE_LANGUAGE
    allow_incomplete: bool = False
    author: str = f"handout {__version__}"

    def __post_init__(self) -> None:
        if self.paper not in PAPERS:
            raise HandoutError(f"paper '{self.paper}' is not one of {', '.join(PAPERS)}")
        if not 1 <= self.weeks <= MAX_WEEKS:
            raise HandoutError(f"weeks must be between 1 and {MAX_WEEKS}, not {self.weeks}")
        if self.language not in LANGUAGES:
            raise HandoutError(
                f"language '{self.language}' is not one of {', '.join(LANGUAGES)}"
            )


def default_output_name(handout: Handout, options: BuildOptions) -> str:
    return f"{handout.id}-{options.language}-{options.paper}.pdf"


def compose_document(handout: Handout, options: BuildOptions) -> Document:
    """Content and options through the templates into the document vocabulary, translated.

    A message without an up-to-date translation is an error unless `allow_incomplete`.
    """
    translator = Translator(options.language)
    source = render_template(template_environment(), {
        "_": translator.gettext,
        "handout": translate(handout, translator.gettext),
        "lang": options.language,
        "reviewed": translator.reviewed,
        "author": options.author,
        "weeks": tracking_weeks(options.language, options.weeks, options.start_date),
        "note_lines": NOTE_LINES,
    })
    if translator.missing and not options.allow_incomplete:
        shown = "; ".join(f"'{message}'" for message in translator.missing[:3])
        more = len(translator.missing) - 3
        raise HandoutError(
            f"language '{options.language}': {len(translator.missing)} messages are untranslated"
            f" or changed since translation ({shown}{f' and {more} more' if more > 0 else ''});"
            " update the catalog or use --allow-incomplete"
        )
    return parse_document(source, template=MAIN_TEMPLATE)


def render_handout(
    handout: Handout, options: BuildOptions, theme: Theme | None = None
) -> RenderedPdf:
    """The finished PDF of `handout`."""
    theme = theme or Theme()
    document = compose_document(handout, options)
    page_size = PAPERS[options.paper]
    layout = Layout(theme, page_size[0] - 2 * MARGIN_SIDE)
    return render_pdf(
        layout.flowables(document.blocks),
        page_size=page_size,
        metadata=document.metadata,
        lang=document.lang,
        theme=theme,
        furniture=furniture_drawer(document.furniture, theme, page_size[0]),
    )


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a part."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise HandoutError(f"cannot write to folder {folder}: {error.strerror}") from None
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise HandoutError(f"cannot write {path}: {error.strerror}") from None
        raise


def build_handout(
    content: Path | None = None, output: Path | None = None, options: BuildOptions | None = None
) -> Path:
    """Build one handout PDF and return where it was written."""
    options = options or BuildOptions()
    handout = load_handout(content)
    output = output or Path("output") / default_output_name(handout, options)
    if output.is_dir():
        raise HandoutError(f"output {output} is a folder; give a file name ending in .pdf")
    write_atomically(output, render_handout(handout, options).data)
    return output
