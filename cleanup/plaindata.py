"""Value types to and from plain JSON data, checked field by field on the way back: never code."""

from __future__ import annotations

import dataclasses
import enum
import functools
import types
import typing
from collections.abc import Callable
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
    return _decoder(kind)(data)


Decoder = Callable[[Any], Any]


@functools.cache
def _decoder(kind: Any) -> Decoder:
    """A function that checks and builds values of `kind`, made once per type (the cache reads thousands)."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        return _union([_decoder(k) for k in typing.get_args(kind)], kind)
    if origin is tuple:
        item, *rest = typing.get_args(kind)
        if rest != [Ellipsis]:
            raise PlainDataError(f"unsupported type {kind}")
        return _sequence(_decoder(item), tuple)
    if origin is frozenset:
        return _sequence(_decoder(typing.get_args(kind)[0]), frozenset)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass(kind)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return _enum(kind)
    return _scalar(kind)


def _union(decoders: list[Decoder], kind: Any) -> Decoder:
    def decode(data: Any) -> Any:
        for decoder in decoders:
            try:
                return decoder(data)
            except PlainDataError:
                continue
        raise PlainDataError(f"{data!r} matches none of {kind}")

    return decode


def _sequence(item: Decoder, build: type) -> Decoder:
    def decode(data: Any) -> Any:
        if type(data) is not list:
            raise PlainDataError("expected a list")
        return build([item(value) for value in data])

    return decode


def _dataclass(kind: type) -> Decoder:
    hints = typing.get_type_hints(kind)
    names = frozenset(f.name for f in dataclasses.fields(kind) if f.init)
    decoders = {name: _decoder(hints[name]) for name in names}

    def decode(data: Any) -> Any:
        if type(data) is not dict or data.keys() != names:
            raise PlainDataError(f"expected an object with the fields of {kind.__name__}")
        return kind(**{name: decoders[name](value) for name, value in data.items()})

    return decode


def _enum(kind: type[enum.Enum]) -> Decoder:
    def decode(data: Any) -> Any:
        try:
            return kind(data)
        except ValueError:
            raise PlainDataError(f"{data!r} is not a {kind.__name__}") from None

    return decode


def _scalar(kind: Any) -> Decoder:
    if kind is type(None):
        accepted: tuple[type, ...] = (type(None),)
    elif kind is float:
        accepted = (int, float)
    elif kind in (str, int, bool):
        accepted = (kind,)
    else:
        raise PlainDataError(f"unsupported type {kind}")

    def decode(data: Any) -> Any:
        if type(data) not in accepted:
            raise PlainDataError(f"{data!r} is not a {getattr(kind, '__name__', kind)}")
        return data

    return decode
