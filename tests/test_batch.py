from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pypdf
from click.testing import CliRunner

from handout.batch.jobs import Job, run_batch
from handout.build import BuildOptions
from handout.cli.commands import cli


def test_batch_builds_every_paper_with_a_manifest(tmp_path: Path):
    result = CliRunner().invoke(
        cli, ["batch", "--lang", "en", "--paper", "letter,a4", "--jobs", "2", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert [(entry["file"], entry["paper"]) for entry in manifest] == [
        ("leg-numbness-en-letter.pdf", "letter"),
        ("leg-numbness-en-a4.pdf", "a4"),
    ]
    for entry in manifest:
        data = (tmp_path / entry["file"]).read_bytes()
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["pages"] == len(pypdf.PdfReader(tmp_path / entry["file"]).pages)
    assert "leg-numbness-en-a4.pdf" in result.output  # the summary table


def test_a_failing_job_does_not_stop_the_others(tmp_path: Path):
    jobs = [
        Job("en letter", BuildOptions(), tmp_path / "good.pdf"),
        Job("en a4", BuildOptions(paper="a4"), Path("/proc/handout-test/bad.pdf")),
        Job("en letter 2", BuildOptions(weeks=2), tmp_path / "also-good.pdf"),
    ]
    seen = []
    results = run_batch(jobs, workers=2, on_result=seen.append)
    assert [result.ok for result in results] == [True, False, True]
    assert "cannot write" in (results[1].error or "")
    assert len(seen) == 3
    assert (tmp_path / "good.pdf").exists() and (tmp_path / "also-good.pdf").exists()


def test_batch_exit_status_says_something_failed(tmp_path: Path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should be")
    result = CliRunner().invoke(
        cli, ["batch", "--lang", "en", "--paper", "letter", "-o", str(blocker / "out")]
    )
    assert result.exit_code == 1


def test_unknown_language_in_a_list_is_a_usage_error():
    result = CliRunner().invoke(cli, ["batch", "--lang", "en,xx"])
    assert result.exit_code == 2
    assert "xx" in result.output


def test_workers_started_fresh_build_the_same_bytes_as_forked_ones(tmp_path: Path):
    # Where a system has no fork (Windows, macOS by default), workers are spawned: they
    # import everything anew and must still build exactly what forked workers build.
    def jobs(folder: str) -> list[Job]:
        return [
            Job(f"{language} {paper}", BuildOptions(language=language, paper=paper), path)
            for language, paper in (("en", "letter"), ("ar", "a4"), ("hi", "letter"))
            for path in [tmp_path / folder / f"{language}-{paper}.pdf"]
        ]

    (tmp_path / "spawned").mkdir()
    (tmp_path / "forked").mkdir()
    spawned = run_batch(jobs("spawned"), workers=2, start_method="spawn")
    forked = run_batch(jobs("forked"), workers=2, start_method="fork")
    assert all(result.ok for result in spawned + forked), [r.error for r in spawned + forked]
    assert [result.sha256 for result in spawned] == [result.sha256 for result in forked]
