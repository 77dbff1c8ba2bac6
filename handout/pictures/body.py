"""Side-view body model: joints, limb lengths and forward kinematics.

A pose is data: joint angles in degrees plus where the body stands. All angles are anatomical,
so they read the same whichever way the figure faces (0 everywhere = standing upright, arms
hanging):

- ``trunk``: bends the trunk forward from the pelvis (negative: leans back).
- ``neck``: nods the head forward.
- ``shoulder_*``: raises the arm forward (negative: swings it back).
- ``elbow_*``: bends the forearm forward.
- ``hip_*``: lifts the thigh forward (negative: swings it back).
- ``knee_*``: bends the shin back.
- ``ankle_*``: lifts the toes towards the shin (negative: points them).

Points are named for where they are: ``pelvis``, ``shoulders``, ``head`` (centre), ``elbow_*``,
``hand_*``, ``knee_*``, ``calf_*`` (middle of the shin), ``ankle_*`` and ``toe_*``.
Units are arbitrary; a standing figure is about 100 units tall.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import NamedTuple

Point = tuple[float, float]

JOINTS = (
    "trunk",
    "neck",
    "shoulder_l",
    "shoulder_r",
    "elbow_l",
    "elbow_r",
    "hip_l",
    "hip_r",
    "knee_l",
    "knee_r",
    "ankle_l",
    "ankle_r",
)

DEFAULT_LENGTHS: Mapping[str, float] = {
    "trunk": 31.0,
    "neck": 10.0,  # shoulders to the centre of the head
    "head": 6.5,  # radius
    "upper_arm": 18.0,
    "forearm": 19.0,  # to the middle of the palm
    "thigh": 25.0,
    "shin": 25.0,
    "foot": 11.0,
}

POINTS = (
    "pelvis",
    "shoulders",
    "head",
    "elbow_l",
    "elbow_r",
    "hand_l",
    "hand_r",
    "knee_l",
    "knee_r",
    "calf_l",
    "calf_r",
    "ankle_l",
    "ankle_r",
    "toe_l",
    "toe_r",
)

# Strokes a figure is drawn with, each a chain of points.
LIMBS: Mapping[str, tuple[str, ...]] = {
    "arm_l": ("shoulders", "elbow_l", "hand_l"),
    "arm_r": ("shoulders", "elbow_r", "hand_r"),
    "leg_l": ("pelvis", "knee_l", "ankle_l", "toe_l"),
    "leg_r": ("pelvis", "knee_r", "ankle_r", "toe_r"),
    "trunk": ("pelvis", "shoulders"),
    "neck": ("shoulders", "head"),
}


class LimbChain(NamedTuple):
    """A two-segment limb whose end can be put on a target ("reach")."""

    root_joint: str  # the two joints that get solved
    middle_joint: str
    root: str  # the point the limb hangs from
    first: str  # segment lengths, root side first
    second: str
    moving: tuple[str, ...]  # every point that moves with the limb


def _limb_chains() -> dict[str, LimbChain]:
    chains = {}
    for side in ("l", "r"):
        chains[f"hand_{side}"] = LimbChain(
            f"shoulder_{side}",
            f"elbow_{side}",
            "shoulders",
            "upper_arm",
            "forearm",
            (f"elbow_{side}", f"hand_{side}"),
        )
        chains[f"ankle_{side}"] = LimbChain(
            f"hip_{side}",
            f"knee_{side}",
            "pelvis",
            "thigh",
            "shin",
            (f"knee_{side}", f"calf_{side}", f"ankle_{side}", f"toe_{side}"),
        )
    return chains


REACH_ENDS: Mapping[str, LimbChain] = _limb_chains()

# Reaching up to this far beyond a straight limb still counts as touching: authors round.
REACH_TOLERANCE = 0.5


class ReachError(ValueError):
    """A reach target the limb cannot touch."""


def near_side(facing: str) -> str:
    """The body side ("l" or "r") that faces the viewer: facing right shows the right side."""
    return "r" if facing == "right" else "l"


def _step(start: Point, degrees: float, length: float) -> Point:
    radians = math.radians(degrees)
    return (start[0] + length * math.cos(radians), start[1] + length * math.sin(radians))


def _direction(start: Point, end: Point) -> float:
    return math.degrees(math.atan2(end[1] - start[1], end[0] - start[0]))


def _normalised(degrees: float) -> float:
    return (degrees + 180.0) % 360.0 - 180.0


def _local_points(
    angles: Mapping[str, float], lengths: Mapping[str, float], turn: float
) -> dict[str, Point]:
    """Points of a figure facing +x with the pelvis at the origin.

    Directions are maths angles (counterclockwise from +x). Forward is +x, so a forward
    rotation is clockwise for segments above the pelvis and counterclockwise below it.
    """
    up = 90.0 - turn
    trunk = up - angles.get("trunk", 0.0)
    neck = trunk - angles.get("neck", 0.0)
    pelvis = (0.0, 0.0)
    shoulders = _step(pelvis, trunk, lengths["trunk"])
    points = {
        "pelvis": pelvis,
        "shoulders": shoulders,
        "head": _step(shoulders, neck, lengths["neck"]),
    }
    for side in ("l", "r"):
        upper_arm = trunk - 180.0 + angles.get(f"shoulder_{side}", 0.0)
        forearm = upper_arm + angles.get(f"elbow_{side}", 0.0)
        elbow = _step(shoulders, upper_arm, lengths["upper_arm"])
        points[f"elbow_{side}"] = elbow
        points[f"hand_{side}"] = _step(elbow, forearm, lengths["forearm"])

        thigh = up - 180.0 + angles.get(f"hip_{side}", 0.0)
        shin = thigh - angles.get(f"knee_{side}", 0.0)
        foot = shin + 90.0 + angles.get(f"ankle_{side}", 0.0)
        knee = _step(pelvis, thigh, lengths["thigh"])
        ankle = _step(knee, shin, lengths["shin"])
        points[f"knee_{side}"] = knee
        points[f"calf_{side}"] = _step(knee, shin, lengths["shin"] / 2.0)
        points[f"ankle_{side}"] = ankle
        points[f"toe_{side}"] = _step(ankle, foot, lengths["foot"])
    return points


def _solve_reach(
    end: str,
    target: Point,
    angles: dict[str, float],
    lengths: Mapping[str, float],
    points: Mapping[str, Point],
    turn: float,
) -> None:
    """Set the two joint angles that put limb ``end`` on ``target`` (local coordinates)."""
    chain = REACH_ENDS[end]
    first_length, second_length = lengths[chain.first], lengths[chain.second]
    origin = points[chain.root]
    distance = math.dist(origin, target)
    if distance > first_length + second_length + REACH_TOLERANCE:
        too_far = distance - first_length - second_length
        raise ReachError(f"reach target for '{end}' is {too_far:.1f} units too far away")
    if distance < max(abs(first_length - second_length), 0.5):
        raise ReachError(f"reach target for '{end}' is too close to the body")
    distance = min(distance, first_length + second_length)
    cosine = (first_length**2 + distance**2 - second_length**2) / (2 * first_length * distance)
    spread = math.degrees(math.acos(max(-1.0, min(1.0, cosine))))
    toward = _direction(origin, target)
    is_arm = end.startswith("hand")
    # An elbow bends the forearm forward (a left turn along the arm), a knee bends the shin
    # back (a right turn), so the middle joint sits on opposite sides of the root-target line.
    first_direction = toward - spread if is_arm else toward + spread
    middle = _step(origin, first_direction, first_length)
    second_direction = _direction(middle, target)
    up = 90.0 - turn
    if is_arm:
        trunk = up - angles.get("trunk", 0.0)
        angles[chain.root_joint] = _normalised(first_direction - trunk + 180.0)
        angles[chain.middle_joint] = _normalised(second_direction - first_direction)
    else:
        angles[chain.root_joint] = _normalised(first_direction - up + 180.0)
        angles[chain.middle_joint] = _normalised(first_direction - second_direction)


def pose_points(
    *,
    angles: Mapping[str, float],
    lengths: Mapping[str, float],
    at: Point,
    anchor: str = "pelvis",
    facing: str = "right",
    turn: float = 0.0,
    reach: Mapping[str, Point] | None = None,
) -> dict[str, Point]:
    """Place a posed figure: point ``anchor`` lands on ``at``; returns every named point.

    ``turn`` tips the whole body forward (negative: backward, -90 lies on the back).
    ``reach`` maps limb ends (``hand_*``, ``ankle_*``) to targets; their two joint angles are
    solved so the limb touches the target, the other angles are kept.
    """
    all_lengths = {**DEFAULT_LENGTHS, **lengths}
    solved = dict(angles)
    local = _local_points(solved, all_lengths, turn)
    mirror = 1.0 if facing == "right" else -1.0
    anchor_x, anchor_y = local[anchor]

    def to_world(point: Point) -> Point:
        return (at[0] + mirror * (point[0] - anchor_x), at[1] + point[1] - anchor_y)

    if reach:
        for end, (x, y) in reach.items():
            target = (anchor_x + mirror * (x - at[0]), anchor_y + y - at[1])
            _solve_reach(end, target, solved, all_lengths, local, turn)
        local = _local_points(solved, all_lengths, turn)
    return {name: to_world(point) for name, point in local.items()}
