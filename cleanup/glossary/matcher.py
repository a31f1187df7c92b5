"""Glossary terms compiled into one matcher that turns variants into preferred forms."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import NamedTuple

import regex

from ..model import Edit, Safety
from ..words.keys import ENDINGS, HORIZONTAL_SPACE, TOKEN, fold, fold_keep_case, word_key
from ..words.marks import HYPHENS, glued
from ..words.scan import Triggers, match_starts
from ..words.sentences import starts_sentence
from .reading import LEAVE, SAFE, Reader
from .terms import Term
from .usage import Contexts


class _Target(NamedTuple):
    term: Term
    written: str  # the variant or preferred form as the glossary spells it
    is_preferred: bool
    output: str  # what a match becomes: the preferred form, or its singular for a singular variant


class Matcher:
    """All terms compiled into hash tables keyed by folded word n-grams.

    A scan of the folded text finds the words that begin entries; only there does Python look words
    up, one table look-up each whatever the glossary size.
    """

    def __init__(self, terms: Sequence[Term]) -> None:
        self._folded: dict[str, _Target] = {}
        self._exact: dict[str, _Target] = {}
        self._longest: dict[str, int] = {}  # folded first word -> most words of any entry it starts
        contexts: dict[Term, Contexts] = {}
        for term in terms:
            preferred_key = word_key(term.preferred)
            self._add(term.preferred, term, True, term.preferred, preferred_key)
            for variant in term.variants:
                self._add(variant, term, False, term.preferred, preferred_key)
            if term.unless:
                contexts[term] = Contexts(term.unless, term.variants, TOKEN, fold)
        self._reader = Reader(tuple(terms), contexts)
        for term in terms:  # after every written form, so a derived form never displaces one
            self._add_singulars(term)
        case_only = {key.split(" ")[0].casefold() for key in self._exact}  # begin a variant that differs in case
        # A one-word preferred form that begins nothing else can begin no edit but as a case-only variant
        # (one word is never under-capitalised): the scan need not stop at it.
        folded = self._folded
        self._triggers = Triggers(
            [
                word
                for word, most in self._longest.items()
                if most > 1 or word not in folded or not folded[word].is_preferred or word in case_only
            ]
        )

    def _add(self, phrase: str, term: Term, is_preferred: bool, output: str, preferred_key: str | None) -> None:
        """Enter `phrase` of `term` (the first entry of a key stays), turning into `output` where it matches;
        `preferred_key`: the word_key of the term's preferred form."""
        key = word_key(phrase)
        if key is None:
            return
        if not is_preferred and key == preferred_key:
            table, entered = self._exact, word_key(phrase, fold_keep_case) or key  # never None: the same words
        else:
            table, entered = self._folded, key
        if entered not in table:
            table[entered] = _Target(term, phrase, is_preferred, output)
        if " " not in key:
            self._longest.setdefault(key, 1)  # one word: the least any entry a word starts has
            return
        first, most = key.split(" ", 1)[0], key.count(" ") + 1
        if self._longest.get(first, 0) < most:
            self._longest[first] = most

    def _add_singulars(self, term: Term) -> None:
        """A plural common-noun phrase matches in the singular too: `a sleeping cell` -> `a sleeper cell`."""
        preferred = singular_phrase(term.preferred) if term.preferred[:1].islower() else None
        if preferred is None:
            return
        preferred_key = word_key(term.preferred)
        self._add(preferred, term, True, preferred, preferred_key)
        for variant in term.variants:
            singular = singular_phrase(variant)
            if singular is not None:
                self._add(singular, term, False, preferred, preferred_key)

    def edits(self, text: str) -> Iterator[Edit]:
        """Edits that replace every variant in `text` by its preferred form, leftmost-longest first: safe
        where the match is a plain use, unsafe (a suggestion, the reason saying why) where its context
        leaves a doubt."""
        return self._edits_at(text, match_starts(text, self._triggers))

    def edits_between(self, text: str, low: int, high: int) -> Iterator[Edit]:
        """The edits of matches beginning at the tokens of text[low:high] (cut where no word is cut), read in
        the whole text."""
        return self._edits_at(text, (low + start for start in match_starts(text[low:high], self._triggers)))

    def people_named(self, text: str, low: int, high: int) -> tuple[bool, ...]:
        """Whether text[low:high] names each person entry's person."""
        return self._reader.people_named(text, low, high)

    def safe_edits(self, text: str) -> Iterator[Edit]:
        """The edits that are made without asking (what an entry's examples show)."""
        return (edit for edit in self.edits(text) if edit.safety is Safety.SAFE)

    def _edits_at(self, text: str, starts: Iterable[int]) -> Iterator[Edit]:
        """The edits of matches beginning at the tokens at `starts` (sorted; every token would do)."""
        resume = 0
        for start in starts:
            if start < resume:
                continue  # inside words an earlier match used
            resume, edits = self._match_at(text, TOKEN.match(text, start))
            yield from edits

    def _match_at(self, text: str, token: regex.Match) -> tuple[int, list[Edit]]:
        """Where the words tried from `token` end, and the edits they make (none: no entry matched there)."""
        if glued(text, token.start(), token.end()):
            return token.end(), []  # part of a word an invisible character hides: UC001 makes it one word first
        key = fold(token.group())
        longest = self._longest.get(key) or self._stem_longest(key)
        if longest:
            window = _phrase(text, token, longest)
            found = self._longest_match(text, window, len(window))
            if found is not None:
                used, start, end, target = found
                edit = self._edit(target, text, start, end)
                return window[used - 1].end(), [edit] if edit else []
        if "-" in key:
            return token.end(), self._compound_edits(text, token)  # rare: most words hold no hyphen
        return token.end(), []

    def _stem_longest(self, key: str) -> int:
        """Like the `_longest` table, for a word carrying a possessive or plural ending."""
        if not key.endswith("s"):
            return 0
        return max((self._longest.get(key[: -len(e)], 0) for e in ENDINGS if key.endswith(e)), default=0)

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

    def _compound_edits(self, text: str, token: regex.Match) -> list[Edit]:
        """Terms inside a hyphenated compound (`anti-Daesh`, `ISIL-claimed`, `sleeping-cell`, `Daash-Qasad`,
        `ISIL-K`), when every other part is English (`anti`, `claimed`) or a branch's letter (`K`), never an
        Arabic article or particle (`al-`, `bin-`): those are part of a name."""
        parts = list(_COMPOUND_PART.finditer(text, token.start(), token.end()))
        found, rest, index = [], [], 0
        while index < len(parts):
            match = self._longest_match(text, parts[index:], len(parts) - index)
            if match is None:
                rest.append(index)
                index += 1
                continue
            found.append(match)
            index += match[0]
        if not found or (not rest and len(found) == 1 and found[0][0] == 1):
            return []
        if not all(self._english_part(text, parts[i], parts[0]) or _branch_letter(parts, i, rest) for i in rest):
            return []
        edits = []
        for used, start, end, target in found:
            edit = self._edit(target, text, start, end)
            if edit is not None:
                edits.append(replace(edit, replacement=edit.replacement.replace(" ", "-")) if used > 1 else edit)
        return edits

    @staticmethod
    def _english_part(text: str, part: regex.Match, first: regex.Match) -> bool:
        """Whether a part of a compound is English: lowercase (`anti`), or capitalised only because the
        compound starts a sentence (`Anti-Daesh operations…`)."""
        word = part.group()
        if _english_affix(word):
            return True
        lowered = word[:1].lower() + word[1:]
        return part is first and word != lowered and _english_affix(lowered) and starts_sentence(text, part.start())

    def _edit(self, target: _Target, text: str, start: int, end: int) -> Edit | None:
        """The edit for one match: none for a mention or a context the entry excludes, a suggestion where
        the context leaves a doubt."""
        if glued(text, start, end):
            return None  # a phrase ending inside a word an invisible character hides: UC001 joins it first
        if target.is_preferred:
            return _edit_for(target, text, start, end)
        reading = self._reader.read(target.term, text, start, end)
        if reading is LEAVE:
            return None
        edit = _edit_for(target, text, _with_article(target, text, start), end)
        if edit is not None and edit.start < start and text[edit.start].isupper():
            edit = replace(edit, replacement=edit.replacement[:1].upper() + edit.replacement[1:])  # AR003 decides
        if edit is None or reading == SAFE:
            return edit
        return replace(edit, safety=Safety.UNSAFE, reason=f"{edit.reason}; only a suggestion: {reading}")


