"""Module patterns compiled on first use.

The `regex` module compiles in Python, slowly: a module's patterns compiled at import cost every run,
also the runs that never use them (name checks without grammar, heading rules on a text without
headings). A lazy pattern compiles when first used, then answers as the compiled pattern does. The
standard `re` module compiles in Python too, and a large Unicode class costs it most of a millisecond.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import cast

import regex


class _LazyPattern:
    """Stands for a pattern until one of its attributes is asked for: then compiles it and keeps that
    attribute, so the next use finds it without coming back here."""

    def __init__(self, compile: Callable[[str, int], object], pattern: str, flags: int) -> None:
        self._source = (compile, pattern, flags)
        self._compiled: object | None = None

    def __getattr__(self, name: str) -> object:
        if name in ("_source", "_compiled"):
            raise AttributeError(name)  # an instance made without __init__ (a copy): never recurse
        compiled = self._compiled
        if compiled is None:
            compile, pattern, flags = self._source
            compiled = self._compiled = compile(pattern, flags)
        value = getattr(compiled, name)
        setattr(self, name, value)
        return value


def lazy_compile(pattern: str, flags: int = 0) -> regex.Pattern:
    """`regex.compile(pattern, flags)` when first used: for module patterns called by their methods
    (search, match, finditer, sub…), never passed to the regex module's own functions."""
    return cast(regex.Pattern, _LazyPattern(regex.compile, pattern, flags))


def lazy_re_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)` when first used, for module patterns of the standard engine called by
    their methods (as `lazy_compile`'s)."""
    return cast(re.Pattern[str], _LazyPattern(re.compile, pattern, flags))
