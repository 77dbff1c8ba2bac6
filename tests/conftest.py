from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Compiled templates go to a cache of the test run's own, never the user's (set before the
# first template loads, and inherited by the processes tests start).
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="handout-test-cache-")

from handout.build import BuildOptions, render_handout
from handout.content.loading import load_handout
from handout.content.model import Handout


@pytest.fixture(scope="session")
def handout() -> Handout:
    return load_handout()


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, handout: Handout):
    """Build the default handout once per paper and options; returns the PDF path."""
    cache: dict[BuildOptions, Path] = {}

    def build(**options: object) -> Path:
        key = BuildOptions(**options)
        if key not in cache:
            path = tmp_path_factory.mktemp("pdf") / "handout.pdf"
            path.write_bytes(render_handout(handout, key).data)
            cache[key] = path
        return cache[key]

    return build
