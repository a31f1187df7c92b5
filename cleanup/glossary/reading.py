"""How one match of a glossary variant reads in its context: a use to change, a suggestion, or a mention.

Each match decides for itself. A mention (`known in Arabic as Qasad`, `ISIS (Daesh)` in a sentence about
names), an entry's `unless:` phrase or a common noun under `sense: name` is left as written. Lower case
where the variant is a name, a quoted phrase the sentence talks about, a work's title, a surname that may
belong to another person, an English `the` the preferred form's Arabic article would double, or no word
showing the entry's sense make the change only a suggestion.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

import regex

from ..words.keys import fold
from ..words.sentences import starts_sentence
from .terms import Term
from .usage import Contexts, is_mention, is_naming_gloss, is_word_gloss, quotation_cue, sentence_around, used_as_name

LEAVE = None  # a mention or a context the entry excludes: no change, no suggestion
SAFE = ""  # a use: the change is made
GLOSSARY_CATEGORY = "glossary"  # the flag category of suggestions left unmade (`--apply-suggestions glossary`)


@dataclass(frozen=True)
class Person:
    """The one person a surname entry is about, and how a text names them."""

    full_name: str
    given: tuple[str, ...]  # folded given names, nearest to the surname last
    named: regex.Pattern  # the full name with any of the entry's spellings of the surname

    @classmethod
    def of(cls, term: Term) -> Person:
        words = term.person.split()
        surnames = "|".join(regex.escape(form) for form in (term.preferred, *term.variants))
        given = r"[ \t]+".join(regex.escape(word) for word in words[:-1])
        pattern = regex.compile(rf"\b{given}[ \t]+(?:{surnames})\b", regex.IGNORECASE)
        return cls(term.person, tuple(fold(word) for word in words[:-1]), pattern)


# Words before a surname that are a rank or title, not another person's given name.
_TITLES = frozenset(
    "brig brigadier gen general maj major col colonel lt lieutenant capt captain sgt sergeant cmdr commander "
    "mr mrs ms dr prof professor sheikh shaykh sayyid imam mullah judge minister spokesman spokesperson "
    "president deputy mp official officer envoy ambassador".split()
)
_WORD_BEFORE = regex.compile(r"(\p{L}[\p{L}'’-]*)(\.?)[ \t]+\Z")
_NAME_AFTER = regex.compile(r"[ \t]+(\p{Lu}\p{Ll}+)\b")
_BREAK = regex.compile(r"[\r\n]")


class Reader:
    """Reads each match of one glossary's variants in its text; facts about a whole text are found once."""

    def __init__(self, terms: tuple[Term, ...], contexts: dict[Term, Contexts]) -> None:
        self._contexts = contexts
        self._people = {term: Person.of(term) for term in terms if term.person}
        self._sense_words = {term: _sense_pattern(term.sense_words) for term in terms if term.sense_words}
        self._other_senses = {term: _sense_pattern(term.other_sense_words) for term in terms if term.other_sense_words}
        self._named: dict[Term, tuple[str, bool]] = {}  # term -> the last text asked about, whether it names them
        # The last text asked about sense words: its line starts, and whether an entry's sense is on a line.
        self._lines: tuple[str, list[int], dict[tuple[Term, int, int], bool]] = ("", [0], {})

    def people_named(self, text: str, low: int, high: int) -> tuple[bool, ...]:
        """Whether text[low:high] names each entry's person (the one fact of a whole text a match reads)."""
        return tuple(person.named.search(text, low, high) is not None for person in self._people.values())

    def read(self, term: Term, text: str, start: int, end: int) -> str | None:
        """LEAVE, SAFE, or why the change is only a suggestion."""
        if self._left(term, text, start, end):
            return LEAVE
        return (  # the first doubt found, asked in turn
            _lower_case(term, text, start, end)
            or _quoted(text, start, end)
            or self._another_person(term, text, start, end)
            or _doubled_article(term, text, start, end)
            or self._unclear_sense(term, text, start, end)
        )

    def _left(self, term: Term, text: str, start: int, end: int) -> bool:
        if is_mention(text, start, end) or is_naming_gloss(text, start, end):
            return True
        if term.sense == "name" and not used_as_name(text, start, end):
            return True
        if (term.sense == "name" or term.person) and is_word_gloss(text, start, end):
            return True  # `the Messenger (Rasul)`: the word glossed, not the person
        contexts = self._contexts.get(term)
        return contexts is not None and contexts.holds(text, start, end)

    def _another_person(self, term: Term, text: str, start: int, end: int) -> str:
        """Why a surname may not be the entry's person: another given name before it, or the person unnamed."""
        person = self._people.get(term)
        if person is None:
            return ""
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        if before and before.group(2) and fold(before.group(1)) not in _TITLES:
            before = None  # a full stop after an ordinary word ends a sentence: no name before the surname
        word = fold(before.group(1)) if before else ""
        if word and word == person.given[-1]:
            return ""
        if (
            before
            and before.group(1)[:1].isupper()
            and word not in _TITLES
            and not starts_sentence(text, before.start(1))
        ):
            return f"“{before.group(1)} {text[start:end]}” may be another person, not {person.full_name}"
        after = _NAME_AFTER.match(text, end)
        if after and not starts_sentence(text, after.start(1)):
            return f"“{text[start:end]} {after.group(1)}” may be another person, not {person.full_name}"
        if not self._names(person, term, text):
            return f"the text does not name {person.full_name}"
        return ""

    def _names(self, person: Person, term: Term, text: str) -> bool:
        """Whether `text` names the person (searched once per text: every match of a pass asks)."""
        cached = self._named.get(term)
        if cached is None or cached[0] is not text:
            cached = (text, person.named.search(text) is not None)
            self._named[term] = cached
        return cached[1]

    def _unclear_sense(self, term: Term, text: str, start: int, end: int) -> str:
        """Why the sense may not be the entry's: its sentence speaks of another (the nearer evidence), or no
        word of its paragraph shows the entry's."""
        other = self._other_senses.get(term)
        if other is not None:
            low, high = sentence_around(text, start, end)
            found = other.search(text, low, high)
            if found:
                return f"“{found.group()}” here shows another sense"
        pattern = self._sense_words.get(term)
        if pattern is None:
            return ""
        if self._sense_on_line(term, pattern, text, start, end):
            return ""
        return f"no word here shows the sense meant ({', '.join(term.sense_words[:4])}…)"

    def _sense_on_line(self, term: Term, pattern: regex.Pattern, text: str, start: int, end: int) -> bool:
        """Whether a sense word is on the line holding `start` (or before `end`): each line searched once per
        term and text (a long line holds thousands of matches), its bounds found in the text's line starts."""
        if self._lines[0] is not text:
            self._lines = (text, [0, *(found.end() for found in _BREAK.finditer(text))], {})
        _, starts, found = self._lines
        line = bisect.bisect_right(starts, start) - 1
        low, high = starts[line], (starts[line + 1] - 1 if line + 1 < len(starts) else len(text))
        key = (term, low, max(high, end))
        if key not in found:
            found[key] = pattern.search(text, low, max(high, end)) is not None
        return found[key]


