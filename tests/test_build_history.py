"""A handout's bytes do not depend on what the process built before it, even when that
was text whose shaped glyphs stood in other contexts (a word longer than its line)."""

from __future__ import annotations

import subprocess
import sys

import pytest

# Each build in a process of its own, so no other test's builds come before it.
BUILD = """
import hashlib, sys
from handout.build import BuildOptions, render_handout
from handout.content.loading import load_handout
from handout.content.patient import Patient
language, notes = sys.argv[1:]
if notes:
    render_handout(load_handout(), BuildOptions(language=language, patient=Patient(notes=notes)))
options = BuildOptions(language=language)
sys.stdout.write(hashlib.sha256(render_handout(load_handout(), options).data).hexdigest())
"""
LONG_WORDS = {"hi": "व्यायाम", "ar": "تمرين"}


@pytest.mark.parametrize(
    "language",
    [
        "hi",
        "ar",
    ],
)
def test_handout_after_a_long_word_build_has_the_bytes_of_a_fresh_build(language: str):
    word = (LONG_WORDS[language] * 100)[:500]
    after, fresh = (built_alone(language, notes) for notes in (f"{word} 12", ""))
    assert after == fresh


def built_alone(language: str, notes_built_before: str) -> str:
    finished = subprocess.run(
        [sys.executable, "-c", BUILD, language, notes_built_before],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return finished.stdout
