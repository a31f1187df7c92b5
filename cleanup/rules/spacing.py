"""Spacing and punctuation rules: spaces before marks, missing spaces, doubled marks (SP, PU)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from ..lazyregex import lazy_compile
from ..words.sentences import abbreviation, sentence_opener
from .base import FLAG, SAFE, SPACE, Context, Finding, Hint, Rule, finds, fixes, ignores, keeps, matches_at, regex_rule

_EMOTICON_REST = lazy_compile(r"-?[()DPp](?!\p{L})")
_DIGIT_AFTER = lazy_compile(r" ?\d")


def _space_before_punctuation(match: regex.Match) -> str | None:
    """Remove the spaces, except in numbers and times ("10 : 30", "3 .5") and before emoticons."""
    text, end = match.string, match.end()
    mark = text[end]
    after = text[end + 1 : end + 3]
    if mark in ":;" and _EMOTICON_REST.match(after):
        return None
    if mark in ":.," and text[match.start() - 1].isdigit() and _DIGIT_AFTER.match(after):
        return None
    if mark == "." and _LOWERCASE_AFTER.match(text, end + 1) and not _after_abbreviation(text, match.start()):
        return None  # `the two . prayers`: a stray stop inside a sentence, not its end; joining it is no fix
    return ""


_LOWERCASE_AFTER = lazy_compile(r"[ \t]+\p{Ll}")
_WORD_BEFORE = lazy_compile(r"[\p{L}.]+\Z")


def _after_abbreviation(text: str, end: int) -> bool:
    """Whether the word ending at `end` is an abbreviation whose stop the space cut off (`etc .`)."""
    word = _WORD_BEFORE.search(text, max(0, end - 12), end)
    return word is not None and abbreviation(word.group().rstrip("."))


SP001 = regex_rule(
    "SP001",
    "no space before , . ; : ? ! ) ]",
    SAFE,
    rf"(?<=\S){SPACE}+(?=[,;:?!)\]]|(?<!\.{SPACE}*)\.(?![.\w]|{SPACE}\.))",
    _space_before_punctuation,
    [
        fixes("the magazine , it said", "the magazine, it said"),
        fixes("by (security) .”", "by (security).”"),
        fixes("the end .", "the end."),
        keeps("wait ... and see"),
        keeps("which We have sent down . . . (up to) the end"),  # a spaced ellipsis
        fixes("the end . And etc. , then", "the end. And etc., then"),
        fixes("fruit, nuts etc . and bread", "fruit, nuts etc. and bread"),
        keeps("offered in between the two . prayers"),  # a stray stop mid-sentence: joining it fixes nothing
        keeps("at 10 : 30 today"),
        keeps("nice :) really"),
        # A full stop that starts a word is part of it: a file extension or a dotted name.
        keeps("receive .au audio, .wav files and .NET code"),
    ],
    doc="removes the space before `, . ; : ? ! ) ]` — not in numbers or times (`10 : 30`), ellipses (`...`, `. . .`), a stray full stop before a lowercase word (`the two . prayers`; after an abbreviation it is the abbreviation's: `etc . and` → `etc. and`) or emoticons (`:)`), nor before a full stop that starts a word (`.wav`, `.NET`)",
    why="A space before a comma or full stop is a typing habit carried over from Arabic text; English sets the mark against the word.",
    local=True,
    # The mark after the spaces, a pattern led by each mark (the standard engine skips to a plain character
    # fastest), then back to the spaces' start.
    hint=tuple(rf"{re.escape(mark)}(?<=[ \t].)" for mark in ",;:?!)]."),
    back=" \t",
)


SP002 = regex_rule(
    "SP002",
    "no space after ( or [",
    SAFE,
    rf"(?<=[(\[]){SPACE}+(?=[^\s)\]])",
    "",
    [fixes("the ( western) side", "the (western) side"), keeps("- [ ] task")],
    doc="removes the space after `(` and `[` (`[ ]` checkboxes stay)",
    why="English puts no space just inside brackets.",
    local=True,
    hint=(r"\((?P<at>[ \t])", r"\[(?P<at>[ \t])"),
)


SP003 = regex_rule(
    "SP003",
    "one space between words",
    SAFE,
    r"(?<=\S) {2,}(?=\S)",
    " ",
    [fixes("the  city of   Mosul", "the city of Mosul"), keeps("  indented line")],
    doc="collapses runs of spaces inside a line (indentation stays)",
    why="Runs of spaces are left by copy and paste and justified layouts; in print they show as gaps.",
    local=True,
    hint="  ",
)


_STOP_BETWEEN_WORDS = r"(?<=\p{Ll}{2}|\p{Ll}[”’\")\]])\.(?=\p{Lu}\p{Ll})"
_TOKEN_BEFORE = lazy_compile(r"\S*\Z")
_TOKEN_AFTER = lazy_compile(r"\S*")
_NAME_MARKS = lazy_compile(r"[./@:\\_=]")  # in a dotted name, a path or an address
_WORD = lazy_compile(r"\p{L}+")


def _stop_between_words(match: regex.Match) -> str | None:
    """What a full stop between two words with no space after it is: "sentence" where surely a sentence
    ends there (a closing quote or bracket before it, or a word that opens sentences after it: `Iraq.The`),
    None inside a dotted name (`java.io.File`, `www.Rawabet.org`), "ask" otherwise (`Amaq.News`)."""
    text, start, end = match.string, match.start(), match.end()
    before = _TOKEN_BEFORE.search(text, max(0, start - 100), start).group().lstrip("(“‘\"'[")
    after = _TOKEN_AFTER.match(text, end).group().rstrip(".,;:!?”’\"')]")
    if _NAME_MARKS.search(before) or _NAME_MARKS.search(after) or "(" in after:  # `x.Update(` is a call
        return None
    if text[start - 1] in '”’")]':
        return "sentence"
    word = _WORD.match(after)
    return "sentence" if word is not None and sentence_opener(word.group()) else "ask"


def _missing_space(match: regex.Match) -> str | None:
    if match.group() == "." and _stop_between_words(match) != "sentence":
        return None
    return match.group() + " "


SP004 = regex_rule(
    "SP004",
    "a space after a comma or full stop between words",
    SAFE,
    rf"(?<=\p{{L}}),(?=\p{{L}})|{_STOP_BETWEEN_WORDS}",
    _missing_space,
    [
        fixes("Mosul,Kirkuk and Diyala", "Mosul, Kirkuk and Diyala"),
        fixes("in Iraq.The army", "in Iraq. The army"),
        fixes("(in Iraq.The army)", "(in Iraq. The army)"),
        fixes("“the cells are active”.See", "“the cells are active”. See"),
        keeps("1,000 men, 3.5 km, the U.S. army, e.g. this"),
        # Dotted names are one word: a class, an agency's handle, a web address.
        keeps("the class java.io.File, the Amaq.News channel and www.Rawabet.org"),
        keeps("the army.Fighters returned"),  # a sentence's end or a name? SP007 asks
    ],
    doc="adds the missing space after a comma between words (`Kirkuk,the`), and after a full stop where a sentence surely ends: a word that opens sentences follows (`Iraq.The`) or a closing quote precedes (`active”.See`) — never `1,000`, `3.5`, `U.S.`, `e.g.`, nor inside a dotted name (`java.io.File`, `www.Rawabet.org`); other words joined by a stop (`Amaq.News`) are SP007's to flag",
    why="Without the space two words run together, for readers and for search alike.",
    local=True,
    # A comma, a stop before a letter (or a number that is no digit: more places, never fewer), each led by
    # its plain character, which the standard engine skips to fastest.
    hint=(r",(?=[^\W\d_])", r"\.(?=[^\W\d_])"),
)


def _run_together(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    """Flag a full stop between two words that may end a sentence or join a dotted name (`Amaq.News`)."""
    for match in _STOP.finditer(text):
        if _stop_between_words(match) == "ask":
            yield rule.flag(
                match.start(), match.end(), "no space after a full stop: a new sentence, or a name?", (". ",)
            )


_STOP = lazy_compile(_STOP_BETWEEN_WORDS)

SP007 = Rule(
    "SP007",
    "a full stop between two words with no space after it (`Amaq.News`): a new sentence or a dotted name?",
    FLAG,
    _run_together,
    (
        finds("the army.Fighters returned"),
        finds("a video on Amaq.News said"),
        ignores("in Iraq.The army, the class java.io.File, www.Rawabet.org and the U.S.Army"),
    ),
    doc="a full stop between a lowercase letter and a capitalised word with no space (`army.Fighters`, `Amaq.News`) that SP004 does not surely know for a sentence's end: a new sentence, or a dotted name? suggests `. `; never inside dotted names (`java.io.File`)",
    why="A missing space after a sentence is a typing slip, but a dotted name (a channel, a class) is written that way; only a person can tell.",
)


_SPACE_BEFORE_NOT_AFTER_STOP = lazy_compile(rf"(?<=\p{{Ll}}[”’\")\]]?){SPACE}+\.(?=\p{{Lu}}\p{{Ll}})")
_SPACE_BEFORE_STOP = Hint(re.compile(r"\.(?<=[ \t]\.)"), back=" \t")


def _space_on_wrong_side(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    """Flag `army .The next`: a sentence's full stop with the space on its wrong side, or a dotted name (`.Net`)."""
    for match in matches_at(_SPACE_BEFORE_NOT_AFTER_STOP, text, _SPACE_BEFORE_STOP(text)):
        message = "space before a full stop and none after it: a new sentence, or a name like .Net?"
        yield rule.flag(match.start(), match.end(), message, (". ",))


