"""Quotation-mark rules: marks turned the wrong way, spacing inside quotations, unclosed quotations (QU)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Safety
from ..quotes import walk
from .base import Context, Finding, Rule, finds, fixes, ignores, keeps


@dataclass(frozen=True)
class _Events:
    """A quote rule's finding function: the walk's events of some kinds, as edits or flags."""

    kinds: tuple[str, ...]

    def __call__(self, rule: Rule, text: str, context: Context) -> Iterator[Finding]:
        for event in walk(text, context.markdown):
            if event.kind not in self.kinds:
                continue
            if rule.safety is Safety.FLAG:
                unclosed = event.kind == "unclosed"
                message = "quotation opened here is not closed" if unclosed else "closing quote with no opening one"
                yield rule.flag(event.start, event.end, message)
            else:
                yield rule.edit(event.start, event.end, event.replacement)


def _events(kind: str) -> _Events:
    return _Events(tuple(kind.split("|")))


QU001 = Rule(
    "QU001",
    "quote marks turned the right way",
    Safety.SAFE,
    _events("flip"),
    (
        fixes("(airdrops),” and ” Iraqi forces", "(airdrops),” and “ Iraqi forces"),
        fixes("he said “yes“ and left", "he said “yes” and left"),
        keeps("he said “yes” and left"),
    ),
    doc="curly double quotes turned the right way: `and ” Iraqi` → `and “Iraqi`, and `“yes“` → `“yes”`",
    why="Curly quotes turned the wrong way come from editors that guess the direction; the spaces around tell it.",
)
QU002 = Rule(
    "QU002",
    "no space just inside quotation marks",
    Safety.SAFE,
    _events("inner-space"),
    (fixes("he said “ yes ” and left", "he said “yes” and left"), keeps("a “b” c")),
    doc="no space just inside quotation marks (`“ yes ”` → `“yes”`)",
    why="English sets quotation marks against the words they enclose.",
)
QU003 = Rule(
    "QU003",
    "quotation marks do not pair up in this paragraph",
    Safety.FLAG,
    _events("unclosed|unopened"),
    (
        finds("and he noted ,” but its cells"),
        finds("“The danger lies in the fact"),
        ignores("He said: “The first part.\n\n“The second part.”"),
    ),
    doc="quotation marks that do not pair up in a paragraph (a quotation running over several paragraphs, each reopened with `“`, is fine)",
    why="An unpaired quotation mark hides where a quotation ends; only a person can place it.",
)

RULES: tuple[Rule, ...] = (QU001, QU002, QU003)
