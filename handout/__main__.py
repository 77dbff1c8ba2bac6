"""`python -m handout`: the command line."""

from handout.cli import cli

cli()
