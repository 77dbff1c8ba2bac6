"""Every translated message the handout uses comes back from its printed pages, in every
language, so a paragraph, a section or a warning sign that goes missing in print fails here;
and every language prints its own day and month names, never English ones or CLDR's "M11"."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from datetime import date

import pypdf
import pypdfium2
import pytest
from babel.dates import get_day_names
from pdfcheck import RIGHT_TO_LEFT, skeleton

from handout import build as build_module
from handout.build import BuildOptions, compose_document, render_handout
from handout.content.model import Handout
from handout.content.patient import Patient
from handout.i18n.catalogs import Translator
from handout.i18n.weeks import long_date, tracking_weeks
from handout.languages import LANGUAGES, SOURCE_LANGUAGE

TRANSLATED = [language for language in LANGUAGES if language != SOURCE_LANGUAGE]
# Prescribed dose, clinician's notes and a dated sheet, so those labels print too.
OPTIONS = {
    "start_date": date(2026, 11, 23),
    "patient": Patient(
        name="Ana Ruiz",
        date=date(2026, 11, 20),
        notes="Rest on Sundays.",
        doses=(("walking", "20 minutes"),),
    ),
}
# Devanagari is drawn in visual order: the short i (ि) before the consonant it follows and a
# reph (र्) after the cluster it precedes. Both leave the comparison; the rest keeps its order.
_PLACEHOLDER = re.compile(r"%\(\w+\)s")
# Printed only in a translation no medical translator has signed.
REVIEW_NOTICE = (
    "This translation has not yet been checked by a qualified medical translator. If anything"
    " is unclear, ask your health professional."
)


def printed_texts(handout: Handout, language: str) -> list[str]:
    """The text of every page as PDFium reads it and, for right-to-left languages, as pypdf
    reads it too: each orders the runs of a right-to-left line by its own rules, and each
    misplaces a different few, so a message counts as printed when either reads it whole."""
    data = render_handout(handout, BuildOptions(language=language, **OPTIONS)).data
    pdf = pypdfium2.PdfDocument(data)
    texts = ["".join(page.get_textpage().get_text_range() for page in pdf)]
    if language in RIGHT_TO_LEFT:
        reader = pypdf.PdfReader(io.BytesIO(data))
        texts.append("".join(page.extract_text() for page in reader.pages))
    return [skeleton(text, language) for text in texts]


def printed(message: str, texts: list[str], language: str) -> bool:
    """Whether `message` is in the printed text: whole, or for a right-to-left language word
    by word, as marks and neutral characters at a run's edge are placed differently by each
    extractor."""
    parts = _PLACEHOLDER.split(message)
    if language in RIGHT_TO_LEFT:
        parts = [word for part in parts for word in part.split()]
    wanted = [skeleton(part, language) for part in parts]
    return all(any(part in text for text in texts) for part in wanted)


def not_on_paper(handout: Handout) -> set[str]:
    """Messages that go into the PDF's metadata or a picture's text alternative, not a page,
    the general dose of an exercise whose prescribed dose replaces it, and the word that marks
    a card continued on another page (this handout's cards each fit on one)."""
    hidden = {handout.subject, *handout.keywords, "continued"}
    pictured = [
        item.picture for exercise in handout.exercises for item in (exercise, *exercise.parts)
    ]
    hidden |= {
        text
        for picture in pictured
        if picture
        for text in (picture.alt, picture.prescribed_alt)
        if text
    }
    prescribed = {exercise for exercise, _ in OPTIONS["patient"].doses}
    for exercise in handout.exercises:
        steps, variants = set(exercise.steps), set(exercise.prescribed_steps or exercise.steps)
        picture = exercise.picture
        if exercise.id in prescribed:  # the general dose gives way to the prescription
            hidden |= {*exercise.dose.parts(), *(steps - variants)}
            hidden |= {picture.caption} if picture and picture.prescribed_caption else set()
        else:  # the wording for a prescription waits for one
            hidden |= variants - steps
            hidden |= (
                {picture.prescribed_caption} if picture and picture.prescribed_caption else set()
            )
    # The whole handout is printed: the wording for some exercises chosen waits too.
    hidden |= set(handout.introduction_for_some or ()) - set(handout.introduction)
    return hidden


def messages_used(handout: Handout, language: str) -> dict[str, str]:
    """Each message the build looked up, with the text it printed for it."""
    made: list[Translator] = []

    class Recording(Translator):
        def __init__(self, language: str) -> None:
            super().__init__(language)
            made.append(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build_module, "Translator", Recording)
        compose_document(handout, BuildOptions(language=language, **OPTIONS))
    return made[-1].used


@pytest.fixture(scope="module")
def english_messages(handout: Handout) -> set[str]:
    return set(messages_used(handout, SOURCE_LANGUAGE))


@pytest.mark.parametrize("language", [SOURCE_LANGUAGE, *TRANSLATED])
def test_every_message_the_handout_uses_comes_back_from_print(
    language: str, handout: Handout, english_messages: set[str]
):
    used = messages_used(handout, language)
    assert set(used) - {REVIEW_NOTICE} == english_messages, "other messages than English"
    texts = printed_texts(handout, language)
    hidden = not_on_paper(handout)
    missing = [
        message
        for message, translation in used.items()
        if message not in hidden and not printed(translation, texts, language)
    ]
    assert not missing, missing


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_tracking_sheet_prints_english_day_names(language: str):
    english = {
        name
        for width in ("wide", "abbreviated", "short")
        for name in get_day_names(width, locale="en").values()
    }
    for week in tracking_weeks(language, 2, date(2026, 11, 23)):
        assert not {day.name for day in week.days} & english
        # Two-letter short forms may coincide across languages (Creole "Sa" is Samdi).
        assert not {day.short for day in week.days if len(day.short) > 2} & english


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_date_prints_in_the_month_number_fallback(language: str):
    days = [date(2026, month, 1 + month) for month in range(1, 13)]
    written = [long_date(day, language) for day in days]
    for week in tracking_weeks(language, 1, days[10]):
        written += [week.starts or "", *(day.date or "" for day in week.days)]
    assert not [text for text in written if re.search(r"\bM\d{1,2}\b", text)], written
    assert len(set(written[:12])) == 12  # each month has its own name or number


@pytest.mark.parametrize("language", [SOURCE_LANGUAGE, *TRANSLATED])
def test_all_seven_day_names_print_on_the_sheet(language: str, handout: Handout):
    texts = printed_texts(handout, language)
    week = tracking_weeks(language, 1)[0]
    # A narrow column prints the short form; either counts, but all seven days must be there.
    assert all(
        printed(day.name, texts, language) or printed(day.short, texts, language)
        for day in week.days
    )


def test_haitian_creole_dates_are_in_creole(handout: Handout):
    pdf = render_handout(handout, BuildOptions(language="ht", **OPTIONS))
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf.data)).pages)
    assert "20 novanm 2026" in text  # the handout's date on page 1
    assert "23 novanm 2026" in text  # the week the sheet starts
    assert "Mon" not in text.split() and "M11" not in text


ORDER_SCRIPT = """
import hashlib, sys
from handout.build import BuildOptions, render_handout
from handout.content.loading import load_handout
from handout.content.patient import Patient
handout = load_handout()
if sys.argv[1] == "after":
    render_handout(handout, BuildOptions(patient=Patient(name="अनीता क्षत्रिय स्थिति सुरक्षित")))
sys.stdout.write(render_handout(handout, BuildOptions(language="hi")).data.hex())
"""


def test_hindi_prints_the_same_bytes_whatever_the_process_built_before():
    def built(history: str) -> bytes:
        finished = subprocess.run(
            [sys.executable, "-c", ORDER_SCRIPT, history],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return bytes.fromhex(finished.stdout)

    alone = built("alone")
    assert built("after") == alone  # an English handout with a Hindi name shaped first
    text = "".join(page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(alone))
    assert not [char for char in text if 0xE000 <= ord(char) <= 0xF8FF or ord(char) >= 0xF0000]
    assert "सुरक्षित" in text
