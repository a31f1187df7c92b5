"""What the rules agree a piece of text is: which marks join a word, where a sentence starts, what a paragraph is."""

from __future__ import annotations

import regex

# Every apostrophe form (ʿayn and hamza marks and the backtick too) and every hyphen: they join words.
APOSTROPHES = "'’‘ʼʿʾ`"
HYPHENS = "-‐‑"

_OPENING = r"[“\"‘(\[]?"
# Inside a line: after . ! ? … and a space, or at a table cell's `|`; an opening quote or bracket may come between.
_AFTER_SENTENCE_OR_CELL = regex.compile(rf"(?:[.!?…][”’\")\]]*[ \t]+|\|[ \t]*){_OPENING}\Z")
# A line's Markdown or list markers: `#`, `>`, `-`, `*`, `+`, `1.`, `|`.
_LINE_MARKERS = regex.compile(rf"[ \t]*(?P<markers>(?:(?:[#>*+|-]|\d+[.)])[ \t]+|#+[ \t]*|>[ \t]*)*){_OPENING}")
_QUOTE_MARKERS = regex.compile(r"[ \t]*(?:>[ \t]*)+")
_FINISHED_SENTENCE = regex.compile(r"[.!?…][”’\")\]]*[ \t]*\Z")
# A line after which the next one starts afresh, whatever its end: blank, a heading, a table row, a rule or underline.
_BLOCK_LINE = regex.compile(r"[ \t]*(?:#.*|\|.*|[=\-*_ \t]*)")
_LOOK_BACK = 80
_LONGEST_HEADING = 1000


def sentence_start(text: str, pos: int) -> bool | None:
    """Whether `pos` begins a sentence: True at the text's start, after . ! ? … and a space, in a table
    cell, on a heading, list item or block quote line, or on a line after a blank line or a finished
    sentence; None on a line after one that runs on (hard-wrapped prose, or a title above); else False."""
    low = max(0, pos - _LOOK_BACK)
    line_start = max(text.rfind("\n", low, pos), text.rfind("\r", low, pos)) + 1
    if _AFTER_SENTENCE_OR_CELL.search(text, max(low, line_start), pos):
        return True
    if line_start == 0 and low > 0:
        return False  # the line starts further back than any marker could
    prefix = _LINE_MARKERS.fullmatch(text, line_start, pos)
    if prefix is None:
        return False
    markers = prefix.group("markers")
    if line_start == 0 or markers.strip("> \t"):
        return True
    return _after_finished_line(text, line_start, quoted=">" in markers)


def _after_finished_line(text: str, line_start: int, quoted: bool) -> bool | None:
    """Whether the line before `line_start` leaves the next one to start afresh (None: it may run on).
    In a block quote only the quote's own previous line counts."""
    end = line_start - (2 if line_start >= 2 and text.startswith("\r\n", line_start - 2) else 1)
    if _FINISHED_SENTENCE.search(text, max(0, end - _LOOK_BACK), end):
        return True
    low = max(0, end - _LONGEST_HEADING)
    start = max(text.rfind("\n", low, end), text.rfind("\r", low, end)) + 1
    if start == 0 and low > 0:
        return None  # a long line that runs on
    if quoted:
        quote = _QUOTE_MARKERS.match(text, start, end)
        if quote is None:
            return True  # the quotation starts on this line
        start = quote.end()
    return True if _BLOCK_LINE.fullmatch(text, start, end) else None


def starts_sentence(text: str, pos: int) -> bool:
    """Whether `pos` may begin a sentence (see `sentence_start`; a line that may run on counts)."""
    return sentence_start(text, pos) is not False


_NON_BLANK_LINE = regex.compile(r"(?:(?<=[\r\n])|\A)[^\r\n]*\S[^\r\n]*")
_SINGLE_BREAK = regex.compile(r"\r\n|\n|\r")


def adjacent_lines(text: str, end: int, start: int) -> bool:
    """Whether one line ending at `end` and another starting at `start` have a single line break between."""
    return _SINGLE_BREAK.fullmatch(text, end, start) is not None


def paragraphs(text: str, markdown: bool) -> list[tuple[int, int]]:
    """[start, end) of each paragraph: every non-blank line in plain text; runs of non-blank lines in Markdown."""
    spans = [(m.start(), m.end()) for m in _NON_BLANK_LINE.finditer(text)]
    if not markdown:
        return spans
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and adjacent_lines(text, merged[-1][1], start):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
