"""The shared line-art style, and a light shape list that knows its exact extent."""

from __future__ import annotations

import io
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import groupby
from typing import Literal

from reportlab.graphics.shapes import Circle, Path, Rect, Shape, String, Wedge
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from handout.pictures.body import Point
from handout.reportlab_api import clear_page_operators, page_operators

INK = "#1a1a1a"
ACCENT = "#1f6f78"
NUMBER_FONT = "NotoSans-Bold"

# Stroke weights in body units. A standing figure is about 100 units tall and a card picture
# (216 x 144 pt) shows about 1.2 pt per unit: thin lines come out near 1.6 pt.
THIN = 1.3
ARROW = 2.6  # an arrow's shaft: heavier than any outline, so it never reads as one
ARROW_HALO = 1.3  # the white band around an arrow, between it and what it crosses

# Shares of white mixed into a colour for the lighter tones.
FAR_TINT = 0.42  # the far arm and leg, and props beyond the figure
GHOST_TINT = 0.35  # the outline of the "other" pose, drawn hollow
MOVING_TINT = 0.8  # the fill of a moving part, inside its outline in the accent colour
PROP_FILL_TINT = 0.86  # surfaces of props (wall, step, mat, chair)

Colour = colors.Color | str
FILL_NON_ZERO: Literal[1] = 1  # ReportLab's fill rule by which overlapping outlines fill as one
Dash = tuple[float, ...]


def mix_with_white(colour: colors.Color, share: float) -> colors.Color:
    return colors.Color(*(part + (1.0 - part) * share for part in colour.rgb()))


@dataclass(frozen=True)
class Palette:
    ink: colors.Color
    accent: colors.Color
    far: colors.Color
    ghost: colors.Color
    moving: colors.Color  # fill of a moving part
    surface: colors.Color
    paper: colors.Color = colors.white

    @staticmethod
    @lru_cache(maxsize=16)
    def of(ink: Colour, accent: Colour) -> Palette:
        """The palette for two colours (cached: parsing colour names is slow)."""
        dark = colors.toColor(ink)
        bright = colors.toColor(accent)
        return Palette(
            ink=dark,
            accent=bright,
            far=mix_with_white(dark, FAR_TINT),
            ghost=mix_with_white(dark, GHOST_TINT),
            moving=mix_with_white(bright, MOVING_TINT),
            surface=mix_with_white(dark, PROP_FILL_TINT),
        )


@dataclass(frozen=True)
class Box:
    left: float
    bottom: float
    right: float
    top: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom

    def union(self, other: Box | None) -> Box:
        if other is None:
            return self
        return Box(
            min(self.left, other.left),
            min(self.bottom, other.bottom),
            max(self.right, other.right),
            max(self.top, other.top),
        )

    def moved(self, dx: float, dy: float) -> Box:
        return Box(self.left + dx, self.bottom + dy, self.right + dx, self.top + dy)

    @classmethod
    def around(cls, points: Sequence[Point], margin: float = 0.0) -> Box:
        xs, ys = zip(*points, strict=True)
        return cls(min(xs) - margin, min(ys) - margin, max(xs) + margin, max(ys) + margin)


Transform = tuple[float, float, float]  # scale, then shift by dx, dy


def _mapped(points: Sequence[Point], move: Transform) -> tuple[Point, ...]:
    scale, dx, dy = move
    if scale == 1.0:
        return tuple((x + dx, y + dy) for x, y in points)
    return tuple((x * scale + dx, y * scale + dy) for x, y in points)


def _mapped_box(box: Box, move: Transform) -> Box:
    (left, bottom), (right, top) = _mapped([(box.left, box.bottom), (box.right, box.top)], move)
    return Box(left, bottom, right, top)


@dataclass(frozen=True)
class _Line:
    points: tuple[Point, ...]
    width: float
    colour: colors.Color
    round_caps: bool
    closed: bool = False
    dash: Dash | None = None

    def moved(self, move: Transform) -> _Line:
        scale = move[0]
        dash = None if self.dash is None else tuple(part * scale for part in self.dash)
        points = _mapped(self.points, move)
        return _Line(points, self.width * scale, self.colour, self.round_caps, self.closed, dash)


