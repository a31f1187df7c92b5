"""Words that hide what they are: invisible characters inside a word, letters of another script that look
Latin (UC). Both let a variant walk past the glossary and every check (UTS #39's confusables)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..lazyregex import lazy_compile
from ..words.marks import INVISIBLE
from .base import SAFE, Context, Finding, Rule, fixes, keeps, regex_rule

UC001 = regex_rule(
    "UC001",
    "no invisible character inside a Latin word",
    SAFE,
    rf"(?<=\p{{Latin}}\p{{M}}*)[{INVISIBLE}]+(?=\p{{Latin}})",
    "",
    [
        fixes("the Da\u200bash cells and Da\u00adesh", "the Daash cells and Daesh"),
        fixes("ISI\u200dL and Qa\u2060sad", "ISIL and Qasad"),
        keeps("می\u200cخواهم"),  # a non-joiner inside a Persian word is spelling
        keeps("\ufeffThe article"),  # at the start of a text: not inside a word
    ],
    doc="removes zero-width spaces, joiners and non-joiners, soft hyphens and word joiners between two Latin letters (`Da\u200bash`): a word that hides them is missed by the glossary, search and every check; in Arabic or Persian script (where a non-joiner is spelling) they stay",
    why="An invisible character splits a word for the machine and not for the eye: `Da\u200bash` passes every check as two words.",
    local=True,
    hint=f"[{INVISIBLE}]+",
    needs=tuple(INVISIBLE),
)

# Cyrillic and Greek letters drawn like Latin ones (Unicode's confusables): the Latin letter each stands for.
LOOKALIKES = str.maketrans(
    "аеорсухіјѕԁԛԝАВЕКМНОРСТХУІЈЅαοιρκνυτΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdqwABEKMHOPCTXYIJSaoipkvutABEZHIKMNOPTYX",
)
_LOOKALIKE_LETTERS = frozenset(chr(code) for code in LOOKALIKES)
_MIXED_WORD = lazy_compile(
    r"(?<![\p{L}\p{M}])(?=[\p{L}\p{M}]*\p{Latin})(?=[\p{L}\p{M}]*[\p{Cyrillic}\p{Greek}])[\p{L}\p{M}]+"
)
_LATIN = lazy_compile(r"\p{Latin}")
# A mixed word holds a Cyrillic or Greek character or has one right after it: the scan looks for those
# (one character class, several times faster than trying the word pattern at every position).
_FOREIGN = lazy_compile(r"[\p{Cyrillic}\p{Greek}]")
_RUN = lazy_compile(r"[\p{L}\p{M}]*")
_RUN_BEFORE = lazy_compile(r"[\p{L}\p{M}]*", regex.REVERSE)


def _mixed_words(text: str) -> Iterator[regex.Match]:
    """The matches of `_MIXED_WORD.finditer(text)`, tried only at the run of letters holding (or just before)
    a Cyrillic or Greek character; a text all ASCII has none."""
    if text.isascii():
        return
    after, tried = 0, -1
    for foreign in _FOREIGN.finditer(text):
        if foreign.start() < after:
            continue
        start = _RUN_BEFORE.match(text, 0, foreign.start()).start()
        after = max(_RUN.match(text, foreign.start()).end(), foreign.start() + 1)
        if start == tried:
            continue
        tried = start
        word = _MIXED_WORD.match(text, start)
        if word is not None:
            yield word


def _restored(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    """A Latin word with Cyrillic or Greek lookalikes in it, the lookalikes made Latin; a word whose other
    letters do not all look Latin is a word of another script, and stays."""
    for word in _mixed_words(text):
        foreign = {char for char in word.group() if not _LATIN.match(char) and char.isalpha()}
        if foreign <= _LOOKALIKE_LETTERS:
            yield rule.edit(word.start(), word.end(), word.group().translate(LOOKALIKES))


UC002 = Rule(
    "UC002",
    "a Latin word written with Cyrillic or Greek letters that look Latin",
    SAFE,
    _restored,
    (
        fixes("the D\u0430ash cells, \u0421hristians and Qas\u0430d", "the Daash cells, Christians and Qasad"),
        keeps("ISI\u039b"),  # Λ looks like no Latin letter: the word stays
        keeps("Москва and Αθήνα"),  # words of another script
    ),
    doc="restores the Latin letters of a Latin word typed or forged with Cyrillic or Greek lookalikes (`Dаash` with a Cyrillic `а` → `Daash`, then the glossary's `ISIS`); a word with letters that look like no Latin letter, and words wholly in another script, stay",
    why="A Cyrillic `а` is drawn like a Latin `a` but is another letter: the word escapes the glossary, spell-checking and search.",
    local=True,
)

RULES: tuple[Rule, ...] = (UC001, UC002)
