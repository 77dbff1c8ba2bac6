"""The catalogs are complete, compiled and in step with the templates and content."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from handout.i18n.catalogs import catalog_name, locale_dir
from handout.languages import LANGUAGES, SOURCE_LANGUAGE

ROOT = Path(__file__).parent.parent
TRANSLATED = [language for language in LANGUAGES if language != SOURCE_LANGUAGE]


def catalog_path(language: str, suffix: str) -> Path:
    return locale_dir() / catalog_name(language) / "LC_MESSAGES" / f"handout.{suffix}"


def test_template_lists_every_message_of_templates_and_content():
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    extracted = {message for _, _, message, _, _ in extract_from_dir(ROOT, method_map, options_map)}
    with (locale_dir() / "handout.pot").open("rb") as stream:
        template = {message.id for message in read_po(stream) if message.id}
    assert extracted == template, "run the pybabel extract step in the README"


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalog_translates_every_message_without_fuzzy_entries(language: str):
    with (locale_dir() / "handout.pot").open("rb") as stream:
        wanted = {message.id for message in read_po(stream) if message.id}
    with catalog_path(language, "po").open("rb") as stream:
        catalog = read_po(stream)
    done = {message.id for message in catalog if message.id and message.string}
    fuzzy = {message.id for message in catalog if message.id and message.fuzzy}
    assert wanted <= done
    assert not fuzzy


@pytest.mark.parametrize("language", TRANSLATED)
def test_compiled_catalog_matches_its_source(language: str):
    with catalog_path(language, "po").open("rb") as stream:
        source = read_po(stream)
    compiled_now = io.BytesIO()
    write_mo(compiled_now, source)
    compiled_now.seek(0)
    with catalog_path(language, "mo").open("rb") as stream:
        shipped = read_mo(stream)
    fresh = read_mo(compiled_now)
    assert {m.id: m.string for m in shipped} == {m.id: m.string for m in fresh}, (
        "run the pybabel compile step in the README"
    )
