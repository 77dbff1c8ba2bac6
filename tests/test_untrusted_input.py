"""Every input is hostile: templates, profiles, content, CSV files and options.

Each failure is one line on stderr and exit status 1 (2 for a mistyped option), with no
traceback, and a good PDF already at the output path is left as it was.
"""

from __future__ import annotations

import os
import re
import resource
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdf
import pytest
from click.testing import CliRunner
from PIL import Image

from handout.batch import jobs as batch_module
from handout.batch.jobs import Job, run_batch
from handout.build import BuildOptions, build_handout, render_handout
from handout.cli.commands import cli
from handout.content.loading import builtin_content_path, load_handout
from handout.content.patient import Patient
from handout.errors import HandoutError

MARKER = "HANDOUT-SECRET-7f3a"


def run(arguments: list[str]) -> Any:
    return CliRunner().invoke(cli, arguments)


def one_line_error(result: Any, status: int = 1) -> str:
    assert result.exit_code == status, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def content_with(tmp_path: Path, edit: Callable[[str], str], name: str = "mine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(edit(builtin_content_path().read_text(encoding="utf-8")), encoding="utf-8")
    return path


def pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


# --- Templates are untrusted code ----------------------------------------------------------

ESCAPES = {
    "globals": '{{ cycler.__init__.__globals__.os.system("touch MARKER") }}',
    "subclasses": "{{ ().__class__.__base__.__subclasses__() }}",
    "lipsum": '{{ lipsum.__globals__["os"].system("touch MARKER") }}',
    "gettext": '{{ _.__self__.__class__.__init__.__globals__["os"].system("touch MARKER") }}',
    "str-format": '{{ "{0.__class__.__base__.__subclasses__}".format(1) }}',
    "logo-path": "{{ clinic.logo.read_text() }}",
    "context": "{{ self._TemplateReference__context }}",
    "absolute-include": "{% include '/etc/passwd' %}",
    "parent-include": "{% include '../secret.txt' %}",
    "symlinked-include": "{% include 'link.j2' %}",
    "autoescape": "{% autoescape false %}{{ clinic.name }}{% endautoescape %}",
}


@pytest.fixture
def clinic_folder(tmp_path: Path) -> Path:
    """A clinic's folder: a profile with a logo, a secret beside it, a templates folder."""
    Image.new("RGB", (40, 20), "navy").save(tmp_path / "logo.png")
    (tmp_path / "secret.txt").write_text(MARKER)
    (tmp_path / "handout.toml").write_text(
        '[clinic]\nname = "Clinic"\nlogo = "logo.png"\n', encoding="utf-8"
    )
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "link.j2").symlink_to(tmp_path / "secret.txt")
    return tmp_path


