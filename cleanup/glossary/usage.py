"""Where a glossary variant is used, and where it is only named or means something else.

A term named as a word (`known in Arabic as Qasad`, `which it calls Daesh`, `(Arabic: Da’ash)`) is a
mention, not a use: the reader is being told the word, so it must stay as written. An entry's own
conditions (`unless:` contexts, `sense: name`) say where else it does not apply.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from ..words.marks import APOSTROPHES, HYPHENS
from ..words.sentences import sentence_starts

# Words right before a term that name it as a word. Checked on the text just before the variant
# (an opening quote may come between): "known (in Arabic) as", "calls it", "the word", "(Arabic:".
_MENTION_CUE = regex.compile(
    r"(?:"
    r"\b(?:known|referred\s+to|described|designated|abbreviated|translated|transliterated|rendered|written|"
    r"spelled|spelt|pronounced)(?:\s+(?:in\s+\p{L}+|locally|officially|colloquially|simply|also))*\s+as"
    r"|\b(?:call|calls|called|calling|name|names|naming|dub|dubs|dubbing)"
    r"\s+(?:it|itself|them|themselves|him|her|the\s+(?:group|organization|movement|forces|militia))"
    r"|\b(?:call|calls|called|calling|named|dubbed|nicknamed|termed|spelled|spelt|aka)"
    r"|\bthe\s+(?:words?|terms?|names?|acronyms?|abbreviations?|labels?|spellings?|transliterations?)"
    r"|\(\s*(?:in\s+)?(?:Arabic|Ar\.)\s*[:,]?"
    r"|\bArabic\s+(?:for|word|term|name|acronym)"
    r")[ \t]*[“\"‘'«]?\Z",
    regex.IGNORECASE,
)
_LOOK_BEHIND = 60  # characters of text searched for a cue
# After a term, words that name it as a word of a language: "Qasad in Arabic", "Daesh (in Arabic)".
_NAMED_AFTER = regex.compile(
    r"[”\"’']?[ \t]*(?:\(?[ \t]*in[ \t]+(?:Arabic|Kurdish|Persian|Turkish)\b"
    r"|[,;—–-][ \t]*(?:a|the|an)[ \t]+(?:\p{L}+[ \t]+)?(?:word|term|name|label|epithet|slur|nickname)s?\b)",
    regex.IGNORECASE,
)
# Words before a personal name that show it is not one: "the Rasul of Allah", "his Rasul".
_DETERMINERS = frozenset(
    "the a an this that these those his her its our their my your whose every each no any some".split()
)
_WORD_BEFORE = regex.compile(r"(\p{L}+)[ \t]+[“\"‘'«]?\Z")
_OF_AFTER = regex.compile(r"[ \t]+of\b", regex.IGNORECASE)


def is_mention(text: str, start: int, end: int) -> bool:
    """Whether the word at [start, end) is named as a word (a mention) rather than used: a cue before it,
    `in Arabic` right after it (`SDF, Qasad in Arabic,`), or an apposition calling it a word (`Daash, a word
    that sounds ugly`)."""
    return bool(_MENTION_CUE.search(text, max(0, start - _LOOK_BEHIND), start) or _NAMED_AFTER.match(text, end))


def used_as_name(text: str, start: int, end: int) -> bool:
    """Whether the word at [start, end) reads as a personal name: capitalised, after no determiner,
    and not followed by “of” (`the Rasul of Allah` is a title, `Yahya Rasul` a name)."""
    if not text[start : start + 1].isupper():
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before and before.group(1).lower() in _DETERMINERS:
        return False
    return not _OF_AFTER.match(text, end)


class Contexts:
    """An entry's `unless:` phrases, compiled: each is written around one of the entry's variants."""

    def __init__(self, phrases: Sequence[str], anchors: Sequence[str], word: regex.Pattern, fold) -> None:
        self.patterns = [p for p in (_context_pattern(phrase, anchors, word, fold) for phrase in phrases) if p]
        self._reach = max((len(phrase) for phrase in phrases), default=0) + 16

    def holds(self, text: str, start: int, end: int) -> bool:
        """Whether one of the phrases is written around the match at [start, end)."""
        low, high = max(0, start - self._reach), min(len(text), end + self._reach)
        for pattern in self.patterns:
            for found in pattern.finditer(text, low, high, overlapped=True):
                if found.start("anchor") == start:
                    return True
        return False


def anchor_of(phrase: str, anchors: Sequence[str], word: regex.Pattern, fold) -> tuple[int, int] | None:
    """The word span [first, last) of the first variant written in `phrase`, or None."""
    words = [fold(w.group()) for w in word.finditer(phrase)]
    for anchor in sorted({tuple(fold(w.group()) for w in word.finditer(a)) for a in anchors}, key=len, reverse=True):
        for i in range(len(words) - len(anchor) + 1):
            if tuple(words[i : i + len(anchor)]) == anchor:
                return i, i + len(anchor)
    return None


def _context_pattern(phrase: str, anchors: Sequence[str], word: regex.Pattern, fold) -> regex.Pattern | None:
    span = anchor_of(phrase, anchors, word, fold)
    if span is None:
        return None
    words = [_word_pattern(w.group()) for w in word.finditer(phrase)]
    first, last = span
    anchor = _BETWEEN_WORDS.join(words[first:last])
    parts = [*words[:first], f"(?P<anchor>{anchor})", *words[last:]]
    not_in_word = rf"(?<![\w{regex.escape(APOSTROPHES + HYPHENS)}])"
    return regex.compile(not_in_word + _BETWEEN_WORDS.join(parts) + r"(?![\w\-])", regex.IGNORECASE)


# Between the words of a phrase: spaces, or one line break (a phrase wrapped across lines; never a blank line).
_BETWEEN_WORDS = r"(?:[ \t]*(?:\r\n|\r|\n)[ \t]*|[ \t]+)"


_ANY_APOSTROPHE = f"[{regex.escape(APOSTROPHES)}]"
_ANY_HYPHEN = f"[{regex.escape(HYPHENS)}]"


def _word_pattern(word: str) -> str:
    """A word of a phrase as a pattern: every apostrophe and hyphen form alike."""
    return "".join(
        _ANY_APOSTROPHE if char in APOSTROPHES else _ANY_HYPHEN if char in HYPHENS else regex.escape(char)
        for char in word
    )


# Nouns and verbs before a quotation that make it a phrase the sentence talks about, or a work's title.
_QUOTED_PHRASE_CUE = regex.compile(
    r"\b(?:phrases?|slogans?|expressions?|terms?|words?|labels?|names?|chants?|mottos?|hashtags?|nicknames?|"
    r"catchphrases?|euphemisms?|banners?|captions?|headlines?|sign|signs|wording|coined|chanting|chanted|"
    r"read(?:ing)?|reads|written)[ \t]*[,:]?[ \t]*\Z",
    regex.IGNORECASE,
)
_TITLE_CUE = regex.compile(
    r"\b(?:books?|reports?|films?|documentar(?:y|ies)|programmes?|programs?|novels?|articles?|stud(?:y|ies)|"
    r"series|papers?|memoirs?|columns?|essays?|shows?|podcasts?|songs?|poems?|plays?|titled|entitled|"
    r"publications?|pamphlets?|issues?|editorials?|op-eds?|broadcasts?)[ \t]*[,:]?[ \t]*\Z",
    regex.IGNORECASE,
)
_OPENERS = {"“": "”", "«": "»", '"': '"', "*": "*", "_": "_"}
_CUE_REACH = 40  # characters before an opening quotation mark searched for a cue
_QUOTE_REACH = 200  # characters before a term searched for the quotation mark that holds it


def quotation_cue(text: str, start: int, end: int) -> str:
    """ "phrase" or "title" when the term lies inside a quotation (or Markdown italics) that the sentence
    names as a phrase (`the slogan “…”`) or a work's title (`her book “Life under Daash”`); else ""."""
    opening = _opening_mark(text, start)
    if opening is None:
        return ""
    before = max(0, opening - _CUE_REACH)
    if _TITLE_CUE.search(text, before, opening) or _title_cased(text, opening, end):
        return "title"
    if _QUOTED_PHRASE_CUE.search(text, before, opening):
        return "phrase"
    return ""


