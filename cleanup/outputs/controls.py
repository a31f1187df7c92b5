"""Text made safe for a terminal: control characters an article may carry are shown, never obeyed."""

from __future__ import annotations

import regex

from ..lazyregex import lazy_compile

# C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional overrides and isolates
# that can make a terminal show text in another order than it is ("Trojan Source").
_CONTROL = lazy_compile(r"\r\n|[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """`text` with every control character written out (`␛`, `␍`, `<U+202E>`), so that printing it
    can never move the cursor, clear the screen, set the title or write the clipboard."""
    return _CONTROL.sub(_shown, text)


def _shown(match: regex.Match) -> str:
    char = match.group()
    if char == "\r\n":
        return "\n"  # a Windows line ending is a line ending
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␀ … ␟ (␛ for escape)
    if code == 0x7F:
        return "␡"
    return f"<U+{code:04X}>"
