"""Reading handout content from YAML into the typed model, with errors that say where."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import yaml

from handout.content.model import (
    Dose,
    Exercise,
    ExercisePart,
    ExercisePicture,
    Handout,
    WarningSigns,
)
from handout.errors import HandoutError, error_boundary
from handout.files import read_text_input
from handout.pictures.model import PictureError
from handout.pictures.parse import parse_picture

DEFAULT_CONTENT = "leg-numbness"
T = TypeVar("T")


def builtin_content_path(name: str = DEFAULT_CONTENT) -> Path:
    return Path(str(files("handout.data") / f"{name}.yaml"))


MAX_CONTENT_BYTES = 1_000_000
MAX_TEXT = 5_000  # characters in one text field; a handout's longest paragraph is about 300
# Names, labels and doses also label a tracking-sheet row, where they must fit its column.
MAX_NAME = 120
MAX_LABEL = 200
MAX_DEPTH = 40  # mappings and lists inside one another; the handout needs 8
MAX_NODES = 100_000  # values once aliases are expanded; the handout has about 600
MAX_ITEMS = 60  # items of one list: steps, key points, warning signs, paragraphs
MAX_EXERCISES = 30
_LONGEST_NUMBER = 30  # characters: longer "numbers" (YAML's 1:0:0:...) are kept as text


class _Mapping(dict[Hashable, Any]):
    """A YAML mapping that remembers the line of each key, for error messages."""

    line: int
    key_lines: dict[str, int]


class _WrittenInt(int):
    """A number as YAML read it, with the text it was written as: `1:30` is 90 to YAML
    1.1 and `010` is 8, but a dose says what its author wrote."""

    written: str


class _WrittenFloat(float):
    written: str


# libyaml's parser when it is installed: several times faster than the pure-Python one.
if TYPE_CHECKING:
    _SafeLoader = yaml.SafeLoader  # the same interface
else:
    _SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> _Mapping:
        key_lines: dict[str, int] = {}
        for key, _ in node.value:
            name, line = str(key.value), key.start_mark.line + 1
            if name in key_lines:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"'{_short(name)}' appears twice, on lines {key_lines[name]} and {line}",
                    key.start_mark,
                )
            key_lines[name] = line
        mapping = _Mapping(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = key_lines
        return mapping

    def construct_written_int(self, node: yaml.ScalarNode) -> _WrittenInt | str:
        if len(node.value) > _LONGEST_NUMBER:  # no count or angle; reading it can be slow
            return str(node.value)
        number = _WrittenInt(self.construct_yaml_int(node))
        number.written = node.value
        return number

    def construct_written_float(self, node: yaml.ScalarNode) -> _WrittenFloat | str:
        if len(node.value) > _LONGEST_NUMBER:
            return str(node.value)
        number = _WrittenFloat(self.construct_yaml_float(node))
        number.written = node.value
        return number


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping
)
_LineLoader.add_constructor("tag:yaml.org,2002:int", _LineLoader.construct_written_int)
_LineLoader.add_constructor("tag:yaml.org,2002:float", _LineLoader.construct_written_float)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Reader:
    """Walks one YAML document, raising HandoutError that names file, line and field."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, field: str, line: int | None, problem: str) -> HandoutError:
        where = f"{self.source}:{line}" if line else self.source
        if not field:
            return HandoutError(f"{where}: the top level {problem}")
        return HandoutError(f"{where}: field '{field}' {problem}")

    def mapping(self, value: Any, field: str, line: int | None, keys: dict[str, bool]) -> _Mapping:
        """Check `value` is a mapping with exactly the known `keys` (name -> required)."""
        if not isinstance(value, _Mapping):
            raise self.fail(field, line, "must be a mapping of named fields")
        for key in value:
            if key not in keys:
                known = ", ".join(sorted(keys))
                raise self.fail(
                    _join(field, str(key)),
                    value.key_lines.get(str(key)),
                    f"is not a known field (known: {known})",
                )
        for key, required in keys.items():
            if required and key not in value:
                raise self.fail(_join(field, key), value.line, "is missing")
        return value

    def text(
        self,
        parent: _Mapping,
        key: str,
        field: str,
        *,
        required: bool = True,
        limit: int = MAX_TEXT,
    ) -> str | None:
        value = parent.get(key)
        name = _join(field, key)
        line = parent.key_lines.get(key, parent.line)
        if value is None:
            if required:
                raise self.fail(name, line, "is missing or empty")
            return None
        if isinstance(value, bool):
            raise self.fail(
                name, line, f"must be text, but YAML reads {value} as yes/no; put it in quotes"
            )
        if not isinstance(value, (str, int, float)):
            raise self.fail(name, line, "must be text (put it in quotes)")
        text = " ".join(str(getattr(value, "written", value)).split())
        if not text:
            raise self.fail(name, line, "is empty")
        if any(_not_xml(char) for char in text):
            raise self.fail(name, line, "contains a control character or a non-character")
        if len(text) > limit:
            advice = "(split it into several items)" if limit == MAX_TEXT else "(shorten it)"
            raise self.fail(
                name, line, f"is {len(text):,} characters long; the limit is {limit:,} {advice}"
            )
        return text

    def texts(self, parent: _Mapping, key: str, field: str) -> tuple[str, ...]:
        name = _join(field, key)
        line = parent.key_lines.get(key, parent.line)
        value = parent.get(key)
        if not isinstance(value, list) or not value:
            raise self.fail(name, line, "must be a list with at least one item")
        if len(value) > MAX_ITEMS:
            raise self.fail(name, line, f"has {len(value)} items; the limit is {MAX_ITEMS}")
        holder = _Mapping({str(i): item for i, item in enumerate(value)})
        holder.line, holder.key_lines = line, {}
        return tuple(self.text(holder, str(i), name) or "" for i in range(len(value)))

    def variant_texts(
        self, parent: _Mapping, key: str, field: str, variant: str
    ) -> tuple[tuple[str, ...], tuple[str, ...] | None]:
        """A list of texts, and the list as it reads in another case (`variant`): an item
        written as `{text: ..., <variant>: ...}` has other wording then, or none if that is
        "". The second list is None when no item differs."""
        name = _join(field, key)
        line = parent.key_lines.get(key, parent.line)
        value = parent.get(key)
        if not isinstance(value, list) or not value:
            raise self.fail(name, line, "must be a list with at least one item")
        if len(value) > MAX_ITEMS:
            raise self.fail(name, line, f"has {len(value)} items; the limit is {MAX_ITEMS}")
        holder = _Mapping({str(i + 1): item for i, item in enumerate(value)})
        holder.line, holder.key_lines = line, {}
        general: list[str] = []
        other: list[str] = []
        for index in range(1, len(value) + 1):
            text, variant_text = self.text_variant(holder, str(index), name, variant)
            general.append(text)
            if variant_text is None:
                other.append(text)
            elif variant_text:
                other.append(variant_text)
        return tuple(general), (tuple(other) if other != general else None)

    def text_variant(
        self, parent: _Mapping, key: str, field: str, variant: str
    ) -> tuple[str, str | None]:
        """A text, or `{text: ..., <variant>: ...}`: the text and its other wording ("" for
        none, None when the text is plain)."""
        value = parent.get(key)
        if not isinstance(value, _Mapping):
            return self.text(parent, key, field) or "", None
        name = _join(field, key)
        item = self.mapping(
            value, name, parent.key_lines.get(key, parent.line), {"text": True, variant: True}
        )
        if item.get(variant) == "":
            return self.text(item, "text", name) or "", ""
        return self.text(item, "text", name) or "", self.text(item, variant, name) or ""

    def items(
        self, parent: _Mapping, key: str, field: str, read: Callable[[Any, str, int], T]
    ) -> tuple[T, ...]:
        name = _join(field, key)
        line = parent.key_lines.get(key, parent.line)
        value = parent.get(key)
        if not isinstance(value, list) or not value:
            raise self.fail(name, line, "must be a list with at least one item")
        if len(value) > MAX_EXERCISES:
            raise self.fail(name, line, f"has {len(value)} items; the limit is {MAX_EXERCISES}")
        return tuple(read(item, f"{name}[{i + 1}]", line) for i, item in enumerate(value))


