"""The records `fix` writes beside the edition: the change log (JSON) and the review report (Markdown)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..model import Change, Decision, LineIndex, Outcome
from .findings import (
    SCHEMA_VERSION,
    Finding,
    change_finding,
    change_texts,
    flag_finding,
    one_line,
    source_note,
    source_record,
    span_record,
)
from .jsonstream import json_pieces


def change_log(path: str, output: str, outcome: Outcome) -> Iterator[str]:
    """The JSON change log of one document (schema documented in README), in pieces."""
    index = LineIndex(outcome.original.text)
    record = {
        "schema_version": SCHEMA_VERSION,
        "input": path,
        "output": output,
        "encoding": outcome.original.encoding,
        "bom": outcome.original.bom,
        "dialect": outcome.dialect,
        "changes": (_change_record(outcome, index, number, change) for number, change in enumerate(outcome.changes)),
        "flags": (_flag_record(flag_finding(outcome, index, flag)) for flag in outcome.flags),
        "rejected": [_decision_record(d) for d in outcome.rejected],
        "stale": [_decision_record(d) for d in outcome.stale],
        "summary": dict(Counter(change.rule for change in outcome.changes)),
    }
    yield from json_pieces(record, indent=2)
    yield "\n"


def _change_record(outcome: Outcome, index: LineIndex, number: int, change: Change) -> dict:
    before, after = change_texts(outcome, change)
    steps = [{"rule": s.rule, "reason": s.note, "safety": s.safety.value} for s in change.steps]
    span = span_record(change_finding(outcome, index, change))
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
        **span_record(f),
        "text": f.text,
        "rule": f.rule,
        "category": f.category,
        "severity": f.severity.value,
        "message": f.message,
        "suggestions": list(f.suggestions),
        **source_record(f),
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
            reasons.setdefault(change.rule, "; then ".join(s.reason for s in change.steps))
        for rule, count in Counter(change.rule for change in outcome.changes).most_common():
            yield f"| {_md(rule)} | {count} | {_md(reasons[rule])} |\n"
        yield "\n## Changes\n\n| Line:col | Before | After | Rule | In context | Review |\n| --- | --- | --- | --- | --- | --- |\n"
        for number, change in enumerate(outcome.changes):
            f = change_finding(outcome, index, change)
            review = "accepted" if number in outcome.accepted else ""
            where = _md(_in_context(outcome, change))
            yield f"| {f.line}:{f.column} | {_md_text(f.text)} | {_md_text(f.replacement or '')} | {_md(f.rule)} | {where} | {review} |\n"
    if outcome.flags:
        yield "\n## Flags\n\n| Line:col | Text | Rule | Message | Suggestions |\n| --- | --- | --- | --- | --- |\n"
        for f in (flag_finding(outcome, index, flag) for flag in outcome.flags):
            suggestions = ", ".join(_md_text(s) for s in f.suggestions)
            message = _md(f.message + source_note(f))
            yield f"| {f.line}:{f.column} | {_md_text(f.text)} | {_md(f.rule)} | {message} | {suggestions} |\n"
    if outcome.source is not None:
        yield from _alignment_section(outcome, outcome.source.text)
    for title, decisions in (
        ("Rejected by the editor (not applied)", outcome.rejected),
        ("Stale decisions", outcome.stale),
    ):
        if decisions:
            yield f"\n## {title}\n\n"
            for d in decisions:
                yield f"- {_md(d.rule)}: {_md_text(d.before)} → {_md_text(d.after)} ({_md(str(d.where))})\n"


def _alignment_section(outcome: Outcome, source: str) -> Iterator[str]:
    """How the English paragraphs were paired with the source's (as the SRC checks paired them): line
    numbers and the start of each."""
    english = outcome.original.text
    lines, source_lines = LineIndex(english), LineIndex(source)
    yield "\n## Source beside the English\n\n| Line | English | Source line | Source |\n| --- | --- | --- | --- |\n"
    for pair in outcome.alignment:
        numbers = ", ".join(str(lines.position(p.start)[0]) for p in pair.target) or "—"
        source_numbers = ", ".join(str(source_lines.position(p.start)[0]) for p in pair.source) or "—"
        shown, source_shown = pair.texts(source, english)
        shown, source_shown = shown or "(no translation)", source_shown or "(no source)"
        yield f"| {numbers} | {_md(one_line(shown, 80))} | {source_numbers} | {_md(one_line(source_shown, 80))} |\n"


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
