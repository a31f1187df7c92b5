"""House checks for constructions that Arabic→English translation carries over from Arabic; flags only.

Each is a narrow pattern (precision first: an editor must be able to act on every flag) with examples
it flags and near misses it must leave alone, which are its self-tests.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from .articles import spoken_as_word
from .house_grammar import GrammarCheck, grammar_rule
from .model import Safety
from .rules import Context, Finding, Rule, RuleExample

_NOT_A_VERB_AFTER_TO = (
    r"(?:the|a|an|his|her|its|their|our|my|your|this|that|these|those|him|them|us|me|power|throne|office|"
    r"title|presidency|leadership|position|\d)"
)
_END = r"(?![\p{L}\-'’])"


def _ing(verb: str) -> str | None:
    """The -ing form of a regular base verb, when it can be formed with confidence."""
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    if regex.fullmatch(r"\p{Ll}+", verb) and not regex.search(r"[^aeiou][aeiou][^aeiouwxy]\Z", verb):
        return verb + "ing"
    return None  # "stop" → "stopping": doubling depends on stress; no suggestion rather than a wrong one


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
        regex.compile(
            rf"(?<![\p{{L}}\-])(?P<flag>(?P<verb>(?P<lemma>succeed|insist)(?:s|ed|ing)?)[ \t]+to[ \t]+"
            rf"(?!{_NOT_A_VERB_AFTER_TO}{_END})(?P<inf>\p{{Ll}}+)){_END}"
        ),
        _complement_message,
        _complement_suggestion,
    ),
    [
        RuleExample("the army succeeded to expel the fighters", found=True),
        RuleExample("they insisted to remain in the city", found=True),
        RuleExample("the army succeeded in expelling them; he succeeded to the throne; they insist on it", found=False),
    ],
)


GR006 = grammar_rule(
    "GR006",
    "“prevent them to do”: in English “prevent them from doing”",
    GrammarCheck(
        regex.compile(
            r"(?<![\p{L}\-])(?P<flag>(?P<verb>prevent(?:s|ed|ing)?)"
            r"(?P<object>[ \t]+(?:them|him|her|us|it|people|civilians|residents|(?:the|its|their)[ \t]+\p{L}+))"
            rf"[ \t]+to[ \t]+(?!{_NOT_A_VERB_AFTER_TO}{_END})(?P<inf>\p{{Ll}}+)){_END}"
        ),
        _prevent_message,
        _prevent_suggestion,
    ),
    [
        RuleExample("the checkpoints prevented them to reach the city", found=True),
        RuleExample("they prevented them from reaching it; he stopped the car to ask the way", found=False),
    ],
)

GR007 = grammar_rule(
    "GR007",
    "“Despite X, but Y” carried over from Arabic: English uses one of the two",
    GrammarCheck(
        regex.compile(
            r"(?<![\p{L}\-])(?:[Dd]espite|[Ii]n[ \t]+spite[ \t]+of|[Aa]lthough|[Ee]ven[ \t]+though)\b"
            r"[^,.;:!?\r\n]{1,200},[ \t]*(?P<flag>but)\b"
        ),
        _despite_message,
    ),
    [
        RuleExample("Despite the losses, but the group kept attacking.", found=True),
        RuleExample("Although the army advanced, but the cells remained.", found=True),
        RuleExample("Despite the losses, the group kept attacking, but slowly.", found=False),
    ],
)

GR008 = grammar_rule(
    "GR008",
    "“the most important of them are”: a calque of Arabic “ahammuha”",
    GrammarCheck(
        regex.compile(
            r"(?<![\p{L}\-])(?P<flag>[Tt]he[ \t]+most[ \t]+(?:important|prominent|notable|significant|dangerous)"
            r"[ \t]+of[ \t]+them)[ \t]+(?:are|is|were|was)\b"
        ),
        _most_important_message,
    ),
    [
        RuleExample("many factors, the most important of them are the attacks", found=True),
        RuleExample("several factors, the most important of which are the attacks", found=False),
    ],
)

_DAY_OR_DATE = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|the[ \t]+(?:\d|first|second|third|eve|occasion|sidelines)|\d|"
    r"television|TV|radio|Twitter|Facebook|X)"
)

GR009 = grammar_rule(
    "GR009",
    "“stressed on”, “emphasized on”, “complained from”: a preposition carried over from Arabic",
    GrammarCheck(
        regex.compile(
            r"(?<![\p{L}\-])(?P<flag>(?P<verb>stress(?:ed|ing)|emphasi[sz](?:ed|ing))[ \t]+on)"
            rf"[ \t]+(?!{_DAY_OR_DATE}\b)"
            r"|(?<![\p{L}\-])(?P<flag>(?P<verb>complain(?:s|ed|ing)?)[ \t]+from)"
            r"(?![ \t]+(?:prison|jail|exile|abroad|home|hospital|the[ \t]+(?:prison|hospital|front|camp)))"
        ),
        _preposition_message,
        _preposition_suggestions,
    ),
    [
        RuleExample("the minister stressed on the need to act", found=True),
        RuleExample("residents complained from the shortage of water", found=True),
        RuleExample("the minister stressed on Monday that he stressed the need; he complained from prison", found=False),
        RuleExample("too much protein puts extra stress on kidneys; the stresses on the joints", found=False),
    ],
)

_AFTER_BARE_NAME = regex.compile(
    r"[ \t]*(?:[,.;:!?)”’\"]|\Z|(?:is|are|was|were|has|have|had|said|says|claimed|launched|attacked|announced|"
    r"controls|controlled|remains|remained|continues|continued|will|would|could|can|may|might)\b)"
)
_THE_NAME = regex.compile(r"(?<![\p{L}\-])(?P<the>[Tt]he)[ \t]+(?P<name>\p{Lu}[\p{L}\p{M}'’\-]*)")


def _article_before_name(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    """“the” before a glossary name used bare (`the ISIS claimed`); names spoken letter by letter keep
    theirs (`the SDF`, `the UN`), and a name used as an adjective (`the ISIS fighters`) is fine."""
    for match in _THE_NAME.finditer(text):
        name = match["name"]
        if name not in context.known_forms or not _takes_no_article(name):
            continue
        if _AFTER_BARE_NAME.match(text, match.end()):
            yield rule.flag(match.start(), match.end(), f"“the {name}”: a name is used without “the”", (name,))


def _takes_no_article(name: str) -> bool:
    """A one-word name that English uses without “the”: a place or person, or an acronym said as a word."""
    if " " in name:
        return False
    if name.isupper():
        return spoken_as_word(name)
    return not name.endswith("s")  # "the Emirates", "the Philippines"


GR010 = Rule(
    "GR010",
    "a definite article before a name used bare (“the ISIS claimed”)",
    Safety.FLAG,
    _article_before_name,
    (
        RuleExample("the ISIS claimed the attack, and the Mosul is quiet.", found=True),
        RuleExample("the ISIS fighters, the SDF said, the UN team, the Mosul offensive", found=False),
    ),
    category="grammar",
    example_context=Context(known_forms=frozenset({"ISIS", "SDF", "UN", "Mosul"})),
)

_SINGULAR_HEADS = "number leader head commander spokesman organization government ministry council movement coalition leadership army report"
_PLURAL_HEADS = "leaders members fighters remnants cells forces elements militants attacks operations reports commanders residents"
_NO_CLAUSE = r"(?:(?!\b(?:that|which|who|whom|whose|where|when|and|or|but|as|while)\b)[^,.;:!?()\r\n])"

GR011 = grammar_rule(
    "GR011",
    "a verb that does not agree with the head of a long subject (“the leaders of the organization is”)",
    GrammarCheck(
        regex.compile(
            rf"(?<![\p{{L}}\-])[Tt]he[ \t]+(?:(?P<one>{'|'.join(_SINGULAR_HEADS.split())})|(?P<many>{'|'.join(_PLURAL_HEADS.split())}))"
            rf"[ \t]+of[ \t]+{_NO_CLAUSE}{{3,60}}?[ \t]+(?P<flag>(?(one)(?:are|were|have)|(?:is|was|has)))\b"
        ),
        _agreement_message,
    ),
    [
        RuleExample("The number of fighters who joined the groups are", found=False),
        RuleExample("The number of foreign fighters in the camps are growing", found=True),
        RuleExample("The leaders of the organization is hiding in the desert", found=True),
        RuleExample("The leaders of the organization are hiding; the number of attacks is rising", found=False),
    ],
)

_SUBJECT_COMMA_VERB = regex.compile(
    r"(?:(?<=\A|[.!?][ \t]|[\r\n]))(?P<subject>The[ \t]+\p{L}+(?:[ \t]+\p{L}+){0,2})(?P<flag>,)[ \t]+"
    r"(?P<verb>launched|attacked|carried|continued|claimed|killed|targeted|seized|captured|controlled|"
    r"withdrew|moved|stormed|arrested|began|started|managed|tried|failed|succeeded|destroyed)\b"
)

GR012 = grammar_rule(
    "GR012",
    "a comma between the subject and its verb (“The army, launched an attack”)",
    GrammarCheck(_SUBJECT_COMMA_VERB, _subject_comma_message),
    [
        RuleExample("The Iraqi army, launched an attack on the cells.", found=True),
        RuleExample("The army, which launched an attack, withdrew. The army launched it.", found=False),
    ],
)

TRANSLATION_GRAMMAR: tuple[Rule, ...] = (GR005, GR006, GR007, GR008, GR009, GR010, GR011, GR012)