@dataclass(frozen=True)
class _Disc:
    centre: Point
    radius: float
    fill: colors.Color | None
    outline: colors.Color | None
    width: float

    def moved(self, move: Transform) -> _Disc:
        (centre,) = _mapped([self.centre], move)
        scale = move[0]
        return _Disc(centre, self.radius * scale, self.fill, self.outline, self.width * scale)

    def paint(self, canvas: Canvas) -> None:
        _set_colours(canvas, self.fill, self.outline, self.width)
        x, y = self.centre
        canvas.circle(
            x, y, self.radius, stroke=self.outline is not None, fill=self.fill is not None
        )

    def shape(self) -> Shape:
        x, y = self.centre
        return Circle(
            x, y, self.radius, fillColor=self.fill, strokeColor=self.outline, strokeWidth=self.width
        )


@dataclass(frozen=True)
class _Polygon:
    points: tuple[Point, ...]  # counterclockwise, so overlapping ones fill as one
    fill: colors.Color

    def moved(self, move: Transform) -> _Polygon:
        return _Polygon(_mapped(self.points, move), self.fill)


@dataclass(frozen=True)
class _Block:
    box: Box
    fill: colors.Color
    outline: colors.Color | None
    width: float
    round_by: float

    def moved(self, move: Transform) -> _Block:
        scale = move[0]
        return _Block(
            _mapped_box(self.box, move),
            self.fill,
            self.outline,
            self.width * scale,
            self.round_by * scale,
        )

    def paint(self, canvas: Canvas) -> None:
        _set_colours(canvas, self.fill, self.outline, self.width)
        box, stroke = self.box, self.outline is not None
        if self.round_by:
            canvas.roundRect(
                box.left, box.bottom, box.width, box.height, self.round_by, stroke=stroke, fill=1
            )
        else:
            canvas.rect(box.left, box.bottom, box.width, box.height, stroke=stroke, fill=1)

    def shape(self) -> Shape:
        box = self.box
        return Rect(
            box.left,
            box.bottom,
            box.width,
            box.height,
            rx=self.round_by,
            ry=self.round_by,
            # types-reportlab's Rect lacks Unpack[] on **kw, so wants each keyword a whole dict.
            fillColor=self.fill,  # type: ignore[arg-type]
            strokeColor=self.outline,  # type: ignore[arg-type]
            strokeWidth=self.width,  # type: ignore[arg-type]
            strokeLineJoin=1,  # type: ignore[arg-type]
        )


@dataclass(frozen=True)
class _Slice:
    centre: Point
    radius: float
    start: float
    end: float
    fill: colors.Color

    def moved(self, move: Transform) -> _Slice:
        (centre,) = _mapped([self.centre], move)
        return _Slice(centre, self.radius * move[0], self.start, self.end, self.fill)

    def paint(self, canvas: Canvas) -> None:
        canvas.setFillColor(self.fill)
        x, y = self.centre
        r = self.radius
        canvas.wedge(
            x - r, y - r, x + r, y + r, self.start, self.end - self.start, stroke=0, fill=1
        )

    def shape(self) -> Shape:
        x, y = self.centre
        return Wedge(x, y, self.radius, self.start, self.end, fillColor=self.fill, strokeColor=None)


@dataclass(frozen=True)
class _Text:
    anchor: Point  # middle of the baseline
    text: str
    size: float
    colour: colors.Color

    def moved(self, move: Transform) -> _Text:
        (anchor,) = _mapped([self.anchor], move)
        return _Text(anchor, self.text, self.size * move[0], self.colour)

    def paint(self, canvas: Canvas) -> None:
        canvas.setFont(NUMBER_FONT, self.size)
        canvas.setFillColor(self.colour)
        canvas.drawCentredString(*self.anchor, self.text)

    def shape(self) -> Shape:
        x, y = self.anchor
        return String(
            x,
            y,
            self.text,
            fontName=NUMBER_FONT,
            fontSize=self.size,
            fillColor=self.colour,
            textAnchor="middle",
        )


