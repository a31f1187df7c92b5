"""SARIF 2.1.0: one log over every file, each rule with its help page, each pending change with its fix."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterator, Mapping

from ...model import Outcome
from ...version import VERSION
from ..findings import Finding, findings, source_record
from . import Report, RuleHelp

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


class SarifReport(Report):
    summary = False

    def __init__(self, rules: Mapping[str, RuleHelp]) -> None:
        super().__init__(rules)
        self.files: list[tuple[str, list[Finding]]] = []

    def file(self, path: str, outcome: Outcome) -> Iterator[str]:
        self.files.append((path, findings(outcome)))
        return iter(())

    def end(self) -> Iterator[str]:
        rule_ids = sorted({step for _, found in self.files for f in found for step in f.rule.split("+")})
        index = {rule: i for i, rule in enumerate(rule_ids)}
        results = [_result(f, path, number, index) for number, (path, found) in enumerate(self.files) for f in found]
        driver = {"name": "cleanup", "version": VERSION, "rules": [self._rule(rule) for rule in rule_ids]}
        run = {
            "tool": {"driver": driver},
            "columnKind": "unicodeCodePoints",
            "artifacts": [{"location": {"uri": _uri(path)}} for path, _ in self.files],
            "results": results,
        }
        yield json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2)

    def _rule(self, rule: str) -> dict:
        known = self.rules.get(rule)
        described: dict = {"id": rule, "shortDescription": {"text": known.short if known else rule}}
        if known and known.page:
            described["help"] = {"text": known.short, "markdown": known.page}
        return described


def _result(f: Finding, path: str, file_index: int, rule_index: Mapping[str, int]) -> dict:
    first_rule = f.rule.split("+")[0]
    location = {"uri": _uri(path), "index": file_index}
    region = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column}
    result = {
        "ruleId": first_rule,
        "ruleIndex": rule_index[first_rule],
        "level": f.severity.value,
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
    }
    if f.source is not None:
        result["properties"] = source_record(f)
    if f.replacement is not None:
        replacement = {"deletedRegion": region, "insertedContent": {"text": f.replacement}}
        change = {"artifactLocation": location, "replacements": [replacement]}
        result["fixes"] = [{"description": {"text": f.message}, "artifactChanges": [change]}]
    return result


def _uri(path: str) -> str:
    return urllib.parse.quote(path.replace("\\", "/"))


FORMAT = SarifReport
