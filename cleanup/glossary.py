"""Glossary terms compiled into one matcher that turns variants into preferred forms."""

from __future__ import annotations

import functools
import itertools
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

from .model import Edit, Location, Safety

APOSTROPHES = "'’‘ʼʿʾ`"
HYPHENS = "-‐‑"
# A word: letters, marks, digits; apostrophes and hyphens join words rather than split them.
TOKEN = regex.compile(rf"\w+(?:[{regex.escape(APOSTROPHES + HYPHENS)}]\w+)*")
HORIZONTAL_SPACE = regex.compile(r"[^\S\r\n\f\v\x1c-\x1e\x85\u2028\u2029]+")
_FOLD_TABLE = str.maketrans({**{a: "'" for a in APOSTROPHES}, **{h: "-" for h in HYPHENS}})
# Endings that keep a variant recognisable: possessive ('s in any apostrophe) and plural s.
_ENDINGS = ("'s", "s")
_FOLD_SLICE = 1 << 16  # characters folded at a time


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

    @property
    def rule(self) -> str:
        """The id under which this term's changes are reported."""
        return "GL:" + "-".join(self.preferred.split())

    @property
    def reason(self) -> str:
        """The one-line reason shown with every change this term makes."""
        reason = f"house glossary: use “{self.preferred}”"
        return f"{reason} ({self.note})" if self.note else reason


def fold(text: str) -> str:
    """The matching key of `text`: NFC, one apostrophe, one hyphen, case folded."""
    return unicodedata.normalize("NFC", text).translate(_FOLD_TABLE).casefold()


def fold_keep_case(text: str) -> str:
    """Like `fold` but case-sensitive, for variants that differ from their preferred form only in case."""
    return unicodedata.normalize("NFC", text).translate(_FOLD_TABLE)


@functools.lru_cache(maxsize=1 << 18)
def word_key(text: str, folder=fold) -> str | None:
    """The key of a phrase written in a glossary, or None if it is not words separated by spaces.

    Cached: loading and checking a large glossary asks for each phrase's key several times."""
    if TOKEN.fullmatch(text):
        return folder(text)  # one word: the common case
    tokens = list(TOKEN.finditer(text))
    if not tokens or tokens[0].start() != 0 or tokens[-1].end() != len(text):
        return None
    for left, right in zip(tokens, tokens[1:]):
        if not HORIZONTAL_SPACE.fullmatch(text, left.end(), right.start()):
            return None
    return " ".join(folder(t.group()) for t in tokens)


@dataclass(frozen=True)
class _Target:
    term: Term
    written: str  # the variant or preferred form as the glossary spells it
    is_preferred: bool


