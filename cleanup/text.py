"""What the rules agree a piece of text is: where a sentence starts."""

from __future__ import annotations

import regex

# Before a sentence: the text's or a line's start (after any Markdown or list marker: `#`, `>`, `-`,
# `*`, `+`, `1.`, `|`), a table cell's `|`, or . ! ? … and a space; an opening quote or bracket may come between.
_SENTENCE_BEFORE = regex.compile(
    r"(?:(?:^|[\r\n])[ \t]*(?:(?:[#>*+|-]|\d+[.)])[ \t]+|#+[ \t]*|>[ \t]*)*|\|[ \t]*|[.!?…][”’\")\]]*[ \t]+)[“\"‘(\[]?\Z"
)
_LOOK_BACK = 80


def starts_sentence(text: str, pos: int) -> bool:
    """Whether `pos` begins a sentence: at the text's or a line's start (headings, list items, block
    quotes and table cells too), or after . ! ? … and a space; an opening quote may come between."""
    low = max(0, pos - _LOOK_BACK)
    before = text[low:pos] if low == 0 else "x" + text[low:pos]  # so that ^ means the text's start only there
    return bool(_SENTENCE_BEFORE.search(before))
