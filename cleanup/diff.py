"""Word-level and unified diffs between an original and a corrected text."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from .model import Change

# Words (with inner apostrophes and hyphens), runs of spaces, line breaks, and single other characters.
_DIFF_TOKEN = regex.compile(r"\w+(?:['’‘ʼ\-]\w+)*|\r\n|\r|\n|[^\S\r\n]+|.", regex.DOTALL)
_LINE_SPLIT = regex.compile(r"(?<=\r\n|\n|\r(?!\n))")


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
        pieces.append(Piece(original[change.start : change.end], corrected[change.new_start : change.new_end], change.rule))
        cursor = change.end
    if cursor < len(original):
        pieces.append(Piece(original[cursor:], original[cursor:]))
    return pieces


def pieces_from_texts(a: str, b: str) -> list[Piece]:
    """A word-level diff of two arbitrary texts."""
    left, right = _DIFF_TOKEN.findall(a), _DIFF_TOKEN.findall(b)
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    pieces = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = "".join(left[i1:i2]), "".join(right[j1:j2])
        pieces.append(Piece(before, after if tag != "equal" else before))
    return pieces


def unified_diff(a: str, b: str, a_name: str, b_name: str, context: int = 3) -> str:
    """A unified diff that `patch` and `git apply` accept; line endings are kept as they are."""
    a_lines, b_lines = _lines(a), _lines(b)
    out = []
    for line in difflib.unified_diff(a_lines, b_lines, a_name, b_name, n=context):
        if line.startswith(("---", "+++", "@@")):
            out.append(line if line.endswith("\n") else line + "\n")
        elif not line.endswith(("\n", "\r")):
            out.append(line + "\n\\ No newline at end of file\n")
        else:
            out.append(line)
    return "".join(out)


def _lines(text: str) -> list[str]:
    return [line for line in _LINE_SPLIT.split(text) if line]
