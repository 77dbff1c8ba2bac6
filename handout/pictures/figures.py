"""Drawing posed figures: solid (with depth halos) or ghost (hollow)."""

from __future__ import annotations

import itertools
import math

from reportlab.lib.colors import Color

from handout.pictures.body import DEFAULT_LENGTHS, LIMBS, Point, near_side
from handout.pictures.model import Figure
from handout.pictures.sketch import LIMB, TRUNK, Palette, Sketch

GHOST_OUTLINE = 1.0  # line width of the hollow strokes of a ghost figure
HALO_GAP = 1.1  # white gap where a nearer stroke crosses a farther one
MIN_CROSSING_SINE = math.sin(math.radians(15))

Segment = tuple[Point, Point]
Stroke = tuple[list[Point], float]  # path and width


def _crossing(near: Segment, far: Segment) -> tuple[Point, float] | None:
    """Where two segments' centre lines cross, and the sine of the angle between them."""
    (ax, ay), (bx, by) = near
    (cx, cy), (dx, dy) = far
    rx, ry, sx, sy = bx - ax, by - ay, dx - cx, dy - cy
    denominator = rx * sy - ry * sx
    lengths = math.hypot(rx, ry) * math.hypot(sx, sy)
    if lengths == 0.0 or abs(denominator) < lengths * MIN_CROSSING_SINE:
        return None  # (nearly) parallel: a halo would cut a sliver along the stroke
    t = ((cx - ax) * sy - (cy - ay) * sx) / denominator
    u = ((cx - ax) * ry - (cy - ay) * rx) / denominator
    if not (0.0 <= t <= 1.0 and 0.0 <= u <= 1.0):
        return None
    return (ax + t * rx, ay + t * ry), abs(denominator) / lengths


def _halo(near: Segment, point: Point, sine: float, width: float, far_width: float) -> Segment:
    """The stretch of ``near`` around ``point`` that must be cleared of the far stroke."""
    cosine = math.sqrt(1.0 - sine * sine)
    # Along the near stroke, the far one's band spans far_width / sine; the halo's own edge,
    # running at an angle across it, needs its half width / tan more on each side.
    reach = far_width / 2 / sine + (width / 2 + HALO_GAP) * cosine / sine
    start, end = near
    length = math.dist(start, end)
    offset = math.dist(start, point)

    def at(distance: float) -> Point:
        share = distance / length
        return (start[0] + (end[0] - start[0]) * share, start[1] + (end[1] - start[1]) * share)

    return at(max(0.0, offset - reach)), at(min(length, offset + reach))


def _draw_halos(
    sketch: Sketch, path: list[Point], width: float, behind: list[Stroke], paper: Color
) -> None:
    """White gaps in the strokes ``behind`` where ``path`` crosses them, so depth reads.

    Only crossings clear of every segment end count: joints and contacts (a hand on a calf)
    stay closed.
    """
    for earlier, earlier_width in behind:
        for near in itertools.pairwise(path):
            for far in itertools.pairwise(earlier):
                found = _crossing(near, far)
                if found is None:
                    continue
                point, sine = found
                if any(math.dist(point, end) < 1.5 * width for end in (*near, *far)):
                    continue
                halo = _halo(near, point, sine, width, earlier_width)
                sketch.line(halo, width + 2 * HALO_GAP, paper, cap="butt")


def _strokes(figure: Figure, points: dict[str, Point]) -> tuple[list[Stroke], list[Stroke]]:
    """A figure's strokes as (path, width): those behind the head, then those in front.

    Far-side limbs come first so the near-side ones are drawn over them.
    """
    near = near_side(figure.facing)
    far = "l" if near == "r" else "r"

    def strokes(*names: str) -> list[Stroke]:
        return [
            ([points[point] for point in LIMBS[name]], TRUNK if name == "trunk" else LIMB)
            for name in names
        ]

    return strokes(f"arm_{far}", f"leg_{far}", "neck", "trunk"), strokes(
        f"leg_{near}", f"arm_{near}"
    )


def _draw_solid_figure(
    sketch: Sketch,
    behind: list[Stroke],
    in_front: list[Stroke],
    head: tuple[Point, float],
    palette: Palette,
) -> None:
    """Each stroke gets white halos where it crosses strokes drawn before it, so depth reads
    without colour; props are never cut, so contacts stay closed."""
    drawn: list[Stroke] = []

    def draw(strokes: list[Stroke]) -> None:
        for path, width in strokes:
            _draw_halos(sketch, path, width, drawn, palette.paper)
            sketch.line(path, width, palette.ink)
            drawn.append((path, width))

    draw(behind)
    sketch.disc(*head, palette.ink)
    draw(in_front)


def _draw_ghost_figure(
    sketch: Sketch,
    behind: list[Stroke],
    in_front: list[Stroke],
    head: tuple[Point, float],
    palette: Palette,
) -> None:
    """A hollow grey figure: the other position, plain in greyscale. It is no wider than the
    solid figure, so where both poses agree the solid one hides it completely."""
    centre, radius = head
    # Order does not matter within one layer; sorting by width lets strokes share a path.
    strokes = sorted(behind + in_front, key=lambda stroke: stroke[1])
    for path, width in strokes:
        sketch.line(path, width, palette.ghost)
    sketch.disc(centre, radius, palette.ghost)
    for path, width in strokes:
        sketch.line(path, width - 2 * GHOST_OUTLINE, palette.paper)
    sketch.disc(centre, radius - GHOST_OUTLINE, palette.paper)


def draw_figure(sketch: Sketch, figure: Figure, points: dict[str, Point], palette: Palette) -> None:
    head_radius = dict(figure.lengths).get("head", DEFAULT_LENGTHS["head"])
    draw = _draw_ghost_figure if figure.ghost else _draw_solid_figure
    draw(sketch, *_strokes(figure, points), (points["head"], head_radius), palette)
