"""A checker's flags made worth an editor's time: a house choice is not an error, and a word is judged once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ..model import Flag

# Harper's flags on a prefix joined by a hyphen (`co-star`, `re-election`, `mid-term`): the hyphen is a
# house or dialect choice, not an error; a prefix written apart (`over paying`) is still flagged.
_STYLE_ON_HYPHEN = frozenset({"HP:DisjointPrefixes"})
_SPELLING_RULES = frozenset({"HP:SpellCheck", "HP:SplitWords"})


def worth_reading(flags: Sequence[Flag], text: str, once: bool = True) -> list[Flag]:
    """The flags less hyphen-style ones, with (`once`) a misspelling flagged once a document, at its first
    occurrence, saying how often it recurs: the editor decides on the word once."""
    kept = [flag for flag in flags if not (flag.rule in _STYLE_ON_HYPHEN and "-" in text[flag.start : flag.end])]
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
