"""Across an archive with its Arabic sources: Arabic words that the English renders two ways (النائمة as
"sleeper" here and "sleeping" there), found by co-occurrence over aligned paragraph pairs.

An English word renders an Arabic word when, over the pairs, they go together (Dice's coefficient) and
the English word seldom appears without it. Two renderings of one Arabic word that never share a
paragraph and are spelled alike (so: two forms of one term, not two words of one phrase) are one term
written two ways (names too, when their spellings are alike: Rasool and Rasul)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import combinations

from ..source import arabic_words
from ..source.align import pair_texts

MIN_PAIRS = 2  # pairs an English word and the Arabic word share, at least
MIN_DICE = 0.4
MIN_LOYALTY = 0.6  # share of an English word's pairs that have the Arabic word
MIN_LIKENESS = 0.6  # spelling likeness of two renderings of one term
MIN_ARABIC = 4
ENGLISH_WORD = re.compile(r"(?<![\w'’-])[a-z]{4,}(?![\w'’-])")
ENGLISH_STOP = frozenset(
    "that this with from have were been they their there which about would could said says also into than "
    "them then these those while when where what after before over under more most some such only other "
    "being will shall just very".split()
)


@dataclass(frozen=True)
class Rendering:
    """An Arabic word (normalized, clitics off) and the English words rendering it, with their counts."""

    source: str
    forms: tuple[tuple[str, int], ...]  # most frequent first


def renderings(pairs: Iterable[tuple[str, str]], known: frozenset[str] = frozenset()) -> list[Rendering]:
    """Arabic words rendered two or more ways across the (English, source) texts; words in `known`
    (the glossary's forms, folded) are left out."""
    english_count: Counter[str] = Counter()
    source_count: Counter[str] = Counter()
    together: Counter[tuple[str, str]] = Counter()
    english_pairs: Counter[tuple[str, str]] = Counter()
    first_seen: dict[str, int] = {}  # the order Arabic words are first met in, to write a phrase in order
    for english, source in pairs:
        for pair in pair_texts(source, english):
            if not pair.source or not pair.target:
                continue
            target, written = pair.texts(source, english)
            words = _english_words(target) - known
            stems = arabic_words.core_words(written, MIN_ARABIC)  # shorter: mostly pieces of foreign names
            english_count.update(words)
            source_count.update(stems)
            for stem in stems:  # in the order they are written
                first_seen.setdefault(stem, len(first_seen))
            together.update((s, w) for s in stems for w in words)
            english_pairs.update(combinations(sorted(words), 2))
    by_source: dict[str, list[str]] = {}
    for (stem, word), both in together.items():
        if both >= MIN_PAIRS and both / english_count[word] >= MIN_LOYALTY:
            if 2 * both / (english_count[word] + source_count[stem]) >= MIN_DICE:
                by_source.setdefault(stem, []).append(word)
    phrases: dict[tuple[tuple[str, int], ...], list[str]] = {}  # Arabic words rendered alike form one phrase
    for stem, candidates in by_source.items():
        group = _two_ways(candidates, english_pairs)
        if group:
            forms = tuple(sorted(((w, together[(stem, w)]) for w in group), key=lambda f: (-f[1], f[0])))
            phrases.setdefault(forms, []).append(stem)
    found = [Rendering(" ".join(sorted(stems, key=first_seen.__getitem__)), forms) for forms, stems in phrases.items()]
    return sorted(found, key=lambda r: (-sum(n for _, n in r.forms), r.source))


def _two_ways(words: list[str], english_pairs: Counter[tuple[str, str]]) -> list[str]:
    """The words among `words` that are one term written differently: alike, never in one paragraph, and
    not two inflections of one word (restaurant, restaurants; celebrated, celebrating)."""
    group: set[str] = set()
    for a, b in combinations(sorted(words), 2):
        if english_pairs[(a, b)] or _inflections(a, b):
            continue
        if SequenceMatcher(None, a, b).ratio() >= MIN_LIKENESS:
            group |= {a, b}
    return sorted(group)


def _inflections(a: str, b: str) -> bool:
    """Whether two words are one word with English inflectional endings (-s, -es, -ed, -ing), a final
    consonant doubled before them (stopped, stops) or a final e dropped (averaged, average)."""
    stem = 0
    while stem < min(len(a), len(b)) and a[stem] == b[stem]:
        stem += 1
    endings = {a[stem:], b[stem:]}
    base = a[:stem]
    doubled = {e[1:] for e in endings if len(e) > 1 and base and e[0] == base[-1]}
    return endings <= INFLECTIONS or (endings - {e for e in endings if e[1:] in doubled}) | doubled <= INFLECTIONS


INFLECTIONS = frozenset({"", "s", "es", "ed", "d", "ing", "e"})


def _english_words(text: str) -> set[str]:
    return {w for w in ENGLISH_WORD.findall(text.casefold()) if w not in ENGLISH_STOP}


def renderings_yaml(terms: Iterable[Rendering]) -> str:
    """The renderings as glossary entries for an editor to check (the most frequent word preferred),
    commented out: two words for one source word may both be right in their places."""
    lines = []
    for term in terms:
        (preferred, _), *others = term.forms
        counts = ", ".join(f"{word} ({count})" for word, count in term.forms)
        lines += [
            f"  # {term.source} is rendered {counts}; to make it one, uncomment:",
            f"  # - preferred: {preferred}",
            f"  #   variants: [{', '.join(word for word, _ in others)}]",
            f"  #   source: [{term.source}]",
        ]
    return "\n".join(lines) + ("\n" if lines else "")
