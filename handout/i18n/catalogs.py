"""Translations: gettext catalogs per language, their completeness and their review state.

Catalogs live in handout/locale/LL/LC_MESSAGES/handout.po (compiled to .mo beside it), in the
layout pybabel, Poedit and translation platforms read. Both template wording and content text
are messages; the English text is the message id.
"""

from __future__ import annotations

import dataclasses
import gettext
import hashlib
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar, cast

from babel import Locale
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from handout.errors import HandoutError
from handout.languages import SOURCE_LANGUAGE, check_language

if TYPE_CHECKING:
    from handout.content.loading import _Mapping

DOMAIN = "handout"
# A line of the catalog's header comment naming the qualified medical translator who reviewed
# it; empty or absent means not yet reviewed. A comment, because pybabel keeps the header
# comment through `update` and `compile` but drops header fields it does not know.
REVIEW_FIELD = "Medical-Review-By"
# Fields of the content model that are identifiers, not text to translate.
_NOT_TEXT = frozenset({"id", "drawing"})
T = TypeVar("T")


def locale_dir() -> Path:
    return Path(str(files("handout") / "locale"))


def catalog_name(language: str) -> str:
    """The folder name of a language's catalog: BCP 47 "zh-Hans" is gettext's "zh_Hans"."""
    return language.replace("-", "_")


def babel_locale(language: str) -> Locale:
    return Locale.parse(catalog_name(language))


def numbers_in(language: str) -> Callable[[int], str]:
    """How the language writes a whole number: its own digits and grouping (CLDR)."""
    locale = babel_locale(language)
    return lambda number: format_decimal(number, locale=locale)


@cache
def _compiled_catalog(language: str) -> dict[Any, str]:
    """The language's compiled messages (the header is under the empty message id)."""
    path = locale_dir() / catalog_name(language) / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with path.open("rb") as stream:
            translations = gettext.GNUTranslations(stream)
        # gettext keeps the messages in a private dict, which typeshed leaves out.
        catalog: dict[Any, str] = vars(translations)["_catalog"]
        return catalog
    except FileNotFoundError:
        raise HandoutError(f"language '{language}': no compiled catalog at {path}") from None
    except OSError as error:
        raise HandoutError(f"language '{language}': cannot read {path} ({error})") from None


@dataclass(frozen=True)
class Review:
    """A qualified medical translator's sign-off: who, when, and a checksum of the messages
    they read, so that a catalog changed since is no longer counted as reviewed."""

    name: str
    day: str
    checksum: str

    def line(self) -> str:
        return f"# {REVIEW_FIELD}: {self.name}, {self.day}, sha256:{self.checksum}"


def messages_checksum(messages: Mapping[str, str]) -> str:
    """A short digest of translated messages, independent of their order in the file."""
    pairs = sorted((source, text) for source, text in messages.items() if source and text)
    return hashlib.sha256(json.dumps(pairs, ensure_ascii=False).encode()).hexdigest()[:16]


def review_in(header_comment: str) -> Review | None:
    """The review recorded in a catalog's header comment, or None (also for a line with no
    checksum, which cannot say what was read)."""
    match = re.search(
        rf"^#\s*{REVIEW_FIELD}:\s*(.+?),\s*(\d{{4}}-\d{{2}}-\d{{2}}),\s*sha256:([0-9a-f]{{16}})\s*$",
        header_comment,
        re.MULTILINE,
    )
    return Review(*match.groups()) if match else None


def review_state(review: Review | None, messages: Mapping[str, str]) -> str:
    """ "reviewed by NAME on DAY", or why the catalog does not count as reviewed."""
    if review is None:
        return "not reviewed"
    if review.checksum != messages_checksum(messages):
        return f"changed since reviewed by {review.name} on {review.day}: not reviewed"
    return f"reviewed by {review.name} on {review.day}"


@cache
def _header_comment(language: str) -> str:
    path = locale_dir() / catalog_name(language) / "LC_MESSAGES" / f"{DOMAIN}.po"
    try:
        return path.read_text(encoding="utf-8").split("msgid", 1)[0]
    except OSError:
        return ""


def shipped_review_state(language: str) -> str:
    return review_state(
        review_in(_header_comment(language)), _messages_of(_compiled_catalog(language))
    )


def shipped_messages(language: str) -> dict[str, str]:
    """The shipped catalog's translations for `language` (none for English)."""
    return {} if language == SOURCE_LANGUAGE else _messages_of(_compiled_catalog(language))


def _messages_of(catalog: Mapping[Any, str]) -> dict[str, str]:
    return {key: text for key, text in catalog.items() if isinstance(key, str) and key}


