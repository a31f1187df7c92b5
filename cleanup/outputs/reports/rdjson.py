"""reviewdog's Diagnostic Format as one JSON document (rdjson): each finding a diagnostic, each pending change and
each flag's suggestion a suggested fix, columns in UTF-8 bytes as reviewdog counts them."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ...model import Outcome, Severity
from ..findings import Finding, findings
from . import Report

_SEVERITY = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.NOTE: "INFO"}


class RdjsonReport(Report):
    summary = False

    def __init__(self, rules) -> None:
        super().__init__(rules)
        self.diagnostics: list[dict] = []

    def file(self, path: str, outcome: Outcome) -> Iterator[str]:
        text = outcome.original.text
        self.diagnostics += [_diagnostic(f, path, text) for f in findings(outcome)]
        return iter(())

    def end(self) -> Iterator[str]:
        result = {"source": {"name": "cleanup"}, "diagnostics": self.diagnostics}
        yield json.dumps(result, ensure_ascii=False, indent=2)


def _diagnostic(f: Finding, path: str, text: str) -> dict:
    where = {
        "start": {"line": f.line, "column": _byte_column(text, f.start, f.column)},
        "end": {"line": f.end_line, "column": _byte_column(text, f.end, f.end_column)},
    }
    replacements = [f.replacement] if f.replacement is not None else list(f.suggestions)
    diagnostic: dict = {
        "message": f.message,
        "location": {"path": path, "range": where},
        "severity": _SEVERITY[f.severity],
        "code": {"value": f.rule},
        "source": {"name": "cleanup"},
    }
    if replacements:
        diagnostic["suggestions"] = [{"range": where, "text": new} for new in replacements]
    return diagnostic


def _byte_column(text: str, offset: int, column: int) -> int:
    """The 1-based column of `offset` in UTF-8 bytes (reviewdog's), from its column in code points."""
    line_start = offset - (column - 1)
    return len(text[line_start:offset].encode("utf-8", "surrogatepass")) + 1


FORMAT = RdjsonReport