_Item = _Line | _Disc | _Polygon | _Block | _Slice | _Text
_Drawn = _Disc | _Block | _Slice | _Text  # items drawn one by one


# Cutting items to a box, for a close-up's crop and a thumbnail's key frame. The geometry
# itself is cut (not clipped by the PDF), so what a picture holds never reaches beyond what
# it shows: a reader of the PDF sees its true extent.


def _inside(box: Box, inner: Box) -> bool:
    return (
        box.left <= inner.left
        and inner.right <= box.right
        and box.bottom <= inner.bottom
        and inner.top <= box.top
    )


def _cut_polygon(points: Sequence[Point], box: Box) -> list[Point]:
    """The part of a polygon inside the box (Sutherland-Hodgman)."""
    # Each edge: the axis it cuts, where, and which side is kept (+1: above, -1: below).
    edges = ((0, box.left, 1.0), (0, box.right, -1.0), (1, box.bottom, 1.0), (1, box.top, -1.0))
    result = list(points)
    for axis, at, side in edges:
        if not result:
            break
        kept: list[Point] = []
        for index, point in enumerate(result):
            previous = result[index - 1]
            keeps = side * (point[axis] - at) >= 0
            if keeps != (side * (previous[axis] - at) >= 0):
                share = (at - previous[axis]) / (point[axis] - previous[axis])
                kept.append(
                    (
                        previous[0] + (point[0] - previous[0]) * share,
                        previous[1] + (point[1] - previous[1]) * share,
                    )
                )
            if keeps:
                kept.append(point)
        result = kept
    return result


def _cut_segment(a: Point, b: Point, box: Box) -> tuple[float, float] | None:
    """The stretch of segment a-b inside the box, as shares along it (Liang-Barsky)."""
    low, high = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for step, room in (
        (-dx, a[0] - box.left),
        (dx, box.right - a[0]),
        (-dy, a[1] - box.bottom),
        (dy, box.top - a[1]),
    ):
        if step == 0:
            if room < 0:
                return None
            continue
        share = room / step
        if step < 0:
            low = max(low, share)
        else:
            high = min(high, share)
    return (low, high) if low < high else None


def _cut_polyline(points: Sequence[Point], box: Box) -> list[list[Point]]:
    """The runs of a polyline inside the box."""
    runs: list[list[Point]] = []
    run: list[Point] = []
    for a, b in itertools.pairwise(points):
        shares = _cut_segment(a, b, box)
        if shares is None:
            run = []
            continue
        low, high = shares
        start = (a[0] + (b[0] - a[0]) * low, a[1] + (b[1] - a[1]) * low)
        end = (a[0] + (b[0] - a[0]) * high, a[1] + (b[1] - a[1]) * high)
        if not run or low > 0.0:
            run = [start]
            runs.append(run)
        run.append(end)
        if high < 1.0:
            run = []
    return runs


def _circle(centre: Point, radius: float) -> list[Point]:
    return [
        (
            centre[0] + radius * math.cos(math.radians(angle)),
            centre[1] + radius * math.sin(math.radians(angle)),
        )
        for angle in range(0, 360, 10)
    ]


def _cut_lines(
    points: Sequence[Point],
    closed: bool,
    box: Box,
    width: float,
    colour: colors.Color,
    dash: Dash | None = None,
) -> list[_Line]:
    ring = [*points, points[0]] if closed else list(points)
    # A cut end is square: it stops at the box's edge.
    runs = _cut_polyline(ring, box)
    return [_Line(tuple(run), width, colour, False, dash=dash) for run in runs]


