"""Discover names spelled more than one way that the glossary does not cover yet.

Forms are folded the way romanizations of Arabic vary (article, apostrophes and ʿayn/hamza marks,
doubled letters, vowel spellings, a final h, hyphens and spaces); forms with the same fold are one
name. The majority form is proposed as preferred.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import regex

from .glossary import fold
from .model import LineIndex

# A name: an optional Arabic article, then a capitalized word; compound names keep their first part.
NAME = regex.compile(
    r"(?<![\p{L}\p{M}'’ʿʾ\-])"
    r"(?:(?:Abu|Abd|Abdel|Abdul|Bin|Ibn|Umm|Bint)[ \t]+)?"
    r"(?:(?:[Aa]l|[Ee]l)(?:-[ \t]?|[ \t]|(?=\p{Lu})))?"
    r"\p{Lu}[\p{Ll}\p{M}'’ʿʾ]*(?:-\p{Lu}[\p{Ll}\p{M}'’ʿʾ]*)*"
    r"(?![\p{L}\p{M}])"
)
_ARTICLE = regex.compile(r"^(?:al|el|ul|ad|an|ar|as|ash|at|az)(?:-\s?|\s)", regex.IGNORECASE)
_GLUED_ARTICLE = regex.compile(r"^(?:[Aa]l|[Ee]l)(?=\p{Lu})")
_MARKS = str.maketrans("", "", "'’‘ʼʿʾ`")
# Spellings that romanizations swap, longer patterns first: vowels (ou/oo/o/u, ee/ei/ie/i, e/a),
# the semivowels written as vowels (w/u, y/i), and French dj for j.
_VOWELS = [
    ("dj", "j"), ("ou", "u"), ("oo", "u"), ("o", "u"), ("w", "u"), ("ee", "i"), ("ei", "i"), ("ie", "i"),
    ("y", "i"), ("e", "a"),
]
MIN_LETTERS = 3


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


def fold_name(form: str) -> str:
    """The key under which romanizations of one Arabic name meet: Rasool/Rasul, Da’ash/Daash."""
    text = _GLUED_ARTICLE.sub("", form)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = _ARTICLE.sub("", text.casefold()).translate(_MARKS)
    text = regex.sub(r"[\s\-]+", "", text)
    for written, key in _VOWELS:
        text = text.replace(written, key)
    text = regex.sub(r"(.)\1+", r"\1", text)
    return regex.sub(r"(?<=..)h$", "", text)


def _surface(form: str) -> str:
    """A spelling with its article written one way, so "Al- Baaj" and "al-Baaj" are the same form."""
    form = regex.sub(r"^(?:[Aa]l|[Ee]l)(?:-[ \t]?|[ \t]|(?=\p{Lu}))", "al-", form)
    return regex.sub(r"[ \t]+", " ", form)


def collect(sources: Iterable[tuple[str, str]]) -> dict[str, dict[str, Form]]:
    """Every name form in the texts, grouped by fold: {fold: {surface form: Form}}."""
    groups: dict[str, dict[str, Form]] = {}
    for source, text in sources:
        lines = LineIndex(text)
        for match in NAME.finditer(text):
            written = match.group()
            key = fold_name(written)
            if sum(c.isalpha() for c in key) < MIN_LETTERS or written.isupper():
                continue
            form = groups.setdefault(key, {}).setdefault(_surface(written), Form(_surface(written)))
            form.count += 1
            if len(form.places) < 3:
                form.places.append((source, *lines.position(match.start())))
    return groups


def suggest(
    sources: Iterable[tuple[str, str]],
    covered: Iterable[tuple[str, Sequence[str]]] = (),
    is_english_word: Callable[[str], bool] = lambda word: False,
) -> list[Suggestion]:
    """Names spelled more than one way, best first. `covered` are the glossary's (preferred, forms)
    entries; `is_english_word` keeps ordinary words out."""
    glossary = {fold(form): preferred for preferred, forms in covered for form in (preferred, *forms)}
    found = []
    for forms in collect(sources).values():
        distinct = _distinct(forms.values())
        if len(distinct) < 2 or any(is_english_word(f.text.lower()) for f in distinct):
            continue
        suggestion = _suggestion(distinct, glossary)
        if suggestion is not None:
            found.append(suggestion)
    return sorted(found, key=lambda s: (-s.score, s.preferred.text))


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


def _suggestion(forms: list[Form], glossary: dict[str, str]) -> Suggestion | None:
    known = [glossary[fold(f.text)] for f in forms if fold(f.text) in glossary]
    unknown = [f for f in forms if fold(f.text) not in glossary]
    if not unknown:
        return None  # the glossary already covers every spelling
    if known:
        preferred = next(f for f in forms if fold(f.text) in glossary)
        variants = unknown
    else:
        preferred, variants = forms[0], forms[1:]
    similarity = max(_similarity(preferred.text, v.text) for v in variants)
    score = similarity * sum(f.count for f in forms)
    return Suggestion(preferred, variants, round(score, 2), known[0] if known else None)


def _similarity(a: str, b: str) -> float:
    """1 minus the edit distance over the longer length, on case-folded text."""
    a, b = a.casefold(), b.casefold()
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return 1 - previous[-1] / max(len(a), len(b), 1)


def as_yaml(suggestions: Sequence[Suggestion]) -> str:
    """Ready-to-paste glossary entries, each with where its forms occur as a comment."""
    lines = ["terms:"]
    for s in suggestions:
        counts = ", ".join(f"{f.text} ({f.count})" for f in s.forms)
        where = "; ".join(f"{src}:{line}" for f in s.forms for src, line, _ in f.places[:1])
        lines.append(f"  # {counts} — {where}" + (f"; extends the entry for {s.extends}" if s.extends else ""))
        lines.append(f"  - preferred: {_quoted(s.extends or s.preferred.text)}")
        lines.append(f"    variants: [{', '.join(_quoted(v.text) for v in s.variants)}]")
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
