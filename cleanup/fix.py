"""Apply edits in one pass, iterate to a fixpoint, and keep every change attributed to the original."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from .model import Change, Edit, Flag, Paragraph, SourcePair, Step

EditFinder = Callable[[str], Iterable[Edit]]
MAX_PASSES = 10
# Blank lines: a line break followed by lines holding nothing but spaces and tabs. They part the text into
# paragraphs for the fix loop (a paragraph keeps the blank lines after it).
_BLANK_LINES = re.compile(r"(?:\r\n|\r(?!\n)|\n)(?:[ \t]*(?:\r\n|\r(?!\n)|\n))+")  # a CRLF is one line break
# The same in a text without a CR, led by one plain character (which the standard engine skips to fastest).
_BLANK_LF_LINES = re.compile(r"\n(?:[ \t]*\n)+")


@dataclass(frozen=True)
class Window:
    """Paragraphs to read again: `text[context:end]` is read (the blank lines before `start` included), and what
    is found starting in [start, end) is kept. The text after `end` is the text before the pass, moved by
    `moved` characters."""

    context: int
    start: int
    end: int
    moved: int = 0


class LocalFinder(Protocol):
    """An edit finder whose edits in a paragraph depend on that paragraph alone (and the blank lines before
    it): after the first pass the fix loop asks it only about the paragraphs the last pass changed."""

    def __call__(self, text: str) -> Iterable[Edit]: ...

    def within(self, text: str, windows: Sequence[Window]) -> Iterable[Edit]:
        """Its edits of `text` that start inside the windows."""
        ...


class FixDidNotConverge(Exception):
    """Raised when rules keep changing the text after MAX_PASSES passes."""

    def __init__(self, rules: Sequence[str]) -> None:
        self.rules = tuple(sorted(set(rules)))
        super().__init__(
            f"fixes did not settle after {MAX_PASSES} passes; rules still changing the text: " + ", ".join(self.rules)
        )

    def __reduce__(self):
        return (FixDidNotConverge, (self.rules,))  # so it crosses from a worker process intact


@dataclass(frozen=True)
class FixResult:
    """The corrected text and the changes that explain it against the original."""

    text: str
    changes: tuple[Change, ...]


def conflicts(a: Edit, b: Edit) -> bool:
    """True when two edits cannot both be applied in one pass."""
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def select_edits(edits: Iterable[Edit]) -> list[Edit]:
    """Non-conflicting edits sorted by position; on conflict the earlier-starting, then longer, edit wins.

    An insertion sorts before a replacement starting at the same offset. Edits that lose are not
    lost: the next pass proposes them again against the new text.
    """
    ordered = sorted(edits, key=lambda e: (e.start, e.end > e.start, -(e.end - e.start), e.rule, e.replacement))
    chosen: list[Edit] = []
    for edit in ordered:
        if not (chosen and conflicts(chosen[-1], edit)):
            chosen.append(edit)
    return chosen


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply sorted, non-conflicting edits to `text` in one pass."""
    pieces: list[str] = []
    cursor = 0
    for edit in edits:
        pieces.append(text[cursor : edit.start])
        pieces.append(edit.replacement)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def fix(
    original: str,
    finders: Sequence[EditFinder],
    max_passes: int = MAX_PASSES,
    vetoed: Sequence[tuple[int, int]] = (),
    boundaries: Sequence[int] = (),
) -> FixResult:
    """Run every edit finder until none proposes an edit; return the text and its change log.

    `vetoed` spans of the original (changes an editor rejected, protected text) are never edited, and no
    edit spans one of the `boundaries` (offsets of the original where markup separates two pieces of text)."""
    text, changes = original, tuple[Change, ...]()
    vetoes = _Vetoes(vetoed, boundaries) if vetoed or boundaries else None
    windows: list[Window] | None = None  # None: the whole text
    for _ in range(max_passes):
        found = (
            _trimmed(text, e) for finder in finders for e in _asked(finder, text, windows) if _is_effective(text, e)
        )
        if vetoes:
            offsets = OriginalOffsets(changes)
            found = (e for e in found if not vetoes.touched(e, offsets))
        edits = select_edits(found)
        if not edits:
            return FixResult(text, changes)
        text, changes = compose(original, text, changes, edits)
        spans, moved = _new_spans(edits)
        windows = changed_paragraphs(text, spans, moved)
    leftover = [e.rule for finder in finders for e in finder(text) if _is_effective(text, e)]
    if leftover:
        raise FixDidNotConverge(leftover)
    return FixResult(text, changes)


