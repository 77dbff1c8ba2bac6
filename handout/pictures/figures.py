"""Drawing posed figures: people with volume, seen from the side.

Each body part is a filled outline built around the pose's points: tapered limbs, a torso with
chest and seat, a head with a nose and an eye on the side it faces, hands, and feet with a heel
and toes. Parts are drawn from the far side to the near side; the far arm and leg are lighter,
and a thin white band around the trunk and the near limbs keeps them apart where they overlap.

A solid figure is drawn in the ink; its moving parts (``Figure.moving``) get a pale fill inside
a heavy outline in the accent colour, so they stand apart in colour and in black and white
alike. A ghost (the other position) is a dashed outline only. Both outlines lie inside the
part's edge, so where a ghost matches the solid pose the solid one hides it completely.
"""

from __future__ import annotations

import cmath
import math
from collections.abc import Sequence
from typing import NamedTuple

from reportlab.lib.colors import Color

from handout.pictures.body import DEFAULT_LENGTHS, Point, near_side
from handout.pictures.model import Figure
from handout.pictures.sketch import Dash, Palette, Sketch, counterclockwise

# Half widths (radii) of the parts, in body units.
THIGH_TOP, KNEE = 6.0, 3.9
SHIN_TOP, CALF, ANKLE = 3.6, 4.0, 2.3
CALF_BULGE = (0.3, 1.0)  # where the calf is widest: share of the shin, and how far back
SHOULDER, ELBOW, WRIST = 3.2, 2.4, 1.7
HAND, FINGERTIPS, FINGERS = 2.0, 1.4, 2.8  # the middle and the tip, and how far it reaches
THUMB = (2.6, 2.4, 1.1)  # its tip along the hand and out to its side, and its half width
NECK = 2.6
# The torso seen from the side: (share of the trunk from the pelvis, distance in front of its
# centre line), front from the seat up, then the back from the shoulders down.
TORSO = (
    (-0.16, 1.5),
    (-0.05, 5.2),
    (0.18, 6.0),
    (0.45, 5.1),
    (0.7, 6.3),
    (0.9, 5.6),
    (1.02, 3.4),
    (1.07, 0.5),
    (1.05, -2.6),
    (0.95, -5.2),
    (0.75, -5.3),
    (0.5, -4.5),
    (0.3, -4.7),
    (0.12, -6.4),
    (-0.06, -6.5),
    (-0.16, -3.5),
)
# The foot seen from the side, a 13-unit foot with its ankle joint at (0, 0): (along the
# sole towards the toes, up from the sole's line to the ankle); the sole lies at -5. Feet are
# drawn a little large, as signs draw them, so that heel and toes read at a glance.
FOOT = (
    (-2.3, 1.8),
    (-2.8, -0.2),
    (-4.0, -1.8),
    (-4.8, -3.1),
    (-4.6, -4.6),
    (-3.5, -5.0),
    (9.5, -5.0),
    (12.8, -4.9),
    (14.1, -3.9),
    (14.0, -2.5),
    (13.0, -1.7),
    (10.2, -1.1),
    (7.4, 0.2),
    (4.8, 1.6),
    (2.8, 2.5),
    (2.1, 2.8),
)
NOSE = (2.0, -22.0, 34.0)  # how far it stands out, its angle below the forward line, its width
EYE = (0.9, 3.4, 1.6)  # radius, how far forward of the head's centre and how far up

SEPARATION = 0.9  # the white band around a nearer part where it crosses a farther one
MOVING_LINE = 1.8  # the accent outline of a moving part
GHOST_LINE = 1.1
MOVING_GHOST_LINE = 1.5  # a ghost's moving part: the other position of what moves
GHOST_DASH: Dash = (3.0, 1.8)
ARC_STEP = 28.0  # degrees between points along a round end
GHOST_ARC_STEP = 40.0  # a dashed outline hides coarser steps

Polygon = list[Point]


class Capsule(NamedTuple):
    """Two circles and the band that joins them: a tapered limb (a circle, if one)."""

    start: Point
    start_radius: float
    end: Point
    end_radius: float


Piece = Capsule | tuple[Point, ...]  # a capsule, or a counterclockwise outline


