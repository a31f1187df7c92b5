"""Where a sentence starts and ends: stops, abbreviations, list and quote markers, headings."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..lazyregex import lazy_compile

_OPENING = r"[“\"‘'(\[]?"
# A stop (. ! ? … or ...), the word it may end (letters, dotted letters: `U.S`, `e.g`) and closing quotes or brackets.
_STOP = r"(?:(?<![\p{L}\p{M}\p{N}.\-])(?P<word>\p{L}+(?:\.\p{L}+)*))?(?P<stop>\.\.\.|[.!?…])(?P<close>[”’\"')\]]*)"
# Matched backwards from a position (regex.REVERSE): what ends there.
_STOP_BEFORE = regex.compile(rf"{_STOP}[ \t]+{_OPENING}", regex.REVERSE)
# A stop and a closing quote with no space before the next word (`taught."Al-Khadir replied`).
_STOP_AND_QUOTE_BEFORE = regex.compile(
    r"(?:(?<![\p{L}\p{M}\p{N}.\-])(?P<word>\p{L}+(?:\.\p{L}+)*))?(?P<stop>[.!?…])(?P<close>[”\"])", regex.REVERSE
)
_CELL_BEFORE = regex.compile(rf"\|[ \t]*{_OPENING}", regex.REVERSE)
_STOP_AT_LINE_END = lazy_compile(rf"{_STOP}[ \t]*", regex.REVERSE)
_NEXT_WORD = regex.compile(rf"{_OPENING}(?P<word>\p{{L}}+|\p{{N}})?")
# A line's Markdown or list markers: `#`, `>`, `-`, `*`, `+`, `1.`, `|`.
_LINE_MARKERS = regex.compile(rf"[ \t]*(?P<markers>(?:(?:[#>*+|-]|\d+[.)])[ \t]+|#+[ \t]*|>[ \t]*)*){_OPENING}")
_QUOTE_MARKERS = lazy_compile(r"[ \t]*(?:>[ \t]*)+")
# A line after which the next one starts afresh, whatever its end: blank, a heading, a table row, a rule or underline.
_BLOCK_LINE = lazy_compile(r"[ \t]*(?:#.*|\|.*|[=\-*_ \t]*)")
_LOOK_BACK = 80
_LONGEST_HEADING = 1000

# Abbreviations that lead into what follows, never end a sentence: titles before a name (initials too:
# `J. R. Smith`) and `e.g.`, `i.e.`, `vs.`, `cf.`, `approx.`.
_LEADING_ABBREVIATIONS = frozenset(
    "Mr Mrs Ms Messrs Dr Prof Gen Maj Col Lt Capt Cmdr Cdr Cpt Sgt Cpl Pvt Adm Brig Gov Sen Sens Rep Reps Rev "
    "Hon Amb Pres Det Insp Supt Fr Mme Mlle e.g i.e vs v cf viz approx ca c".split()
)
# Other abbreviations (dotted ones too: `U.S.`, `a.m.`): a stop after them may end a sentence or not.
_ABBREVIATIONS = frozenset(
    "St Mt Ft Jr Sr No Nos Art Vol Fig Ch Sec Para Ave Blvd Rd Inc Ltd Co Corp Bros Dept Univ Est "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec etc est p pp para fig vol".split()
)
# Capitalised common words that open sentences and never follow an abbreviation inside one: `in the U.S. The group`.
_SENTENCE_OPENERS = frozenset(
    "The This That These Those It Its He She They We You I A An His Her Their Our My Your There Here Some Many Most "
    "Several Both Each Every Few No None Other Others Such Another Any All Neither Either One Two Three "
    "In On At By For From With Without After Before During Since Until Under Over Among Between Against Despite "
    "Although Though While When Where Whereas What Which Who Whom Whose Why How If As But And Or Nor So Yet "
    "However Meanwhile Moreover Furthermore Also Still Then Thus Therefore Nevertheless Instead Indeed "
    "According Earlier Later Today Yesterday Now Only Even Not Last Next Once Because Unlike Like To".split()
)


def is_abbreviation(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is an abbreviation the sentence rules know, written with its full stop
    (`v.` of `Roe v. Wade`, `Sens.`, `approx.`)."""
    word = text[start:end].rstrip(".")
    return text[start + len(word) : start + len(word) + 1] == "." and abbreviation(word)


def abbreviation(word: str) -> bool:
    """Whether a word (without its stop) is an abbreviation the sentence rules know (`etc`, `e.g`, `Sens`)."""
    return word in _LEADING_ABBREVIATIONS or word in _ABBREVIATIONS


def sentence_opener(word: str) -> bool:
    """Whether a capitalised word is a common one that opens sentences (`The`, `However`), not a name."""
    return word in _SENTENCE_OPENERS


