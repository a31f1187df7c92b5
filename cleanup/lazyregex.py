"""Module patterns compiled on first use.

The `regex` module compiles in Python, slowly: a module's patterns compiled at import cost every run,
also the runs that never use them (name checks without grammar, heading rules on a text without
headings). A lazy pattern compiles when first used, then answers as the compiled pattern does.
"""

from __future__ import annotations

from typing import cast

import regex


class _LazyPattern:
    """Stands for a pattern until one of its attributes is asked for: then compiles it and keeps that
    attribute, so the next use finds it without coming back here."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)
        self._compiled: regex.Pattern | None = None

    def __getattr__(self, name: str) -> object:
        if name in ("_source", "_compiled"):
            raise AttributeError(name)  # an instance made without __init__ (a copy): never recurse
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = regex.compile(*self._source)
        value = getattr(compiled, name)
        setattr(self, name, value)
        return value


def lazy_compile(pattern: str, flags: int = 0) -> regex.Pattern:
    """`regex.compile(pattern, flags)` when first used: for module patterns called by their methods
    (search, match, finditer, sub…), never passed to the regex module's own functions."""
    return cast(regex.Pattern, _LazyPattern(pattern, flags))
