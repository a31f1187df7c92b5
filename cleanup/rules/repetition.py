"""Repeated words and repeats left by normalization (RW, AP)."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator

import regex

from ..lazyregex import lazy_compile
from ..model import Edit
from ..words.linelocal import LineMatches
from ..words.sentences import sentence_start
from .base import FLAG, NOT_IN_WORD, SAFE, SPACE, UNSAFE, Context, Finding, Rule, finds, fixes, ignores, keeps

END_OF_WORD = r"(?![\p{L}\p{M}\p{N}]|['’‘ʼ\-][\p{L}\p{N}])"


# Words whose doubling is never grammatical ("the the"). Not prepositions, which a verb can end with before
# a phrase that starts with the same one ("gave in in the end", "carried on on his own", "came to to find",
# "approve of of course"), nor pronouns ("gave her her share", "gave them them"): RW002 flags those.
DOUBLED_FUNCTION_WORDS = frozenset("a an the and or but nor its their his our your".split())


# Words that can end one clause and start the next, so that their double is often right: a complementizer
# before a demonstrative ("knew that that was"), an auxiliary or copula after a free relative ("what it is
# is", "what they do do", "had had"), an object pronoun before a possessive or a subject ("gave her her
# share", "told you you were").
CLAUSE_EDGE_WORDS = frozenset("that had has have is are was were do does did her you".split())


# Interjections and intensifiers, which English doubles on purpose ("no no", "very very", "bye bye").
REDUPLICATED_WORDS = frozenset(
    "no yes yeah oh ah aha ha haha hee ho hey bye blah bla la na ta tsk boo wow yay hmm um uh er "
    "very really so too much many far long way dear there now come well".split()
)


_REPEATED = regex.compile(rf"{NOT_IN_WORD}(?P<word>\p{{L}}+)(?P<gap>{SPACE}+(?P=word)){END_OF_WORD}", regex.IGNORECASE)
# Where `_REPEATED` may match, for the standard engine, which finds it several times faster: a word
# start (the text's, or after a character that is no letter or digit: the scan tries only those), looking
# ahead at a word, spaces and the same word again, on a copy whose letters are brought to one case (upper,
# then lower, unites what `regex` ignoring case does: ı and I, ſ and s). Possessive: a word is followed by
# spaces only where it ends, so giving back letters never helps (and costs).
_REPEATED_AHEAD = r"(?=(\w++)[ \t]++\1(?![^\W_]))"
_MAYBE_REPEATED = re.compile(rf"[\W_]{_REPEATED_AHEAD}")
_MAYBE_REPEATED_AT_START = re.compile(_REPEATED_AHEAD)


@functools.lru_cache(maxsize=2)
def doubled_words(text: str) -> tuple[regex.Match, ...]:
    """The matches of `_REPEATED.finditer(text)`. RW001 and RW002 both ask for them: each text (the original,
    the latest) is scanned once, and only in the lines no text read lately had (a doubled word never spans
    a line break)."""
    return _DOUBLED_BY_LINE(text, None)


def _scan(text: str) -> tuple[regex.Match, ...]:
    """The matches of `_REPEATED.finditer(text)`, tried only where the standard engine says one may start."""
    one_case = text.upper().lower()
    if len(one_case) != len(text):  # a letter whose case is two letters (ß, İ): no shortcut
        return tuple(_REPEATED.finditer(text))
    found: list[regex.Match] = []
    starts = [0] if _MAYBE_REPEATED_AT_START.match(one_case) else []
    for start in itertools.chain(starts, (hint.end() for hint in _MAYBE_REPEATED.finditer(one_case))):
        if not found or start >= found[-1].end():
            match = _REPEATED.match(text, start)
            if match:
                found.append(match)
    return tuple(found)


_DOUBLED_BY_LINE: LineMatches[regex.Match, None] = LineMatches(lambda text, _: _scan(text), _REPEATED.match)


def _never_grammatical_double(match: regex.Match) -> bool:
    """Whether a doubled word is a slip: a function word written twice alike ("the the", "THE THE"), or
    capitalised only at a sentence start ("The the"). "type A a month", "The The" (a name) are not."""
    first, second = match.group("word"), match.group("gap").lstrip(" \t")
    if first.lower() not in DOUBLED_FUNCTION_WORDS:
        return False
    if first == second:
        return first.islower() or first.isupper() and len(first) > 1
    return second.islower() and first == second.capitalize() and bool(sentence_start(match.string, match.start()))


def _doubled_function_words(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    for match in doubled_words(text):
        if _never_grammatical_double(match):
            yield rule.edit(match.start("gap"), match.end("gap"), "")


def _usually_meant(match: regex.Match) -> bool:
    """Whether a doubled word is more often right than a slip: a word that can end one clause and start
    the next, an interjection or intensifier, or a name written in capitals both times (`Baden Baden`)."""
    first, second = match.group("word"), match.group("gap").lstrip(" \t")
    word = first.lower()
    if word in CLAUSE_EDGE_WORDS or word in REDUPLICATED_WORDS:
        return True
    return first == second and first[0].isupper() and not first.isupper()


def _repeated_words(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    for match in doubled_words(text):
        if not _never_grammatical_double(match) and not _usually_meant(match):
            word = match.group("word")
            yield rule.flag(match.start(), match.end(), f"repeated word “{word}”: check that it is meant")


RW001 = Rule(
    "RW001",
    "a doubled function word (“the the”) written once",
    SAFE,
    _doubled_function_words,
    (
        fixes("in the the city", "in the city"),
        fixes("the army and and the police", "the army and the police"),
        keeps("he had had enough"),
        keeps("gave her her share, gave in in the end, carried on on his own, would approve of of course"),
        fixes("The the city. AND AND", "The city. AND"),
        keeps("He got an A a year ago, like The The. My my, the A A"),
        keeps("Did you give them their presents? I gave them them."),
    ),
    doc="a doubled word that is never grammatical (`the the`, `and and`, `The the` at a sentence start) written once; not prepositions (`gave in in the end`, `approve of of course`), pronouns (`gave her her share`, `gave them them`), `that`, `had`, `my my`, nor a capital mid-sentence (`type A a month`, `The The`)",
    why="These words are never doubled in English; the double is a slip.",
    local=True,
)


RW002 = Rule(
    "RW002",
    "a repeated word: check that it is meant",
    FLAG,
    _repeated_words,
    (
        finds("the army army moved"),
        finds("he gave in in the end"),
        finds("type A a month later"),
        finds("the army sent them them to the front"),
        finds("a call Call 911 now"),
        ignores("in the the city"),
        ignores("I know that that is wrong, he had had enough, and what it is is a trap"),
        ignores("what they do do is help, she gave her her book, and I told you you were right"),
        ignores("No no, he said; it was very very cold, bye bye, so so many, ha ha"),
        ignores("the spa town of Baden Baden"),
    ),
    doc="any other repeated word that is usually a slip (`the army army`, `gave in in the end`, `them them`); not a word that can end one clause and start the next (`that that`, `had had`, `what it is is`, `what they do do`, `gave her her share`, `told you you were`), an interjection or intensifier (`no no`, `very very`, `bye bye`), nor a name in capitals (`Baden Baden`)",
    why="Some doubles are usually slips and a person should look; those that are often right (`had had`, `that that`) would only be noise.",
)


# Words before which the comma after a cut repeat goes on a list or a clause ("the SDF, the army", ", which").
LIST_OR_CLAUSE_GOES_ON = frozenset(
    "which who whom whose where when the a an its their his her our this these those".split()
)


LAST_ITEM = frozenset(("and", "or", "nor"))


# Finite verbs that can only follow a subject: before them the comma closed an apposition (`the SDF, SDF, said`).
PREDICATE_STARTS = frozenset(
    "is are was were has have had will would can could may might must shall should do does did said says told".split()
)


# A repeat to cut: its start and end, the end of the comma after it (None: no comma of its own), and
# whether that comma stays (None: cannot tell).
Repeat = tuple[int, int, int | None, bool | None]


def _comma_stays(next_word: str, in_list: bool) -> bool | None:
    """Whether the comma after a cut repeat stays: before a list's last item only in a longer list; before
    `which`, a determiner, a capital or a number always; before `said`, `is` never. None before other words:
    `, also said` would drop it, `, however,` and `, local militias and` keep it."""
    if next_word in LAST_ITEM:
        return in_list
    if next_word in PREDICATE_STARTS:
        return False
    if not next_word or next_word in LIST_OR_CLAUSE_GOES_ON or not next_word[0].islower():
        return True
    return None


def _cut(rule: Rule, repeat: Repeat) -> Edit:
    """The edit that cuts a repeat, and the spaces and comma after it unless the comma stays."""
    start, end, comma_end, stays = repeat
    return rule.edit(start, end, "") if comma_end is None else rule.edit(start, comma_end, "," if stays else "")


_ABBREVIATION_REPEAT = regex.compile(
    rf"(?<=\((?P<abbr>[\p{{L}}\p{{N}}][\p{{L}}\p{{N}}.'’\-]*)\))(?P<cut>{SPACE}*,{SPACE}*(?P=abbr){SPACE}*),"
    rf"(?={SPACE}*(?P<next>\p{{L}}*))"
)


def _abbreviation_repeats(text: str) -> Iterator[Repeat]:
    """`Forces (SDF), SDF,`: the comma before `and` is the writer's own and stays."""
    for match in _ABBREVIATION_REPEAT.finditer(text):
        yield match.start("cut"), match.end("cut"), match.end(), _comma_stays(match.group("next"), in_list=True)


