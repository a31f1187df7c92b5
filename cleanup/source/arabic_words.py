"""Arabic words as a glossary matches them: read through `folding` (presentation forms as their letters;
joiners, direction marks, diacritics and tatweel ignored), letter forms unified, and the
clitics written before a word (و ف ب ل ك and the article ال) allowed."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence

from .folding import fold

LETTERS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "ک": "ك", "ی": "ي"}
)
ARABIC_WORD = re.compile("[\u0621-\u064a\u0660-\u0669\u066e-\u06d3\u06d5\u06fa-\u06ff]+")  # in folded text
# Conjunctions and prepositions joined to the next word, then the article: وال, بال, فبال, لل ...
CLITIC = re.compile("^(?:[وف]?[بلك]?(?:ال)?|[وف]?لل)")


def normalize(text: str) -> str:
    """Text folded (diacritics and tatweel removed too) and alef, yaa, taa marbuta and hamza forms unified."""
    return fold(text).text.translate(LETTERS)


def stems(word: str) -> set[str]:
    """A normalized word and what is left of it once each possible run of leading clitics is taken off
    (never leaving fewer than two letters)."""
    found = {word}
    for size in range(1, min(len(word) - 1, 5)):
        prefix = word[:size]
        if CLITIC.fullmatch(prefix) and len(word) - size >= 2:
            found.add(word[size:])
    if word.startswith("لل") and len(word) > 3:
        found.add("ال" + word[2:])  # لل + word is ل + ال + word with its alef dropped
    return found


def article_stems(word: str) -> set[str]:
    """A normalized word's readings without its clitics, and without its article too."""
    found = stems(word)
    return found | {s[2:] for s in found if s.startswith("ال") and len(s) > 3}


def core_words(text: str, min_letters: int) -> list[str]:
    """Each Arabic word of `text` once, in order, as its shortest reading without clitics of at least
    `min_letters` letters."""
    found: dict[str, None] = {}
    for _, _, word in words(text):
        readings = [s for s in stems(word) if len(s) >= min_letters]
        if readings:
            found[min(readings, key=len)] = None
    return list(found)


@functools.lru_cache(maxsize=4096)
def form_key(form: str) -> tuple[str, ...]:
    """A glossary's Arabic form as normalized words (its article kept off the first word)."""
    words = normalize(form).split()
    if words and words[0].startswith("ال") and len(words[0]) > 3:
        words[0] = words[0][2:]
    return tuple(words)


def words(text: str) -> list[tuple[int, int, str]]:
    """The Arabic words of `text` as (start, end, normalized word), the span in `text` as written."""
    folded = fold(text)
    return [(*folded.span(*m.span()), normalize(m.group())) for m in ARABIC_WORD.finditer(folded.text)]


def find_forms(text: str, forms: Sequence[str]) -> Iterator[tuple[int, int, str]]:
    """Where any of `forms` is written in `text` (normalized, clitics allowed before its first word):
    (start, end, form)."""
    return forms_in(words(text), forms)


def forms_in(found: Sequence[tuple[int, int, str]], forms: Sequence[str]) -> Iterator[tuple[int, int, str]]:
    """Where any of `forms` is among the words `found` (as `words` gives them): (start, end, form)."""
    keys = [(form, form_key(form)) for form in forms if form_key(form)]
    for index, (start, _, word) in enumerate(found):
        heads = article_stems(word)
        for form, key in keys:
            if key[0] not in heads or index + len(key) > len(found):
                continue
            if all(found[index + k][2] == key[k] for k in range(1, len(key))):
                yield start, found[index + len(key) - 1][1], form
                break
