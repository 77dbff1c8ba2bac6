"""The same input gives the same bytes, whatever else the process built before."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from handout.build import BuildOptions, render_handout
from handout.content.loading import load_handout
from handout.content.patient import Patient
from handout.languages import LANGUAGES

FRESH_BUILD = """
import hashlib, sys
from handout.build import BuildOptions, render_handout
from handout.content.loading import load_handout
options = BuildOptions(language=sys.argv[1])
sys.stdout.write(hashlib.sha256(render_handout(load_handout(), options).data).hexdigest())
"""


def fresh_digest(language: str) -> str:
    finished = subprocess.run(
        [sys.executable, "-c", FRESH_BUILD, language],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return finished.stdout


def test_every_language_builds_the_same_alone_and_after_all_the_others():
    handout = load_handout()
    # Mixed scripts first, in names and notes, so fonts and shaping have history.
    render_handout(
        handout,
        BuildOptions(
            patient=Patient(
                name="अनीता क्षत्रिय · أمل الحسيني · 王小明 · 김민지",
                notes="सुरक्षित स्थिति",
            )
        ),
    )
    in_one_process = {}
    for language in (*LANGUAGES[::-1], *LANGUAGES):  # each built after all the others
        data = render_handout(handout, BuildOptions(language=language)).data
        in_one_process[language] = hashlib.sha256(data).hexdigest()
    with ThreadPoolExecutor(max_workers=2) as pool:
        alone = dict(zip(LANGUAGES, pool.map(fresh_digest, LANGUAGES), strict=True))
    assert alone == in_one_process