# Arabic articles and name particles: a compound that starts with one (`al-Badya`) is a name, not a term plus an affix.
ARABIC_PARTICLES = frozenset(
    "al el ul il ad ed ar er as es ash esh at et az ez ath adh an en ab abu ibn bin bint ben umm bani beni bu "
    "wal wa bil fil li lil dhu dhi abd abdel abdul".split()
)
_COMPOUND_PART = regex.compile(rf"[^{regex.escape(HYPHENS)}]+")
_AFFIX = regex.compile(r"\p{Ll}+")


def _branch_letter(parts: list[regex.Match], index: int, rest: list[int]) -> bool:
    """Whether a compound's last part is one or two capitals after a term: a branch (`ISIL-K`)."""
    word = parts[index].group()
    return index == len(parts) - 1 and index - 1 not in rest and len(word) <= 2 and word.isupper()


def _english_affix(part: str) -> bool:
    """Whether a part of a hyphenated compound is an English prefix or word (`anti`, `affiliated`)."""
    return bool(_AFFIX.fullmatch(part)) and part not in ARABIC_PARTICLES


# An Arabic article written before a variant whose preferred form carries it: `the Al- Badya` -> `the al-Badia`.
_ARTICLE_BEFORE = regex.compile(
    rf"(?<![\w{regex.escape(HYPHENS)}])(?:al|el)(?:[{regex.escape(HYPHENS)}][ \t]*|[ \t]+)\Z", regex.IGNORECASE
)
_ARTICLE_START = regex.compile(rf"(?:al|el)[{regex.escape(HYPHENS)}]", regex.IGNORECASE)