def _lower_case(term: Term, text: str, start: int, end: int) -> str:
    """Why a name's variant written in lower case inside a sentence may be a common word."""
    found = text[start:end]
    if term.any_case or not found.islower() or not any(char.isupper() for char in term.preferred):
        return ""
    return f"“{found}” is in lower case: it may be a common word, not the name"


def _quoted(text: str, start: int, end: int) -> str:
    cue = quotation_cue(text, start, end)
    if cue == "title":
        return "inside the title of a work, which keeps its own words"
    if cue == "phrase":
        return "inside a quoted phrase the sentence talks about"
    return ""


# A preferred form's Arabic article: al-/el- before any letter, an assimilated one (ash-Sham) before a capital.
_ARABIC_ARTICLE = regex.compile(r"(?:[AaEe]l|[Aa](?:dh|d|n|r|sh|s|th|t|z))(?=[-‐‑]\p{Lu})|[AaEe]l(?=[-‐‑]\p{L})")
_THE_BEFORE = regex.compile(r"\b[Tt]he(?:[ \t]+|[ \t]*(?:\r\n|\r|\n)[ \t]*)\Z")


@functools.lru_cache(maxsize=1 << 14)
def arabic_article(form: str) -> str:
    """The Arabic article a form starts with (`al` of `al-Badia`, `ash` of `ash-Sham`), or ""."""
    found = _ARABIC_ARTICLE.match(form)
    return found.group() if found else ""


def _doubled_article(term: Term, text: str, start: int, end: int) -> str:
    """Why a variant without the Arabic article, after an English `the`, would read `the al-…` once changed:
    the article is said twice (`the Badya` → `the al-Badia`); drop one, the editor decides which."""
    article = arabic_article(term.preferred)
    if not article or text[start:end].lower().startswith(article.lower()):
        return ""
    if not _THE_BEFORE.search(text, max(0, start - 8), start):
        return ""
    return f"“the {term.preferred}” would say the article twice: drop “the” or keep the form without {article}-"


def _sense_pattern(words: tuple[str, ...]) -> regex.Pattern:
    """Any of the sense words, or a word starting with one (`attack` finds `attacked`)."""
    alternatives = "|".join(regex.escape(word) for word in sorted(words, key=len, reverse=True))
    return regex.compile(rf"\b(?:{alternatives})\w*", regex.IGNORECASE)