class Part(NamedTuple):
    name: str  # as body.PARTS names it
    pieces: list[Piece]  # they fill as one
    separated: int  # the first this many pieces get the white band (not hands or feet)
    far: bool

    @classmethod
    def of(cls, name: str, pieces: list[Capsule | Polygon], separated: int, far: bool) -> Part:
        return cls(
            name,
            [piece if isinstance(piece, Capsule) else counterclockwise(piece) for piece in pieces],
            separated,
            far,
        )


def outline(piece: Piece, inset: float = 0.0, step: float = ARC_STEP) -> Polygon:
    """A piece's outline, moved ``inset`` inward: a capsule is made anew with smaller
    circles (points ``step`` degrees apart), which is exact and quick; others are offset."""
    if isinstance(piece, Capsule):
        start, start_radius, end, end_radius = piece
        # A fingertip thinner than the inset stays a sliver, never a circle turned inside out.
        return _capsule(
            start, max(start_radius - inset, 0.1), end, max(end_radius - inset, 0.1), step
        )
    return list(piece) if inset == 0.0 else _offset(piece, -inset)


def _along(a: Point, b: Point) -> Point:
    length = math.dist(a, b) or 1.0
    return ((b[0] - a[0]) / length, (b[1] - a[1]) / length)


def _plus(point: Point, *steps: tuple[Point, float]) -> Point:
    x, y = point
    for (dx, dy), length in steps:
        x, y = x + dx * length, y + dy * length
    return (x, y)


def _arc(centre: Point, radius: float, start: float, end: float, step: float = ARC_STEP) -> Polygon:
    """Points along a circle from angle ``start`` counterclockwise to ``end`` (degrees),
    ``step`` degrees or less apart."""
    steps = max(2, math.ceil((end - start) / step))
    # Turning a complex number step by step: one sine and cosine per arc, not per point.
    turn = cmath.rect(1.0, math.radians(end - start) / steps)
    at = cmath.rect(radius, math.radians(start))
    x, y = centre
    points = []
    for _ in range(steps + 1):
        points.append((x + at.real, y + at.imag))
        at *= turn
    return points


def _capsule(
    a: Point, a_radius: float, b: Point, b_radius: float, step: float = ARC_STEP
) -> Polygon:
    """The outline around two circles and the band that joins them: a tapered limb."""
    distance = math.dist(a, b)
    if distance <= abs(a_radius - b_radius) + 1e-6:
        centre, radius = (a, a_radius) if a_radius >= b_radius else (b, b_radius)
        return _arc(centre, radius, 0.0, 360.0, step)[:-1]
    heading = math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))
    spread = math.degrees(math.acos((a_radius - b_radius) / distance))
    return [
        *_arc(b, b_radius, heading - spread, heading + spread, step),
        *_arc(a, a_radius, heading + spread, heading + 360.0 - spread, step),
    ]


def _smoothed(points: Sequence[Point]) -> Polygon:
    """One round of corner cutting (Chaikin): a closed outline with softer corners."""
    smooth = []
    for (x0, y0), (x1, y1) in zip(points, [*points[1:], points[0]], strict=True):
        smooth += [(0.75 * x0 + 0.25 * x1, 0.75 * y0 + 0.25 * y1)]
        smooth += [(0.25 * x0 + 0.75 * x1, 0.25 * y0 + 0.75 * y1)]
    return smooth


def _offset(points: Sequence[Point], distance: float) -> Polygon:
    """A counterclockwise outline moved ``distance`` outward (inward when negative)."""
    count = len(points)
    moved = []
    for index, (x, y) in enumerate(points):
        px, py = points[index - 1]
        nx, ny = points[(index + 1) % count]
        normals = []
        for (ax, ay), (bx, by) in (((px, py), (x, y)), ((x, y), (nx, ny))):
            length = math.hypot(bx - ax, by - ay) or 1.0
            normals.append(((by - ay) / length, -(bx - ax) / length))
        mx, my = normals[0][0] + normals[1][0], normals[0][1] + normals[1][1]
        length = math.hypot(mx, my)
        if length < 1e-9:
            mx, my, length = normals[1][0], normals[1][1], 1.0
        # Along the bisector a corner moves further than its edges; at most twice as far.
        cosine = max(0.5, length / 2)
        moved.append((x + mx / length * distance / cosine, y + my / length * distance / cosine))
    return moved


