"""Curly double quotes as a paragraph walks them (opened, closed, turned, spaced), and where quotations are."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from .text import paragraphs

OPEN, CLOSE = "“", "”"
_QUOTE = regex.compile(r"[“”]")
_WORD_AFTER = regex.compile(r"[ \t]*(?=[\p{L}\p{N}(])")
_SPACES = regex.compile(r"[ \t]+")


@dataclass(frozen=True)
class QuoteEvent:
    """What the paragraph walk decided about one quote mark or quotation."""

    kind: str  # "flip", "inner-space", "unclosed", "unopened", "quotation"
    start: int
    end: int
    replacement: str = ""


def walk(text: str, markdown: bool) -> Iterator[QuoteEvent]:
    """Walk the curly double quotes of each paragraph, keeping track of whether a quotation is open.

    A quotation left open at the end of a paragraph is fine when the next paragraph opens again
    (the convention for a quotation running over several paragraphs).
    """
    spans = paragraphs(text, markdown)
    for index, (start, end) in enumerate(spans):
        next_start = spans[index + 1][0] if index + 1 < len(spans) else None
        yield from _walk_paragraph(text, start, end, next_start)


def _walk_paragraph(text: str, start: int, end: int, next_start: int | None) -> Iterator[QuoteEvent]:
    opened: int | None = None
    for match in _QUOTE.finditer(text, start, end):
        at = match.start()
        before = text[at - 1] if at > start else " "
        if match.group() == OPEN and opened is None:
            opened = at
            yield from _space_after_opening(text, at, end)
        elif match.group() == OPEN and opened is not None:
            if not before.isspace() and not text[at + 1 : at + 2].isalnum():
                yield QuoteEvent("flip", at, at + 1, CLOSE)  # “ used as a closing mark
                yield QuoteEvent("quotation", opened, at + 1)
                opened = None
            else:
                yield QuoteEvent("unclosed", opened, opened + 1)
                opened = at
        elif opened is not None:
            yield from _space_before_closing(text, at, start)
            yield QuoteEvent("quotation", opened, at + 1)
            opened = None
        elif before.isspace() and _WORD_AFTER.match(text, at + 1, end):
            yield QuoteEvent("flip", at, at + 1, OPEN)  # ” opening a quotation: and ” Iraqi
            yield from _space_after_opening(text, at, end)
            opened = at
        else:
            yield QuoteEvent("unopened", at, at + 1)
    if opened is not None:
        yield QuoteEvent("quotation", opened, end)
        if next_start is None or text[next_start] != OPEN:
            yield QuoteEvent("unclosed", opened, opened + 1)


def _space_after_opening(text: str, at: int, end: int) -> Iterator[QuoteEvent]:
    spaces = _SPACES.match(text, at + 1, end)
    if spaces and spaces.end() < end:
        yield QuoteEvent("inner-space", spaces.start(), spaces.end())


def _space_before_closing(text: str, at: int, start: int) -> Iterator[QuoteEvent]:
    cut = at
    while cut > start and text[cut - 1] in " \t":
        cut -= 1
    if start < cut < at:
        yield QuoteEvent("inner-space", cut, at)


INSIDE_QUOTATION = "; inside a quotation"  # added to the reason of a glossary change made in a quotation
# A quotation in straight double quotes on one line: opened before a word, closed after one.
_STRAIGHT_QUOTATION = regex.compile(r'(?<![\w"])"(?=[^\s"])[^"\r\n]*(?<=[^\s"])"(?!\w)')


def quotation_spans(text: str, markdown: bool) -> list[tuple[int, int]]:
    """[start, end) of every quotation, quote marks included, sorted and not overlapping: curly ones (an
    unclosed one runs to its paragraph's end) and straight double quotes paired on one line."""
    curly = [(e.start, e.end) for e in walk(text, markdown) if e.kind == "quotation"]
    straight = [m.span() for m in _STRAIGHT_QUOTATION.finditer(text)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(curly + straight):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
