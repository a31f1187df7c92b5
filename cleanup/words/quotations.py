"""Curly double quotes as a paragraph walks them (opened, closed, turned, spaced), and where quotations are."""

from __future__ import annotations

from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass

import regex

from ..lazyregex import lazy_compile
from .paragraphs import adjacent_lines, paragraphs

OPEN, CLOSE = "“", "”"
CURLY_QUOTE = regex.compile(r"[“”]")
_WORD_AFTER = regex.compile(r"[ \t]*(?=[\p{L}\p{N}(])")
_SPACES = regex.compile(r"[ \t]+")


@dataclass(frozen=True)
class QuoteEvent:
    """What the paragraph walk decided about one quote mark or quotation."""

    kind: str  # "flip", "inner-space", "unclosed", "unopened", "unsure-opening", "quotation"
    start: int
    end: int
    replacement: str = ""


def walk(text: str, markdown: bool) -> Iterator[QuoteEvent]:
    """Walk the curly double quotes of each paragraph, keeping track of whether a quotation is open.

    A quotation left open at the end of a paragraph is fine when the next paragraph opens again (the
    convention for a quotation running over several paragraphs), or, in text of one line per sentence,
    when a following line closes it before any blank line or other quote mark.
    """
    if OPEN not in text and CLOSE not in text:
        return  # no curly double quote: nothing to walk (each paragraph would be read for none)
    spans = paragraphs(text, markdown)
    carried_to = -1  # the last paragraph a quotation open at the end of an earlier line runs into
    dangling = False  # whether the paragraph before left a quotation unclosed
    for index, (start, end) in enumerate(spans):
        opened = yield from _walk_paragraph(text, start, end, index <= carried_to, dangling)
        dangling = False
        if opened is None:
            continue
        yield QuoteEvent("quotation", opened, end)
        if index < carried_to or _reopens(text, spans, index):
            continue
        carried_to = _closing_line(text, spans, index)
        if carried_to < 0:
            yield QuoteEvent("unclosed", opened, opened + 1)
            dangling = True


def _reopens(text: str, spans: Sequence[tuple[int, int]], index: int) -> bool:
    """Whether the paragraph after `index` starts with an opening quote mark."""
    if index + 1 == len(spans):
        return False
    start, end = spans[index + 1]
    return text[start:end].lstrip().startswith(OPEN)


def _closing_line(text: str, spans: Sequence[tuple[int, int]], index: int) -> int:
    """The line after `index`, with no blank line between, whose first quote mark is a closing one and comes
    before any other mark; -1 if none."""
    for later in range(index + 1, len(spans)):
        if not adjacent_lines(text, spans[later - 1][1], spans[later][0]):
            return -1
        mark = CURLY_QUOTE.search(text, *spans[later])
        if mark is not None:
            return later if mark.group() == CLOSE else -1
    return -1


def _role(text: str, at: int, is_open: bool, start: int, end: int) -> str:
    """What the mark at `at` does, given whether a quotation is open before it in its paragraph."""
    before = text[at - 1] if at > start else " "
    if text[at] == OPEN:
        if not is_open:
            return "opens"
        return "turned-closes" if not before.isspace() and not text[at + 1 : at + 2].isalnum() else "reopens"
    if is_open:
        return "closes"
    word_after = _WORD_AFTER.match(text, at + 1, end) is not None
    if word_after and before.isspace():
        return "turned-opens"  # and ” Iraqi
    return "may-open" if word_after and before == "," else "unopened"  # noted ,” the problem ... funding ,” he said


_ERRORS = frozenset(("reopens", "unopened"))
_LEAVE_OPEN = frozenset(("opens", "reopens", "turned-opens", "may-open"))