def _with_article(target: _Target, text: str, start: int) -> int:
    """Where a match starts once an article written before it is taken in, when the preferred form has one
    and the variant does not (so that rules and glossary never write the article twice)."""
    if not _ARTICLE_START.match(target.output) or _ARTICLE_START.match(text, start):
        return start
    article = _ARTICLE_BEFORE.search(text, max(0, start - 4), start)
    return article.start() if article else start


def singular_phrase(phrase: str) -> str | None:
    """The phrase with its last word made singular (`sleeper cells` -> `sleeper cell`); None for one word
    or a last word that is not a regular plural."""
    words = phrase.split(" ")
    if len(words) < 2:
        return None
    last = words[-1]
    if last.endswith("ies") and len(last) > 4:
        singular = last[:-3] + "y"
    elif last.endswith(("ches", "shes", "sses", "xes")):
        singular = last[:-2]
    elif last.endswith("s") and not last.endswith(("ss", "us", "is")) and len(last) > 3:
        singular = last[:-1]
    else:
        return None
    return " ".join([*words[:-1], singular])


def _phrase(text: str, token: regex.Match, most: int) -> list[regex.Match]:
    """`token` and the words after it separated by spaces or tabs only, `most` words at the most."""
    words = [token]
    while len(words) < most:
        space = HORIZONTAL_SPACE.match(text, words[-1].end())
        word = TOKEN.match(text, space.end()) if space else None
        if word is None:
            break
        words.append(word)
    return words


def _stem_ends(token: regex.Match) -> Iterator[int]:
    """End offsets to try for the last word: the whole word, then without a possessive or plural ending."""
    yield token.end()
    folded = fold(token.group())
    for ending in ENDINGS:
        if folded.endswith(ending) and len(folded) > len(ending):
            yield token.end() - len(ending)


def _edit_for(target: _Target, text: str, start: int, end: int) -> Edit | None:
    """The edit for one match, or None when the text is already in the preferred form."""
    found = text[start:end]
    if target.is_preferred:
        at_start = functools.partial(starts_sentence, text, start)
        if not target.term.variants or not under_capitalized(found, target.written, at_start):
            return None
        replacement = target.written
    else:
        replacement = match_case(target.output, target.written, found)
    if replacement == found:
        return None
    return Edit(start, end, replacement, target.term.rule, target.term.reason, Safety.SAFE)


def under_capitalized(found: str, written: str, at_sentence_start: Callable[[], bool]) -> bool:
    """Whether `found` is a multi-word name written with capitals missing (`Syrian democratic forces`).

    Its first word must be capitalised as the name is, and mid-sentence, or at a sentence start with a
    later capital too, so that ordinary words which happen to spell a name (`foreign policy`) and
    headlines (extra capitals) are left alone. `at_sentence_start` is asked only when it matters: every
    occurrence of a preferred form comes here."""
    found_words, written_words = found.split(), written.split()
    if len(written_words) < 2 or len(found_words) != len(written_words) or _is_all_caps(found):
        return False
    if written_words[0][:1].isupper() and not found_words[0][:1].isupper():
        return False
    missing = [f[:1].islower() and w[:1].isupper() for f, w in zip(found_words, written_words, strict=False)]
    kept_later = [f[:1].isupper() and w[:1].isupper() for f, w in zip(found_words[1:], written_words[1:], strict=False)]
    return any(missing) and (any(kept_later) or not at_sentence_start())


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
    """Whether `text` has two or more cased letters, all capitals (titlecase letters, ǅ, do not count)."""
    if text.isascii():  # the usual case, with str's own test: no titlecase letters to set aside
        return text.isupper() and sum(map(str.isupper, text)) >= 2
    cased = [c for c in text if c.isupper() or c.islower()]
    return len(cased) >= 2 and all(c.isupper() for c in cased)
