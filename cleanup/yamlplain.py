"""A fast reader for the plain YAML glossaries and settings are written in, without the YAML library.

It reads block mappings and lists, scalars on one line (plain, single-quoted, double-quoted with the
common escapes) and lists in brackets, and gives exactly what the full reader (yamlread) gives,
positions included. Anything else, errors included, is NOT_PLAIN: the full reader then reads the text,
so every refusal and error message stays the full reader's.
"""

from __future__ import annotations

import re

from .yamlnodes import Positions, YamlList, YamlMap, YamlProblem, plain_scalar

NOT_PLAIN = object()
MAX_DEPTH = 16  # deeper nesting is left to the full reader, which checks its own limit

# Characters this reader leaves to the full reader: controls, tabs, carriage returns, the byte order
# mark, the line separators YAML also breaks lines at (NEL, LS, PS), surrogates and non-characters.
_UNUSUAL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_BLANK = re.compile(r" *(?:#.*)?")
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: +|$)")
_DASH = re.compile(r"- +")
_INDICATORS = r"\s\-?:,\[\]{}#&*!|>'\"%@`"
_PLAIN = re.compile(rf"[^{_INDICATORS}][^#:]*")
_SINGLE_BODY = r"'([^']*(?:''[^']*)*)'"
_DOUBLE_BODY = r'"([^"\\]*(?:\\.[^"\\]*)*)"'
_SINGLE = re.compile(_SINGLE_BODY)
_DOUBLE = re.compile(_DOUBLE_BODY)
# An item of a list in brackets and the `,` or `]` after it; a plain item keeps its trailing spaces.
_FLOW_ITEM = re.compile(rf" *(?:{_DOUBLE_BODY}|{_SINGLE_BODY}|([^{_INDICATORS}][^#:?,\[\]{{}}]*)) *([,\]])")
_CLOSE = re.compile(r" *\]")
_SPACES = re.compile(" *")
_TAIL = re.compile(r"(?: +(?:#.*)?)?")
_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r", "e": "\x1b",
    " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_HEX_ESCAPE = re.compile(r"\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")


class _NotPlain(Exception):
    """The text leaves the plain shape here: the full reader reads it."""


def read_plain(text: str) -> object:
    """The document in `text` as YamlMap, YamlList and scalars, or NOT_PLAIN."""
    if _UNUSUAL.search(text):
        return NOT_PLAIN
    try:
        return _Reader(text.split("\n")).document()
    except (_NotPlain, YamlProblem, RecursionError):
        return NOT_PLAIN


