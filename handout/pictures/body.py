"""Side-view body model: joints, limb lengths and forward kinematics.

A pose is data: joint angles in degrees plus where the body stands. All angles are anatomical,
so they read the same whichever way the figure faces (0 everywhere = standing upright, arms
hanging):

- ``trunk``: bends the trunk forward from the pelvis (negative: leans back).
- ``neck``: nods the head forward.
- ``shoulder_*``: raises the arm forward (negative: swings it back).
- ``elbow_*``: bends the forearm forward.
- ``wrist_*``: turns the hand forward from the line of the forearm (90 with the arm held out
  in front: the fingers point up, the palm flat on a wall).
- ``hip_*``: lifts the thigh forward (negative: swings it back).
- ``knee_*``: bends the shin back.
- ``ankle_*``: lifts the toes towards the shin (negative: points them).

Points are named for where they are: ``pelvis`` (the hip joint), ``shoulders``, ``head``
(centre), ``elbow_*``, ``wrist_*``, ``hand_*`` (the middle of the hand), ``knee_*``,
``calf_*`` (the middle of the shin), ``ankle_*`` (the joint), ``heel_*`` and ``toe_*`` (the
back and the tip of the sole). Units are arbitrary; a standing figure is about 100 units
tall, its sole on y = 0 and its ankle joint ``ANKLE_HEIGHT`` above it.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from typing import NamedTuple

Point = tuple[float, float]

JOINTS = (
    "trunk",
    "neck",
    "shoulder_l",
    "shoulder_r",
    "elbow_l",
    "elbow_r",
    "wrist_l",
    "wrist_r",
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
    "head": 7.0,  # radius
    "upper_arm": 17.0,
    "forearm": 15.0,  # to the wrist
    "hand": 3.5,  # wrist to the middle of the hand
    "thigh": 25.0,
    "shin": 24.0,  # to the ankle joint
    "foot": 13.0,  # ankle to the tip of the toes, along the sole
}

# Where the sole lies from the ankle joint: below it, and how far the heel reaches back.
ANKLE_HEIGHT = 5.0
HEEL_BACK = 3.5
CALF_AT = 0.45  # the calf point's share of the shin, from the knee

POINTS = (
    "pelvis",
    "shoulders",
    "head",
    "elbow_l",
    "elbow_r",
    "wrist_l",
    "wrist_r",
    "hand_l",
    "hand_r",
    "knee_l",
    "knee_r",
    "calf_l",
    "calf_r",
    "ankle_l",
    "ankle_r",
    "heel_l",
    "heel_r",
    "toe_l",
    "toe_r",
)

FEET = ("foot_l", "foot_r")  # what ``flat`` names

# Parts a figure can single out as moving (``moving:``): a whole limb, a foot alone, the
# trunk (with the neck) or the head.
PARTS = ("arm_l", "arm_r", "leg_l", "leg_r", "foot_l", "foot_r", "trunk", "head")


class LimbChain(NamedTuple):
    """A two-segment limb whose end can be put on a target ("reach")."""

    root_joint: str  # the two joints that get solved
    middle_joint: str
    root: str  # the point the limb hangs from
    middle: str  # the point between the segments
    joint_end: str  # the far end of the second segment
    first: str  # length of the first segment
    moving: tuple[str, ...]  # every point that moves with the limb


def _limb_chains() -> dict[str, LimbChain]:
    chains = {}
    for side in ("l", "r"):
        arm = (f"elbow_{side}", f"wrist_{side}", f"hand_{side}")
        chains[f"hand_{side}"] = LimbChain(
            f"shoulder_{side}",
            f"elbow_{side}",
            "shoulders",
            f"elbow_{side}",
            f"wrist_{side}",
            "upper_arm",
            arm,
        )
        leg = tuple(f"{name}_{side}" for name in ("knee", "calf", "ankle", "heel", "toe"))
        for end in ("ankle", "heel", "toe"):
            chains[f"{end}_{side}"] = LimbChain(
                f"hip_{side}",
                f"knee_{side}",
                "pelvis",
                f"knee_{side}",
                f"ankle_{side}",
                "thigh",
                leg,
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
    foot_scale = lengths["foot"] / DEFAULT_LENGTHS["foot"]
    for side in ("l", "r"):
        upper_arm = trunk - 180.0 + angles.get(f"shoulder_{side}", 0.0)
        forearm = upper_arm + angles.get(f"elbow_{side}", 0.0)
        hand = forearm + angles.get(f"wrist_{side}", 0.0)
        elbow = _step(shoulders, upper_arm, lengths["upper_arm"])
        wrist = _step(elbow, forearm, lengths["forearm"])
        points[f"elbow_{side}"] = elbow
        points[f"wrist_{side}"] = wrist
        points[f"hand_{side}"] = _step(wrist, hand, lengths["hand"])

        thigh = up - 180.0 + angles.get(f"hip_{side}", 0.0)
        shin = thigh - angles.get(f"knee_{side}", 0.0)
        foot = shin + 90.0 + angles.get(f"ankle_{side}", 0.0)
        knee = _step(pelvis, thigh, lengths["thigh"])
        ankle = _step(knee, shin, lengths["shin"])
        sole = _step(ankle, foot - 90.0, ANKLE_HEIGHT * foot_scale)  # under the ankle
        points[f"knee_{side}"] = knee
        points[f"calf_{side}"] = _step(knee, shin, lengths["shin"] * CALF_AT)
        points[f"ankle_{side}"] = ankle
        points[f"heel_{side}"] = _step(sole, foot, -HEEL_BACK * foot_scale)
        points[f"toe_{side}"] = _step(sole, foot, lengths["foot"])
    return points


def _solve_reach(
    end: str,
    target: Point,
    angles: dict[str, float],
    lengths: Mapping[str, float],
    points: Mapping[str, Point],
    turn: float,
    name: str = "",
) -> None:
    """Set the two joint angles that put limb ``end`` on ``target`` (local coordinates);
    errors call the end ``name`` (the point the author asked for), if given.

    What lies beyond the second segment (the hand past the wrist, the heel below the ankle)
    keeps its angle to that segment, so the middle joint to ``end`` is one rigid piece.
    """
    chain = REACH_ENDS[end]
    middle, joint_end = points[chain.middle], points[chain.joint_end]
    first_length = lengths[chain.first]
    second_length = math.dist(middle, points[end])
    offset = _direction(middle, points[end]) - _direction(middle, joint_end)
    origin = points[chain.root]
    distance = math.dist(origin, target)
    name = name or end
    if distance > first_length + second_length + REACH_TOLERANCE:
        too_far = distance - first_length - second_length
        raise ReachError(f"reach target for '{name}' is {too_far:.1f} units too far away")
    if distance < max(abs(first_length - second_length), 0.5):
        raise ReachError(f"reach target for '{name}' is too close to the body")
    distance = min(distance, first_length + second_length)
    cosine = (first_length**2 + distance**2 - second_length**2) / (2 * first_length * distance)
    spread = math.degrees(math.acos(max(-1.0, min(1.0, cosine))))
    toward = _direction(origin, target)
    is_arm = end.startswith("hand")
    # An elbow bends the forearm forward (a left turn along the arm), a knee bends the shin
    # back (a right turn), so the middle joint sits on opposite sides of the root-target line.
    first_direction = toward - spread if is_arm else toward + spread
    elbow_or_knee = _step(origin, first_direction, first_length)
    second_direction = _direction(elbow_or_knee, target) - offset
    up = 90.0 - turn
    if is_arm:
        trunk = up - angles.get("trunk", 0.0)
        angles[chain.root_joint] = _normalised(first_direction - trunk + 180.0)
        angles[chain.middle_joint] = _normalised(second_direction - first_direction)
    else:
        angles[chain.root_joint] = _normalised(first_direction - up + 180.0)
        angles[chain.middle_joint] = _normalised(first_direction - second_direction)


def _level_foot(angles: dict[str, float], side: str, turn: float) -> None:
    """Set the ankle so that the sole lies level, the toes ahead (``flat``)."""
    up = 90.0 - turn
    shin = up - 180.0 + angles.get(f"hip_{side}", 0.0) - angles.get(f"knee_{side}", 0.0)
    angles[f"ankle_{side}"] = _normalised(-(shin + 90.0))


def _ankle_over(end: str, target: Point, lengths: Mapping[str, float]) -> Point:
    """Where the ankle is when heel or toe ``end`` is on ``target`` with the sole level."""
    scale = lengths["foot"] / DEFAULT_LENGTHS["foot"]
    ahead = HEEL_BACK * scale if end.startswith("heel") else -lengths["foot"]
    return (target[0] + ahead, target[1] + ANKLE_HEIGHT * scale)


def pose_points(
    *,
    angles: Mapping[str, float],
    lengths: Mapping[str, float],
    at: Point,
    anchor: str = "pelvis",
    facing: str = "right",
    turn: float = 0.0,
    reach: Mapping[str, Point] | None = None,
    flat: Collection[str] = (),
) -> dict[str, Point]:
    """Place a posed figure: point ``anchor`` lands on ``at``; returns every named point.

    ``turn`` tips the whole body forward (negative: backward, -90 lies on the back).
    ``reach`` maps limb ends (``hand_*``, ``ankle_*``, ``heel_*``, ``toe_*``) to targets;
    their two joint angles are solved so the limb touches the target, the others are kept.
    ``flat`` names feet (``foot_l``, ``foot_r``) whose ankle is set so the sole lies level.
    """
    all_lengths = {**DEFAULT_LENGTHS, **lengths}
    solved = dict(angles)
    sides = [foot[-1] for foot in flat]
    for side in sides:
        _level_foot(solved, side, turn)
    local = _local_points(solved, all_lengths, turn)
    mirror = 1.0 if facing == "right" else -1.0
    anchor_x, anchor_y = local[anchor]

    def to_world(point: Point) -> Point:
        return (at[0] + mirror * (point[0] - anchor_x), at[1] + point[1] - anchor_y)

    if reach:
        for end, (x, y) in reach.items():
            target = (anchor_x + mirror * (x - at[0]), anchor_y + y - at[1])
            name = end
            if end[-1] in sides and not end.startswith("hand"):
                target = _ankle_over(end, target, all_lengths)
                end = f"ankle_{end[-1]}"
            _solve_reach(end, target, solved, all_lengths, local, turn, name)
        for side in sides:
            _level_foot(solved, side, turn)
        local = _local_points(solved, all_lengths, turn)
    return {name: to_world(point) for name, point in local.items()}
