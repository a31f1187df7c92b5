"""Articles: a/an by how the next word is spoken (AA), and the "the" an acronym said letter by letter keeps (GR013)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from ..model import Safety, line_bounds
from ..words.indefinite_article import article_for, spoken_as_word
from ..words.keys import fold
from ..words.sentences import sentence_start
from .base import (
    CAPITAL_DIGIT_OR_PAST_ASCII,
    CAPITAL_OR_PAST_ASCII,
    NOT_IN_WORD,
    SAFE,
    SPACE,
    Context,
    Finding,
    Hint,
    Rule,
    finds,
    fixes,
    ignores,
    keeps,
    matches_at,
)
from .translation import AFTER_BARE_NAME, the_names

# Words an article never precedes; "a" before them is a stray, not an article to agree.
NOT_AFTER_ARTICLE = frozenset(
    "a an the in on at of to by for with from into onto and or but nor as is are was were be been it its he she "
    "they we you i his her their our my this that these those which who whom whose there than".split()
)


_ARTICLE = regex.compile(
    rf"{NOT_IN_WORD}(?P<article>an|a|An|A)(?P<space>{SPACE}+)(?P<quote>[“\"‘(]?)"
    rf"(?P<word>[\p{{L}}\p{{N}}][\p{{L}}\p{{M}}\p{{N}}'’\-]*)"
)


# Where `_ARTICLE` may match, for the standard engine (one plain character leads each: a fast scan): an
# `a` or `A` after no ASCII letter, digit, apostrophe or hyphen, an `n` perhaps, a space.
_MAYBE_ARTICLE = Hint(
    tuple(re.compile(rf"{a}(?<![A-Za-z0-9'’‘ʼ\-]{a})n?[ \t]") for a in "aA"),
)


def _article_agreement(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    capitals = _CapitalsLines(text)
    for match in matches_at(_ARTICLE, text, _MAYBE_ARTICLE(text)):
        article = match.group("article")
        if article[0] == "A" and not sentence_start(text, match.start()):
            continue  # a capital A mid-sentence is a letter ("grade A"), not an article; on a line that may run on, unsure
        word = match.group("word")
        if word.lower() in NOT_AFTER_ARTICLE or capitals.holds(match.start()):
            continue  # "army a in late 2017": a stray letter, not an article; left for the grammar checker
        wanted = context.articles.get(fold(word)) or article_for(word)
        if wanted is None or wanted == article.lower():
            continue
        replacement = wanted if article[0] == "a" else wanted.capitalize()
        yield rule.edit(match.start("article"), match.end("article"), replacement)


class _CapitalsLines:
    """Whether a position is in a line written all in capitals (a headline), where a/an cannot be told;
    asked in text order, each line is read once (not once a candidate: a long line has thousands)."""

    def __init__(self, text: str) -> None:
        self._text, self._end, self._capitals = text, -1, False

    def holds(self, pos: int) -> bool:
        if pos > self._end:
            start, self._end = line_bounds(self._text, pos)
            self._capitals = not any(c.islower() for c in self._text[start : self._end])
        return self._capitals


AA001 = Rule(
    "AA001",
    "a/an by how the next word is spoken",
    SAFE,
    _article_agreement,
    (
        fixes("posed by a “ISIS organization”", "posed by an “ISIS organization”"),
        ignores("an SDF unit, an FBI agent, a US report, a UN team, a UNESCO site"),
        fixes("a hour, an unit", "an hour, a unit"),
        keeps("type A blood"),
        keeps("by the Iraqi army a in late 2017"),
        keeps("A NEW OFFENSIVE IN ANBAR"),
        fixes(
            "a SDF-held town, a FBI-led raid, an NGO-run camp, a MP-led committee",
            "an SDF-held town, an FBI-led raid, an NGO-run camp, an MP-led committee",
        ),
        fixes("- A SDF patrol\nThe war ended.\nA SDF patrol", "- An SDF patrol\nThe war ended.\nAn SDF patrol"),
        keeps("posed by\nA SDF patrol"),
        keeps("a well-known man, a one-off, a U-turn, an X-ray"),
    ),
    doc="a/an by sound, after every substitution: `an SDF`, `an FBI`, `a US report`, `a UN team`, `an ISIS cell`, `a UNESCO site`, `an hour`, `a unit`, `an 18-year-old`, also across an opening quote (`an “ISIS organization”`); a compound by its first element (`an SDF-held town`, `a well-known`); words whose sound it cannot tell are left alone, as are all-capitals lines",
    why="A/an follows the sound of the next word, which changes when normalization rewrites it (`a Daesh` → `an ISIS`).",
)


# A preposition, then a name in capitals standing alone (a stop or a verb after it, not a noun it qualifies).
PREPOSITIONS = ("of", "by", "with", "from", "to", "for", "against", "between", "among")
_BARE_AFTER_PREPOSITION = regex.compile(
    rf"(?<![\p{{L}}\-])(?:{'|'.join(PREPOSITIONS)})[ \t]+(?P<name>\p{{Lu}}[\p{{Lu}}\d]+)(?![\p{{L}}\p{{M}}\-'’])"
)
# Where such a name may start, for the standard engine: a capital (or any other script's letter) after a
# space, then another or a digit.
_MAYBE_NAME = re.compile(rf"{CAPITAL_OR_PAST_ASCII}(?<=[ \t].){CAPITAL_DIGIT_OR_PAST_ASCII}")


def _bare_name_starts(text: str) -> Iterator[int]:
    """Every place `_BARE_AFTER_PREPOSITION` may match, in order: a preposition, spaces, then a possible name."""
    for name in _MAYBE_NAME.finditer(text):
        spaces = name.start()
        while spaces > 0 and text[spaces - 1] in " \t":
            spaces -= 1
        for preposition in PREPOSITIONS:
            if spaces >= len(preposition) and text.startswith(preposition, spaces - len(preposition)):
                yield spaces - len(preposition)
                break


def _acronym_without_the(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    """An acronym said letter by letter (`SDF`) that the text writes with “the” elsewhere, bare after a
    preposition (`a commander of SDF,`): “the” was lost in translation (Arabic names carry their article)."""
    with_the: set[str] | None = None  # the names the text writes after “the”, read at the first candidate
    for match in matches_at(_BARE_AFTER_PREPOSITION, text, _bare_name_starts(text)):
        name = match["name"]
        if name not in context.known_forms or spoken_as_word(name) or not AFTER_BARE_NAME.match(text, match.end()):
            continue
        if with_the is None:
            with_the = {found["name"] for found in the_names(text)}
        if name in with_the:
            message = f"“{name}” without “the”: this text writes “the {name}” elsewhere"
            yield rule.flag(match.start("name"), match.end("name"), message, (f"the {name}",))


GR013 = Rule(
    "GR013",
    "an acronym said letter by letter, written with “the” elsewhere, bare after a preposition (“a commander of SDF”)",
    Safety.FLAG,
    _acronym_without_the,
    (
        finds("The SDF took the town. A commander of SDF, Ahmed, said so."),
        finds("The SDF advanced. Talks with SDF were broken off."),
        ignores("A commander of SDF, Ahmed, said so."),  # no evidence the text gives it an article
        ignores("The SDF said that dozens of SDF fighters were among SDF units."),  # an acronym qualifying a noun
        ignores("The ISIS group lost. Fighters of ISIS, he said."),  # ISIS is said as a word: no article
        ignores("The SDF said. Officers of SDFX, and of MODEL, left."),  # not a glossary form
    ),
    category="grammar",
    example_context=Context(known_forms=frozenset({"SDF", "ISIS"})),
    doc="`a commander of SDF,` when the text also writes `the SDF` → suggests `the SDF`; not before a noun (`SDF fighters`), not for acronyms said as words (`ISIS`, `NATO`), only for glossary forms",
    why="Arabic names such as Qasad carry no English article, so a translation drops the one `the SDF` needs; the text's own `the SDF` shows the house usage.",
)


RULES: tuple[Rule, ...] = (AA001, GR013)
