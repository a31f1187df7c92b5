"""Across an archive with its Arabic sources: which Arabic word each set of English spellings renders.

For every aligned paragraph pair, the English forms of each suggestion found in the English and the
Arabic words (normalized, clitics taken off) of the source are counted together; a suggestion's
Arabic form is the word that goes with its spellings most (Dice's coefficient over paragraph pairs,
at least two pairs together and half of each side's occurrences) and sounds like them (the consonants
of the Arabic word, romanized, against those of the spelling)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from ..source import arabic_words
from ..source.align import pair_texts
from .name_variants import Suggestion

MIN_TOGETHER = 2
MIN_DICE = 0.5
MIN_LETTERS = 3
MIN_LIKENESS = 0.5


def source_forms(suggestions: Sequence[Suggestion], pairs: Iterable[tuple[str, str]]) -> dict[int, list[str]]:
    """{suggestion index: [its Arabic form]} for the suggestions whose spellings go with one Arabic word."""
    finders = [_finder([f.text for f in s.forms]) for s in suggestions]
    together: dict[int, Counter[str]] = {i: Counter() for i in range(len(suggestions))}
    named: Counter[int] = Counter()
    words: Counter[str] = Counter()
    for english, source in pairs:
        for pair in pair_texts(source, english):
            if not pair.source or not pair.target:
                continue
            target, written = pair.texts(source, english)
            stems = arabic_words.core_words(written, MIN_LETTERS)
            words.update(stems)
            for index, finder in enumerate(finders):
                if finder.search(target):
                    named[index] += 1
                    together[index].update(stems)
    found = {}
    for index, counts in together.items():
        spelling = suggestions[index].preferred.text
        candidates = [
            w
            for w in counts
            if counts[w] >= MIN_TOGETHER
            and _dice(counts[w], named[index], words[w]) >= MIN_DICE
            and _sounds_alike(w, spelling) >= MIN_LIKENESS
        ]
        if candidates:
            found[index] = [
                max(candidates, key=lambda w: (_dice(counts[w], named[index], words[w]), _sounds_alike(w, spelling)))
            ]
    return found


ROMAN = str.maketrans(
    {"ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "k", "د": "d", "ذ": "d", "ر": "r", "ز": "z", "س": "s",
     "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "g", "ف": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m",
     "ن": "n", "ه": "h", "و": "w", "ي": "y", "ا": None, "ع": None, "ء": None}
)  # fmt: skip
LATIN = ((r"th", "t"), (r"dh", "d"), (r"sh", "s"), (r"kh", "k"), (r"gh", "g"), (r"ph", "f"), (r"[qc]", "k"), (r"g", "j"), (r"v", "w"))  # fmt: skip


def _skeleton(consonants: str) -> str:
    """Consonants with w and y kept only first (inside a word they are mostly long vowels), no doubles."""
    kept = consonants[:1] + re.sub("[wy]", "", consonants[1:])
    return re.sub(r"(.)\1+", r"\1", kept)


def _sounds_alike(arabic_word: str, spelling: str) -> float:
    """How alike the consonants of an Arabic word and of a romanized spelling are (0 to 1)."""
    source = _skeleton("".join(c for c in arabic_word.translate(ROMAN) if c.isascii() and c.isalpha()))
    latin = spelling.casefold()
    for pattern, letter in LATIN:
        latin = re.sub(pattern, letter, latin)
    target = _skeleton(re.sub("[^a-z]|[aeiou]", "", latin))
    source = source.replace("g", "j")
    return SequenceMatcher(None, source, target).ratio() if source and target else 0.0


def _finder(forms: list[str]) -> re.Pattern[str]:
    written = sorted(forms, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in written) + r")(?!\w)")


def _dice(both: int, english: int, source: int) -> float:
    return 2 * both / (english + source) if english + source else 0.0
