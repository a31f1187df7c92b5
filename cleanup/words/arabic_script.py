"""Arabic script in any text: whether it has an Arabic letter, and the runs of Arabic words left in an English one."""

from __future__ import annotations

import re

from ..lazyregex import lazy_re_compile

# Letters, in base or presentation forms; then what may follow one inside a word (marks, joiners too).
_LETTER = "\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff\ufb50-\ufdfb\ufe80-\ufefc"
_IN_WORD = "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc\u200c\u200d"
# Arabic words in a row (with the spaces and Arabic punctuation between them), as left in an English text.
ARABIC_RUN = lazy_re_compile(f"[{_LETTER}][{_IN_WORD}]*(?:[ \u060c\u061b\u061f]+[{_LETTER}][{_IN_WORD}]*)*")
ARABIC_LETTER = re.compile(f"[{_LETTER}]")


def has_arabic(text: str) -> bool:
    """Whether `text` holds an Arabic letter (in base or presentation form)."""
    return ARABIC_LETTER.search(text) is not None
