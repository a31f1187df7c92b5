"""Loanwords: the Arabic religious and legal terms English texts use as words (Zakat, Sunnah, rak'at).

They are terms, neither names nor misspellings: the spell checker is given them as words, so they
raise no spelling flag and no `name` note. The package ships a list (data/islamic_terms.txt, its
sources named in its header); a glossary's `loanwords:` list extends it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

import regex

_PIECE = regex.compile(r"[\p{L}\p{M}\p{N}]+")


@cache
def shipped_loanwords() -> tuple[str, ...]:
    """Every spelling in the shipped list (data/islamic_terms.txt), as written there."""
    text = (Path(__file__).parent / "data" / "islamic_terms.txt").read_text(
        encoding="utf-8"
    )  # importlib.resources: 3 ms more to start
    lines = (line.strip() for line in text.splitlines())
    return tuple(word.strip() for line in lines if line and not line.startswith("#") for word in line.split(","))


def loanword_spellings(loanwords: Iterable[str]) -> frozenset[str]:
    """The words of the shipped loanwords and of `loanwords` as a spell checker sees them: each piece
    between marks (`rak'at`: rak, at) in lowercase, capitalised and in capitals, and the last with a plural s."""
    found: set[str] = set()
    for phrase in (*shipped_loanwords(), *loanwords):
        pieces = _PIECE.findall(phrase)
        if pieces:
            pieces[-1:] = [pieces[-1], pieces[-1] + "s"]
        for piece in pieces:
            found.update((piece.lower(), piece[:1].upper() + piece[1:].lower(), piece.upper()))
    return frozenset(found)