# Short words a title leaves in lower case ("Life under Daash", "Women of Mosul").
_MINOR_WORDS = frozenset(
    "a an the and but or nor for so yet as at by in of off on per to up via with from into onto over under "
    "upon after before between among against within without about across".split()
)
_TITLE_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*")


def _title_cased(text: str, opening: int, end: int) -> bool:
    """Whether the quotation opened at `opening` reads as a title: it closes on the line, has two words or
    more, and every word but the short ones is capitalised (`Life under Daash`; a sentence is not). Read
    word by word up to the closing mark, the line's end or a sixteenth word: never further."""
    closing, words = _OPENERS[text[opening]], []
    for found in _TITLE_WORD_OR_STOP.finditer(text, opening + 1):
        piece = found.group()
        if piece == closing and found.start() >= end:
            break
        if piece in "\r\n" and found.start() >= end:
            return False
        if piece[0] not in _STOPS:
            words.append(piece)
            if len(words) > 15:
                return False
    else:
        return False  # never closed
    if len(words) < 2:
        return False
    return all(word[:1].isupper() or word[:1].isdigit() or word in _MINOR_WORDS for word in words)


_STOPS = "\r\n" + "".join(_OPENERS.values())
_TITLE_WORD_OR_STOP = regex.compile(rf"{_TITLE_WORD.pattern}|[{regex.escape(_STOPS)}]")


