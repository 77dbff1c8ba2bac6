"""The one error type the command line reports as a single clear line."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])


class HandoutError(Exception):
    """A problem with the input or the environment, worded for the person who caused it.

    The message names what is wrong and where (file, line, field); the command line prints it
    without a traceback.
    """


def unexpected_error_message(error: BaseException) -> str:
    """One line for a failure that is not the input's fault: what kind, and its message."""
    if isinstance(error, MemoryError):
        return "ran out of memory"
    if isinstance(error, RecursionError):
        return "the input nests too deeply to build"
    text = " ".join(str(error).split())
    if len(text) > 200:
        text = text[:199] + "…"
    return f"unexpected error ({type(error).__name__}{': ' + text if text else ''})"


def error_boundary(function: F) -> F:
    """An entry point of the Python API: whatever goes wrong inside leaves it as one
    HandoutError, so a caller (the command line, a web app) handles a single type."""

    @wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except HandoutError:
            raise
        except Exception as error:
            raise HandoutError(unexpected_error_message(error)) from error

    return cast(F, guarded)  # with the signature of `function`, by `wraps`
