"""Heading case (setting `headings`): with `sentence`, a heading written in Title Case is flagged (HD)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..lazyregex import lazy_compile
from ..words.capitals import mid_sentence_capitals
from .base import FLAG, Context, Finding, Rule, finds, ignores

# A Markdown heading's text: `## The Security File` (closing hashes left out).
_LINE_END = r"(?=\r?\n|\r|\Z)"
_ATX_HEADING = lazy_compile(
    rf"^[ \t]{{0,3}}#{{1,6}}[ \t]+(?P<title>[^\r\n]*?)(?:[ \t]+#+)?[ \t]*{_LINE_END}", regex.MULTILINE
)
# A plain-text heading: a short line standing alone between blank lines, starting with a capital and
# ending without a sentence's final mark.
_PLAIN_HEADING = lazy_compile(
    rf"^[ \t]*(?P<title>\p{{Lu}}[^\r\n]{{0,118}}[^\r\n.,;:!?…\"”’ \t])[ \t]*{_LINE_END}", regex.MULTILINE
)
_BLANK_BEFORE = lazy_compile(r"(?:\A|[\r\n])[ \t]*(?:\r?\n|\r)[ \t]*\Z")
_BLANK_AFTER = lazy_compile(r"[ \t]*(?:\Z|(?:\r?\n|\r)[ \t]*(?:\Z|[\r\n]))")
_WORD = lazy_compile(r"[\p{L}\p{M}\p{N}]+(?:['’\-‐‑][\p{L}\p{M}\p{N}]+)*")
_LOWERCASE_WORD = lazy_compile(r"(?<![\p{L}\p{M}\p{N}'’\-])\p{Ll}[\p{Ll}\p{M}]*(?![\p{L}\p{M}\p{N}'’\-])")
_NEW_START = lazy_compile(r"[:—–?!.]")  # after these a heading's next word starts afresh (a subtitle)
_SPACE = lazy_compile(r"\s")
_MAX_WORDS = 15
# Words a title capitalises that sentence case writes lowercase, wherever they are.
FUNCTION_WORDS = frozenset(
    "a an the and but or nor for so yet as at by in into of off on onto out over per to up upon via with "
    "from after before between against among amid under near since than through toward towards within "
    "without about is are was were be its their his her our your".split()
)


def _title_case_headings(rule: Rule, text: str, context: Context) -> Iterator[Finding]:
    if context.headings != "sentence":
        return
    headings = [m for m in _ATX_HEADING.finditer(text)]
    if not context.markdown:
        headings += [m for m in _PLAIN_HEADING.finditer(text) if _stands_alone(text, m.start(), m.end())]
    lowercase: frozenset[str] | None = None
    names: frozenset[str] = frozenset()
    for heading in headings:
        start, end = heading.span("title")
        words = list(_WORD.finditer(text, start, end))
        capitals = sum(1 for w in words[1:] if w.group()[0].isupper())
        if len(words) > _MAX_WORDS or capitals < max(1, min(2, len(words) - 1)):
            continue
        if lowercase is None:  # read once, when a heading looks title-cased
            lowercase = frozenset(_LOWERCASE_WORD.findall(text))
            names = mid_sentence_capitals(_without(text, headings))
        lowered = [
            w for i, w in enumerate(words) if i and _lowered(text, words[i - 1].end(), w, context, lowercase, names)
        ]
        if lowered:
            yield rule.flag(start, end, rule.reason, (_sentence_case(text, start, end, lowered),))


def _without(text: str, headings: list[regex.Match]) -> str:
    """`text` with the headings' titles blanked out: their capitals say nothing of names."""
    pieces, at = [], 0
    for heading in sorted(headings, key=lambda m: m.start("title")):
        start, end = heading.span("title")
        pieces += [text[at:start], " " * (end - start)]
        at = end
    return "".join(pieces) + text[at:]


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether the line [start, end) has a blank line (or the text's edge) before and after it."""
    return (start == 0 or bool(_BLANK_BEFORE.search(text, max(0, start - 40), start))) and bool(
        _BLANK_AFTER.match(text, end)
    )


def _lowered(text: str, after: int, word: regex.Match, context: Context, lowercase, names) -> bool:
    """Whether sentence case writes `word` lowercase: a function word, or a capitalised word that the
    document writes in lowercase and never as a name; never a glossary word or a subtitle's first word."""
    written = word.group()
    if not written[0].isupper() or written[1:] != written[1:].lower():
        return False
    if _NEW_START.search(text, after, word.start()) or not _SPACE.search(text, after, word.start()):
        return False  # a subtitle's first word, or part of a longer one (`Q&A`, `9/11`)
    if written in context.form_words:
        return False
    return written.lower() in FUNCTION_WORDS or (written not in names and written.lower() in lowercase)


def _sentence_case(text: str, start: int, end: int, lowered: list[regex.Match]) -> str:
    """The heading with the `lowered` words in lowercase."""
    pieces, at = [], start
    for word in lowered:
        pieces += [text[at : word.start()], word.group().lower()]
        at = word.end()
    return "".join(pieces) + text[at:end]


HD001 = Rule(
    "HD001",
    "a heading in Title Case where the house writes headings in sentence case (setting `headings`)",
    FLAG,
    _title_case_headings,
    (
        finds("# Fighting In The Desert\n\nThe fighting in the desert went on."),
        finds("Security In The Desert\n\nThe security of the desert."),
        ignores("# Fighting in the desert\n\nThe fighting went on."),
        finds("# The Hashd In Mosul\n\nThe Hashd entered Mosul."),
        ignores("# The Hashd in Mosul\n\nThe Hashd entered Mosul."),  # names, as the text writes them
        ignores("# Hashd Forces Enter Mosul\n\nThe Hashd Forces entered Mosul."),  # `enter` is not written here
        ignores("The Army Left The City.\n\nThe army left."),  # a sentence, not a heading
        ignores("# Q&A on Abu Fadak\n\nHe spoke with us."),  # `A` is part of `Q&A`
    ),
    example_context=Context(headings="sentence"),
    doc='with `headings = "sentence"`: a Markdown heading, or a plain-text line standing alone without a '
    "final stop, with two or more capitalised words after the first, suggested in sentence case: "
    "lowercase go only the function words (`In`, `The`) and words the article itself writes in "
    "lowercase; glossary forms and names the article capitalises inside sentences keep their capitals, "
    "and so does the first word after a colon or dash, and a letter joined to the word before (`Q&A`)",
    why="Headings in one case read as one publication; sentence case keeps names apart from ordinary words.",
)


RULES: tuple[Rule, ...] = (HD001,)
