"""The JSON lines report: one JSON object a finding (with its file's path), printed as each file is done."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ...model import Outcome
from ..findings import findings
from . import Report
from .records import finding_record


class JsonLinesReport(Report):
    def file(self, path: str, outcome: Outcome) -> Iterator[str]:
        for finding in findings(outcome):
            yield json.dumps({"path": path, **finding_record(finding)}, ensure_ascii=False)


FORMAT = JsonLinesReport
