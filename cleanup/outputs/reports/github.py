"""GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per finding."""

from __future__ import annotations

from collections.abc import Iterator

from ...model import Outcome, Severity
from ..findings import findings
from . import Report

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


class GithubReport(Report):
    def file(self, path: str, outcome: Outcome) -> Iterator[str]:
        for f in findings(outcome):
            place = {"file": path, "line": f.line, "col": f.column, "endLine": f.end_line, "endColumn": f.end_column}
            joined = ",".join(f"{key}={_escape(str(value), True)}" for key, value in {**place, "title": f.rule}.items())
            message = f.message + (" → " + " | ".join(f"“{s}”" for s in f.suggestions) if f.suggestions else "")
            yield f"::{_LEVEL[f.severity]} {joined}::{_escape(message, False)}"


def _escape(value: str, is_property: bool) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if is_property else value


FORMAT = GithubReport
