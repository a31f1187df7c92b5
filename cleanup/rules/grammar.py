"""House grammar checks for errors typical of translation that general checkers miss; flags only.

Each check is data: word classes and a pattern over them, a message, and examples that test it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import regex

from ..model import Safety
from ..words.sentences import ends_sentence
from .base import Context, Finding, Hint, LazyPattern, Rule, RuleExample, finds, ignores, matches_at

WORD_CLASSES = {
    # Determiners that can never stand right before a finite verb.
    "DET": "the The a an its Its their Their our your",
    "ARTICLE": "the a an",
    # Finite verb forms that are not also common nouns ("the will", "the can" are fine).
    "FINITE": "are is was were has have had would could should does did",
    # Words an article never directly precedes.
    "NOT_AFTER_ARTICLE": "in on at of to by for with from into onto and or but",
    # Verbs that report speech and take an object: "warned the army", not "warned, the army".
    "REPORTING": "warned stressed noted said announced confirmed explained added stated affirmed emphasized "
    "indicated considered asserted revealed denied confirmed acknowledged",
    # Words that open a clause, after which "As he warned, the ..." is right.
    "SUBORDINATOR": "as As when When if If although Although though while While since Since because Because "
    "once Once unless Unless whereas Whereas after After before Before",
}
# Third-person verb forms used as plural nouns, and the nouns meant.
VERB_AS_NOUN = {
    "analyzes": "analyses",
    "emphasizes": "emphases",
    "hypothesizes": "hypotheses",
    "synthesizes": "syntheses",
}
# Words after which a noun is expected: determiners, quantifiers, and adjective-like endings.
NOUN_EXPECTED = r"(?:the|these|those|its|their|many|several|some|such|recent|\p{L}+(?:al|ary|ic|ive|ous|ern|ish|ent))"
_AFTER_NOUN = r"(?=[ \t]*(?:[,.;:)]|\b(?:of|in|on|by|for|that|which)\b|$))"


def words(name: str) -> str:
    """A word class as a regex alternation of whole words."""
    return r"(?:" + "|".join(regex.escape(w) for w in WORD_CLASSES[name].split()) + r")"


@dataclass(frozen=True)
class GrammarCheck:
    """A flag-only check: a pattern, and from each match its message, suggestions and whether to skip it."""

    pattern: regex.Pattern
    message: Callable[[regex.Match], str]
    suggestions: Callable[[regex.Match], tuple[str, ...]] | None = None
    skip: Callable[[regex.Match], bool] | None = None
    # Every place a match may start, in order (None: the pattern is tried everywhere).
    starts: Callable[[str], Iterable[int] | None] | None = None

    def __call__(self, rule: Rule, text: str, context: Context) -> Iterator[Finding]:
        starts = self.starts(text) if self.starts else None
        matches = self.pattern.finditer(text) if starts is None else matches_at(self.pattern, text, starts)
        for match in matches:
            if self.skip is None or not self.skip(match):
                start, end = match.span("flag") if "flag" in self.pattern.groupindex else match.span()
                suggestions = self.suggestions(match) if self.suggestions else ()
                yield rule.flag(start, end, self.message(match), suggestions)


def grammar_rule(
    rule_id: str, reason: str, check: GrammarCheck, examples: list[RuleExample], *, doc: str = "", why: str = ""
) -> Rule:
    """A flag-only rule in category `grammar` from a check and its examples."""
    return Rule(rule_id, reason, Safety.FLAG, check, tuple(examples), category="grammar", doc=doc, why=why)


def _by_first_letter(name: str, after: str) -> Hint:
    """A hint for a word of class `name`, spaces and `after`: one pattern for each first letter, which leads it
    as a plain character (the standard engine skips to one fastest)."""
    rests: dict[str, list[str]] = {}
    for word in WORD_CLASSES[name].split():
        rests.setdefault(word[0], []).append(re.escape(word[1:]))
    return Hint(tuple(re.compile(rf"{first}(?:{'|'.join(rest)})[ \t]+{after}") for first, rest in rests.items()))


def _word(pattern: str) -> regex.Pattern:
    return LazyPattern(rf"(?<![\p{{L}}\-'’]){pattern}(?![\p{{L}}\-'’])")


def _determiner_message(m: regex.Match) -> str:
    return f"“{m['det']}” followed by the verb “{m['verb']}”: a word is missing or misplaced"


def _article_message(m: regex.Match) -> str:
    return f"article “{m['article']}” before “{m['next']}”: a stray or misplaced article"


def _verb_as_noun_message(m: regex.Match) -> str:
    return f"“{m['flag']}” is a verb; the plural noun is “{VERB_AS_NOUN[m['flag'].upper().lower()]}”"


def _plural_noun(m: regex.Match) -> tuple[str, ...]:
    return (VERB_AS_NOUN[m["flag"].upper().lower()],)


def _comma_message(m: regex.Match) -> str:
    return f"a comma between “{m['verb']}” and its object"


def _verb_alone(m: regex.Match) -> tuple[str, ...]:
    return (m["verb"],)


GR001 = grammar_rule(
    "GR001",
    "a determiner followed by a verb: a word is missing or misplaced",
    GrammarCheck(
        _word(rf"(?P<det>{words('DET')})[ \t]+(?P<verb>{words('FINITE')})"),
        _determiner_message,
        starts=_by_first_letter("DET", words("FINITE")),
    ),
    [
        finds("the most important of the are, the development"),
        finds("their are many"),
        ignores("the will of the people; the cells that are active"),
    ],
    doc="a determiner followed by a verb: `of the are`, `their are`",
    why="A verb where a noun should follow a determiner means a word is missing or misplaced.",
)

GR002 = grammar_rule(
    "GR002",
    "an article right before a preposition or conjunction: a stray or misplaced article",
    GrammarCheck(
        _word(rf"(?P<flag>(?P<article>{words('ARTICLE')})[ \t]+(?P<next>{words('NOT_AFTER_ARTICLE')}))"),
        _article_message,
        starts=_by_first_letter("ARTICLE", words("NOT_AFTER_ARTICLE")),
    ),
    [
        finds("the defeat of ISIS by Iraqi army a in late 2017"),
        ignores("from A to Z, the in-laws, a by-election"),
    ],
    doc="an article right before a preposition or conjunction: `army a in late 2017`",
    why="An article right before a preposition is a stray word left by editing.",
)

_WORD_AND_SPACE_BEFORE = LazyPattern(r"\p{L}+[ \t]+", regex.REVERSE)
_PIECE = 1 << 20


def _verb_as_noun_starts(text: str) -> list[int] | None:
    """Where GR003 may match: the word before each of its verbs, found as plain strings in a copy of the text
    brought to one case (upper, then lower, unites what `regex` ignoring case does: ſ and s, ı and I), a
    piece of about a megabyte at a time, cut after a line break (no verb spans one)."""
    starts = []
    piece = 0
    while piece < len(text):
        cut = text.find("\n", piece + _PIECE)
        end = len(text) if cut < 0 else cut + 1
        one_case = text[piece:end].upper().lower()
        if len(one_case) != end - piece:  # a letter whose case is two letters (ß, İ): no shortcut
            return None
        for verb in VERB_AS_NOUN:
            at = one_case.find(verb)
            while at >= 0:
                before = _WORD_AND_SPACE_BEFORE.match(text, 0, piece + at)
                if before is not None:
                    starts.append(before.start())
                at = one_case.find(verb, at + 1)
        piece = end
    return sorted(starts)


GR003 = grammar_rule(
    "GR003",
    "a verb form used as a plural noun (“the military analyzes”)",
    GrammarCheck(
        LazyPattern(
            rf"(?<![\p{{L}}\-]){NOUN_EXPECTED}[ \t]+(?P<flag>{'|'.join(VERB_AS_NOUN)})\b{_AFTER_NOUN}", regex.IGNORECASE
        ),
        _verb_as_noun_message,
        _plural_noun,
        starts=_verb_as_noun_starts,
    ),
    [
        finds("In the opinion of the Western military analyzes, the defeat"),
        ignores("The company analyzes data, and she emphasizes that"),
        ignores("The clinic emphasizes and supports prevention."),
    ],
    doc="a verb form used as a plural noun: `the Western military analyzes,` → `analyses`",
    why="A plural noun translated word by word can come out as the verb form (`analyzes` for `analyses`).",
)


_CLAUSE_MARK_BEFORE = LazyPattern(r"[.;:!?\n,“(]", regex.REVERSE)
_SUBORDINATOR_NEXT = LazyPattern(rf"\s*{words('SUBORDINATOR')}\b")


def _opens_with_subordinator(match: regex.Match) -> bool:
    """Whether the clause holding the verb opens with "as", "when", ...: then the comma is right. A full
    stop that ends no sentence (`As U.S. officials warned,`) opens no clause."""
    text = match.string
    mark = _CLAUSE_MARK_BEFORE.search(text, 0, match.start())
    while mark and mark.group() in ".!?" and not ends_sentence(text, mark.start()):
        mark = _CLAUSE_MARK_BEFORE.search(text, 0, mark.start())
    clause_start = mark.end() if mark else 0
    return _SUBORDINATOR_NEXT.match(text, pos=clause_start) is not None


GR004 = grammar_rule(
    "GR004",
    "a comma between a verb and its object (“warned, the seriousness of”)",
    GrammarCheck(
        LazyPattern(
            rf"(?<![\p{{L}}\-'’])(?P<flag>(?P<verb>{words('REPORTING')}),)[ \t]+(?=the[ \t]+\p{{L}}+[ \t]+of\b)"
        ),
        _comma_message,
        _verb_alone,
        _opens_with_subordinator,
    ),
    [
        finds("the Committee warned, the seriousness of the movements"),
        ignores("As the minister warned, the seriousness of the threat grew."),
        ignores("As U.S. officials warned, the seriousness of the threat grew."),
        ignores("He warned the army of the danger."),
    ],
    doc="a comma between a reporting verb and its object: `warned, the seriousness of` (not after `As he warned,`)",
    why="English puts no comma between a verb and its object; Arabic punctuation often does.",
)

RULES: tuple[Rule, ...] = (GR001, GR002, GR003, GR004)