@pytest.mark.parametrize("escape", ESCAPES.values(), ids=ESCAPES.keys())
def test_a_template_cannot_reach_the_machine(
    clinic_folder: Path, escape: str, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(clinic_folder)
    (clinic_folder / "templates" / "handout.xml.j2").write_text(
        escape.replace("MARKER", str(clinic_folder / MARKER)), encoding="utf-8"
    )
    target = clinic_folder / "out.pdf"
    result = run(["build", "--templates", "templates", "-o", str(target)])
    line = one_line_error(result)
    assert "template" in line
    assert not (clinic_folder / MARKER).exists()
    assert MARKER not in result.output
    assert not target.exists()


BOUNDS = {
    "nested-loops": "{% for a in range(100000) %}{% for b in range(100000) %}"
    "{% endfor %}{% endfor %}",
    "doubling": '{% set ns = namespace(s="ab") %}{% for i in range(64) %}'
    "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "recursion": "{% macro f() %}{{ f() }}{{ f() }}{% endmacro %}{{ f() }}",
    "repeat": '{{ "a" * 10000000 }}',
    "width": '{{ "%99999999s" % 1 }}',
    "join": '{{ range(100)|join("x" * 100000) }}',
    "output": '{% for i in range(100000) %}{{ "x" * 100000 }}{% endfor %}',
    "self-extends": '{% extends "handout.xml.j2" %}',
    "division": "{{ 1 / 0 }}",
    "unknown-filter": '{{ "x"|center(100000000) }}',
}


@pytest.mark.parametrize("template", BOUNDS.values(), ids=BOUNDS.keys())
def test_a_runaway_template_stops_quickly_with_its_line(tmp_path: Path, template: str):
    (tmp_path / "handout.xml.j2").write_text(template, encoding="utf-8")
    started = time.perf_counter()
    line = one_line_error(
        run(["build", "--templates", str(tmp_path), "-o", str(tmp_path / "out.pdf")])
    )
    assert time.perf_counter() - started < 10
    assert "handout.xml.j2" in line


def test_a_template_that_is_not_utf8_is_named(tmp_path: Path):
    (tmp_path / "handout.xml.j2").write_bytes(b"{{ '\xff' }}")
    line = one_line_error(run(["build", "--templates", str(tmp_path)]))
    assert "handout.xml.j2" in line and "UTF-8" in line


OVERRIDES = {
    "bad attribute": ("title", '<heading level="one">x</heading>', ("level",)),
    "logo": (
        "letterhead",
        '<letterhead><logo src="/etc/passwd" alt="x"/><name>x</name></letterhead>',
        ("logo",),
    ),
    "qr link": (
        "contact",
        '<contact><line>x</line><qr href="javascript:alert(1)">scan</qr></contact>',
        ("javascript", "https:"),
    ),
}


@pytest.mark.parametrize("block, xml, words", OVERRIDES.values(), ids=OVERRIDES.keys())
def test_what_an_overriding_block_writes_gets_checked(
    tmp_path: Path, block: str, xml: str, words: tuple[str, ...]
):
    (tmp_path / "handout.xml.j2").write_text(
        f'{{% extends "builtin/handout.xml.j2" %}}{{% block {block} %}}{xml}{{% endblock %}}',
        encoding="utf-8",
    )
    line = one_line_error(run(["build", "--templates", str(tmp_path)]))
    assert all(word in line for word in words), line


def test_the_example_template_still_builds_in_the_sandbox(tmp_path: Path):
    examples = Path(__file__).parent.parent / "examples" / "clinic-template"
    result = run(["build", "--templates", str(examples), "-o", str(tmp_path / "own.pdf")])
    assert result.exit_code == 0, result.output


# --- Links ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<b>x</b>",
        "ftp://x.example",
        "JavaScript:alert(1)",
        "https://user:pw@x.example",
        "https://x.example/a b",
    ],
)
@pytest.mark.parametrize("key", ["website", "video_url"])
def test_only_web_phone_and_mail_links_are_accepted(tmp_path: Path, key: str, link: str):
    profile = tmp_path / "p.toml"
    profile.write_text(f'[clinic]\nname = "C"\n{key} = "{link}"\n', encoding="utf-8")
    line = one_line_error(run(["--config", str(profile), "build", "-o", str(tmp_path / "x.pdf")]))
    assert f"[clinic] {key}" in line and "p.toml" in line
    assert not (tmp_path / "x.pdf").exists()


def test_a_non_ascii_link_is_encoded_and_printed_beside_its_code(tmp_path: Path):
    profile = tmp_path / "p.toml"
    profile.write_text(
        '[clinic]\nname = "C"\nvideo_url = "https://physio-münchen.example/übungen"\n',
        encoding="utf-8",
    )
    target = tmp_path / "x.pdf"
    result = run(["--config", str(profile), "build", "-o", str(target)])
    assert result.exit_code == 0, result.output
    encoded = "https://xn--physio-mnchen-3ob.example/%C3%BCbungen"
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in pypdf.PdfReader(target).pages
        for annotation in page.get("/Annots") or []
    ]
    assert encoded in links
    assert encoded in pdf_text(target).replace("\n", "")


# --- Content is read exactly ---------------------------------------------------------------


def test_a_repeated_key_names_both_lines(tmp_path: Path):
    path = content_with(tmp_path, lambda text: text + "\nsafety:\n  - Again.\n")
    line = one_line_error(run(["build", str(path)]))
    first = next(
        number
        for number, text in enumerate(path.read_text().splitlines(), 1)
        if text.startswith("safety:")
    )
    assert f"'safety' appears twice, on lines {first} and" in line


