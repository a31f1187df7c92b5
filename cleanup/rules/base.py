"""House-style rules: an id, a one-line reason, a safety level, and a function that finds problems."""

from __future__ import annotations

import heapq
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import regex

from ..fix import fix
from ..lazyregex import lazy_compile
from ..model import Edit, Flag, Safety

Finding = Edit | Flag
FIX_SAFETY = {
    Safety.SAFE: "safe: `fix` applies it; its examples show what it changes and what it must leave alone",
    Safety.UNSAFE: "unsafe: it can be wrong in some contexts, so it is a suggestion until `--unsafe-fixes`",
    Safety.FLAG: "no fix: it is reported for a person to judge",
}


@dataclass(frozen=True)
class Context:
    """What a rule may know about the document besides its text."""

    markdown: bool = False
    known_forms: frozenset[str] = frozenset()  # glossary preferred forms and names, as written
    normalized_forms: frozenset[str] = (
        frozenset()
    )  # preferred forms of entries with variants (what normalization writes)
    articles: Mapping[str, str] = field(default_factory=dict)  # folded first word of a term -> "a" / "an"
    arabic_article: str = "lower-inside"  # or "capital": Al- everywhere
    headings: str = "any"  # the house's heading case: "any", "sentence" or "title"
    form_words: frozenset[str] = frozenset()  # the words of every glossary form, variant and name


@dataclass(frozen=True)
class RuleExample:
    """A self-test: the rule turns `before` into `after`; or, with no `after`, finds something in
    `before` exactly when `found` is true."""

    before: str
    after: str | None = None
    found: bool = False


def fixes(before: str, after: str) -> RuleExample:
    """An example the rule must turn into `after` (YAML: `from`, `to`)."""
    return RuleExample(before, after)


def keeps(text: str) -> RuleExample:
    """An example the rule's fix must leave exactly as it is (YAML: `from` equal to `to`)."""
    return RuleExample(text, text)


def finds(text: str) -> RuleExample:
    """An example in which the rule must find something (YAML: `match`)."""
    return RuleExample(text, found=True)


def ignores(text: str) -> RuleExample:
    """An example in which the rule must find nothing (YAML: `no_match`)."""
    return RuleExample(text)


@dataclass(frozen=True)
class Rule:
    """One house-style rule. `find` returns edits (safe or unsafe fixes) and flags on a text."""

    id: str
    reason: str
    safety: Safety
    find: Callable[[Rule, str, Context], Iterable[Finding]]
    examples: tuple[RuleExample, ...] = ()
    defined_in: str = "built-in"  # where: built-in, or the file (and line) that defines it
    category: str = "house"  # the category of its flags
    example_context: Context | None = None  # what its examples assume about the document (known forms)
    doc: str = ""  # what it does, in detail, with examples of what it changes and leaves alone
    why: str = ""  # why the text is better for it
    # Its findings in a paragraph depend on that paragraph alone (and the blank lines before it), so the fix
    # loop asks it again only about the paragraphs the last pass changed (tests/product/test_properties.py checks it).
    local: bool = False

    @property
    def fix_safety(self) -> str:
        """Why its fixes may or may not be applied without a person (ruff's "Fix safety")."""
        return FIX_SAFETY[self.safety]

    def findings(self, text: str, context: Context) -> Iterator[Finding]:
        """Everything this rule finds in `text`."""
        yield from self.find(self, text, context)

    def edit(self, start: int, end: int, replacement: str) -> Edit:
        """An edit attributed to this rule."""
        return Edit(start, end, replacement, self.id, self.reason, self.safety)

    def flag(self, start: int, end: int, message: str | None = None, suggestions: tuple[str, ...] = ()) -> Flag:
        """A flag attributed to this rule."""
        return Flag(start, end, self.id, message or self.reason, suggestions, self.category)