def _forward(direction: Point, facing: str) -> Point:
    """Square to ``direction``, towards where the figure faces when it points up."""
    dx, dy = direction
    return (dy, -dx) if facing == "right" else (-dy, dx)


def _torso(points: dict[str, Point], facing: str) -> Polygon:
    pelvis, shoulders = points["pelvis"], points["shoulders"]
    length = math.dist(pelvis, shoulders)
    up = _along(pelvis, shoulders)
    front = _forward(up, facing)
    return _smoothed([_plus(pelvis, (up, t * length), (front, ahead)) for t, ahead in TORSO])


def _head(centre: Point, radius: float, neck: Point, facing: str) -> tuple[Capsule, Polygon]:
    """The head's round and its nose, which points where the figure faces."""
    up = _along(neck, centre)
    front = _forward(up, facing)
    aim = math.degrees(math.atan2(front[1], front[0]))
    down = -1.0 if facing == "right" else 1.0  # turning towards the chin
    stand_out, below, width = NOSE
    tip_angle = math.radians(aim + down * below)
    tip = (
        centre[0] + (radius + stand_out) * math.cos(tip_angle),
        centre[1] + (radius + stand_out) * math.sin(tip_angle),
    )
    base = [
        (
            centre[0] + radius * 0.9 * math.cos(math.radians(aim + down * below + side)),
            centre[1] + radius * 0.9 * math.sin(math.radians(aim + down * below + side)),
        )
        for side in (-width / 2, width / 2)
    ]
    return Capsule(centre, radius, centre, radius), [base[0], tip, base[1]]


def _eye(centre: Point, neck: Point, facing: str) -> Point:
    up = _along(neck, centre)
    _, ahead, above = EYE
    return _plus(centre, (_forward(up, facing), ahead), (up, above))


def _arm(points: dict[str, Point], side: str, facing: str) -> list[Capsule | Polygon]:
    shoulders, elbow = points["shoulders"], points[f"elbow_{side}"]
    wrist, hand = points[f"wrist_{side}"], points[f"hand_{side}"]
    along = _along(wrist, hand)
    tips = _plus(hand, (along, FINGERS))
    # The thumb stands out on the side the palm turns to when the arm hangs: the front.
    front = _forward(along, facing)
    base = _plus(wrist, (along, 1.2), (front, -0.6))
    thumb_tip = _plus(base, (along, THUMB[0]), (front, -THUMB[1]))
    return [
        Capsule(shoulders, SHOULDER, elbow, ELBOW),
        Capsule(elbow, ELBOW, wrist, WRIST),
        Capsule(wrist, WRIST, hand, HAND),
        Capsule(hand, HAND, tips, FINGERTIPS),
        Capsule(base, THUMB[2], thumb_tip, THUMB[2] * 0.8),
    ]


def _leg(points: dict[str, Point], side: str, facing: str) -> list[Capsule | Polygon]:
    pelvis, knee, ankle = points["pelvis"], points[f"knee_{side}"], points[f"ankle_{side}"]
    down = _along(knee, ankle)
    share, back = CALF_BULGE
    calf = _plus(knee, (down, share * math.dist(knee, ankle)), (_forward(down, facing), back))
    return [
        Capsule(pelvis, THIGH_TOP, knee, KNEE),
        Capsule(knee, SHIN_TOP, calf, CALF),
        Capsule(calf, CALF, ankle, ANKLE),
    ]


def _foot(points: dict[str, Point], side: str, facing: str, size: float) -> Polygon:
    ankle, heel, toe = points[f"ankle_{side}"], points[f"heel_{side}"], points[f"toe_{side}"]
    along = _along(heel, toe)
    up = (-along[1], along[0]) if facing == "right" else (along[1], -along[0])
    scale = size / DEFAULT_LENGTHS["foot"]
    return _smoothed([_plus(ankle, (along, u * scale), (up, n * scale)) for u, n in FOOT])


