"""What a patient relies on: one dose per exercise, a sheet a shaky hand can fill, warning
signs that read as one box, and words that fit the handout in hand."""

from __future__ import annotations

from io import BytesIO

import pypdf
import pytest
from pdfcheck import fonts, normalise

from handout.build import BuildOptions, render_handout
from handout.content.model import Dose, Handout
from handout.content.patient import Patient
from handout.errors import HandoutError
from handout.i18n.catalogs import Translator
from handout.languages import LANGUAGES

MM = 72 / 25.4


def pdf_text(data: bytes) -> list[str]:
    return [normalise(page.extract_text()) for page in pypdf.PdfReader(BytesIO(data)).pages]


def widgets(data: bytes) -> dict[str, list[float]]:
    found = {}
    for page in pypdf.PdfReader(BytesIO(data)).pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Widget":
                found[str(annotation["/T"])] = [float(value) for value in annotation["/Rect"]]
    return found


def test_a_prescribed_walking_dose_leaves_no_trace_of_the_general_one(handout: Handout):
    patient = Patient(doses=(("walking", "20 minutes, twice a day"),))
    text = " ".join(pdf_text(render_handout(handout, BuildOptions(patient=patient)).data))
    assert "20 minutes, twice a day" in text
    # The step, the caption, the clock's digits, the dose box and the sheet said 30 to 60.
    for general in ("30 minutes to 1 hour", "30 to 60", "30\u201360", "30-60"):
        assert general not in text, general
    general_text = " ".join(pdf_text(render_handout(handout, BuildOptions()).data))
    assert "30 minutes to 1 hour" in general_text and "30\u201360" in general_text


@pytest.mark.parametrize(
    ("exercise", "general"),
    [
        ("leg-swinging", "repeat several times"),
        ("stretching", "Hold each stretch for 15\u201330 seconds and repeat 3\u20135 times."),
        ("leg-twisting", "multiple times"),
    ],
)
def test_a_prescribed_dose_replaces_the_steps_that_state_the_general_one(
    handout: Handout, exercise: str, general: str
):
    patient = Patient(doses=((exercise, "8 times, once a day"),))
    text = " ".join(pdf_text(render_handout(handout, BuildOptions(patient=patient)).data))
    assert general not in text
    assert "8 times, once a day" in text


def test_a_dose_for_an_exercise_not_chosen_is_an_error(handout: Handout):
    patient = Patient(exercises=("walking",), doses=(("stretching", "10 minutes"),))
    with pytest.raises(HandoutError, match="'stretching', which is not among the chosen"):
        render_handout(handout, BuildOptions(patient=patient))


def test_an_introduction_for_some_exercises_does_not_list_them_all(handout: Handout):
    patient = Patient(exercises=("walking", "stretching"))
    pages = pdf_text(render_handout(handout, BuildOptions(patient=patient)).data)
    text = " ".join(pages)
    assert "leg swinging, leg twisting, foot flexing" not in text
    assert "the exercises below can help" in text
    assert "leg swinging, leg twisting, foot flexing" in " ".join(
        pdf_text(render_handout(handout, BuildOptions()).data)
    )


@pytest.mark.parametrize(
    ("dose", "sessions"),
    [
        ("20 minutes, twice a day", 2),
        ("3 times daily", 3),
        ("2x per day", 2),
        ("10 minutes every day", 1),
        ("walk 2 days a week", 1),
        ("9 times a day", 4),
    ],
)
def test_sessions_a_day_are_read_from_a_prescribed_dose(dose: str, sessions: int):
    assert Dose(prescribed=dose).sessions == sessions


def test_a_twice_daily_dose_gets_two_boxes_a_day_on_the_sheet(handout: Handout):
    patient = Patient(doses=(("walking", "20 minutes, twice a day"),))
    fields = widgets(render_handout(handout, BuildOptions(patient=patient, fillable=True)).data)
    walking = [name for name in fields if name.endswith(("-walking", "-walking-2"))]
    assert len(walking) == 14
    stretching = [name for name in fields if "-stretching" in name]
    assert len(stretching) == 7


@pytest.mark.parametrize("large_print", [False, True])
def test_tick_boxes_are_at_least_8_mm(handout: Handout, large_print: bool):
    data = render_handout(handout, BuildOptions(fillable=True, large_print=large_print)).data
    boxes = [rect for name, rect in widgets(data).items() if name.endswith("-walking")]
    assert boxes
    for left, bottom, right, top in boxes:
        assert right - left >= 8 * MM and top - bottom >= 8 * MM


def test_the_fillable_sheet_has_fields_for_name_week_and_notes_and_no_placeholder(
    handout: Handout,
):
    data = render_handout(handout, BuildOptions(fillable=True)).data
    reader = pypdf.PdfReader(BytesIO(data))
    fields = reader.get_fields() or {}
    for name in ("week1-name", "week1-week", "week1-notes"):
        assert name in fields
    values = {str(field.get("/V", "")) for field in fields.values() if field.get("/FT") == "/Tx"}
    assert values <= {""}  # nothing typed in for the patient: no "-" in every cell


def test_a_printed_sheet_carries_the_patients_name_and_each_days_date(handout: Handout):
    from datetime import date

    patient = Patient(name="Ann Lee", date=date(2026, 12, 7))
    pages = pdf_text(render_handout(handout, BuildOptions(patient=patient)).data)
    sheet = next(page for page in pages if "Weekly tracking sheet" in page)
    assert "Ann Lee" in sheet
    assert "Mon Dec 7" in sheet and "Sun Dec 13" in sheet


def test_the_phone_is_mentioned_only_in_a_handout_that_can_be_filled_in(handout: Handout):
    phone = "on your phone"
    printed = " ".join(pdf_text(render_handout(handout, BuildOptions()).data))
    fillable = " ".join(pdf_text(render_handout(handout, BuildOptions(fillable=True)).data))
    assert phone not in printed and phone in fillable


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("options", [{}, {"large_print": True}, {"paper": "a4"}])
def test_the_warning_signs_stand_in_one_box_on_page_one(
    handout: Handout, language: str, options: dict[str, object]
):
    data = render_handout(handout, BuildOptions(language=language, **options)).data
    translator = Translator(language)
    title = normalise(translator.gettext("When to get medical help right away"))
    last_sign = normalise(translator.content_gettext(handout.warning_signs.soon[-1]))
    first_page = pdf_text(data)[0]
    squeezed = first_page.replace(" ", "")
    assert title.replace(" ", "") in squeezed
    assert last_sign.replace(" ", "") in squeezed


@pytest.mark.parametrize("language", ["zh-Hans", "zh-Hant"])
def test_chinese_prints_bold_in_a_bold_face(built, language: str):
    used = fonts(built(language=language))
    assert any("HandoutCJKSansSC-Bold" in name for name in used)
    assert all(used.values())  # embedded
