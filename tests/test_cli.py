from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from handout import __version__, build
from handout.cli.commands import cli
from handout.content.loading import builtin_content_path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_build_without_arguments_writes_the_default_handout(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["build"])
    assert result.exit_code == 0, result.output
    path = Path("output/leg-numbness-en-letter.pdf")
    assert result.output.strip() == str(path)
    assert len(pypdf.PdfReader(path).pages) >= 4


def test_output_and_paper_options(runner: CliRunner, tmp_path: Path):
    target = tmp_path / "a4.pdf"
    result = runner.invoke(cli, ["build", "--paper", "a4", "-o", str(target), "--weeks", "2"])
    assert result.exit_code == 0, result.output
    reader = pypdf.PdfReader(target)
    assert round(float(reader.pages[0].mediabox.height)) == 842


def test_help_and_version(runner: CliRunner):
    assert "build" in runner.invoke(cli, ["--help"]).output
    assert "--start-date" in runner.invoke(cli, ["build", "--help"]).output
    assert __version__ in runner.invoke(cli, ["--version"]).output


@pytest.mark.parametrize(
    "arguments",
    [
        ["build", "--paper", "legal"],
        ["build", "--weeks", "0"],
        ["build", "--start-date", "2026-13-01"],
        ["build", "--bogus"],
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, arguments: list[str], tmp_path: Path):
    result = runner.invoke(cli, [*arguments, "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2
    assert "Error" in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_invalid_content_is_one_line_naming_file_and_field(runner: CliRunner, tmp_path: Path):
    content = tmp_path / "mine.yaml"
    content.write_text(
        builtin_content_path().read_text(encoding="utf-8").replace("short_title:", "shorttitle:"),
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["build", str(content), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert str(content) in lines[0] and "shorttitle" in lines[0]
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_own_content_file_builds(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    content = tmp_path / "knee.yaml"
    content.write_text(
        builtin_content_path()
        .read_text(encoding="utf-8")
        .replace("id: leg-numbness", "id: knee-care")
        .replace("title: How to Perform", "title: Knee care. How to Perform"),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["build", str(content)])
    assert result.exit_code == 0, result.output
    assert Path("output/knee-care-en-letter.pdf").exists()


def test_unwritable_folder_is_a_clear_error(runner: CliRunner):
    # Nobody, not even root, may make a folder in /proc.
    result = runner.invoke(cli, ["build", "-o", "/proc/handout-test/x.pdf"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot write to folder /proc/handout-test")


def test_output_inside_a_file_is_a_clear_error(runner: CliRunner, tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = runner.invoke(cli, ["build", "-o", str(blocker / "x.pdf")])
    assert result.exit_code == 1
    assert "cannot write to folder" in result.output
    assert "Traceback" not in result.output


def test_failed_build_keeps_the_previous_pdf(runner: CliRunner, tmp_path: Path, monkeypatch):
    target = tmp_path / "handout.pdf"
    assert runner.invoke(cli, ["build", "-o", str(target)]).exit_code == 0
    good = target.read_bytes()

    def interrupted(descriptor: int) -> None:
        raise KeyboardInterrupt  # as if the user pressed Ctrl-C half way through the write

    monkeypatch.setattr(build.os, "fsync", interrupted)
    result = runner.invoke(cli, ["build", "-o", str(target), "--weeks", "3"])
    assert result.exit_code != 0
    assert target.read_bytes() == good
    assert sorted(tmp_path.iterdir()) == [target]


def test_misspelt_template_variable_names_template_and_line(runner: CliRunner, tmp_path: Path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "handout.xml.j2").write_text(
        '{% extends "builtin/handout.xml.j2" %}\n'
        "{% block safety %}\n"
        "<para>{{ handout.safty_advice }}</para>\n"
        "{% endblock %}\n",
        encoding="utf-8",
    )
    target = tmp_path / "x.pdf"
    result = runner.invoke(cli, ["build", "--templates", str(templates), "-o", str(target)])
    assert result.exit_code == 1
    assert "template handout.xml.j2:3:" in result.output
    assert "safty_advice" in result.output
    assert not target.exists()


def test_template_markup_in_text_is_refused_not_rendered(runner: CliRunner, tmp_path: Path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "handout.xml.j2").write_text(
        '{% extends "builtin/handout.xml.j2" %}\n'
        "{% block safety %}<para>Hello <blink>there</blink></para>{% endblock %}\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        cli, ["build", "--templates", str(templates), "-o", str(tmp_path / "x.pdf")]
    )
    assert result.exit_code == 1
    assert "<blink> is not allowed inside text" in result.output


def test_languages_lists_every_language_with_its_state(runner: CliRunner):
    result = runner.invoke(cli, ["languages"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 13
    assert lines[0].startswith("en") and "source text" in lines[0]
    arabic = next(line for line in lines if line.startswith("ar "))
    assert "100%" in arabic and "not reviewed" in arabic


def test_the_command_line_starts_without_the_drawing_stages():
    # `handout --help` and option errors stay quick: stages load when a command runs them.
    probe = (
        "import sys, handout.cli.commands; "
        "print(sorted({name.split('.')[0] for name in sys.modules} & "
        "{'reportlab', 'PIL', 'babel', 'jinja2', 'yaml', 'uharfbuzz'}))"
    )
    finished = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert finished.stdout.strip() == "[]"
