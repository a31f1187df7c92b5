"""Checks of a translation against its Arabic source, paragraph pair by paragraph pair: flags only, rule ids
SRC…, category "source", each with the span of the source it refers to."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Protocol

from ..model import Flag, Severity, SourcePair
from ..words.arabic_script import ARABIC_RUN, has_arabic
from ..words.keys import fold
from . import arabic_words
from .numbers import Number, numbers

CATEGORY = "source"
# Arabic words for numbers (normalized), cardinal and ordinal ("Radio 4" is إذاعة الرابعة, "1 October" الأول
# من أكتوبر): they stand for a number the English writes in digits.
_NUMBER_WORDS = {
    1: "واحد واحدة أول أولى", 2: "اثنان اثنين اثنتان اثنتين ثاني ثانية", 3: "ثلاث ثلاثة ثالث ثالثة",
    4: "أربع أربعة رابع رابعة", 5: "خمس خمسة خامس خامسة", 6: "ست ستة سادس سادسة", 7: "سبع سبعة سابع سابعة",
    8: "ثمان ثماني ثمانية ثامن ثامنة", 9: "تسع تسعة تاسع تاسعة", 10: "عشر عشرة عاشر عاشرة", 20: "عشرون عشرين",
}  # fmt: skip
ARABIC_NUMBER_WORDS = {
    arabic_words.normalize(word): value for value, forms in _NUMBER_WORDS.items() for word in forms.split()
}


class Term(Protocol):
    """A glossary term as the source checks read it (the glossary's `Term` is one)."""

    @property
    def preferred(self) -> str: ...
    @property
    def variants(self) -> tuple[str, ...]: ...
    @property
    def source(self) -> tuple[str, ...]: ...  # its forms in the Arabic source
    @property
    def also(self) -> tuple[str, ...]: ...  # other English words rendering those forms


def source_flags(english: str, source: str, pairs: Sequence[SourcePair], terms: Sequence[Term]) -> Iterator[Flag]:
    """Every SRC flag of `english` (offsets into it) against `source`, their paragraphs paired as `pairs`
    (source.align.pair_texts)."""
    with_forms = tuple(term for term in terms if term.source)
    last_end = 0  # where the English reached: an untranslated source paragraph is flagged there
    for pair in pairs:
        if not pair.target:
            first, last = pair.source[0], pair.source[-1]
            message = "the source paragraph here has no translation"
            yield _flag(last_end, last_end, "SRC007", message, first.start, last.end)
            continue
        last_end = pair.target[-1].end
        yield from _pair_flags(english, source, pair, with_forms)
    for match in ARABIC_RUN.finditer(english):
        yield _flag(match.start(), match.end(), "SRC005", "Arabic script in the English: translate or transliterate it")


def _pair_flags(english: str, source: str, pair: SourcePair, terms: Sequence[Term]) -> Iterator[Flag]:
    start, end = pair.target[0].start, pair.target[-1].end
    if pair.source and not english[start:end].strip():
        message = "this line is empty; its source has a paragraph here"
        yield _flag(start, start, "SRC007", message, pair.source[0].start, pair.source[-1].end)
        return
    if not pair.source:
        yield _flag(start, end, "SRC007", "this paragraph has no paragraph in the source")
        return
    s_start, s_end = pair.source[0].start, pair.source[-1].end
    target, original = english[start:end], source[s_start:s_end]
    if _same(target, original) and has_arabic(original):
        yield _flag(start, end, "SRC006", "this paragraph is the source itself, untranslated", s_start, s_end)
        return
    yield from _number_flags(target, start, end, original, s_start, s_end)
    yield from _term_flags(target, start, end, original, s_start, s_end, terms)


def _same(target: str, original: str) -> bool:
    """Whether two paragraphs are one text, however each program wrote its Arabic (presentation forms,
    marks, joiners)."""
    return fold(arabic_words.normalize(target).strip()) == fold(arabic_words.normalize(original).strip())


def _number_flags(target: str, start: int, end: int, original: str, s_start: int, s_end: int) -> Iterator[Flag]:
    """Numbers on one side and not the other, compared as values (٦٠٠ is 600, "2.8 مليار" is £2.8bn). Number
    words (six, ستة), decades, ordinals, times and fractions stand for a number written on the other
    side, but never raise a flag themselves."""
    in_source = numbers(original)
    in_target = numbers(target, words=True)
    source_words = [
        Number(a, b, tuple(str(ARABIC_NUMBER_WORDS[s]) for s in stems), weak=True)
        for a, b, w in arabic_words.words(original)
        if (stems := [s for s in arabic_words.article_stems(w) if s in ARABIC_NUMBER_WORDS])
    ]
    for number in _unmatched(in_source, in_target):
        message = f"the source has the number {number.value} here; the translation does not"
        yield _flag(start, end, "SRC001", message, s_start + number.start, s_start + number.end)
    for number in _unmatched([n for n in in_target if n.end - n.start], [*in_source, *source_words]):
        if target[number.start : number.end][:1].isdigit():
            message = f"{number.value} is not in the source paragraph"
            yield _flag(start + number.start, start + number.end, "SRC002", message, s_start, s_end)


def _unmatched(found: Sequence[Number], available: Sequence[Number]) -> Iterator[Number]:
    """The strong numbers of `found` that no number of `available` can stand for (each used once: the first
    left that shares a value), found through an index by value (a paragraph may hold thousands)."""
    by_value: dict[str, list[int]] = {}
    for index, other in enumerate(available):
        for value in set(other.values):
            by_value.setdefault(value, []).append(index)
    first_left = dict.fromkeys(by_value, 0)  # for each value: where its unused numbers start in its list
    used: set[int] = set()
    for number in found:
        match = None
        for value in set(number.values) & by_value.keys():
            indices, at = by_value[value], first_left[value]
            while at < len(indices) and indices[at] in used:
                at += 1
            first_left[value] = at
            if at < len(indices) and (match is None or indices[at] < match):
                match = indices[at]
        if match is not None:
            used.add(match)
        elif not number.weak:
            yield number


def _term_flags(target: str, start: int, end: int, original: str, s_start: int, s_end: int, terms) -> Iterator[Flag]:
    found = arabic_words.words(original)
    for term in terms:
        in_source = next(arabic_words.forms_in(found, term.source), None)
        in_target = _english_form(term).search(target)
        if in_source and not in_target and not (term.also and _english_form(term, also=True).search(target)):
            a, b, form = in_source
            message = f"the source has “{form}” ({term.preferred}); the translation has neither “{term.preferred}” nor a variant of it"
            yield _flag(start, end, "SRC003", message, s_start + a, s_start + b)
        elif in_target and not in_source:
            message = f"“{term.preferred}” is here but none of its Arabic forms is in the source paragraph"
            flag = _flag(start + in_target.start(), start + in_target.end(), "SRC004", message, s_start, s_end)
            yield replace(flag, severity=Severity.NOTE)  # often a pronoun or a paraphrase in the source


@functools.lru_cache(maxsize=1024)
def _english_form(term: Term, also: bool = False) -> re.Pattern[str]:
    """The term's preferred form or any variant (or its `also` words) as whole words, in any case, with
    either apostrophe."""
    forms = sorted(set(term.also) if also else {term.preferred, *term.variants}, key=len, reverse=True)
    written = (re.escape(f).replace("'", "['’]").replace("’", "['’]") for f in forms)
    return re.compile(r"(?<!\w)(?:" + "|".join(written) + r")(?!\w)", re.IGNORECASE)


def _flag(start: int, end: int, rule: str, message: str, s_start: int = -1, s_end: int = -1) -> Flag:
    return Flag(start, end, rule, message, category=CATEGORY, source_start=s_start, source_end=s_end)
