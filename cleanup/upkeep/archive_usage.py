"""Across an archive, how each glossary entry is used: per form (the preferred form and each variant), how
often and in which articles. Variants are counted where the glossary's matcher changes them (or suggests a
change), so the counts are what `fix` would touch; preferred forms where they are written. Rebuilt from the
articles each time: nothing is stored beside them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..glossary.loader import Glossary
from ..glossary.terms import Term
from ..model import Location
from ..words.keys import HORIZONTAL_SPACE, TOKEN, fold, fold_keep_case


@dataclass
class FormUsage:
    """One form of an entry: how often it occurs and in which articles (first seen first). `listed`: the
    glossary writes it (a spelling the matcher reached another way, a plural, is not listed)."""

    form: str
    count: int = 0
    articles: list[str] = field(default_factory=list)
    listed: bool = True

    def seen(self, article: str) -> None:
        """One more occurrence, in `article` (articles are read one after another)."""
        self.count += 1
        if not self.articles or self.articles[-1] != article:
            self.articles.append(article)


@dataclass
class EntryUsage:
    """A glossary entry's use across an archive: its preferred form and every variant (listed ones in the
    glossary's order, then other spellings the entry changed)."""

    preferred: FormUsage
    variants: list[FormUsage]
    rule: str
    where: Location | None

    @property
    def articles(self) -> list[str]:
        """Every article that writes one of the entry's forms."""
        return list(dict.fromkeys(a for form in (self.preferred, *self.variants) for a in form.articles))


def archive_usage(glossary: Glossary, articles: Iterable[tuple[str, str]]) -> list[EntryUsage]:
    """Each entry of `glossary` (names too), in its order, with the use of its forms in the (name, text) articles."""
    entries = [_empty(term) for term in glossary.terms]
    by_rule = {term.rule: entry for term, entry in zip(glossary.terms, entries, strict=True)}
    preferred = _PhraseTable((term.preferred, entry) for term, entry in zip(glossary.terms, entries, strict=True))
    case_variants = {  # variants that differ from the preferred form in case only: written so, they are no use of it
        id(entry): {fold_keep_case(v) for v in term.variants if fold(v) == fold(term.preferred)}
        for term, entry in zip(glossary.terms, entries, strict=True)
    }
    for name, text in articles:
        for edit in glossary.matcher.edits(text):
            entry = by_rule.get(edit.rule)
            if entry is not None:
                _variant(entry, text[edit.start : edit.end]).seen(name)
        for entry, written in preferred.found(text):
            if fold_keep_case(written) not in case_variants.get(id(entry), ()):
                entry.preferred.seen(name)
    return entries


def _empty(term: Term) -> EntryUsage:
    return EntryUsage(FormUsage(term.preferred), [FormUsage(v) for v in term.variants], term.rule, term.where)


def _variant(entry: EntryUsage, written: str) -> FormUsage:
    """The entry's form that `written` is (by matching key), or a new unlisted one."""
    key = fold(written)
    for form in entry.variants:
        if fold(form.form) == key:
            return form
    entry.variants.append(FormUsage(written, listed=False))
    return entry.variants[-1]


class _PhraseTable:
    """Phrases looked up by their first word's key, so a text is read once whatever the number of phrases."""

    def __init__(self, phrases: Iterable[tuple[str, EntryUsage]]) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], EntryUsage]]] = {}
        for phrase, entry in phrases:
            words = tuple(fold(w.group()) for w in TOKEN.finditer(phrase))
            if words:
                self.by_first.setdefault(words[0], []).append((words, entry))

    def found(self, text: str) -> Iterable[tuple[EntryUsage, str]]:
        """The entry of each phrase written in `text` (words one run of spaces apart, any case), and the text
        as written there."""
        tokens = list(TOKEN.finditer(text))
        keys = [fold(t.group()) for t in tokens]
        for index, key in enumerate(keys):
            for words, entry in self.by_first.get(key, ()):
                end = index + len(words)
                if tuple(keys[index:end]) == words and all(
                    HORIZONTAL_SPACE.fullmatch(text, tokens[i].end(), tokens[i + 1].start())
                    for i in range(index, end - 1)
                ):
                    yield entry, text[tokens[index].start() : tokens[end - 1].end()]
