"""Drawing pictures: frames of figures, props and arrows, laid out and fitted to any box.

Frames stand side by side (left to right, or right to left for a right-to-left language) or
one over another. A frame with a ``zoom`` is a close-up, and one with a ``crop`` shows only
that box of itself, framed. A box too small for the whole picture (a thumbnail) shows the
key frame alone, cut to its figures. Cutting changes the geometry itself (nothing is hidden
by a PDF clip), so a picture never holds more than it shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.graphics.shapes import Drawing, Group
from reportlab.pdfgen.canvas import Canvas

from handout.pictures.arrows import draw_arrows
from handout.pictures.body import Point
from handout.pictures.figures import draw_figure
from handout.pictures.model import Clock, Frame, Picture, figure_points
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
# Below this many points per body unit the whole picture is too small to read: the key
# frame alone is shown, cropped to its figures with this margin around them.
KEY_FRAME_BELOW = 0.45
KEY_MARGIN = 4.0
THIN_FROM = 8  # a thumbnail's outlines of more points than this keep every other one


@dataclass(frozen=True)
class _Frame:
    props: Sketch  # all but clocks
    clocks: Sketch
    ghosts: Sketch
    people: Sketch  # the solid figures and the arrows
    box: Box  # what the frame shows, in its own units (its crop, else all it draws)
    zoom: float
    cropped: bool

    @property
    def figures(self) -> Box:
        """The box of the frame's figures and arrows."""
        box = self.people.box or self.box
        return box if self.ghosts.box is None else self.ghosts.box.union(box)

    def layers(self, thumbnail: bool = False) -> tuple[Sketch, ...]:
        """The frame's sketches in drawing order. A thumbnail leaves out clocks (the dose is
        written beside it) and ghosts, whose dashes would be a grey blur that small."""
        if thumbnail:
            return (self.props, self.people)
        return (self.props, self.clocks, self.ghosts, self.people)


@dataclass(frozen=True)
class Composed:
    """A picture laid out at its natural size: one body unit of an unzoomed frame is one
    point. ``cells`` are where the frames went; ``figures`` the key frame's figures."""

    sketch: Sketch
    box: Box  # the picture's natural extent, stage included
    cells: tuple[Box, ...]
    key_cell: Box
    key_figures: Box


@lru_cache(maxsize=128)
def _draw_frame(frame: Frame, palette: Palette) -> _Frame:
    """One drawing per frame and palette, shared by the whole picture and its thumbnail."""
    weight = 1.0 / frame.zoom  # lines as heavy as in the other frames, once zoomed
    props, clocks, ghosts, people = (Sketch(weight) for _ in range(4))
    placed = [figure_points(figure) for figure in frame.figures]
    for prop in frame.props:
        draw_prop(clocks if isinstance(prop, Clock) else props, prop, palette)
    # Ghosts go underneath, so where a ghost matches the solid pose only the solid one shows.
    for figure, points in zip(frame.figures, placed, strict=True):
        draw_figure(ghosts if figure.ghost else people, figure, points, palette)
    draw_arrows(people, frame.arrows, placed, palette)
    box: Box | None = None
    for layer in (props, clocks, ghosts, people):
        box = layer.box.union(box) if layer.box is not None else box
    assert box is not None, "an empty picture frame"  # parse_picture sees to it
    if frame.crop is not None:
        box = Box(*frame.crop)
    return _Frame(props, clocks, ghosts, people, box, frame.zoom, frame.crop is not None)


def _draw_badge(sketch: Sketch, centre: Point, number: int, palette: Palette) -> None:
    sketch.disc(centre, BADGE_RADIUS, palette.ink)
    sketch.text(centre, str(number), BADGE_RADIUS * 1.45, palette.paper)


def _scaled(box: Box, zoom: float) -> Box:
    return Box(box.left * zoom, box.bottom * zoom, box.right * zoom, box.top * zoom)