SP005 = Rule(
    "SP005",
    "a space before a full stop and none after it (`army .The next`): check which side it belongs",
    FLAG,
    _space_on_wrong_side,
    (
        finds("by the army .The next day"),
        ignores("the .NET code, .wav files and .au audio. The end ."),
    ),
    doc="a space before a full stop and none after it (`army .The next`): a new sentence or a dotted name (`.Net`)? suggests `army. The`",
    why="The same marks are a sentence boundary typed wrong or a dotted name; only a person can tell.",
)


_MARK_STRENGTH = {".": 3, ";": 2, ":": 1, ",": 0}


def _doubled_punctuation(match: regex.Match) -> str | None:
    """Keep the strongest of the marks; leave ellipses, '::' and abbreviation stops like 'etc.,'."""
    run = match.group()
    marks = run.replace(" ", "").replace("\t", "")
    if ".." in marks and len(marks) > 2 or "::" in marks or run in (".,", ".;", ".:"):
        return None
    return max(marks, key=lambda mark: _MARK_STRENGTH[mark])


SP006 = regex_rule(
    "SP006",
    "no space between a currency sign and its amount",
    SAFE,
    rf"(?<=[$£€¥]){SPACE}+(?=\d)",
    "",
    [
        fixes("a budget of $ 1.5 billion and £ 20", "a budget of $1.5 billion and £20"),
        keeps("50 $ here; US$ and € signs"),
    ],
    doc="removes the space after `$ £ € ¥` before an amount (`$ 1.5 billion` → `$1.5 billion`); a sign after the number or without one is left alone",
    why="English sets the currency sign against the amount; a space after it is carried over from other languages' layouts.",
    local=True,
    hint=r"[$£€¥](?P<at>[ \t])",
    needs=tuple("$£€¥"),
)


