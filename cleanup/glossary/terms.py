"""Glossary terms as data: a preferred form, its variants and what the entry says about them."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Location


@dataclass(frozen=True)
class Example:
    """A self-test: the glossary must turn `before` into `after`."""

    before: str
    after: str
    where: Location | None = None


@dataclass(frozen=True)
class Term:
    """A preferred form and the variants that must become it."""

    preferred: str
    variants: tuple[str, ...] = ()
    note: str = ""
    examples: tuple[Example, ...] = ()
    where: Location | None = None
    article: str = ""  # "a" or "an" when the preferred form's spoken start is not obvious
    unless: tuple[str, ...] = ()  # phrases written around a variant where the entry does not apply
    sense: str = ""  # "name": variants change only where they are used as a personal name
    source: tuple[str, ...] = ()  # the term's forms in the Arabic source (checked against it, never replaced)
    also: tuple[str, ...] = ()  # other English words that render those forms (Welsh for ويلز); never replaced
    person: str = ""  # the one person a surname entry is about ("Yahya Rasool"): a lone surname needs them named
    sense_words: tuple[str, ...] = ()  # words that show the entry's sense; none in the paragraph: only a suggestion
    other_sense_words: tuple[str, ...] = ()  # words that show another sense; one in the sentence: only a suggestion
    any_case: bool = False  # a capitalised variant written in lower case is still the name (`case: any`)

    @property
    def rule(self) -> str:
        """The id under which this term's changes are reported."""
        return "GL:" + "-".join(self.preferred.split())

    @property
    def reason(self) -> str:
        """The one-line reason shown with every change this term makes."""
        reason = f"house glossary: use “{self.preferred}”"
        if self.person and self.person not in self.note:
            reason += f" for {self.person}"
        return f"{reason} ({self.note})" if self.note else reason
