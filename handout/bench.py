"""Benchmark: `python -m handout.bench` prints medians of the figures the project promises.

- the warm build of the default handout (20 builds in one process), and its PDF size;
- what the exercise pictures add to that build and to the PDF;
- the cold `handout build` command as a whole process;
- every language on both papers from one `handout batch` command, and a CJK PDF's size;
- a 200-row mail merge from one `handout batch --patients` command.
"""

from __future__ import annotations

import csv
import dataclasses
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .build import BuildOptions, render_handout
from .content import load_handout
from .model import Handout

WARM_RUNS = 20
COLD_RUNS = 5
BATCH_RUNS = 3
MERGE_ROWS = 200
CJK = ("zh", "ko")


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def warm_build(handout: Handout, options: BuildOptions) -> tuple[float, int]:
    """Median build time once fonts and templates are loaded, and the PDF size."""
    size = len(render_handout(handout, options).data)
    return median_ms(lambda: render_handout(handout, options), WARM_RUNS), size


def without_pictures(handout: Handout) -> Handout:
    return dataclasses.replace(handout, exercises=tuple(
        dataclasses.replace(exercise, picture=None) for exercise in handout.exercises
    ))


def command() -> list[str]:
    installed = shutil.which("handout")
    return [installed] if installed else [sys.executable, "-m", "handout"]


def run_command(arguments: list[str]) -> None:
    subprocess.run([*command(), *arguments], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def write_patients(path: Path) -> None:
    languages = ("en", "es", "zh-Hans", "vi", "ar")
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["name", "language", "exercises", "doses", "notes"])
        for row in range(MERGE_ROWS):
            writer.writerow([
                f"Patient {row:03d}", languages[row % len(languages)],
                "walking;stretching;leg-swinging", "walking=20 minutes, twice a day",
                "Start slowly and rest between exercises.",
            ])


def main() -> None:
    handout = load_handout()
    for paper in ("letter", "a4"):
        warm, size = warm_build(handout, BuildOptions(paper=paper))
        print(f"warm build, {paper}: median {warm:.1f} ms over {WARM_RUNS} builds; "
              f"PDF {size / 1024:.1f} KB")
    with_pictures, size = warm_build(handout, BuildOptions())
    plain, plain_size = warm_build(without_pictures(handout), BuildOptions())
    print(f"pictures add {with_pictures - plain:.1f} ms and {(size - plain_size) / 1024:.1f} KB "
          f"(warm build {plain:.1f} ms and {plain_size / 1024:.1f} KB without them)")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        cold = median_ms(lambda: run_command(["build", "-o", str(out / "h.pdf")]), COLD_RUNS)
        print(f"cold `handout build`: median {cold:.0f} ms over {COLD_RUNS} runs")
        batch = median_ms(lambda: run_command(
            ["batch", "--lang", "all", "--paper", "letter,a4", "-o", str(out / "all")]
        ), BATCH_RUNS)
        pdfs = sorted((out / "all").glob("*.pdf"))
        cjk = max(path.stat().st_size for path in pdfs if path.name.split("-")[2] in CJK)
        print(f"batch of {len(pdfs)} PDFs (every language, both papers): "
              f"median {batch / 1000:.2f} s over {BATCH_RUNS} runs; "
              f"largest CJK PDF {cjk / 1024:.0f} KB")
        patients = out / "patients.csv"
        write_patients(patients)
        merge = median_ms(lambda: run_command(
            ["batch", "--patients", str(patients), "--paper", "letter", "-o", str(out / "merge")]
        ), BATCH_RUNS)
        print(f"mail merge of {MERGE_ROWS} rows: "
              f"median {merge / 1000:.2f} s over {BATCH_RUNS} runs")


if __name__ == "__main__":
    main()
