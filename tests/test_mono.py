"""A --mono handout sets no colour anywhere: not in the pages' own drawing, not inside the
pictures (drawn once as form XObjects and placed again), not in the fillable fields, and
not a clinic's accent."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from io import BytesIO

import pypdf
import pytest
from PIL import Image
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, NameObject

from handout.build import BuildOptions, render_handout
from handout.content.clinic import Clinic, parse_accent
from handout.content.model import Handout
from handout.layout.theme import make_theme

CLINIC_ACCENT = "#8a2a55"  # dark enough for a clinic to choose, far from any grey
# The operators that set a colour, and how many numbers each takes in its colour spaces.
COLOUR_OPERATORS = {b"rg", b"RG", b"k", b"K", b"g", b"G", b"sc", b"SC", b"scn", b"SCN"}


@dataclass(frozen=True)
class ColourSetting:
    where: str  # "page 2", "page 2 /XObject /picture-walking-…", "page 5 field …"
    operator: str
    values: tuple[float, ...]

    @property
    def grey(self) -> bool:
        """Red, green and blue alike, or cyan, magenta and yellow nil, or one grey level."""
        if len(self.values) == 3:
            return self.values[0] == self.values[1] == self.values[2]
        if len(self.values) == 4:
            return self.values[0] == self.values[1] == self.values[2] == 0
        return len(self.values) == 1


def stream_colours(stream: object, reader: pypdf.PdfReader, where: str) -> list[ColourSetting]:
    content = ContentStream(stream, reader)
    return [
        ColourSetting(where, operator.decode(), tuple(float(value) for value in operands))
        for operands, operator in content.operations
        # A name among the operands is a pattern, not a colour.
        if operator in COLOUR_OPERATORS and not any(isinstance(v, NameObject) for v in operands)
    ]


def resource_colours(
    resources: object, reader: pypdf.PdfReader, where: str, seen: set[int]
) -> Iterator[ColourSetting]:
    """Colours set by every form XObject reachable from `resources`, at any depth."""
    if resources is None:
        return
    xobjects = resources.get_object().get("/XObject") or {}
    for name, reference in xobjects.items():
        xobject = reference.get_object()
        if xobject.get("/Subtype") != "/Form" or id(xobject) in seen:
            continue
        seen.add(id(xobject))
        inner = f"{where} /XObject {name}"
        yield from stream_colours(xobject, reader, inner)
        yield from resource_colours(xobject.get("/Resources"), reader, inner, seen)


def field_colours(annotation: DictionaryObject, reader: pypdf.PdfReader, where: str):
    """A widget's border and background colours, and those its appearance streams set."""
    for key, value in (annotation.get("/MK") or {}).items():
        if isinstance(value.get_object(), ArrayObject) and key in ("/BC", "/BG"):
            yield ColourSetting(f"{where} {key}", "MK", tuple(float(v) for v in value))
    appearances = annotation.get("/AP") or {}
    for kind, appearance in appearances.items():
        appearance = appearance.get_object()
        states = appearance.values() if "/Subtype" not in appearance else [appearance]
        for state in states:
            stream = state.get_object()
            inner = f"{where} /AP {kind}"
            yield from stream_colours(stream, reader, inner)
            yield from resource_colours(stream.get("/Resources"), reader, inner, set())


def colour_settings(data: bytes) -> list[ColourSetting]:
    """Every colour a PDF sets: in page content, forms and form fields."""
    reader = pypdf.PdfReader(BytesIO(data))
    found: list[ColourSetting] = []
    seen: set[int] = set()
    for number, page in enumerate(reader.pages, 1):
        found += stream_colours(page.get_contents(), reader, f"page {number}")
        found += resource_colours(page.get("/Resources"), reader, f"page {number}", seen)
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            name = annotation.get("/T") or annotation.get("/Parent", {}).get("/T")
            found += field_colours(annotation, reader, f"page {number} field {name}")
    return found


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Clinic:
    logo = tmp_path_factory.mktemp("logo") / "logo.png"
    Image.new("L", (300, 100), 40).save(logo)
    return Clinic(
        name="Riverside Physiotherapy",
        address="12 Mill Lane, Riverside",
        phone="555 0100",
        website="https://riverside.example",
        video_url="https://riverside.example/videos",
        logo=str(logo),
        accent=parse_accent(CLINIC_ACCENT, "test"),
    )


@pytest.fixture(scope="module")
def build(handout: Handout, clinic: Clinic) -> Callable[..., list[ColourSetting]]:
    cache: dict[BuildOptions, list[ColourSetting]] = {}

    def build(*, with_clinic: bool = False, **options: object) -> list[ColourSetting]:
        key = BuildOptions(clinic=clinic if with_clinic else None, **options)
        if key not in cache:
            cache[key] = colour_settings(render_handout(handout, key).data)
        return cache[key]

    return build


def in_forms(settings: list[ColourSetting]) -> list[ColourSetting]:
    return [setting for setting in settings if "/XObject" in setting.where]


def rgb(settings: list[ColourSetting]) -> set[tuple[float, ...]]:
    return {
        tuple(round(value, 3) for value in setting.values)
        for setting in settings
        if len(setting.values) == 3
    }


def as_rgb(colour: object) -> tuple[float, ...]:
    return tuple(round(channel, 3) for channel in colour.rgb())  # type: ignore[attr-defined]


VARIANTS = {
    "english": {},
    "arabic": {"language": "ar"},
    "large-print": {"large_print": True},
    "fillable": {"fillable": True},
    "clinic": {"with_clinic": True},
}


@pytest.mark.parametrize("variant", VARIANTS)
def test_mono_sets_only_greys_in_pages_pictures_and_fields(build, variant):
    settings = build(mono=True, **VARIANTS[variant])
    assert in_forms(settings), "the pictures' forms are read"
    coloured = [setting for setting in settings if not setting.grey]
    assert not coloured, coloured[:5]


def test_colour_build_sets_the_accent_inside_pictures_which_mono_does_not(build):
    accent = as_rgb(make_theme("en").accent)
    assert accent in rgb(in_forms(build()))  # the walk does reach the pictures' colours
    assert accent not in rgb(build(mono=True))


def test_mono_leaves_out_a_clinic_accent_that_colours_its_handout(build, clinic):
    accent = as_rgb(make_theme("en", accent=clinic.accent).accent)
    tint = as_rgb(make_theme("en", accent=clinic.accent).tint)
    coloured = build(with_clinic=True)
    assert accent in rgb(in_forms(coloured))
    assert accent in rgb([setting for setting in coloured if "/XObject" not in setting.where])
    assert tint in rgb(coloured)
    mono = rgb(build(mono=True, with_clinic=True))
    assert accent not in mono and tint not in mono


def test_fillable_fields_are_read_for_their_colours(build):
    fields = [setting for setting in build(fillable=True) if " field " in setting.where]
    assert any(setting.operator == "MK" for setting in fields)
    assert any("/AP" in setting.where for setting in fields)
