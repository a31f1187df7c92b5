"""Value types to and from plain JSON data, checked field by field on the way back: never code."""

from __future__ import annotations

import dataclasses
import enum
import functools
import types
import typing
from typing import Any


class PlainDataError(ValueError):
    """Data that does not have the shape of the type it should become."""


def to_plain(value: Any) -> Any:
    """A dataclass, enum, tuple, frozenset, str, int, float, bool or None as JSON-ready data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (tuple, list)):
        return [to_plain(item) for item in value]
    if isinstance(value, frozenset):
        return sorted(to_plain(item) for item in value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise PlainDataError(f"cannot store a {type(value).__name__}")


def from_plain(kind: Any, data: Any) -> Any:
    """`data` made into a value of type `kind`; PlainDataError when its shape is not that type's."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        return _union(typing.get_args(kind), data)
    if origin is tuple:
        item, *rest = typing.get_args(kind)
        if rest != [Ellipsis]:
            raise PlainDataError(f"unsupported type {kind}")
        return tuple(from_plain(item, value) for value in _list(data))
    if origin is frozenset:
        (item,) = typing.get_args(kind)
        return frozenset(from_plain(item, value) for value in _list(data))
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass(kind, data)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        try:
            return kind(data)
        except ValueError:
            raise PlainDataError(f"{data!r} is not a {kind.__name__}") from None
    return _scalar(kind, data)


def _union(kinds: tuple, data: Any) -> Any:
    for kind in kinds:
        try:
            return from_plain(kind, data)
        except PlainDataError:
            continue
    raise PlainDataError(f"{data!r} matches none of {kinds}")


def _list(data: Any) -> list:
    if not isinstance(data, list):
        raise PlainDataError("expected a list")
    return data


def _dataclass(kind: type, data: Any) -> Any:
    if not isinstance(data, dict):
        raise PlainDataError(f"expected an object for {kind.__name__}")
    hints = _hints(kind)
    names = {f.name for f in dataclasses.fields(kind) if f.init}
    if set(data) != names:
        raise PlainDataError(f"{kind.__name__} fields differ: {sorted(set(data) ^ names)}")
    return kind(**{name: from_plain(hints[name], data[name]) for name in names})


@functools.cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)


def _scalar(kind: Any, data: Any) -> Any:
    if kind is type(None) and data is None:
        return None
    if kind is float and isinstance(data, (int, float)) and not isinstance(data, bool):
        return float(data)
    if kind in (str, int, bool) and type(data) is kind:
        return data
    raise PlainDataError(f"{data!r} is not a {getattr(kind, '__name__', kind)}")
