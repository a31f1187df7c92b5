"""Where a glossary match may begin: one compiled scan of a folded copy of the text, Python only at the hits.

The matcher's token-by-token logic stays the definition of a match; this module only tells it which
tokens to try. It must never leave one out, so every shortcut below errs towards trying too many.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator

import regex

from .keys import ENDINGS, FOLD_TABLE, TOKEN
from .marks import APOSTROPHES, HYPHENS

_CHUNK = 1 << 20  # characters scanned at a time, cut after a line break (no entry spans one)
# A word of the folded copy, where every apostrophe is ' and every hyphen -. The standard `re` engine
# splits text into words several times faster than `regex`; its \w differs from TOKEN's only in
# leaving out marks (so it may cut a word in pieces: more hits, never fewer) and in taking in the
# "other numbers" (², ½), which the folded copy turns into spaces first.
_SCAN_WORD = re.compile(r"(\w+(?:['-]\w+)*)")
_OTHER_NUMBER = regex.compile(r"\p{No}")
_WORD_CHAR = regex.compile(r"\w")
_PARTS = re.compile(r"([-'_])")  # what joins the parts of a compound word in the folded copy (kept by split)
_JOINERS = frozenset(APOSTROPHES + HYPHENS)


class Triggers:
    """The folded words a match can begin with, as the scan sees them."""

    def __init__(self, first_words: Iterable[str]) -> None:
        words = list(first_words)
        whole = [word for word in words if word.isalnum()]  # all word characters: the scan sees it whole
        pieces = []  # the first pieces of words the scan cuts in pieces (marks)
        self.every_token = False  # an entry whose first word the scan cannot see: try every token
        for word in [word for word in words if not word.isalnum()]:
            piece = _SCAN_WORD.search(word)
            if piece is None:
                self.every_token = True
            elif piece.group() == word:
                whole.append(word)
            else:
                pieces.append(piece.group())
        self.words = set(whole)  # a word seen whole begins a match alone or with an ending; a piece alone
        for ending in ENDINGS:
            self.words.update([word + ending for word in whole])
        self.words.update(pieces)

    def hit(self, word: str) -> bool:
        """Whether a word of the folded copy may begin a match, alone or inside a compound (`anti-daesh`,
        `theal-da'ash`): any run of its parts, joined as the word joins them, may be an entry's word."""
        if word in self.words:
            return True
        if not ("-" in word or "'" in word or "_" in word):
            return False
        pieces = _PARTS.split(word)  # parts and the marks between them in turn
        parts, marks = pieces[::2], pieces[1::2]
        for first in range(len(parts)):
            joined = parts[first]
            if joined in self.words:
                return True
            for last in range(first + 1, len(parts)):
                joined += marks[last - 1] + parts[last]
                if joined in self.words:
                    return True
        return False


def match_starts(text: str, triggers: Triggers) -> Iterator[int]:
    """Offsets of the tokens of `text` a match may begin at, in increasing order (repeats possible)."""
    for start, end in _chunks(text):
        folded = None if triggers.every_token else _folded_copy(text[start:end])
        if folded is None:
            yield from (token.start() for token in TOKEN.finditer(text, start, end))
            continue
        for offset in _hits(folded, triggers):
            yield _token_start(text, start + offset)


def _chunks(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    while start < len(text):
        cut = text.find("\n", start + _CHUNK)
        end = len(text) if cut < 0 else cut + 1
        yield start, end
        start = end


def _folded_copy(text: str) -> str | None:
    """The text folded as glossary keys are, character for character; None where folding would move
    offsets (text not in NFC, or a letter that folds to two): such a chunk is matched token by token."""
    if not unicodedata.is_normalized("NFC", text):
        return None
    folded = text.translate(FOLD_TABLE).casefold()
    if len(folded) != len(text):
        return None
    numbers = set(_OTHER_NUMBER.findall(folded))
    return folded.translate({ord(number): " " for number in numbers}) if numbers else folded


def _hits(folded: str, triggers: Triggers) -> Iterator[int]:
    """Offsets in `folded` of the words `triggers` hits: Python runs once per distinct word, C for the rest."""
    pieces = _SCAN_WORD.split(folded)  # separators and words in turn: words at odd indices
    hit_words = {word for word in set(pieces[1::2]) if triggers.hit(word)}
    if not hit_words:
        return
    offset, previous = 0, 0
    for index in itertools.compress(itertools.count(), map(hit_words.__contains__, pieces)):
        offset += sum(map(len, pieces[previous:index]))  # separators hold no word character: never a hit
        previous = index
        yield offset


def _token_start(text: str, pos: int) -> int:
    """The start of the TOKEN holding `pos` (the scan may see a word from its middle: after a mark or hyphen)."""
    while pos > 0:
        if _WORD_CHAR.match(text, pos - 1):
            pos -= 1
        elif pos >= 2 and text[pos - 1] in _JOINERS and _WORD_CHAR.match(text, pos - 2):
            pos -= 2
        else:
            break
    return pos
