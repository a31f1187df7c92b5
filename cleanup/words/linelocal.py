"""Matches of a scan that never spans a line break, kept line by line: a text read again after a few edits
is scanned only in its new lines (the fix loop's texts and the corrected text share most of their lines)."""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Callable, Hashable, Sequence
from typing import Generic, Protocol, TypeVar


class _Match(Protocol):
    def start(self, group: int = 0, /) -> int: ...


M = TypeVar("M", bound=_Match)
K = TypeVar("K", bound=Hashable)


class LineMatches(Generic[M, K]):
    """`scan(text, key)`'s matches of a text (sorted by start, none holding a line break, each found again by
    `rematch(text, start)`), the lines of the latest text kept with where their matches start (and those of
    shorter texts read since, up to about `limit` characters); a new `key` (what else the scan reads) forgets them."""

    def __init__(
        self, scan: Callable[[str, K], Sequence[M]], rematch: Callable[[str, int], M], limit: int = 1 << 24
    ) -> None:
        self._scan, self._rematch, self._limit = scan, rematch, limit
        # The key and its lines' starts, read and replaced together (so a thread never reads another key's).
        self._kept: tuple[K | None, dict[str, tuple[int, ...]]] = (None, {})
        self._size = 0

    def __call__(self, text: str, key: K) -> tuple[M, ...]:
        kept_key, known = self._kept
        if kept_key is not key:
            known, self._size = {}, 0
        lines = _lines(text)
        new = [line for line in lines if line not in known]
        if 2 * len(new) > len(lines):  # mostly new: its own matches, found in one scan
            found = tuple(self._scan(text, key))
            fresh = _by_line(lines, found)
        else:
            fresh = _by_line(new, self._scan("\n".join(new), key)) if new else {}  # new lines as one text
            matches: list[M] = []
            offset = 0
            for line in lines:
                for start in fresh[line] if line in fresh else known[line]:
                    matches.append(self._rematch(text, offset + start))
                offset += len(line) + 1
            found = tuple(matches)
        self._keep(key, lines, fresh, known)
        return found

    def _keep(
        self, key: K, lines: list[str], fresh: dict[str, tuple[int, ...]], known: dict[str, tuple[int, ...]]
    ) -> None:
        """A text with as many lines as those kept replaces them (its changed lines are not read again); a
        shorter one's new lines (the paragraphs the fix loop reads again) are added, up to the limit."""
        if 2 * len(lines) >= len(known):
            starts = {line: fresh[line] if line in fresh else known[line] for line in lines}
            self._kept, self._size = (key, starts), sum(map(len, starts))
            return
        size = sum(map(len, fresh))
        if self._size + size > self._limit:
            known, self._size = {}, 0
        known.update(fresh)
        self._kept = (key, known)
        self._size += size


def _by_line(lines: list[str], found: Sequence[_Match]) -> dict[str, tuple[int, ...]]:
    """Where the matches `found` in `lines` joined by line feeds start, line by line."""
    kept: dict[str, tuple[int, ...]] = dict.fromkeys(lines, ())
    if found:
        line_starts = [0, *itertools.accumulate(len(line) + 1 for line in lines)]
        by_line: dict[int, list[int]] = {}
        for match in found:
            line = bisect.bisect_right(line_starts, match.start()) - 1
            by_line.setdefault(line, []).append(match.start() - line_starts[line])
        kept.update((lines[line], tuple(starts)) for line, starts in by_line.items())
    return kept


@functools.lru_cache(maxsize=2)
def _lines(text: str) -> list[str]:
    """The lines of `text` (split at line feeds), one list for every scan that asks: the lines they keep are
    then the same strings, held once."""
    return text.split("\n")
