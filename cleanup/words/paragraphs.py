"""What a paragraph is: a run of non-blank lines in Markdown and in hard-wrapped plain text, else one line."""

from __future__ import annotations

import functools
import re

import regex

from ..lazyregex import lazy_compile

# A line holding a character that is no space. Each match runs to its line's end, so the next starts on a
# line of its own. The standard engine finds them twice as fast as `regex` (its \s also takes \x1c-\x1f,
# which `regex` counts as text).
_NON_BLANK_LINE = re.compile(r"[^\r\n]*(?:\S|[\x1c-\x1f])[^\r\n]*")
_SINGLE_BREAK = regex.compile(r"\r\n|\n|\r")


def adjacent_lines(text: str, end: int, start: int) -> bool:
    """Whether one line ending at `end` and another starting at `start` have a single line break between."""
    return _SINGLE_BREAK.fullmatch(text, end, start) is not None


@functools.lru_cache(maxsize=4)
def paragraphs(text: str, markdown: bool) -> tuple[tuple[int, int], ...]:
    """[start, end) of each paragraph: runs of non-blank lines in Markdown and in hard-wrapped plain text
    (a line filled to the wrap width runs on into the next); every non-blank line in other plain text.
    Kept for the texts last asked about: the quotation walk, the paragraph rules and the checker read the same."""
    return tuple(_paragraphs(text, markdown))


def _paragraphs(text: str, markdown: bool) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in _NON_BLANK_LINE.finditer(text)]
    if markdown:
        return _joined(text, spans, lambda previous, start: True)
    width = wrap_width(text, spans)
    if width is None:
        return spans
    return _joined(text, spans, lambda previous, start: _runs_on(text, previous, start, width))


def _joined(text: str, spans: list[tuple[int, int]], runs_on) -> list[tuple[int, int]]:
    """Adjacent lines joined into one paragraph where `runs_on(previous line, next start)` says so."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and adjacent_lines(text, merged[-1][1], start) and runs_on(merged[-1], start):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


# Hard wrapping: lines broken where the next word would not fit a common width (at most this many characters).
MAX_WRAP_WIDTH = 100
_WRAPPED_SHARE = 0.8  # of the lines followed by another, at least this share broken by the wrapping
_LIST_ITEM = lazy_compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]")
_FIRST_WORD = lazy_compile(r"[ \t]*\S+")
_STOPS = ".!?…:;"
_CLOSERS = "”’\"')]"


def ends_with_stop(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether text[start:end] ends with a stop, closing quotes and brackets after it, spaces too (read from
    its end: a regex anchored at the end would be tried from every character of a long line)."""
    line = text[start:end].rstrip(" \t").rstrip(_CLOSERS)
    return bool(line) and line[-1] in _STOPS


def wrap_width(text: str, spans: list[tuple[int, int]]) -> int | None:
    """The width a plain text is hard-wrapped at, or None if its lines are its paragraphs: most lines
    followed by another end where the next line's first word would not have fitted."""
    lengths = sorted(end - start for start, end in spans)
    if len(lengths) < 4:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    if width > MAX_WRAP_WIDTH:
        return None
    inner = [
        (line, after[0])
        for line, after in zip(spans, spans[1:], strict=False)
        if adjacent_lines(text, line[1], after[0]) and not _LIST_ITEM.match(text, after[0])
    ]
    wrapped = [line for line, next_start in inner if _runs_on(text, line, next_start, width)]
    mid_sentence = [line for line in wrapped if not ends_with_stop(text, *line)]
    if len(inner) < 3 or len(wrapped) < _WRAPPED_SHARE * len(inner) or len(mid_sentence) < len(wrapped) / 2:
        return None  # lines of a sentence each are not wrapped, however even their lengths
    return width


def _runs_on(text: str, line: tuple[int, int], next_start: int, width: int) -> bool:
    """Whether a hard-wrapped line runs on into the next: the next line's first word would not have fitted
    on it, and the next line is no list item."""
    word = _FIRST_WORD.match(text, next_start)
    room = width - (line[1] - line[0]) - 1
    return word is not None and len(word.group().strip()) > room and not _LIST_ITEM.match(text, next_start)