class _Reader:
    """Reads line by line; `self.next` is the first line not read yet."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.next = 0
        self.indent = 0  # of the line `_content` found

    def document(self) -> YamlMap:
        number = self._content()
        if number is None or self.lines[number][:1] in ("", " "):
            raise _NotPlain  # empty, or not a mapping at the left margin
        node = self._mapping(number, 0, 0)
        if self._content() is not None:
            raise _NotPlain
        return node

    def _content(self) -> int | None:
        """The next line holding more than spaces and a comment (None at the end); skips to it and
        keeps its indentation in `self.indent`."""
        lines, number = self.lines, self.next
        while number < len(lines):
            line = lines[number]
            text = line.lstrip(" ")
            if text and text[0] != "#":
                self.next, self.indent = number, len(line) - len(text)
                return number
            number += 1
        self.next = number
        return None

    def _indent(self, number: int) -> int:
        line = self.lines[number]
        return len(line) - len(line.lstrip(" "))

    def _mapping(self, number: int, column: int, depth: int, match: re.Match[str] | None = None) -> YamlMap:
        """A block mapping whose first key is at `column` of line `number` (`match`: that key, when matched)."""
        if depth > MAX_DEPTH:
            raise _NotPlain
        node = YamlMap()
        node.lc = positions = Positions(number, column)
        keys, values = positions._keys, positions._values
        while True:
            line = self.lines[number]
            if match is None:
                match = _KEY.match(line, column)
                if match is None:
                    raise _NotPlain
            key = plain_scalar(match[1], number, column)
            if key in keys:
                raise _NotPlain
            keys[key] = (number, column)
            after = match.end()
            if after == len(line) or line[after] == "#":
                self.next = number + 1
                node[key], values[key] = self._block(column, depth)
            else:
                node[key], values[key] = self._inline(number, after, column + 1)
            following = self._content()
            if following is None:
                return node
            indent = self.indent
            if indent > column:
                raise _NotPlain  # a continuation line, or a key out of line
            if indent < column:
                return node
            number, match = following, None

    def _block(self, column: int, depth: int) -> tuple[object, tuple[int, int]]:
        """The value of a key at `column` written on the lines below it, and where it starts."""
        number = self._content()
        if number is None:
            raise _NotPlain  # an empty value
        indent = self.indent
        if _DASH.match(self.lines[number], indent) and indent >= column:
            return self._sequence(number, indent, depth + 1), (number, indent)
        if indent > column:
            return self._mapping(number, indent, depth + 1), (number, indent)
        raise _NotPlain

    def _sequence(self, number: int, indent: int, depth: int) -> YamlList:
        """A block list whose dashes are at `indent`, from line `number`."""
        if depth > MAX_DEPTH:
            raise _NotPlain
        node = YamlList()
        node.lc = positions = Positions(number, indent)
        items = positions._items
        while True:
            line = self.lines[number]
            dash = _DASH.match(line, indent)
            if dash is None:
                return node  # the end of the list: the mapping it sits in goes on (checked there)
            column = dash.end()
            if column == len(line) or line[column] == "#":
                raise _NotPlain  # an item written on the lines below its dash
            key = _KEY.match(line, column)
            if key:
                node.append(self._mapping(number, column, depth + 1, key))
                items.append((number, column))
            else:
                value, where = self._inline(number, column, indent + 1)
                node.append(value)
                items.append(where)
            following = self._content()
            if following is None:
                return node
            if self.indent != indent:
                if self.indent > indent:
                    raise _NotPlain
                return node
            number = following

    def _inline(self, number: int, start: int, least: int) -> tuple[object, tuple[int, int]]:
        """A value written on its key's or dash's line from `start` (a list in brackets may go on to
        lines indented at least `least`); where it starts. Leaves `self.next` after it."""
        line = self.lines[number]
        value: object
        if line[start] == "[":
            value = YamlList()
            value.lc = Positions(number, start)
            last, end = self._flow(value, number, start + 1, least)
        else:
            value, end = _scalar(line, start, number)
            last = number
        tail = self.lines[last]
        if end != len(tail) and not _TAIL.fullmatch(tail, end):
            raise _NotPlain
        self.next = last + 1
        return value, (number, start)

    def _flow(self, node: YamlList, number: int, position: int, least: int) -> tuple[int, int]:
        """The items of a list in brackets from `position` (after its `[`) into `node`: where it ends."""
        items = node.lc._items
        line = self.lines[number]
        empty = _CLOSE.match(line, position)
        if empty:
            return number, empty.end()
        while True:
            match = _FLOW_ITEM.match(line, position)
            if match is None:
                if not _SPACES.fullmatch(line, position):
                    raise _NotPlain  # also a trailing comma: `]` begins no item
                number += 1  # a line break after `[` or `,`: the items go on below
                if number >= len(self.lines):
                    raise _NotPlain
                line, position = self.lines[number], 0
                if self._indent(number) < least or _BLANK.fullmatch(line):
                    raise _NotPlain
                continue
            double, single, plain, separator = match.groups()
            if plain is not None:
                start = match.start(3)
                node.append(plain_scalar(plain.rstrip(" "), number, start))
            elif double is not None:
                start = match.start(1) - 1
                node.append(_unescape(double) if "\\" in double else double)
            else:
                start = match.start(2) - 1
                node.append(single.replace("''", "'"))
            items.append((number, start))
            position = match.end()
            if separator == "]":
                return number, position


def _scalar(line: str, start: int, number: int) -> tuple[object, int]:
    """The scalar written at `start` of line `number` and where it ends."""
    first = line[start] if start < len(line) else ""
    if first == '"':
        match = _DOUBLE.match(line, start)
        if match is None:
            raise _NotPlain
        content = match[1]
        return (_unescape(content) if "\\" in content else content), match.end()
    if first == "'":
        match = _SINGLE.match(line, start)
        if match is None:
            raise _NotPlain
        return match[1].replace("''", "'"), match.end()
    match = _PLAIN.match(line, start)
    if match is None:
        raise _NotPlain
    written = match.group().rstrip(" ")
    return plain_scalar(written, number, start), start + len(written)


def _unescape(content: str) -> str:
    """A double-quoted scalar's escapes read as YAML reads them."""
    return _HEX_ESCAPE.sub(_escaped, content)


def _escaped(match: re.Match[str]) -> str:
    named = match[4]
    if named is not None:
        if named not in _ESCAPES:
            raise _NotPlain
        return _ESCAPES[named]
    code = int(match[1] or match[2] or match[3], 16)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        raise _NotPlain
    return chr(code)
