"""Terminal output: word-level diffs, flags, summary and rule tables (rich)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import regex
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..glossary.reading import arabic_article
from ..glossary.terms import Term
from ..model import Flag, LineIndex, Outcome
from ..rules.base import Rule
from .controls import visible
from .diff import Piece
from .findings import one_line
from .tally import Tally

CONTEXT_WORDS = 4
_WORD = regex.compile(r"\S+")
_BREAK = regex.compile(r"\r\n|\r|\n")


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


DELETED = "bold bright_red strike"
INSERTED = "bold bright_green"
LINE_BREAK = "¶"  # a line break a change removes or adds, made visible


def styled_row(pieces: Sequence[Piece], plain: bool) -> Text:
    """A rich Text of one row: deletions bright red and struck through, insertions bright green,
    the brightest things on the screen; a line break they remove or add is shown as ¶.

    In plain mode (no colour) deletions are written [-like this-] and insertions {+like this+}.
    """
    text = Text()
    for piece in pieces:
        before, after = visible(piece.before), visible(piece.after)
        if not piece.changed:
            text.append(before)
            continue
        if before:
            before = _BREAK.sub(LINE_BREAK, before)
            text.append(f"[-{before}-]" if plain else before, style=DELETED)
        if after:
            after = _BREAK.sub(LINE_BREAK + "\n", after)
            text.append(f"{{+{after}+}}" if plain else after, style=INSERTED)
    return text


def print_word_diff(console: Console, title: str, pieces: Sequence[Piece]) -> None:
    """Print every changed line of a document with line numbers and a little context; a change
    that adds lines continues under the same text column."""
    plain = console.no_color or console.color_system is None
    console.print(Text(visible(title), style="bold"))
    for line, row in diff_rows(pieces):
        for index, part in enumerate(styled_row(row, plain).split("\n", allow_blank=True)):
            gutter = f"{line:>5} " if index == 0 else " " * 6
            console.print(Text(gutter, style="dim") + part, soft_wrap=True)


def print_flags(console: Console, path: str, outcome: Outcome) -> None:
    """Print the flags of one document for an editor to judge."""
    if not outcome.flags:
        return
    console.print(Text(visible(f"{path}: {len(outcome.flags)} flags for an editor"), style="bold"))
    index = LineIndex(outcome.original.text)
    for flag in outcome.flags:
        line, column = index.position(flag.start)
        message = Text(visible(" " + flag.message + _suggestions(flag)))
        console.print(
            Text(f"{line:>5}:{column:<4} ", style="dim") + Text(flag.rule, style="yellow") + message, soft_wrap=True
        )


def _suggestions(flag: Flag) -> str:
    return " → " + " | ".join(f"“{s}”" for s in flag.suggestions) if flag.suggestions else ""


def summary_tables(tally: Tally) -> list[Table]:
    """The summary printed at the end of a run: changes and flags by rule, and the files that failed."""
    tables = [_rule_table(tally)] if tally.files else []
    if tally.failures:
        failed = Table(title="Files that failed")
        failed.add_column("File")
        failed.add_column("Why")
        for path, why in tally.failures:
            failed.add_row(visible(path), visible(why.removeprefix(f"{path}:").strip()))
        tables.append(failed)
    return tables


def _rule_table(tally: Tally) -> Table:
    table = Table(title="Changes and flags by rule")
    table.add_column("Rule")
    table.add_column("Changes", justify="right")
    table.add_column("Flags", justify="right")
    if tally.rejected:
        table.add_column("Rejected", justify="right")
    table.add_column("Reason")
    for rule in sorted(tally.reasons, key=lambda r: (-tally.changes[r], -tally.flags[r], -tally.rejected[r], r)):
        table.add_row(rule, *_counts(tally, rule), tally.reasons[rule])
    summary = f"{tally.changed} of {tally.files} files changed"
    if tally.rejected:
        total = tally.rejected.total()
        summary += f"; {total} {'change' if total == 1 else 'changes'} rejected in review, left as written"
    totals = [str(tally.total_changes), str(tally.flags.total())] + (
        [str(tally.rejected.total())] if tally.rejected else []
    )
    table.add_row("total", *totals, summary)
    return table


def _counts(tally: Tally, rule: str) -> list[str]:
    counts = [tally.changes[rule], tally.flags[rule]] + ([tally.rejected[rule]] if tally.rejected else [])
    return [str(n) for n in counts]


def rules_table(rules: Sequence[Rule]) -> Table:
    """Every rule with its id, safety, where it is defined and its reason."""
    table = Table(title="Rules")
    for column in ("Id", "Safety", "Defined in", "Reason"):
        table.add_column(column)
    for rule in rules:
        table.add_row(rule.id, rule.safety.value, rule.defined_in, rule.reason)
    return table


def suggested_when(term: Term) -> str:
    """When a match of the entry is only suggested (made with --unsafe-fixes or an editor's accept)."""
    doubts = ["inside a quoted phrase the sentence talks about or a work's title"]
    if not term.any_case and any(char.isupper() for char in term.preferred):
        doubts.insert(0, "written in lower case (maybe a common word)")
    article = arabic_article(term.preferred)
    if article:
        doubts.append(f"after an English “the” where the variant has no {article}-")
    if term.person:
        doubts.append(f"after another given name, or in a text that does not name {term.person}")
    if term.sense_words:
        doubts.append("no sense word in the paragraph")
    if term.other_sense_words:
        doubts.append("a word of another sense in the sentence")
    return "safe where the match is a plain use; only a suggestion when " + "; ".join(doubts)


def print_glossary_entry(console: Console, term: Term) -> None:
    """A glossary entry explained as the rule it is: preferred form, variants, limits, note, examples."""
    if term.variants:
        console.print(
            Text(f"{term.rule} (safe, or a suggestion): glossary entry: use “{term.preferred}”", style="bold")
        )
    else:
        console.print(
            Text(f"{term.rule}: glossary name: “{term.preferred}” is never flagged as a misspelling", style="bold")
        )
    console.print(f"defined in: {term.where or 'the glossary'}")
    fields = [
        ("preferred", term.preferred),
        ("variants", ", ".join(f"“{v}”" for v in term.variants)),
        (
            "unless",
            ", ".join(f"“{u}”" for u in term.unless) + (" (the variant is left alone there)" if term.unless else ""),
        ),
        (
            "sense",
            "name: a variant changes only where it is used as a personal name" if term.sense == "name" else term.sense,
        ),
        (
            "person",
            f"{term.person}: a lone “{term.preferred}” is him or her only in a text that names them"
            if term.person
            else "",
        ),
        ("sense words", ", ".join(term.sense_words) + " (one must be in the paragraph)" if term.sense_words else ""),
        (
            "other senses",
            ", ".join(term.other_sense_words) + " (one in the sentence: only a suggestion)"
            if term.other_sense_words
            else "",
        ),
        ("case", "any: lower case is no evidence" if term.any_case else ""),
        ("article", f"“{term.article}” before it" if term.article else ""),
        ("source", ", ".join(f"“{form}”" for form in term.source)),
        ("also", ", ".join(f"“{word}”" for word in term.also) + (" (also render the source)" if term.also else "")),
        ("note", term.note),
    ]
    for label, value in fields:
        if value:
            console.print(Text(f"  {label + ':':<13} {value}"))
    if term.variants:
        console.print(
            Text(
                f"  {'matching:':<13} whole words, any apostrophe, case ignored (unless a variant differs "
                "only in case); possessive and plural endings kept; inside English compounds (anti-…); "
                "mentions (the word “…”) left alone: README, How variants match"
            )
        )
        console.print(Text(f"  {'fix safety:':<13} {suggested_when(term)}"))
    for example in term.examples:
        before = Text(one_line(example.before, limit=200))
        if example.after == example.before:
            console.print(Text(f"  {'leaves alone:':<13} “") + before + Text("”"))
        else:
            after = Text(one_line(example.after, limit=200), style="green")
            console.print(Text(f"  {'fixes:':<13} “") + before + Text("” → “") + after + Text("”"))
