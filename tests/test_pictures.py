from __future__ import annotations

import copy
import io
import math
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
from reportlab.graphics.shapes import Path as ShapePath
from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, SimpleDocTemplate

import handout.pictures
from handout.content.loading import builtin_content_path
from handout.pictures.body import ANKLE_HEIGHT, DEFAULT_LENGTHS, pose_points
from handout.pictures.draw import KEY_MARGIN, compose, fit, key_frame_only, picture_drawing
from handout.pictures.figures import GHOST_LINE, MOVING_GHOST_LINE, MOVING_LINE, SEPARATION
from handout.pictures.flowable import PictureFlowable
from handout.pictures.model import Picture, PictureError
from handout.pictures.parse import parse_picture
from handout.pictures.sketch import (
    ACCENT,
    ARROW,
    ARROW_HALO,
    INK,
    THIN,
    Palette,
    _bounds,
    _Line,
)
from handout.text.fonts import register_font

ROOT = Path(__file__).resolve().parents[1]
POSES = builtin_content_path()
# Every picture of the handout: the exercises', and those of the stretching exercise's parts.
EXERCISES = (
    "leg-swinging",
    "leg-twisting",
    "foot-flexing",
    "walking",
    "knee-lift",
    "hamstring-stretch",
    "calf-stretch",
)
CARD = (216.0, 144.0)
THUMBNAIL = (43.2, 30.24)
Transform = tuple[float, float, float, float, float, float]


@pytest.fixture(scope="module", autouse=True)
def fonts() -> None:
    register_font("NotoSans")
    register_font("NotoSans-Bold")


@pytest.fixture(scope="module")
def pose_data() -> dict[str, object]:
    """Each picture's drawing data by exercise or part, as the content file holds it."""
    content = yaml.safe_load(POSES.read_text(encoding="utf-8"))
    return {
        item["id"]: item["picture"]["drawing"]
        for exercise in content["exercises"]
        for item in (exercise, *exercise.get("parts", ()))
        if "picture" in item
    }


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
    """Every leaf shape with the transform that places it on the page. A group that starts
    with a clipping path shows nothing outside it: the path stands for all it holds."""
    contents = node.contents
    if contents and isinstance(contents[0], ShapePath) and contents[0].isClipPath:
        yield contents[0], transform
        return
    for child in contents:
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
        clip = isinstance(shape, ShapePath) and shape.isClipPath
        stroked = getattr(shape, "strokeColor", None) is not None and not clip
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
        assert GHOST_LINE * scale >= 1.0, exercise
        for shape, transform in _shapes(drawing):
            colour = getattr(shape, "strokeColor", None)
            if colour is None or colour == colors.white or getattr(shape, "isClipPath", 0):
                # White strokes only open gaps; a clipping path is not drawn.
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
            PictureFlowable(picture, "walking", CARD[0] * 0.6, CARD[1] * 0.6),
        ]
    )
    reader = pypdf.PdfReader(io.BytesIO(twice))
    page = reader.pages[0]
    forms = page["/Resources"]["/XObject"]
    assert len(forms) == 1
    assert page.get_contents().get_data().count(b" Do") == 2
    assert len(twice) - len(once) < 300  # the second use is a reference, not a copy
    _assert_only_embedded_noto_fonts(page)


def test_a_thumbnail_is_a_form_of_its_own_reused_on_later_pages(
    pictures: dict[str, Picture],
) -> None:
    """A thumbnail shows the key frame only: not the card's form, but one form for all its
    uses, page after page."""
    picture = pictures["leg-swinging"]
    pdf = _pdf(
        [
            PictureFlowable(picture, "leg-swinging", *CARD),
            PictureFlowable(picture, "leg-swinging", *THUMBNAIL),
            PageBreak(),
            PictureFlowable(picture, "leg-swinging", *THUMBNAIL),
        ]
    )
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    names = [set(page["/Resources"]["/XObject"]) for page in reader.pages]
    assert len(names[0]) == 2 and len(names[1]) == 1 and names[1] < names[0]
    (thumbnail,) = names[1]
    assert "-key-" in thumbnail
    references = {
        form.idnum for page in reader.pages for form in page["/Resources"]["/XObject"].values()
    }
    assert len(references) == 2
    _assert_only_embedded_noto_fonts(reader.pages[0])


