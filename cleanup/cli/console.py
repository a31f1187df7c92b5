"""Printing to the terminal: results, errors and notes, control characters shown visibly."""

from __future__ import annotations

import sys

from rich.console import Console

from ..outputs.controls import visible


def make_console(quiet: bool) -> Console:
    return Console(quiet=quiet, highlight=False)


def print_error(message: str) -> None:
    print(visible(message), file=sys.stderr)


def print_note(message: str, quiet: bool) -> None:
    """Information about the run on standard error (so reports on standard output stay clean)."""
    if not quiet:
        print(visible(message), file=sys.stderr)