def _pairs_after(text: str, marks: list[int], start: int, end: int) -> list[bool]:
    """For each mark, whether a quotation it opened would be closed by the next mark, a plain closing one,
    with every later mark of the paragraph pairing up: then the pairing is beyond doubt."""
    ok_from = {False: True, True: False}  # past the last mark: fine when no quotation is left open
    pairs = [False] * len(marks)
    for index in range(len(marks) - 1, -1, -1):
        following = index + 1 < len(marks) and _closes_plainly(text, marks[index + 1], start, end)
        pairs[index] = following and ok_from[True]
        roles = {state: _role(text, marks[index], state, start, end) for state in (False, True)}
        ok_from = {state: _rest_ok(role, pairs[index], ok_from) for state, role in roles.items()}
    return pairs


def _rest_ok(role: str, pairs: bool, ok_from: dict[bool, bool]) -> bool:
    """Whether a mark in `role` and those after it pair up, given whether those after it do from each state."""
    if role == "may-open":
        return pairs
    return role not in _ERRORS and ok_from[role in _LEAVE_OPEN]


def _closes_plainly(text: str, at: int, start: int, end: int) -> bool:
    """Whether the mark is a ” that does not look like an opening one (a space before it, a word after)."""
    return text[at] == CLOSE and _role(text, at, False, start, end) != "turned-opens"


def _walk_paragraph(
    text: str, start: int, end: int, carried: bool, dangling: bool
) -> Generator[QuoteEvent, None, int | None]:
    """The events of one paragraph; returns where a quotation left open at its end opened (its start when
    the quotation was `carried` in from the line before). After a paragraph that left one unclosed
    (`dangling`), the first mark may close it: it is no sure opening."""
    marks = [match.start() for match in CURLY_QUOTE.finditer(text, start, end)]
    opened = start if carried else None
    pairs: list[bool] | None = None
    for index, at in enumerate(marks):
        quotation_start = start if opened is None else opened
        role = _role(text, at, opened is not None, start, end)
        if role == "may-open":
            pairs = _pairs_after(text, marks, start, end) if pairs is None else pairs
            role = "turned-opens" if pairs[index] and not (dangling and index == 0) else "unsure-opening"
        if role == "opens":
            opened = at
            yield from _space_after_opening(text, at, end)
        elif role == "turned-closes":
            yield QuoteEvent("flip", at, at + 1, CLOSE)  # “ used as a closing mark
            yield QuoteEvent("quotation", quotation_start, at + 1)
            opened = None
        elif role == "reopens":
            yield QuoteEvent("unclosed", quotation_start, quotation_start + 1)
            opened = at
        elif role == "closes":
            yield from _space_before_closing(text, at, start)
            yield QuoteEvent("quotation", quotation_start, at + 1)
            opened = None
        elif role == "turned-opens":
            space = " " if text[at - 1] == "," else ""  # noted,” the problem → noted, “the problem
            yield QuoteEvent("flip", at, at + 1, space + OPEN)
            yield from _space_after_opening(text, at, end)
            opened = at
        else:
            yield QuoteEvent(role, at, at + 1)  # "unopened" or "unsure-opening"
    return opened


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


_STRAIGHT_QUOTE = lazy_compile(r'"')


def paired_straight_quotes(text: str) -> Iterator[tuple[int, int]]:
    """Straight double quotes that pair up within their run of adjacent lines (a quotation running over
    lines of one sentence each, which a checker linting line by line takes for unclosed): each mark that
    opens (a word after it, none before) is paired with the next mark that does not open."""
    for start, end in paragraphs(text, markdown=True):
        opened: int | None = None
        for match in _STRAIGHT_QUOTE.finditer(text, start, end):
            at = match.start()
            if _opens_quotation(text, at, start, end) and opened is None:
                opened = at
            elif opened is not None:
                yield opened, opened + 1
                yield at, at + 1
                opened = None


def _opens_quotation(text: str, at: int, start: int, end: int) -> bool:
    before = text[at - 1] if at > start else " "
    after = text[at + 1] if at + 1 < end else " "
    return not (before.isalnum() or before in ".,;:!?") and not after.isspace()
