"""The keys romanizations of one Arabic name meet under: Rasool/Rasul, Da’ash/Daash, Deir ez-Zor/Deir Ezzor.

Each form is folded the way romanizations of Arabic vary into one or more keys (a letter that is
written for two sounds, like `e` for a or i, gives two); forms that share a key are one name."""

from __future__ import annotations

import functools
import itertools
import unicodedata

from ..lazyregex import lazy_compile
from ..words.marks import APOSTROPHES

# The Arabic article, plain (al, el) or assimilated to a sun letter (ash-, ad-, ez-, ur-).
ARTICLE_WORD = r"(?:[aeu](?:l|th|dh|sh|[tdrzsn]))"
_ARTICLE_TOKEN = lazy_compile(rf"{ARTICLE_WORD}")
_GLUED_ARTICLE = lazy_compile(r"^(?:[Aa]l|[Ee]l)(?=\p{Lu})")
_GLUED_SUN_ARTICLE = lazy_compile(r"^[ae](th|dh|sh|[tdrzsn])\1")
_MARKS = str.maketrans("", "", APOSTROPHES)
_WORD_BREAK = lazy_compile(r"[\s\-]+")
_DOUBLED = lazy_compile(r"(.)\1+")
_SUN = r"(?:th|dh|sh|[tdrzsn])"
# Compound parts, written many ways: Abdel-/Abdul-/Abdes- (ʿAbd al-), -uddin/-eddine (ad-Dīn),
# -ullah/-allah (Allāh). Words are joined by "-" until the keys are made.
_COMPOUNDS = [
    (lazy_compile(rf"^abd-?(?:[aeiou]?l|[aeiou](?:({_SUN})(?=-?\1))?)-?"), "abd"),
    (lazy_compile(r"(?<=..)-?(?:[aeiou]d-?(?=d))?d(?:ee|i|e|y)ne?$"), "din"),
    (lazy_compile(r"(?<=..)-?[aeiou]*llah?$"), "lah"),
]
# Letters that romanizations swap, longer spellings first: French eu, qu, gu, dj and ch (Ameur,
# Farooqui, Rezgui, Djamel, Bachir), q/k/gh (Qadir, Kader, Bagher), th/z, dh (z or d: Fadhil),
# g (k or j: Gamal), the vowels (ou/oo/o/u, ee/ie/i, ei, y, e for a or i) and w/v written as u.
# Upper-case letters stand for a sound written two ways, expanded into one key per reading.
_LETTERS = [
    ("eu", "e"),
    ("qua", "qa"),
    ("que", "qe"),
    ("qui", "qi"),
    ("gue", "ge"),
    ("gui", "gi"),
    ("dj", "j"),
    ("tch", "S"),
    ("sch", "S"),
    ("ch", "S"),
    ("sh", "S"),
    ("kh", "X"),
    ("gh", "k"),
    ("q", "k"),
    ("ck", "k"),
    ("ce", "se"),
    ("ci", "si"),
    ("cy", "sy"),
    ("c", "k"),
    ("ph", "f"),
    ("v", "w"),
    ("th", "z"),
    ("dh", "D"),
    ("g", "G"),
    ("ou", "u"),
    ("oo", "u"),
    ("o", "u"),
    ("w", "u"),
    ("ee", "i"),
    ("ie", "i"),
    ("ei", "Y"),
    ("y", "i"),
    ("e", "E"),
]
_VOWEL = "aiuEYF"
_READINGS = {"E": ("a", "i"), "G": ("k", "j"), "D": ("z", "d"), "Y": ("i", "ai"), "F": ("a", "i", "")}
# Per word: a final h after a vowel is silent, a final e may be (French: Rayane, Lahcene).
_WORD_END = [(lazy_compile(rf"(?<=[{_VOWEL}])h(?=-|$)"), ""), (lazy_compile(r"(?<=[^-aiuEY])E(?=-|$)"), "F")]
# Maghrebi and Persian spellings drop the vowel of a word's first syllable: Sfar/Safar, Mrabet/Merabet.
_FIRST_VOWEL = lazy_compile(rf"(?:^|(?<=-))([^{_VOWEL}-])[{_VOWEL}]+(?=[^{_VOWEL}-][{_VOWEL}])")
MAX_KEYS = 16
MIN_LETTERS = 3


@functools.lru_cache(maxsize=1 << 16)
def fold_keys(form: str) -> frozenset[str]:
    """The keys under which romanizations of one Arabic name meet: Rasool/Rasul, Da’ash/Daash,
    Deir ez-Zor/Deir Ezzor; two forms name the same person when they share a key."""
    spellings = [""]
    for index, token in enumerate(_tokens(form)):
        readings = [token]
        if index and _GLUED_SUN_ARTICLE.match(token):
            readings.append(_GLUED_SUN_ARTICLE.sub(r"\1", token))
        spellings = [f"{s}-{r}" if s else r for s in spellings for r in readings]
    return frozenset(key for spelling in spellings for key in _readings(_letters(spelling)))


def same_name(a: str, b: str) -> bool:
    """Whether two spellings fold to a common key."""
    return not fold_keys(a).isdisjoint(fold_keys(b))


def _tokens(form: str) -> list[str]:
    """The words of a form, case-folded, without accents, apostrophes and article words."""
    text = _GLUED_ARTICLE.sub("", form).replace("ç", "s").replace("Ç", "S")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    tokens = _WORD_BREAK.split(text.casefold().translate(_MARKS))
    return [t for i, t in enumerate(tokens) if t and not (i + 1 < len(tokens) and _ARTICLE_TOKEN.fullmatch(t))]


def _letters(text: str) -> str:
    """One spelling of the sounds: compounds, consonants and vowels written one way."""
    for pattern, key in _COMPOUNDS:
        text = pattern.sub(key, text)
    for written, key in _LETTERS:
        text = text.replace(written, key)
    for pattern, key in _WORD_END:
        text = pattern.sub(key, text)
    return text


def _readings(text: str) -> list[str]:
    """Every reading of the letters written for two sounds (with and without a first-syllable
    vowel), doubled letters single, at most MAX_KEYS."""
    found: list[str] = []
    for spelling in dict.fromkeys([text, _FIRST_VOWEL.sub(r"\1", text)]):
        choices = [_READINGS.get(c, (c,)) for c in spelling.replace("-", "")]
        for letters in itertools.islice(itertools.product(*choices), MAX_KEYS):
            key = _DOUBLED.sub(r"\1", "".join(letters))
            if sum(c.isalpha() for c in key) >= MIN_LETTERS:
                found.append(key)
    return found
