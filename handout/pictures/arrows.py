"""Drawing arrows: straight, bowed, or around an ellipse; solid, in the accent colour.

A heavy shaft and a wide solid head inside a white band: in black and white an arrow still
stands apart from the limbs and outlines it crosses."""

from __future__ import annotations

import math
from collections.abc import Sequence

from handout.pictures.body import Point
from handout.pictures.model import Arrow, PointOf, Position, TurnArrow
from handout.pictures.sketch import ARROW, ARROW_HALO, Palette, Sketch, counterclockwise

HEAD_LENGTH = 8.0
HEAD_WIDTH = 8.5
RING_FOR_FULL_HEAD = 9.0  # radius from which a ring arrow's head has its full size


def _resolve(position: Position, placed: Sequence[dict[str, Point]]) -> Point:
    if isinstance(position, PointOf):
        x, y = placed[position.figure][position.point]
        return (x + position.shift[0], y + position.shift[1])
    return position


def _bent_path(start: Point, end: Point, bend: float) -> list[Point]:
    """A circular arc from start to end bowing ``bend`` degrees to the left of the chord."""
    chord = math.dist(start, end)
    if abs(bend) < 1.0 or chord == 0.0:
        return [start, end]
    half = math.radians(abs(bend)) / 2
    radius = chord / (2 * math.sin(half))
    along = ((end[0] - start[0]) / chord, (end[1] - start[1]) / chord)
    left = (-along[1], along[0])
    # The centre sits on the side away from the bulge (past the chord for arcs over 180°).
    offset = -math.copysign(radius * math.cos(half), bend)
    middle = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
    centre = (middle[0] + left[0] * offset, middle[1] + left[1] * offset)
    first = math.atan2(start[1] - centre[1], start[0] - centre[0])
    sweep = -math.copysign(2 * half, bend)  # bowing left means turning clockwise
    steps = max(4, round(abs(math.degrees(sweep)) / 12))
    return [
        (
            centre[0] + radius * math.cos(first + sweep * i / steps),
            centre[1] + radius * math.sin(first + sweep * i / steps),
        )
        for i in range(steps + 1)
    ]


def _ring_path(arrow: TurnArrow, centre: Point) -> list[Point]:
    tilt = math.radians(arrow.tilt)
    steps = max(4, round(abs(arrow.end - arrow.start) / 12))
    path = []
    for i in range(steps + 1):
        angle = math.radians(arrow.start + (arrow.end - arrow.start) * i / steps)
        x = arrow.radius * math.cos(angle)
        y = arrow.radius * arrow.squash * math.sin(angle)
        path.append(
            (
                centre[0] + x * math.cos(tilt) - y * math.sin(tilt),
                centre[1] + x * math.sin(tilt) + y * math.cos(tilt),
            )
        )
    return path


def _cut_end(path: list[Point], length: float) -> tuple[list[Point], Point]:
    """Drop ``length`` from the end of the path; return the rest and the cut point."""
    remaining = length
    for index in range(len(path) - 1, 0, -1):
        a, b = path[index - 1], path[index]
        piece = math.dist(a, b)
        if piece >= remaining:
            share = (piece - remaining) / piece
            cut = (a[0] + (b[0] - a[0]) * share, a[1] + (b[1] - a[1]) * share)
            return [*path[:index], cut], cut
        remaining -= piece
    return path[:1], path[0]


def _shaft_and_heads(
    path: list[Point], both_ends: bool, weight: float
) -> tuple[list[Point], list[Point]]:
    """The path shortened for its heads, and the heads' corner points (three per head).
    Heads are ``weight`` times their usual size, as lines are (see ``Sketch``)."""
    corners: list[Point] = []
    for _ in range(2 if both_ends else 1):
        tip = path[-1]
        path, base = _cut_end(path, HEAD_LENGTH * weight)
        length = math.dist(base, tip) or 1.0
        half_width = HEAD_WIDTH * weight / 2
        across = (
            -(tip[1] - base[1]) / length * half_width,
            (tip[0] - base[0]) / length * half_width,
        )
        corners += [
            tip,
            (base[0] + across[0], base[1] + across[1]),
            (base[0] - across[0], base[1] - across[1]),
        ]
        path.reverse()
    return path, corners


def draw_arrows(
    sketch: Sketch,
    arrows: Sequence[Arrow | TurnArrow],
    placed: Sequence[dict[str, Point]],
    palette: Palette,
) -> None:
    """The white bands first, then all shafts, then all heads, so each layer is one path."""
    shafts: list[list[Point]] = []
    heads: list[list[Point]] = []
    for arrow in arrows:
        if isinstance(arrow, TurnArrow):
            path = _ring_path(arrow, _resolve(arrow.centre, placed))
        else:
            start, end = _resolve(arrow.start, placed), _resolve(arrow.end, placed)
            path = _bent_path(start, end, arrow.bend)
        # A small ring gets a smaller head, so that some of the ring still shows.
        weight = sketch.weight
        if isinstance(arrow, TurnArrow):
            weight *= min(1.0, arrow.radius / (RING_FOR_FULL_HEAD * sketch.weight))
        shaft, corners = _shaft_and_heads(path, arrow.both_ends, weight)
        shafts.append(shaft)
        heads += [corners[index : index + 3] for index in range(0, len(corners), 3)]
    for shaft in shafts:
        sketch.line(shaft, ARROW + 2 * ARROW_HALO, palette.paper)
    for head in heads:
        sketch.outline(head, 2 * ARROW_HALO, palette.paper)
    # The shaft's round cap reaches into the head, which is wider, so no gap shows.
    for shaft in shafts:
        sketch.line(shaft, ARROW, palette.accent)
    for head in heads:
        sketch.polygon(counterclockwise(head), palette.accent)
