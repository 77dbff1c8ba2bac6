"""Benchmark: `python benchmarks/bench.py [--quick] [--json FILE]` prints medians as a table.

Everything is measured in one run on one machine, side by side with a hand-written ReportLab
script of comparable content (`reportlab_script.py` here), so the ratios hold whatever the
machine: the in-process build's CPU time, the cold command as a whole process, `handout
--help`, a batch of every language on both papers, a 200-row mail merge and the largest
process's memory.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import reportlab_script  # noqa: E402 - the baseline beside this file

from handout.build import BuildOptions, render_handout  # noqa: E402
from handout.content.loading import load_handout  # noqa: E402
from handout.content.model import Handout  # noqa: E402

MERGE_ROWS = 200
MERGE_LANGUAGES = ("en", "es", "zh-Hans", "vi", "ar", "hi", "ru", "ko")


@dataclasses.dataclass
class Figure:
    what: str
    value: float
    unit: str
    target: str = ""
    baseline: float | None = None  # the hand-written script's figure, when there is one

    def row(self) -> list[str]:
        ratio = f"{self.value / self.baseline:.2f}x" if self.baseline else ""
        baseline = f"{self.baseline:.1f} {self.unit}" if self.baseline else ""
        return [self.what, f"{self.value:.1f} {self.unit}", baseline, ratio, self.target]


def median(action: Callable[[], object], runs: int, clock: Callable[[], float]) -> float:
    times = []
    for _ in range(runs):
        start = clock()
        action()
        times.append(clock() - start)
    return statistics.median(times)


def command() -> list[str]:
    installed = shutil.which("handout")
    return [installed] if installed else [sys.executable, "-m", "handout"]


def run(arguments: list[str]) -> None:
    subprocess.run(arguments, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def without_pictures(handout: Handout) -> Handout:
    return dataclasses.replace(
        handout,
        exercises=tuple(
            dataclasses.replace(exercise, picture=None) for exercise in handout.exercises
        ),
    )


def write_patients(path: Path) -> None:
    """A discharge list using every column, in several scripts."""
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(
            ["name", "language", "paper", "exercises", "doses", "notes", "clinician", "date"]
        )
        for row in range(MERGE_ROWS):
            writer.writerow(
                [
                    f"Patient {row:03d}",
                    MERGE_LANGUAGES[row % len(MERGE_LANGUAGES)],
                    ("letter", "a4")[row % 2],
                    "walking;stretching;leg-swinging",
                    "walking=20 minutes, twice a day",
                    "Start slowly and rest between exercises.",
                    "Dr. Rivera",
                    f"2026-11-{1 + row % 28:02d}",
                ]
            )


def in_process(runs: int) -> list[Figure]:
    handout = load_handout()
    content = reportlab_script.load_content()
    render_handout(handout, BuildOptions())  # fonts and templates loaded once, as in a server
    reportlab_script.build(content)
    ours = median(lambda: render_handout(handout, BuildOptions()), runs, time.process_time)
    theirs = median(lambda: reportlab_script.build(content), runs, time.process_time)
    wall = median(lambda: render_handout(handout, BuildOptions()), runs, time.perf_counter)
    plain = median(
        lambda: render_handout(without_pictures(handout), BuildOptions()), runs, time.perf_counter
    )
    size = len(render_handout(handout, BuildOptions()).data)
    plain_size = len(render_handout(without_pictures(handout), BuildOptions()).data)
    return [
        Figure("in-process build, CPU", ours * 1000, "ms", "<= 0.8x", theirs * 1000),
        Figure("in-process build, wall", wall * 1000, "ms", "<= 60 ms"),
        Figure("pictures add", (wall - plain) * 1000, "ms", "<= 10 ms"),
        Figure("PDF size", size / 1024, "KB", "<= 150 KB"),
        Figure("pictures add to the PDF", (size - plain_size) / 1024, "KB", "<= 40 KB"),
    ]


def processes(runs: int, folder: Path) -> list[Figure]:
    script = [sys.executable, str(HERE / "reportlab_script.py"), str(folder / "rl.pdf")]
    cold = median(
        lambda: run([*command(), "build", "-o", str(folder / "h.pdf")]), runs, time.perf_counter
    )
    cold_script = median(lambda: run(script), runs, time.perf_counter)
    help_time = median(lambda: run([*command(), "--help"]), runs, time.perf_counter)
    batch = median(
        lambda: run(
            [
                *command(),
                "batch",
                "--lang",
                "all",
                "--paper",
                "letter,a4",
                "-o",
                str(folder / "all"),
            ]
        ),
        max(1, runs // 2),
        time.perf_counter,
    )
    patients = folder / "patients.csv"
    write_patients(patients)
    merge = median(
        lambda: run(
            [*command(), "batch", "--patients", str(patients), "-o", str(folder / "merge")]
        ),
        max(1, runs // 3),
        time.perf_counter,
    )
    # The largest process any of the commands above ran: the batch command or one worker.
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    pdfs = sorted((folder / "all").glob("*.pdf"))
    cjk = max(
        path.stat().st_size
        for path in pdfs
        if any(f"-{code}" in path.name for code in ("zh-Hans", "zh-Hant", "ko"))
    )
    return [
        Figure("cold `handout build`", cold * 1000, "ms", "<= 1.25x", cold_script * 1000),
        Figure("`handout --help`", help_time * 1000, "ms", "<= 150 ms"),
        Figure(f"batch of {len(pdfs)} PDFs", batch, "s", "<= 3 s"),
        Figure(f"mail merge, {MERGE_ROWS} rows", merge, "s", "<= 8 s"),
        Figure("largest process (batch or worker)", largest, "MB", "<= 100 MB per worker"),
        Figure("largest CJK PDF", cjk / 1024, "KB", "<= 500 KB"),
    ]


def table(figures: list[Figure]) -> str:
    rows = [
        ["figure", "handout", "hand-written ReportLab", "ratio", "target"],
        *(figure.row() for figure in figures),
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = [
        "| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) + " |"
        for row in rows
    ]
    lines.insert(1, "|" + "|".join("-" * (width + 2) for width in widths) + "|")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, for a first look")
    parser.add_argument(
        "--json",
        type=Path,
        default=Path("output/bench.json"),
        help="where to write the figures [default: output/bench.json]",
    )
    arguments = parser.parse_args()
    warm_runs, process_runs = (5, 3) if arguments.quick else (20, 6)
    figures = in_process(warm_runs)
    with tempfile.TemporaryDirectory() as folder:
        figures += processes(process_runs, Path(folder))
    print(table(figures))
    arguments.json.parent.mkdir(parents=True, exist_ok=True)
    arguments.json.write_text(json.dumps([dataclasses.asdict(f) for f in figures], indent=2))
    print(f"\nWritten to {arguments.json}")


if __name__ == "__main__":
    main()
