"""Reports of outcomes for editors and CI: check lines, JSON, GitHub annotations, SARIF, the JSON change
log and a Markdown review report. Pure functions from outcomes to text or data."""

from __future__ import annotations

import urllib.parse
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from .. import __version__
from ..model import Change, Decision, Flag, LineIndex, Outcome, Severity
from ..quotes import INSIDE_QUOTATION
from .jsonstream import json_pieces

SCHEMA_VERSION = 1
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FORMATS = ("text", "json", "github", "sarif")
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


@dataclass(frozen=True)
class Finding:
    """A change `fix` would make (severity error) or a flag, located in the original file."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    message: str
    severity: Severity
    text: str  # the original text it covers
    replacement: str | None  # for a change: what `fix` writes instead
    suggestions: tuple[str, ...] = ()
    category: str = ""


def findings(outcome: Outcome) -> list[Finding]:
    """Every change and flag of one outcome, in text order (a change before a flag at the same place)."""
    index = LineIndex(outcome.original.text)
    found = [(c.start, 0, _change_finding(outcome, index, c)) for c in outcome.changes]
    found += [(f.start, 1, _flag_finding(outcome, index, f)) for f in outcome.flags]
    return [finding for _, _, finding in sorted(found, key=lambda item: item[:2])]


def _change_finding(outcome: Outcome, index: LineIndex, change: Change) -> Finding:
    before, after = change_texts(outcome, change)
    message = f"“{one_line(before)}” → “{one_line(after)}”: {change.reason}"
    return Finding(*_position(index, change.start, change.end), change.rule, message, Severity.ERROR, before, after)


def _flag_finding(outcome: Outcome, index: LineIndex, flag: Flag) -> Finding:
    text = outcome.original.text[flag.start : flag.end]
    position = _position(index, flag.start, flag.end)
    return Finding(*position, flag.rule, flag.message, flag.severity, text, None, flag.suggestions, flag.category)


def _position(index: LineIndex, start: int, end: int) -> tuple[int, int, int, int, int, int]:
    return (start, end, *index.position(start), *index.position(end))


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
        yield f"{path}:{finding.line}:{finding.column}: {finding.rule} {finding.message}{suggestion}"


def json_report(items: Sequence[tuple[str, Outcome]]) -> dict:
    """Every file's findings and a summary (schema in README, `schema_version` 1)."""
    files = [{"path": path, "findings": [_finding_record(f) for f in findings(outcome)]} for path, outcome in items]
    every = [record for path, outcome in items for record in (_finding_record(f) for f in findings(outcome))]
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "cleanup", "version": __version__},
        "files": files,
        "summary": {
            "files": len(items),
            "files_changed": sum(outcome.changed for _, outcome in items),
            "by_severity": dict(Counter(r["severity"] for r in every)),
            "by_rule": dict(Counter(r["rule"] for r in every)),
        },
    }


def _finding_record(finding: Finding) -> dict:
    record = {
        "kind": "change" if finding.replacement is not None else "flag",
        **_span_record(finding),
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        "text": finding.text,
    }
    if finding.replacement is not None:
        record["replacement"] = finding.replacement
    else:
        record |= {"category": finding.category, "suggestions": list(finding.suggestions)}
    return record


def _span_record(finding: Finding) -> dict:
    return {
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "start": finding.start,
        "end": finding.end,
    }


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


def sarif_report(items: Sequence[tuple[str, Outcome]], descriptions: Mapping[str, str]) -> dict:
    """A SARIF 2.1.0 log of one run: rules, artifacts, and a result per finding (changes with their fix)."""
    per_file = [(path, findings(outcome)) for path, outcome in items]
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
    if f.replacement is not None:
        replacement = {"deletedRegion": region, "insertedContent": {"text": f.replacement}}
        change = {"artifactLocation": location, "replacements": [replacement]}
        result["fixes"] = [{"description": {"text": f.message}, "artifactChanges": [change]}]
    return result


def _uri(path: str) -> str:
    return urllib.parse.quote(path.replace("\\", "/"))


def change_log(path: str, output: str, outcome: Outcome) -> Iterator[str]:
    """The JSON change log of one document (schema documented in README), in pieces."""
    index = LineIndex(outcome.original.text)
    record = {
        "schema_version": SCHEMA_VERSION,
        "input": path,
        "output": output,
        "encoding": outcome.original.encoding,
        "bom": outcome.original.bom,
        "changes": (_change_record(outcome, index, number, change) for number, change in enumerate(outcome.changes)),
        "flags": (_flag_record(_flag_finding(outcome, index, flag)) for flag in outcome.flags),
        "rejected": [_decision_record(d) for d in outcome.rejected],
        "stale": [_decision_record(d) for d in outcome.stale],
        "summary": dict(Counter(change.rule for change in outcome.changes)),
    }
    yield from json_pieces(record, indent=2)
    yield "\n"


