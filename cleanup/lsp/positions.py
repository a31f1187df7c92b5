"""Offsets into a text (code points) and LSP positions (a line, and a character counted in the code units
the client and server agreed on: UTF-16 unless the client offers UTF-32 or UTF-8)."""

from __future__ import annotations

import bisect

from lsprotocol import types

from ..model import LineIndex

UNIT_BYTES = {
    types.PositionEncodingKind.Utf8: 1,
    types.PositionEncodingKind.Utf16: 2,
    types.PositionEncodingKind.Utf32: 4,
}
_CODECS = {1: "utf-8", 2: "utf-16-le", 4: "utf-32-le"}


class Positions:
    """One text's positions in one encoding: LSP lines end at CRLF, LF or CR, as `LineIndex`'s do."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self._starts = LineIndex(text).starts
        self._unit = UNIT_BYTES.get(encoding, 2)  # type: ignore[call-overload]

    def _units(self, piece: str) -> int:
        if self._unit == 4 or piece.isascii():
            return len(piece)
        return len(piece.encode(_CODECS[self._unit], "surrogatepass")) // self._unit

    def position(self, offset: int) -> types.Position:
        """The LSP position of a code-point offset."""
        line = bisect.bisect_right(self._starts, offset) - 1
        return types.Position(line, self._units(self.text[self._starts[line] : offset]))

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(self.position(start), self.position(end))

    def offset(self, position: types.Position) -> int:
        """The code-point offset of an LSP position (a character past the line's end: the line's end)."""
        if position.line >= len(self._starts):
            return len(self.text)
        start = self._starts[position.line]
        end = self._starts[position.line + 1] if position.line + 1 < len(self._starts) else len(self.text)
        line = self.text[start:end].rstrip("\r\n")
        units = 0
        for index, char in enumerate(line):
            if units >= position.character:
                return start + index
            units += self._units(char)
        return start + len(line)

    def at(self, line: int, column: int) -> int:
        """The offset of a 1-based line and column in code points (a problem's place), kept inside the text."""
        index = min(max(line - 1, 0), len(self._starts) - 1)
        return min(self._starts[index] + max(column - 1, 0), self.line_end(index))

    def line_end(self, line: int) -> int:
        """The offset where a line's text ends (before its line break)."""
        start = self._starts[line]
        end = self._starts[line + 1] if line + 1 < len(self._starts) else len(self.text)
        return start + len(self.text[start:end].rstrip("\r\n"))
