"""The template stage: content and options rendered through Jinja into document XML."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2

from .errors import HandoutError

MAIN_TEMPLATE = "handout.xml.j2"


@cache
def template_environment(extra_dirs: tuple[Path, ...] = ()) -> jinja2.Environment:
    """Templates in `extra_dirs` come first, so a clinic's `handout.xml.j2` replaces the
    built-in one, which stays reachable as `builtin/handout.xml.j2` to extend.

    Cached: compiling the templates costs more than rendering them. The gettext function `_`
    comes with each render's context; it returns text, which is escaped like data, so a
    translation can never inject markup.
    """
    builtin = Path(str(files("handout.templates")))
    environment = jinja2.Environment(
        loader=jinja2.ChoiceLoader([
            jinja2.FileSystemLoader([*extra_dirs, builtin]),
            jinja2.PrefixLoader({"builtin": jinja2.FileSystemLoader(builtin)}),
        ]),
        autoescape=True,  # every template emits XML; data is escaped, markup is the template's
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return environment


def render_template(environment: jinja2.Environment, context: dict[str, Any]) -> str:
    try:
        return environment.get_template(MAIN_TEMPLATE).render(context)
    except jinja2.TemplateSyntaxError as error:
        raise HandoutError(
            f"template {error.filename or error.name}:{error.lineno}: {error.message}"
        ) from None
    except jinja2.UndefinedError as error:
        raise HandoutError(f"template {_template_line(error)}: {error.message}") from None
    except jinja2.TemplateNotFound as error:
        raise HandoutError(f"template {error.name} not found") from None


def _template_line(error: BaseException) -> str:
    """The template file and line where `error` was raised, from its traceback."""
    trace = error.__traceback__
    where = "?"
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            where = f"{Path(filename).name}:{trace.tb_lineno}"
        trace = trace.tb_next
    return where