class LazyPattern:
    """A pattern compiled when first used, so that a run that never uses a rule (`--select GL`) does not
    pay for compiling it; it stands in for the compiled pattern everywhere, and pickles as its source."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern, self.flags, self._compiled = pattern, flags, None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = regex.compile(self.pattern, self.flags)
        return getattr(self._compiled, name)

    def __reduce__(self) -> tuple:
        return (LazyPattern, (self.pattern, self.flags))


def regex_rule(
    rule_id: str,
    reason: str,
    safety: Safety,
    pattern: str | regex.Pattern,
    replacement: str | Callable[[regex.Match], str | None] | None,
    examples: Iterable[RuleExample] = (),
    *,
    message: str | None = None,
    scope: str = "document",
    timeout: float | None = None,
    defined_in: str = "built-in",
    doc: str = "",
    why: str = "",
    local: bool = False,
    hint: str | tuple[str, ...] | None = None,
    back: str = "",
    needs: tuple[str, ...] = (),
) -> Rule:
    """A rule from a pattern: each match is replaced (a template or a function), or flagged when
    `replacement` is None. With scope "line" the pattern sees one line at a time. A `hint`, `back` and
    `needs` (see `Hint`) say where the pattern is tried, in a document-scope rule without a timeout."""
    compiled = LazyPattern(pattern) if isinstance(pattern, str) else pattern
    patterns = tuple(re.compile(one) for one in ((hint,) if isinstance(hint, str) else hint or ()))
    found = Hint(patterns or None, back, needs) if hint or needs else None
    finder = RegexFinder(compiled, replacement, message, scope, timeout, found)
    return Rule(rule_id, reason, safety, finder, tuple(examples), defined_in, doc=doc, why=why, local=local)


@dataclass(frozen=True)
class RegexFinder:
    """The finding function of a regex rule, as data (so rules can be pickled to worker processes)."""

    pattern: regex.Pattern
    replacement: str | Callable[[regex.Match], str | None] | None
    message: str | None
    scope: str
    timeout: float | None
    hint: Hint | None = None

    def __call__(self, rule: Rule, text: str, context: Context) -> Iterator[Finding]:
        if self.hint is not None and not self.hint.possible(text):
            return
        if self.hint is not None and self.hint.pattern is not None:
            found: Iterator[tuple[int, regex.Match]] = ((0, m) for m in matches_at(self.pattern, text, self.hint(text)))
        else:
            found = _scoped_matches(self.pattern, text, self.scope, self.timeout)
        for shift, match in found:
            start, end = shift + match.start(), shift + match.end()
            if self.replacement is None:
                yield rule.flag(start, end, self.message)
                continue
            replacement = self.replacement
            new = replacement(match) if callable(replacement) else match.expand(replacement)
            if new is not None and new != match.group():
                yield rule.edit(start, end, new)


@dataclass(frozen=True)
class Hint:
    """Where a rule's pattern may match, found first by the standard `re` engine, several times faster than
    `regex` trying the pattern at every place: each match of `pattern` starts (or its group `at` does),
    moved back over the characters in `back`, where the rule's may, and none covers a later place where the
    rule's may start. Several patterns (each led by one plain character, which the standard engine skips to
    fastest) are read each on its own and their places merged. A text that holds none of `needs` (when given)
    has no match at all: a substring test that skips even the scan. Without a pattern, the rule's is tried
    everywhere in a text that passes."""

    pattern: re.Pattern | tuple[re.Pattern, ...] | None
    back: str = ""
    needs: tuple[str, ...] = ()

    def possible(self, text: str) -> bool:
        """Whether the rule may match in `text` at all: it holds one of `needs` (or none is given)."""
        return not self.needs or any(needed in text for needed in self.needs)

    def __call__(self, text: str) -> Iterator[int]:
        if self.pattern is None or not self.possible(text):
            return iter(())
        if isinstance(self.pattern, tuple):
            return heapq.merge(*(Hint(pattern, self.back)(text) for pattern in self.pattern))
        at = self.pattern.groupindex.get("at", 0)
        found = (match.start(at) for match in self.pattern.finditer(text))
        return found if not self.back else (_back_over(text, start, self.back) for start in found)


def _back_over(text: str, start: int, chars: str) -> int:
    """`start` moved back over the characters in `chars` before it."""
    while start > 0 and text[start - 1] in chars:
        start -= 1
    return start


def matches_at(pattern: regex.Pattern, text: str, starts: Iterable[int]) -> Iterator[regex.Match]:
    """What `pattern.finditer(text)` finds, tried only at `starts` (in order; every place a match may start).
    For patterns that match no empty string."""
    end = 0
    for start in starts:
        if start >= end:
            match = pattern.match(text, start)
            if match is not None:
                end = match.end()
                yield match


def _scoped_matches(
    pattern: regex.Pattern, text: str, scope: str, timeout: float | None
) -> Iterator[tuple[int, regex.Match]]:
    """Matches with the offset of the text they were found in: the document, or each line on its own."""
    if scope == "document":
        for match in pattern.finditer(text, timeout=timeout):
            yield 0, match
        return
    deadline = None if timeout is None else time.monotonic() + timeout  # for the whole document, not each line
    for line in _LINE.finditer(text):
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            raise TimeoutError("regex timed out")
        for match in pattern.finditer(line.group(), timeout=left):
            yield line.start(), match


def example_failure(rule: Rule, example: RuleExample, context: Context) -> str | None:
    """Why `rule` fails `example`, or None when it passes (in the rule's own example context, if it has one)."""
    context = rule.example_context or context
    if example.after is not None:
        got = fix(example.before, [lambda text: (f for f in rule.findings(text, context) if isinstance(f, Edit))]).text
        return None if got == example.after else f"“{example.before}” became “{got}”, expected “{example.after}”"
    found = any(True for _ in rule.findings(example.before, context))
    if found == example.found:
        return None
    return f"“{example.before}” {'should' if example.found else 'should not'} be found"


_LINE = lazy_compile(r"[^\r\n]+")


# Pattern pieces and verdict names the built-in rules share.
SPACE = r"[ \t]"


NOT_IN_WORD = r"(?<![\p{L}\p{M}\p{N}'’‘ʼ\-])"


# For hints (the standard engine): a capital or any character past ASCII (any other script's letter), with or
# without the digits, written as the ASCII they leave out. The same sets as `[A-Z\x80-\U0010ffff]` and
# `[A-Z0-9\x80-\U0010ffff]`, but `re` builds a class holding a range that long point by point (about 5 ms each).
CAPITAL_OR_PAST_ASCII = r"[^\x00-@\[-\x7f]"
CAPITAL_DIGIT_OR_PAST_ASCII = r"[^\x00-/:-@\[-\x7f]"


SAFE, UNSAFE, FLAG = Safety.SAFE, Safety.UNSAFE, Safety.FLAG
