"""Text as the source checks read it, whatever program wrote it: invisible format characters (joiners,
direction marks, bidi embeddings and isolates, soft hyphens), Arabic diacritics and tatweel taken out,
and Arabic presentation forms and fullwidth characters replaced by the letters and digits they show;
every position maps back into the text as written."""

from __future__ import annotations

import functools
import re
import unicodedata
from array import array
from dataclasses import dataclass

# Every format character (Unicode category Cf): ZWSP, ZWNJ, ZWJ, LRM, RLM, ALM, the bidi embeddings,
# overrides and isolates, the word joiner, a byte-order mark inside the text, the Arabic number signs.
FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
# Arabic harakat, Quranic marks, superscript alef, and tatweel (kashida): a word's look, never its letters.
MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640"
_MARK = re.compile(f"[{MARKS}]")
# Arabic presentation forms A and B (a PDF's glyphs: ﺩﺍﻋﺶ, the ligature ﻻ) and fullwidth ASCII (０-９, ，);
# only these: NFKC of the whole text would also read km² as km2 and ½ as 1⁄2, numbers neither side wrote.
SHOWN_AS = "\ufb50-\ufdff\ufe70-\ufefe\uff01-\uff5e"
SPECIAL = re.compile(f"[{FORMAT}{MARKS}{SHOWN_AS}]")


@dataclass(frozen=True)
class Folded:
    """A folded text and, for each of its characters, the position of the character it comes from in
    the text as written (None when nothing was folded)."""

    text: str
    origins: array[int] | None = None
    length: int = 0  # of the text as written

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A span of the folded text as a span of the text as written."""
        if self.origins is None:
            return start, end
        first = self.origins[start] if start < len(self.origins) else self.length
        return first, (self.origins[end - 1] + 1 if end > start else first)


@functools.lru_cache(maxsize=32)  # a paragraph is read for its numbers, and twice for its words
def fold(text: str) -> Folded:
    """`text` with format characters, diacritics and tatweel removed and presentation and fullwidth forms
    replaced (NFKC)."""
    if SPECIAL.search(text) is None:
        return Folded(text)
    pieces: list[str] = []
    origins = array("i")
    last = 0
    for match in SPECIAL.finditer(text):
        at = match.start()
        shown = _shown(match.group())
        pieces += (text[last:at], shown)
        origins.extend(range(last, at))
        origins.extend([at] * len(shown))
        last = at + 1
    pieces.append(text[last:])
    origins.extend(range(last, len(text)))
    return Folded("".join(pieces), origins, len(text))


@functools.lru_cache(maxsize=1024)
def _shown(char: str) -> str:
    """What a special character shows: nothing for a format character or a mark, else its NFKC form
    without marks (nor the space NFKC puts before an isolated haraka: ﹰ is " ً")."""
    if unicodedata.category(char) == "Cf":
        return ""
    return _MARK.sub("", unicodedata.normalize("NFKC", char)).lstrip(" ")
