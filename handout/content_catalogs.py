"""A content file's own translations: catalogs a clinic keeps beside its content.

`handout translate knee.yaml --lang es` writes `locale/es/LC_MESSAGES/<id>.po` next to
`knee.yaml`, in the layout Poedit and pybabel read; a build of `knee.yaml` in Spanish takes
its content's messages from there and the template wording from the shipped catalogs. The
catalogs are read from their `.po` source at each build, so there is no compiled file to
fall out of date.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from . import __version__
from .content import MAX_CONTENT_BYTES, parse_handout
from .errors import HandoutError
from .files import read_input, read_text_input, write_output
from .i18n import (
    REVIEW_FIELD,
    babel_locale,
    catalog_name,
    content_messages,
    review_in,
    review_state,
    shipped_messages,
)
from .languages import SOURCE_LANGUAGE, check_language

LOCALE_FOLDER = "locale"
MAX_CATALOG_BYTES = 5_000_000


@dataclass(frozen=True)
class CatalogStatus:
    path: Path
    total: int
    translated: int
    fuzzy: int
    review: str

    @property
    def left(self) -> int:
        return self.total - self.translated


def catalog_path(content: Path, handout_id: str, language: str) -> Path:
    return (
        content.parent / LOCALE_FOLDER / catalog_name(language) / "LC_MESSAGES" / f"{handout_id}.po"
    )


def translations_folder(content: Path) -> Path:
    return content.parent / LOCALE_FOLDER


def update_catalog(content: Path, language: str) -> CatalogStatus:
    """Create or update the content's catalog for `language`: new messages are added, gone
    ones kept as obsolete, changed ones marked fuzzy for the translator to check."""
    check_language(language)
    if language == SOURCE_LANGUAGE:
        raise HandoutError("English is the source language; choose a language to translate to")
    raw = read_text_input(content, "content file", MAX_CONTENT_BYTES)
    handout = parse_handout(raw, source=str(content))  # only valid content is translated
    template = Catalog(domain=handout.id, project=handout.id, fuzzy=False)
    for line, message in content_messages(raw, str(content)):
        template.add(message, locations=[(content.name, line)])
    path = catalog_path(content, handout.id, language)
    if path.exists():
        catalog = _read_catalog(path)
        catalog.update(template)
    else:
        catalog = Catalog(
            locale=babel_locale(language),
            domain=handout.id,
            project=handout.id,
            version=__version__,
            fuzzy=False,
            header_comment=f"# {handout.title}: translations of the content.\n# {REVIEW_FIELD}:\n#",
        )
        catalog.update(template)
    _fill_from_shipped(catalog, language)
    stream = BytesIO()
    write_po(stream, catalog, width=96, omit_header=False, sort_output=False, include_previous=True)
    write_output(path, stream.getvalue())
    return catalog_status(content, handout.id, language)


def _fill_from_shipped(catalog: Catalog, language: str) -> None:
    """Start each untranslated message from the shipped catalog's translation of the same
    English, where there is one, so a clinic's translator only writes what is new."""
    shipped = shipped_messages(language)
    for message in catalog:
        if (
            isinstance(message.id, str)
            and message.id
            and not message.string
            and message.id in shipped
        ):
            message.string = shipped[message.id]
            message.auto_comments = [*message.auto_comments, "From the handout's own catalog."]


def catalog_status(content: Path, handout_id: str, language: str) -> CatalogStatus:
    raw = read_text_input(content, "content file", MAX_CONTENT_BYTES)
    wanted = {message for _, message in content_messages(raw, str(content))}
    path = catalog_path(content, handout_id, language)
    if not path.exists():
        return CatalogStatus(path, len(wanted), 0, 0, "not reviewed")
    catalog = _read_catalog(path)
    done = translated_messages(catalog)
    fuzzy = sum(1 for message in catalog if message.id in wanted and message.fuzzy)
    return CatalogStatus(
        path,
        len(wanted),
        len(wanted & set(done)),
        fuzzy,
        review_state(review_in(catalog.header_comment or ""), done),
    )


def load_translations(folder: Path, handout_id: str, language: str) -> tuple[dict[str, str], bool]:
    """The content's translated messages for `language` (empty when it has no catalog),
    and whether a medical translator reviewed them as they are."""
    path = folder / catalog_name(language) / "LC_MESSAGES" / f"{handout_id}.po"
    if language == SOURCE_LANGUAGE or not path.exists():
        return {}, False
    catalog = _read_catalog(path)
    done = translated_messages(catalog)
    reviewed = review_state(review_in(catalog.header_comment or ""), done).startswith("reviewed")
    return done, reviewed


def translated_messages(catalog: Catalog) -> dict[str, str]:
    return {
        message.id: message.string
        for message in catalog
        if isinstance(message.id, str)
        and message.id
        and isinstance(message.string, str)
        and message.string
        and not message.fuzzy
    }


def _read_catalog(path: Path) -> Catalog:
    data = read_input(path, "catalog", MAX_CATALOG_BYTES)
    try:
        return read_po(BytesIO(data), abort_invalid=True)
    except Exception as error:  # Babel reports a broken catalog with several error types
        raise HandoutError(f"{path}: not a readable PO catalog ({error})") from None
