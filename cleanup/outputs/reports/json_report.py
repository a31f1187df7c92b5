"""The JSON report: one document over every file, with a summary (`schema_version` 1)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator

from ...model import Outcome
from ...version import VERSION
from ..findings import SCHEMA_VERSION, findings
from . import Report
from .records import finding_record


class JsonReport(Report):
    summary = False

    def __init__(self, rules) -> None:
        super().__init__(rules)
        self.files: list[dict] = []
        self.changed = 0

    def file(self, path: str, outcome: Outcome) -> Iterator[str]:
        self.files.append({"path": path, "findings": [finding_record(f) for f in findings(outcome)]})
        self.changed += outcome.changed
        return iter(())

    def end(self) -> Iterator[str]:
        every = [record for file in self.files for record in file["findings"]]
        report = {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "cleanup", "version": VERSION},
            "files": self.files,
            "summary": {
                "files": len(self.files),
                "files_changed": self.changed,
                "by_severity": dict(Counter(r["severity"] for r in every)),
                "by_rule": dict(Counter(r["rule"] for r in every)),
            },
        }
        yield json.dumps(report, ensure_ascii=False, indent=2)


FORMAT = JsonReport
