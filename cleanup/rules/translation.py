"""House checks for constructions that Arabic→English translation carries over from Arabic; flags only.

Each is a narrow pattern (precision first: an editor must be able to act on every flag) with examples
it flags and near misses it must leave alone, which are its self-tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from ..model import Safety
from ..words.indefinite_article import spoken_as_word
from ..words.sentences import sentence_start, starts_sentence
from .base import CAPITAL_OR_PAST_ASCII, Context, Finding, Hint, LazyPattern, Rule, finds, ignores, matches_at
from .grammar import GrammarCheck, grammar_rule

# Words after "to" that start a noun phrase, not an infinitive ("insisted to reporters", "succeeded to the throne").
_NOT_A_VERB_AFTER_TO = frozenset(
    "the a an his her its their our my your this that these those him them us me it some any all every each "
    "other another such what which whom more most many much several no everyone anyone someone everybody anybody "
    "somebody nobody power throne office title presidency leadership position date".split()
)
_END = r"(?![\p{L}\-'’])"


_VERB_ENDING = LazyPattern(r"[^siu]s\Z|\p{L}{4}ing\Z|[^e]ed\Z")
_DOUBLING_END = LazyPattern(r"[^aeiou][aeiou][^aeiouwxy]\Z")


def _not_an_infinitive(word: str) -> bool:
    """Whether the word after "to" is plainly not a base verb: a determiner or pronoun, a plural
    ("reporters"), an -ing or -ed form ("neighbouring", "united")."""
    return word in _NOT_A_VERB_AFTER_TO or _VERB_ENDING.search(word) is not None


def _ing(verb: str) -> str | None:
    """The -ing form of a regular base verb, when it can be formed with confidence."""
    if verb in ("be", "go", "do"):
        return verb + "ing"
    if verb.endswith("ly"):
        return None  # an adverb in a split infinitive ("to fully expel"): the verb comes later
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    if not _DOUBLING_END.search(verb):
        return verb + "ing"
    return None  # "stop" → "stopping": doubling depends on stress; no suggestion rather than a wrong one


def _complement_is_noun(match: regex.Match) -> bool:
    return _not_an_infinitive(match["inf"])


def _preposition(match: regex.Match) -> str:
    return "in" if match["lemma"] == "succeed" else "on"


def _complement_message(match: regex.Match) -> str:
    return f"“{match['verb']} to {match['inf']}”: in English “{match['lemma']} {_preposition(match)} doing”"


def _complement_suggestion(match: regex.Match) -> tuple[str, ...]:
    ing = _ing(match["inf"])
    return (f"{match['verb']} {_preposition(match)} {ing}",) if ing else ()


def _prevent_message(match: regex.Match) -> str:
    said = f"{match['verb']}{match['object']}"
    return f"“{said} to {match['inf']}”: in English “{said} from doing”"


def _prevent_suggestion(match: regex.Match) -> tuple[str, ...]:
    ing = _ing(match["inf"])
    return (f"{match['verb']}{match['object']} from {ing}",) if ing else ()


def _despite_message(match: regex.Match) -> str:
    return "“Despite …, but …”: drop “but” (or “despite”)"


def _most_important_message(match: regex.Match) -> str:
    return f"“{match['flag']} are”: write “the most important are” or “chief among them are”"


def _complains(match: regex.Match) -> bool:
    return match["verb"].startswith("complain")


def _preposition_message(match: regex.Match) -> str:
    takes = "“of” or “about”" if _complains(match) else "no “on”"
    return f"“{match['flag']}”: “{match['verb']}” takes {takes}"


def _preposition_suggestions(match: regex.Match) -> tuple[str, ...]:
    return (f"{match['verb']} of", f"{match['verb']} about") if _complains(match) else (match["verb"],)


def _agreement_message(match: regex.Match) -> str:
    return f"“{match['flag']}” does not agree with “{match['one'] or match['many']}”, the head of the subject"


def _subject_comma_message(match: regex.Match) -> str:
    return f"a comma between “{match['subject']}” and its verb “{match['verb']}”: remove it"


GR005 = grammar_rule(
    "GR005",
    "a verb's complement carried over from Arabic: “succeed to do”, “insist to do” (“succeed in doing”)",
    GrammarCheck(
        LazyPattern(
            rf"(?<![\p{{L}}\-])(?P<flag>(?P<verb>(?P<lemma>succeed|insist)(?:s|ed|ing)?)[ \t]+to[ \t]+"
            rf"(?P<inf>\p{{Ll}}+)){_END}"
        ),
        _complement_message,
        _complement_suggestion,
        _complement_is_noun,
        # Each led by a plain string (a fast scan) and holding the `to` the rule needs, so that a text with
        # the verb alone never compiles the pattern.
        starts=Hint(tuple(re.compile(rf"{verb}(?:s|ed|ing)?[ \t]+to[ \t]") for verb in ("succeed", "insist"))),
    ),
    [
        finds("the army succeeded to expel the fighters"),
        finds("they insisted to remain in the city"),
        ignores("the army succeeded in expelling them; he succeeded to the throne; they insist on it"),
        ignores("he insisted to reporters that it had succeeded to some degree"),
    ],
    doc="a verb's complement carried over from Arabic: `succeed to do`, `insist to do` → `succeed in doing`, `insist on doing` (not `succeeded to the throne`)",
    why="Arabic verbs take other complements; translated literally they give `succeed to do`.",
)


GR006 = grammar_rule(
    "GR006",
    "“prevent them to do”: in English “prevent them from doing”",
    GrammarCheck(
        LazyPattern(
            r"(?<![\p{L}\-])(?P<flag>(?P<verb>prevent(?:s|ed|ing)?)"
            r"(?P<object>[ \t]+(?:them|him|her|us|it|people|civilians|residents|(?:the|its|their)[ \t]+\p{L}+))"
            rf"[ \t]+to[ \t]+(?P<inf>\p{{Ll}}+)){_END}"
        ),
        _prevent_message,
        _prevent_suggestion,
        _complement_is_noun,
        starts=Hint(
            re.compile(
                r"prevent(?:s|ed|ing)?[ \t]+(?:them|him|her|us|it|people|civilians|residents|the|its|their)[ \t]"
            )
        ),
    ),
    [
        finds("the checkpoints prevented them to reach the city"),
        ignores("they prevented them from reaching it; he stopped the car to ask the way"),
        ignores("measures to prevent the spread to other regions"),
    ],
    doc="`prevent them to do` → `prevent them from doing`",
    why="`prevent … to do` is a calque; English says `prevent … from doing`.",
)

GR007 = grammar_rule(
    "GR007",
    "“Despite X, but Y” carried over from Arabic: English uses one of the two",
    GrammarCheck(
        LazyPattern(
            r"(?<![\p{L}\-])(?:[Dd]espite|[Ii]n[ \t]+spite[ \t]+of|[Aa]lthough|[Ee]ven[ \t]+though)\b"
            r"[^,.;:!?\r\n]{1,200},[ \t]*(?P<flag>but)\b"
            r"(?![ \t]+(?:not|also|only|rather|still)\b|(?:[ \t]+\p{L}+){1,2},)"  # "but not because of it,"
        ),
        _despite_message,
    ),
    [
        finds("Despite the losses, but the group kept attacking."),
        finds("Although the army advanced, but the cells remained."),
        ignores("Despite the losses, the group kept attacking, but slowly."),
        ignores("Despite the rain, but not because of it, they stayed; although late, but gladly, he came"),
    ],
    doc="`Despite X, but Y` (also `Although …, but`): drop one of the two",
    why="Arabic pairs `although` with `but`; English keeps one of them.",
)

GR008 = grammar_rule(
    "GR008",
    "“the most important of them are”: a calque of Arabic “ahammuha”",
    GrammarCheck(
        LazyPattern(
            r"(?<![\p{L}\-])(?P<flag>[Tt]he[ \t]+most[ \t]+(?:important|prominent|notable|significant|dangerous)"
            r"[ \t]+of[ \t]+them)[ \t]+(?:are|is|were|was)\b"
        ),
        _most_important_message,
        starts=Hint(
            re.compile(
                r"he(?<=[Tt]he)[ \t]+most[ \t]+(?:important|prominent|notable|significant|dangerous)[ \t]+of[ \t]+them"
            ),
            back="Tt",
        ),
    ),
    [
        finds("many factors, the most important of them are the attacks"),
        ignores("several factors, the most important of which are the attacks"),
    ],
    doc="`the most important of them are` (not `… of which are`)",
    why="`the most important of them are` is a calque of the Arabic superlative.",
)

_DAY_OR_DATE = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|the[ \t]+(?:\d|first|second|third|eve|occasion|sidelines)|\d|"
    r"television|TV|radio|Twitter|Facebook|X)"
)
# "On" or "from" opening a phrase of time, place or medium, not the verb's complement:
# "stressed on several occasions", "stressed on his website", "complained from her hospital bed".
_SETTING_NOUN = (
    r"(?:occasions?|day|days|night|morning|evening|anniversary|website|page|account|channel|media|phone|call|"
    r"sidelines|visit|trip|tour|behalf|prison|jail|exile|abroad|home|homes|hospital|bed|cell|afar|start|beginning|"
    r"outset|front|camp|camps|field|office|house|tent|seat|time)"
)
_SETTING_AFTER = rf"(?:[ \t]+\p{{L}}+){{0,2}}?[ \t]+{_SETTING_NOUN}\b"

GR009 = grammar_rule(
    "GR009",
    "“stressed on”, “emphasized on”, “complained from”: a preposition carried over from Arabic",
    GrammarCheck(
        LazyPattern(
            r"(?<![\p{L}\-])(?P<flag>(?P<verb>stress(?:ed|ing)|emphasi[sz](?:ed|ing))[ \t]+on)"
            rf"(?![ \t]+{_DAY_OR_DATE}\b|{_SETTING_AFTER})"
            r"|(?<![\p{L}\-])(?P<flag>(?P<verb>complain(?:s|ed|ing)?)[ \t]+from)"
            rf"(?!{_SETTING_AFTER})"
        ),
        _preposition_message,
        _preposition_suggestions,
        starts=Hint(
            tuple(
                re.compile(verb)
                for verb in (
                    r"stress(?:ed|ing)[ \t]+on",
                    r"emphasi[sz](?:ed|ing)[ \t]+on",
                    r"complain(?:s|ed|ing)?[ \t]+from",
                )
            )
        ),
    ),
    [
        finds("the minister stressed on the need to act"),
        finds("residents complained from the shortage of water"),
        ignores("the minister stressed on Monday that he stressed the need; he complained from prison"),
        ignores("too much protein puts extra stress on kidneys; the stresses on the joints"),
        ignores("he stressed on several occasions, and she complained from her hospital bed"),
    ],
    doc="`stressed on`, `emphasized on` (not `stressed on Monday`, not the noun `stress on`), `complained from` (not `from prison`)",
    why="The Arabic verb takes a preposition the English one does not (`stressed on`).",
)

# After a name standing for a noun phrase on its own: a stop, the end, or a verb (`ISIS claimed`).
AFTER_BARE_NAME = LazyPattern(
    r"[ \t]*(?:[,.;:!?)”’\"]|\Z|(?:is|are|was|were|has|have|had|said|says|claimed|launched|attacked|announced|"
    r"controls|controlled|remains|remained|continues|continued|will|would|could|can|may|might)\b)"
)
# Also a past tense ("ISIS lost", "Mosul fell"): enough to show a bare use, too loose to flag on ("the Mosul based").
_BARE_USE_AFTER = LazyPattern(rf"{AFTER_BARE_NAME.pattern}|[ \t]+(?:\p{{Ll}}+ed|lost|fell|took|won|held|left)\b")
THE_NAME = LazyPattern(r"(?<![\p{L}\-])(?P<the>[Tt]he)[ \t]+(?P<name>\p{Lu}[\p{L}\p{M}'’\-]*)")
# Where `THE_NAME` may match, for the standard engine: the `he` of `the` (a plain string: a fast scan) before
# spaces and a capital or any other script's letter, then back over the `t` (after no letter, where it may).
_MAYBE_THE_NAME = Hint(re.compile(rf"he(?<=[Tt]he)[ \t]+{CAPITAL_OR_PAST_ASCII}"), back="Tt")


def the_names(text: str) -> Iterator[regex.Match]:
    """The matches of `THE_NAME.finditer(text)`, tried only where the standard engine says one may start."""
    return matches_at(THE_NAME, text, _MAYBE_THE_NAME(text))


def _article_before_name(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    """“the” before a glossary name that the same text also uses bare (`ISIS lost Mosul. … the ISIS
    claimed`); a name used as an adjective (`the ISIS fighters`) is fine."""
    found = [m for m in the_names(text) if m["name"] in context.known_forms and _may_go_bare(m["name"])]
    bare = _names_used_bare(text, {m["name"] for m in found}) if found else set()
    for match in found:
        name = match["name"]
        if name in bare and AFTER_BARE_NAME.match(text, match.end()):
            yield rule.flag(match.start(), match.end(), f"“the {name}”: a name is used without “the”", (name,))


def _may_go_bare(name: str) -> bool:
    """Whether a name could be one that goes without “the”: one word, not a plural (“the Emirates”), not an
    acronym said letter by letter (“the SDF”). Many names take “the” throughout (“the Taliban”, “the Hague”)."""
    return " " not in name and not name.endswith("s") and not (name.isupper() and not spoken_as_word(name))


# Before a bare use of a name: the text's or a sentence's start, or a lowercase word other than "the"
# (read backwards from the name). After it: no more of the word, then a verb or a stop (`_BARE_USE_AFTER`).
_LOWERCASE_WORD_BEFORE = LazyPattern(r"(?<![\p{L}\-])(?!the[ \t])\p{Ll}+[ \t]+", regex.REVERSE)
_WORD_GOES_ON = LazyPattern(r"[\p{L}\p{M}\-'’]")
# A bare name stands after a space or tab, or at the text's start; its letters up to the first other
# character tell which names it may be.
_CAPITALIZED = LazyPattern(r"(?<![^ \t])\p{Lu}[\p{L}\p{M}]*")
_LETTERS = LazyPattern(r"[\p{L}\p{M}]*")


def _names_used_bare(text: str, names: set[str]) -> set[str]:
    """Those of `names` (each starting with a capital) the text uses bare somewhere: one pass for all."""
    by_letters: dict[str, list[str]] = {}
    for name in names:
        by_letters.setdefault(_LETTERS.match(name).group(), []).append(name)
    used: set[str] = set()
    for word in _CAPITALIZED.finditer(text):
        for name in by_letters.get(word.group(), ()):
            if name not in used and text.startswith(name, word.start()) and _bare_at(text, word.start(), name):
                used.add(name)
    return used


def _bare_at(text: str, start: int, name: str) -> bool:
    """Whether `name`, written at `start`, is used bare there (“in Mosul.”, “ISIS lost”)."""
    end = start + len(name)
    before = sentence_start(text, start) is True or _LOWERCASE_WORD_BEFORE.match(text, 0, start)
    return bool(before) and not _WORD_GOES_ON.match(text, end) and bool(_BARE_USE_AFTER.match(text, end))


GR010 = Rule(
    "GR010",
    "a definite article before a name the text also uses bare (“ISIS lost… the ISIS claimed”)",
    Safety.FLAG,
    _article_before_name,
    (
        finds("ISIS lost the town, and the ISIS claimed the attack."),
        finds("Fighters left Mosul. Now the Mosul is quiet."),
        ignores("the ISIS fighters, the SDF said, the UN team, the Mosul offensive"),
        ignores("The Taliban said the Badia, which Taliban fighters crossed, is quiet."),
        ignores("the ISIS claimed the attack."),  # nothing shows this text writes ISIS bare
    ),
    category="grammar",
    example_context=Context(known_forms=frozenset({"ISIS", "SDF", "UN", "Mosul", "Taliban", "Badia"})),
    doc="`the` before a one-word glossary name that the same text also uses bare: `ISIS lost the town … the ISIS claimed` (not `the ISIS fighters`, not names said letter by letter: `the SDF`, not a name the text always writes with `the`: `the Taliban`, `the Hague`)",
    why="Arabic puts the article before names; English does not before most of them (`the ISIS`).",
)

# Collective nouns ("the government of Iraq have said") take a plural verb in British English: not heads here.
_SINGULAR_HEADS = "number leader head commander spokesman report"
_PLURAL_HEADS = (
    "leaders members fighters remnants cells forces elements militants attacks operations reports commanders residents"
)
_NO_CLAUSE = r"(?:(?!\b(?:that|which|who|whom|whose|where|when|and|or|but|as|while)\b)[^,.;:!?()\r\n])"

GR011 = grammar_rule(
    "GR011",
    "a verb that does not agree with the head of a long subject (“the leaders of the organization is”)",
    GrammarCheck(
        LazyPattern(
            rf"(?<![\p{{L}}\-])[Tt]he[ \t]+(?:(?P<one>{'|'.join(_SINGULAR_HEADS.split())})|(?P<many>{'|'.join(_PLURAL_HEADS.split())}))"
            rf"[ \t]+of[ \t]+{_NO_CLAUSE}{{3,60}}?[ \t]+(?P<flag>(?(one)(?:are|were|have)|(?:is|was|has)))\b"
        ),
        _agreement_message,
        starts=Hint(
            re.compile(
                rf"he(?<=[Tt]he)[ \t]+(?:{'|'.join((_SINGULAR_HEADS + ' ' + _PLURAL_HEADS).split())})[ \t]+of[ \t]"
            ),
            back="Tt",
        ),
    ),
    [
        ignores("The number of fighters who joined the groups are"),
        finds("The number of foreign fighters in the camps are growing"),
        finds("The leaders of the organization is hiding in the desert"),
        ignores("The leaders of the organization are hiding; the number of attacks is rising"),
        ignores("The government of Iraq have said so; the council of elders were divided"),
    ],
    doc="a verb that does not agree with the head of a long subject: `the leaders of the organization is`, `the number of fighters in the camps are` (no clause inside the subject; collective nouns such as `the government of Iraq have` are left, as British English allows them)",
    why="In a long subject the verb agrees with the head noun, not with the nearest one.",
)

_SUBJECT_COMMA_VERB = LazyPattern(
    r"(?<![\p{L}\p{M}\p{N}\-'’])(?P<subject>The[ \t]+\p{L}+(?:[ \t]+\p{L}+){0,2})(?P<flag>,)[ \t]+"
    r"(?P<verb>launched|attacked|carried|continued|claimed|killed|targeted|seized|captured|controlled|"
    r"withdrew|moved|stormed|arrested|began|started|managed|tried|failed|succeeded|destroyed)\b"
)

# After the verb, to the sentence's end: "by" (a passive participle), or a comma closing the phrase
# before the main verb ("The campaign, launched in March, has grown"); not a comma before "and",
# a relative pronoun or an -ing clause ("…, killing five").
_PARTICIPLE_PHRASE = LazyPattern(r"[ \t]+by\b|[^.!?\r\n]*?,[ \t]*(?!(?:and|but|or|which|who|where|\p{Ll}+ing)\b)\p{L}")


def _no_subject_comma(match: regex.Match) -> bool:
    """Whether the match is no comma after a sentence's subject: "The" starts no sentence there, or the
    "verb" is a past participle opening a phrase set off by commas (then the comma is right)."""
    if not starts_sentence(match.string, match.start()):
        return True
    return _PARTICIPLE_PHRASE.match(match.string, match.end()) is not None


GR012 = grammar_rule(
    "GR012",
    "a comma between the subject and its verb (“The army, launched an attack”)",
    GrammarCheck(_SUBJECT_COMMA_VERB, _subject_comma_message, skip=_no_subject_comma),
    [
        finds("The Iraqi army, launched an attack on the cells."),
        finds("The Iraqi army, launched an attack on the cells, killing five."),
        finds("They trained in the U.S. The Iraqi army, launched an attack."),
        ignores("The army, which launched an attack, withdrew. The army launched it."),
        ignores("The campaign, launched in March, has grown. The man, killed by a sniper."),
    ],
    doc="a comma between a sentence's subject and its verb: `The Iraqi army, launched an attack` (not a participle set off by commas: `The campaign, launched in March, has grown`)",
    why="English puts no comma between a subject and its verb.",
)

RULES: tuple[Rule, ...] = (GR005, GR006, GR007, GR008, GR009, GR010, GR011, GR012)
