"""The shared line-art style, and a light shape list that knows its exact extent."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby

from reportlab.graphics.shapes import Circle, Path, Rect, Shape, String, Wedge
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from handout.pictures.body import Point

INK = "#1a1a1a"
ACCENT = "#1f6f78"
NUMBER_FONT = "NotoSans-Bold"

# Stroke weights in body units. A standing figure is about 100 units tall and a card picture
# (216 x 144 pt) shows about 1.25 pt per unit: limbs come out near 3.75 pt, thin lines 1.6 pt.
LIMB = 3.0
TRUNK = 4.0
THIN = 1.3
ARROW = 1.8

# Shares of white mixed into the ink for the lighter tones.
GHOST_TINT = 0.35  # the "other" pose, drawn hollow
PROP_FILL_TINT = 0.86  # surfaces of props (wall, step, mat, chair)

Colour = colors.Color | str


def mix_with_white(colour: colors.Color, share: float) -> colors.Color:
    return colors.Color(*(part + (1.0 - part) * share for part in colour.rgb()))


@dataclass(frozen=True)
class Palette:
    ink: colors.Color
    accent: colors.Color
    ghost: colors.Color
    surface: colors.Color
    paper: colors.Color = colors.white

    @staticmethod
    @lru_cache(maxsize=16)
    def of(ink: Colour, accent: Colour) -> Palette:
        """The palette for two colours (cached: parsing colour names is slow)."""
        dark = colors.toColor(ink)
        return Palette(
            ink=dark,
            accent=colors.toColor(accent),
            ghost=mix_with_white(dark, GHOST_TINT),
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
        xs = [x for x, _ in points]
        ys = [y for _, y in points]
        return cls(min(xs) - margin, min(ys) - margin, max(xs) + margin, max(ys) + margin)


def _moved(points: Sequence[Point], dx: float, dy: float) -> tuple[Point, ...]:
    return tuple((x + dx, y + dy) for x, y in points)


@dataclass(frozen=True)
class _Line:
    points: tuple[Point, ...]
    width: float
    colour: colors.Color
    round_caps: bool

    def moved(self, dx: float, dy: float) -> _Line:
        return _Line(_moved(self.points, dx, dy), self.width, self.colour, self.round_caps)


@dataclass(frozen=True)
class _Disc:
    centre: Point
    radius: float
    fill: colors.Color | None
    outline: colors.Color | None
    width: float

    def moved(self, dx: float, dy: float) -> _Disc:
        (centre,) = _moved([self.centre], dx, dy)
        return _Disc(centre, self.radius, self.fill, self.outline, self.width)

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
    points: tuple[Point, ...]
    fill: colors.Color

    def moved(self, dx: float, dy: float) -> _Polygon:
        return _Polygon(_moved(self.points, dx, dy), self.fill)


@dataclass(frozen=True)
class _Block:
    box: Box
    fill: colors.Color
    outline: colors.Color | None
    width: float
    round_by: float

    def moved(self, dx: float, dy: float) -> _Block:
        return _Block(self.box.moved(dx, dy), self.fill, self.outline, self.width, self.round_by)

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

    def moved(self, dx: float, dy: float) -> _Slice:
        (centre,) = _moved([self.centre], dx, dy)
        return _Slice(centre, self.radius, self.start, self.end, self.fill)

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

    def moved(self, dx: float, dy: float) -> _Text:
        (anchor,) = _moved([self.anchor], dx, dy)
        return _Text(anchor, self.text, self.size, self.colour)

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


def _set_colours(
    canvas: Canvas, fill: colors.Color | None, outline: colors.Color | None, width: float
) -> None:
    if fill is not None:
        canvas.setFillColor(fill)
    if outline is not None:
        canvas.setStrokeColor(outline)
        canvas.setLineWidth(width)
        canvas.setLineJoin(1)


def _paint_strokes(canvas: Canvas, lines: list[_Line]) -> None:
    first = lines[0]
    canvas.setStrokeColor(first.colour)
    canvas.setLineWidth(first.width)
    canvas.setLineCap(1 if first.round_caps else 0)
    canvas.setLineJoin(1)
    path = canvas.beginPath()
    for line in lines:
        path.moveTo(*line.points[0])
        for point in line.points[1:]:
            path.lineTo(*point)
    canvas.drawPath(path, stroke=1, fill=0)


def _paint_fills(canvas: Canvas, polygons: list[_Polygon]) -> None:
    canvas.setFillColor(polygons[0].fill)
    path = canvas.beginPath()
    for polygon in polygons:
        path.moveTo(*polygon.points[0])
        for point in polygon.points[1:]:
            path.lineTo(*point)
        path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def _stroke_path(lines: list[_Line]) -> Shape:
    first = lines[0]
    path = Path(
        strokeColor=first.colour,
        strokeWidth=first.width,
        fillColor=None,
        strokeLineCap=1 if first.round_caps else 0,
        strokeLineJoin=1,
    )
    for line in lines:
        path.moveTo(*line.points[0])
        for point in line.points[1:]:
            path.lineTo(*point)
    return path


def _fill_path(polygons: list[_Polygon]) -> Shape:
    path = Path(fillColor=polygons[0].fill, strokeColor=None)
    for polygon in polygons:
        path.moveTo(*polygon.points[0])
        for point in polygon.points[1:]:
            path.lineTo(*point)
        path.closePath()
    return path


def _style(item: _Item) -> tuple[object, ...] | None:
    """Items of equal style drawn one after another can share one path."""
    if isinstance(item, _Line):
        return ("stroke", item.width, item.colour, item.round_caps)
    if isinstance(item, _Polygon):
        return ("fill", item.fill)
    return None


class Sketch:
    """Items in drawing order plus the box they cover, strokes included.

    Items are plain data; ReportLab shapes are made only once, by ``shapes``.
    """

    def __init__(self) -> None:
        self.items: list[_Item] = []
        self.box: Box | None = None

    def _put(self, item: _Item, box: Box) -> None:
        self.items.append(item)
        self.box = box.union(self.box)

    def line(
        self, points: Sequence[Point], width: float, colour: colors.Color, cap: str = "round"
    ) -> None:
        """A stroke with round joins; half the width bounds it on every side."""
        self._put(
            _Line(tuple(points), width, colour, cap == "round"), Box.around(points, width / 2)
        )

    def disc(
        self,
        centre: Point,
        radius: float,
        fill: colors.Color | None,
        outline: colors.Color | None = None,
        width: float = 0.0,
    ) -> None:
        self._put(
            _Disc(centre, radius, fill, outline, width), Box.around([centre], radius + width / 2)
        )

    def polygon(self, points: Sequence[Point], fill: colors.Color) -> None:
        self._put(_Polygon(tuple(points), fill), Box.around(points))

    def rect(
        self,
        box: Box,
        fill: colors.Color,
        outline: colors.Color | None,
        width: float,
        round_by: float,
    ) -> None:
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

    def add(self, other: Sketch, dx: float, dy: float) -> None:
        """Copy in another sketch moved by (dx, dy)."""
        if other.box is None:
            return
        self.items.extend(item.moved(dx, dy) for item in other.items)
        self.box = other.box.moved(dx, dy).union(self.box)

    def shapes(self) -> list[Shape]:
        """ReportLab shapes in drawing order. Runs of same-style lines or polygons share one
        path: every shape costs time to render and bytes in the PDF."""
        shapes: list[Shape] = []
        # Every run is of one kind (see _style): the isinstance tests only say which.
        for style, run in groupby(self.items, key=_style):
            if style is None:
                shapes.extend(item.shape() for item in run if isinstance(item, _Drawn))
            elif style[0] == "stroke":
                shapes.append(_stroke_path([item for item in run if isinstance(item, _Line)]))
            else:
                shapes.append(_fill_path([item for item in run if isinstance(item, _Polygon)]))
        return shapes

    def paint(self, canvas: Canvas) -> None:
        """Draw straight onto a canvas: the same picture as ``shapes`` gives, several times
        faster, since no ReportLab shape objects are built and walked."""
        for style, run in groupby(self.items, key=_style):
            if style is None:
                for item in run:
                    if isinstance(item, _Drawn):  # as every item of such a run is
                        item.paint(canvas)
            elif style[0] == "stroke":
                _paint_strokes(canvas, [item for item in run if isinstance(item, _Line)])
            else:
                _paint_fills(canvas, [item for item in run if isinstance(item, _Polygon)])
