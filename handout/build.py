"""Building handouts: the typed functions behind the command line, for any Python caller."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from handout import __version__
from handout.content.clinic import Clinic, checked_logo
from handout.content.loading import load_handout
from handout.content.model import Handout
from handout.content.patient import Patient, personalise
from handout.dates import MAX_WEEKS, check_date
from handout.document.elements import (
    Block,
    Callout,
    Contact,
    Document,
    ExerciseCard,
    Letterhead,
    Movement,
    texts,
)
from handout.document.parse import parse_document
from handout.errors import HandoutError, error_boundary
from handout.files import write_output
from handout.i18n.catalogs import Translator, catalog_name, numbers_in, translate
from handout.i18n.content_catalogs import load_translations
from handout.i18n.weeks import long_date, tracking_weeks
from handout.languages import SOURCE_LANGUAGE, check_language
from handout.layout.flowables import Layout
from handout.layout.page import MARGIN_SIDE
from handout.layout.theme import make_theme
from handout.links import checked_link
from handout.papers import PAPERS, check_paper
from handout.pdf.writer import RenderedPdf, furniture_drawer, render_pdf
from handout.pictures.model import Picture
from handout.templating.render import MAIN_TEMPLATE, render_template, template_environment
from handout.templating.sandbox import template_function
from handout.text import GlyphCoverageError, check_coverage, profile_for

NOTE_LINES = 6


@dataclass(frozen=True)
class BuildOptions:
    paper: str = "letter"
    weeks: int = 1
    start_date: date | None = None
    language: str = SOURCE_LANGUAGE
    allow_incomplete: bool = False
    clinic: Clinic | None = None
    patient: Patient = field(default_factory=Patient)
    large_print: bool = False
    mono: bool = False
    fillable: bool = False
    templates: Path | None = None  # a folder whose templates override the built-in ones
    # The content's own catalogs (LOCALE/LL/LC_MESSAGES/ID.po), for content other than ours.
    translations: Path | None = None

    @property
    def personal(self) -> bool:
        """Made for one patient: their name, notes or doses are in it."""
        return self.patient != Patient()

    def __post_init__(self) -> None:
        check_paper(self.paper)
        if not 1 <= self.weeks <= MAX_WEEKS:
            raise HandoutError(f"weeks must be between 1 and {MAX_WEEKS}, not {self.weeks}")
        check_language(self.language)
        if self.start_date is not None:
            check_date(self.start_date, "the tracking sheets' start date")


def default_output_name(handout: Handout, options: BuildOptions) -> str:
    return f"{handout.id}-{options.language}-{options.paper}.pdf"


def compose_document(handout: Handout, options: BuildOptions) -> Document:
    """Content and options through the templates into the document vocabulary, translated.

    A message without an up-to-date translation is an error unless `allow_incomplete`.
    """
    translator = _translator(handout, options)
    clinic, patient = options.clinic, options.patient
    # The clinician's own words are not messages: personalise after translating.
    content = personalise(translate(handout, translator.content_gettext), patient)
    extra_dirs = (options.templates,) if options.templates else ()
    context: dict[str, Any] = {
        "_": template_function(translator.gettext),
        "handout": content,
        "lang": options.language,
        "reviewed": translator.reviewed,
        "incomplete": bool(translator.missing),
        "author": clinic.name if clinic else f"handout {__version__}",
        "clinic": clinic.template_data() if clinic else None,
        "patient_name": patient.name,
        "clinician": patient.clinician or (clinic.clinician if clinic else None),
        "handout_date": patient.date and long_date(patient.date, options.language),
        "notes": patient.notes,
        "large_print": options.large_print,
        "fillable": options.fillable,
        # Dated from the start date, else from the handout's date: a day can then be ticked
        # under its own date.
        "weeks": tracking_weeks(
            options.language, options.weeks, options.start_date or patient.date
        ),
        "note_lines": NOTE_LINES,
    }
    source = render_template(template_environment(extra_dirs), context)
    if translator.missing and not context["incomplete"]:
        # The template's own wording was untranslated: say so, so the notice stays honest.
        source = render_template(template_environment(extra_dirs), {**context, "incomplete": True})
    document = parse_document(source, template=MAIN_TEMPLATE)
    _check_references(document, options)
    _check_glyphs(document, translator, options.language)
    if translator.missing and not options.allow_incomplete:
        shown = "; ".join(f"'{_short(message)}'" for message in translator.missing[:3])
        more = len(translator.missing) - 3
        advice = (
            f"translate them in {options.translations}/{catalog_name(options.language)}/"
            f"LC_MESSAGES/{handout.id}.po (see handout translate)"
            if options.translations
            else "update the catalog"
        )
        raise HandoutError(
            f"language '{options.language}': {len(translator.missing)} messages are untranslated"
            f" or changed since translation ({shown}{f' and {more} more' if more > 0 else ''});"
            f" {advice} or use --allow-incomplete"
        )
    return document


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _translator(handout: Handout, options: BuildOptions) -> Translator:
    if options.translations is None:
        return Translator(options.language)
    messages, reviewed = load_translations(options.translations, handout.id, options.language)
    return Translator(options.language, messages, reviewed)


def _check_references(document: Document, options: BuildOptions) -> None:
    """What a template points at gets the profile's checks, wherever it stands (in a box, in
    a card): a logo is the clinic's own (or an image in the clinic's templates folder), a QR
    code's link has a safe scheme."""
    clinic_logo = options.clinic.logo if options.clinic else None
    for block in _every_block(document.blocks):
        if isinstance(block, Letterhead) and block.logo and block.logo != clinic_logo:
            folder = options.templates
            if folder is None or not Path(block.logo).resolve().is_relative_to(folder.resolve()):
                raise HandoutError(
                    f"template {MAIN_TEMPLATE}: <logo src='{block.logo[:60]}'> must be the "
                    "clinic's logo or an image in the templates folder"
                )
            checked_logo(Path(block.logo).resolve())
        if isinstance(block, Contact) and block.qr_link:
            checked_link(block.qr_link, f"template {MAIN_TEMPLATE}: <qr href>")


