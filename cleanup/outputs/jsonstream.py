"""JSON written in pieces, so a large change log or review page is never held whole in memory."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

_SLICE = 1 << 16  # characters of a long string encoded at a time


def json_pieces(value: Any, indent: int | None = None) -> Iterator[str]:
    """The text of `json.dumps(value, ensure_ascii=False, indent=indent)`, in pieces.

    The outer object is written member by member, an iterator among its members element by element,
    and a long string among them in slices; smaller values are encoded whole. Iterators are written
    as arrays. Containers are walked here rather than by `json.dumps(indent=...)`, whose pure-Python
    encoder leaves reference cycles behind (garbage the paused collector of a CLI run would never free)."""
    yield from _pieces(value, indent, 0)


def _pieces(value: Any, indent: int | None, level: int) -> Iterator[str]:
    if level and type(value) is dict:  # a record in an array: the commonest piece, encoded whole
        yield _text(value, indent, level)
    elif isinstance(value, dict) and level == 0:
        yield from _container("{", "}", iter(value.items()), indent, level, _member)
    elif isinstance(value, Iterator):
        yield from _container("[", "]", value, indent, level, _pieces)
    elif isinstance(value, str) and len(value) > _SLICE:
        yield '"'
        for start in range(0, len(value), _SLICE):
            yield _encode(value[start : start + _SLICE])[1:-1]
        yield '"'
    else:
        yield _text(value, indent, level)


def _text(value: Any, indent: int | None, level: int) -> str:
    """A small value encoded whole (one string, no generators: most of a change log is these)."""
    kind = type(value)
    if kind is str:
        return _string(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if kind is dict:
        inner = level + 1
        items = [
            _string(key) + ": " + (_string(item) if type(item) is str else _text(item, indent, inner))
            for key, item in value.items()
        ]
        return _join("{", "}", items, indent, level)
    if kind is list or kind is tuple or isinstance(value, Iterator):
        return _join("[", "]", [_text(item, indent, level + 1) for item in value], indent, level)
    return _CONSTANTS[value] if kind is bool else _encode(value)


def _gaps(indent: int | None, level: int) -> tuple[str, str, str]:
    """As json.dumps lays out a non-empty container: what follows its opening bracket, what separates
    its items, and what precedes its closing bracket."""
    if not indent:
        return "", ", ", ""
    inner = "\n" + " " * (indent * (level + 1))
    return inner, "," + inner, "\n" + " " * (indent * level)


def _join(opening: str, closing: str, items: list[str], indent: int | None, level: int) -> str:
    if not items:
        return opening + closing
    after_opening, separator, before_closing = _gaps(indent, level)
    return opening + after_opening + separator.join(items) + before_closing + closing


def _container(opening: str, closing: str, items: Iterator, indent: int | None, level: int, write) -> Iterator[str]:
    first = next(items, _NOTHING)
    if first is _NOTHING:
        yield opening + closing
        return
    after_opening, separator, before_closing = _gaps(indent, level)
    yield opening + after_opening
    yield from write(first, indent, level + 1)
    for item in items:
        yield separator
        yield from write(item, indent, level + 1)
    yield before_closing + closing


def _member(item: tuple[str, Any], indent: int | None, level: int) -> Iterator[str]:
    key, value = item
    yield _encode(key) + ": "
    yield from _pieces(value, indent, level)


_NOTHING = object()
_encode = json.JSONEncoder(ensure_ascii=False).encode
# What json.dumps(ensure_ascii=False) writes for the commonest values, without its per-call overhead:
# its own C string encoder, and the two constants.
_string = json.encoder.encode_basestring
_CONSTANTS = {True: "true", False: "false"}