def sentence_start(text: str, pos: int) -> bool | None:
    """Whether `pos` begins a sentence: True at the text's start, after a sentence's end (see `_after_stop`)
    and a space, in a table cell, on a heading, list item or block quote line, or on a line after a blank
    line or a finished sentence; None where either may be right (a line after one that runs on: hard-wrapped
    prose, or a title above; a name after an abbreviation such as `U.S.`); else False."""
    low = max(0, pos - _LOOK_BACK)
    line_start = max(text.rfind("\n", low, pos), text.rfind("\r", low, pos)) + 1
    stop = _STOP_BEFORE.match(text, max(low, line_start), pos) or _STOP_AND_QUOTE_BEFORE.match(
        text, max(low, line_start), pos
    )
    if stop:
        return _after_stop(stop, text, pos)
    if _CELL_BEFORE.match(text, max(low, line_start), pos):
        return True
    if line_start == 0 and low > 0:
        return False  # the line starts further back than any marker could
    prefix = _LINE_MARKERS.fullmatch(text, line_start, pos)
    if prefix is None:
        return False
    markers = prefix.group("markers")
    if line_start == 0 or markers.strip("> \t"):
        return True
    return _after_finished_line(text, line_start, pos, quoted=">" in markers)


def _after_stop(stop: regex.Match[str], text: str, pos: int) -> bool | None:
    """Whether a stop ends the sentence before the word at `pos`. A full stop does, unless it ends an
    abbreviation: then only a common opening word (`The`, `He`) follows a sentence's end; a name after a
    title, an initial or `e.g.` (`Mr.`, `Maj. Gen.`, `J. R.`), a lowercase word or a number after any
    abbreviation do not (`the U.N. envoy`, `No. 5`); a name after another one may (`the U.S. Al-Amiri`: None).
    After ? ! or an ellipsis a lowercase word goes on (`“Why?” he asked`), a capital starts a sentence."""
    kind = _next_word_kind(text, pos)
    mark, abbreviation = stop.group("stop"), stop.group("word")
    if mark != ".":
        return kind != "lowercase"
    if abbreviation is None or not _is_abbreviation(abbreviation) or kind == "opener":
        return True
    if kind == "name" and abbreviation not in _LEADING_ABBREVIATIONS and len(abbreviation) > 1:
        return None
    return False


def _next_word_kind(text: str, pos: int) -> str:
    """What stands at `pos`, after any opening quote: an "opener" (a capitalised common word, not an
    initial), a "name" (another capitalised word), a "lowercase" word, or "other" (a number, a mark)."""
    word = _NEXT_WORD.match(text, pos)
    letters = word.group("word") if word else None
    if letters is None or letters.isdigit():
        return "other"
    if not letters[0].isupper():
        return "lowercase"
    initial = len(letters) == 1 and text.startswith(".", word.end())
    return "opener" if letters in _SENTENCE_OPENERS and not initial else "name"


def _is_abbreviation(word: str) -> bool:
    """Whether a word before a full stop is an abbreviation: a known one, an initial, or dotted letters
    (`U.S`, `e.g`, `Ph.D`, not a web address's `LiverpoolFC.com`)."""
    if word in _LEADING_ABBREVIATIONS or word in _ABBREVIATIONS or (len(word) == 1 and word.isupper()):
        return True
    parts = word.split(".")
    return len(parts) > 1 and all(len(part) <= 2 for part in parts)


def _after_finished_line(text: str, line_start: int, pos: int, quoted: bool) -> bool | None:
    """Whether the line before `line_start` leaves the next one to start afresh at `pos` (None: it may run
    on). A line ending in a stop is judged like a stop before a space; in a block quote only the quote's own
    previous line counts."""
    end = line_start - (2 if line_start >= 2 and text.startswith("\r\n", line_start - 2) else 1)
    stop = _STOP_AT_LINE_END.match(text, max(0, end - _LOOK_BACK), end)
    if stop:
        return _after_stop(stop, text, pos)
    low = max(0, end - _LONGEST_HEADING)
    start = max(text.rfind("\n", low, end), text.rfind("\r", low, end)) + 1
    if start == 0 and low > 0:
        return None  # a long line that runs on
    if quoted:
        quote = _QUOTE_MARKERS.match(text, start, end)
        if quote is None:
            return True  # the quotation starts on this line
        start = quote.end()
    return True if _BLOCK_LINE.fullmatch(text, start, end) else None


def starts_sentence(text: str, pos: int) -> bool:
    """Whether `pos` may begin a sentence (see `sentence_start`; where either may be right counts)."""
    return sentence_start(text, pos) is not False


# A stop and a space before a word (an opening quote or bracket may come between), where a sentence may start.
_STOP_AND_SPACE = regex.compile(rf"[.!?…][”’\"')\]]*[ \t]+(?={_OPENING}[\p{{L}}\p{{N}}])")
_STOP_IN_WORD = lazy_compile(r"[.!?…](?=[\p{L}\p{N}])")


def ends_sentence(text: str, pos: int) -> bool:
    """Whether the stop at `pos` (. ! ? …) ends a sentence: where `sentence_start` says True at the word
    after it, or before no word (a line's end, a dash); not inside `U.S` or `1.5`, nor after an
    abbreviation before a name (`Dr. al-Jubouri`)."""
    after = _STOP_AND_SPACE.match(text, pos)
    if after is None:
        return _STOP_IN_WORD.match(text, pos) is None
    return sentence_start(text, after.end()) is True


def sentence_starts(text: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    """Where sentences start inside lines of text[start:end]: at a word after a stop and a space, where
    `sentence_start` says True."""
    for stop in _STOP_AND_SPACE.finditer(text, start, len(text) if end is None else end):
        if sentence_start(text, stop.end()) is True:
            yield stop.end()