def _asked(finder: EditFinder, text: str, windows: Sequence[Window] | None) -> Iterable[Edit]:
    """A finder's edits: of the whole text, or a local finder's in the paragraphs the last pass changed.

    A paragraph the last pass left alone gives a local finder the same edits as before, and none of
    those was applied (it would have changed the paragraph): each lost to an edit that changed it, or was
    vetoed, and a vetoed edit of an unchanged paragraph is vetoed again. When the windows would cost more
    to read one by one than the whole text (each costs a call besides its characters), the whole text is
    read and the edits in the windows kept: a local finder finds the same there either way."""
    within = getattr(finder, "within", None)  # a `LocalFinder` has it (checked so: the protocol check costs more)
    if windows is None or within is None:
        return finder(text)
    if _WINDOW_COST * len(windows) + sum(window.end - window.context for window in windows) > len(text):
        return inside(finder(text), windows)
    return within(text, windows)


# What asking a local finder about one window costs besides reading it, in characters read (measured on
# 1,000,000 words: 3,236 windows holding 57% of the text cost the rules more than the whole text).
_WINDOW_COST = 10_000


def inside(edits: Iterable[Edit], windows: Sequence[Window]) -> Iterator[Edit]:
    """The edits that start in one of the sorted, separate windows' [start, end)."""
    starts = [window.start for window in windows]
    for edit in edits:
        index = bisect.bisect_right(starts, edit.start) - 1
        if index >= 0 and edit.start < windows[index].end:
            yield edit


def _new_spans(edits: Sequence[Edit]) -> tuple[list[tuple[int, int]], list[int]]:
    """Where sorted, non-conflicting edits' replacements lie in the text after them, and how far the text
    after each has moved."""
    spans, moved, delta = [], [], 0
    for edit in edits:
        start = edit.start + delta
        spans.append((start, start + len(edit.replacement)))
        delta += len(edit.replacement) - (edit.end - edit.start)
        moved.append(delta)
    return spans, moved


def changed_paragraphs(text: str, spans: Sequence[tuple[int, int]], moved: Sequence[int] = ()) -> list[Window]:
    """Windows over the paragraphs of `text` that sorted `spans` touch (at an edge, or in the blank lines
    before one, counts), overlapping ones merged; `moved[i]`: how far the text after span i has moved."""
    if not spans:
        return []
    starts, contexts = [0], [0]  # where each paragraph starts, and where the blank lines before it start
    for blank in (_BLANK_LINES if "\r" in text else _BLANK_LF_LINES).finditer(text):
        starts.append(blank.end())
        contexts.append(blank.start())
    windows: list[Window] = []
    for index, (start, end) in enumerate(spans):
        first = max(0, bisect.bisect_left(starts, start) - 1)
        last = bisect.bisect_right(contexts, end) - 1
        stop = starts[last + 1] if last + 1 < len(starts) else len(text) + 1
        shift = moved[index] if moved else 0
        if windows and contexts[first] <= windows[-1].end:
            windows[-1] = Window(windows[-1].context, windows[-1].start, max(stop, windows[-1].end), shift)
        else:
            windows.append(Window(contexts[first], starts[first], stop, shift))
    return windows


class _Vetoes:
    """Spans of the original no edit may change (rejected changes, protected text), found by bisection."""

    def __init__(self, spans: Sequence[tuple[int, int]], boundaries: Sequence[int] = ()) -> None:
        self.spans = sorted(spans)
        self.starts = [start for start, _ in self.spans]
        self.longest = max((end - start for start, end in self.spans), default=0)
        self.boundaries = sorted(boundaries)

    def touched(self, edit: Edit, offsets: OriginalOffsets) -> bool:
        """Whether an edit of the current text would change original text inside a vetoed span, or span
        a boundary."""
        start = offsets.start(edit.start)
        end = max(start, offsets.end(edit.end))
        if self.boundaries and bisect.bisect_left(self.boundaries, end) > bisect.bisect_right(self.boundaries, start):
            return True
        index = bisect.bisect_right(self.starts, end) - 1
        while index >= 0 and self.starts[index] >= start - self.longest:
            v_start, v_end = self.spans[index]
            if v_start == v_end and start <= v_start <= end and (start < end or start == v_start):
                return True  # a rejected insertion: nothing may be inserted there again
            if start < v_end and v_start < end or (start == end and v_start < start < v_end):
                return True
            index -= 1
        return False


def _is_effective(text: str, edit: Edit) -> bool:
    return text[edit.start : edit.end] != edit.replacement


def _trimmed(text: str, edit: Edit) -> Edit:
    """The edit narrowed to the words it really changes, so the log shows no unchanged text."""
    old, new = text[edit.start : edit.end], edit.replacement
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    while prefix and (_splits_word(old, prefix) or _splits_word(new, prefix)):
        prefix -= 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    while suffix and (_splits_word(old, len(old) - suffix) or _splits_word(new, len(new) - suffix)):
        suffix -= 1
    if not prefix and not suffix:
        return edit
    return replace(edit, start=edit.start + prefix, end=edit.end - suffix, replacement=new[prefix : len(new) - suffix])


def _splits_word(text: str, at: int) -> bool:
    """Whether `at` falls inside a word; hyphens and apostrophes join words (al-Badya, Da’ash)."""
    return 0 < at < len(text) and _in_word(text[at - 1]) and _in_word(text[at])