def _cut(item: _Item, box: Box) -> list[_Item]:
    """What of ``item`` lies inside ``box``: lines and outlines cut where they leave it,
    a dial or digits only when whole."""
    if _inside(box, _bounds(item)):
        return [item]
    if isinstance(item, _Line):
        return list(_cut_lines(item.points, item.closed, box, item.width, item.colour, item.dash))
    if isinstance(item, _Polygon):
        points = _cut_polygon(item.points, box)
        return [_Polygon(tuple(points), item.fill)] if len(points) > 2 else []
    outline: list[Point]
    if isinstance(item, _Disc):
        outline = _circle(item.centre, item.radius)
        fill, stroke = item.fill, item.outline
    elif isinstance(item, _Block):
        b = item.box
        outline = [(b.left, b.bottom), (b.right, b.bottom), (b.right, b.top), (b.left, b.top)]
        fill, stroke = item.fill, item.outline
    else:
        return []  # a clock's slice or digits, cut: left out
    cut: list[_Item] = []
    if fill is not None:
        points = _cut_polygon(outline, box)
        if len(points) > 2:
            cut.append(_Polygon(tuple(points), fill))
    if stroke is not None:
        cut.extend(_cut_lines(outline, True, box, item.width, stroke))
    return cut


def _bounds(item: _Item) -> Box:
    """The box an item covers, strokes included."""
    if isinstance(item, _Line):
        return Box.around(item.points, item.width / 2)
    if isinstance(item, _Polygon):
        return Box.around(item.points)
    if isinstance(item, _Disc):
        return Box.around([item.centre], item.radius + item.width / 2)
    if isinstance(item, _Block):
        return Box.around(
            [(item.box.left, item.box.bottom), (item.box.right, item.box.top)], item.width / 2
        )
    if isinstance(item, _Slice):
        return Box.around([item.centre], item.radius)
    width = pdfmetrics.stringWidth(item.text, NUMBER_FONT, item.size)
    x, y = item.anchor
    return Box(x - width / 2, y, x + width / 2, y + 0.714 * item.size)


def _set_colours(
    canvas: Canvas, fill: colors.Color | None, outline: colors.Color | None, width: float
) -> None:
    if fill is not None:
        canvas.setFillColor(fill)
    if outline is not None:
        canvas.setStrokeColor(outline)
        canvas.setLineWidth(width)
        canvas.setLineJoin(1)


def _path_code(outlines: Iterable[tuple[Sequence[Point], bool]]) -> str:
    """PDF path operators for polylines (closed ones closed), written straight out: a
    picture has thousands of points, and ReportLab's path object costs more per point."""
    code = []
    for points, closed in outlines:
        x, y = points[0]
        code.append(f"{x:.1f} {y:.1f} m")
        code.extend([f"{x:.1f} {y:.1f} l" for x, y in points[1:]])
        if closed:
            code.append("h")
    return " ".join(code)


def _paint_strokes(canvas: Canvas, lines: list[_Line]) -> None:
    first = lines[0]
    canvas.setStrokeColor(first.colour)
    canvas.setLineWidth(first.width)
    canvas.setLineCap(1 if first.round_caps else 0)
    canvas.setLineJoin(1)
    canvas.setDash(list(first.dash) if first.dash else [])
    page_operators(canvas).append(_path_code((line.points, line.closed) for line in lines) + " S")
    if first.dash:
        canvas.setDash([])


def _paint_fills(canvas: Canvas, polygons: list[_Polygon]) -> None:
    canvas.setFillColor(polygons[0].fill)
    # "f" fills by the non-zero rule: overlapping counterclockwise outlines fill as one.
    code = _path_code((polygon.points, True) for polygon in polygons)
    page_operators(canvas).append(code + " f")


def _stroke_path(lines: list[_Line]) -> Shape:
    first = lines[0]
    path = Path(
        strokeColor=first.colour,
        strokeWidth=first.width,
        fillColor=None,
        strokeLineCap=1 if first.round_caps else 0,
        strokeLineJoin=1,
    )
    if first.dash:
        path.strokeDashArray = list(first.dash)
    for line in lines:
        path.moveTo(*line.points[0])
        for point in line.points[1:]:
            path.lineTo(*point)
        if line.closed:
            path.closePath()
    return path


def _fill_path(polygons: list[_Polygon]) -> Shape:
    path = Path(fillColor=polygons[0].fill, strokeColor=None, fillMode=FILL_NON_ZERO)
    for polygon in polygons:
        path.moveTo(*polygon.points[0])
        for point in polygon.points[1:]:
            path.lineTo(*point)
        path.closePath()
    return path


