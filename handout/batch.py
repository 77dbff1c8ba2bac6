"""Many handouts in one run: every job in parallel worker processes, failures kept apart."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .build import BuildOptions, render_handout
from .content import load_handout
from .errors import HandoutError, unexpected_error_message
from .files import write_output
from .model import Handout

MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class Job:
    label: str  # what the summary calls this job, e.g. "es letter"
    options: BuildOptions
    output: Path
    content: Path | None = None


@dataclass(frozen=True)
class JobResult:
    job: Job
    pages: int = 0
    size: int = 0
    sha256: str = ""
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@cache
def _content(path: Path | None) -> Handout:
    """Content parsed once per worker process."""
    return load_handout(path)


def run_job(job: Job) -> JobResult:
    """Build one PDF; any error becomes part of the result, so it cannot stop the others."""
    try:
        pdf = render_handout(_content(job.content), job.options)
        write_output(job.output, pdf.data, private=job.options.personal)
    except HandoutError as error:
        return JobResult(job, error=str(error))
    except Exception as error:  # a bug must cost one row, not the batch and its manifest
        return JobResult(job, error=unexpected_error_message(error))
    return JobResult(job, pdf.pages, len(pdf.data), hashlib.sha256(pdf.data).hexdigest())


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_batch(
    jobs: Sequence[Job], workers: int, on_result: Callable[[JobResult], None] = lambda _: None
) -> list[JobResult]:
    """Run `jobs` on `workers` processes; results come back in the order of `jobs`."""
    results: dict[int, JobResult] = {}
    if workers <= 1 or len(jobs) <= 1:
        for index, job in enumerate(jobs):
            results[index] = run_job(job)
            on_result(results[index])
    else:
        # Fork shares the parent's imported modules and registered fonts with each worker.
        context = multiprocessing.get_context("fork")
        with context.Pool(min(workers, len(jobs))) as pool:
            indexed = pool.imap_unordered(_run_indexed, enumerate(jobs))
            for index, result in indexed:
                results[index] = result
                on_result(result)
    return [results[index] for index in range(len(jobs))]


def _run_indexed(item: tuple[int, Job]) -> tuple[int, JobResult]:
    return item[0], run_job(item[1])


def write_manifest(results: Iterable[JobResult], folder: Path) -> Path:
    """A JSON list of what was built: file, language, paper, pages, bytes, sha256."""
    entries = [
        {
            "file": result.job.output.name,
            "language": result.job.options.language,
            "paper": result.job.options.paper,
            "pages": result.pages,
            "bytes": result.size,
            "sha256": result.sha256,
        }
        for result in results
        if result.ok
    ]
    path = folder / MANIFEST_NAME
    write_output(path, (json.dumps(entries, indent=2, ensure_ascii=False) + "\n").encode())
    return path


def withdraw_manifest(folder: Path) -> None:
    """Remove the last batch's manifest before a new batch writes into `folder`: until the
    new one is written whole, no manifest lists checksums of files that may be replaced."""
    try:
        (folder / MANIFEST_NAME).unlink(missing_ok=True)
    except OSError as error:
        raise HandoutError(f"cannot remove {folder / MANIFEST_NAME}: {error.strerror}") from None
