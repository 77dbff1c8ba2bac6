"""A clinic translates its own content: `handout translate` makes the catalogs beside the
content file, a build in that language uses them, and review state stays honest."""

from __future__ import annotations

import os
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pypdf
import pytest
from babel.messages.pofile import read_po, write_po

from handout.content.loading import builtin_content_path

KNEE_TITLE = "Exercises after knee surgery"


def handout_command(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """The installed command, run from the clinic's folder, as a clinic runs it."""
    environment = {**os.environ, "PYTHONPATH": ""}
    return subprocess.run(
        [sys.executable, "-m", "handout", *arguments],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        check=False,
    )


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    """A clinic's own content, with wording no shipped catalog has and a number in a dose."""
    text = builtin_content_path().read_text(encoding="utf-8")
    text = text.replace("id: leg-numbness", "id: knee", 1)
    text = text.replace(text.split("title: ", 1)[1].split("\n", 1)[0], KNEE_TITLE, 1)
    text = text.replace("how_many: 5 to 10 times with each leg", "how_many: 10", 1)
    (tmp_path / "knee.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def fill_catalog(path: Path, translate: dict[str, str] | None = None) -> dict[str, str]:
    """Translate every message of the catalog the way a translator in a PO editor would,
    with a marked stand-in text; returns English -> translation."""
    with path.open("rb") as stream:
        catalog = read_po(stream)
    done = {}
    for number, message in enumerate(catalog):
        if message.id:
            message.string = (translate or {}).get(message.id, f"Texto traducido {number}")
            message.flags.discard("fuzzy")
            done[message.id] = message.string
    stream = BytesIO()
    write_po(stream, catalog)
    path.write_bytes(stream.getvalue())
    return done


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(path).pages).split())


def test_a_clinics_content_translated_with_its_own_catalog_prints_no_english(clinic: Path):
    made = handout_command(clinic, "translate", "knee.yaml", "--lang", "es")
    assert made.returncode == 0, made.stderr
    catalog = clinic / "locale" / "es" / "LC_MESSAGES" / "knee.po"
    assert f"{catalog.relative_to(clinic)}: " in made.stdout
    assert "messages left to translate" in made.stdout
    refused = handout_command(clinic, "build", "knee.yaml", "--lang", "es", "-o", "es.pdf")
    assert refused.returncode == 1 and "knee.po" in refused.stderr  # the new title is not done
    translations = fill_catalog(catalog)
    assert translations["10"]  # a number in a dose is a message too
    built = handout_command(clinic, "build", "knee.yaml", "--lang", "es", "-o", "es.pdf")
    assert built.returncode == 0, built.stderr
    text = pdf_text(clinic / "es.pdf")
    assert translations[KNEE_TITLE] in text
    english_left = [english for english in translations if len(english) > 15 and english in text]
    assert not english_left
    assert "Antes de empezar" in text  # template wording from the shipped catalog
    listed = handout_command(clinic, "languages", "knee.yaml")
    spanish = next(line for line in listed.stdout.splitlines() if line.startswith("es "))
    assert "100%" in spanish and "not reviewed" in spanish


def test_a_catalog_starts_from_the_shipped_translations(clinic: Path):
    handout_command(clinic, "translate", "knee.yaml", "--lang", "fr")
    with (clinic / "locale" / "fr" / "LC_MESSAGES" / "knee.po").open("rb") as stream:
        catalog = read_po(stream)
    strings = {message.id: message.string for message in catalog if message.id}
    assert strings["Walking Exercise"]  # the shipped French, ready to check
    assert not strings[KNEE_TITLE] and not strings["10"]  # new wording is left to translate


def test_an_incomplete_build_says_parts_are_in_english(clinic: Path):
    handout_command(clinic, "translate", "knee.yaml", "--lang", "es")
    built = handout_command(
        clinic, "build", "knee.yaml", "--lang", "es", "--allow-incomplete", "-o", "es.pdf"
    )
    assert built.returncode == 0, built.stderr
    first_page = pypdf.PdfReader(clinic / "es.pdf").pages[0].extract_text()
    assert KNEE_TITLE in first_page
    assert "inglés" in first_page  # the notice, in Spanish, that parts are in English


def test_a_review_counts_until_the_catalog_changes(clinic: Path):
    handout_command(clinic, "translate", "knee.yaml", "--lang", "es")
    catalog = clinic / "locale" / "es" / "LC_MESSAGES" / "knee.po"
    translations = fill_catalog(catalog)
    signed = handout_command(
        clinic, "review", str(catalog), "--by", "M. Reviewer, CMI", "--date", "2026-11-30"
    )
    assert signed.returncode == 0, signed.stderr

    def spanish_line() -> str:
        listed = handout_command(clinic, "languages", "knee.yaml").stdout
        return next(line for line in listed.splitlines() if line.startswith("es "))

    assert spanish_line().endswith("reviewed by M. Reviewer, CMI on 2026-11-30")
    built = handout_command(clinic, "build", "knee.yaml", "--lang", "es", "-o", "es.pdf")
    assert built.returncode == 0, built.stderr
    fill_catalog(catalog, {KNEE_TITLE: "Ejercicios después de la cirugía de rodilla"})
    assert "changed since reviewed by M. Reviewer, CMI" in spanish_line()
    assert translations[KNEE_TITLE] != "Ejercicios después de la cirugía de rodilla"