SP008 = regex_rule(
    "SP008",
    "no space between a number and its percent sign",
    SAFE,
    rf"(?<=\d){SPACE}+(?=%)",
    "",
    [
        fixes("rose by 30 % in 2019 and by 4.5 % since", "rose by 30% in 2019 and by 4.5% since"),
        keeps("30% already; the % sign; a share of % 30"),
    ],
    doc="removes the space between a number and `%` (`30 %` → `30%`); a `%` after a word or before the number is left alone",
    why="English sets the percent sign against its number; a space before it is carried over from French or Arabic layouts.",
    local=True,
    hint=r"\d(?P<at>[ \t]+)%",
    needs=("%",),
)

PU001 = regex_rule(
    "PU001",
    "doubled punctuation reduced to one mark",
    SAFE,
    rf"(?<=[\p{{L}}\p{{N}})\]”’\"])[.,;:](?:{SPACE}*[.,;:])+(?=[\s”’\")\]]|\Z)",
    _doubled_punctuation,
    [
        fixes("in late 2017. .", "in late 2017."),
        fixes("Iraq,, Syria", "Iraq, Syria"),
        fixes("the end. , then", "the end. then"),
        keeps("and then... nothing, etc., and so on?!"),
        keeps("the year..blah, [ar.'ma:.da]"),
    ],
    doc="reduces doubled punctuation (`. .`, `,,`, `. ,`) to the strongest mark — never `...`, `…`, `?!`, `etc.,`",
    why="A doubled mark is a typing slip; the strongest mark is the one the sentence needs.",
    local=True,
    hint=tuple(rf"{re.escape(mark)}[ \t]*[.,;:]" for mark in ".,;:"),  # led by each mark: skipped to fastest
)


RULES: tuple[Rule, ...] = (
    SP001,
    SP002,
    SP003,
    SP004,
    SP005,
    SP006,
    SP007,
    SP008,
    PU001,
)
