from __future__ import annotations

import copy
import io
import re
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pypdf
import pypdfium2
import pytest
import yaml
from PIL import Image, ImageChops
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, Shape, String
from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, SimpleDocTemplate

import handout.pictures
from handout.content.loading import builtin_content_path
from handout.pictures.body import pose_points
from handout.pictures.draw import picture_drawing
from handout.pictures.figures import GHOST_OUTLINE
from handout.pictures.flowable import PictureFlowable
from handout.pictures.model import Picture, PictureError
from handout.pictures.parse import parse_picture
from handout.text.fonts import register_font

ROOT = Path(__file__).resolve().parents[1]
POSES = builtin_content_path()
EXERCISES = ("leg-swinging", "leg-twisting", "foot-flexing", "walking", "stretching")
CARD = (216.0, 144.0)
THUMBNAIL = (43.2, 30.24)
Transform = tuple[float, float, float, float, float, float]


@pytest.fixture(scope="module", autouse=True)
def fonts() -> None:
    register_font("NotoSans")
    register_font("NotoSans-Bold")


@pytest.fixture(scope="module")
def pose_data() -> dict[str, object]:
    """Each exercise's drawing data, as the content file holds it."""
    content = yaml.safe_load(POSES.read_text(encoding="utf-8"))
    return {exercise["id"]: exercise["picture"]["drawing"] for exercise in content["exercises"]}


@pytest.fixture(scope="module")
def pictures(pose_data: dict[str, object]) -> dict[str, Picture]:
    return {
        exercise: parse_picture(data, exercise_id=exercise, source=POSES.name)
        for exercise, data in pose_data.items()
    }


def _combine(outer: Transform, inner: Transform) -> Transform:
    a, b, c, d, e, f = outer
    p, q, r, s, t, u = inner
    return (
        a * p + c * q,
        b * p + d * q,
        a * r + c * s,
        b * r + d * s,
        a * t + c * u + e,
        b * t + d * u + f,
    )


def _shapes(
    node: Group, transform: Transform = (1, 0, 0, 1, 0, 0)
) -> Iterator[tuple[Shape, Transform]]:
    """Every leaf shape with the transform that places it on the page."""
    for child in node.contents:
        if isinstance(child, Group):
            yield from _shapes(child, _combine(transform, child.transform))
        else:
            yield child, transform


def _painted_box(drawing: Drawing) -> tuple[float, float, float, float]:
    """Bounds of everything painted, stroke widths included (caps and joins are round)."""
    xs: list[float] = []
    ys: list[float] = []
    for shape, (a, b, c, d, e, f) in _shapes(drawing):
        left, bottom, right, top = shape.getBounds()
        stroked = getattr(shape, "strokeColor", None) is not None
        half = getattr(shape, "strokeWidth", 0) / 2 if stroked else 0.0
        for x in (left - half, right + half):
            for y in (bottom - half, top + half):
                xs.append(a * x + c * y + e)
                ys.append(b * x + d * y + f)
    return min(xs), min(ys), max(xs), max(ys)


def _pdf(flowables: list[Flowable]) -> bytes:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=(300, 300),
        invariant=1,
        initialFontName="NotoSans",
        leftMargin=20,
        rightMargin=20,
        topMargin=20,
        bottomMargin=20,
    )
    document.build(flowables)
    return buffer.getvalue()