def body_parts(figure: Figure, points: dict[str, Point]) -> list[Part]:
    """The figure's parts in drawing order, far side first."""
    lengths = {**DEFAULT_LENGTHS, **dict(figure.lengths)}
    near = near_side(figure.facing)
    far = "l" if near == "r" else "r"
    facing = figure.facing
    head, nose = _head(points["head"], lengths["head"], points["shoulders"], facing)
    neck = Capsule(points["shoulders"], NECK, points["head"], NECK)

    def limbs(side: str) -> tuple[Part, Part, Part]:
        is_far = side == far
        return (
            Part.of(f"arm_{side}", _arm(points, side, facing), 2, is_far),
            Part.of(f"leg_{side}", _leg(points, side, facing), 3, is_far),
            Part.of(f"foot_{side}", [_foot(points, side, facing, lengths["foot"])], 0, is_far),
        )

    far_arm, far_leg, far_foot = limbs(far)
    near_arm, near_leg, near_foot = limbs(near)
    parts = [
        far_arm if "arm_" + far in figure.in_front else far_arm._replace(separated=0),
        far_leg,
        far_foot,
        Part.of("trunk", [_torso(points, facing), neck], 1, False),
        Part.of("head", [head, nose], 0, False),
        near_leg,
        near_foot,
        near_arm,
    ]
    # Parts named ``in_front`` (a far hand reaching round to the near side) come last.
    ahead = _with_feet(figure.in_front)
    return [part for part in parts if part.name not in ahead] + [
        part for part in parts if part.name in ahead
    ]


def _with_feet(names: Sequence[str]) -> set[str]:
    """Part names, a leg's foot included with it."""
    return {*names, *(f"foot_{name[-1]}" for name in names if name.startswith("leg_"))}


def _moving_parts(figure: Figure) -> set[str]:
    return _with_feet(figure.moving)


def _outlined(sketch: Sketch, part: Part, line: float, colour: Color, fill: Color) -> None:
    """An outline ``line`` wide just inside the part's edge, around the part as a whole."""
    for piece in part.pieces:
        sketch.outline(outline(piece, line / 2 * sketch.weight), line, colour)
    for piece in part.pieces:
        sketch.polygon(outline(piece, line * sketch.weight), fill)


def _draw_solid(sketch: Sketch, figure: Figure, points: dict[str, Point], palette: Palette) -> None:
    moving = _moving_parts(figure)
    for part in body_parts(figure, points):
        edges = [outline(piece) for piece in part.pieces]
        for edge in edges[: part.separated]:
            sketch.outline(edge, 2 * SEPARATION, palette.paper)
        if part.name in moving:
            _outlined(sketch, part, MOVING_LINE, palette.accent, palette.moving)
        else:
            for edge in edges:
                sketch.polygon(edge, palette.far if part.far else palette.ink)
    eye = palette.accent if "head" in moving else palette.paper
    sketch.disc(_eye(points["head"], points["shoulders"], figure.facing), EYE[0], eye)


def _draw_ghost(sketch: Sketch, figure: Figure, points: dict[str, Point], palette: Palette) -> None:
    """A dashed outline around the whole figure, white inside: the other position."""
    moving = _moving_parts(figure)
    parts = body_parts(figure, points)
    lines = [MOVING_GHOST_LINE if part.name in moving else GHOST_LINE for part in parts]
    for part, line in zip(parts, lines, strict=True):
        colour = palette.accent if part.name in moving else palette.ghost
        for piece in part.pieces:
            edge = outline(piece, line * sketch.weight / 2, GHOST_ARC_STEP)
            sketch.outline(edge, line, colour, GHOST_DASH)
    for part, line in zip(parts, lines, strict=True):
        for piece in part.pieces:
            sketch.polygon(outline(piece, line * sketch.weight, GHOST_ARC_STEP), palette.paper)
    sketch.disc(_eye(points["head"], points["shoulders"], figure.facing), EYE[0], palette.ghost)


def draw_figure(sketch: Sketch, figure: Figure, points: dict[str, Point], palette: Palette) -> None:
    draw = _draw_ghost if figure.ghost else _draw_solid
    draw(sketch, figure, points, palette)
