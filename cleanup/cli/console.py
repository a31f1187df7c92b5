"""Printing to the terminal: results, errors and notes (control characters shown visibly), and failures
kept for the run's summary."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from ..lazyregex import lazy_re_compile
from ..model import Outcome
from ..outputs.controls import visible
from ..outputs.tally import Tally

if TYPE_CHECKING:
    from rich.console import Console


def make_console(quiet: bool) -> Console:
    """A rich console (rich is imported on the first call: a quiet run never needs it)."""
    from rich.console import Console

    return Console(quiet=quiet, highlight=False)


MAX_MESSAGE = 1000  # characters: a message quoting a megabyte-long value from a damaged file is cut
_QUOTED = lazy_re_compile(r"“[^”]*”|'[^']*'")


def print_error(message: str) -> None:
    """One message on one line: a line break in it (a file name may hold one) is shown as ␊, and a long
    one is cut in the middle of what it quotes, keeping the place before and the advice after. With
    standard error closed it is dropped: standard output may be a report, and the exit code still tells."""
    if sys.stderr is not None:
        print(_shortened(visible(message).replace("\n", "␊")), file=sys.stderr)


def _shortened(message: str) -> str:
    excess = len(message) - MAX_MESSAGE
    if excess <= 0:
        return message
    quoted = max(_QUOTED.finditer(message), key=lambda found: len(found[0]), default=None)
    start, end = (quoted.start(), quoted.end()) if quoted and len(quoted[0]) > excess + 40 else (0, len(message))
    middle, cut = (start + end) // 2, excess // 2 + 2
    return f"{message[: middle - cut]} … {message[middle + cut :]}"


def print_note(message: str, quiet: bool) -> None:
    """Information about the run on standard error (so reports on standard output stay clean)."""
    if not quiet and sys.stderr is not None:
        print(visible(message), file=sys.stderr)


def failure_recorder(tally: Tally) -> Callable[[str, str], None]:
    """Reports a failure as it happens and keeps it for the run's summary and exit code."""

    def record(path: str, why: str) -> None:
        print_error(why)
        tally.fail(path, why)

    return record


def report_problems(path: str, outcome: Outcome, tally: Tally) -> None:
    """Print a document's problems (a bad directive, a rule that ran too long); each makes the run fail."""
    record = failure_recorder(tally)
    for problem in outcome.problems:
        record(path, str(replace(problem, where=replace(problem.where, path=path))))
