"""Matches of a scan that never spans a line break, kept line by line: a text read again after a few edits
is scanned only in its new lines (the fix loop's texts and the corrected text share most of their lines)."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Hashable, Sequence
from typing import Generic, Protocol, TypeVar


class _Match(Protocol):
    def start(self, group: int = 0, /) -> int: ...


M = TypeVar("M", bound=_Match)
K = TypeVar("K", bound=Hashable)


class LineMatches(Generic[M, K]):
    """`scan(text, key)`'s matches of a text (sorted by start, none holding a line break, each found again by
    `rematch(text, start)`), the lines read lately kept with where their matches start, up to about `limit`
    characters of lines; a new `key` (what else the scan reads) forgets them."""

    def __init__(
        self, scan: Callable[[str, K], Sequence[M]], rematch: Callable[[str, int], M], limit: int = 1 << 24
    ) -> None:
        self._scan, self._rematch, self._limit = scan, rematch, limit
        self._starts: dict[str, tuple[int, ...]] = {}
        self._size = 0
        self._key: K | None = None

    def __call__(self, text: str, key: K) -> tuple[M, ...]:
        if key is not self._key:
            self._starts, self._size, self._key = {}, 0, key
        lines = text.split("\n")
        known = self._starts  # as it is now: remembering new lines may start a new one
        new = [line for line in lines if line not in known]
        if 2 * len(new) > len(lines):  # mostly new: its own matches, found in one scan
            found = tuple(self._scan(text, key))
            self._remember(lines, found)
            return found
        fresh = self._remember(new, self._scan("\n".join(new), key)) if new else {}  # new lines as one text
        matches: list[M] = []
        offset = 0
        for line in lines:
            for start in fresh.get(line) or known.get(line, ()):
                matches.append(self._rematch(text, offset + start))
            offset += len(line) + 1
        return tuple(matches)

    def _remember(self, lines: list[str], found: Sequence[M]) -> dict[str, tuple[int, ...]]:
        """Each of `lines` kept with where its matches start (`found` in the lines joined by line breaks);
        those starts by line. Past the limit, a new mapping is started (the old one is left as it was)."""
        size = sum(map(len, lines))
        if self._size + size > self._limit:
            self._starts, self._size = {}, 0
        self._size += size
        kept: dict[str, tuple[int, ...]] = dict.fromkeys(lines, ())
        if found:
            line_starts = [0, *itertools.accumulate(len(line) + 1 for line in lines)]
            by_line: dict[int, list[int]] = {}
            for match in found:
                line = bisect.bisect_right(line_starts, match.start()) - 1
                by_line.setdefault(line, []).append(match.start() - line_starts[line])
            kept.update((lines[line], tuple(starts)) for line, starts in by_line.items())
        self._starts.update(kept)
        return kept
