"""Drawing arrows: straight, bowed, or around an ellipse; solid, in the accent colour."""

from __future__ import annotations

import math
from collections.abc import Sequence

from handout.pictures.body import Point
from handout.pictures.model import Arrow, PointOf, Position, TurnArrow
from handout.pictures.sketch import ARROW, Palette, Sketch

HEAD_LENGTH = 6.5
HEAD_WIDTH = 6.0


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


def _shaft_and_heads(path: list[Point], both_ends: bool) -> tuple[list[Point], list[Point]]:
    """The path shortened for its heads, and the heads' corner points (three per head)."""
    corners: list[Point] = []
    for _ in range(2 if both_ends else 1):
        tip = path[-1]
        path, base = _cut_end(path, HEAD_LENGTH)
        length = math.dist(base, tip) or 1.0
        across = (
            -(tip[1] - base[1]) / length * HEAD_WIDTH / 2,
            (tip[0] - base[0]) / length * HEAD_WIDTH / 2,
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
    """All shafts first, then all heads, so each layer is one path in the PDF."""
    heads: list[list[Point]] = []
    for arrow in arrows:
        if isinstance(arrow, TurnArrow):
            path = _ring_path(arrow, _resolve(arrow.centre, placed))
        else:
            start, end = _resolve(arrow.start, placed), _resolve(arrow.end, placed)
            path = _bent_path(start, end, arrow.bend)
        shaft, corners = _shaft_and_heads(path, arrow.both_ends)
        # The shaft's round cap reaches into the head, which is wider, so no gap shows.
        sketch.line(shaft, ARROW, palette.accent)
        heads += [corners[index : index + 3] for index in range(0, len(corners), 3)]
    for head in heads:
        sketch.polygon(head, palette.accent)
