"""The command line: each command parses its options and calls one typed function."""

from handout.cli.commands import cli

__all__ = ["cli"]