def _places(frames: list[_Frame], layout: str, rtl: bool) -> list[tuple[Box, float, float]]:
    """Where each frame goes: its cell and the shift into it (after zooming). A row shares
    one floor line (frames keep their y) and a column shares x; close-ups are centred
    across. Cells are FRAME_GAP apart, in reading order."""
    boxes = [_scaled(frame.box, frame.zoom) for frame in frames]
    plain = [box for box, frame in zip(boxes, frames, strict=True) if frame.zoom == 1.0]
    shared = (plain or boxes)[0]
    for box in (plain or boxes)[1:]:
        shared = box.union(shared)
    places: dict[int, tuple[Box, float, float]] = {}
    cursor = 0.0
    order = range(len(frames))
    for index in reversed(order) if rtl and layout == "row" else order:
        box, zoomed = boxes[index], frames[index].zoom != 1.0
        if layout == "row":
            dy = (shared.bottom + shared.top - box.bottom - box.top) / 2 if zoomed else 0.0
            bottom, top = min(shared.bottom, box.bottom + dy), max(shared.top, box.top + dy)
            places[index] = (Box(cursor, bottom, cursor + box.width, top), cursor - box.left, dy)
            cursor += box.width + FRAME_GAP
        else:
            dx = (shared.left + shared.right - box.left - box.right) / 2 if zoomed else 0.0
            left, right = min(shared.left, box.left + dx), max(shared.right, box.right + dx)
            places[index] = (Box(left, cursor - box.height, right, cursor), dx, cursor - box.top)
            cursor -= box.height + FRAME_GAP
    return [places[index] for index in order]


def _divider(cell: Box, layout: str, rtl: bool) -> list[Point]:
    """A line through the gap before ``cell`` in reading order."""
    if layout == "row":
        x = cell.right + FRAME_GAP / 2 if rtl else cell.left - FRAME_GAP / 2
        return [(x, cell.bottom), (x, cell.top)]
    y = cell.top + FRAME_GAP / 2
    return [(cell.left, y), (cell.right, y)]


def _compose(picture: Picture, palette: Palette, rtl: bool) -> Composed:
    frames = [_draw_frame(frame, palette) for frame in picture.frames]
    whole = Sketch()
    places = _places(frames, picture.layout, rtl)
    cells = []
    for index, (frame, drawn, (cell, dx, dy)) in enumerate(
        zip(picture.frames, frames, places, strict=True)
    ):
        zoom = drawn.zoom
        content = Box(cell.left, cell.bottom, cell.right, cell.top)
        if drawn.cropped:
            inner = _scaled(drawn.box, zoom).moved(dx, dy)
            content = inner
            whole.rect(inner, palette.paper, None, 0.0, 0.0)
            for layer in drawn.layers():
                whole.add_cut(layer, drawn.box, dx, dy, zoom)
            half = THIN / 2
            whole.outline(
                [
                    (inner.left + half, inner.bottom + half),
                    (inner.right - half, inner.bottom + half),
                    (inner.right - half, inner.top - half),
                    (inner.left + half, inner.top - half),
                ],
                THIN,
                palette.ink,
            )
        else:
            for layer in drawn.layers():
                whole.add(layer, dx, dy, zoom)
        cells.append(content)
        if index:
            whole.line(_divider(cell, picture.layout, rtl), THIN, palette.surface)
        if frame.number is not None:
            x = content.right - BADGE_RADIUS if rtl else content.left + BADGE_RADIUS
            _draw_badge(whole, (x, content.top - BADGE_RADIUS), frame.number, palette)
    key = picture.key_index
    _, dx, dy = places[key]
    figures = _scaled(frames[key].figures, frames[key].zoom).moved(dx, dy)
    return Composed(whole, _staged(_extent(whole)), tuple(cells), cells[key], figures)


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


def _intersection(a: Box, b: Box) -> Box:
    return Box(
        max(a.left, b.left), max(a.bottom, b.bottom), min(a.right, b.right), min(a.top, b.top)
    )


