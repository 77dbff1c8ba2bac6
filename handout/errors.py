"""The one error type the command line reports as a single clear line."""

from __future__ import annotations


class HandoutError(Exception):
    """A problem with the input or the environment, worded for the person who caused it.

    The message names what is wrong and where (file, line, field); the command line prints it
    without a traceback.
    """
