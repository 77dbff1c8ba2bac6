"""Benchmark: `python -m handout.bench` prints median build times and the PDF's size."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .build import BuildOptions, render_handout
from .content import load_handout

WARM_RUNS = 20
COLD_RUNS = 5


def warm_build_ms(options: BuildOptions) -> tuple[float, int]:
    """Median in-process build time once fonts and templates are loaded, and the PDF size."""
    handout = load_handout()
    pdf = render_handout(handout, options).data
    times = []
    for _ in range(WARM_RUNS):
        start = time.perf_counter()
        render_handout(load_handout(), options)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, len(pdf)


def cold_command_ms() -> float:
    """Median wall time of a whole `handout build` process."""
    command = shutil.which("handout")
    base = [command] if command else [sys.executable, "-m", "handout"]
    times = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(COLD_RUNS):
            start = time.perf_counter()
            subprocess.run([*base, "build", "-o", str(Path(folder) / "h.pdf")], check=True,
                           stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    for paper in ("letter", "a4"):
        warm, size = warm_build_ms(BuildOptions(paper=paper))
        print(f"warm build, {paper}: median {warm:.1f} ms over {WARM_RUNS} builds; "
              f"PDF {size / 1024:.1f} KB")
    print(f"cold `handout build`: median {cold_command_ms():.0f} ms over {COLD_RUNS} runs")


if __name__ == "__main__":
    main()
