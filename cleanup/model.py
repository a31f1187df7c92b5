"""Plain value types shared by every stage; no I/O here."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum

import regex


class Safety(str, Enum):
    """How confident a rule is: safe edits are applied by `fix`, unsafe ones on request, flags never."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    FLAG = "flag"


@dataclass(frozen=True)
class ProtectedSpan:
    """[start, end) of a document's text that no rule may edit (an insertion only at its edges); `code` when
    it is not prose at all (a listing), so that no flag stands inside it either."""

    start: int
    end: int
    code: bool = False


class Parsed:
    """What a format's reader parsed from a file's bytes (a Word file's package), kept for its writer so that
    one run parses the file once: taken at most once (the writer edits it), and left behind when pickled (an
    outcome from a worker process reaches the writer without it: the writer then parses the bytes again)."""

    def __init__(self, data: bytes = b"", value: object = None) -> None:
        self._data, self._value = data, value

    def take(self, data: bytes) -> object:
        """What was parsed, if it was parsed from exactly `data` and not taken yet; else None."""
        value, self._value = self._value, None
        return value if data == self._data else None

    def __reduce__(self) -> tuple[type[Parsed], tuple[()]]:
        return Parsed, ()


@dataclass(frozen=True)
class Document:
    """A decoded text plus what is needed to write it back byte for byte."""

    text: str
    encoding: str = "utf-8"
    bom: bool = False
    protected: tuple[ProtectedSpan, ...] = ()  # set by readers of richer formats (fields, breaks in a .docx)
    held: tuple[ProtectedSpan, ...] = ()  # text its author closed (a final translation): fixes flagged, not made
    # Offsets between two pieces of text that markup separates (a tag of a web page): an edit may end or start
    # at one, never span it.
    boundaries: tuple[int, ...] = ()
    markdown: bool = False  # Markdown (its reader says so): its blocks, code and links are read as Markdown's
    parsed: Parsed | None = field(default=None, compare=False, repr=False)  # for its format's writer

    @property
    def newline(self) -> str:
        """The dominant line ending, for information only: text keeps its own endings."""
        crlf = self.text.count("\r\n")
        lf = self.text.count("\n") - crlf
        cr = self.text.count("\r") - crlf
        counts = {"\r\n": crlf, "\n": lf, "\r": cr}
        best = max(counts, key=lambda k: counts[k])
        return best if counts[best] else "\n"


@dataclass(frozen=True)
class Location:
    """Where something was written: file and 1-based line and column (0 when unknown)."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        return f"{self.path}:{self.line}:{self.column}" if self.column else f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Problem:
    """Something wrong with an input, said where it is and what to do."""

    where: Location
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class ProblemsError(Exception):
    """Input that cannot be used, as problems with positions (file:line:column: what to do)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Step:
    """One rule application that contributed to a change."""

    rule: str
    reason: str
    safety: Safety = Safety.SAFE
    quoted: bool = False  # a glossary change made inside a quotation

    @property
    def note(self) -> str:
        """The reason as an editor reads it: with where it was made when that matters."""
        return self.reason + "; inside a quotation" if self.quoted else self.reason


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] with `replacement`; offsets are code points in the text it was made for."""

    start: int
    end: int
    replacement: str
    rule: str
    reason: str
    safety: Safety = Safety.SAFE
    quoted: bool = False  # a glossary change made inside a quotation

    @property
    def step(self) -> Step:
        """The attribution this edit leaves in the change log."""
        return Step(self.rule, self.reason, self.safety, self.quoted)


@dataclass(frozen=True)
class Change:
    """A difference between original and corrected text, explained by one or more steps.

    `start`/`end` index the original; `new_start`/`new_end` index the corrected text.
    """

    start: int
    end: int
    new_start: int
    new_end: int
    steps: tuple[Step, ...]

    @functools.cached_property
    def rule(self) -> str:
        """The rule id shown to editors: one id, or several joined by '+' for chained fixes (each output asks)."""
        return "+".join(step.rule for step in self.steps)

    @property
    def reason(self) -> str:
        """The reasons of all steps, in the order they were applied."""
        return "; then ".join(step.note for step in self.steps)


class Severity(str, Enum):
    """How much a finding matters to `check`: a pending fix is an error, a flag a warning or a note."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True)
