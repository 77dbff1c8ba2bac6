"""Validation of YAML-loaded picture data into ``Picture`` objects."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import NoReturn

from handout.pictures.body import (
    DEFAULT_LENGTHS,
    FEET,
    JOINTS,
    PARTS,
    POINTS,
    REACH_ENDS,
    Point,
    ReachError,
)
from handout.pictures.model import (
    Arrow,
    Chair,
    Clock,
    Figure,
    Floor,
    Frame,
    Mat,
    Picture,
    PictureError,
    PointOf,
    Position,
    Prop,
    Step,
    TurnArrow,
    Wall,
    WallBehind,
    figure_points,
)

SIDES = ("left", "right")
FIGURE_KEYS = (
    *("anchor", "facing", "turn", "joints", "reach", "lengths"),
    *("ghost", "moving", "flat", "in_front"),
)
LAYOUTS = ("row", "column")


@dataclass(frozen=True)
class _Place:
    """Where in the data we are, for error messages."""

    source: str
    exercise_id: str
    path: tuple[str, ...] = ()

    def __truediv__(self, part: str) -> _Place:
        return _Place(self.source, self.exercise_id, (*self.path, part))

    def fail(self, problem: str) -> NoReturn:
        where = " ".join(("picture", *self.path))
        message = f"{self.source}: exercise '{self.exercise_id}', {where}: {problem}"
        raise PictureError(message) from None


def _show(value: object, limit: int = 60) -> str:
    """A value as an error message quotes it: short, whatever the value's size."""
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _unknown(kind: str, name: object, known: Collection[str]) -> str:
    message = f"unknown {kind} {_show(name)}"
    close = difflib.get_close_matches(str(name), known, n=1)
    return f"{message} (did you mean '{close[0]}'?)" if close else message


def _mapping(
    data: object,
    place: _Place,
    required: Collection[str] = (),
    optional: Collection[str] = (),
    kind: str = "key",
) -> Mapping[str, object]:
    if not isinstance(data, Mapping):
        place.fail(f"expected a mapping, got {_show(data)}")
    for key in data:
        if key not in required and key not in optional:
            place.fail(_unknown(kind, key, [*required, *optional]))
    for key in required:
        if key not in data:
            place.fail(f"missing key '{key}'")
    return data


def _list(data: object, place: _Place, what: str) -> list[object]:
    if not isinstance(data, list):
        place.fail(f"'{what}' must be a list, got {_show(data)}")
    return data


