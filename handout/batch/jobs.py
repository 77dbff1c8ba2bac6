"""Many handouts in one run: every job in parallel worker processes, failures kept apart."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from handout.build import BuildOptions, default_output_name, render_handout
from handout.content.loading import load_handout
from handout.content.model import Handout
from handout.content.patient import Patient, personalise
from handout.content.patients import RowError, read_patients
from handout.errors import HandoutError, unexpected_error_message
from handout.files import write_output

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


def language_jobs(
    handout: Handout,
    content: Path | None,
    base: BuildOptions,
    languages: Sequence[str],
    papers: Sequence[str],
    folder: Path,
) -> list[Job]:
    """One job per language and paper, named like `handout build` names its output."""
    return [
        Job(f"{language} {paper}", options, folder / default_output_name(handout, options), content)
        for language in languages
        for paper in papers
        for options in [replace(base, language=language, paper=paper)]
    ]


def patient_jobs(
    handout: Handout,
    content: Path | None,
    base: BuildOptions,
    patients: Path,
    folder: Path,
) -> list[Job | JobResult]:
    """One job per row of a patients CSV, in row order; a bad row is a failed result naming
    its line, so the summary shows it where it stands. `base` gives the language and paper
    for rows that leave them empty."""
    plan: list[Job | JobResult] = []
    first_line_of: dict[str, int] = {}
    for row in read_patients(patients):
        label = f"line {row.line}"
        if not isinstance(row, RowError):
            try:  # a row's exercises and doses are checked now, to name the row
                personalise(handout, row.patient)
            except HandoutError as error:
                row = RowError(row.line, f"{patients}:{row.line}: {error}")
        if isinstance(row, RowError):
            plan.append(JobResult(Job(label, BuildOptions(), folder / "-"), error=row.message))
            continue
        options = replace(
            base,
            paper=row.paper or base.paper,
            language=row.language or base.language,
            patient=row.patient,
        )
        name = (
            f"{handout.id}-{patient_file_stem(row.patient)}-{options.language}-{options.paper}.pdf"
        )
        if name in first_line_of:
            plan.append(
                JobResult(
                    Job(label, options, folder / name),
                    error=(
                        f"{patients}:{row.line}: repeats line {first_line_of[name]} (same patient, "
                        "language, paper and prescription)"
                    ),
                )
            )
            continue
        first_line_of[name] = row.line
        plan.append(Job(label, options, folder / name, content))
    return plan


def patient_file_stem(patient: Patient) -> str:
    """A file name part for one patient's handout: the name in plain ASCII where it has any,
    and a digest of everything the row prescribes, so that two patients' handouts never share
    a file name, in this run or the next, while the same row always maps to the same file."""
    ascii_name = unicodedata.normalize("NFKD", patient.name or "").encode("ascii", "ignore")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.decode().lower()).strip("-")[:40].strip("-")
    identity = json.dumps(
        [
            patient.name,
            patient.clinician,
            patient.date and patient.date.isoformat(),
            patient.notes,
            patient.exercises,
            patient.doses,
        ],
        ensure_ascii=False,
    )
    digest = hashlib.sha256(identity.encode()).hexdigest()[:10]
    return f"{slug}-{digest}" if slug else digest


@dataclass(frozen=True)
class BatchReport:
    results: list[JobResult]  # in plan order: one per language and paper, or per CSV row
    manifest: Path

    @property
    def failed(self) -> list[JobResult]:
        return [result for result in self.results if not result.ok]


def build_batch(
    content: Path | None,
    base: BuildOptions,
    folder: Path,
    *,
    workers: int,
    languages: Sequence[str] = (),
    papers: Sequence[str] = (),
    patients: Path | None = None,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> BatchReport:
    """Build every language and paper, or one handout per row of `patients` (rows that name
    no language or paper take `base`'s), into `folder`, with a manifest of what was built.

    `progress` hears (jobs done, jobs in all) before the first job and after each. The
    folder's old manifest goes before any PDF is replaced; the new one is written once all
    jobs are done.
    """
    handout = load_handout(content)  # a content error is reported once, not per job
    plan: list[Job | JobResult] = (
        patient_jobs(handout, content, base, patients, folder)
        if patients
        else list(language_jobs(handout, content, base, languages, papers, folder))
    )
    if patients and not folder.exists():
        # Its file names are patients' names: the folder is its owner's alone.
        try:
            folder.mkdir(mode=0o700, parents=True)
        except OSError as error:
            raise HandoutError(f"cannot make folder {folder}: {error.strerror}") from None
    withdraw_manifest(folder)
    work = [item for item in plan if isinstance(item, Job)]
    done = [0]

    def one_more(_: JobResult) -> None:
        done[0] += 1
        progress(done[0], len(work))

    progress(0, len(work))
    built = iter(run_batch(work, workers, one_more))
    results = [next(built) if isinstance(item, Job) else item for item in plan]
    return BatchReport(results, write_manifest(results, folder, private=patients is not None))


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_batch(
    jobs: Sequence[Job],
    workers: int,
    on_result: Callable[[JobResult], None] = lambda _: None,
    *,
    start_method: str | None = None,
) -> list[JobResult]:
    """Run `jobs` on `workers` processes; results come back in the order of `jobs`.
    Workers fork where the system can, else start fresh (`start_method` chooses)."""
    results: dict[int, JobResult] = {}

    def run_here(index: int) -> None:
        results[index] = run_job(jobs[index])
        on_result(results[index])

    if workers <= 1 or len(jobs) <= 1:
        for index in range(len(jobs)):
            run_here(index)
        return [results[index] for index in range(len(jobs))]
    method = start_method or (
        "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    )
    first = 0
    if method == "fork":
        # The first job, built here, loads what every worker would load again (fonts,
        # catalogs, compiled templates, parsed text); forked workers start with all of it.
        run_here(0)
        first = 1
    _run_in_workers(jobs, first, min(workers, len(jobs) - first), method, results, on_result)
    return [results[index] for index in range(len(jobs))]


def _run_in_workers(
    jobs: Sequence[Job],
    first: int,
    workers: int,
    method: str,
    results: dict[int, JobResult],
    on_result: Callable[[JobResult], None],
) -> None:
    """Fill `results` for `jobs[first:]` from worker processes. A worker that dies (killed,
    out of memory) fails the jobs it had and those not yet started, rather than hanging."""
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        futures = {pool.submit(run_job, jobs[index]): index for index in range(first, len(jobs))}
        for future in as_completed(futures):
            index = futures[future]
            try:
                result = future.result()
            except BrokenProcessPool:
                result = JobResult(jobs[index], error="a worker process stopped unexpectedly")
            results[index] = result
            on_result(result)


def write_manifest(results: Iterable[JobResult], folder: Path, *, private: bool = False) -> Path:
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
    data = (json.dumps(entries, indent=2, ensure_ascii=False) + "\n").encode()
    write_output(path, data, private=private)
    return path


def withdraw_manifest(folder: Path) -> None:
    """Remove the last batch's manifest before a new batch writes into `folder`: until the
    new one is written whole, no manifest lists checksums of files that may be replaced."""
    try:
        (folder / MANIFEST_NAME).unlink(missing_ok=True)
    except OSError as error:
        raise HandoutError(f"cannot remove {folder / MANIFEST_NAME}: {error.strerror}") from None