def _key_frame(picture: Picture, palette: Palette) -> Composed:
    """The key frame alone, cut to its figures and a margin: what a thumbnail shows (its
    solid figures, arrows and props but a clock, see ``_Frame.layers``)."""
    drawn = _draw_frame(picture.frames[picture.key_index], palette)
    figures = drawn.people.box or drawn.figures
    shown = Box(
        figures.left - KEY_MARGIN,
        figures.bottom - KEY_MARGIN,
        figures.right + KEY_MARGIN,
        figures.top + KEY_MARGIN,
    )
    if drawn.cropped:
        shown = _intersection(shown, drawn.box)
    sketch = Sketch()
    for layer in drawn.layers(thumbnail=True):
        sketch.add_cut(layer, shown, 0.0, 0.0, drawn.zoom)
    # As small as a thumbnail is, every other point of a long outline is enough.
    sketch.thin_out(THIN_FROM)
    box = _extent(sketch)  # the cut strokes' ends included
    return Composed(sketch, box, (box,), box, box)


@lru_cache(maxsize=64)
def _composed(picture: Picture, palette: Palette, rtl: bool, key: bool) -> Composed:
    """One layout per picture, palette and direction (or key frame); callers only read it."""
    return _key_frame(picture, palette) if key else _compose(picture, palette, rtl)


def compose(
    picture: Picture,
    *,
    ink: Colour = INK,
    accent: Colour = ACCENT,
    rtl: bool = False,
    key: bool = False,
) -> Composed:
    """The picture laid out: all its frames, or with ``key`` its key frame's figures."""
    return _composed(picture, Palette.of(ink, accent), rtl and not key, key)


def key_frame_only(picture: Picture, width: float, height: float) -> bool:
    """Whether a ``width`` x ``height`` box shows only the key frame: the whole picture
    would come out too small there to read (a thumbnail)."""
    box = compose(picture).box
    return min(width / box.width, height / box.height) < KEY_FRAME_BELOW


def fit(box: Box, width: float, height: float) -> tuple[float, float, float]:
    """Scale and shift that fit ``box`` centred into ``width`` x ``height``."""
    scale = min(width / box.width, height / box.height)
    dx = (width - box.width * scale) / 2 - box.left * scale
    dy = (height - box.height * scale) / 2 - box.bottom * scale
    return scale, dx, dy


def picture_size(
    picture: Picture,
    *,
    ink: Colour = INK,
    accent: Colour = ACCENT,
    rtl: bool = False,
    key: bool = False,
) -> tuple[float, float]:
    """The natural size of a picture: at this size one body unit is one point."""
    box = compose(picture, ink=ink, accent=accent, rtl=rtl, key=key).box
    return box.width, box.height


def paint_picture(
    canvas: Canvas,
    picture: Picture,
    *,
    ink: Colour = INK,
    accent: Colour = ACCENT,
    rtl: bool = False,
    key: bool = False,
) -> None:
    """Paint the picture at its natural size (``picture_size``) with its corner at 0, 0."""
    composed = compose(picture, ink=ink, accent=accent, rtl=rtl, key=key)
    canvas.saveState()
    canvas.translate(-composed.box.left, -composed.box.bottom)
    composed.sketch.paint(canvas)
    canvas.restoreState()


def picture_drawing(
    picture: Picture,
    width: float,
    height: float,
    *,
    ink: Colour = INK,
    accent: Colour = ACCENT,
    rtl: bool = False,
) -> Drawing:
    """The picture scaled uniformly to fit ``width`` x ``height`` points, centred; in a box
    too small for it, its key frame alone (see ``key_frame_only``)."""
    key = key_frame_only(picture, width, height)
    composed = compose(picture, ink=ink, accent=accent, rtl=rtl, key=key)
    scale, dx, dy = fit(composed.box, width, height)
    # Without a font the PDF renderer selects its default, an unembedded Helvetica.
    drawing = Drawing(width, height, initialFontName=NUMBER_FONT)
    drawing.add(Group(*composed.sketch.shapes(), transform=(scale, 0, 0, scale, dx, dy)))
    return drawing
