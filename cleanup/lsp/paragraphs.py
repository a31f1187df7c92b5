"""Harper's flags kept per paragraph: Harper lints each paragraph on its own, so after a keystroke only the
paragraphs whose text changed are linted again, and the flags are those a full check finds."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace

from ..checkers import Checker, Span
from ..checkers.harper import HarperChecker
from ..model import Flag

KEPT = 4_000  # paragraphs kept (the least recently used go first): memory stays flat over any number of edits


@dataclass
class ParagraphLints:
    """A Harper checker whose lints of each paragraph are kept, keyed by the dialect the document is checked
    in, whether it is Markdown, and the paragraph's text (offsets relative to the paragraph)."""

    harper: HarperChecker
    kept: int = KEPT
    name: str = field(default="harper", init=False)
    linted: int = field(default=0, init=False)  # paragraphs linted (not found kept): what a test counts
    _found: OrderedDict[tuple[str, bool, str], list[Flag]] = field(default_factory=OrderedDict, init=False)
    _by_dialect: dict[str, HarperChecker] = field(default_factory=dict, init=False)

    def variety(self, text: str) -> str:
        return self.harper.variety(text)

    def dictionary_words(self, words: Collection[str]) -> frozenset[str]:
        return self.harper.dictionary_words(words)

    def check(self, text: str, paragraphs: Sequence[Span], markdown: bool) -> list[Flag]:
        dialect = self.harper.variety(text)  # document-wide (auto: as the whole article spells): then per paragraph
        flags: list[Flag] = []
        for start, end in paragraphs:
            found = self._paragraph(dialect, text[start:end], markdown)
            flags += [replace(flag, start=flag.start + start, end=flag.end + start) for flag in found]
        return flags

    def _paragraph(self, dialect: str, paragraph: str, markdown: bool) -> list[Flag]:
        key = (dialect, markdown, paragraph)
        found = self._found.get(key)
        if found is None:
            found = self._linter(dialect).check(paragraph, [(0, len(paragraph))], markdown)
            self.linted += 1
            self._found[key] = found
            if len(self._found) > self.kept:
                self._found.popitem(last=False)
        else:
            self._found.move_to_end(key)
        return found

    def _linter(self, dialect: str) -> HarperChecker:
        """The checker in one dialect, as the configured one checks a document it finds in that dialect."""
        if dialect not in self._by_dialect:
            self._by_dialect[dialect] = replace(self.harper, dialect=dialect)
        return self._by_dialect[dialect]


def kept_per_paragraph(checker: Checker | None) -> Checker | None:
    """The checker with its lints kept per paragraph when it lints paragraphs on their own (Harper); another
    (LanguageTool: a server checks the whole text) as it is."""
    return ParagraphLints(checker) if isinstance(checker, HarperChecker) else checker