class Flag:
    """A problem reported for a person to judge; never applied by default."""

    start: int
    end: int
    rule: str
    message: str
    suggestions: tuple[str, ...] = ()
    category: str = "house"  # what --apply-suggestions selects: "house", "grammar", or a checker's category
    severity: Severity = Severity.WARNING
    source_start: int = -1  # for a source check: the span of the Arabic source it refers to (-1: none)
    source_end: int = -1


@dataclass(frozen=True)
class Decision:
    """An editor's verdict on one change (or a dismissed flag), keyed by rule, original text and context (not
    offsets); who made it and when are for people, never for matching."""

    rule: str
    before: str
    after: str
    context_before: str
    context_after: str
    verdict: str  # "accept" or "reject"; "dismiss" for a flag an editor dismissed
    where: Location = Location("")
    by: str = ""  # the editor who decided, when the file says
    at: str = ""  # when, in ISO 8601 (UTC), when the file says

    @property
    def first_rule(self) -> str:
        """The rule that started the change; decisions match on it, so chained rules may change."""
        return self.rule.split("+")[0]


@dataclass(frozen=True)
class Paragraph:
    """A non-blank line of a text: its span."""

    start: int
    end: int


@dataclass(frozen=True)
class SourcePair:
    """Source paragraphs (zero, one or two) and the English ones they were translated as."""

    source: tuple[Paragraph, ...]
    target: tuple[Paragraph, ...]

    def texts(self, source: str, english: str) -> tuple[str, str]:
        """The pair's English and source text, each side's paragraphs joined by a space ("" for none)."""
        return (
            " ".join(english[p.start : p.end] for p in self.target),
            " ".join(source[p.start : p.end] for p in self.source),
        )


@dataclass(frozen=True)
class Outcome:
    """Everything the pipeline found for one document."""

    original: Document
    corrected: str
    changes: tuple[Change, ...]
    flags: tuple[Flag, ...] = field(default=())
    problems: tuple[Problem, ...] = field(default=())  # bad directives, rules that timed out (path left empty)
    accepted: frozenset[int] = frozenset()  # indices of changes an editor accepted
    rejected: tuple[Decision, ...] = ()  # decisions that kept a change out of the corrected text
    stale: tuple[Decision, ...] = ()  # decisions that match no change any more
    source: Document | None = None  # the Arabic source the translation was checked against
    # The source's paragraphs paired with the English's (these in the original) as the SRC checks paired them.
    alignment: tuple[SourcePair, ...] = ()
    dialect: str = ""  # the English its grammar checker read it as (`british`, `en-US`); empty without one

    @property
    def changed(self) -> bool:
        """True when the corrected text differs from the original."""
        return self.corrected != self.original.text


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BREAK = regex.compile(r"[\r\n]")
_BREAK_BEFORE = regex.compile(r"[\r\n]", regex.REVERSE)  # searches back from `pos`: costs only the line's length


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """[start, end) of the line holding `pos`, line breaks excluded."""
    before = _BREAK_BEFORE.search(text, 0, pos)
    after = _BREAK.search(text, pos)
    return (before.end() if before else 0), (after.start() if after else len(text))


class LineIndex:
    """Maps code-point offsets to 1-based (line, column); CRLF, LF and CR all end a line."""

    def __init__(self, text: str) -> None:
        self._starts = _line_starts(text)

    @property
    def starts(self) -> list[int]:
        """The offset at which each line starts."""
        return list(self._starts)

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of `offset`."""
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


def _line_starts(text: str) -> list[int]:
    """Where each line of `text` starts; a text without a carriage return found line feed by line feed
    (`str.find` is ten times faster than a pattern)."""
    if "\r" in text:
        return [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    starts, at = [0], text.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


class SpanSet:
    """A fixed set of [start, end) spans that answers "does this span overlap one of them?" in log time."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach = list(itertools.accumulate((end for _, end in ordered), max))  # furthest end so far
        self._exact = set(ordered)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares text with a span of the set, or is one of them (empty spans too)."""
        if (start, end) in self._exact:
            return True
        before_end = bisect.bisect_left(self._starts, end)  # spans that start before `end`
        return before_end > 0 and self._reach[before_end - 1] > start
