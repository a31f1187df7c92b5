"""The words a spell checker must take as known: those of glossary forms and names, split as it splits them."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..lazyregex import lazy_compile

WORD = lazy_compile(r"[\p{L}\p{M}\p{N}]+")  # a word as the spell checker reads one
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+")  # the same in ASCII text, with the standard engine (faster to call)


def known_words(phrases: Iterable[str]) -> frozenset[str]:
    """The words of glossary forms and names, as a spell checker sees them (al-Baaj -> al, Baaj)."""
    words: list[str] = []
    for phrase in phrases:
        if not phrase.isascii():
            words.extend(WORD.findall(phrase))
        elif phrase.isalnum():  # one word, the usual form
            words.append(phrase)
        else:
            words.extend(_ASCII_WORD.findall(phrase))
    found = set(words)
    found.update([word.upper() for word in found])
    return frozenset(found)
