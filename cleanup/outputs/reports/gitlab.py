"""GitLab Code Quality: a JSON array of issues (Code Climate's fields that GitLab reads), one per finding."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator

from ...model import Outcome, Severity
from ..findings import Finding, findings
from . import Report

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.NOTE: "info"}


class GitlabReport(Report):
    summary = False

    def __init__(self, rules) -> None:
        super().__init__(rules)
        self.issues: list[dict] = []

    def file(self, path: str, outcome: Outcome) -> Iterator[str]:
        seen: Counter[tuple[str, str]] = Counter()
        for f in findings(outcome):
            seen[f.rule, f.text] += 1
            self.issues.append(_issue(f, path, seen[f.rule, f.text]))
        return iter(())

    def end(self) -> Iterator[str]:
        yield json.dumps(self.issues, ensure_ascii=False, indent=2)


def _issue(f: Finding, path: str, occurrence: int) -> dict:
    """One issue; its fingerprint names the file, rule, text and which occurrence of them it is, so it
    stays the same when lines above it are added or removed."""
    key = "\0".join((path, f.rule, f.text, str(occurrence)))
    return {
        "description": f.message,
        "check_name": f.rule,
        "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest(),
        "severity": _SEVERITY[f.severity],
        "location": {
            "path": path,
            "positions": {
                "begin": {"line": f.line, "column": f.column},
                "end": {"line": f.end_line, "column": f.end_column},
            },
        },
    }


FORMAT = GitlabReport