def _change_record(outcome: Outcome, index: LineIndex, number: int, change: Change) -> dict:
    before, after = change_texts(outcome, change)
    steps = [{"rule": s.rule, "reason": s.reason, "safety": s.safety.value} for s in change.steps]
    span = _span_record(_change_finding(outcome, index, change))
    review = "accepted" if number in outcome.accepted else None
    return {
        **span,
        "before": before,
        "after": after,
        "rule": change.rule,
        "reason": change.reason,
        "steps": steps,
        "review": review,
    }


def _flag_record(f: Finding) -> dict:
    return {
        **_span_record(f),
        "text": f.text,
        "rule": f.rule,
        "category": f.category,
        "severity": f.severity.value,
        "message": f.message,
        "suggestions": list(f.suggestions),
    }


def _decision_record(decision: Decision) -> dict:
    return {"rule": decision.rule, "before": decision.before, "after": decision.after, "where": str(decision.where)}


def markdown_report(path: str, output: str, outcome: Outcome) -> Iterator[str]:
    """A review report for an editor, line by line: what changed and why, and what needs a person's judgement."""
    index = LineIndex(outcome.original.text)
    yield f"# Review: {_md(path)}\n\n"
    yield (
        f"Corrected edition: `{output}`. {len(outcome.changes)} changes were made; {len(outcome.flags)} places are "
        "flagged for you to judge (flags change nothing).\n"
    )
    if outcome.changes:
        yield "\n## Changes by rule\n\n| Rule | Changes | Reason |\n| --- | ---: | --- |\n"
        reasons: dict[str, str] = {}
        for change in outcome.changes:
            reasons.setdefault(
                change.rule, "; then ".join(s.reason.removesuffix(INSIDE_QUOTATION) for s in change.steps)
            )
        for rule, count in Counter(change.rule for change in outcome.changes).most_common():
            yield f"| {_md(rule)} | {count} | {_md(reasons[rule])} |\n"
        yield "\n## Changes\n\n| Line:col | Before | After | Rule | In context | Review |\n| --- | --- | --- | --- | --- | --- |\n"
        for number, change in enumerate(outcome.changes):
            f = _change_finding(outcome, index, change)
            review = "accepted" if number in outcome.accepted else ""
            where = _md(_in_context(outcome, change))
            yield f"| {f.line}:{f.column} | {_md_text(f.text)} | {_md_text(f.replacement or '')} | {_md(f.rule)} | {where} | {review} |\n"
    if outcome.flags:
        yield "\n## Flags\n\n| Line:col | Text | Rule | Message | Suggestions |\n| --- | --- | --- | --- | --- |\n"
        for f in (_flag_finding(outcome, index, flag) for flag in outcome.flags):
            suggestions = ", ".join(_md_text(s) for s in f.suggestions)
            yield f"| {f.line}:{f.column} | {_md_text(f.text)} | {_md(f.rule)} | {_md(f.message)} | {suggestions} |\n"
    for title, decisions in (
        ("Rejected by the editor (not applied)", outcome.rejected),
        ("Stale decisions", outcome.stale),
    ):
        if decisions:
            yield f"\n## {title}\n\n"
            for d in decisions:
                yield f"- {_md(d.rule)}: {_md_text(d.before)} → {_md_text(d.after)} ({_md(str(d.where))})\n"


def _in_context(outcome: Outcome, change: Change, width: int = 30) -> str:
    """The change with a little original text on each side, on one line: `…the [Daash → ISIS] cells…`."""
    text = outcome.original.text
    before = text[max(0, change.start - width) : change.start]
    after = text[change.end : change.end + width]
    new = outcome.corrected[change.new_start : change.new_end]
    shown = f"{'…' if change.start > width else ''}{before}[{text[change.start : change.end]} → {new}]{after}"
    return shown + ("…" if change.end + width < len(text) else "")


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return one_line(text, limit=300).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


def _md_text(text: str) -> str:
    """A piece of the article as a code span (so quote marks and spaces show), empty as (nothing)."""
    if not text:
        return "(nothing)"
    if not text.strip():
        return "(a space)" if text == " " else f"({len(text)} blank characters)"
    shown = one_line(text, limit=300).replace("|", "\\|")
    fence = "``" if "`" in shown else "`"
    padding = " " if fence == "``" or shown.startswith(" ") or shown.endswith(" ") else ""
    return f"{fence}{padding}{shown}{padding}{fence}"


def one_line(text: str, limit: int = 60) -> str:
    """Line breaks shown as ⏎ and a long text cut in the middle, so each finding stays on one line."""
    text = text.replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎")
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    return text[:half] + "…" + text[-half:]


def change_texts(outcome: Outcome, change: Change) -> tuple[str, str]:
    """The original text a change replaces and what the corrected edition has instead."""
    return (
        outcome.original.text[change.start : change.end],
        outcome.corrected[change.new_start : change.new_end],
    )