class Matcher:
    """All terms compiled into hash tables keyed by folded word n-grams.

    The text is tokenized once; each word costs one table look-up whatever the glossary size.
    """

    def __init__(self, terms: Sequence[Term]) -> None:
        self._folded: dict[str, _Target] = {}
        self._exact: dict[str, _Target] = {}
        self._longest: dict[str, int] = {}  # folded first word -> most words of any entry it starts
        for term in terms:
            self._add(term.preferred, _Target(term, term.preferred, True))
            for variant in term.variants:
                self._add(variant, _Target(term, variant, False))

    def _add(self, phrase: str, target: _Target) -> None:
        key = word_key(phrase)
        if key is None:
            return
        if not target.is_preferred and key == word_key(target.term.preferred):
            self._exact[word_key(phrase, fold_keep_case)] = target
        else:
            self._folded.setdefault(key, target)
        words = key.split(" ")
        self._longest[words[0]] = max(self._longest.get(words[0], 0), len(words))

    def edits(self, text: str) -> Iterator[Edit]:
        """Edits that replace every variant in `text` by its preferred form, leftmost-longest first."""
        folded = _fold_in_place(text)
        tokens = TOKEN.finditer(text)
        ahead: list[regex.Match] = []  # words read ahead while trying a multi-word entry
        while True:
            token = ahead.pop(0) if ahead else next(tokens, None)
            if token is None:
                return
            key = folded[token.start() : token.end()] if folded is not None else fold(token.group())
            longest = self._longest.get(key) or self._stem_longest(key)
            if not longest:
                continue  # the common case: this word starts no entry
            ahead.extend(itertools.islice(tokens, max(0, longest - 1 - len(ahead))))
            window = [token, *ahead[: longest - 1]]
            found = self._longest_match(text, window, _phrase_width(text, window))
            if found is None:
                continue
            used, start, end, target = found
            del ahead[: used - 1]
            edit = _edit_for(target, text, start, end)
            if edit is not None:
                yield edit

    def _stem_longest(self, key: str) -> int:
        """Like the `_longest` table, for a word carrying a possessive or plural ending."""
        if not key.endswith("s"):
            return 0
        return max((self._longest.get(key[: -len(e)], 0) for e in _ENDINGS if key.endswith(e)), default=0)

    def _longest_match(self, text: str, tokens: list[regex.Match], width: int):
        """The longest entry starting at tokens[0]: (words used, start, end, target) or None."""
        start = tokens[0].start()
        for n in range(width, 0, -1):
            last = tokens[n - 1]
            head = [text[t.start() : t.end()] for t in tokens[: n - 1]]
            for end in _stem_ends(last):
                words = head + [text[last.start() : end]]
                target = self._exact.get(" ".join(fold_keep_case(w) for w in words)) or self._folded.get(
                    " ".join(fold(w) for w in words)
                )
                if target is not None:
                    return n, start, end, target
        return None


def _fold_in_place(text: str) -> str | None:
    """`fold(text)` when folding keeps every character at its offset (nearly always), else None."""
    if not unicodedata.is_normalized("NFC", text):
        return None
    # In slices: casefold() of one large string briefly needs about seven times its size.
    folded = "".join(
        text[start : start + _FOLD_SLICE].translate(_FOLD_TABLE).casefold() for start in range(0, len(text), _FOLD_SLICE)
    )
    return folded if len(folded) == len(text) else None


def _phrase_width(text: str, tokens: list[regex.Match]) -> int:
    """How many of `tokens` follow each other with only spaces or tabs between them."""
    width = 1
    while width < len(tokens) and HORIZONTAL_SPACE.fullmatch(text, tokens[width - 1].end(), tokens[width].start()):
        width += 1
    return width


def _stem_ends(token: regex.Match) -> Iterator[int]:
    """End offsets to try for the last word: the whole word, then without a possessive or plural ending."""
    yield token.end()
    folded = fold(token.group())
    for ending in _ENDINGS:
        if folded.endswith(ending) and len(folded) > len(ending):
            yield token.end() - len(ending)


def _edit_for(target: _Target, text: str, start: int, end: int) -> Edit | None:
    """The edit for one match, or None when the text is already in the preferred form."""
    if target.is_preferred:
        return None
    found = text[start:end]
    replacement = match_case(target.term.preferred, target.written, found)
    if replacement == found:
        return None
    return Edit(start, end, replacement, target.term.rule, target.term.reason, Safety.SAFE)


def match_case(preferred: str, written: str, found: str) -> str:
    """The preferred form, capitalized like the text where the text's case carries meaning.

    ALL-CAPS text (a headline) gets capitals unless the variant itself is written in capitals;
    a capital at the start of a lowercase variant (sentence start) capitalizes the first letter.
    """
    if _is_all_caps(found) and not _is_all_caps(written):
        return preferred.upper()
    if found[:1].isupper() and written[:1].islower() and preferred[:1].islower():
        return preferred[:1].upper() + preferred[1:]
    return preferred


def _is_all_caps(text: str) -> bool:
    cased = [c for c in text if c.isupper() or c.islower()]
    return len(cased) >= 2 and all(c.isupper() for c in cased)
