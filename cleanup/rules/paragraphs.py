"""Paragraph checks: a lowercase start, a missing final stop (PA)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import regex

from ..lazyregex import lazy_compile
from ..words.paragraphs import adjacent_lines, ends_with_stop, paragraphs
from ..words.sentences import sentence_starts
from .base import FLAG, Context, Finding, Rule, finds, ignores

_FIRST_WORD = lazy_compile(r"\s*(?P<w>[\p{L}\p{M}'’\-]+)")


def _lowercase_start(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    for start, end in paragraphs(text, context.markdown):
        word = _FIRST_WORD.match(text, pos=start, endpos=end)
        if word is None:
            continue
        first = word.group("w")
        if first[0].islower() and not any(c.isupper() for c in first[1:]) and first not in context.known_forms:
            suggestion = first[0].upper() + first[1:]
            yield rule.flag(word.start("w"), word.end("w"), "paragraph starts with a lowercase letter", (suggestion,))


PA001 = Rule(
    "PA001",
    "a paragraph should start with a capital letter",
    FLAG,
    _lowercase_start,
    (finds("and he noted that"), ignores("iPhone sales rose.")),
    doc="a paragraph that starts with a lowercase letter",
    why="A paragraph that starts in lowercase is usually a broken line or a lost word.",
)


# A word that shows a short line is a sentence, not a heading: an auxiliary, a modal, a reporting verb,
# a past form. Headings leave them out ("ISIS in Iraq. The game of hit and run").
_VERB = lazy_compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|do|does|did|will|would|can|could|may|might|must|shall|should|"
    r"said|says|told|\p{Ll}{2,}ed)\b"
)
PROSE_MIN_WORDS = 12


# Lines that are layout, not prose, whatever their length, told by how they start: a list item, a
# byline (`By Ahmed Salih`), a caption (`Photo: ...`), a dateline (`BAGHDAD, March 3 —`, which ends in a dash).
_LAYOUT_START = lazy_compile(
    r"""(?x)
    [ \t]*(?:[-*+•▪◦–—][ \t]|\d{1,3}[.)][ \t]|[a-z][.)][ \t]|\([a-zA-Z\d]{1,3}\)[ \t])  # a list item
    | [ \t]*(?:(?:Written|Reported)[ \t]+)?[Bb]y[ \t]+\p{Lu}[\p{L}\p{M}'’.-]*                 # a byline: a name
      (?:[ \t]+(?:\p{Lu}|al-|el-|bin\b|ibn\b)[\p{L}\p{M}'’.-]*){1,5}[ \t]*(?:[,;|—–-]|and\b|\Z)  # then a break
    | [ \t]*(?i:photo|image|picture|caption|credit|file[ \t]photo)s?(?:[ \t]*:|[ \t]+[—–-])  # a caption
    | (?P<dateline>[ \t]*\p{Lu}{2,}[\p{Lu}\p{M} '’.-]*[,(])
    """
)
DASHES = "—–-"
# A caption's credit in a closing parenthesis: `... in March (Reuters)`, `(AFP/Getty Images)`, `(File photo)`.
_CREDIT = lazy_compile(
    r"(?i)\b(?:photos?|images?|pictures?|file|credit|courtesy|reuters|afp|ap|epa|getty|anadolu|xinhua)\b"
)


def _layout_line(body: str) -> bool:
    """Whether a paragraph is a list item, a table row, a byline, a caption or a dateline."""
    if "\t" in body or body.count("|") >= 2:
        return True  # a table row
    start = _LAYOUT_START.match(body)
    if start is not None:
        return start.group("dateline") is None or body.endswith(tuple(DASHES))
    return body.endswith(")") and bool(_CREDIT.search(body, body.rfind("(") + 1))


# A title: every word of four letters or more starts with a capital.
_LOWER_WORD = lazy_compile(r"(?<![\p{L}\p{M}'’-])\p{Ll}[\p{L}\p{M}]{3,}")


def _prose(text: str, start: int, end: int, body: str) -> bool:
    """Whether a paragraph reads as prose: long, or two sentences with a verb; not a title, a headline or
    a layout line."""
    if _layout_line(body) or not _LOWER_WORD.search(body):
        return False
    two_sentences = next(sentence_starts(text, start, end), None) is not None
    if not two_sentences and _headline(body):
        return False
    if len(body.split()) >= PROSE_MIN_WORDS:
        return True
    return two_sentences and bool(_VERB.search(body))


# Headlinese: a label and a colon (`Ryder Cup 2018: …`), a quotation in single quotes, the present tense of
# reporting verbs (`says`, `denies`), or no article at all (`Vaccine teaches immune system to …`).
_HEADLINE = lazy_compile(
    r"""(?x)
    \A(?:\p{Lu}[\p{L}\p{N}'’.-]*[ \t]+){0,4}\p{L}[\p{L}\p{N}'’.-]*:[ \t]      # a label and a colon
    | (?:\A|[ \t])['‘]\p{L}[^'‘’]*[\p{L}!?.,]['’](?:\Z|[ \t:,])         # a quotation in single quotes
    | \b(?:says|denies|calls|reveals|warns|admits|claims|vows|urges|slams|blasts|tells|insists|
          unveils|announces|confirms|rejects|accuses|seeks|backs|hits[ \t]out)\b
    """
)
_ARTICLE = lazy_compile(r"\b(?:a|an|the)\b", regex.IGNORECASE)
HEADLINE_MAX_WORDS = 30


def _headline(body: str) -> bool:
    """Whether a one-sentence line without a stop reads as a headline (the register of news headlines)."""
    if len(body.split()) > HEADLINE_MAX_WORDS:
        return False
    return bool(_HEADLINE.search(body)) or not _ARTICLE.search(body)


def _title_line(text: str, start: int, end: int, body: str) -> bool:
    """Whether an article's first paragraph, with more below it, is its title: one sentence, capitalised."""
    return body[:1].isupper() and next(sentence_starts(text, start, end), None) is None


def _in_unstopped_run(text: str, found: Sequence[tuple[int, int]], unstopped: list[bool], index: int) -> bool:
    """Whether a paragraph is one of adjacent prose lines (no blank line between) that end without a stop:
    summary lines under a headline, or a list without markers, not prose missing its stop."""
    start, end = found[index]
    before = index > 0 and unstopped[index - 1] and adjacent_lines(text, found[index - 1][1], start)
    after = index + 1 < len(found) and unstopped[index + 1] and adjacent_lines(text, end, found[index + 1][0])
    return bool(before or after)


def _unstopped_prose(text: str, start: int, end: int) -> bool:
    body = text[start:end].rstrip()
    return not ends_with_stop(body) and _prose(text, start, end, body)


def _unterminated(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    found = paragraphs(text, context.markdown)
    unstopped = [_unstopped_prose(text, start, end) for start, end in found]  # each paragraph judged once
    for index, (start, end) in enumerate(found):
        body = text[start:end].rstrip()
        if not body or (context.markdown and body.lstrip().startswith(("#", "|", ">", "<"))):
            continue  # Markdown headings, tables, quotes and HTML are not prose paragraphs
        if index == 0 and len(found) > 1 and _title_line(text, start, end, body):
            continue
        if unstopped[index] and not _in_unstopped_run(text, found, unstopped, index):
            last = start + len(body)
            yield rule.flag(last - 1, last, "prose paragraph ends without terminal punctuation")


PA002 = Rule(
    "PA002",
    "a prose paragraph should end with terminal punctuation",
    FLAG,
    _unterminated,
    (
        finds("the desert of Anbar province, the Hamrin mountain range and Makhoul, and the border line"),
        finds("The army left. The militias stayed in the town"),
        finds("By the end of the year the army had retaken the towns of Anbar and the border"),
        finds("By Monday, the army had retaken the towns of Anbar province and the border"),
        finds("Image-based systems are used by the army in the desert of Anbar and the border"),
        ignores("Rawabet Center for Research and Strategic Studies"),
        ignores("Ryder Cup 2018: Team USA show stomach for fight to keep hopes alive heading into Sunday singles"),
        ignores("'The sea is ours': landlocked Bolivia hopes court will reopen path to Pacific"),
        ignores("North Korea says nuclear disarmament won't come unless it can trust US and its allies"),
        ignores("Vaccine teaches immune system to recognize rogue cells as part of treatment"),
        finds("The army said that the cells had moved into the desert of Anbar province before the raid"),
        ignores(
            "Foreign buyers will be charged higher stamp duty when they buy a property in the UK\n"
            "The move will neutralize the success of the drive to attract young voters to the party"
        ),
        finds(
            "The army left the town on Monday.\n"
            "The militias that had come with it stayed in the houses by the river for a week\n"
            "They left on Sunday."
        ),
        ignores("Intention comes first: on zakat, travel and the prayer of the sick\n\nBy Sheikh Abd al-Hiti"),
        finds("The army left. The militias stayed in the town\n\nBy Sheikh Abd al-Hiti"),
        ignores("Maj. Gen. al-Hamdani visits the U.S. base"),  # abbreviations' stops: one title, not two sentences
        ignores("The Remnants of ISIS in Iraq and Syria After the Defeat of the Organization in Mosul in 2017"),
        ignores("ISIS in Iraq. The game of hit and run. The end"),
        ignores("Lt. Gen. Yahya Rasool, spokesman for the Joint Operations Command"),
        ignores("BAGHDAD, March 3 (Rawabet) —"),
        ignores("By Ahmed Salih and Omar Hassan, Rawabet Center for Research and Strategic Studies in Baghdad"),
        ignores("- the desert of Anbar province, the Hamrin mountain range and Makhoul, and the border line"),
        ignores("2. the desert of Anbar province, the Hamrin mountain range and Makhoul, and the border line"),
        ignores("Province\tAttacks in 2019 and 2020 by the cells of the organization in the desert\t41"),
        ignores("| Anbar | attacks by the cells of the organization in the desert of the province | 41 |"),
        ignores("Iraqi soldiers patrol the desert near the Syrian border in Anbar province in March (Reuters)"),
        ignores("Photo: Iraqi soldiers patrol the desert near the Syrian border in Anbar province in March"),
    ),
    doc="a prose paragraph (12+ words, or two sentences with a verb) that ends without terminal punctuation; not a title (every longer word capitalised, or an article's first paragraph of one sentence), a headline of one sentence (a label and a colon, a quotation in single quotes, `says`-like verbs, no article), lines that run together without a stop (a headline and its summary lines), a heading without a verb, a dateline (`BAGHDAD, March 3 —`), a byline (`By Ahmed Salih`), a list item, a table row or an image caption (`Photo: …`, `… (Reuters)`)",
    why="A prose paragraph without a final stop is often cut short or wrongly joined; titles, headings, datelines, bylines, lists, tables and captions have none by design.",
)


RULES: tuple[Rule, ...] = (
    PA001,
    PA002,
)
