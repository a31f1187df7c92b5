"""The progress line shown on a terminal while a run works: drawn only while waiting for the next
file and cleared before anything is printed, so it never mixes with results or messages (no
thread, no redirection of standard output)."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from typing import TextIO

CLEAR_LINE = "\r\x1b[2K"
BAR_CELLS = 30


class ProgressLine:
    """Files done of `total`, words per second and time left, on one line of `stream`."""

    def __init__(self, stream: TextIO, total: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream, self.total, self.clock = stream, total, clock
        self.started = clock()
        self.done = self.words = 0
        self.shown = False

    def advance(self, words: int) -> None:
        """Count one more file and its words."""
        self.done += 1
        self.words += words

    def draw(self) -> None:
        """Show the line (replacing the one shown), cut to the terminal's width so it never wraps."""
        width = _columns(self.stream) - 1
        self.stream.write(CLEAR_LINE + self.render()[:width])
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        """Remove the line, leaving the cursor at the start of the empty line."""
        if self.shown:
            self.stream.write(CLEAR_LINE)
            self.stream.flush()
            self.shown = False

    def render(self) -> str:
        """`cleanup ━━━━━━╺───── 12/30 files · 4,788 words/s · 0:07 left`."""
        elapsed = max(self.clock() - self.started, 1e-9)
        filled = BAR_CELLS * self.done // max(self.total, 1)
        bar = "━" * filled + ("╺" + "─" * (BAR_CELLS - filled - 1) if filled < BAR_CELLS else "")
        parts = [f"cleanup {bar} {self.done}/{self.total} files"]
        if self.done:
            parts.append(f"{self.words / elapsed:,.0f} words/s")
            left = elapsed / self.done * (self.total - self.done)
            parts.append(f"{int(left // 60)}:{int(left % 60):02d} left")
        return " · ".join(parts)


def _columns(stream: TextIO) -> int:
    """The width of the terminal `stream` is on (80 when it cannot be told)."""
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (OSError, ValueError, AttributeError):
        return shutil.get_terminal_size((80, 24)).columns
