"""Typed, immutable picture data, as produced by ``parse_picture``."""

from __future__ import annotations

from dataclasses import dataclass

from handout.pictures.body import Point, pose_points


class PictureError(ValueError):
    """Invalid picture data; the message is one line naming the file, exercise and place."""


@dataclass(frozen=True)
class PointOf:
    """A named body point of a figure in the same frame, shifted by ``shift``."""

    point: str
    figure: int  # index into Frame.figures
    shift: Point = (0.0, 0.0)


Position = Point | PointOf


@dataclass(frozen=True)
class Figure:
    at: Point
    anchor: str = "pelvis"
    facing: str = "right"
    turn: float = 0.0
    joints: tuple[tuple[str, float], ...] = ()
    reach: tuple[tuple[str, Point], ...] = ()
    lengths: tuple[tuple[str, float], ...] = ()
    ghost: bool = False


@dataclass(frozen=True)
class Floor:
    left: float
    right: float


@dataclass(frozen=True)
class Mat:
    left: float
    right: float


@dataclass(frozen=True)
class Step:
    left: float
    right: float
    height: float


@dataclass(frozen=True)
class Wall:
    x: float
    side: str  # where the wall's body lies: "left" or "right" of x
    height: float


@dataclass(frozen=True)
class Chair:
    x: float  # front edge of the seat
    facing: str  # the way a sitter faces
    seat: float  # seat height


@dataclass(frozen=True)
class Clock:
    centre: Point
    radius: float
    minutes: tuple[int, ...]  # one or two durations, e.g. (30, 60)


Prop = Floor | Mat | Step | Wall | Chair | Clock


@dataclass(frozen=True)
class Arrow:
    """From ``start`` to ``end``, bowed ``bend`` degrees (positive: to the left of the line)."""

    start: Position
    end: Position
    bend: float = 0.0
    both_ends: bool = False


@dataclass(frozen=True)
class TurnArrow:
    """Along an ellipse around ``centre`` from angle ``start`` to ``end`` (degrees, maths)."""

    centre: Position
    radius: float
    start: float
    end: float
    squash: float = 1.0  # minor / major radius: below 1 draws a ring seen at a slant
    tilt: float = 0.0  # turns the ellipse, degrees counterclockwise
    both_ends: bool = False


@dataclass(frozen=True)
class Frame:
    figures: tuple[Figure, ...]
    props: tuple[Prop, ...] = ()
    arrows: tuple[Arrow | TurnArrow, ...] = ()
    number: int | None = None


@dataclass(frozen=True)
class Picture:
    frames: tuple[Frame, ...]
    layout: str = "row"  # frames side by side ("row") or stacked ("column")


def figure_points(figure: Figure) -> dict[str, Point]:
    """Where each named body point of the posed figure lands in its frame."""
    return pose_points(
        angles=dict(figure.joints),
        lengths=dict(figure.lengths),
        at=figure.at,
        anchor=figure.anchor,
        facing=figure.facing,
        turn=figure.turn,
        reach=dict(figure.reach),
    )
