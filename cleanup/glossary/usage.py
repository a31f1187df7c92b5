"""Where a glossary variant is used, and where it is only named or means something else.

A term named as a word (`known in Arabic as Qasad`, `which it calls Daesh`, `(Arabic: Da’ash)`) is a
mention, not a use: the reader is being told the word, so it must stay as written. An entry's own
conditions (`unless:` contexts, `sense: name`) say where else it does not apply.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from ..text import APOSTROPHES, HYPHENS

# Words right before a term that name it as a word. Checked on the text just before the variant
# (an opening quote may come between): "known (in Arabic) as", "calls it", "the word", "(Arabic:".
_MENTION_CUE = regex.compile(
    r"(?:"
    r"\b(?:known|referred\s+to|described|designated|abbreviated|translated|transliterated|rendered|written|"
    r"spelled|spelt|pronounced)(?:\s+(?:in\s+\p{L}+|locally|officially|colloquially|simply|also))*\s+as"
    r"|\b(?:call|calls|called|calling|name|names|naming|dub|dubs|dubbing)"
    r"\s+(?:it|itself|them|themselves|him|her|the\s+(?:group|organization|movement|forces|militia))"
    r"|\b(?:call|calls|called|calling|named|dubbed|nicknamed|termed|spelled|spelt|aka)"
    r"|\bthe\s+(?:words?|terms?|names?|acronyms?|abbreviations?|labels?|spellings?|transliterations?)"
    r"|\(\s*(?:in\s+)?(?:Arabic|Ar\.)\s*[:,]?"
    r"|\bArabic\s+(?:for|word|term|name|acronym)"
    r")[ \t]*[“\"‘'«]?\Z",
    regex.IGNORECASE,
)
_LOOK_BEHIND = 60  # characters of text searched for a cue
# After a term, words that name it as a word of a language: "Qasad in Arabic", "Daesh (in Arabic)".
_NAMED_AFTER = regex.compile(r"[”\"’']?[ \t]*\(?[ \t]*in[ \t]+(?:Arabic|Kurdish|Persian|Turkish)\b", regex.IGNORECASE)
# Words before a personal name that show it is not one: "the Rasul of Allah", "his Rasul".
_DETERMINERS = frozenset(
    "the a an this that these those his her its our their my your whose every each no any some".split()
)
_WORD_BEFORE = regex.compile(r"(\p{L}+)[ \t]+[“\"‘'«]?\Z")
_OF_AFTER = regex.compile(r"[ \t]+of\b", regex.IGNORECASE)


def is_mention(text: str, start: int, end: int) -> bool:
    """Whether the word at [start, end) is named as a word (a mention) rather than used: a cue before it,
    or `in Arabic` right after it (`SDF, Qasad in Arabic,`)."""
    return bool(_MENTION_CUE.search(text, max(0, start - _LOOK_BEHIND), start) or _NAMED_AFTER.match(text, end))


def used_as_name(text: str, start: int, end: int) -> bool:
    """Whether the word at [start, end) reads as a personal name: capitalised, after no determiner,
    and not followed by “of” (`the Rasul of Allah` is a title, `Yahya Rasul` a name)."""
    if not text[start : start + 1].isupper():
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before and before.group(1).lower() in _DETERMINERS:
        return False
    return not _OF_AFTER.match(text, end)


class Contexts:
    """An entry's `unless:` phrases, compiled: each is written around one of the entry's variants."""

    def __init__(self, phrases: Sequence[str], anchors: Sequence[str], word: regex.Pattern, fold) -> None:
        self.patterns = [p for p in (_context_pattern(phrase, anchors, word, fold) for phrase in phrases) if p]
        self._reach = max((len(phrase) for phrase in phrases), default=0) + 8

    def holds(self, text: str, start: int, end: int) -> bool:
        """Whether one of the phrases is written around the match at [start, end)."""
        low, high = max(0, start - self._reach), min(len(text), end + self._reach)
        for pattern in self.patterns:
            for found in pattern.finditer(text, low, high, overlapped=True):
                if found.start("anchor") == start:
                    return True
        return False


def anchor_of(phrase: str, anchors: Sequence[str], word: regex.Pattern, fold) -> tuple[int, int] | None:
    """The word span [first, last) of the first variant written in `phrase`, or None."""
    words = [fold(w.group()) for w in word.finditer(phrase)]
    for anchor in sorted({tuple(fold(w.group()) for w in word.finditer(a)) for a in anchors}, key=len, reverse=True):
        for i in range(len(words) - len(anchor) + 1):
            if tuple(words[i : i + len(anchor)]) == anchor:
                return i, i + len(anchor)
    return None


def _context_pattern(phrase: str, anchors: Sequence[str], word: regex.Pattern, fold) -> regex.Pattern | None:
    span = anchor_of(phrase, anchors, word, fold)
    if span is None:
        return None
    words = [_word_pattern(w.group()) for w in word.finditer(phrase)]
    first, last = span
    anchor = r"[ \t]+".join(words[first:last])
    parts = [*words[:first], f"(?P<anchor>{anchor})", *words[last:]]
    not_in_word = rf"(?<![\w{regex.escape(APOSTROPHES + HYPHENS)}])"
    return regex.compile(not_in_word + r"[ \t]+".join(parts) + r"(?![\w\-])", regex.IGNORECASE)


_ANY_APOSTROPHE = f"[{regex.escape(APOSTROPHES)}]"
_ANY_HYPHEN = f"[{regex.escape(HYPHENS)}]"


def _word_pattern(word: str) -> str:
    """A word of a phrase as a pattern: every apostrophe and hyphen form alike."""
    return "".join(
        _ANY_APOSTROPHE if char in APOSTROPHES else _ANY_HYPHEN if char in HYPHENS else regex.escape(char)
        for char in word
    )