def _not_xml(char: str) -> bool:
    """Characters XML cannot carry: C0 controls (bar tab and line ends), U+FFFE and U+FFFF."""
    code = ord(char)
    return (
        (code < 32 and char not in "\t\n\r")
        or code in (0xFFFE, 0xFFFF)
        or (0xD800 <= code < 0xE000)
    )


def _join(field: str, key: str) -> str:
    return f"{field}.{key}" if field else key


@error_boundary
def load_handout(path: Path | str | None = None) -> Handout:
    """Load and validate a handout content file; the built-in handout when `path` is None."""
    path = Path(path) if path is not None else builtin_content_path()
    raw = read_text_input(path, "content file", MAX_CONTENT_BYTES)
    return parse_handout(raw, source=str(path))


def parse_yaml_tree(raw: str, *, source: str) -> Any:
    """YAML text as plain data whose mappings know their lines.

    Nesting is checked on the parser's events before anything is built, and the size once
    aliases are expanded before the data is made: a small file cannot become a large tree.
    """
    try:
        _check_depth(_LineLoader(raw), source)
        loader = _LineLoader(raw)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            _check_expanded_size(node, source)
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else "?"
        raise HandoutError(f"{source}:{line}: invalid YAML ({error.problem})") from None
    except yaml.YAMLError as error:
        raise HandoutError(f"{source}: invalid YAML ({_short(str(error), 120)})") from None


