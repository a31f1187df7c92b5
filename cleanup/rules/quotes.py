"""Quotation-mark rules: marks turned the wrong way, spacing inside quotations, unclosed quotations (QU)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Safety
from ..words.quotations import QuoteEvent, walk
from .base import Context, Finding, Rule, finds, fixes, ignores, keeps


@dataclass(frozen=True)
class _Events:
    """A quote rule's finding function: the walk's events of some kinds, as edits or flags."""

    kinds: tuple[str, ...]

    def __call__(self, rule: Rule, text: str, context: Context) -> Iterator[Finding]:
        for event in _walked(text, context.markdown):
            if event.kind not in self.kinds:
                continue
            if rule.safety is Safety.FLAG:
                yield rule.flag(event.start, event.end, _MESSAGES[event.kind])
            else:
                yield rule.edit(event.start, event.end, event.replacement)


@functools.lru_cache(maxsize=1)
def _walked(text: str, markdown: bool) -> tuple[QuoteEvent, ...]:
    """The walk's events about quote marks (not the quotations, which no rule here reports); the three rules
    ask for the same text in turn (each pass's, then the result's): it is walked once."""
    return tuple(event for event in walk(text, markdown) if event.kind != "quotation")


_MESSAGES = {
    "unclosed": "quotation opened here is not closed",
    "unopened": "closing quote with no opening one",
    "unsure-opening": "a ” after a comma that may open a quotation, but no closing mark surely pairs with it",
}


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
        fixes(
            "the official noted,”the problem is funding,” he said",
            "the official noted, “the problem is funding,” he said",
        ),
        fixes("he added,”we will win.” Then,”we won,” he said", "he added, “we will win.” Then, “we won,” he said"),
        keeps("and he noted,” but its cells are hiding"),
        keeps("He said: “We will fight.\n\nThe cells are in the desert,” he added, and the raids,” go on."),
        fixes("to the end,” he added,”and we won,” he said", "to the end,” he added, “and we won,” he said"),
    ),
    doc="curly double quotes turned the right way: `and ” Iraqi` → `and “Iraqi`, `“yes“` → `“yes”`, and a `”` after a comma that opens a quotation the next mark, a closing one, surely closes (`noted,”the problem is funding,” he said` → `noted, “the problem is funding,” he said`); where the pairing is in doubt (`noted,” but its cells` with no closing mark, or marks left over) it is left for QU003",
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
    _events("unclosed|unopened|unsure-opening"),
    (
        finds("and he noted ,” but its cells"),
        finds("“The danger lies in the fact"),
        finds("He said: “The first part.\n\n“The second part."),
        finds("He said: “The first part.\nThe second part.\n\nThe end.”"),
        finds("to the end,” he added,” and we won,” he said"),
        ignores("He said: “The first part.\n\n“The second part.”"),
        ignores("He said: “The first sentence.\nThe second sentence.\nThe third,” he added."),
        ignores("the official noted ,” the problem is the funding ,” he said"),
    ),
    doc="quotation marks that do not pair up in a paragraph; a quotation running over several paragraphs, each reopened with `“`, is fine, as is one that runs over lines of one sentence each (no blank line between) and closes; a quotation never closed is flagged where it opens, and so is a `”` after a comma that may open a quotation no later mark surely closes (`and he noted ,” but its cells`), which QU001 leaves as it is",
    why="An unpaired quotation mark hides where a quotation ends; only a person can place it.",
)

RULES: tuple[Rule, ...] = (QU001, QU002, QU003)
