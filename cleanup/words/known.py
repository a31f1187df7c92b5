"""The words a spell checker must take as known: those of glossary forms and names, split as it splits them."""

from __future__ import annotations

from collections.abc import Iterable

import regex

WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")  # a word as the spell checker reads one


def known_words(phrases: Iterable[str]) -> frozenset[str]:
    """The words of glossary forms and names, as a spell checker sees them (al-Baaj -> al, Baaj)."""
    found: set[str] = set()
    for phrase in phrases:
        for word in WORD.findall(phrase):
            found.update((word, word.upper()))
    return frozenset(found)
