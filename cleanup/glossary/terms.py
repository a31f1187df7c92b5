"""Glossary terms as data, and the keys words are matched by: folded case, one apostrophe, one hyphen."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import regex

from ..lazyregex import lazy_compile
from ..model import Location
from ..text import APOSTROPHES, HYPHENS

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


@dataclass(frozen=True)
class Example:
    """A self-test: the glossary must turn `before` into `after`."""

    before: str
    after: str
    where: Location | None = None


@dataclass(frozen=True)
class Term:
    """A preferred form and the variants that must become it."""

    preferred: str
    variants: tuple[str, ...] = ()
    note: str = ""
    examples: tuple[Example, ...] = ()
    where: Location | None = None
    article: str = ""  # "a" or "an" when the preferred form's spoken start is not obvious
    unless: tuple[str, ...] = ()  # phrases written around a variant where the entry does not apply
    sense: str = ""  # "name": variants change only where they are used as a personal name
    source: tuple[str, ...] = ()  # the term's forms in the Arabic source (checked against it, never replaced)
    also: tuple[str, ...] = ()  # other English words that render those forms (Welsh for ويلز); never replaced
    person: str = ""  # the one person a surname entry is about ("Yahya Rasool"): a lone surname needs them named
    sense_words: tuple[str, ...] = ()  # words that show the entry's sense; none in the paragraph: only a suggestion
    other_sense_words: tuple[str, ...] = ()  # words that show another sense; one in the sentence: only a suggestion
    any_case: bool = False  # a capitalised variant written in lower case is still the name (`case: any`)

    @property
    def rule(self) -> str:
        """The id under which this term's changes are reported."""
        return "GL:" + "-".join(self.preferred.split())

    @property
    def reason(self) -> str:
        """The one-line reason shown with every change this term makes."""
        reason = f"house glossary: use “{self.preferred}”"
        if self.person and self.person not in self.note:
            reason += f" for {self.person}"
        return f"{reason} ({self.note})" if self.note else reason


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
    if (_ASCII_SPACED_TOKENS if text.isascii() else _SPACED_TOKENS).fullmatch(text):
        return folder(text)  # words one space apart, the common case: folding keeps the spaces
    tokens = list(TOKEN.finditer(text))
    if not tokens or tokens[0].start() != 0 or tokens[-1].end() != len(text):
        return None
    for left, right in zip(tokens, tokens[1:], strict=False):
        if not HORIZONTAL_SPACE.fullmatch(text, left.end(), right.start()):
            return None
    return " ".join(folder(t.group()) for t in tokens)
