"""A checker's suggestions never respell the glossary's forms, nor turn a name into another word.

Harper's title-case suggestion for a heading (`# The ISIS cells in al-Badia` → `# The Isis Cells in
Al-Badia`) would undo the glossary; here such a suggestion gets every glossary form in the flagged text
back as the glossary writes it, and a flag left suggesting nothing new is dropped. A capitalised word
whose spelling suggestions are all other words (`Hamdaniya` → `Haldane's`, `Harmonica`) is a name
the dictionary lacks, not a typo (`Accoding` → `According` is one letter off, `Thepeople` →
`People` two words glued).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..lazyregex import lazy_compile
from ..model import Flag

_WORD_CHAR = lazy_compile(r"[\p{L}\p{M}\p{N}]")
_JOINERS = lazy_compile(r"[\s\-‐‑]")  # a suggestion that splits a word (`The people`) is the word apart
_MIN_PART = 4  # letters of a word inside another before it counts as part of it (`People` in `Thepeople`)


def keep_glossary_forms(flags: Iterable[Flag], text: str, forms: frozenset[str]) -> list[Flag]:
    """`flags` with case-only suggestions corrected to the glossary's forms; flags left with nothing to
    suggest are dropped. Other suggestions (a different word) are the checker's own business."""
    kept = []
    for flag in flags:
        flagged = text[flag.start : flag.end]
        suggestions = tuple(dict.fromkeys(_with_forms(flagged, s, forms) for s in flag.suggestions))
        if flag.suggestions and all(s == flagged for s in suggestions):
            continue  # what it asked for was only to respell glossary forms
        kept.append(flag if suggestions == flag.suggestions else replace(flag, suggestions=suggestions))
    return kept


def other_words(word: str, suggestions: Sequence[str]) -> bool:
    """Whether every suggestion for a capitalised `word` is another word: more than one letter away (an
    edit or a swap of two letters), and neither holding the word nor held in it (`Thepeople` →
    `People` is two words glued). Then the word is a name, and the suggestions would replace it."""
    folded = word.casefold()
    return word[:1].isupper() and not any(_related(folded, _JOINERS.sub("", s.casefold())) for s in suggestions)


def _related(word: str, suggestion: str) -> bool:
    """Whether a folded suggestion respells `word` or is part of it, or it of the suggestion."""
    shorter, longer = sorted((word, suggestion), key=len)
    return _one_edit_apart(word, suggestion) or (len(shorter) >= _MIN_PART and shorter in longer)


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether `a` becomes `b` by at most one insertion, deletion, substitution or swap of neighbours."""
    if abs(len(a) - len(b)) > 1:
        return False
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    rest_a, rest_b = a[start:], b[start:]
    return (
        rest_a[1:] == rest_b[1:]
        or rest_a[1:] == rest_b
        or rest_a == rest_b[1:]
        or (len(rest_a) >= 2 and rest_a[:2] == rest_b[1::-1] and rest_a[2:] == rest_b[2:])
    )


def _with_forms(flagged: str, suggestion: str, forms: frozenset[str]) -> str:
    """`suggestion` with each glossary form written in `flagged` restored, when it only changes case."""
    if suggestion == flagged or not _same_but_case(flagged, suggestion):
        return suggestion
    restored = list(suggestion)
    for form in forms:
        start = flagged.find(form)
        while start >= 0:
            end = start + len(form)
            if not _inside_word(flagged, start, end):
                restored[start:end] = form
            start = flagged.find(form, start + 1)
    return "".join(restored)


def _same_but_case(a: str, b: str) -> bool:
    """Whether two texts differ only in the case of letters, letter for letter."""
    return len(a) == len(b) and all(x == y or x.casefold() == y.casefold() for x, y in zip(a, b, strict=True))


def _inside_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] continues a longer word on either side (`ISIS` in `ISISes`)."""
    return bool(start and _WORD_CHAR.match(text, start - 1)) or bool(_WORD_CHAR.match(text, end))
