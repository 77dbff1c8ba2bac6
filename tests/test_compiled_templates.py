"""Templates compile once and are kept between runs, only in a folder no one else can write."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from handout.build import BuildOptions, render_handout
from handout.content.model import Handout
from handout.templating import compiled, render
from handout.templating.sandbox import BoundedSandbox


@pytest.fixture
def fresh_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    compiled.compiled_templates.cache_clear()
    render.template_environment.cache_clear()
    yield tmp_path / "handout" / "templates"
    compiled.compiled_templates.cache_clear()
    render.template_environment.cache_clear()


def test_a_later_run_loads_the_compiled_template_instead_of_compiling_it(
    fresh_cache: Path, handout: Handout, monkeypatch: pytest.MonkeyPatch
):
    first = render_handout(handout, BuildOptions()).data
    assert [path.suffix for path in fresh_cache.iterdir()] == [".cache"]
    assert fresh_cache.stat().st_mode & 0o777 == 0o700

    def no_compiling(*_: object, **__: object) -> None:
        raise AssertionError("compiled again")

    render.template_environment.cache_clear()  # as a new process would start
    monkeypatch.setattr(BoundedSandbox, "compile", no_compiling)
    assert render_handout(handout, BuildOptions()).data == first


def test_a_folder_others_can_write_to_is_never_used(fresh_cache: Path):
    fresh_cache.mkdir(parents=True)
    os.chmod(fresh_cache, 0o777)
    assert compiled.compiled_templates() is None


def test_a_template_compiled_under_other_bounds_is_not_loaded(fresh_cache: Path):
    cache = compiled.compiled_templates()
    assert cache is not None
    other = compiled.CompiledTemplates(fresh_cache, salt="an earlier release's sandbox")
    assert cache.get_cache_key("handout.xml.j2", "x") != other.get_cache_key("handout.xml.j2", "x")
