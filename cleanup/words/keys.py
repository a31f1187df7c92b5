"""The keys words are matched by: what a word is (TOKEN), folded case, one apostrophe, one hyphen."""

from __future__ import annotations

import functools
import re
import unicodedata

import regex

from ..lazyregex import lazy_compile
from .marks import APOSTROPHES, HYPHENS

# A word: letters, marks, digits; apostrophes and hyphens join words rather than split them.
HORIZONTAL_SPACE = regex.compile(r"[^\S\r\n\f\v\x1c-\x1e\x85\u2028\u2029]+")
TOKEN = regex.compile(rf"\w+(?:[{regex.escape(APOSTROPHES + HYPHENS)}]\w+)*")
_SPACED_TOKENS = lazy_compile(rf"{TOKEN.pattern}(?: {TOKEN.pattern})*")  # words one space apart
# The same for ASCII text, with the standard engine (faster to call): TOKEN's word characters and joiners there.
_ASCII_TOKEN = r"[A-Za-z0-9_]+(?:['`-][A-Za-z0-9_]+)*"
_ASCII_SPACED_TOKENS = re.compile(rf"{_ASCII_TOKEN}(?: {_ASCII_TOKEN})*")


# Endings that keep a variant recognisable: possessive ('s in any apostrophe, once folded) and plural s.
ENDINGS = ("'s", "s")
FOLD_TABLE = str.maketrans({**{a: "'" for a in APOSTROPHES}, **{h: "-" for h in HYPHENS}})


def fold(text: str) -> str:
    """The matching key of `text`: NFC, one apostrophe, one hyphen, case folded."""
    if text.isascii():  # already NFC; of FOLD_TABLE's characters only ` is ASCII and changes
        return text.replace("`", "'").casefold()
    return unicodedata.normalize("NFC", text).translate(FOLD_TABLE).casefold()


def fold_keep_case(text: str) -> str:
    """Like `fold` but case-sensitive, for variants that differ from their preferred form only in case."""
    if text.isascii():
        return text.replace("`", "'")
    return unicodedata.normalize("NFC", text).translate(FOLD_TABLE)


@functools.lru_cache(maxsize=1 << 18)
def word_key(text: str, folder=fold) -> str | None:
    """The key of a phrase written in a glossary, or None if it is not words separated by spaces.

    Cached: loading and checking a large glossary asks for each phrase's key several times."""
    if text.isascii():
        if text.isalnum() or _ASCII_SPACED_TOKENS.fullmatch(text):  # one plain word, or words one space apart
            return folder(text)  # the common case: folding keeps the spaces
    elif _SPACED_TOKENS.fullmatch(text):
        return folder(text)
    tokens = list(TOKEN.finditer(text))
    if not tokens or tokens[0].start() != 0 or tokens[-1].end() != len(text):
        return None
    for left, right in zip(tokens, tokens[1:], strict=False):
        if not HORIZONTAL_SPACE.fullmatch(text, left.end(), right.start()):
            return None
    return " ".join(folder(t.group()) for t in tokens)
