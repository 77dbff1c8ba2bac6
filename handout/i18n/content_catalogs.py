"""A content file's own translations: catalogs a clinic keeps beside its content.

`handout translate knee.yaml --lang es` writes `locale/es/LC_MESSAGES/<id>.po` next to
`knee.yaml`, in the layout Poedit and pybabel read; a build of `knee.yaml` in Spanish takes
its content's messages from there and the template wording from the shipped catalogs. The
catalogs are read from their `.po` source at each build, so there is no compiled file to
fall out of date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from handout import __version__
from handout.content.loading import MAX_CONTENT_BYTES, MAX_TEXT, parse_handout
from handout.errors import HandoutError
from handout.files import read_input, read_text_input, write_output
from handout.i18n.catalogs import (
    REVIEW_FIELD,
    Review,
    babel_locale,
    catalog_name,
    content_messages,
    messages_checksum,
    review_in,
    review_state,
    shipped_messages,
)
from handout.languages import SOURCE_LANGUAGE, check_language

LOCALE_FOLDER = "locale"
MAX_CATALOG_BYTES = 5_000_000
MAX_PLURALS = 6  # Arabic has the most plural forms of any language
_PLURALS = re.compile(rb"nplurals\s*=\s*(\d{1,12})")
_PLACEHOLDER = re.compile(r"%\(\w+\)s|%s")
_REVIEW_LINE = re.compile(rf"#\s*{REVIEW_FIELD}:")


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
    _check_no_links(content.parent, path)
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


def _check_no_links(base: Path, path: Path) -> None:
    """Refuse to write through a symbolic link between the content's folder and its catalog:
    a link could send the catalog anywhere on the disk."""
    current = base
    for part in path.relative_to(base).parts:
        current = current / part
        if current.is_symlink():
            raise HandoutError(f"{current} is a symbolic link; refusing to write through it")


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
    for source, text in done.items():
        _check_translation(path, source, text)
    reviewed = review_state(review_in(catalog.header_comment or ""), done).startswith("reviewed")
    return done, reviewed


def _check_translation(path: Path, source: str, text: str) -> None:
    """A translation is text of a sane length, with the placeholders of its English."""
    where = f"{path}: the translation of '{source[:40]}'"
    if len(text) > MAX_TEXT:
        raise HandoutError(f"{where} is {len(text):,} characters long; the limit is {MAX_TEXT:,}")
    if any(_unprintable(char) for char in text):
        raise HandoutError(f"{where} contains control characters")
    if sorted(_PLACEHOLDER.findall(text)) != sorted(_PLACEHOLDER.findall(source)):
        raise HandoutError(f"{where} must keep the placeholders of the English, such as %(phone)s")
    if _PLACEHOLDER.sub("", text).count("%") != _PLACEHOLDER.sub("", source).count("%"):
        raise HandoutError(f"{where} has a % the English does not have; write %% for a % sign")


def _unprintable(char: str) -> bool:
    code = ord(char)
    return code < 32 or 0x7F <= code < 0xA0 or code in (0xFFFE, 0xFFFF) or 0xD800 <= code < 0xE000


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


def sign_review(path: Path, name: str, day: str) -> Review:
    """Record in the catalog at `path` (a regular file, not a link) that `name` reviewed its
    messages as they are now; the file is replaced in one step."""
    if path.is_symlink():
        raise HandoutError(f"{path} is a symbolic link; give the catalog itself")
    catalog = _read_catalog(path)
    review = Review(name, day, messages_checksum(translated_messages(catalog)))
    lines = read_text_input(path, "catalog", MAX_CATALOG_BYTES).split("\n")
    header_end = next((index for index, line in enumerate(lines) if line.startswith("msgid")), None)
    if header_end is None:
        raise HandoutError(f"{path}: not a PO catalog (no msgid)")
    kept = [line for line in lines[:header_end] if not _REVIEW_LINE.match(line)]
    comments = [line for line in kept if line.startswith("#")]
    rest = kept[len(comments) :]
    text = "\n".join([*comments, review.line(), *rest, *lines[header_end:]])
    write_output(path, text.encode("utf-8"))
    return review


def _read_catalog(path: Path) -> Catalog:
    data = read_input(path, "catalog", MAX_CATALOG_BYTES)
    plurals = _PLURALS.search(data)
    if plurals and int(plurals.group(1)) > MAX_PLURALS:
        # Babel makes room for every plural form of every message before anything else.
        raise HandoutError(f"{path}: Plural-Forms asks for {int(plurals.group(1))} forms")
    try:
        return read_po(BytesIO(data), abort_invalid=True)
    except Exception as error:  # Babel reports a broken catalog with several error types
        raise HandoutError(f"{path}: not a readable PO catalog ({error})") from None
