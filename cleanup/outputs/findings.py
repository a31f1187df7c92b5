"""Findings: a change or flag of an outcome with its line and column, and the text helpers reports share."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..model import Change, Flag, LineIndex, Outcome, Severity

SCHEMA_VERSION = 1


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
    source: SourceSpan | None = None  # for a check against the source: where in the source


@dataclass(frozen=True)
class SourceSpan:
    """The part of the Arabic source a flag refers to, with its line and column in the source file."""

    start: int
    end: int
    line: int
    column: int
    text: str


def change_finding(outcome: Outcome, index: LineIndex, change: Change) -> Finding:
    before, after = change_texts(outcome, change)
    message = f"“{one_line(before)}” → “{one_line(after)}”: {change.reason}"
    return Finding(*_position(index, change.start, change.end), change.rule, message, Severity.ERROR, before, after)


def flag_finding(outcome: Outcome, index: LineIndex, flag: Flag) -> Finding:
    text = outcome.original.text[flag.start : flag.end]
    position = _position(index, flag.start, flag.end)
    source = _source_span(outcome, flag)
    return Finding(
        *position, flag.rule, flag.message, flag.severity, text, None, flag.suggestions, flag.category, source
    )


def _source_span(outcome: Outcome, flag: Flag) -> SourceSpan | None:
    if outcome.source is None or flag.source_start < 0:
        return None
    source = outcome.source.text
    line, column = _lines_of(source).position(flag.source_start)
    return SourceSpan(flag.source_start, flag.source_end, line, column, source[flag.source_start : flag.source_end])


@functools.lru_cache(maxsize=1)
def _lines_of(source: str) -> LineIndex:
    """The source's line index, built once for all the flags of an outcome (not once a flag)."""
    return LineIndex(source)


def source_note(finding: Finding) -> str:
    """` [source 3:30 “٦٠٠”]` for a flag that refers to the source (empty otherwise)."""
    span = finding.source
    return f" [source {span.line}:{span.column} “{one_line(span.text)}”]" if span else ""


def source_record(finding: Finding) -> dict:
    """A flag's source span for the JSON outputs (empty when it has none)."""
    span = finding.source
    if span is None:
        return {}
    return {
        "source": {"start": span.start, "end": span.end, "line": span.line, "column": span.column, "text": span.text}
    }


def _position(index: LineIndex, start: int, end: int) -> tuple[int, int, int, int, int, int]:
    return (start, end, *index.position(start), *index.position(end))


def span_record(finding: Finding) -> dict:
    return {
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "start": finding.start,
        "end": finding.end,
    }


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


def findings(outcome: Outcome) -> list[Finding]:
    """Every change and flag of one outcome, in text order (a change before a flag at the same place)."""
    index = LineIndex(outcome.original.text)
    found = [(c.start, 0, change_finding(outcome, index, c)) for c in outcome.changes]
    found += [(f.start, 1, flag_finding(outcome, index, f)) for f in outcome.flags]
    return [finding for _, _, finding in sorted(found, key=lambda item: item[:2])]


def fails(outcome: Outcome, fail_on: str) -> bool:
    """Whether `check` should exit 1 for this outcome: "error" on pending changes, "warning" also on
    warnings, "never" not."""
    if fail_on == "never":
        return False
    if outcome.changes:
        return True
    return fail_on == "warning" and any(f.severity is Severity.WARNING for f in outcome.flags)
