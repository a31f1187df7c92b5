"""What the editors' desk offers to add to the glossary from an archive: `glossary suggest`'s proposals, each as
"add as a variant of …" or "new entry", and the names the glossary does not know, for "add to names"."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..glossary.loader import Glossary
from ..glossary.names import unknown_names
from ..model import LineIndex, Location
from .name_variants import Suggestion, suggest

VARIANT, ENTRY = "variant", "entry"


@dataclass(frozen=True)
class Candidate:
    """A proposed glossary edit: `variants` added to the entry `preferred` (action "variant"), or a new entry
    (action "entry"); `suggestion` holds the counts and places."""

    action: str
    preferred: str
    variants: tuple[str, ...]
    suggestion: Suggestion


def candidates(
    glossary: Glossary, articles: Iterable[tuple[str, str]], is_english_word: Callable[[str], bool] = lambda w: False
) -> list[Candidate]:
    """`glossary suggest`'s proposals for the (name, text) articles, best first, each as the edit it asks for."""
    covered = [(t.preferred, t.variants) for t in glossary.terms]
    return [
        Candidate(VARIANT if s.extends else ENTRY, s.extends or s.preferred.text, tuple(v.text for v in s.variants), s)
        for s in suggest(articles, covered, is_english_word)
    ]


@dataclass
class UnknownName:
    """A name the glossary does not know: how often it occurs, its spellings (differing in case), the articles
    it is in and its first place; what `cleanup glossary names` lists."""

    name: str
    count: int = 0
    spellings: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    first: Location = Location("")


def names_unknown(
    glossary: Glossary, articles: Iterable[tuple[str, str]], is_english_word: Callable[[str], bool]
) -> list[UnknownName]:
    """The names of the (name, text) articles that the glossary does not know, most frequent first."""
    found: dict[str, UnknownName] = {}
    known = glossary.spelling_words
    for article, text in articles:
        lines = LineIndex(text)
        for name, offset in unknown_names(text, known, is_english_word):
            entry = found.get(name.casefold())
            if entry is None:
                entry = found[name.casefold()] = UnknownName(name, first=Location(article, *lines.position(offset)))
            entry.count += 1
            if name not in entry.spellings:
                entry.spellings.append(name)
            if not entry.articles or entry.articles[-1] != article:
                entry.articles.append(article)
    return sorted(found.values(), key=lambda n: (-n.count, n.name.casefold()))
