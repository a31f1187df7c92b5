"""A checker's flags made worth an editor's time: a house choice is not an error, and a word is judged once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ..lazyregex import lazy_compile
from ..model import Flag
from ..words.sentences import is_abbreviation

# Harper's flags on a prefix joined by a hyphen (`co-star`, `re-election`, `mid-term`): the hyphen is a
# house or dialect choice, not an error; a prefix written apart (`over paying`) is still flagged.
_STYLE_ON_HYPHEN = frozenset({"HP:DisjointPrefixes"})
_SPELLING_RULES = frozenset({"HP:SpellCheck", "HP:SplitWords"})


def worth_reading(flags: Sequence[Flag], text: str, once: bool = True) -> list[Flag]:
    """The flags less hyphen-style ones and spelling flags on names a dictionary cannot hold, with a run of
    unknown words (a phrase in another language) flagged as one, and (`once`) a misspelling flagged once a
    document, at its first occurrence, saying how often it recurs: the editor decides on the word once."""
    kept = [
        flag
        for flag in flags
        if not (flag.rule in _STYLE_ON_HYPHEN and "-" in text[flag.start : flag.end])
        and not (flag.rule in _SPELLING_RULES and _brand_or_name_part(text, flag.start, flag.end))
    ]
    kept = _foreign_runs(kept, text)
    if not once:
        return kept
    spelled = Counter(text[f.start : f.end] for f in kept if f.rule in _SPELLING_RULES)
    seen: set[str] = set()
    out = []
    for flag in sorted(kept, key=lambda f: (f.start, f.end)):
        word = text[flag.start : flag.end]
        if flag.rule in _SPELLING_RULES:
            if word in seen:
                continue
            seen.add(word)
            if spelled[word] > 1:
                flag = replace(flag, message=f"{flag.message} (written so {spelled[word]} times)")
        out.append(flag)
    return out


# A brand or a name no dictionary holds: a capitalised word with a capital inside (`YouGov`, `MeToo`; not
# `ofAllah`, two words run together) or letters and digits (`HER2`);
# a lowercase part joined by a hyphen to a capitalised one (`Kim Jong-un`, `Park Byeong-seug`).
_INNER_CAPITAL_OR_DIGIT = lazy_compile(
    r"\p{Lu}\p{L}*\p{Ll}\p{Lu}[\p{L}\p{N}]*|\p{L}+(?:\p{L}\p{N}|\p{N}\p{L})[\p{L}\p{N}]*"
)
# A dateline: a place in capitals starting a line, then a comma, a parenthesis or a dash (`BAGHDAD, 3 March —`).
_DATELINE = lazy_compile(r"\p{Lu}[\p{Lu}'’ -]*(?:,|[ \t]*\(|[ \t]+[—–-])")
_ACRONYM_PLURAL = lazy_compile(r"\p{Lu}{2,}['’]?s")
_CAPITALISED_BEFORE_HYPHEN = lazy_compile(r"\p{Lu}\p{Ll}*-\Z")


def _brand_or_name_part(text: str, start: int, end: int) -> bool:
    """Whether a flagged word is a brand written with inner capitals or digits, an acronym's plural (`MPs`),
    an abbreviation the sentence rules know (`Roe v. Wade`, `U.S. Sens.`),
    a word in capitals the text also writes in lowercase or capitalised (a dateline's `BAGHDAD`), or a
    lowercase part of a hyphenated name."""
    word = text[start:end]
    if _INNER_CAPITAL_OR_DIGIT.fullmatch(word) or _ACRONYM_PLURAL.fullmatch(word) or is_abbreviation(text, start, end):
        return True
    if len(word) > 1 and word.isupper() and (word.capitalize() in text or word.lower() in text):
        return True
    if word.isupper() and _DATELINE.match(text, start) and (start == 0 or text[start - 1] in "\r\n"):
        return True
    return text[start : start + 1].islower() and bool(
        _CAPITALISED_BEFORE_HYPHEN.search(text, max(0, start - 20), start)
    )


FOREIGN_RUN = 3  # unknown words in a row that are a phrase in another language, not misspellings
_BETWEEN_WORDS = lazy_compile(r"[ \t,;:'’]*")


def _foreign_runs(flags: list[Flag], text: str) -> list[Flag]:
    """Spelling flags on FOREIGN_RUN or more words in a row become one flag on the phrase, without suggestions."""
    out: list[Flag] = []
    run: list[Flag] = []
    for flag in [*sorted(flags, key=lambda f: (f.start, f.end)), None]:
        if (
            flag is not None
            and flag.rule in _SPELLING_RULES
            and run
            and _BETWEEN_WORDS.fullmatch(text, run[-1].end, flag.start)
        ):
            run.append(flag)
            continue
        if len(run) >= FOREIGN_RUN:
            message = (
                f"{len(run)} words in a row no dictionary holds: a phrase in another language? (italics, a translation)"
            )
            out.append(replace(run[0], end=run[-1].end, message=message, suggestions=()))
        else:
            out.extend(run)
        run = [flag] if flag is not None and flag.rule in _SPELLING_RULES else []
        if flag is not None and not run:
            out.append(flag)
    return out