def _raster(paint: Callable[[Canvas], object]) -> Image.Image:
    """Paint onto a card-sized PDF page and render it to a greyscale image."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=CARD, invariant=1, initialFontName="NotoSans")
    paint(canvas)
    canvas.showPage()
    canvas.save()
    return pypdfium2.PdfDocument(buffer.getvalue())[0].render(scale=2).to_pil().convert("L")


def _assert_only_embedded_noto_fonts(page: pypdf.PageObject) -> None:
    resources = page["/Resources"]
    fonts = dict(resources.get("/Font", {}))
    for form in resources.get("/XObject", {}).values():
        fonts |= dict(form.get_object()["/Resources"].get("/Font", {}))
    assert fonts
    for font in fonts.values():
        font = font.get_object()
        assert "NotoSans" in font["/BaseFont"]
        if "/DescendantFonts" in font:
            font = font["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_every_exercise_of_the_handout_has_a_picture(pictures: dict[str, Picture]) -> None:
    assert set(EXERCISES) <= set(pictures)


@pytest.mark.parametrize("box", [CARD, THUMBNAIL, (400.0, 60.0), (60.0, 400.0)])
def test_drawings_stay_inside_any_box(
    pictures: dict[str, Picture], box: tuple[float, float]
) -> None:
    width, height = box
    for exercise, picture in pictures.items():
        left, bottom, right, top = _painted_box(picture_drawing(picture, width, height))
        assert left >= -1e-6 and bottom >= -1e-6, exercise
        assert right <= width + 1e-6 and top <= height + 1e-6, exercise
        # Centred both ways (small pictures keep margins, so all share one figure scale).
        assert left == pytest.approx(width - right, abs=0.01), exercise
        assert bottom == pytest.approx(height - top, abs=0.01), exercise


def test_every_visible_line_is_at_least_one_point_at_card_size(
    pictures: dict[str, Picture],
) -> None:
    for exercise, picture in pictures.items():
        drawing = picture_drawing(picture, *CARD)
        scale = drawing.contents[0].transform[0]
        assert GHOST_OUTLINE * scale >= 1.0, exercise
        for shape, transform in _shapes(drawing):
            colour = getattr(shape, "strokeColor", None)
            if colour is None or colour == colors.white:  # white strokes only open gaps
                continue
            assert shape.strokeWidth * transform[0] >= 1.0, (exercise, shape)


def test_pictures_carry_digits_but_never_words(pictures: dict[str, Picture]) -> None:
    for exercise, picture in pictures.items():
        for shape, _ in _shapes(picture_drawing(picture, *CARD)):
            if isinstance(shape, String):
                assert not re.search(r"[^\W\d_]", shape.text), (exercise, shape.text)
                assert shape.fontName == "NotoSans-Bold"


@pytest.mark.parametrize("exercise", EXERCISES)
def test_each_picture_prints_as_visible_line_art(
    pictures: dict[str, Picture], exercise: str
) -> None:
    pdf = pypdfium2.PdfDocument(_pdf([PictureFlowable(pictures[exercise], exercise, *CARD)]))
    image = pdf[0].render(scale=1).to_pil().convert("L")
    histogram = image.histogram()
    dark_share = sum(histogram[:128]) / (CARD[0] * CARD[1])
    assert dark_share > 0.02


def test_the_same_picture_at_two_sizes_is_one_form_with_embedded_noto_fonts(
    pictures: dict[str, Picture],
) -> None:
    picture = pictures["walking"]
    once = _pdf([PictureFlowable(picture, "walking", *CARD)])
    twice = _pdf(
        [
            PictureFlowable(picture, "walking", *CARD),
            PictureFlowable(picture, "walking", *THUMBNAIL),
        ]
    )
    reader = pypdf.PdfReader(io.BytesIO(twice))
    page = reader.pages[0]
    forms = page["/Resources"]["/XObject"]
    assert len(forms) == 1
    assert page.get_contents().get_data().count(b" Do") == 2
    assert len(twice) - len(once) < 300  # the second use is a reference, not a copy
    _assert_only_embedded_noto_fonts(page)


def test_a_picture_reused_on_a_later_page_keeps_one_form(pictures: dict[str, Picture]) -> None:
    picture = pictures["stretching"]
    pdf = _pdf(
        [
            PictureFlowable(picture, "stretching", *CARD),
            PageBreak(),
            PictureFlowable(picture, "stretching", *THUMBNAIL),
        ]
    )
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    references = {
        form.idnum for page in reader.pages for form in page["/Resources"]["/XObject"].values()
    }
    assert len(reader.pages) == 2 and len(references) == 1


def _broken(pose_data: dict[str, object], change: str) -> dict[str, object]:
    data = copy.deepcopy(pose_data["walking"])
    figure = data["frames"][0]["figures"][0]
    if change == "unknown joint":
        figure["joints"]["elbo"] = 10
    elif change == "angle out of range":
        figure["joints"]["knee_l"] = 400
    elif change == "negative limb length":
        figure["lengths"] = {"shin": -3}
    elif change == "unknown key":
        figure["ghots"] = True
    elif change == "unknown prop":
        data["frames"][0]["props"].append({"type": "sofa"})
    elif change == "missing key":
        del figure["at"]
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("unknown joint", "frame 1 figure 1: unknown joint 'elbo' (did you mean 'elbow_r'?)"),
        ("angle out of range", "frame 1 figure 1: joint 'knee_l' angle 400 is outside -180..180"),
        ("negative limb length", "frame 1 figure 1: limb length 'shin' -3 must be more than 0"),
        ("unknown key", "frame 1 figure 1: unknown key 'ghots' (did you mean 'ghost'?)"),
        ("unknown prop", "frame 1 prop 3: unknown prop 'sofa'"),
        ("missing key", "frame 1 figure 1: missing key 'at'"),
    ],
)
def test_bad_pose_data_is_reported_with_file_exercise_and_place(
    pose_data: dict[str, object], change: str, message: str
) -> None:
    with pytest.raises(PictureError) as raised:
        parse_picture(_broken(pose_data, change), exercise_id="walking", source="leg-numbness.yaml")
    assert str(raised.value) == f"leg-numbness.yaml: exercise 'walking', picture {message}"


def test_a_reach_the_limb_cannot_make_is_reported(pose_data: dict[str, object]) -> None:
    data = copy.deepcopy(pose_data["walking"])
    figure = data["frames"][0]["figures"][0]
    figure["joints"] = {"trunk": 5}
    figure["reach"] = {"hand_r": [200, 80]}
    with pytest.raises(PictureError, match=r"exercise 'walking'.*'hand_r' is .* too far away"):
        parse_picture(data, exercise_id="walking", source="x.yaml")


def test_a_standing_figure_is_about_a_hundred_units_tall() -> None:
    points = pose_points(angles={}, lengths={}, at=(0.0, 1.5), anchor="ankle_r")
    assert 95 < points["head"][1] + 6.5 < 105
    assert points["pelvis"][0] == pytest.approx(0.0)


@pytest.mark.parametrize("facing", ["right", "left"])
def test_knees_bend_backward_and_toes_point_forward(facing: str) -> None:
    forward = 1 if facing == "right" else -1
    points = pose_points(
        angles={"hip_r": 90, "knee_r": 90}, lengths={}, at=(0.0, 0.0), facing=facing
    )
    assert forward * points["knee_r"][0] > 0  # thigh lifted forward
    assert points["ankle_r"][1] < points["knee_r"][1]  # shin hangs down, not up
    assert forward * (points["toe_r"][0] - points["ankle_r"][0]) > 0


def test_reach_puts_the_hand_exactly_on_its_target() -> None:
    points = pose_points(
        angles={"trunk": 10},
        lengths={},
        at=(0.0, 1.5),
        anchor="ankle_l",
        reach={"hand_r": (30.0, 75.0)},
    )
    assert points["hand_r"] == pytest.approx((30.0, 75.0))
    (sx, sy), (hx, hy), (ex, ey) = points["shoulders"], points["hand_r"], points["elbow_r"]
    # The elbow sits below the shoulder-to-hand line: the arm bends the natural way.
    assert (hx - sx) * (ey - sy) - (hy - sy) * (ex - sx) < 0


@pytest.mark.parametrize("exercise", EXERCISES)
def test_the_flowable_prints_what_picture_drawing_draws(
    pictures: dict[str, Picture], exercise: str
) -> None:
    picture = pictures[exercise]
    drawn = _raster(lambda canvas: renderPDF.draw(picture_drawing(picture, *CARD), canvas, 0, 0))
    flowed = _raster(lambda canvas: PictureFlowable(picture, exercise, *CARD).drawOn(canvas, 0, 0))
    differing = sum(ImageChops.difference(drawn, flowed).histogram()[32:])
    assert differing / (drawn.width * drawn.height) < 0.001


def test_a_drawing_rendered_on_its_own_uses_no_standard_font(pictures: dict[str, Picture]) -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=CARD, invariant=1, initialFontName="NotoSans")
    renderPDF.draw(picture_drawing(pictures["stretching"], *CARD), canvas, 0, 0)
    canvas.showPage()
    canvas.save()
    _assert_only_embedded_noto_fonts(pypdf.PdfReader(buffer).pages[0])


def test_ink_and_accent_colours_are_used_and_keep_forms_apart(
    pictures: dict[str, Picture],
) -> None:
    picture = pictures["walking"]
    drawing = picture_drawing(picture, *CARD, ink="#000000", accent="#aa0000")
    used = {getattr(shape, "strokeColor", None) for shape, _ in _shapes(drawing)}
    assert colors.HexColor("#000000") in used and colors.HexColor("#aa0000") in used
    pdf = _pdf(
        [
            PictureFlowable(picture, "walking", *THUMBNAIL),
            PictureFlowable(picture, "walking", *THUMBNAIL, accent="#aa0000"),
        ]
    )
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/XObject"]) == 2


def test_the_schema_example_in_the_package_docs_is_valid() -> None:
    example = handout.pictures.__doc__.split("::\n", 1)[1].split("\n\n", 1)[0]
    picture = parse_picture(yaml.safe_load(textwrap.dedent(example)), exercise_id="x", source="doc")
    assert picture_drawing(picture, *CARD).contents


def test_stacked_frames_run_top_to_bottom_inside_the_box(pose_data: dict[str, object]) -> None:
    data = {"layout": "column", "frames": copy.deepcopy(pose_data["leg-swinging"]["frames"])}
    picture = parse_picture(data, exercise_id="leg-swinging", source="x.yaml")
    drawing = picture_drawing(picture, *CARD)
    left, bottom, right, top = _painted_box(drawing)
    assert left >= -1e-6 and bottom >= -1e-6 and right <= CARD[0] + 1e-6 and top <= CARD[1] + 1e-6
    badges = {shape.text: shape.y for shape, _ in _shapes(drawing) if isinstance(shape, String)}
    assert badges["1"] > badges["2"]
