"""Paragraph checks: a lowercase start, a missing final stop (PA)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..text import paragraphs, sentence_starts
from .base import FLAG, Context, Finding, Rule, finds, ignores

_FIRST_WORD = regex.compile(r"\s*(?P<w>[\p{L}\p{M}'’\-]+)")
_ENDS_SENTENCE = regex.compile(r"[.!?…:;][”’\"')\]]*\Z")


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


PROSE_MIN_WORDS = 12


def _unterminated(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    for start, end in paragraphs(text, context.markdown):
        body = text[start:end].rstrip()
        if not body or (context.markdown and body.lstrip().startswith(("#", "|", ">", "-", "*", "<"))):
            continue  # Markdown headings, tables, quotes and lists are not prose paragraphs
        is_prose = len(body.split()) >= PROSE_MIN_WORDS or next(sentence_starts(text, start, end), None) is not None
        if is_prose and not _ENDS_SENTENCE.search(body):
            last = start + len(body)
            yield rule.flag(last - 1, last, "prose paragraph ends without terminal punctuation")


PA002 = Rule(
    "PA002",
    "a prose paragraph should end with terminal punctuation",
    FLAG,
    _unterminated,
    (
        finds("the desert of Anbar province, the Hamrin mountain range and Makhoul, and the border line"),
        ignores("Rawabet Center for Research and Strategic Studies"),
        ignores("Maj. Gen. al-Hamdani visits the U.S. base"),  # abbreviations' stops: one title, not two sentences
    ),
    doc="a prose paragraph (12+ words or two sentences) that ends without terminal punctuation; titles and headings are not prose",
    why="A prose paragraph without a final stop is often cut short or wrongly joined; titles are not prose.",
)


RULES: tuple[Rule, ...] = (
    PA001,
    PA002,
)
