"""The marks inside a word: apostrophes and hyphens join words; invisible characters leave a word whole."""

from __future__ import annotations

import regex

# Every apostrophe form (ʿayn and hamza marks and the backtick too) and every hyphen: they join words.
APOSTROPHES = "'’‘ʼʿʾ`"
HYPHENS = "-‐‑"
# Zero-width space, non-joiner and joiner, soft hyphen, word joiner, Mongolian vowel separator, and a
# byte-order mark inside a line: nothing a reader sees, so a word with one inside is still one word.
INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff"
_GLUED_BEFORE = regex.compile(rf"\p{{L}}\p{{M}}*[{INVISIBLE}]+\Z")
_GLUED_AFTER = regex.compile(rf"[{INVISIBLE}]+\p{{L}}")


def glued(text: str, start: int, end: int) -> bool:
    """Whether the word at [start, end) goes on past an invisible character (`al\u00adBadya`: one word)."""
    return bool(_GLUED_BEFORE.search(text, max(0, start - 8), start) or _GLUED_AFTER.match(text, end))