def test_a_picture_reused_on_a_later_page_keeps_one_form(pictures: dict[str, Picture]) -> None:
    picture = pictures["knee-lift"]
    pdf = _pdf(
        [
            PictureFlowable(picture, "knee-lift", *CARD),
            PageBreak(),
            PictureFlowable(picture, "knee-lift", CARD[0] / 2, CARD[1] / 2),
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
    elif change == "unknown moving part":
        figure["moving"] = ["lg_r"]
    elif change == "flat foot and its ankle":
        figure["flat"] = ["foot_l"]
    elif change == "crop upside down":
        data["frames"][0]["crop"] = [0, 0, -5, 10]
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
        ("unknown moving part", "frame 1 figure 1: unknown part 'lg_r' (did you mean 'leg_r'?)"),
        (
            "flat foot and its ankle",
            "frame 1 figure 1: joint 'ankle_l' is set by flat 'foot_l'; give one or the other",
        ),
        (
            "crop upside down",
            "frame 1: 'crop' must be [left, bottom, right, top], got [0, 0, -5, 10]",
        ),
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


def test_a_standing_figure_is_about_a_hundred_units_tall_on_its_soles() -> None:
    points = pose_points(angles={}, lengths={}, at=(0.0, 0.0), anchor="heel_r")
    assert 95 < points["head"][1] + DEFAULT_LENGTHS["head"] < 105
    assert points["toe_r"][1] == pytest.approx(0.0)  # the sole lies on the floor
    assert points["ankle_r"][1] == pytest.approx(ANKLE_HEIGHT)
    assert points["heel_r"][0] < points["ankle_r"][0] < points["toe_r"][0]
    assert points["ankle_r"][0] == pytest.approx(points["pelvis"][0])


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
    renderPDF.draw(picture_drawing(pictures["leg-swinging"], *CARD), canvas, 0, 0)
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


def test_only_one_frame_can_be_the_key_frame(pose_data: dict[str, object]) -> None:
    data = copy.deepcopy(pose_data["leg-swinging"])
    for frame in data["frames"]:
        frame["key"] = True
    with pytest.raises(PictureError, match=r"picture: only one frame can be the 'key' frame"):
        parse_picture(data, exercise_id="leg-swinging", source="x.yaml")


def test_a_flat_foot_puts_its_heel_on_the_target_with_the_sole_level() -> None:
    points = pose_points(
        angles={"trunk": 40},
        lengths={},
        at=(0.0, 33.0),
        reach={"heel_r": (43.0, 14.0), "toe_l": (30.0, 0.0)},
        flat=("foot_r", "foot_l"),
    )
    assert points["heel_r"] == pytest.approx((43.0, 14.0))
    assert points["toe_r"][1] == pytest.approx(14.0)  # level: toes as high as the heel
    assert points["toe_l"] == pytest.approx((30.0, 0.0))
    assert points["heel_l"][1] == pytest.approx(0.0)


def test_a_reach_for_the_heel_keeps_the_ankle_angle() -> None:
    points = pose_points(
        angles={"ankle_r": 20}, lengths={}, at=(0.0, 54.0), reach={"heel_r": (35.0, 14.0)}
    )
    assert points["heel_r"] == pytest.approx((35.0, 14.0))
    # Toes lifted 20 degrees from square to the shin.
    knee, ankle, heel, toe = (points[f"{name}_r"] for name in ("knee", "ankle", "heel", "toe"))
    shin = math.atan2(ankle[1] - knee[1], ankle[0] - knee[0])
    sole = math.atan2(toe[1] - heel[1], toe[0] - heel[0])
    assert math.degrees(sole - shin) == pytest.approx(110.0)


def _fills_and_strokes(drawing: Drawing) -> tuple[set[object], set[tuple[object, float]]]:
    fills, strokes = set(), set()
    for shape, _ in _shapes(drawing):
        if getattr(shape, "fillColor", None) is not None:
            fills.add(shape.fillColor)
        if getattr(shape, "strokeColor", None) is not None:
            strokes.add((shape.strokeColor, round(shape.strokeWidth, 3)))
    return fills, strokes


def _grey(colour: colors.Color) -> float:
    red, green, blue = colour.rgb()
    return 0.299 * red + 0.587 * green + 0.114 * blue


@pytest.mark.parametrize("accent", [ACCENT, INK], ids=["colour", "black-and-white"])
def test_the_moving_leg_stands_apart_by_its_fill_and_its_heavy_outline(
    pictures: dict[str, Picture], accent: str
) -> None:
    """Walking marks the stepping leg moving: it is filled paler than every other part,
    inside an outline in the accent colour heavier than any other line of the figure."""
    palette = Palette.of(INK, accent)
    fills, strokes = _fills_and_strokes(picture_drawing(pictures["walking"], *CARD, accent=accent))
    assert palette.moving in fills and palette.ink in fills and palette.far in fills
    assert _grey(palette.moving) - _grey(palette.far) > 0.25  # plain in black and white
    assert (palette.accent, MOVING_LINE) in strokes
    assert max(GHOST_LINE, THIN) < MOVING_LINE

    still = parse_picture(
        {"frames": [{"figures": [{"at": [0, 0], "anchor": "heel_l"}]}]}, exercise_id="x", source="x"
    )
    fills, strokes = _fills_and_strokes(picture_drawing(still, *CARD, accent=accent))
    assert palette.moving not in fills and (palette.accent, MOVING_LINE) not in strokes


def test_arrows_are_heavier_than_any_outline_and_banded_in_white(
    pictures: dict[str, Picture],
) -> None:
    _, strokes = _fills_and_strokes(picture_drawing(pictures["walking"], *CARD, accent=INK))
    assert (colors.toColor(INK), ARROW) in strokes
    assert (colors.white, ARROW + 2 * ARROW_HALO) in strokes
    assert ARROW > MOVING_LINE


def _badges(drawing: Drawing) -> dict[str, float]:
    return {
        shape.text: a * shape.x + e
        for shape, (a, _, _, _, e, _) in _shapes(drawing)
        if isinstance(shape, String)
    }


def test_frames_run_from_the_right_for_a_right_to_left_language(
    pictures: dict[str, Picture],
) -> None:
    picture = pictures["leg-swinging"]
    left_to_right = _badges(picture_drawing(picture, *CARD))
    right_to_left = _badges(picture_drawing(picture, *CARD, rtl=True))
    assert left_to_right["1"] < left_to_right["2"]
    assert right_to_left["1"] > right_to_left["2"]
    # Mirrored order, the same places: frame 1 takes the place frame 2 had.
    assert right_to_left["1"] > CARD[0] / 2 > right_to_left["2"]


@pytest.mark.parametrize("exercise", EXERCISES)
def test_a_thumbnail_shows_the_key_frame_alone_larger_than_the_whole_would_be(
    pictures: dict[str, Picture], exercise: str
) -> None:
    picture = pictures[exercise]
    assert not key_frame_only(picture, *CARD) and key_frame_only(picture, *THUMBNAIL)
    whole, key = compose(picture), compose(picture, key=True)
    frame = whole.cells[picture.key_index]
    assert key.box.width <= frame.width + 2 * KEY_MARGIN + 1e-6
    assert fit(key.box, *THUMBNAIL)[0] > fit(whole.box, *THUMBNAIL)[0]
    # Nothing is hidden by a clip: what the key frame holds is what it shows.
    for item in key.sketch.items:
        bounds = _bounds(item)
        assert key.box.left - 2 <= bounds.left and bounds.right <= key.box.right + 2, item
        assert key.box.bottom - 2 <= bounds.bottom and bounds.top <= key.box.top + 2, item


def test_a_thumbnail_of_numbered_frames_shows_one_frame_and_no_number(
    pictures: dict[str, Picture],
) -> None:
    picture = pictures["leg-swinging"]
    assert len(_badges(picture_drawing(picture, *CARD))) == 2
    assert _badges(picture_drawing(picture, *THUMBNAIL)) == {}


def test_the_key_frame_is_the_marked_one_else_the_last(pictures: dict[str, Picture]) -> None:
    assert pictures["leg-swinging"].key_index == 1
    assert pictures["foot-flexing"].key_index == 0  # its close-up is not the thumbnail


def test_a_close_up_is_zoomed_and_cut_to_its_box(pictures: dict[str, Picture]) -> None:
    picture = pictures["foot-flexing"]
    close_up = picture.frames[1]
    assert close_up.crop is not None and close_up.zoom > 1
    left, bottom, right, top = close_up.crop
    composed = compose(picture)
    main, cell = composed.cells
    assert cell.width == pytest.approx((right - left) * close_up.zoom)
    assert cell.height == pytest.approx((top - bottom) * close_up.zoom)
    # Cut, not clipped: nothing of the zoomed figure reaches out of its box.
    gap = (main.right + cell.left) / 2  # the divider's line
    beside = [item for item in composed.sketch.items if _bounds(item).left > gap + THIN]
    assert beside
    for item in beside:
        # A cut line ends square at the edge: only half its width reaches past it.
        reach = item.width / 2 if isinstance(item, _Line) else 0.0
        bounds = _bounds(item)
        assert cell.left - reach <= bounds.left + 1e-6, item
        assert bounds.right <= cell.right + reach + 1e-6, item
        assert cell.bottom - reach <= bounds.bottom + 1e-6, item
        assert bounds.top <= cell.top + reach + 1e-6, item


def test_lines_of_a_close_up_are_as_heavy_as_the_others(pictures: dict[str, Picture]) -> None:
    """Zoomed, a close-up's outlines keep the weight of the frame beside it."""
    composed = compose(pictures["foot-flexing"], accent=INK)
    main = composed.cells[0]
    widths: list[set[float]] = [set(), set()]
    for item in composed.sketch.items:
        if isinstance(item, _Line):
            widths[_bounds(item).left > main.right].add(round(item.width, 3))
    assert round(MOVING_LINE, 3) in widths[0] and round(MOVING_LINE, 3) in widths[1]
    weights = (GHOST_LINE, MOVING_GHOST_LINE, MOVING_LINE, THIN, ARROW, ARROW + 2 * ARROW_HALO)
    assert widths[1] <= {round(width, 3) for width in (*weights, 2 * SEPARATION)}


def _figure_picture(**figure: object) -> Picture:
    data = {"frames": [{"figures": [{"at": [0, 0], "anchor": "heel_l", **figure}]}]}
    return parse_picture(data, exercise_id="x", source="x")


def test_a_far_arm_in_front_is_drawn_over_the_near_side() -> None:
    """A far hand reaching round to the near side (both palms on one calf) shows."""
    points = {"hand_l": [22, 50], "hand_r": [20, 54]}
    behind = _figure_picture(joints={"trunk": 30}, reach=points)
    ahead = _figure_picture(joints={"trunk": 30}, reach=points, in_front=["arm_l"])
    far = Palette.of(INK, ACCENT).far

    def last_fill(picture: Picture) -> object:
        fills = [shape.fillColor for shape, _ in _shapes(picture_drawing(picture, *CARD))]
        return [fill for fill in fills if fill is not None][-2:]  # the eye comes last

    assert far not in last_fill(behind) and far in last_fill(ahead)


def test_props_beside_the_figure_are_paler_than_it() -> None:
    """A wall seen face on and a chair beyond the figure are drawn lighter than the figure's
    far side, so the hand on them stands out."""
    palette = Palette.of(INK, INK)
    picture = parse_picture(
        {
            "frames": [
                {
                    "props": [
                        {"type": "wall-behind", "from": -20, "to": 20},
                        {"type": "chair", "x": -30, "facing": "left", "behind": True},
                    ],
                    "figures": [{"at": [0, 0], "anchor": "heel_l"}],
                }
            ]
        },
        exercise_id="x",
        source="x",
    )
    fills, strokes = _fills_and_strokes(picture_drawing(picture, *CARD, accent=INK))
    walls = [fill for fill in fills if _grey(fill) > _grey(palette.surface)]
    assert walls  # the wall, paler still than a step or a mat
    chair = {colour for colour, _ in strokes}
    assert palette.far in chair and palette.ink not in chair  # the figure has no strokes