def _check_depth(loader: Any, source: str) -> None:
    depth = 0
    try:
        for event in iter(loader.get_event, None):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    assert event.start_mark is not None  # the parser marks every event
                    line = event.start_mark.line + 1
                    raise HandoutError(
                        f"{source}:{line}: lists and mappings nest more than {MAX_DEPTH} deep"
                    )
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    finally:
        loader.dispose()


def _check_expanded_size(root: yaml.Node, source: str) -> None:
    sizes: dict[int, int] = {}

    def size(node: yaml.Node, depth: int) -> int:
        if id(node) in sizes:
            return sizes[id(node)]
        if depth > MAX_DEPTH:  # only an alias that refers to itself goes this deep
            raise HandoutError(f"{source}:{node.start_mark.line + 1}: an alias refers to itself")
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(item, depth + 1) for item in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(key, depth + 1) + size(value, depth + 1) for key, value in node.value)
        sizes[id(node)] = total
        if total > MAX_NODES:
            raise HandoutError(
                f"{source}:{node.start_mark.line + 1}: aliases expand to more than "
                f"{MAX_NODES:,} values"
            )
        return total

    size(root, 0)


def parse_handout(raw: str, *, source: str) -> Handout:
    data = parse_yaml_tree(raw, source=source)
    reader = _Reader(source)
    top = reader.mapping(
        data,
        "",
        1,
        {
            "id": True,
            "title": True,
            "short_title": True,
            "subject": True,
            "keywords": True,
            "introduction": True,
            "key_points": True,
            "exercises": True,
            "warning_signs": True,
            "safety": True,
            "symptom_scale": True,
        },
    )

    def exercise(value: Any, field: str, line: int) -> Exercise:
        item = reader.mapping(
            value,
            field,
            line,
            {
                "id": True,
                "name": True,
                "steps": True,
                "why": True,
                "dose": True,
                "minutes_label": False,
                "picture": False,
                "parts": False,
            },
        )
        dose_map = reader.mapping(
            item.get("dose"),
            f"{field}.dose",
            item.key_lines.get("dose", item.line),
            {"how_often": False, "how_long": False, "how_many": False},
        )
        dose = Dose(
            **{
                key: reader.text(dose_map, key, f"{field}.dose", required=False, limit=MAX_LABEL)
                for key in ("how_often", "how_long", "how_many")
            }
        )
        if not dose.parts():
            raise reader.fail(
                f"{field}.dose", dose_map.line, "needs how_often, how_long or how_many"
            )
        steps, prescribed_steps = reader.variant_texts(item, "steps", field, "if_prescribed")
        return Exercise(
            id=_identifier(reader, item, field),
            name=reader.text(item, "name", field, limit=MAX_NAME) or "",
            steps=steps,
            why=reader.text(item, "why", field) or "",
            dose=dose,
            minutes_label=reader.text(item, "minutes_label", field, required=False, limit=MAX_NAME),
            picture=picture(item, field) if "picture" in item else None,
            parts=reader.items(item, "parts", field, part) if "parts" in item else (),
            prescribed_steps=prescribed_steps,
        )

    def part(value: Any, field: str, line: int) -> ExercisePart:
        item = reader.mapping(
            value, field, line, {"id": True, "name": True, "steps": True, "picture": False}
        )
        return ExercisePart(
            id=_identifier(reader, item, field),
            name=reader.text(item, "name", field, limit=MAX_NAME) or "",
            steps=reader.texts(item, "steps", field),
            picture=picture(item, field) if "picture" in item else None,
        )

    def picture(item: _Mapping, field: str) -> ExercisePicture:
        field = f"{field}.picture"
        data = reader.mapping(
            item["picture"],
            field,
            item.key_lines.get("picture"),
            {"caption": False, "alt": True, "drawing": True},
        )
        try:
            drawing = parse_picture(data["drawing"], exercise_id=str(item.get("id")), source=source)
        except PictureError as error:
            raise HandoutError(str(error)) from None
        caption, prescribed_caption = (
            reader.text_variant(data, "caption", field, "if_prescribed")
            if "caption" in data
            else ("", None)
        )
        alt, prescribed_alt = reader.text_variant(data, "alt", field, "if_prescribed")
        return ExercisePicture(
            caption=caption,
            alt=alt,
            drawing=drawing,
            prescribed_caption=prescribed_caption,
            prescribed_alt=prescribed_alt,
        )

    exercises = reader.items(top, "exercises", "", exercise)
    seen: set[str] = set()
    for index, item in enumerate(exercises, 1):
        # Parts are named like exercises: each names its picture.
        for where, identifier in [
            (f"exercises[{index}].id", item.id),
            *((f"exercises[{index}].parts[{n}].id", p.id) for n, p in enumerate(item.parts, 1)),
        ]:
            if identifier in seen:
                raise reader.fail(where, None, f"repeats the id '{identifier}'")
            seen.add(identifier)

    signs_map = reader.mapping(
        top.get("warning_signs"),
        "warning_signs",
        top.key_lines.get("warning_signs"),
        {"emergency_lead": True, "emergency": True, "soon_lead": True, "soon": True},
    )
    warning_signs = WarningSigns(
        emergency_lead=reader.text(signs_map, "emergency_lead", "warning_signs") or "",
        emergency=reader.texts(signs_map, "emergency", "warning_signs"),
        soon_lead=reader.text(signs_map, "soon_lead", "warning_signs") or "",
        soon=reader.texts(signs_map, "soon", "warning_signs"),
    )
    introduction, introduction_for_some = reader.variant_texts(
        top, "introduction", "", "if_some_chosen"
    )
    return Handout(
        id=_identifier(reader, top, ""),
        title=reader.text(top, "title", "") or "",
        short_title=reader.text(top, "short_title", "") or "",
        subject=reader.text(top, "subject", "") or "",
        keywords=reader.texts(top, "keywords", ""),
        introduction=introduction,
        key_points=reader.texts(top, "key_points", ""),
        exercises=exercises,
        warning_signs=warning_signs,
        safety=reader.texts(top, "safety", ""),
        symptom_scale=reader.text(top, "symptom_scale", "", limit=MAX_LABEL) or "",
        introduction_for_some=introduction_for_some,
    )


def _identifier(reader: _Reader, parent: _Mapping, field: str) -> str:
    value = reader.text(parent, "id", field) or ""
    if not value.replace("-", "").isalnum() or not value.isascii() or value != value.lower():
        raise reader.fail(
            _join(field, "id"),
            parent.key_lines.get("id"),
            f"'{value}' must be lower-case letters, digits and hyphens",
        )
    return value
