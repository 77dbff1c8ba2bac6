"""Typed, immutable picture data, as produced by ``parse_picture``."""

from __future__ import annotations

from dataclasses import dataclass, replace

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
    moving: tuple[str, ...] = ()  # parts set apart as the ones that move (body.PARTS)
    flat: tuple[str, ...] = ()  # feet whose sole lies level (body.FEET)
    in_front: tuple[str, ...] = ()  # far-side parts drawn over the near side


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
class WallBehind:
    """A wall seen face on, behind the figures: beside them, out of the way of their legs."""

    left: float
    right: float
    height: float


@dataclass(frozen=True)
class Chair:
    x: float  # front edge of the seat
    facing: str  # the way a sitter faces
    seat: float  # seat height
    behind: bool = False  # beside the figure, beyond it: drawn lighter, as the far side is


@dataclass(frozen=True)
class Clock:
    centre: Point
    radius: float
    minutes: tuple[int, ...]  # one or two durations, e.g. (30, 60)


Prop = Floor | Mat | Step | Wall | WallBehind | Chair | Clock


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
    key: bool = False  # the frame a thumbnail shows
    zoom: float = 1.0  # drawn this much larger than the other frames: a close-up
    crop: tuple[float, float, float, float] | None = None  # left, bottom, right, top shown


@dataclass(frozen=True)
class Picture:
    frames: tuple[Frame, ...]
    layout: str = "row"  # frames side by side ("row") or stacked ("column")

    @property
    def key_index(self) -> int:
        """The frame a thumbnail shows: the one marked ``key``, else the last."""
        marked = [index for index, frame in enumerate(self.frames) if frame.key]
        return marked[0] if marked else len(self.frames) - 1

    def without_clocks(self) -> Picture:
        """The picture without its clocks: they show the general dose's minutes."""
        return replace(
            self,
            frames=tuple(
                replace(frame, props=tuple(p for p in frame.props if not isinstance(p, Clock)))
                for frame in self.frames
            ),
        )


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
        flat=figure.flat,
    )
