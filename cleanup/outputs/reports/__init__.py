"""`cleanup check`'s report formats, one module each: the registry names them and loads the one asked for."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the command line reads REPORTS at start-up, before anything else is needed
    from ...model import Outcome

# A format's name and its module here; `cleanup check --format` offers these names.
REPORTS = {
    "text": "text",
    "json": "json_report",
    "jsonl": "jsonl",
    "github": "github",
    "sarif": "sarif",
    "gitlab": "gitlab",
    "junit": "junit",
    "rdjson": "rdjson",
}


@dataclass(frozen=True)
class RuleHelp:
    """What a report may say of a rule id: one line, and its page (Markdown) where it has one."""

    short: str
    page: str = ""


class Report:
    """One report format: lines printed as each file is done, then lines at the end of the run."""

    summary = True  # whether the one-line summary follows on standard error

    def __init__(self, rules: Mapping[str, RuleHelp]) -> None:
        self.rules = rules

    def file(self, path: str, outcome: Outcome) -> Iterator[str]:
        """The lines of one file's findings."""
        return iter(())

    def end(self) -> Iterator[str]:
        """The lines after the last file."""
        return iter(())


def report(name: str, rules: Mapping[str, RuleHelp]) -> Report:
    """The report format named `name` (one of REPORTS), for a run whose rules are described by `rules`."""
    module = importlib.import_module(f"{__name__}.{REPORTS[name]}")
    made: Report = module.FORMAT(rules)
    return made
