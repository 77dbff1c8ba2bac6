"""Drawing of props. Sizes are outer surfaces: the floor is y = 0, a wall face is at its x."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.colors import Color

from handout.pictures.model import Chair, Clock, Floor, Mat, Prop, Step, Wall, WallBehind
from handout.pictures.sketch import THIN, Box, Palette, Sketch, mix_with_white

MAT_TOP = 4.0
FLOOR_BAND = 3.0  # light band under the floor line
WALL_THICKNESS = 7.0
SEAT_DEPTH = 22.0
SEAT_THICKNESS = 2.6
CHAIR_BACK = 30.0  # backrest height above the seat
CHAIR_LEG = 1.8
CHAIR_RAIL = 3.2  # the top rail of the backrest, the part a hand holds
SKIRTING = 6.0  # height of the line along the foot of a wall seen face on
BACKDROP_TINT = 0.4  # white mixed into the surface colour for a wall seen face on


def _floor(sketch: Sketch, floor: Floor, palette: Palette) -> None:
    band = Box(floor.left, -FLOOR_BAND, floor.right, 0.0)
    sketch.rect(band, palette.surface, None, 0.0, 0.0)
    half = THIN / 2
    sketch.line([(floor.left + half, -half), (floor.right - half, -half)], THIN, palette.ink)


def _inset_block(sketch: Sketch, box: Box, palette: Palette, round_by: float) -> None:
    """A filled block whose outline's outer edge lies exactly on ``box``."""
    half = THIN / 2
    inner = Box(box.left + half, box.bottom + half, box.right - half, box.top - half)
    sketch.rect(inner, palette.surface, palette.ink, THIN, round_by)


def _mat(sketch: Sketch, mat: Mat, palette: Palette) -> None:
    _inset_block(sketch, Box(mat.left, 0.0, mat.right, MAT_TOP), palette, MAT_TOP / 2)


def _step(sketch: Sketch, step: Step, palette: Palette) -> None:
    _inset_block(sketch, Box(step.left, 0.0, step.right, step.height), palette, 0.8)


def _wall(sketch: Sketch, wall: Wall, palette: Palette) -> None:
    inward = 1.0 if wall.side == "right" else -1.0
    back = wall.x + inward * WALL_THICKNESS
    body = Box(min(wall.x, back), 0.0, max(wall.x, back), wall.height)
    sketch.rect(body, palette.surface, None, 0.0, 0.0)
    face = wall.x + inward * THIN / 2
    sketch.line([(face, THIN / 2), (face, wall.height - THIN / 2)], THIN, palette.ink)


def _wall_behind(sketch: Sketch, wall: WallBehind, palette: Palette) -> None:
    """A wall seen face on: a pale panel with a skirting line along its foot. It is paler
    than other props, so the far hand on it still stands out."""
    panel = mix_with_white(palette.surface, BACKDROP_TINT)
    sketch.rect(Box(wall.left, 0.0, wall.right, wall.height), panel, None, 0.0, 0.0)
    skirting = [(wall.left + THIN, SKIRTING), (wall.right - THIN, SKIRTING)]
    sketch.line(skirting, THIN, palette.far, cap="butt")


def _chair(sketch: Sketch, chair: Chair, palette: Palette) -> None:
    """A chair from the side: seat, legs and a backrest with a top rail to hold. A chair
    beside the figure, beyond it, is drawn in the far side's lighter tone."""
    backward = -1.0 if chair.facing == "right" else 1.0
    colour: Color = palette.far if chair.behind else palette.ink

    def x(distance_back: float) -> float:
        return chair.x + backward * distance_back

    seat_middle = chair.seat - SEAT_THICKNESS / 2
    half_leg = CHAIR_LEG / 2
    top = chair.seat + CHAIR_BACK - CHAIR_RAIL / 2
    sketch.line([(x(2.0), seat_middle), (x(2.0), half_leg)], CHAIR_LEG, colour)
    sketch.line(
        [
            (x(SEAT_DEPTH - 2.0), half_leg),
            (x(SEAT_DEPTH - 2.0), seat_middle),
            (x(SEAT_DEPTH - 0.5), top),
        ],
        CHAIR_LEG,
        colour,
    )
    rail = [(x(SEAT_DEPTH - 0.8), top), (x(SEAT_DEPTH - 0.2), top - 7.0)]
    sketch.line(rail, CHAIR_RAIL, colour)
    seat_ends = [(x(SEAT_THICKNESS / 2), seat_middle), (x(SEAT_DEPTH), seat_middle)]
    sketch.line(seat_ends, SEAT_THICKNESS, colour)


def _clock(sketch: Sketch, clock: Clock, palette: Palette) -> None:
    """A dial with the minutes as slices from 12 o'clock, and the minutes in digits below."""
    centre, radius = clock.centre, clock.radius
    sketch.disc(centre, radius, palette.paper)
    slice_colours = [palette.accent, mix_with_white(palette.accent, 0.6)]
    previous = 0
    for minutes, colour in zip(clock.minutes, slice_colours, strict=False):
        sketch.wedge(centre, radius, 90.0 - 6.0 * minutes, 90.0 - 6.0 * previous, colour)
        previous = minutes
    for dx, dy in ((0.0, 1.0), (1.0, 0.0), (0.0, -1.0), (-1.0, 0.0)):  # 12, 3, 6, 9 o'clock
        sketch.line(
            [
                (centre[0] + dx * radius * 0.72, centre[1] + dy * radius * 0.72),
                (centre[0] + dx * radius, centre[1] + dy * radius),
            ],
            THIN,
            palette.ink,
        )
    sketch.disc(centre, radius, None, palette.ink, THIN)
    size = radius * 0.9
    label = "\u2013".join(str(minutes) for minutes in clock.minutes)
    sketch.text((centre[0], centre[1] - radius - 2.5 - size * 0.36), label, size, palette.ink)


_DRAWERS: dict[type, Callable[..., None]] = {
    Floor: _floor,
    Mat: _mat,
    Step: _step,
    Wall: _wall,
    WallBehind: _wall_behind,
    Chair: _chair,
    Clock: _clock,
}


def draw_prop(sketch: Sketch, prop: Prop, palette: Palette) -> None:
    _DRAWERS[type(prop)](sketch, prop, palette)