def _repeated_abbreviation(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    for repeat in _abbreviation_repeats(text):
        if repeat[3] is not None:
            yield _cut(rule, repeat)


AP001 = Rule(
    "AP001",
    "an abbreviation repeated right after its own parenthesis",
    SAFE,
    _repeated_abbreviation,
    (
        fixes("Syrian Democratic Forces (SDF), SDF, and", "Syrian Democratic Forces (SDF), and"),
        fixes("Forces (SDF) , SDF , and", "Forces (SDF), and"),
        fixes("Forces (SDF), SDF, which", "Forces (SDF), which"),
        fixes("Forces (SDF), SDF, the army and ISIS", "Forces (SDF), the army and ISIS"),
        keeps("the SDF (SDF), SDA, and"),
        fixes("the Syrian Democratic Forces (SDF), SDF, said that", "the Syrian Democratic Forces (SDF) said that"),
        keeps("Forces (SDF), SDF, however, said that"),  # AP003's
    ),
    doc="an abbreviation repeated after its own parenthesis: `Syrian Democratic Forces (SDF), SDF, and` → `Syrian Democratic Forces (SDF), and`, `(SDF), SDF, said` → `(SDF) said`, `(SDF), SDF, the army` → `(SDF), the army`",
    why="After normalization an abbreviation often stands twice in a row; the second says nothing new.",
    local=True,
)


# A list item, a parenthesis or an alternative that repeats the name just before it: "the SDF, SDF and",
# "ISIS (ISIS)", "ISIS/ISIS cells", "ISIS or ISIS".
_REPEATED_ITEM = regex.compile(
    rf"{NOT_IN_WORD}(?P<item>\p{{L}}[\p{{L}}\p{{M}}\p{{N}}'’\-]*(?:{SPACE}+\p{{L}}[\p{{L}}\p{{M}}\p{{N}}'’\-]*){{0,4}})"
    rf"(?P<cut>{SPACE}*(?:,{SPACE}*(?:(?:and|or){SPACE}+)?|\({SPACE}*|/{SPACE}*|(?<={SPACE})or{SPACE}+)(?P=item)(?:{SPACE}*\))?)"
    rf"(?:{SPACE}*(?P<comma>,)(?={SPACE}*(?P<next>\p{{L}}*)))?{END_OF_WORD}"
)


_LIST_BEFORE = lazy_compile(rf",{SPACE}*(?:(?:the|a|an){SPACE}+)?\Z")


# What may stand between a repeated item and its repeat: a list comma, an opening parenthesis, a slash, `or`.
# One pattern for each, led by plain characters, which the standard engine skips to fastest (several times
# faster than a class or an alternation it tries at every character).
_CUT_MARKS = tuple(re.compile(mark) for mark in (",", r"\(", "/", r"or(?<=[ \t]or)[ \t]"))
_AND_OR = re.compile(r"(?:and|or)[ \t]+")


_LENGTHS: dict[int, tuple[frozenset[str], tuple[int, int]]] = {}


def _lengths(forms: frozenset[str]) -> tuple[int, int]:
    """The shortest and the longest of `forms`, kept for the sets last asked about, found by identity: each
    document's context has its own equal set, and comparing two of 10,000 forms costs more than a paragraph's scan."""
    kept = _LENGTHS.get(id(forms))
    if kept is None or kept[0] is not forms:
        if len(_LENGTHS) >= 8:
            _LENGTHS.clear()
        kept = _LENGTHS[id(forms)] = (forms, (min(map(len, forms), default=0), max(map(len, forms), default=0)))
    return kept[1]


def _item_starts(text: str, forms: frozenset[str]) -> list[int]:
    """Every place an item that is one of `forms` may start, in order: before a list comma, parenthesis, slash
    or `or`, at most the longest form before it, where the text begins as it does after the mark (the repeat)."""
    shortest, longest = _lengths(forms)
    if shortest == 0:
        return []
    starts = set()
    for mark in itertools.chain.from_iterable(pattern.finditer(text) for pattern in _CUT_MARKS):
        end = mark.start()
        while end > 0 and text[end - 1] in " \t":
            end -= 1  # where the item ends
        after = mark.end()
        while after < len(text) and text[after] in " \t":
            after += 1
        heads = [after]
        if mark.group() == ",":
            more = _AND_OR.match(text, after)
            if more:
                heads.append(more.end())
        for head in heads:
            begins = text[head : head + min(shortest, 3)]
            at = text.find(begins, max(0, end - longest), end) if begins else -1
            while at >= 0:
                starts.add(at)
                at = text.find(begins, at + 1, end)
    return sorted(starts)


@functools.lru_cache(maxsize=2)
def _item_matches(text: str, forms: frozenset[str]) -> tuple[regex.Match, ...]:
    """`_REPEATED_ITEM` matched at every place an item that is one of `forms` may start (as an overlapped search
    would), tried only where a repeat follows a mark. AP002 and AP003 both ask for them: each text is scanned once,
    and only in the lines no text read lately had (a repeated item never spans a line break)."""
    return _ITEMS_BY_LINE(text, forms)


def _scan_items(text: str, forms: frozenset[str]) -> tuple[regex.Match, ...]:
    matches = (_REPEATED_ITEM.match(text, start) for start in _item_starts(text, forms))
    return tuple(match for match in matches if match is not None)


_ITEMS_BY_LINE = LineMatches(_scan_items, _REPEATED_ITEM.match)


def _list_repeats(text: str, context: Context) -> Iterator[Repeat]:
    """A glossary preferred form repeated right after itself, as normalization leaves it (`the SDF, Qasad and`
    → `the SDF, SDF and`); a comma after a parenthesis is the writer's own."""
    for match in _item_matches(text, context.normalized_forms):
        if match.group("item") not in context.normalized_forms:
            continue
        cut = match.group("cut")
        in_parenthesis = cut.lstrip(" \t").startswith("(")
        if in_parenthesis != cut.rstrip(" \t").endswith(")"):
            continue  # a parenthesis must open and close around the repeat
        if in_parenthesis or not match.group("comma"):
            yield match.start("cut"), match.end("cut"), None, True
            continue
        in_list = bool(_LIST_BEFORE.search(text, max(0, match.start() - 8), match.start()))
        yield match.start("cut"), match.end("cut"), match.end("comma"), _comma_stays(match.group("next"), in_list)


def _repeated_list_items(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    for repeat in _list_repeats(text, context):
        if repeat[3] is not None:
            yield _cut(rule, repeat)


AP002 = Rule(
    "AP002",
    "a name repeated right after itself in a list, a parenthesis or an alternative (left by normalization) written once",
    SAFE,
    _repeated_list_items,
    (
        fixes("the SDF, SDF and the coalition", "the SDF and the coalition"),
        fixes("the SDF, SDF, and the coalition", "the SDF and the coalition"),
        fixes("ISIS, the SDF, SDF, and the army", "ISIS, the SDF, and the army"),
        fixes(
            "the SDF, SDF, the army and ISIS, SDF, SDF, Iraqi forces", "the SDF, the army and ISIS, SDF, Iraqi forces"
        ),
        fixes("the SDF, SDF, which", "the SDF, which"),
        fixes("ISIS (ISIS) and al-Badia, al-Badia", "ISIS and al-Badia"),
        fixes("the SDF (SDF), the army", "the SDF, the army"),
        fixes("ISIS/ISIS cells and ISIS / ISIS fighters", "ISIS cells and ISIS fighters"),
        fixes("ISIS or ISIS fighters", "ISIS fighters"),
        keeps("ISIS or ISIS-held towns, the SDF/Kurdish forces, New York or New York"),
        keeps("New York, New York, and the SDF, the army"),
        keeps("the SDF, SDFs and ISIS, ISIS-held towns"),
        fixes("the SDF, SDF, is limited", "the SDF is limited"),
        keeps("the SDF, SDF, local militias and the army"),  # AP003's
    ),
    example_context=Context(
        normalized_forms=frozenset({"SDF", "ISIS", "al-Badia"}), known_forms=frozenset({"New York"})
    ),
    doc="a glossary preferred form repeated right after itself in a list or a parenthesis, as normalization leaves it: `the SDF,Qasad and` → `the SDF and`, `the SDF, Qasad, the army` → `the SDF, the army`, `the SDF, Qasad, is` → `the SDF is`, `the SDF (SDF)` → `the SDF`, `ISIL/Daesh cells` → `ISIS/ISIS cells` → `ISIS cells`, `Daesh or ISIL` → `ISIS`; other repeats (`New York, New York`) are left",
    why="Translators give a name in two spellings side by side; once both are the preferred form, one must go.",
    local=True,
)


def _unsure_repeats(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    for repeat in (*_abbreviation_repeats(text), *_list_repeats(text, context)):
        if repeat[3] is None:
            yield _cut(rule, repeat[:3] + (False,))


AP003 = Rule(
    "AP003",
    "a repeated name whose comma may close an apposition (`the SDF, SDF, also said`) or not (`the SDF, SDF, "
    "however,`): check before it is cut",
    UNSAFE,
    _unsure_repeats,
    (
        fixes(
            "the SDF, SDF, also said that, and Forces (SDF), SDF, fought",
            "the SDF also said that, and Forces (SDF) fought",
        ),
        ignores("the SDF, SDF, the army and Forces (SDF), SDF, which, and the SDF, SDF, said"),
    ),
    example_context=Context(normalized_forms=frozenset({"SDF"})),
    doc="a repeat AP001/AP002 find before a word that can go either way (`the SDF, SDF, also said` → `the SDF also said`, but not `the SDF, SDF, however,`): the cut is suggested",
    why="Whether the comma stays depends on the words that follow; the cut is offered, not made.",
    local=True,
)


RULES: tuple[Rule, ...] = (
    RW001,
    RW002,
    AP001,
    AP002,
    AP003,
)
