"""What YAML reading gives: mappings and lists that remember where each part was written, and plain scalars
read by the YAML 1.2 core schema."""

from __future__ import annotations

from .lazyregex import lazy_re_compile

# YAML 1.2 core schema for plain (unquoted) scalars.
_NULL = lazy_re_compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = lazy_re_compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = lazy_re_compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)

_NUMBER_STARTS = frozenset(("", "~", "+", "-", ".", *"0123456789"))  # how null, numbers and .inf, .nan begin
_WORDS = frozenset(("null", "Null", "NULL", *_BOOL))


class YamlProblem(Exception):
    """Input this reader refuses; `line` and `column` are 0-based, like YAML marks."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


class Positions:
    """Where a mapping's keys and values, or a list's items, were written (0-based line, column)."""

    __slots__ = ("line", "col", "_keys", "_values", "_items")

    def __init__(self, line: int, column: int) -> None:
        self.line, self.col = line, column
        self._keys: dict[object, tuple[int, int]] = {}
        self._values: dict[object, tuple[int, int]] = {}
        self._items: list[tuple[int, int]] = []

    def key(self, key: object) -> tuple[int, int]:
        return self._keys[key]

    def value(self, key: object) -> tuple[int, int]:
        return self._values[key]

    def item(self, index: int) -> tuple[int, int]:
        return self._items[index]

    def items(self) -> list[tuple[int, int]]:
        """Where each item was written, in order."""
        return list(self._items)


class YamlMap(dict):
    """A mapping read from YAML, with `.lc` positions."""

    lc: Positions


class YamlList(list):
    """A list read from YAML, with `.lc` positions."""

    lc: Positions


def plain_scalar(value: str, line: int, column: int) -> object:
    """The value of a plain scalar written at (0-based) `line`, `column`: null, bool, int, float or text."""
    if value[:1] not in _NUMBER_STARTS and value not in _WORDS:
        return value  # the usual case: text, neither a number nor one of the words above
    if _NULL.fullmatch(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.fullmatch(value):
        try:
            return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
        except ValueError:  # longer than Python reads (4,300 digits)
            raise YamlProblem(line, column, "a number too long to read; quote it if it is text") from None
    if _FLOAT.fullmatch(value):
        return float(value.lower().replace(".inf", "inf").replace(".nan", "nan"))
    return value
