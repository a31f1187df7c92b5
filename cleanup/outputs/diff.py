"""Word-level and unified diffs between an original and a corrected text."""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

from ..lazyregex import lazy_compile
from ..model import Change

# Words (with inner apostrophes and hyphens), runs of spaces, line breaks, and single other characters.
_DIFF_TOKEN = lazy_compile(r"\w+(?:['’‘ʼ\-]\w+)*|\r\n|\r|\n|[^\S\r\n]+|.", regex.DOTALL)
_PATCH_LINE_END = regex.compile(r"\n")
_NEEDS_QUOTES = regex.compile(r'[\x00-\x1f\x7f"\\]')
_C_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


@dataclass(frozen=True)
class Piece:
    """A stretch of the diff: unchanged text (before == after), or a change with its rule id."""

    before: str
    after: str
    rule: str = ""

    @property
    def changed(self) -> bool:
        return self.before != self.after


def pieces_from_changes(original: str, corrected: str, changes: Sequence[Change]) -> list[Piece]:
    """The diff exactly as the recorded changes explain it."""
    pieces: list[Piece] = []
    cursor = 0
    for change in changes:
        if change.start > cursor:
            pieces.append(Piece(original[cursor : change.start], original[cursor : change.start]))
        pieces.append(
            Piece(original[change.start : change.end], corrected[change.new_start : change.new_end], change.rule)
        )
        cursor = change.end
    if cursor < len(original):
        pieces.append(Piece(original[cursor:], original[cursor:]))
    return pieces


def pieces_from_texts(a: str, b: str) -> list[Piece]:
    """A word-level diff of two arbitrary texts."""
    import difflib  # here: only `cleanup diff` matches words (a fix's diff comes from its changes)

    left, right = _DIFF_TOKEN.findall(a), _DIFF_TOKEN.findall(b)
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    pieces = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = "".join(left[i1:i2]), "".join(right[j1:j2])
        pieces.append(Piece(before, after if tag != "equal" else before))
    return pieces


def unified_diff(
    original: str,
    corrected: str,
    changes: Sequence[Change],
    a_name: str,
    b_name: str,
    context: int = 3,
    bom: str = "",
    note: str = "",
) -> Iterator[str]:
    """A unified diff that `patch` and `git apply` accept, line by line, built from the recorded changes
    (linear in the size of the text, unlike a line-matching diff); line endings are kept as they are.
    `bom` is the byte-order mark the file starts with; `note` a line written before the headers."""
    if not changes:
        return
    a_lines, b_lines = _Lines(original, bom), _Lines(corrected, bom)
    ranges = [
        (
            a_first,
            a_end,
            _line_index(b_lines.starts, b_start, len(corrected)),
            _line_index(b_lines.starts, b_end, len(corrected)),
        )
        for a_first, a_end, b_start, b_end in _blocks(original, changes, a_lines.starts)
    ]
    if note:
        yield note + "\n"
    yield f"--- {quoted_name(a_name)}\n"
    yield f"+++ {quoted_name(b_name)}\n"
    for hunk in _hunks(ranges, context):
        yield from _hunk_lines(hunk, a_lines, b_lines, context)


def quoted_name(name: str) -> str:
    """A file name for a diff header, in double quotes with C escapes when it holds a line break, a
    quote, a backslash or another control character (as git writes them, and patch and git apply read)."""
    if not _NEEDS_QUOTES.search(name):
        return name
    return (
        '"'
        + "".join(_C_ESCAPES.get(c) or (f"\\{ord(c):03o}" if ord(c) < 0x20 or c == "\x7f" else c) for c in name)
        + '"'
    )


def _blocks(original: str, changes: Sequence[Change], a_starts: list[int]) -> list[tuple[int, int, int, int]]:
    """Changes widened to whole original lines and merged where they touch: (first line, end line)
    of the original, and the corrected text's offsets where those lines begin and end."""
    count = len(a_starts)

    def offset_of(line: int) -> int:
        return a_starts[line] if line < count else len(original)

    merged: list[list[int]] = []
    delta = 0  # how much longer the corrected text is than the original, before the current change
    for change in changes:
        first = _line_of(a_starts, change.start, original)
        last = _line_of(a_starts, change.end - 1, original) if change.end > change.start else first
        end = min(last + 1, count) if first < count else count
        if merged and first <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([first, end, offset_of(first) + delta, 0])
        delta += (change.new_end - change.new_start) - (change.end - change.start)
        merged[-1][3] = offset_of(merged[-1][1]) + delta
    return [(first, last, new_first, new_last) for first, last, new_first, new_last in merged]


def _line_of(starts: list[int], offset: int, text: str) -> int:
    """The line holding `offset`; at the very end of a text that ends with a line break, the line
    count (a new, empty last line)."""
    if offset >= len(text) and (not text or text[-1] == "\n"):
        return len(starts)
    return max(0, bisect.bisect_right(starts, offset) - 1)


class _Lines:
    """The lines of a text as patch reads them (ended by a line feed; a carriage return is part of
    its line), cut from the text only when asked for (a large text is not copied line by line).
    `bom` is written before the first line, where the file has it."""

    def __init__(self, text: str, bom: str = "") -> None:
        self.text = text
        self.bom = bom
        self.starts = [0, *(m.end() for m in _PATCH_LINE_END.finditer(text) if m.end() < len(text))] if text else []

    def __len__(self) -> int:
        return len(self.starts)

    def between(self, first: int, end: int) -> Iterator[str]:
        """Lines first..end-1."""
        for index in range(first, end):
            stop = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
            yield (self.bom if index == 0 else "") + self.text[self.starts[index] : stop]


def _line_index(starts: list[int], offset: int, length: int) -> int:
    """The index of the line starting at `offset` (the line count when `offset` is the end)."""
    if offset >= length:
        return len(starts)
    return bisect.bisect_right(starts, offset) - 1


def _hunks(ranges: list[tuple[int, int, int, int]], context: int) -> list[list[tuple[int, int, int, int]]]:
    """Line ranges grouped into hunks: ranges closer than two contexts apart share a hunk."""
    hunks = [[ranges[0]]]
    for block in ranges[1:]:
        if block[0] - hunks[-1][-1][1] <= 2 * context:
            hunks[-1].append(block)
        else:
            hunks.append([block])
    return hunks


def _hunk_lines(hunk, a_lines: _Lines, b_lines: _Lines, context: int) -> Iterator[str]:
    a_first = max(0, hunk[0][0] - context)
    b_first = hunk[0][2] - (hunk[0][0] - a_first)
    a_end = min(len(a_lines), hunk[-1][1] + context)
    b_end = hunk[-1][3] + (a_end - hunk[-1][1])
    yield f"@@ -{_range(a_first, a_end - a_first)} +{_range(b_first, b_end - b_first)} @@\n"
    cursor = a_first
    for a_start, a_stop, b_start, b_stop in hunk:
        yield from (_line(" ", line) for line in a_lines.between(cursor, a_start))
        yield from (_line("-", line) for line in a_lines.between(a_start, a_stop))
        yield from (_line("+", line) for line in b_lines.between(b_start, b_stop))
        cursor = a_stop
    yield from (_line(" ", line) for line in a_lines.between(cursor, a_end))


def _range(first: int, count: int) -> str:
    """A hunk range in unified-diff form: 1-based start; an empty range names the line before it."""
    start = first + 1 if count else first
    return f"{start},{count}" if count != 1 else f"{start}"


def _line(mark: str, line: str) -> str:
    if line.endswith("\n"):
        return mark + line
    return mark + line + "\n\\ No newline at end of file\n"
