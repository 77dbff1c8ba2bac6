"""The template stage: content and options rendered through Jinja into document XML."""

from __future__ import annotations

import sys
import traceback
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2

from handout.errors import HandoutError
from handout.templating.compiled import compiled_templates
from handout.templating.sandbox import BoundedSandbox, FolderLoader, render

MAIN_TEMPLATE = "handout.xml.j2"


@cache
def template_environment(extra_dirs: tuple[Path, ...] = ()) -> BoundedSandbox:
    """Templates in `extra_dirs` come first, so a clinic's `handout.xml.j2` replaces the
    built-in one, which stays reachable as `builtin/handout.xml.j2` to extend.

    Every template, ours too, runs in the bounded sandbox. Cached, and compiled templates kept
    between runs: compiling the templates costs more than rendering them. The gettext function
    `_` comes with each render's context; it returns text, which is escaped like data, so a
    translation can never inject markup.
    """
    builtin = Path(str(files("handout.templates")))
    return BoundedSandbox(
        jinja2.ChoiceLoader(
            [
                *(FolderLoader(folder) for folder in extra_dirs),
                FolderLoader(builtin),
                jinja2.PrefixLoader({"builtin": FolderLoader(builtin)}),
            ]
        ),
        bytecode_cache=compiled_templates(),
    )


def render_template(environment: BoundedSandbox, context: dict[str, Any]) -> str:
    """The main template rendered; any mistake in a template is one line naming it."""
    try:
        return render(environment, MAIN_TEMPLATE, context)
    except HandoutError:
        raise
    except jinja2.TemplateSyntaxError as error:
        where = f"{_shown(error.filename or error.name)}:{error.lineno}"
        raise HandoutError(f"template {where}: {error.message}") from None
    except jinja2.TemplateNotFound as error:
        raise HandoutError(f"template {error.name} not found") from None
    except RecursionError:
        raise HandoutError(
            f"template {_template_line()}: calls itself without end (recursion)"
        ) from None
    except MemoryError:
        raise HandoutError(f"template {_template_line()}: ran out of memory") from None
    except Exception as error:  # a template is code: any mistake in it ends here
        problem = str(error) or type(error).__name__
        if not isinstance(error, (jinja2.TemplateError, jinja2.UndefinedError)):
            problem = f"{type(error).__name__}: {problem}"
        raise HandoutError(f"template {_template_line()}: {_one_line(problem)}") from None


def _shown(filename: str | None) -> str:
    return Path(filename).name if filename else "?"


def _template_line() -> str:
    """The innermost template file and line of the exception being handled (the main
    template when it was raised outside any)."""
    where = MAIN_TEMPLATE
    for frame in traceback.extract_tb(sys.exc_info()[2]):
        if frame.filename.endswith(".j2"):
            where = f"{Path(frame.filename).name}:{frame.lineno}"
    return where


def _one_line(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
