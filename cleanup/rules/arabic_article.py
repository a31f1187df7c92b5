"""Rules for romanized Arabic: the article al- and its case (AR)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..words.sentences import sentence_start
from .base import CAPITAL_OR_PAST_ASCII, NOT_IN_WORD, SAFE, SPACE, Context, Finding, Rule, fixes, keeps, regex_rule

AR001 = regex_rule(
    "AR001",
    "no space after the Arabic article al-",
    SAFE,
    rf"{NOT_IN_WORD}([Aa]l)-{SPACE}+(?=\p{{L}})",
    r"\1-",
    [fixes("the areas of Al- Baaj", "the areas of Al-Baaj"), keeps("Al - Baaj")],
    doc="`Al- Baaj` → `Al-Baaj` (no space after the Arabic article)",
    why="The article and the name are one word; a space splits the name.",
    local=True,
    needs=("al-", "Al-"),
)


AR002 = regex_rule(
    "AR002",
    "the Arabic article joined with a hyphen",
    SAFE,
    rf"{NOT_IN_WORD}([Aa]l)(?=\p{{Lu}}\p{{Ll}})",
    r"\1-",
    [
        fixes("the alBadya desert", "the al-Badya desert"),
        keeps("Alabama, Albert, Algeria, All, ALBADYA"),
    ],
    doc="a glued `alBadya` → `al-Badya`; never `Alabama`, `Albert`, `Algeria`, `All`",
    why="Without its hyphen the article reads as part of one English-looking word.",
    local=True,
    # The `l` (one plain character: a fast scan) before a capital or any other script's letter, then back
    # over the `a`s: the article's start where it stands after no letter.
    hint=rf"l(?<=[Aa]l){CAPITAL_OR_PAST_ASCII}",
    back="Aa",
)


_ARTICLE_HYPHEN = regex.compile(rf"{NOT_IN_WORD}(Al|al)-(?=\p{{L}})")
_NAME_WORD = regex.compile(r"[\p{L}\p{M}'’\-]+")


def _article_case(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    for match in _ARTICLE_HYPHEN.finditer(text):
        start = match.start()
        word = _NAME_WORD.match(text, pos=start).group()
        if word in context.known_forms:
            continue
        at_start = sentence_start(text, start)
        if at_start is None and context.arabic_article != "capital":
            continue  # a line that may continue the one before, or follow a title: either case can be right
        wanted = "Al" if context.arabic_article == "capital" or at_start else "al"
        if match.group(1) != wanted:
            yield rule.edit(start, start + 2, wanted)


AR003 = Rule(
    "AR003",
    "Arabic article: al- inside a sentence, Al- at its start (house style)",
    SAFE,
    _article_case,
    (
        fixes("linked to the areas of Al-Baaj and", "linked to the areas of al-Baaj and"),
        fixes("al-Baaj is open. al-Hadher too.", "Al-Baaj is open. Al-Hadher too."),
        keeps("Al-Baaj is open, and so is al-Hadher."),
        keeps("# Al-Baaj after the war\n- Al-Baaj is open.\n> Al-Qaim was retaken.\n| Al-Qaim |"),
        fixes(
            "The war ended.\nal-Hadher is open.\n\nal-Qaim too.", "The war ended.\nAl-Hadher is open.\n\nAl-Qaim too."
        ),
        # A line after one that runs on may continue its sentence (hard-wrapped) or follow a title: left alone.
        keeps("the areas of\nal-Hadher, and\nAl-Qaim\n> near\n> Al-Baaj"),
        # An abbreviation's full stop ends no sentence before a name: a title's or an initial's never.
        keeps("Maj. Gen. al-Hamdani met Mr. al-Rawi, Dr. al-Jubouri, Lt. Col. al-Saadi and A. K. al-Douri."),
        fixes(
            "He met Maj. Gen. Al-Hamdani and Lt. Col.\nAl-Saadi.", "He met Maj. Gen. al-Hamdani and Lt. Col.\nal-Saadi."
        ),
        keeps("the U.S. al-Tanf base, the U.N. Al-Hol camp, e.g. al-Qaim, No. 5 al-Rashid Street"),
        # A sentence ends inside a closing quotation mark: the next one starts after it.
        fixes('"We stay," he said." al-Amiri replied.', '"We stay," he said." Al-Amiri replied.'),
        keeps('"We stay," he said." Al-Amiri replied.'),
        keeps('what you have been taught."Al-Khadir replied'),  # no space after the quote: still a new sentence
        keeps('the U.S."al-Tanf" base'),
        fixes(
            "near the body.' al-Hasan said so. “We will stay.” al-Obeidi added.",
            "near the body.' Al-Hasan said so. “We will stay.” Al-Obeidi added.",
        ),
        # After a quoted question or exclamation the attribution may go on (`“Why?” he asked`): as written.
        keeps("“Who ordered it?” al-Rawi asked. “Leave now!’ Al-Saadi left."),
    ),
    doc='`al-` inside a sentence, `Al-` at its start (setting `arabic-article`); headings, list items, block quotes and table cells start sentences, as does a word after a closing quote that ends one (`he said." Al-Amiri`, `taught."Al-Khadir`); an abbreviation\'s full stop does not end one before a name (`Maj. Gen. al-Hamdani`, `Mr. al-Rawi`, `J. R.`); after `U.S.`-like abbreviations, a quoted question or exclamation (`“Why?” al-Rawi asked`) and a line after one without final punctuation (hard-wrapped text, or a title above) the article is left as written; glossary forms are kept as written',
    why="House style writes the article lowercase inside a sentence and capitalized where a sentence starts.",
    local=True,
)


RULES: tuple[Rule, ...] = (
    AR001,
    AR002,
    AR003,
)
