"""Clinic branding, personal handouts, mail merge, print variants and own templates."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner
from pdfcheck import normalise, page_texts, text_sizes
from PIL import Image

from handout.cli.commands import cli
from handout.content.loading import load_handout

EXAMPLE_TEMPLATES = Path(__file__).parent.parent / "examples" / "clinic-template"


@pytest.fixture
def clinic_folder(tmp_path: Path) -> Path:
    Image.new("RGB", (300, 120), (31, 80, 120)).save(tmp_path / "logo.png")
    (tmp_path / "handout.toml").write_text(
        "[clinic]\n"
        'name = "Riverside Physio & <Rehab>"\n'
        'phone = "(555) 010-0199"\n'
        'website = "https://riverside.example"\n'
        'video_url = "https://riverside.example/videos"\n'
        'logo = "logo.png"\n'
        'accent = "#7a2e5c"\n'
        'clinician = "Dr. Ana Ruiz"\n'
        "[defaults]\n"
        'paper = "a4"\n',
        encoding="utf-8",
    )
    return tmp_path


def run(arguments: list[str], folder: Path | None = None):
    """The command's result, run in `folder` (where it finds handout.toml) if given."""
    if folder is None:
        return CliRunner().invoke(cli, arguments)
    previous = Path.cwd()
    os.chdir(folder)
    try:
        return CliRunner().invoke(cli, arguments)
    finally:
        os.chdir(previous)


def test_profile_brands_page_one_footer_and_contact(clinic_folder: Path):
    target = clinic_folder / "branded.pdf"
    result = run(["build", "-o", str(target)], clinic_folder)
    assert result.exit_code == 0, result.output
    reader = pypdf.PdfReader(target)
    assert round(float(reader.pages[0].mediabox.height)) == 842  # the profile's paper
    first = page_texts(target)[0]
    assert first.startswith("Riverside Physio & <Rehab>")
    assert "Questions? Call (555) 010-0199" in first
    assert "https://riverside.example" in first
    assert "Dr. Ana Ruiz" in first
    images = [
        name
        for name, xobject in reader.pages[0]["/Resources"]["/XObject"].items()
        if xobject.get_object()["/Subtype"] == "/Image"
    ]
    assert images, "the logo"
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Link"
    ]
    assert "https://riverside.example/videos" in links, "the QR code's link"
    assert reader.metadata.author == "Riverside Physio & <Rehab>"


def test_personal_text_prints_exactly_as_typed(tmp_path: Path):
    target = tmp_path / "personal.pdf"
    result = run(
        [
            "build",
            "-o",
            str(target),
            "--patient",
            "María <b>José</b> & Co",
            "--notes",
            "Walk <font size=99>slowly</font> & rest.",
            "--date",
            "2026-03-04",
        ]
    )
    assert result.exit_code == 0, result.output
    first = normalise(page_texts(target)[0])
    assert "María <b>José</b> & Co" in first
    assert "Walk <font size=99>slowly</font> & rest." in first
    assert "March 4, 2026" in first


def test_exercises_are_chosen_ordered_and_dosed(tmp_path: Path):
    target = tmp_path / "chosen.pdf"
    result = run(
        [
            "build",
            "-o",
            str(target),
            "--exercise",
            "walking",
            "--exercise",
            "foot-flexing",
            "--dose",
            "walking=20 minutes, twice a day",
        ]
    )
    assert result.exit_code == 0, result.output
    text = normalise(" ".join(page_texts(target)))
    assert "1. Walking Exercise" in text and "2. Foot Flexing Exercise" in text
    assert "Leg Swinging Exercise" not in text
    sheet = normalise(page_texts(target)[-1])
    assert "20 minutes, twice a day" in sheet
    assert "Stretching" not in sheet


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--exercise", "jumping"], "unknown exercise 'jumping'"),
        (["--dose", "walking"], "not in the form EXERCISE-ID=DOSE"),
        (["--patient", "x" * 101], "101 characters long; the limit is 100"),
    ],
)
def test_bad_personal_input_is_one_line_and_writes_nothing(tmp_path, arguments, message):
    target = tmp_path / "never.pdf"
    result = run(["build", "-o", str(target), *arguments])
    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not target.exists()


def test_fillable_sheet_has_predictable_fields(tmp_path: Path):
    target = tmp_path / "fillable.pdf"
    assert run(["build", "-o", str(target), "--fillable", "--weeks", "2"]).exit_code == 0
    fields = pypdf.PdfReader(target).get_fields()
    for week in (1, 2):
        for day in range(1, 8):
            for name in ("leg-swinging", "walking", "stretching"):
                assert fields[f"week{week}-day{day}-{name}"]["/FT"] == "/Btn"
            # Typed in, not chosen from a list: an empty field prints nothing.
            assert fields[f"week{week}-day{day}-symptom-score"]["/FT"] == "/Tx"
            assert fields[f"week{week}-day{day}-walking-minutes"]["/FT"] == "/Tx"
        for name in ("name", "week", "notes"):
            assert fields[f"week{week}-{name}"]["/FT"] == "/Tx"
    assert len(fields) == 2 * (7 * 7 + 3)