def _style(item: _Item) -> tuple[object, ...] | None:
    """Items of equal style drawn one after another can share one path."""
    if isinstance(item, _Line):
        return ("stroke", item.width, item.colour, item.round_caps, item.dash)
    if isinstance(item, _Polygon):
        return ("fill", item.fill)
    return None


def _item_shapes(items: Sequence[_Item]) -> list[Shape]:
    shapes: list[Shape] = []
    # Every run is of one kind (see _style): the isinstance tests only say which.
    for style, run in groupby(items, key=_style):
        if style is None:
            shapes.extend(item.shape() for item in run if isinstance(item, _Drawn))
        elif style[0] == "stroke":
            shapes.append(_stroke_path([item for item in run if isinstance(item, _Line)]))
        else:
            shapes.append(_fill_path([item for item in run if isinstance(item, _Polygon)]))
    return shapes


def _paint_items(canvas: Canvas, items: Sequence[_Item]) -> None:
    for style, run in groupby(items, key=_style):
        if style is None:
            for item in run:
                if isinstance(item, _Drawn):  # as every item of such a run is
                    item.paint(canvas)
        elif style[0] == "stroke":
            _paint_strokes(canvas, [item for item in run if isinstance(item, _Line)])
        else:
            _paint_fills(canvas, [item for item in run if isinstance(item, _Polygon)])


@lru_cache(maxsize=1)
def _scratch() -> Canvas:
    """A canvas to work out operators on, never saved."""
    return Canvas(io.BytesIO(), invariant=1)


def _recorded(items: Sequence[_Item]) -> list[str | _Text]:
    """The operators that paint ``items``, digits left as items to paint on the canvas."""
    scratch = _scratch()
    steps: list[str | _Text] = []

    def flush() -> None:
        if page_operators(scratch):
            steps.append("\n".join(page_operators(scratch)))
            clear_page_operators(scratch)

    clear_page_operators(scratch)
    run: list[_Item] = []
    for item in [*items, None]:
        if item is None or isinstance(item, _Text):
            _paint_items(scratch, run)
            run = []
            flush()
            if item is not None:
                steps.append(item)
        else:
            run.append(item)
    return steps


def counterclockwise(points: Sequence[Point]) -> tuple[Point, ...]:
    """The polygon's points turning counterclockwise (a positive area)."""
    following = [*points[1:], points[0]]
    area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, following, strict=True))
    return tuple(points) if area >= 0 else tuple(reversed(points))


