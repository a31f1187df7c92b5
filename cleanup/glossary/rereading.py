"""A glossary reading carried over to the text a fix pass made of it: the paragraphs the pass changed are
read again, every other match is the one read before, moved.

A match reads the lines of its own paragraph (no look-back crosses a blank line but a mention's cue, which
reaches back at most `REACH` characters) and one fact of the whole text: whether it names an entry's
person. So where a pass changed no paragraph just before a match, and named or unnamed nobody, the match
reads as it did before the pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import NamedTuple, Protocol

from ..fix import Window
from ..model import Edit

REACH = 64  # characters after a changed paragraph read again: a mention's cue looks back 60 (`_LOOK_BEHIND`)
_WORD_ROOM = 8  # characters past a zone scanned too: an article before a word there may start in the zone
_SPACE = re.compile(r"\s")


class Reading(Protocol):
    """What a matcher offers for carrying a reading over."""

    def edits_between(self, text: str, low: int, high: int) -> Iterator[Edit]: ...

    def people_named(self, text: str, low: int, high: int) -> tuple[bool, ...]: ...


class _Zone(NamedTuple):
    """Text read again: [low, high) now, [old_low, old_high) before the pass; the text after it moved by `moved`."""

    low: int
    high: int
    old_low: int
    old_high: int
    moved: int


def carried_over(
    matcher: Reading, before: str, read: Sequence[Edit], text: str, windows: Sequence[Window]
) -> list[Edit] | None:
    """The matcher's edits of `text`, from its edits `read` of `before`; None when `text` is not `before`
    changed inside the windows only, or the windows name or unname a person."""
    if not _changed_only_inside(before, text, windows) or not _same_people(matcher, before, text, windows):
        return None
    edits: list[Edit] = []
    index, moved = 0, 0
    for zone in _zones(text, windows):
        while index < len(read) and read[index].start < zone.old_low:
            edits.append(_moved(read[index], moved))
            index += 1
        while index < len(read) and read[index].start < zone.old_high:
            index += 1
        scanned = _at_space(text, zone.high + _WORD_ROOM)
        edits.extend(e for e in matcher.edits_between(text, zone.low, scanned) if e.start < zone.high)
        moved = zone.moved
    edits.extend(_moved(edit, moved) for edit in read[index:])
    return edits


def _changed_only_inside(before: str, text: str, windows: Sequence[Window]) -> bool:
    """Whether the text between and after the windows is `before`'s, moved as the windows say."""
    if not windows or len(text) - windows[-1].moved != len(before):
        return False
    end, moved = 0, 0
    for window in windows:
        if text[end : window.context] != before[end - moved : window.context - moved]:
            return False
        end, moved = window.end, window.moved
    return text[end:] == before[end - moved :]


def _same_people(matcher: Reading, before: str, text: str, windows: Sequence[Window]) -> bool:
    """Whether each window names the same people as it did before the pass."""
    moved = 0
    for window in windows:
        now = matcher.people_named(text, window.context, min(window.end, len(text)))
        then = matcher.people_named(before, window.context - moved, min(window.end, len(text)) - window.moved)
        if now != then:
            return False
        moved = window.moved
    return True


def _zones(text: str, windows: Sequence[Window]) -> Iterator[_Zone]:
    """The windows, each with the REACH characters after it (to a space), merged where they meet."""
    zone: _Zone | None = None
    moved = 0
    for window in windows:
        high = min(_at_space(text, window.end + REACH), len(text))
        if zone is not None and window.context <= zone.high:
            zone = zone._replace(high=max(high, zone.high), moved=window.moved)
        else:
            if zone is not None:
                yield zone._replace(old_high=zone.high - zone.moved)
            zone = _Zone(window.context, high, window.context - moved, 0, window.moved)
        moved = window.moved
    if zone is not None:
        yield zone._replace(old_high=zone.high - zone.moved)


def _at_space(text: str, at: int) -> int:
    """The first space at or after `at` (or the text's end): no word is cut there."""
    found = _SPACE.search(text, at) if at < len(text) else None
    return found.start() if found else len(text)


def _moved(edit: Edit, by: int) -> Edit:
    return edit if not by else replace(edit, start=edit.start + by, end=edit.end + by)
