"""The text report: `file:line:col: SEVERITY: ID message [→ “suggestion”]` for every finding, in text order."""

from __future__ import annotations

from collections.abc import Iterator

from ...model import Outcome
from ..findings import findings, source_note
from . import Report


class TextReport(Report):
    def file(self, path: str, outcome: Outcome) -> Iterator[str]:
        for finding in findings(outcome):
            suggested = " → " + " | ".join(f"“{s}”" for s in finding.suggestions) if finding.suggestions else ""
            yield f"{path}:{finding.line}:{finding.column}: {finding.severity.value}: {finding.rule} {finding.message}{suggested}{source_note(finding)}"


FORMAT = TextReport
