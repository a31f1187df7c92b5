"""Grammar and spelling checkers behind one interface (`Checker`): Harper, offline and the default, and
LanguageTool through a server or a local install. This module holds what the command line needs to know
of them without loading any (so that start-up stays light)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..model import Flag

Span = tuple[int, int]
GRAMMAR_BACKENDS = ("harper", "languagetool", "none")
HARPER_DIALECTS = ("american", "british", "australian", "canadian", "indian")
AUTO_DIALECT = "auto"  # American or British, as the article spells (`checkers.harper.spelling_dialect`)
DIALECTS = (AUTO_DIALECT, *HARPER_DIALECTS)
DEFAULT_DIALECT = AUTO_DIALECT
HEADING_CASES = ("any", "sentence", "title")  # the house's heading case; any: not checked
DEFAULT_HEADINGS = "any"
URL_VARIABLE = "CLEANUP_LANGUAGETOOL_URL"  # the environment variable naming a LanguageTool server
# Harper rules off unless a project turns them on (config `harper-disable`): house-style preferences
# (sentence length, the Oxford comma), and rules whose flags were no likelier to be right than the base
# rate of human corrections on the CWEB development set (bench/grammar_precision.py).
HARPER_OFF_BY_DEFAULT = (
    "LongSentences",
    "OxfordComma",
    "NumericRangeEnDash",
    "OrthographicConsistency",
    "MissingPreposition",
    "CondenseAllThe",
    "QuantifierNumeralConflict",  # "some 2,000 families": some means about before a number
    "UpdatePlaceNames",  # "Turkey" -> "Türkiye": a house choice of names
    "MassNouns",  # 40.5% right on CWEB dev against a 35% base rate ("each prayer")
    "WrongNegative",  # 1 of 6 right on CWEB dev; on names in news ("Des Moines", "Det. Dennis")
    "MissingTo",  # 1 of 5 right on CWEB dev ("Try love.", "much-needed respite")
)


class CheckerError(Exception):
    """A checker could not run; the message says what to do."""


class Checker(Protocol):
    """A grammar and spelling checker: it flags, it never changes the text. One may also say which words
    its dictionary holds (`dictionary_words(words) -> frozenset`: Harper's and LanguageTool's do), which
    tells run-together words and ordinary words from names."""

    name: str

    def check(self, text: str, paragraphs: Sequence[Span], markdown: bool) -> list[Flag]:
        """Flags for `text`, with offsets in code points of `text`."""
        ...

    def variety(self, text: str) -> str:
        """The English `text` is checked as (a dialect or language code)."""
        ...


def harper_dialect(dialect: str) -> str:
    """The Harper dialect a setting names; auto starts from American (Harper's default)."""
    return "american" if dialect == AUTO_DIALECT else dialect