@pytest.mark.parametrize("written", ["1:30", "010", "2.50", "1e3", "0x1F"])
def test_a_number_prints_as_it_was_written(tmp_path: Path, written: str):
    path = content_with(
        tmp_path,
        lambda text: text.replace(
            "how_many: 5 to 10 times with each leg", f"how_many: {written}", 1
        ),
    )
    assert f"how_many: {written}" in path.read_text()
    handout = load_handout(path)
    assert written in [exercise.dose.how_many for exercise in handout.exercises]


def test_a_bare_yes_gets_advice_to_quote_it(tmp_path: Path):
    path = content_with(
        tmp_path,
        lambda text: text.replace("how_many: 5 to 10 times with each leg", "how_many: yes", 1),
    )
    with pytest.raises(HandoutError, match="put it in quotes"):
        load_handout(path)


def bounded_process(arguments: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command in its own process with 1.5 GB of memory and 60 s at most."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))

    return subprocess.run(
        [sys.executable, "-m", "handout", *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit,
        check=False,
    )


ALIAS_BOMB = "".join(
    [f"a0: &a0 [{', '.join(['x'] * 10)}]\n"]
    + [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]\n" for n in range(1, 10)]
)


@pytest.mark.parametrize(
    "text, message",
    [
        ("id: x\nbomb: " + "[" * 100000 + "]" * 100000 + "\n", "nest more than"),
        (ALIAS_BOMB, "aliases expand to more than"),
        ("exercises:\n  - picture:\n      drawing: &d [*d]\n", "invalid YAML"),
    ],
    ids=["nesting", "aliases", "self-alias"],
)
def test_a_small_file_cannot_become_a_large_tree(tmp_path: Path, text: str, message: str):
    (tmp_path / "bomb.yaml").write_text(text, encoding="utf-8")
    finished = bounded_process(["build", "bomb.yaml"], tmp_path)
    assert finished.returncode == 1, finished.stderr
    # PyYAML 6.0.4 and later refuse deep nesting themselves, before the project's own check.
    accepted = (message, "refers to itself", "maximum nesting depth")
    assert any(words in finished.stderr for words in accepted), finished.stderr
    assert "Traceback" not in finished.stderr
    assert len(finished.stderr.strip().splitlines()) == 1
    assert len(finished.stderr) < 300


def test_an_alias_bomb_inside_a_picture_is_bounded(tmp_path: Path):
    bomb = ALIAS_BOMB.replace("\n", "\n        ").rstrip()
    path = content_with(
        tmp_path,
        lambda text: text.replace(
            "    picture:\n", f"    bombs:\n        {bomb}\n    picture:\n", 1
        ),
    )
    finished = bounded_process(["build", str(path)], tmp_path)
    assert finished.returncode == 1
    assert "aliases expand" in finished.stderr


@pytest.mark.parametrize("kind", ["fifo", "device", "folder", "huge", "binary"])
def test_content_must_be_a_regular_file_of_sane_size(tmp_path: Path, kind: str):
    path = tmp_path / "content.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path = Path("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    elif kind == "huge":
        path.write_text("id: x\n" + "# padding\n" * 200_000)
    else:
        path.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe" * 100)
    finished = bounded_process(["build", str(path)], tmp_path)
    assert finished.returncode == (2 if kind == "folder" else 1), finished.stderr
    assert str(path) in finished.stderr
    assert len(finished.stderr.strip().splitlines()) == 1


# --- Files ---------------------------------------------------------------------------------


def build_with_umask(umask: int, target: Path, patient: str | None = None) -> None:
    previous = os.umask(umask)
    try:
        build_handout(output=target, options=BuildOptions(patient=Patient(name=patient)))
    finally:
        os.umask(previous)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_handouts_respect_the_umask_and_personal_ones_stay_private(tmp_path: Path):
    build_with_umask(0o022, tmp_path / "shared.pdf")
    build_with_umask(0o077, tmp_path / "strict.pdf")
    build_with_umask(0o022, tmp_path / "personal.pdf", patient="Ana Ruiz")
    assert mode_of(tmp_path / "shared.pdf") == 0o644
    assert mode_of(tmp_path / "strict.pdf") == 0o600
    assert mode_of(tmp_path / "personal.pdf") == 0o600


def test_a_replaced_file_keeps_its_mode(tmp_path: Path):
    target = tmp_path / "kept.pdf"
    target.write_bytes(b"old")
    target.chmod(0o600)
    build_with_umask(0o022, target)
    assert mode_of(target) == 0o600
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("kind", ["fifo", "symlink", "dangling-symlink"])
def test_anything_but_a_regular_file_at_the_output_is_refused(tmp_path: Path, kind: str):
    target = tmp_path / "out.pdf"
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "symlink":
        target.symlink_to(victim)
    else:
        target.symlink_to(tmp_path / "nowhere")
    line = one_line_error(run(["build", "-o", str(target)]))
    assert str(target) in line
    assert victim.read_text() == "keep me"
    assert (os.path.lexists(target) and not target.is_file()) or target.is_symlink()
    assert not list(tmp_path.glob(".*tmp"))


def test_an_output_ending_in_a_slash_is_a_folder(tmp_path: Path):
    result = run(["build", "-o", f"{tmp_path}/new-folder/"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "new-folder" / "leg-numbness-en-letter.pdf").is_file()


def test_a_killed_batch_leaves_no_stale_manifest_and_no_temporary_file(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text('[{"file": "x.pdf", "sha256": "stale"}]')
    process = subprocess.Popen(
        [sys.executable, "-m", "handout", "batch", "-o", str(out), "--jobs", "2"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not list(out.glob("*.pdf")) and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert list(out.glob("*.pdf")), "the batch never started writing"
    assert not (out / "manifest.json").exists()
    assert not [path for path in out.iterdir() if path.name.startswith(".")]


def test_a_job_that_raises_is_a_failed_row_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from reportlab.platypus.doctemplate import LayoutError

    real = batch_module.render_handout
    failures = {"ar": ValueError("boom"), "hi": LayoutError("too tall")}

    def flaky(handout: Any, options: BuildOptions) -> Any:
        if options.language in failures:
            raise failures[options.language]
        return real(handout, options)

    monkeypatch.setattr(batch_module, "render_handout", flaky)
    jobs = [
        Job(language, BuildOptions(language=language), tmp_path / f"{language}.pdf")
        for language in ("en", "ar", "hi", "es")
    ]
    results = run_batch(jobs, workers=1)
    assert [result.ok for result in results] == [True, False, False, True]
    assert "ValueError" in (results[1].error or "")
    assert "LayoutError" in (results[2].error or "")
    assert (tmp_path / "es.pdf").is_file()


def test_two_patients_never_share_a_file_even_across_runs(tmp_path: Path):
    out = tmp_path / "out"
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text("name,language\nJosé Núñez,en\n", encoding="utf-8")
    second.write_text("name,language\nJose Nunez,en\n", encoding="utf-8")
    for patients in (first, second):
        result = run(["batch", "--patients", str(patients), "--paper", "letter", "-o", str(out)])
        assert result.exit_code == 0, result.output
    built = sorted(out.glob("*.pdf"))
    assert len(built) == 2
    texts = {path.name: pdf_text(path) for path in built}
    assert any("José Núñez" in text for text in texts.values())
    assert any("Jose Nunez" in text for text in texts.values())


def test_a_repeated_row_is_reported_not_built_twice(tmp_path: Path):
    patients = tmp_path / "patients.csv"
    patients.write_text("name\nAna Ruiz\nAna Ruiz\n", encoding="utf-8")
    result = run(
        [
            "batch",
            "--patients",
            str(patients),
            "--paper",
            "letter",
            "--lang",
            "en",
            "-o",
            str(tmp_path / "out"),
        ]
    )
    assert result.exit_code == 1
    assert "repeats line 2" in result.output


# --- One clean line for every failure ------------------------------------------------------


def hostile_cases(folder: Path) -> dict[str, list[str]]:
    """Command lines that must each fail with one line; files they need are made here."""
    (folder / "binary.toml").write_bytes(b"\x00\xff\xfe[clinic]\x00")
    (folder / "empty-languages.toml").write_text("[defaults]\nlanguages = []\n")
    (folder / "bad-language.toml").write_text('[defaults]\nlanguages = ["xx"]\n')
    (folder / "bad-paper.toml").write_text('[defaults]\npaper = "legal"\n')
    png = folder / "truncated.png"
    Image.new("RGB", (200, 200), "red").save(png)
    png.write_bytes(png.read_bytes()[:120])
    (folder / "truncated-logo.toml").write_text('[clinic]\nname = "C"\nlogo = "truncated.png"\n')
    (folder / "binary.csv").write_bytes(b"name\n\xff\xfe\x00\n")
    (folder / "tabs.yaml").write_text("id: x\n\ttitle: y\n")
    (folder / "list.yaml").write_text("- just\n- a list\n")
    (folder / "long-title.yaml").write_text(
        builtin_content_path()
        .read_text(encoding="utf-8")
        .replace("title: ", "title: " + "Very long title " * 40, 1),
        encoding="utf-8",
    )
    return {
        "binary profile": ["--config", str(folder / "binary.toml"), "build"],
        "empty languages": ["--config", str(folder / "empty-languages.toml"), "build"],
        "unknown language in profile": ["--config", str(folder / "bad-language.toml"), "build"],
        "unknown paper in profile": ["build", "--config", str(folder / "bad-paper.toml")],
        "truncated logo": ["--config", str(folder / "truncated-logo.toml"), "build"],
        "missing profile": ["--config", str(folder / "nope.toml"), "build"],
        "profile is a device": ["--config", "/dev/zero", "build"],
        "far start date": ["build", "--start-date", "9999-12-31"],
        "ancient date": ["build", "--date", "0001-01-01"],
        "name over 255 bytes": ["build", "-o", str(folder / ("x" * 300 + ".pdf"))],
        "unknown exercise": ["build", "--exercise", "jumping"],
        "bad dose": ["build", "--dose", "walking"],
        "dose for unknown exercise": ["build", "--dose", "jumping=10"],
        "long patient name": ["build", "--patient", "A" * 500],
        "long notes": ["build", "--notes", "word " * 1000],
        "control characters": ["build", "--patient", "Ana\x07Ruiz"],
        "not UTF-8": ["build", "--patient", "Ana \udcff"],
        "binary CSV": ["batch", "--patients", str(folder / "binary.csv")],
        "CSV is a folder": ["batch", "--patients", str(folder)],
        "tabs in YAML": ["build", str(folder / "tabs.yaml")],
        "YAML list": ["build", str(folder / "list.yaml")],
        "content folder": ["build", str(folder)],
    }


def test_every_hostile_command_line_is_one_line_and_keeps_the_good_pdf(tmp_path: Path):
    good = tmp_path / "good.pdf"
    assert run(["build", "-o", str(good)]).exit_code == 0
    before = good.read_bytes()
    failures = []
    for name, arguments in hostile_cases(tmp_path).items():
        output = (
            []
            if "-o" in arguments
            else (
                ["-o", str(tmp_path / "batch-out")] if "batch" in arguments else ["-o", str(good)]
            )
        )
        result = run([*arguments, *output])
        lines = result.stderr.strip().splitlines()
        if result.exit_code not in (1, 2) or len(lines) != 1 or "Traceback" in result.output:
            failures.append(f"{name}: exit {result.exit_code}, {result.stderr!r}")
    assert not failures, "\n".join(failures)
    assert good.read_bytes() == before


def test_a_long_title_builds(tmp_path: Path):
    path = content_with(
        tmp_path, lambda text: text.replace("title: ", "title: " + "Very long title " * 40, 1)
    )
    pdf = render_handout(load_handout(path), BuildOptions())
    assert pdf.pages >= 4


def test_invalid_utf8_in_an_argument_is_one_line_in_a_real_process(tmp_path: Path):
    finished = subprocess.run(
        [os.fsencode(sys.executable), b"-m", b"handout", b"build", b"--patient", b"Ana \xff"],
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert finished.returncode == 1
    assert b"Traceback" not in finished.stderr
    assert b"UTF-8" in finished.stderr
    assert not (tmp_path / "output").exists()


def test_a_broken_profile_in_the_folder_leaves_help_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    Path("handout.toml").write_text("[clinic\n")
    for arguments in (["--help"], ["build", "--help"], ["batch", "--help"]):
        result = run(arguments)
        assert result.exit_code == 0, result.output
    assert "handout.toml" in one_line_error(run(["build"]))


def test_bidirectional_controls_in_a_name_are_dropped(tmp_path: Path):
    target = tmp_path / "x.pdf"
    result = run(["build", "--patient", "Ana \u202eziuR\u202c", "-o", str(target)])
    assert result.exit_code == 0, result.output
    text = pdf_text(target)
    assert "Ana ziuR" in text
    assert "\u202e" not in text


def test_multi_line_notes_are_accepted_like_a_csv_cell(tmp_path: Path):
    target = tmp_path / "x.pdf"
    result = run(["build", "--notes", "Rest on Sundays.\nWalk on flat ground.", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "Rest on Sundays. Walk on flat ground." in " ".join(pdf_text(target).split())


def test_config_works_after_the_command_too(tmp_path: Path):
    profile = tmp_path / "p.toml"
    profile.write_text('[clinic]\nname = "Riverside Physio"\n[defaults]\npaper = "a4"\n')
    target = tmp_path / "x.pdf"
    result = run(["build", "--config", str(profile), "-o", str(target)])
    assert result.exit_code == 0, result.output
    reader = pypdf.PdfReader(target)
    assert round(float(reader.pages[0].mediabox.height)) == 842
    assert "Riverside Physio" in reader.pages[0].extract_text()


def test_an_option_typed_wins_over_the_profile(tmp_path: Path):
    profile = tmp_path / "p.toml"
    profile.write_text('[clinic]\nname = "C"\n[defaults]\npaper = "a4"\n')
    target = tmp_path / "x.pdf"
    result = run(["--config", str(profile), "build", "--paper", "letter", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert round(float(pypdf.PdfReader(target).pages[0].mediabox.height)) == 792


def test_a_huge_value_in_a_picture_error_is_not_echoed(tmp_path: Path):
    path = content_with(
        tmp_path,
        lambda text: text.replace(
            "    picture:\n",
            "    picture:\n      wrong: [" + ", ".join(["x" * 50] * 2000) + "]\n",
            1,
        ),
    )
    with pytest.raises(HandoutError) as raised:
        load_handout(path)
    assert len(str(raised.value)) < 400


def test_an_unexpected_failure_inside_the_api_is_a_handout_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    from handout import build as build_module

    def broken(*_: object, **__: object) -> None:
        raise KeyError("no such font")

    monkeypatch.setattr(build_module, "render_pdf", broken)
    with pytest.raises(HandoutError, match="KeyError"):
        render_handout(load_handout(), BuildOptions())
    result = run(["build", "-o", str(tmp_path / "x.pdf")])
    assert "KeyError" in one_line_error(result)


def test_a_text_field_longer_than_any_paragraph_is_refused_with_its_line(tmp_path: Path):
    path = content_with(
        tmp_path, lambda text: text.replace("short_title: ", "short_title: " + "word " * 2000, 1)
    )
    with pytest.raises(HandoutError, match=r"mine\.yaml:\d+: field 'short_title' is 10,\d+ char"):
        load_handout(path)


@pytest.mark.parametrize(
    "field, written",
    [
        ("name", "    name: Leg Swinging Exercise"),
        ("dose.how_many", "      how_many: 5 to 10 times with each leg"),
        ("minutes_label", "    minutes_label: Minutes walked"),
    ],
)
def test_a_label_too_long_for_the_tracking_sheet_is_refused(
    tmp_path: Path, field: str, written: str
):
    key = written.split(":")[0]
    path = content_with(
        tmp_path, lambda text: text.replace(written, f"{key}: " + "very long label " * 20, 1)
    )
    with pytest.raises(HandoutError, match=rf"field 'exercises\[\d\]\.{field}' is 3\d\d char"):
        load_handout(path)


# --- Found by trying to break it ------------------------------------------------------------

NESTED = {
    "qr in a box": '<callout kind="info"><contact><line>x</line>'
    '<qr href="javascript:app.alert(1)">scan</qr></contact></callout>',
    "logo in a box": '<callout kind="info"><letterhead><logo src="/dev/zero" alt="x"/>'
    "<name>n</name></letterhead></callout>",
}


@pytest.mark.parametrize("element", NESTED.values(), ids=NESTED.keys())
def test_what_a_template_points_at_is_checked_inside_boxes_too(tmp_path: Path, element: str):
    (tmp_path / "handout.xml.j2").write_text(
        '{% extends "builtin/handout.xml.j2" %}{% block title %}{{ super() }}'
        f"{element}{{% endblock %}}",
        encoding="utf-8",
    )
    target = tmp_path / "x.pdf"
    one_line_error(run(["build", "--templates", str(tmp_path), "-o", str(target)]))
    assert not target.exists()


MORE_BOUNDS = {
    "shared-lists-printed": '{% set s = "a" * 200000 %}{{ [s] * 9000 }}',
    "shared-lists-compared": "{% set a = [[[0] * 1000] * 1000] * 1000 %}{{ a == a }}",
    "big-number": "{% set ns = namespace(x=3) %}{% for i in range(40) %}"
    "{% set ns.x = ns.x * ns.x %}{% endfor %}{{ ns.x }}",
    "power": "{{ (((10 ** 64) ** 64) ** 64) ** 64 }}",
    "captured": "{% set big %}{% for i in range(15000) %}" + "x" * 1000 + "{% endfor %}"
    "{% endset %}{{ big|length }}",
    "joined-lists": '{% set s = "a" * 200000 %}{{ [[s] * 9000]|join }}',
    "joined-lists-method": '{% set s = "a" * 200000 %}{{ ",".join([[s] * 9000]) }}',
    "sum-of-lists": "{{ [[1]] * 1000|sum(start=[]) }}",
    "page-label": '{% extends "builtin/handout.xml.j2" %}{% block body %}{% endblock %}',
    "entities": '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "x">]><document>&e;</document>',
}


@pytest.mark.parametrize("template", MORE_BOUNDS.values(), ids=MORE_BOUNDS.keys())
def test_a_small_template_cannot_outgrow_its_budget(tmp_path: Path, template: str):
    if "page-label" in template or "extends" in template:
        # the page label is the template's too: a width in it would pad without end
        (tmp_path / "handout.xml.j2").write_text(
            (Path(__file__).parent.parent / "templates" / "handout.xml.j2")
            .read_text(encoding="utf-8")
            .replace('_("Page %(page)s of %(pages)s")', '"%(page)900000000s"'),
            encoding="utf-8",
        )
    else:
        (tmp_path / "handout.xml.j2").write_text(template, encoding="utf-8")
    started = time.perf_counter()
    one_line_error(run(["build", "--templates", str(tmp_path), "-o", str(tmp_path / "x.pdf")]))
    assert time.perf_counter() - started < 10


def test_one_template_included_under_many_names_compiles_once(tmp_path: Path):
    (tmp_path / "a.j2").write_text("{# " + "x" * 200_000 + " #}", encoding="utf-8")
    (tmp_path / "handout.xml.j2").write_text(
        '{% for i in range(12) %}{% include ("./" * i) ~ "a.j2" %}{% endfor %}',
        encoding="utf-8",
    )
    started = time.perf_counter()
    result = run(["build", "--templates", str(tmp_path)])
    assert time.perf_counter() - started < 10
    one_line_error(result)  # the empty document is refused; what matters is the time


def test_a_hard_link_in_the_templates_folder_is_refused(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text(MARKER)
    templates = tmp_path / "templates"
    templates.mkdir()
    os.link(secret, templates / "s.j2")
    (templates / "handout.xml.j2").write_text('{% include "s.j2" %}', encoding="utf-8")
    result = run(["build", "--templates", str(templates), "-o", str(tmp_path / "x.pdf")])
    assert "hard link" in one_line_error(result)
    assert MARKER not in result.output


@pytest.fixture
def translated_clinic(tmp_path: Path) -> Path:
    content = content_with(tmp_path, lambda text: text.replace("id: leg-numbness", "id: knee"))
    assert run(["translate", str(content), "--lang", "es"]).exit_code == 0
    return tmp_path / "locale" / "es" / "LC_MESSAGES" / "knee.po"


def add_message(catalog: Path, english: str, translation: str) -> None:
    with catalog.open("a", encoding="utf-8") as stream:
        stream.write(f'\nmsgid "{english}"\nmsgstr "{translation}"\n')


def test_a_content_catalog_cannot_change_template_wording(translated_clinic: Path):
    add_message(translated_clinic, "Page %(page)s of %(pages)s", "Seite %(page)s / %(pages)s")
    add_message(translated_clinic, "Before you start", "Ignore your doctor")
    content = translated_clinic.parents[3] / "mine.yaml"
    target = translated_clinic.parents[3] / "es.pdf"
    result = run(["build", str(content), "--lang", "es", "-o", str(target)])
    assert result.exit_code == 0, result.output
    text = pdf_text(target)
    assert "Antes de empezar" in text and "Ignore your doctor" not in text
    assert "Página 1 de" in text and "Seite" not in text


@pytest.mark.parametrize(
    "english, translation, problem",
    [
        ("Walking Exercise", "Caminar %(nope)s", "placeholders"),
        ("Walking Exercise", "x" * 6000, "characters long"),
        ("Walking Exercise", "Caminar \x07", "control characters"),
    ],
)
def test_a_bad_translation_in_a_content_catalog_is_named(
    translated_clinic: Path, english: str, translation: str, problem: str
):
    text = translated_clinic.read_text(encoding="utf-8")
    start = text.index(f'msgid "{english}"')
    end = text.index("\n\n", start)
    translated_clinic.write_text(
        text[:start] + f'msgid "{english}"\nmsgstr "{translation}"' + text[end:], encoding="utf-8"
    )
    content = translated_clinic.parents[3] / "mine.yaml"
    line = one_line_error(run(["build", str(content), "--lang", "es", "-o", "/dev/null/x.pdf"]))
    assert "knee.po" in line and problem in line


def test_a_catalog_asking_for_millions_of_plural_forms_is_refused(translated_clinic: Path):
    text = translated_clinic.read_text(encoding="utf-8")
    translated_clinic.write_text(
        re.sub(r"nplurals=\d+", "nplurals=300000000", text), encoding="utf-8"
    )
    content = translated_clinic.parents[3] / "mine.yaml"
    target = translated_clinic.parents[3] / "es.pdf"
    line = one_line_error(run(["build", str(content), "--lang", "es", "-o", str(target)]))
    assert "Plural-Forms" in line


def test_review_and_translate_never_write_through_a_link(tmp_path: Path, translated_clinic: Path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    link = tmp_path / "link.po"
    link.symlink_to(victim)
    one_line_error(run(["review", str(link), "--by", "A. Reviewer"]))
    assert victim.read_text() == "keep me"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    clinic = tmp_path / "clinic"
    clinic.mkdir()
    (clinic / "locale").symlink_to(elsewhere)
    content = clinic / "knee.yaml"
    content.write_text((translated_clinic.parents[3] / "mine.yaml").read_text(encoding="utf-8"))
    one_line_error(run(["translate", str(content), "--lang", "fr"]))
    assert not list(elsewhere.rglob("*.po"))


def test_a_content_file_with_too_many_exercises_is_refused(tmp_path: Path):
    text = builtin_content_path().read_text(encoding="utf-8")
    first = text.index("  - id: leg-swinging")
    end = text.index("warning_signs:")
    many = "".join(
        f"  - id: copy{n}\n    name: Copy {n}\n    steps: [Do it.]\n    why: It helps.\n"
        "    dose: {how_often: Every day}\n"
        for n in range(31)
    )
    path = tmp_path / "many.yaml"
    path.write_text(text[:first] + many + text[end:], encoding="utf-8")
    with pytest.raises(HandoutError, match="the limit is 30"):
        load_handout(path)


def test_a_very_long_yaml_number_is_read_quickly_as_text(tmp_path: Path):
    number = "1" + ":0" * 300_000
    path = content_with(
        tmp_path, lambda text: text.replace("how_often: Every day", f"how_often: {number}", 1)
    )
    started = time.perf_counter()
    with pytest.raises(HandoutError, match="characters long"):
        load_handout(path)
    assert time.perf_counter() - started < 5


def test_a_patients_batch_keeps_its_folder_and_manifest_private(tmp_path: Path):
    patients = tmp_path / "patients.csv"
    patients.write_text("name\nAna Ruiz\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run(
        ["batch", "--patients", str(patients), "--paper", "letter", "--lang", "en", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert mode_of(out) == 0o700
    assert mode_of(out / "manifest.json") == 0o600


def test_an_escape_sequence_in_an_option_is_shown_escaped(tmp_path: Path):
    line = one_line_error(run(["build", "--dose", "\x1b]0;pwned\x07x"]))
    assert "\x1b" not in line and "\\x1b" in line