class Sketch:
    """Items in drawing order plus the box they cover, strokes included.

    Items are plain data; ReportLab shapes are made only once, by ``shapes``. Every stroke
    width is multiplied by ``weight``: a close-up drawn at twice the size has half weights,
    so its lines come out as heavy as everyone else's.
    """

    def __init__(self, weight: float = 1.0) -> None:
        self.items: list[_Item] = []
        self.box: Box | None = None
        self.weight = weight
        self._recorded: tuple[int, list[str | _Text]] | None = None

    def _put(self, item: _Item, box: Box) -> None:
        self.items.append(item)
        self.box = box.union(self.box)

    def line(
        self,
        points: Sequence[Point],
        width: float,
        colour: colors.Color,
        cap: str = "round",
        dash: Dash | None = None,
    ) -> None:
        """A stroke with round joins; half the width bounds it on every side."""
        width *= self.weight
        dashes = None if dash is None else tuple(part * self.weight for part in dash)
        self._put(
            _Line(tuple(points), width, colour, cap == "round", dash=dashes),
            Box.around(points, width / 2),
        )

    def outline(
        self,
        points: Sequence[Point],
        width: float,
        colour: colors.Color,
        dash: Dash | None = None,
    ) -> None:
        """A closed stroke around a polygon, centred on its edge."""
        width *= self.weight
        dashes = None if dash is None else tuple(part * self.weight for part in dash)
        self._put(
            _Line(tuple(points), width, colour, True, closed=True, dash=dashes),
            Box.around(points, width / 2),
        )

    def disc(
        self,
        centre: Point,
        radius: float,
        fill: colors.Color | None,
        outline: colors.Color | None = None,
        width: float = 0.0,
    ) -> None:
        width *= self.weight
        self._put(
            _Disc(centre, radius, fill, outline, width), Box.around([centre], radius + width / 2)
        )

    def polygon(self, points: Sequence[Point], fill: colors.Color) -> None:
        """A filled outline, which must turn counterclockwise: overlapping outlines of one
        colour then fill as one (see ``counterclockwise``)."""
        self._put(_Polygon(tuple(points), fill), Box.around(points))

    def rect(
        self,
        box: Box,
        fill: colors.Color,
        outline: colors.Color | None,
        width: float,
        round_by: float,
    ) -> None:
        width *= self.weight
        self._put(
            _Block(box, fill, outline, width, round_by),
            Box.around([(box.left, box.bottom), (box.right, box.top)], width / 2),
        )

    def wedge(
        self, centre: Point, radius: float, start: float, end: float, fill: colors.Color
    ) -> None:
        """A pie slice from angle ``start`` counterclockwise to ``end`` (degrees)."""
        self._put(_Slice(centre, radius, start, end, fill), Box.around([centre], radius))

    def text(self, centre: Point, text: str, size: float, colour: colors.Color) -> None:
        """Digits centred on ``centre``; only figures and signs, never words."""
        if NUMBER_FONT not in pdfmetrics.getRegisteredFontNames():
            raise LookupError(f"register the TrueType font '{NUMBER_FONT}' before drawing")
        width = pdfmetrics.stringWidth(text, NUMBER_FONT, size)
        digit_height = 0.714 * size  # cap and digit height of Noto Sans
        baseline = centre[1] - digit_height / 2
        self._put(
            _Text((centre[0], baseline), text, size, colour),
            Box(centre[0] - width / 2, baseline, centre[0] + width / 2, baseline + digit_height),
        )

    def add(self, other: Sketch, dx: float, dy: float, scale: float = 1.0) -> None:
        """Copy in another sketch scaled by ``scale``, then moved by (dx, dy)."""
        if other.box is None:
            return
        move = (scale, dx, dy)
        if move == (1.0, 0.0, 0.0):
            self.items.extend(other.items)  # items are never changed: they can be shared
        else:
            self.items.extend(item.moved(move) for item in other.items)
        self.box = _mapped_box(other.box, move).union(self.box)

    def add_cut(self, other: Sketch, cut: Box, dx: float, dy: float, scale: float = 1.0) -> None:
        """Copy in what of another sketch lies inside ``cut`` (its units), scaled and moved."""
        move = (scale, dx, dy)
        box = _mapped_box(cut, move)
        still = move == (1.0, 0.0, 0.0)
        for item in other.items:
            for piece in _cut(item if still else item.moved(move), box):
                self._put(piece, _bounds(piece))

    def thin_out(self, longer_than: int) -> None:
        """Keep every other point of each line or outline of more points than given: for a
        sketch drawn so small that the steps between the points cannot show."""
        for index, item in enumerate(self.items):
            if isinstance(item, _Line | _Polygon) and len(item.points) > longer_than:
                self.items[index] = replace(item, points=item.points[::2])
        self.box = None
        for item in self.items:
            self.box = _bounds(item).union(self.box)

    def shapes(self) -> list[Shape]:
        """ReportLab shapes in drawing order. Runs of same-style lines or polygons share one
        path: every shape costs time to render and bytes in the PDF."""
        return _item_shapes(self.items)

    def paint(self, canvas: Canvas) -> None:
        """Draw straight onto a canvas: the same picture as ``shapes`` gives, several times
        faster, since no ReportLab shape objects are built and walked.

        The operators are worked out once, on a canvas of their own, and copied in at every
        later call: a sketch is painted into every PDF a process builds. Digits go through
        the canvas each time, as its document must take in their font. So paint a sketch
        only once it is complete.
        """
        if self._recorded is None or self._recorded[0] != len(self.items):
            self._recorded = (len(self.items), _recorded(self.items))
        code = page_operators(canvas)
        for step in self._recorded[1]:
            if isinstance(step, str):
                code.append(step)
            else:
                step.paint(canvas)