def _number(value: object, place: _Place, what: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        place.fail(f"{what} must be a number, got {_show(value)}")
    if not low <= value <= high:
        place.fail(f"{what} {_show(value)} is outside {low:g}..{high:g}")
    return float(value)


def _above_zero(value: object, place: _Place, what: str) -> float:
    number = _number(value, place, what, float("-inf"), float("inf"))
    if number <= 0:
        place.fail(f"{what} {_show(value)} must be more than 0")
    return number


def _whole(value: object, place: _Place, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        place.fail(f"{what} must be a whole number, got {_show(value)}")
    return int(_number(value, place, what, low, high))


def _flag(value: object, place: _Place, what: str) -> bool:
    if not isinstance(value, bool):
        place.fail(f"{what} must be true or false, got {_show(value)}")
    return value


def _choice(value: object, place: _Place, what: str, options: Collection[str]) -> str:
    if value not in options:
        place.fail(f"{what} must be one of {', '.join(options)}; got {_show(value)}")
    return str(value)


# Coordinates are generous but bounded, so a stray 10000 is caught as a typo.
_FAR = 1000.0


def _point(value: object, place: _Place, what: str) -> Point:
    if not isinstance(value, list) or len(value) != 2:
        place.fail(f"{what} must be [x, y], got {_show(value)}")
    x, y = (_number(item, place, f"{what} coordinate", -_FAR, _FAR) for item in value)
    return (x, y)


def _position(value: object, place: _Place, what: str, figure_count: int) -> Position:
    if not isinstance(value, Mapping):
        return _point(value, place, what)
    place = place / what
    fields = _mapping(value, place, ("point",), ("figure", "shift"))
    point = fields["point"]
    if point not in POINTS:
        place.fail(_unknown("point", point, POINTS))
    if figure_count == 0:
        place.fail("there is no figure in this frame to point at")
    figure = _whole(fields.get("figure", 1), place, "'figure'", 1, figure_count)
    shift = _point(fields.get("shift", [0, 0]), place, "'shift'")
    return PointOf(str(point), figure - 1, shift)


def _joints(data: object, place: _Place) -> tuple[tuple[str, float], ...]:
    fields = _mapping(data, place, optional=JOINTS, kind="joint")
    return tuple(
        (name, _number(angle, place, f"joint '{name}' angle", -180, 180))
        for name, angle in fields.items()
    )


def _lengths(data: object, place: _Place) -> tuple[tuple[str, float], ...]:
    fields = _mapping(data, place, optional=DEFAULT_LENGTHS.keys(), kind="limb")
    return tuple(
        (name, _above_zero(length, place, f"limb length '{name}'"))
        for name, length in fields.items()
    )


def _reach(
    data: object, place: _Place, joints: Mapping[str, float], anchor: str
) -> tuple[tuple[str, Point], ...]:
    fields = _mapping(data, place, optional=REACH_ENDS.keys(), kind="reach end")
    for end in fields:
        chain = REACH_ENDS[end]
        for joint in (chain.root_joint, chain.middle_joint):
            if joint in joints:
                place.fail(f"joint '{joint}' is set by reach '{end}'; give one or the other")
        if anchor in chain.moving:
            place.fail(f"anchor '{anchor}' moves with reach '{end}'; anchor another point")
    return tuple((end, _point(target, place, f"reach '{end}'")) for end, target in fields.items())


def _parts(data: object, place: _Place, what: str) -> tuple[str, ...]:
    parts = _list(data, place, what)
    for part in parts:
        if part not in PARTS:
            place.fail(_unknown("part", part, PARTS))
    if len(set(parts)) != len(parts):
        place.fail(f"'{what}' names a part twice: {_show(parts)}")
    return tuple(str(part) for part in parts)


def _flat(data: object, place: _Place, joints: Mapping[str, float]) -> tuple[str, ...]:
    feet = _list(data, place, "flat")
    for foot in feet:
        if foot not in FEET:
            place.fail(_unknown("foot", foot, FEET))
        ankle = f"ankle_{str(foot)[-1]}"
        if ankle in joints:
            place.fail(f"joint '{ankle}' is set by flat '{foot}'; give one or the other")
    return tuple(dict.fromkeys(str(foot) for foot in feet))


def _check_reachable(figure: Figure, place: _Place) -> None:
    try:
        figure_points(figure)
    except ReachError as error:
        place.fail(str(error))


def _figure(data: object, place: _Place) -> Figure:
    fields = _mapping(
        data,
        place,
        ("at",),
        FIGURE_KEYS,
    )
    anchor = fields.get("anchor", "pelvis")
    if anchor not in POINTS:
        place.fail(_unknown("anchor point", anchor, POINTS))
    joints = _joints(fields.get("joints", {}), place)
    figure = Figure(
        at=_point(fields["at"], place, "'at'"),
        anchor=str(anchor),
        facing=_choice(fields.get("facing", "right"), place, "'facing'", SIDES),
        turn=_number(fields.get("turn", 0), place, "'turn'", -180, 180),
        joints=joints,
        reach=_reach(fields.get("reach", {}), place, dict(joints), str(anchor)),
        lengths=_lengths(fields.get("lengths", {}), place),
        ghost=_flag(fields.get("ghost", False), place, "'ghost'"),
        moving=_parts(fields.get("moving", []), place, "moving"),
        in_front=_parts(fields.get("in_front", []), place, "in_front"),
        flat=_flat(fields.get("flat", []), place, dict(joints)),
    )
    _check_reachable(figure, place)
    return figure


def _span(fields: Mapping[str, object], place: _Place) -> tuple[float, float]:
    left = _number(fields["from"], place, "'from'", -_FAR, _FAR)
    right = _number(fields["to"], place, "'to'", -_FAR, _FAR)
    if right <= left:
        place.fail(f"'to' ({right:g}) must be right of 'from' ({left:g})")
    return left, right


def _floor(fields: Mapping[str, object], place: _Place) -> Prop:
    return Floor(*_span(fields, place))


def _mat(fields: Mapping[str, object], place: _Place) -> Prop:
    return Mat(*_span(fields, place))


def _step_prop(fields: Mapping[str, object], place: _Place) -> Prop:
    return Step(*_span(fields, place), _above_zero(fields["height"], place, "'height'"))


def _wall(fields: Mapping[str, object], place: _Place) -> Prop:
    return Wall(
        x=_number(fields["x"], place, "'x'", -_FAR, _FAR),
        side=_choice(fields["side"], place, "'side'", SIDES),
        height=_above_zero(fields.get("height", 110), place, "'height'"),
    )


def _wall_behind(fields: Mapping[str, object], place: _Place) -> Prop:
    return WallBehind(
        *_span(fields, place), height=_above_zero(fields.get("height", 100), place, "'height'")
    )


def _chair(fields: Mapping[str, object], place: _Place) -> Prop:
    return Chair(
        x=_number(fields["x"], place, "'x'", -_FAR, _FAR),
        facing=_choice(fields.get("facing", "right"), place, "'facing'", SIDES),
        seat=_above_zero(fields.get("seat", 27), place, "'seat'"),
        behind=_flag(fields.get("behind", False), place, "'behind'"),
    )


def _clock(fields: Mapping[str, object], place: _Place) -> Prop:
    minutes = _list(fields["minutes"], place, "minutes")
    durations = tuple(_whole(item, place, "'minutes' entry", 1, 60) for item in minutes)
    if not 1 <= len(durations) <= 2 or list(durations) != sorted(set(durations)):
        place.fail(f"'minutes' must be one or two rising numbers, got {_show(minutes)}")
    return Clock(
        centre=_point(fields["at"], place, "'at'"),
        radius=_above_zero(fields.get("radius", 12), place, "'radius'"),
        minutes=durations,
    )


# type -> (required keys, optional keys, builder)
_PROPS: Mapping[str, tuple[tuple[str, ...], tuple[str, ...], Callable[..., Prop]]] = {
    "floor": (("from", "to"), (), _floor),
    "mat": (("from", "to"), (), _mat),
    "step": (("from", "to", "height"), (), _step_prop),
    "wall": (("x", "side"), ("height",), _wall),
    "wall-behind": (("from", "to"), ("height",), _wall_behind),
    "chair": (("x",), ("facing", "seat", "behind"), _chair),
    "clock": (("at", "minutes"), ("radius",), _clock),
}


def _prop(data: object, place: _Place) -> Prop:
    if not isinstance(data, Mapping) or "type" not in data:
        place.fail(f"a prop needs a 'type' ({', '.join(_PROPS)}), got {_show(data)}")
    kind = data["type"]
    if kind not in _PROPS:
        place.fail(_unknown("prop", kind, _PROPS.keys()))
    required, optional, build = _PROPS[kind]
    place = place / f"({kind})"
    return build(_mapping(data, place, ("type", *required), optional), place)


def _arrow(data: object, place: _Place, figure_count: int) -> Arrow | TurnArrow:
    if isinstance(data, Mapping) and "around" in data:
        fields = _mapping(
            data,
            place,
            ("around", "radius", "start", "end"),
            ("squash", "tilt", "both_ends"),
        )
        return TurnArrow(
            centre=_position(fields["around"], place, "'around'", figure_count),
            radius=_above_zero(fields["radius"], place, "'radius'"),
            start=_number(fields["start"], place, "'start'", -360, 360),
            end=_number(fields["end"], place, "'end'", -360, 360),
            squash=_number(fields.get("squash", 1), place, "'squash'", 0.05, 1),
            tilt=_number(fields.get("tilt", 0), place, "'tilt'", -180, 180),
            both_ends=_flag(fields.get("both_ends", False), place, "'both_ends'"),
        )
    fields = _mapping(data, place, ("from", "to"), ("bend", "both_ends"))
    return Arrow(
        start=_position(fields["from"], place, "'from'", figure_count),
        end=_position(fields["to"], place, "'to'", figure_count),
        bend=_number(fields.get("bend", 0), place, "'bend'", -300, 300),
        both_ends=_flag(fields.get("both_ends", False), place, "'both_ends'"),
    )


def _crop(data: object, place: _Place) -> tuple[float, float, float, float]:
    corners = _list(data, place, "crop")
    if len(corners) != 4:
        place.fail(f"'crop' must be [left, bottom, right, top], got {_show(corners)}")
    left, bottom, right, top = (_number(v, place, "'crop' edge", -_FAR, _FAR) for v in corners)
    if right <= left or top <= bottom:
        place.fail(f"'crop' must be [left, bottom, right, top], got {_show(corners)}")
    return left, bottom, right, top


def _frame(data: object, place: _Place) -> Frame:
    fields = _mapping(
        data, place, optional=("number", "key", "zoom", "crop", "figures", "props", "arrows")
    )
    figures = tuple(
        _figure(item, place / f"figure {index}")
        for index, item in enumerate(_list(fields.get("figures", []), place, "figures"), 1)
    )
    props = tuple(
        _prop(item, place / f"prop {index}")
        for index, item in enumerate(_list(fields.get("props", []), place, "props"), 1)
    )
    if not figures and not props:
        place.fail("a frame needs at least one figure or prop")
    arrows = tuple(
        _arrow(item, place / f"arrow {index}", len(figures))
        for index, item in enumerate(_list(fields.get("arrows", []), place, "arrows"), 1)
    )
    number = fields.get("number")
    return Frame(
        figures=figures,
        props=props,
        arrows=arrows,
        number=None if number is None else _whole(number, place, "'number'", 1, 99),
        key=_flag(fields.get("key", False), place, "'key'"),
        zoom=_number(fields.get("zoom", 1), place, "'zoom'", 0.25, 8),
        crop=_crop(fields["crop"], place) if "crop" in fields else None,
    )


def parse_picture(data: object, *, exercise_id: str, source: str) -> Picture:
    """Validate YAML-loaded picture data; errors raise ``PictureError`` naming the place."""
    place = _Place(source, exercise_id)
    fields = _mapping(data, place, ("frames",), ("layout",))
    frames = _list(fields["frames"], place, "frames")
    if not frames:
        place.fail("'frames' is empty")
    keys = [item for item in frames if isinstance(item, Mapping) and item.get("key") is True]
    if len(keys) > 1:
        place.fail("only one frame can be the 'key' frame")
    return Picture(
        frames=tuple(
            _frame(item, place / f"frame {index}") for index, item in enumerate(frames, 1)
        ),
        layout=_choice(fields.get("layout", "row"), place, "'layout'", LAYOUTS),
    )
