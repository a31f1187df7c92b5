"""`cleanup check` formats: text, JSON, GitHub annotations and SARIF; and when check fails."""

from __future__ import annotations

import urllib.parse
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence

from .. import __version__
from ..model import LineIndex, Outcome, Severity
from .findings import SCHEMA_VERSION, Finding, change_finding, flag_finding, source_note, source_record, span_record

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


# What the whole-run reports keep of a file: its path, its findings, whether fix would change it (never
# its texts: a run over an archive holds its report, not its articles).
FileFindings = tuple[str, list[Finding], bool]

_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def findings(outcome: Outcome) -> list[Finding]:
    """Every change and flag of one outcome, in text order (a change before a flag at the same place)."""
    index = LineIndex(outcome.original.text)
    found = [(c.start, 0, change_finding(outcome, index, c)) for c in outcome.changes]
    found += [(f.start, 1, flag_finding(outcome, index, f)) for f in outcome.flags]
    return [finding for _, _, finding in sorted(found, key=lambda item: item[:2])]


def fails(outcomes: Sequence[Outcome], fail_on: str) -> bool:
    """Whether `check` should exit 1: "error" on pending changes, "warning" also on warnings, "never" not."""
    if fail_on == "never":
        return False
    if any(outcome.changes for outcome in outcomes):
        return True
    return fail_on == "warning" and any(f.severity is Severity.WARNING for o in outcomes for f in o.flags)


def text_lines(path: str, outcome: Outcome) -> Iterator[str]:
    """`file:line:col: ID message [→ “suggestion”]` for every finding, in text order."""
    for finding in findings(outcome):
        suggestion = " → " + " | ".join(f"“{s}”" for s in finding.suggestions) if finding.suggestions else ""
        yield f"{path}:{finding.line}:{finding.column}: {finding.rule} {finding.message}{suggestion}{source_note(finding)}"


def json_report(items: Sequence[FileFindings]) -> dict:
    """Every file's findings and a summary (schema in README, `schema_version` 1)."""
    records = [(path, [_finding_record(f) for f in found]) for path, found, _ in items]
    files = [{"path": path, "findings": found} for path, found in records]
    every = [record for _, found in records for record in found]
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "cleanup", "version": __version__},
        "files": files,
        "summary": {
            "files": len(items),
            "files_changed": sum(changed for _, _, changed in items),
            "by_severity": dict(Counter(r["severity"] for r in every)),
            "by_rule": dict(Counter(r["rule"] for r in every)),
        },
    }


def _finding_record(finding: Finding) -> dict:
    record = {
        "kind": "change" if finding.replacement is not None else "flag",
        **span_record(finding),
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        "text": finding.text,
    }
    if finding.replacement is not None:
        record["replacement"] = finding.replacement
    else:
        record |= {"category": finding.category, "suggestions": list(finding.suggestions), **source_record(finding)}
    return record


def github_lines(path: str, outcome: Outcome) -> Iterator[str]:
    """GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per finding."""
    for f in findings(outcome):
        properties = {
            "file": path,
            "line": f.line,
            "col": f.column,
            "endLine": f.end_line,
            "endColumn": f.end_column,
            "title": f.rule,
        }
        joined = ",".join(f"{key}={_github_escape(str(value), True)}" for key, value in properties.items())
        message = f.message + (" → " + " | ".join(f"“{s}”" for s in f.suggestions) if f.suggestions else "")
        yield f"::{_GITHUB_LEVEL[f.severity]} {joined}::{_github_escape(message, False)}"


def _github_escape(value: str, is_property: bool) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if is_property else value


def sarif_report(items: Sequence[FileFindings], descriptions: Mapping[str, str]) -> dict:
    """A SARIF 2.1.0 log of one run: rules, artifacts, and a result per finding (changes with their fix)."""
    per_file = [(path, found) for path, found, _ in items]
    rule_ids = sorted({step for _, found in per_file for f in found for step in f.rule.split("+")})
    rule_index = {rule: i for i, rule in enumerate(rule_ids)}
    results = [
        _sarif_result(f, path, file_index, rule_index)
        for file_index, (path, found) in enumerate(per_file)
        for f in found
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cleanup",
                        "version": __version__,
                        "rules": [_sarif_rule(rule, descriptions) for rule in rule_ids],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "artifacts": [{"location": {"uri": _uri(path)}} for path, _ in per_file],
                "results": results,
            }
        ],
    }


def _sarif_rule(rule: str, descriptions: Mapping[str, str]) -> dict:
    return {"id": rule, "shortDescription": {"text": descriptions.get(rule) or rule}}


def _sarif_result(f: Finding, path: str, file_index: int, rule_index: Mapping[str, int]) -> dict:
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