def test_large_print_is_16_point_with_every_exercise_starting_its_own_page(tmp_path: Path):
    target = tmp_path / "large.pdf"
    assert run(["build", "-o", str(target), "--large-print"]).exit_code == 0
    pages = len(pypdf.PdfReader(target).pages)
    for page in range(pages):
        sizes = [size for text, size, y in text_sizes(target, page) if y > 80]
        assert min(sizes) >= 16 - 0.01
    texts = page_texts(target)
    # Each card starts once; a card taller than the room left goes on, "(continued)".
    for number, exercise in enumerate(load_handout().exercises, 1):
        title = f"{number}. {exercise.name}"
        starts = [
            page
            for page, text in enumerate(texts)
            if re.search(re.escape(title) + r"(?! \()", text)
        ]
        assert len(starts) == 1, title
    # In large print the sheet's notes may take a page of their own after the table.
    assert "Weekly tracking sheet" in texts[-2] + texts[-1]


def test_mono_uses_no_colour(tmp_path: Path):
    target = tmp_path / "mono.pdf"
    assert run(["build", "-o", str(target), "--mono"]).exit_code == 0
    for page in pypdf.PdfReader(target).pages:
        stream = page.get_contents().get_data().decode("latin-1")
        for red, green, blue in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) (?:rg|RG)\b", stream):
            assert red == green == blue, (red, green, blue)


def test_own_template_adds_drops_and_reorders_sections(tmp_path: Path):
    target = tmp_path / "own.pdf"
    result = run(["build", "-o", str(target), "--templates", str(EXAMPLE_TEMPLATES)])
    assert result.exit_code == 0, result.output
    text = normalise(" ".join(page_texts(target)))
    assert "Join our walking group" in text
    assert "Exercise safely" not in text
    assert text.index("When to get medical help right away") < text.index("Key points")


def write_profile(folder: Path, clinic_lines: str) -> Path:
    path = folder / "profile.toml"
    path.write_text('[clinic]\nname = "Clinic"\n' + clinic_lines, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "lines, message",
    [
        ('logo = "nope.png"\n', "not found"),
        ('logo = "fake.png"\n', "not a readable image"),
        ('logo = "huge.png"\n', "too large an image"),
        ('accent = "teal"\n', "is not a colour like #1f6f78"),
        ('accent = "#ffff66"\n', "too light to read on white paper"),
        ('colour = "#000000"\n', "unknown key 'colour'"),
        ('name = "duplicate"\n', "invalid TOML"),
    ],
)
def test_bad_profile_is_one_line_and_writes_nothing(tmp_path: Path, lines: str, message: str):
    (tmp_path / "fake.png").write_text("this is not a picture")
    Image.new("1", (6000, 5000)).save(tmp_path / "huge.png")
    profile = write_profile(tmp_path, lines)
    target = tmp_path / "never.pdf"
    result = run(["--config", str(profile), "build", "-o", str(target)])
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not target.exists()


def test_invalid_toml_names_the_line(tmp_path: Path):
    profile = tmp_path / "profile.toml"
    profile.write_text('[clinic]\nname = "Clinic"\nphone = \n', encoding="utf-8")
    result = run(["--config", str(profile), "build"])
    assert result.exit_code == 1
    assert "line 3" in result.output


def test_mail_merge_builds_a_pdf_per_row_and_reports_bad_rows(tmp_path: Path):
    patients = tmp_path / "patients.csv"
    patients.write_text(
        "name,language,exercises,doses,notes\n"
        "Ana Ruiz,es,walking;stretching,walking=20 minutos,\n"
        "Bo <Chen>,en,,,Rest on Sundays & holidays\n"
        "Cy Doe,en,jumping,,\n"
        "Di Evans\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run(
        ["batch", "--patients", str(patients), "--paper", "letter", "-o", str(out), "--jobs", "2"]
    )
    assert result.exit_code == 1
    assert f"{patients}:4: unknown exercise 'jumping'" in result.output
    assert f"{patients}:5: fewer cells than columns" in result.output
    built = sorted(path.name for path in out.glob("*.pdf"))
    assert len(built) == 2
    assert re.fullmatch(r"leg-numbness-ana-ruiz-[0-9a-f]{10}-es-letter\.pdf", built[0])
    assert re.fullmatch(r"leg-numbness-bo-chen-[0-9a-f]{10}-en-letter\.pdf", built[1])
    spanish = normalise(" ".join(page_texts(out / built[0])))
    assert "Ana Ruiz" in spanish and "20 minutos" in spanish
    assert "Bo <Chen>" in page_texts(out / built[1])[0]


def test_mail_merge_without_name_column_is_refused(tmp_path: Path):
    patients = tmp_path / "patients.csv"
    patients.write_text("patient,language\nAna,es\n", encoding="utf-8")
    result = run(["batch", "--patients", str(patients), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "column 'name' is missing" in result.output


def test_fillable_sheet_works_in_a_right_to_left_language(tmp_path: Path):
    target = tmp_path / "fillable-ar.pdf"
    result = run(["build", "--lang", "ar", "--fillable", "-o", str(target)])
    assert result.exit_code == 0, result.output
    fields = pypdf.PdfReader(target).get_fields()
    assert fields["week1-day1-leg-swinging"]["/FT"] == "/Btn"
    assert fields["week1-day7-symptom-score"]["/FT"] == "/Tx"