def _opening_mark(text: str, start: int) -> int | None:
    """Where the quotation mark that opens a quotation holding `start` is, on the same line; None if none."""
    low = max(0, start - _QUOTE_REACH)
    line = max(text.rfind("\n", low, start), text.rfind("\r", low, start)) + 1
    for at in range(start - 1, max(low, line) - 1, -1):
        mark = text[at]
        if mark in "”»":
            return None
        if mark in _OPENERS and _opens(text, at, line, start):
            return at
    return None


def _opens(text: str, at: int, line: int, start: int) -> bool:
    """Whether the mark at `at` opens a quotation still open at `start` (a symmetric mark: an odd count of
    them on the line before `start`, and a word right after it)."""
    mark = text[at]
    if not text[at + 1 : at + 2].isalnum() or (at > line and text[at - 1].isalnum()):
        return False
    if mark == "“" or mark == "«":
        return True
    return text.count(mark, line, start) % 2 == 1 and text.find(mark, at + 1, start) == -1


# A sentence about what something is called: "calls the group ISIS (Daesh)", "the Arabic acronym".
_NAMING = regex.compile(
    r"\b(?:call(?:s|ed|ing)?|nam(?:e|es|ed|ing)|known|refer(?:s|red|ring)?[ \t]+to|dub(?:s|bed|bing)?|"
    r"term(?:s|ed)?|label(?:s|led|ed|ling|ing)?|acronyms?|spell(?:s|ed|ing|t)?|spellings?|Arabic|"
    r"transliterat\w*|translat\w*|pronounc\w*)\b",
    regex.IGNORECASE,
)
_PARENTHESIS_BEFORE = regex.compile(r"\([ \t]*[“\"‘']?\Z")
_PARENTHESIS_AFTER = regex.compile(r"[”\"’']?[ \t]*\)")
_SENTENCE_REACH = 300


def is_naming_gloss(text: str, start: int, end: int) -> bool:
    """Whether the term is a parenthetical gloss, `ISIS (Daesh)`, in a sentence about what things are called."""
    if not (_PARENTHESIS_BEFORE.search(text, max(0, start - 3), start) and _PARENTHESIS_AFTER.match(text, end)):
        return False
    low, high = sentence_around(text, start, end)
    outside = text[low : start - 1] + " " + text[end + 1 : high]
    return bool(_NAMING.search(outside))


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """[low, high) of the sentence holding [start, end) on its line, within a few hundred characters, where
    text.py says sentences start."""
    # The line's breaks are looked for within reach only: a long line is not read whole for every term.
    low, high = max(0, start - _SENTENCE_REACH), min(len(text), end + _SENTENCE_REACH)
    low = max(low, text.rfind("\n", low, start) + 1, text.rfind("\r", low, start) + 1)
    high = min(at for at in (text.find("\n", start, high), text.find("\r", start, high), high) if at >= 0)
    before = [at for at in sentence_starts(text, low, start) if at <= start]
    after = next(sentence_starts(text, end, high), high)
    return (before[-1] if before else low), after


def is_word_gloss(text: str, start: int, end: int) -> bool:
    """Whether the term is a parenthetical gloss of the word right before it: `the Messenger (Rasul)`."""
    return bool(_WORD_THEN_PARENTHESIS.search(text, max(0, start - 40), start) and _PARENTHESIS_AFTER.match(text, end))


_WORD_THEN_PARENTHESIS = regex.compile(r"\p{L}[ \t]*\([ \t]*\Z")