def _every_block(blocks: tuple[Block, ...]) -> Iterator[Block]:
    for block in blocks:
        yield block
        if isinstance(block, (Callout, ExerciseCard, Movement)):
            yield from _every_block(block.blocks)


def _pictures(handout: Handout) -> dict[str, Picture]:
    """Each drawing by the id a template's <figure ref> names: an exercise's or a part's. The
    patient's handout's, so a prescribed dose's picture has no clock of the general one."""
    pictures: dict[str, Picture] = {}
    for exercise in handout.exercises:
        named = [(exercise.id, exercise.picture), *((p.id, p.picture) for p in exercise.parts)]
        pictures.update((name, picture.drawing) for name, picture in named if picture)
    return pictures


def _check_glyphs(document: Document, translator: Translator, language: str) -> None:
    """Refuse text no shipped font can draw, naming the characters and where they come from:
    a message of the catalog if it is one, else the element that prints it."""
    profile = profile_for(language)
    try:
        check_coverage(texts(document), profile)
    except GlyphCoverageError as error:
        # Only now look for the message it came from: the document check is one pass.
        messages = ((f"message '{message}'", text) for message, text in translator.used.items())
        try:
            check_coverage(messages, profile)
        except GlyphCoverageError as from_message:
            raise HandoutError(str(from_message)) from None
        raise HandoutError(str(error)) from None


@error_boundary
def render_handout(handout: Handout, options: BuildOptions) -> RenderedPdf:
    """The finished PDF of `handout`."""
    theme = make_theme(
        options.language,
        large_print=options.large_print,
        mono=options.mono,
        accent=options.clinic.accent if options.clinic else None,
    )
    document = compose_document(handout, options)
    page_size = PAPERS[options.paper]
    pictures = _pictures(personalise(handout, options.patient))
    layout = Layout(
        theme,
        page_size[0] - 2 * MARGIN_SIDE,
        fillable=options.fillable,
        pictures=pictures,
        continued_label=document.furniture.continued,
    )
    return render_pdf(
        layout.flowables(document.blocks),
        page_size=page_size,
        metadata=document.metadata,
        lang=document.lang,
        theme=theme,
        furniture=furniture_drawer(
            document.furniture, theme, page_size[0], numbers_in(options.language)
        ),
    )


@error_boundary
def build_handout(
    content: Path | None = None,
    output: Path | str | None = None,
    options: BuildOptions | None = None,
) -> Path:
    """Build one handout PDF and return where it was written: `output` is the file, or a
    folder for the default name when it is one or ends in a slash."""
    options = options or BuildOptions()
    handout = load_handout(content)
    folder = output is None or str(output).endswith(os.sep) or Path(output).is_dir()
    target = Path(output or "output")
    if folder:
        target = target / default_output_name(handout, options)
    write_output(target, render_handout(handout, options).data, private=options.personal)
    return target
