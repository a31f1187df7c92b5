"""The article a/an by how the next word is spoken (AA)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..articles import article_for
from ..glossary.terms import fold
from ..model import line_bounds
from ..text import sentence_start
from .base import NOT_IN_WORD, SAFE, SPACE, Context, Finding, Rule, fixes, ignores, keeps

# Words an article never precedes; "a" before them is a stray, not an article to agree.
NOT_AFTER_ARTICLE = frozenset(
    "a an the in on at of to by for with from into onto and or but nor as is are was were be been it its he she "
    "they we you i his her their our my this that these those which who whom whose there than".split()
)


_ARTICLE = regex.compile(
    rf"{NOT_IN_WORD}(?P<article>an|a|An|A)(?P<space>{SPACE}+)(?P<quote>[“\"‘(]?)"
    rf"(?P<word>[\p{{L}}\p{{N}}][\p{{L}}\p{{M}}\p{{N}}'’\-]*)"
)


def _article_agreement(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    for match in _ARTICLE.finditer(text):
        article = match.group("article")
        if article[0] == "A" and not sentence_start(text, match.start()):
            continue  # a capital A mid-sentence is a letter ("grade A"), not an article; on a line that may run on, unsure
        word = match.group("word")
        if word.lower() in NOT_AFTER_ARTICLE or _in_capitals_line(text, match.start()):
            continue  # "army a in late 2017": a stray letter, not an article; left for the grammar checker
        wanted = context.articles.get(fold(word)) or article_for(word)
        if wanted is None or wanted == article.lower():
            continue
        replacement = wanted if article[0] == "a" else wanted.capitalize()
        yield rule.edit(match.start("article"), match.end("article"), replacement)


def _in_capitals_line(text: str, pos: int) -> bool:
    """Whether `pos` is in a line written all in capitals (a headline), where a/an cannot be told."""
    start, end = line_bounds(text, pos)
    return not any(c.islower() for c in text[start:end])


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


RULES: tuple[Rule, ...] = (AA001,)