class Translator:
    """Looks messages up for one build and remembers those it has no translation for, so a
    build never mixes English silently into another language."""

    def __init__(
        self,
        language: str,
        content_catalog: Mapping[str, str] | None = None,
        content_reviewed: bool = False,
    ) -> None:
        """`content_catalog` translates a content file's own messages; template wording
        and the built-in content come from the shipped catalog."""
        check_language(language)
        self.language = language
        self.catalog = {} if language == SOURCE_LANGUAGE else _compiled_catalog(language)
        self.content_catalog = content_catalog or {}
        self.content_reviewed = content_reviewed
        self._missing: dict[str, None] = {}  # in the order met; a dict, to look up quickly
        self.used: dict[str, str] = {}  # message -> the text it gave

    @property
    def reviewed(self) -> bool:
        """English is the source; a translation counts once a medical translator signed the
        messages as they are."""
        if self.language == SOURCE_LANGUAGE:
            return True
        return shipped_review_state(self.language).startswith("reviewed by") and (
            not self.content_catalog or self.content_reviewed
        )

    @property
    def missing(self) -> list[str]:
        """Messages looked up with no translation, in the order first met."""
        return list(self._missing)

    def gettext(self, message: str) -> str:
        """A template's wording: from the shipped catalog only, so a content's catalog can
        never change the disclaimer, the page label or any other template text."""
        return self._looked_up(message, self.catalog.get(message))

    def content_gettext(self, message: str) -> str:
        """A content text: from the content's own catalog, else the shipped one."""
        return self._looked_up(
            message, self.content_catalog.get(message) or self.catalog.get(message)
        )

    def _looked_up(self, message: str, translated: str | None) -> str:
        if translated is None:
            if self.language != SOURCE_LANGUAGE:
                self._missing[message] = None
            translated = message
        self.used[message] = translated
        return translated


def translate(model: T, gettext_function: Callable[[str], str]) -> T:
    """A copy of a frozen content dataclass with every text translated, identifiers kept."""

    def convert(value: Any) -> Any:
        if isinstance(value, str):
            # Never the empty message: gettext answers it with the catalog's header.
            return gettext_function(value) if value else value
        if isinstance(value, tuple):
            return tuple(convert(item) for item in value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return dataclasses.replace(
                value,
                **{
                    field.name: convert(getattr(value, field.name))
                    for field in dataclasses.fields(value)
                    if field.name not in _NOT_TEXT
                },
            )
        return value

    translated: T = convert(model)
    return translated


@dataclass(frozen=True)
class LanguageStatus:
    language: str
    name: str  # in the language itself
    translated: int
    total: int
    fuzzy: int
    review: str  # "reviewed by NAME on DAY", or why not
    translator: str

    @property
    def complete(self) -> bool:
        return self.translated == self.total and not self.fuzzy


def language_status(language: str) -> LanguageStatus:
    """Completeness and review state of a language, read from its .po against the .pot."""
    check_language(language)
    name = babel_locale(language).get_display_name() or language
    template = _read_catalog(locale_dir() / f"{DOMAIN}.pot", language)
    total = sum(1 for message in template if message.id)
    if language == SOURCE_LANGUAGE:
        return LanguageStatus(language, name, total, total, 0, "source text", "")
    path = locale_dir() / catalog_name(language) / "LC_MESSAGES" / f"{DOMAIN}.po"
    catalog = _read_catalog(path, language)
    wanted = {message.id for message in template if message.id}
    translated = fuzzy = 0
    for message in catalog:
        if message.id in wanted and message.string:
            if message.fuzzy:
                fuzzy += 1
            else:
                translated += 1
    headers = dict(catalog.mime_headers)
    done = {
        message.id: message.string
        for message in catalog
        if isinstance(message.id, str)
        and message.id
        and isinstance(message.string, str)  # as it is for a message without plural forms
        and message.string
        and not message.fuzzy
    }
    return LanguageStatus(
        language,
        name,
        translated,
        total,
        fuzzy,
        review_state(review_in(catalog.header_comment), done),
        headers.get("Last-Translator", "").strip(),
    )


def _read_catalog(path: Path, language: str) -> Any:
    try:
        with path.open("rb") as stream:
            return read_po(stream)
    except FileNotFoundError:
        raise HandoutError(f"language '{language}': no catalog at {path}") from None


def extract_content(
    fileobj: BinaryIO, keywords: object, comment_tags: object, options: object
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Babel extractor for content YAML: every text except identifiers and drawing data."""
    raw = fileobj.read().decode("utf-8")
    for line, message in content_messages(raw, getattr(fileobj, "name", "?")):
        yield line, None, message, []


def content_messages(raw: str, source: str) -> Iterator[tuple[int, str]]:
    """Each message of a content file with its line: every text, numbers as written (a dose
    of `10` is a message too, since a language may write it otherwise), except identifiers
    and drawing data."""
    from handout.content.loading import parse_yaml_tree

    tree = parse_yaml_tree(raw, source=source)
    yield from _texts(tree, tree.line if hasattr(tree, "line") else 1)


def _texts(node: Any, line: int) -> Iterator[tuple[int, str]]:
    if isinstance(node, dict):
        key_lines = cast("_Mapping", node).key_lines  # as every mapping of the tree knows
        for key, value in node.items():
            if key not in _NOT_TEXT:
                yield from _texts(value, key_lines.get(key, line))
    elif isinstance(node, list):
        for item in node:
            yield from _texts(item, line)
    elif isinstance(node, str) and node.strip():
        yield line, " ".join(node.split())
    elif hasattr(node, "written"):
        yield line, node.written
