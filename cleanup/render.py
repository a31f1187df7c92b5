"""Present outcomes: word-level diffs in the terminal, check lines, and the JSON change log."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

import regex
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .diff import Piece
from .model import Change, LineIndex, Outcome

CONTEXT_WORDS = 4
_WORD = regex.compile(r"\S+")
_BREAK = regex.compile(r"\r\n|\r|\n")
CHANGES_SCHEMA_VERSION = 1


def diff_rows(pieces: Sequence[Piece], context: int = CONTEXT_WORDS) -> Iterator[tuple[int, list[Piece]]]:
    """(original line number, pieces of that line) for every line holding a change."""
    line, row = 1, []
    for piece in pieces:
        if piece.changed:
            row.append(piece)
            line_breaks = len(_BREAK.findall(piece.before))
            line += line_breaks
            continue
        fragments = _BREAK.split(piece.before)
        for index, fragment in enumerate(fragments):
            if fragment:
                row.append(Piece(fragment, fragment))
            if index < len(fragments) - 1:
                if any(p.changed for p in row):
                    yield line - _breaks_in(row), _trim(row, context)
                row = []
                line += 1
    if any(p.changed for p in row):
        yield line - _breaks_in(row), _trim(row, context)


def _breaks_in(row: Sequence[Piece]) -> int:
    return sum(len(_BREAK.findall(p.before)) for p in row if p.changed)


def _trim(row: list[Piece], context: int) -> list[Piece]:
    """Shorten unchanged stretches to a few words each side of a change, marking cuts with …."""
    trimmed = []
    for index, piece in enumerate(row):
        if piece.changed:
            trimmed.append(piece)
            continue
        text = _shorten(piece.before, context if index > 0 else 0, context if index < len(row) - 1 else 0)
        trimmed.append(Piece(text, text))
    return trimmed


def _shorten(text: str, head: int, tail: int) -> str:
    """Keep `head` words at the start and `tail` words at the end of `text`, with … where cut."""
    words = list(_WORD.finditer(text))
    if len(words) <= head + tail:
        return text
    kept_head = text[: words[head - 1].end()] + " …" if head else "…"
    kept_tail = " " + text[words[-tail].start() :] if tail else ""
    return kept_head + kept_tail


def styled_row(pieces: Sequence[Piece], plain: bool) -> Text:
    """A rich Text of one row: deletions red and struck through, insertions green.

    In plain mode (no colour) deletions are written [-like this-] and insertions {+like this+}.
    """
    text = Text()
    for piece in pieces:
        if not piece.changed:
            text.append(piece.before)
            continue
        if piece.before:
            text.append(f"[-{piece.before}-]" if plain else piece.before, style="red strike")
        if piece.after:
            text.append(f"{{+{piece.after}+}}" if plain else piece.after, style="green")
    return text


def print_word_diff(console: Console, title: str, pieces: Sequence[Piece]) -> None:
    """Print every changed line of a document with line numbers and a little context."""
    plain = console.no_color or console.color_system is None
    console.print(Text(title, style="bold"))
    for line, row in diff_rows(pieces):
        console.print(Text(f"{line:>5} ", style="dim") + styled_row(row, plain), soft_wrap=True)


def summary_table(outcomes: Sequence[Outcome]) -> Table:
    """Changes per rule over all outcomes, with each rule's reason."""
    counts: Counter[str] = Counter()
    reasons: dict[str, str] = {}
    for outcome in outcomes:
        for change in outcome.changes:
            counts[change.rule] += 1
            reasons.setdefault(change.rule, change.reason)
    table = Table(title="Changes by rule", show_lines=False)
    table.add_column("Rule")
    table.add_column("Changes", justify="right")
    table.add_column("Reason")
    for rule, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        table.add_row(rule, str(count), reasons[rule])
    table.add_row("total", str(sum(counts.values())), f"{sum(o.changed for o in outcomes)} of {len(outcomes)} files changed")
    return table


def check_lines(path: str, outcome: Outcome) -> Iterator[str]:
    """`file:line:col: ID message` for every change `fix` would make."""
    index = LineIndex(outcome.original.text)
    for change in outcome.changes:
        line, column = index.position(change.start)
        before, after = _change_texts(outcome, change)
        yield f"{path}:{line}:{column}: {change.rule} “{before}” → “{after}”: {change.reason}"


def changes_record(path: str, output: str, outcome: Outcome) -> dict:
    """The JSON change log of one document (schema documented in README)."""
    index = LineIndex(outcome.original.text)
    changes = []
    for change in outcome.changes:
        line, column = index.position(change.start)
        end_line, end_column = index.position(change.end)
        before, after = _change_texts(outcome, change)
        changes.append(
            {
                "line": line,
                "column": column,
                "end_line": end_line,
                "end_column": end_column,
                "start": change.start,
                "end": change.end,
                "before": before,
                "after": after,
                "rule": change.rule,
                "reason": change.reason,
                "steps": [{"rule": s.rule, "reason": s.reason, "safety": s.safety.value} for s in change.steps],
            }
        )
    return {
        "schema_version": CHANGES_SCHEMA_VERSION,
        "input": path,
        "output": output,
        "encoding": outcome.original.encoding,
        "bom": outcome.original.bom,
        "changes": changes,
        "summary": dict(Counter(c["rule"] for c in changes)),
    }


def _change_texts(outcome: Outcome, change: Change) -> tuple[str, str]:
    return (
        outcome.original.text[change.start : change.end],
        outcome.corrected[change.new_start : change.new_end],
    )
