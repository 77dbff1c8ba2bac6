"""Each catalog keeps to its language's glossary (handout/locale/LL/glossary.tsv): wherever the
English uses an agreed term, the translation uses the agreed word, so a patient meets one word
for one thing on every page."""

from __future__ import annotations

import csv
import itertools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from handout.content.model import Handout
from handout.i18n.catalogs import catalog_name, locale_dir
from handout.languages import LANGUAGES, SOURCE_LANGUAGE

TRANSLATED = [language for language in LANGUAGES if language != SOURCE_LANGUAGE]
HEADER = ["term", "translation", "note"]
# The row naming the form of address; it is a style, not a word the English contains.
REGISTER = "register"
# A translation cell may list a few forms of one word (cases, a verb form), any of which counts.
ALTERNATIVES = "|"
DOSE_LABELS = ("How often", "How long", "How many")
# Agreed in every language, besides the exercise names, which come from the content.
REQUIRED = frozenset(
    {
        "numbness",
        "tracking sheet",
        *(label.lower() for label in DOSE_LABELS),
        "dose",
        "emergency number",
        REGISTER,
    }
)


@dataclass(frozen=True)
class Term:
    english: str
    forms: tuple[str, ...]
    note: str


def glossary_path(language: str) -> Path:
    return locale_dir() / catalog_name(language) / "glossary.tsv"


def glossary_rows(language: str) -> list[list[str]]:
    with glossary_path(language).open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))


def glossary(language: str) -> dict[str, Term]:
    terms = {}
    for english, translation, note in glossary_rows(language)[1:]:
        forms = tuple(form.strip() for form in translation.split(ALTERNATIVES))
        terms[english] = Term(english, forms, note)
    return terms


def messages(language: str) -> dict[str, str]:
    path = locale_dir() / catalog_name(language) / "LC_MESSAGES" / "handout.po"
    with path.open("rb") as stream:
        return {message.id: message.string for message in read_po(stream) if message.id}


def folded(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def mentions(english: str, term: str) -> bool:
    return re.search(rf"\b{re.escape(term)}\b", english, re.IGNORECASE) is not None


def uses(translation: str, term: Term) -> bool:
    # Contained rather than a whole word: Chinese has no spaces, and Korean particles and
    # Arabic clitics are written joined to the word they belong to.
    return any(folded(form) in folded(translation) for form in term.forms)


def exercise_term(name: str) -> str:
    """The glossary term for an exercise: "Leg Swinging Exercise" is "leg swinging"."""
    return re.sub(r"\s+exercises?$", "", name.strip(), flags=re.IGNORECASE).lower()


def checked_terms(language: str) -> list[Term]:
    return [term for term in glossary(language).values() if term.english != REGISTER]


@pytest.mark.parametrize("language", TRANSLATED)
def test_glossary_is_a_table_of_term_translation_and_note(language: str):
    rows = glossary_rows(language)
    assert rows[0] == HEADER
    assert all(len(row) == len(HEADER) for row in rows), "a row has a tab too many or too few"
    terms = [row[0] for row in rows[1:]]
    assert len(terms) == len(set(terms)), "a term is listed twice"
    for term in glossary(language).values():
        assert term.english == term.english.strip().lower(), term.english
        assert all(term.forms), f"{term.english!r} has an empty translation"


@pytest.mark.parametrize("language", TRANSLATED)
def test_glossary_agrees_the_exercise_names_and_the_key_terms(language: str, handout: Handout):
    wanted = REQUIRED | {exercise_term(exercise.name) for exercise in handout.exercises}
    assert wanted <= set(glossary(language)), sorted(wanted - set(glossary(language)))


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_glossary_term_occurs_in_the_english(language: str):
    # A misspelt or stale term would otherwise check nothing.
    english = list(messages(language))
    unused = [
        term.english
        for term in checked_terms(language)
        if not any(mentions(message, term.english) for message in english)
    ]
    assert not unused


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalog_uses_the_agreed_word_wherever_the_english_has_the_term(language: str):
    catalog = messages(language)
    departures = [
        f"{term.english!r} -> {' | '.join(term.forms)!r} missing from {translation!r}"
        f" (for {english!r})"
        for term in checked_terms(language)
        for english, translation in catalog.items()
        if mentions(english, term.english) and not uses(translation, term)
    ]
    assert not departures, "\n".join(departures)


@pytest.mark.parametrize("language", TRANSLATED)
def test_dose_labels_read_differently(language: str):
    # A label inside another ("how many times" in "how many times to repeat") reads as the same.
    catalog = messages(language)
    labels = [folded(catalog[label]) for label in DOSE_LABELS]
    assert len(set(labels)) == len(labels)
    for one, other in itertools.permutations(labels, 2):
        assert one not in other, (one, other)


@pytest.mark.parametrize("language", TRANSLATED)
def test_register_is_one_the_catalog_uses(language: str):
    register = glossary(language)[REGISTER]
    assert any(uses(translation, register) for translation in messages(language).values())
