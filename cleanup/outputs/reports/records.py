"""A finding as a JSON record, shared by the JSON and JSON lines reports."""

from __future__ import annotations

from ..findings import Finding, source_record, span_record


def finding_record(finding: Finding) -> dict:
    """One finding: kind, place, rule, severity, message, text, and the replacement or the flag's details."""
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
