"""Discover names spelled more than one way that the glossary does not cover yet.

Forms that share a key (`glossary.name_keys`) are one name; they are grouped through a table keyed by
fold, never compared pairwise. The majority form is proposed as preferred, unless the house glossary
already holds the name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import regex

from ..glossary.name_keys import ARTICLE_WORD, fold_keys
from ..lazyregex import lazy_compile
from ..model import LineIndex
from ..words.keys import fold
from ..words.marks import APOSTROPHES

_APOS = regex.escape(APOSTROPHES)
# A capitalized word; an apostrophe only inside it, and never as a possessive ('s).
_PART = rf"\p{{Lu}}(?:[\p{{Ll}}\p{{M}}]|[{_APOS}](?!s(?![\p{{L}}\p{{M}}]))(?=\p{{L}}))*"
_WORD = rf"{_PART}(?:-{_PART})*"
_PARTICLES = r"(?:Abu|Abou|Abd(?:[aeiou](?:l|th|dh|sh|[tdrzsn])?)?|Bin|Ben|Ibn|Umm|Bint)"
# A name: a particle, an article, a capitalized word, then words joined by an article
# (Deir ez-Zor, Deir al-Zour) or written with the article glued and assimilated (Deir Ezzor).
NAME = lazy_compile(
    rf"(?<![\p{{L}}\p{{M}}{_APOS}\-])"
    rf"(?:[{_APOS}](?=\p{{Lu}}))?"
    rf"(?:{_PARTICLES}[ \t]+)?"
    rf"(?:(?:[Aa]l|[Ee]l)(?:-[ \t]?|[ \t]|(?=\p{{Lu}}))|[AEae](?:th|dh|sh|[tdrzsn])-(?=\p{{Lu}}))?"
    rf"{_WORD}"
    rf"(?:[ \t]+(?:{ARTICLE_WORD}-|(?:Al|El)-|(?=[AE](?P<sun>th|dh|sh|[tdrzsn])(?P=sun)\p{{Ll}})){_WORD})*"
    rf"(?![\p{{L}}\p{{M}}])"
)


@dataclass
class Form:
    """One spelling of a name: how often it occurs and where first."""

    text: str
    count: int = 0
    places: list[tuple[str, int, int]] = field(default_factory=list)  # (source, line, column)


@dataclass
class Suggestion:
    """Spellings of one name: the proposed preferred form, the variants, and how sure we are."""

    preferred: Form
    variants: list[Form]
    score: float
    extends: str | None = None  # the glossary's preferred form, when the suggestion adds variants to it

    @property
    def forms(self) -> list[Form]:
        return [self.preferred, *self.variants]


def _surface(form: str) -> str:
    """A spelling with its article written one way, so "Al- Baaj" and "al-Baaj" are the same form
    (the house rules fix those); "Al Baaj" (a space) stays another spelling."""
    form = regex.sub(r"^(?:[Aa]l|[Ee]l)(?:-[ \t]?|(?=\p{Lu}))", "al-", form)
    return regex.sub(r"[ \t]+", " ", form)


def _name_at(match: regex.Match) -> tuple[int, str]:
    """Where a matched name starts and its text: a leading ʿayn or hamza letter (ʿ ʾ) belongs to
    the name, a leading quote or apostrophe (' ’ `) does not (glossary forms start with a letter)."""
    written, start = match.group(), match.start()
    if not written[0].isalpha():
        return start + 1, written[1:]
    return start, written


def collect(articles: Iterable[tuple[str, str]]) -> dict[str, Form]:
    """Every name form in the texts: {surface form: Form}."""
    forms: dict[str, Form] = {}
    for source, text in articles:
        lines = LineIndex(text)
        for match in NAME.finditer(text):
            start, written = _name_at(match)
            if written.isupper():
                continue
            form = forms.setdefault(_surface(written), Form(_surface(written)))
            form.count += 1
            if len(form.places) < 3:
                form.places.append((source, *lines.position(start)))
    return forms


def suggest(
    articles: Iterable[tuple[str, str]],
    covered: Iterable[tuple[str, Sequence[str]]] = (),
    is_english_word: Callable[[str], bool] = lambda word: False,
) -> list[Suggestion]:
    """Names spelled more than one way, best first. `covered` are the glossary's (preferred, forms)
    entries: a spelling they hold is never proposed again, and a new spelling of their name is
    proposed as extending them. `is_english_word` keeps ordinary words out."""
    glossary = _Glossary(covered)
    found = []
    for group in _groups(collect(articles).values(), glossary):
        distinct = _distinct(group)
        if any(is_english_word(fold(f.text)) for f in distinct):  # one apostrophe: Harper splits at `
            continue
        suggestion = _suggestion(distinct, glossary)
        if suggestion is not None:
            found.append(suggestion)
    return sorted(found, key=lambda s: (-s.score, s.preferred.text))


class _Glossary:
    """The glossary's entries by exact form and by fold key."""

    def __init__(self, covered: Iterable[tuple[str, Sequence[str]]]) -> None:
        self.entry_of: dict[str, str] = {}  # fold(form) -> preferred
        self.by_key: dict[str, set[str]] = {}  # fold key -> preferred forms
        for preferred, variants in covered:
            for form in (preferred, *variants):
                self.entry_of[fold(form)] = preferred
                for key in fold_keys(form):
                    self.by_key.setdefault(key, set()).add(preferred)

    def entries(self, forms: Iterable[Form]) -> set[str]:
        """The entries whose forms share a fold key with any of these forms."""
        found: set[str] = set()
        for form in forms:
            if fold(form.text) in self.entry_of:
                found.add(self.entry_of[fold(form.text)])
            for key in fold_keys(form.text):
                found |= self.by_key.get(key, set())
        return found


def _groups(forms: Iterable[Form], glossary: _Glossary) -> list[list[Form]]:
    """Forms that share a fold key, directly or through a chain of forms (union-find over a table
    keyed by fold: linear in the number of forms)."""
    forms = list(forms)
    parent = list(range(len(forms)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with_key: dict[str, int] = {}
    for index, form in enumerate(forms):
        for key in fold_keys(form.text):
            other = first_with_key.setdefault(key, index)
            parent[root(index)] = root(other)
    groups: dict[int, list[Form]] = {}
    for index, form in enumerate(forms):
        groups.setdefault(root(index), []).append(form)
    return [g for g in groups.values() if len(g) > 1 or glossary.entries(g)]


def _distinct(forms: Iterable[Form]) -> list[Form]:
    """Forms that differ in more than letter case (case is the house rules' business)."""
    merged: dict[str, Form] = {}
    for form in sorted(forms, key=lambda f: -f.count):
        key = fold(form.text)
        if key in merged:
            merged[key].count += form.count
        else:
            merged[key] = Form(form.text, form.count, list(form.places))
    return sorted(merged.values(), key=lambda f: (-f.count, f.text))


def _suggestion(forms: list[Form], glossary: _Glossary) -> Suggestion | None:
    """The entry these spellings make: a new one, or new variants of the one glossary entry that
    holds the name. None when the glossary has every spelling or two entries claim the name."""
    unknown = [f for f in forms if fold(f.text) not in glossary.entry_of]
    entries = glossary.entries(forms)
    if not unknown or len(entries) > 1:
        return None
    if entries:
        (entry,) = entries
        preferred = next((f for f in forms if fold(f.text) == fold(entry)), Form(entry))
        variants = [f for f in unknown if f is not preferred]
    else:
        preferred, variants = _closest_to_majority(forms)
    if not variants:
        return None
    similarity = max(spelling_similarity(preferred.text, v.text) for v in variants)
    score = similarity * sum(f.count for f in forms)
    return Suggestion(preferred, variants, round(score, 2), entry if entries else None)


def _closest_to_majority(forms: list[Form]) -> tuple[Form, list[Form]]:
    """The most frequent form and the forms that share a key with it (a chain of look-alikes
    through a third spelling is not proof that its two ends name one person)."""
    preferred = forms[0]
    keys = fold_keys(preferred.text)
    return preferred, [f for f in forms[1:] if not keys.isdisjoint(fold_keys(f.text))]


def spelling_similarity(a: str, b: str) -> float:
    """1 minus the edit distance over the longer length, on case-folded text."""
    a, b = a.casefold(), b.casefold()
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return 1 - previous[-1] / max(len(a), len(b), 1)


def as_yaml(suggestions: Sequence[Suggestion], arabic: Mapping[int, Sequence[str]] = {}) -> str:
    """Ready-to-paste glossary entries, each with where its forms occur as a comment (a valid
    glossary even when empty), and the Arabic forms found for them (by suggestion index)."""
    lines = ["terms:" if suggestions else "terms: []"]
    for index, s in enumerate(suggestions):
        counts = ", ".join(f"{f.text} ({f.count})" for f in s.forms)
        where = "; ".join(f"{src}:{line}" for f in s.forms for src, line, _ in f.places[:1])
        lines.append(f"  # {counts} — {where}" + (f"; extends the entry for {s.extends}" if s.extends else ""))
        lines.append(f"  - preferred: {_quoted(s.extends or s.preferred.text)}")
        lines.append(f"    variants: [{', '.join(_quoted(v.text) for v in s.variants)}]")
        if arabic.get(index):
            lines.append(f"    source: [{', '.join(_quoted(form) for form in arabic[index])}]")
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