def _in_word(char: str) -> bool:
    return char.isalnum() or char in "-'’‘ʼ"


def compose(
    original: str, text: str, changes: Sequence[Change], edits: Sequence[Edit]
) -> tuple[str, tuple[Change, ...]]:
    """Apply `edits` to `text` and merge them into `changes`, which map `text` back to `original`.

    An edit that touches text an earlier change produced is merged with that change, so that every
    differing character stays covered by exactly one change.
    """
    groups = _group(edits, changes)
    pieces: list[str] = []
    merged: list[Change] = []
    cursor = 0
    delta = 0
    done = 0
    for group_edits, first, last in groups:
        for change in changes[done:first]:
            merged.append(_shift(change, delta))
        done = last
        touched = changes[first:last]
        start = min([group_edits[0].start] + [c.new_start for c in touched])
        end = max([group_edits[-1].end] + [c.new_end for c in touched])
        orig_start = _to_original(changes, first, start)
        orig_end = orig_start + (end - start) + sum((c.end - c.start) - (c.new_end - c.new_start) for c in touched)
        replacement = apply_edits(text[start:end], [_rebase(e, start) for e in group_edits])
        pieces.append(text[cursor:start])
        pieces.append(replacement)
        cursor = end
        new_start = start + delta
        delta += len(replacement) - (end - start)
        if replacement != original[orig_start:orig_end]:
            steps = _unique([s for c in touched for s in c.steps] + [e.step for e in group_edits])
            merged.append(Change(orig_start, orig_end, new_start, new_start + len(replacement), steps))
    merged.extend(_shift(change, delta) for change in changes[done:])
    pieces.append(text[cursor:])
    return "".join(pieces), tuple(merged)


def _group(edits: Sequence[Edit], changes: Sequence[Change]) -> list[tuple[list[Edit], int, int]]:
    """Group edits with the earlier changes they touch: (edits, first change index, end index)."""
    ends = [c.new_end for c in changes]
    groups: list[tuple[list[Edit], int, int]] = []
    for edit in edits:
        first = bisect.bisect_right(ends, edit.start)
        last = first
        while last < len(changes) and _touches(edit, changes[last]):
            last += 1
        if groups and last > first and groups[-1][2] > first:
            group_edits, group_first, _ = groups[-1]
            groups[-1] = (group_edits + [edit], group_first, max(last, groups[-1][2]))
        else:
            groups.append(([edit], first, last))
    return groups


class OriginalOffsets:
    """Maps offsets in the corrected text back to the original, given the changes between them."""

    def __init__(self, changes: Sequence[Change]) -> None:
        self.changes = changes
        self.starts = [c.new_start for c in changes]

    def start(self, offset: int) -> int:
        """A start offset: inside a change it maps to the change's start."""
        index = bisect.bisect_right(self.starts, offset) - 1
        if index < 0:
            return offset
        change = self.changes[index]
        return change.start if offset < change.new_end else offset - change.new_end + change.end

    def end(self, offset: int) -> int:
        """An end offset: inside (or at the end of) a change's text it maps to the change's end."""
        index = bisect.bisect_left(self.starts, offset) - 1
        if index < 0:
            return offset
        change = self.changes[index]
        return change.end if offset <= change.new_end else offset - change.new_end + change.end

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A span of the corrected text placed on the original, covering every change it touches."""
        start = self.start(start)
        return start, max(start, self.end(end))

    def flag(self, flag: Flag) -> Flag:
        """A flag found on the corrected text, placed on the original."""
        start, end = self.span(flag.start, flag.end)
        return replace(flag, start=start, end=end)

    def pair(self, pair: SourcePair) -> SourcePair:
        """A source pair found on the corrected text, its English paragraphs placed on the original."""
        return replace(pair, target=tuple(Paragraph(*self.span(p.start, p.end)) for p in pair.target))


def _touches(edit: Edit, change: Change) -> bool:
    """True when `edit` rewrites text that `change` produced (adjacency does not count)."""
    if edit.start == edit.end:
        return change.new_start < edit.start < change.new_end
    if change.new_start == change.new_end:
        return edit.start < change.new_start < edit.end
    return edit.start < change.new_end and change.new_start < edit.end


def _to_original(changes: Sequence[Change], index: int, position: int) -> int:
    """Original offset of `position`, given that changes[:index] all lie before it."""
    if index == 0:
        return position
    before = changes[index - 1]
    return position - before.new_end + before.end


def _shift(change: Change, delta: int) -> Change:
    return Change(change.start, change.end, change.new_start + delta, change.new_end + delta, change.steps)


def _rebase(edit: Edit, offset: int) -> Edit:
    return Edit(
        edit.start - offset, edit.end - offset, edit.replacement, edit.rule, edit.reason, edit.safety, edit.quoted
    )


def _unique(steps: list[Step]) -> tuple[Step, ...]:
    return tuple(dict.fromkeys(steps))
