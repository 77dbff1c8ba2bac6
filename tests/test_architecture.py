"""The layering written down in docs/architecture.md, checked against every import in the code."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "handout"
DOCS = PACKAGE.parent / "docs" / "architecture.md"

# Top to bottom. A unit imports only units of lower layers; units of one layer are independent.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("__main__",),
    ("cli",),
    ("batch",),
    ("build",),
    ("pdf",),
    ("layout",),
    ("templating", "document", "text", "i18n"),
    ("content",),
    ("pictures",),
    ("reportlab_api", "files", "links", "languages", "papers", "dates"),
    ("errors",),
    ("__init__", "data", "locale"),
)
# Stages that are plain data and text: they run before anything is drawn.
DRAWING_FREE = ("content", "document", "templating", "i18n", "files", "links", "languages")
# Pillow is not among them: the content stage decodes a logo once to refuse a broken one.
DRAWING_LIBRARIES = ("reportlab", "uharfbuzz", "bidi")
# Inside pictures, the pose-data half may not reach the drawing half.
POSE_DATA = ("body", "model", "parse")


def unit(module: str) -> str:
    """The layer unit of `handout.x.y`: `x` (a package or a top-level module)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        yield ".".join(parts), path


def imports(path: Path) -> Iterator[tuple[int, str]]:
    """Every module `path` imports, wherever the import stands (lazy ones too)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: imports are absolute"
            assert node.module is not None
            if node.module == "handout":
                for alias in node.names:
                    name = f"handout.{alias.name}"
                    yield node.lineno, name if (PACKAGE / alias.name).exists() else "handout"
            else:
                yield node.lineno, node.module


def layer_of(name: str) -> int:
    for index, units in enumerate(LAYERS):
        if name in units:
            return index
    raise AssertionError(f"handout.{name} is in no layer of LAYERS")


def test_every_module_belongs_to_a_layer():
    for module, _ in modules():
        layer_of(unit(module))


def test_every_import_points_down_the_layers():
    wrong = []
    for module, path in modules():
        here = unit(module)
        for line, imported in imports(path):
            if not imported.startswith("handout"):
                continue
            there = unit(imported)
            if there != here and layer_of(there) <= layer_of(here):
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {here} -> {there}")
    assert wrong == []


@pytest.mark.parametrize("stage", DRAWING_FREE)
def test_stages_before_drawing_import_no_drawing_library(stage):
    for module, path in modules():
        if unit(module) != stage:
            continue
        for line, imported in imports(path):
            assert imported.split(".")[0] not in DRAWING_LIBRARIES, f"{path}:{line}: {imported}"


def test_pose_data_stays_apart_from_drawing():
    for name in POSE_DATA:
        path = PACKAGE / "pictures" / f"{name}.py"
        for line, imported in imports(path):
            assert imported.split(".")[0] not in DRAWING_LIBRARIES, f"{path}:{line}"
            if imported.startswith("handout.pictures."):
                assert imported.rsplit(".", 1)[1] in POSE_DATA, f"{path}:{line}: {imported}"


def test_the_documented_layers_are_the_checked_ones():
    documented = DOCS.read_text(encoding="utf-8")
    for units in LAYERS:
        for name in units:
            shown = "handout" if name == "__init__" else f"handout.{name}"
            assert f"`{shown}`" in documented, f"docs/architecture.md does not place {shown}"


def test_the_layer_check_sees_an_upward_import(tmp_path):
    # The check reads imports wherever they stand: one inside a function counts too.
    path = tmp_path / "probe.py"
    path.write_text("def late():\n    from handout.build import build_handout\n")
    assert [name for _, name in imports(path)] == ["handout.build"]
    assert layer_of(unit("handout.build")) < layer_of(unit("handout.content.loading"))
