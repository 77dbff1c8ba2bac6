"""Drawing pictures: frames of figures, props and arrows, laid out and fitted to any box."""

from __future__ import annotations

from functools import lru_cache

from reportlab.graphics.shapes import Drawing, Group
from reportlab.pdfgen.canvas import Canvas

from handout.pictures.arrows import draw_arrows
from handout.pictures.body import Point
from handout.pictures.figures import draw_figure
from handout.pictures.model import Frame, Picture, figure_points
from handout.pictures.props import draw_prop
from handout.pictures.sketch import (
    ACCENT,
    INK,
    NUMBER_FONT,
    THIN,
    Box,
    Colour,
    Palette,
    Sketch,
)

# Every picture fills at least this box (body units), so figures in all pictures of a set
# share one scale and stroke weight; only pictures with more content come out smaller.
STAGE_WIDTH = 172.0
STAGE_HEIGHT = 115.0
FRAME_GAP = 12.0
BADGE_RADIUS = 5.5


def _draw_frame(frame: Frame, palette: Palette) -> Sketch:
    sketch = Sketch()
    placed = [figure_points(figure) for figure in frame.figures]
    for prop in frame.props:
        draw_prop(sketch, prop, palette)
    # Ghosts go underneath, so where a ghost matches the solid pose only the solid one shows.
    for ghost_pass in (True, False):
        for figure, points in zip(frame.figures, placed, strict=True):
            if figure.ghost is ghost_pass:
                draw_figure(sketch, figure, points, palette)
    draw_arrows(sketch, frame.arrows, placed, palette)
    return sketch


def _draw_badge(sketch: Sketch, centre: Point, number: int, palette: Palette) -> None:
    sketch.disc(centre, BADGE_RADIUS, palette.ink)
    sketch.text(centre, str(number), BADGE_RADIUS * 1.45, palette.paper)


def _cells(boxes: list[Box], layout: str) -> list[tuple[Box, float, float]]:
    """Where each frame goes: its cell and the shift into it. A row shares one floor line
    (frames keep their y), a column shares x; cells are FRAME_GAP apart."""
    shared = boxes[0]
    for box in boxes[1:]:
        shared = box.union(shared)
    cells = []
    cursor = 0.0
    for box in boxes:
        if layout == "row":
            cells.append(
                (Box(cursor, shared.bottom, cursor + box.width, shared.top), cursor - box.left, 0.0)
            )
            cursor += box.width + FRAME_GAP
        else:
            cells.append(
                (Box(shared.left, cursor - box.height, shared.right, cursor), 0.0, cursor - box.top)
            )
            cursor -= box.height + FRAME_GAP
    return cells


def _divider(cell: Box, layout: str) -> list[Point]:
    """A line through the gap before ``cell``."""
    if layout == "row":
        x = cell.left - FRAME_GAP / 2
        return [(x, cell.bottom), (x, cell.top)]
    y = cell.top + FRAME_GAP / 2
    return [(cell.left, y), (cell.right, y)]


def _compose(picture: Picture, palette: Palette) -> Sketch:
    frames = [_draw_frame(frame, palette) for frame in picture.frames]
    whole = Sketch()
    cells = _cells([_extent(sketch) for sketch in frames], picture.layout)
    for index, (frame, sketch, (cell, dx, dy)) in enumerate(
        zip(picture.frames, frames, cells, strict=True)
    ):
        whole.add(sketch, dx, dy)
        if index:
            whole.line(_divider(cell, picture.layout), THIN, palette.surface)
        if frame.number is not None:
            corner = (cell.left + BADGE_RADIUS, cell.top - BADGE_RADIUS)
            _draw_badge(whole, corner, frame.number, palette)
    return whole


def _extent(sketch: Sketch) -> Box:
    """The box a frame's or a picture's sketch covers: never empty, as every frame has a
    figure or a prop (``parse_picture`` sees to it)."""
    assert sketch.box is not None, "an empty picture frame"
    return sketch.box


def _staged(box: Box) -> Box:
    """Grow ``box`` around its centre to at least the stage size."""
    grow_x = max(0.0, STAGE_WIDTH - box.width) / 2
    grow_y = max(0.0, STAGE_HEIGHT - box.height) / 2
    return Box(box.left - grow_x, box.bottom - grow_y, box.right + grow_x, box.top + grow_y)


@lru_cache(maxsize=32)
def _composed(picture: Picture, palette: Palette) -> Sketch:
    """One layout per picture and palette; callers only read it."""
    return _compose(picture, palette)


def picture_size(
    picture: Picture, *, ink: Colour = INK, accent: Colour = ACCENT
) -> tuple[float, float]:
    """The natural size of a picture: at this size one body unit is one point."""
    box = _staged(_extent(_composed(picture, Palette.of(ink, accent))))
    return box.width, box.height


def paint_picture(
    canvas: Canvas, picture: Picture, *, ink: Colour = INK, accent: Colour = ACCENT
) -> None:
    """Paint the picture at its natural size (``picture_size``) with its corner at 0, 0."""
    sketch = _composed(picture, Palette.of(ink, accent))
    box = _staged(_extent(sketch))
    canvas.saveState()
    canvas.translate(-box.left, -box.bottom)
    sketch.paint(canvas)
    canvas.restoreState()


def picture_drawing(
    picture: Picture, width: float, height: float, *, ink: Colour = INK, accent: Colour = ACCENT
) -> Drawing:
    """The picture scaled uniformly to fit ``width`` x ``height`` points, centred."""
    sketch = _composed(picture, Palette.of(ink, accent))
    box = _staged(_extent(sketch))
    scale = min(width / box.width, height / box.height)
    dx = (width - box.width * scale) / 2 - box.left * scale
    dy = (height - box.height * scale) / 2 - box.bottom * scale
    # Without a font the PDF renderer selects its default, an unembedded Helvetica.
    drawing = Drawing(width, height, initialFontName=NUMBER_FONT)
    drawing.add(Group(*sketch.shapes(), transform=(scale, 0, 0, scale, dx, dy)))
    return drawing
