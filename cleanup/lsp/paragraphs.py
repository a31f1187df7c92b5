"""Harper's flags kept per paragraph of each open document: Harper lints each paragraph on its own, so after a
keystroke only the paragraphs whose text changed are linted again, and the flags are those a full check
finds. What is kept is bounded by the open documents: a document's paragraphs and its last `RECENT` other
paragraph texts, dropped when it is closed."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from ..checkers import Checker, Span
from ..checkers.harper import HarperChecker
from ..model import Flag
from .harperworker import RecycledHarper

RECENT = 200  # paragraph texts a document keeps beyond its current ones (a word typed, then deleted)


class ParagraphLinter(Protocol):
    """Harper's lints of one paragraph at a time (in process: `HarperLints`; in a worker: `RecycledHarper`)."""

    def variety(self, text: str) -> str: ...

    def dictionary_words(self, words: Collection[str]) -> frozenset[str]: ...

    def lint(self, dialect: str, paragraph: str, markdown: bool) -> list[Flag]: ...


@dataclass
class ParagraphLints:
    """One document's checker: its paragraphs' lints kept, keyed by the dialect the document is checked in,
    whether it is Markdown, and the paragraph's text (offsets relative to the paragraph)."""

    linter: ParagraphLinter
    recent: int = RECENT
    name: str = field(default="harper", init=False)
    linted: int = field(default=0, init=False)  # paragraphs linted (not found kept): what a test counts
    _found: OrderedDict[tuple[str, bool, str], list[Flag]] = field(default_factory=OrderedDict, init=False)

    def variety(self, text: str) -> str:
        return self.linter.variety(text)

    def dictionary_words(self, words: Collection[str]) -> frozenset[str]:
        return self.linter.dictionary_words(words)

    def check(self, text: str, paragraphs: Sequence[Span], markdown: bool) -> list[Flag]:
        dialect = self.linter.variety(text)  # document-wide (auto: as the whole article spells): then per paragraph
        flags: list[Flag] = []
        for start, end in paragraphs:
            found = self._paragraph(dialect, text[start:end], markdown)
            flags += [replace(flag, start=flag.start + start, end=flag.end + start) for flag in found]
        while len(self._found) > len(paragraphs) + self.recent:  # those of this text were used last
            self._found.popitem(last=False)
        return flags

    def paragraphs(self) -> set[str]:
        """The paragraph texts whose lints are kept."""
        return {paragraph for _, _, paragraph in self._found}

    def _paragraph(self, dialect: str, paragraph: str, markdown: bool) -> list[Flag]:
        key = (dialect, markdown, paragraph)
        found = self._found.get(key)
        if found is None:
            found = self.linter.lint(dialect, paragraph, markdown)
            self.linted += 1
            self._found[key] = found
        else:
            self._found.move_to_end(key)
        return found


@dataclass
class OpenDocuments:
    """The checker each open document is checked with: its own kept lints, one paragraph linter for all."""

    linter: ParagraphLinter
    by_uri: dict[str, ParagraphLints] = field(default_factory=dict)

    def checker(self, uri: str) -> ParagraphLints:
        if uri not in self.by_uri:
            self.by_uri[uri] = ParagraphLints(self.linter)
        return self.by_uri[uri]

    def close(self, uri: str) -> None:
        """Forget the document's lints."""
        self.by_uri.pop(uri, None)

    def stop(self) -> None:
        """Let go of every document, and stop the linter's worker, if any."""
        self.by_uri.clear()
        if isinstance(self.linter, RecycledHarper):
            self.linter.close()


def open_documents(checker: Checker | None) -> OpenDocuments | None:
    """Per-document kept lints when the checker lints paragraphs on their own (Harper, in a worker process
    that is replaced as it grows); None for another (LanguageTool: a server checks the whole text)."""
    return OpenDocuments(RecycledHarper(checker)) if isinstance(checker, HarperChecker) else None
