"""Which indefinite article a word takes, by how it is spoken: "an SDF unit", "a UNESCO site", "an hour"."""

from __future__ import annotations

import regex

from ..lazyregex import lazy_compile

# Letters whose spoken name starts with a vowel sound: "an F", "an SDF", "an MP".
VOWEL_NAMED_LETTERS = frozenset("AEFHILMNORSX")
# Words whose h is silent.
SILENT_H = ("hour", "honest", "honor", "honour", "heir", "herb")
# Where usage is split ("an historic"), the rule leaves the writer's choice alone.
EITHER = ("historic", "hotel", "heroic", "hysteric", "habitual")
# Vowel-initial words spoken with a consonant sound ("a unit", "a European", "a one-off").
CONSONANT_SOUND = (
    "one",
    "once",
    "eu",
    "ewe",
    "ouija",
    "uran",
    "ure",
    "uri",
    "uro",
    "use",
    "usu",
    "usa",
    "uten",
    "uti",
    "uto",
    "ukr",
    "uga",
    "ubiq",
    "unanim",
    "unesco",
    "unic",
    "unif",
    "union",
    "uniq",
    "unis",
    "unit",
    "univ",
    "unilat",
    "unix",
    "ufo",
)
_DIGITS = lazy_compile(r"\d[\d,]*")
_VOWEL = regex.compile(r"[AEIOU]")
_CONSONANT_RUN = regex.compile(r"[^AEIOUY]{3}")
_CVC = lazy_compile(r"[^AEIOU][AEIOU][^AEIOU]")


_NOT_LETTER = regex.compile(r"[^\p{L}]")


def article_for(word: str) -> str | None:
    """Return "a" or "an" for `word`, or None where the spoken form cannot be told with confidence."""
    if not word:
        return None
    if word[0].isdigit():
        return _for_number(word)
    first = word.split("-", 1)[0]
    if first != word:  # a compound is spoken from its first element: "an SDF-held", "a well-known", "an x-ray"
        return _for_letter(first) if len(first) == 1 and first.isalpha() else article_for(first)
    letters = _NOT_LETTER.sub("", word)
    if not letters:
        return None
    if letters.isupper() and len(letters) > 1:
        return _for_capitals(letters)
    if len(letters) == 1:
        return _for_letter(letters) if letters.isupper() else None  # "an d subject" is a typo, not a letter
    return _for_word(letters.lower())


def _for_letter(letter: str) -> str:
    return "an" if letter.upper() in VOWEL_NAMED_LETTERS else "a"


def spoken_as_word(letters: str) -> bool:
    """Whether an all-capitals word is read as a word ("NATO", "ISIS") rather than letter by letter ("SDF")."""
    return len(letters) >= 4 and bool(_VOWEL.search(letters)) and not _CONSONANT_RUN.search(letters)


def _for_capitals(letters: str) -> str | None:
    """An all-capitals word, spoken letter by letter ("SDF", "US") or as a word ("NATO", "UNESCO").

    Only letters like F, M or S sound different the two ways; for them a pronounceable word of four
    or more letters is read as a word ("a NATO"), three letters consonant-vowel-consonant ("SIM",
    "HIV") are left alone, and anything else is read letter by letter ("an SDF", "an HTML").
    """
    first = letters[0]
    if first in "AEIO":
        return "an"
    if first == "U":
        return "a"  # "you" both ways: "a UN team", "a UNESCO site", "a UCLA scholar"
    if first not in VOWEL_NAMED_LETTERS:
        return "a"
    if spoken_as_word(letters):
        return "a"
    if _CVC.fullmatch(letters):
        return None
    return "an"


def _for_number(word: str) -> str:
    """Numbers as spoken: "an 8", "an 11-year-old", "an 18,000-strong", "an 1895 press", "a 110", "a 1,100"."""
    written = _DIGITS.match(word).group()
    digits = written.replace(",", "")
    if digits[0] == "8":
        return "an"
    if digits[:2] in ("11", "18") and (len(digits) % 3 == 2 or ("," not in written and len(digits) == 4)):
        return "an"
    return "a"


def _for_word(word: str) -> str | None:
    if word.startswith(EITHER):
        return None
    if word.startswith(CONSONANT_SOUND):
        return "a"
    if word[0] == "h":
        return "an" if word.startswith(SILENT_H) else "a"
    if word[0] in "aeio":
        return "an"
    if word[0] == "u":
        return _for_u(word)
    return "a" if word[0].isascii() else None


def _for_u(word: str) -> str | None:
    """u + two consonants or the prefix un- is "an" ("an urban", "an unusual"); other u-words are unknown.

    The "you"-sounding words ("a unit", "a union") were taken out before, by CONSONANT_SOUND."""
    if word.startswith("un"):
        return "an"
    if len(word) > 2 and word[1] not in "aeiou" and word[2] not in "aeiouy":
        return "an"
    return None
