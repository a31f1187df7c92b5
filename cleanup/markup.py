"""What of a Markdown text is markup, not prose: code spans and blocks, HTML, autolinks, link and image targets,
reference definitions and labels, front matter; found with a CommonMark parser (markdown-it-py, imported for
the first Markdown document only). Found again in every version of a text the fixes make."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from .lazyregex import lazy_compile
from .model import LineIndex

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

Span = tuple[int, int]

# Inline Markdown that is code or markup, not prose (searched within paragraphs, headings and cells).
MARKDOWN_INLINE = lazy_compile(
    r"<[A-Za-z][A-Za-z0-9.+\-]{1,31}:[^\s<>]*>"  # autolink
    r"|<[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+>"  # e-mail autolink
    r"|</?[A-Za-z][A-Za-z0-9\-]*(?:\s[^<>]*)?/?>"  # inline HTML tag
    r"|\]\((?:<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?[ \t]*\)"  # link target
    r"|\]\[[^\]\n]*\]"  # reference label
    r"|[ \t]*!(?=\[)"  # an image's "!" and the space before it (not stray punctuation)
)
# A link written as its own reference label: `[Daash][]` or `[Daash]` with a `[Daash]: url` definition.
REFERENCE_TEXT = lazy_compile(r"(?<![\]\\])\[(?P<label>[^\[\]\n]+)\](?:\[\])?(?![\[(:])")
_BACKTICKS = lazy_compile(r"(?<!\\)`+")
_UNTOUCHED_BLOCKS = {"front_matter", "code_block", "fence", "html_block"}


def markup_spans(text: str, lines: LineIndex) -> list[Span]:
    """Code, HTML, front matter, link targets and reference definitions, found with a CommonMark parser."""
    starts = lines.starts + [len(text)]
    spans: list[Span] = []
    covered = [False] * len(lines.starts)
    env: dict = {}
    tokens = _markdown_parser().parse(text, env)
    labels = {_label(label) for label in env.get("references", {})}
    for token in tokens:
        if token.map is None:
            continue
        first, last = token.map
        region = (starts[first], starts[min(last, len(starts) - 1)])
        if token.type in _UNTOUCHED_BLOCKS:
            spans.append(region)
        elif token.type == "inline":
            spans += _inline_spans(text, *region, labels)
        for line in range(first, min(last, len(covered))):
            covered[line] = True
    # Lines no block claims are link reference definitions ("[ref]: https://…").
    for line, claimed in enumerate(covered):
        if not claimed and text[starts[line] : starts[line + 1]].strip():
            spans.append((starts[line], starts[line + 1]))
    return spans


@functools.cache
def _markdown_parser() -> MarkdownIt:
    """The CommonMark parser, built (and markdown-it imported) on the first Markdown document only."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark").use(front_matter_plugin).enable("table")


def _inline_spans(text: str, start: int, end: int, labels: set[str]) -> list[Span]:
    code = _code_spans(text, start, end)
    spans = list(code)
    for match in MARKDOWN_INLINE.finditer(text, start, end):
        if not any(s <= match.start() < e for s, e in code):
            spans.append(match.span())
    for match in REFERENCE_TEXT.finditer(text, start, end) if labels else ():
        if _label(match.group("label")) in labels and not any(s <= match.start() < e for s, e in code):
            spans.append(match.span())  # renaming the text would break the link
    return spans


def _label(label: str) -> str:
    """A reference label as CommonMark matches it: case and runs of white space do not count."""
    return " ".join(label.split()).casefold()


def _code_spans(text: str, start: int, end: int) -> list[Span]:
    """CommonMark code spans: a run of n backticks up to the next run of exactly n."""
    spans: list[Span] = []
    runs = list(_BACKTICKS.finditer(text, start, end))
    i = 0
    while i < len(runs):
        opener = runs[i]
        closer = next((j for j in range(i + 1, len(runs)) if len(runs[j].group()) == len(opener.group())), None)
        if closer is None:
            i += 1
            continue
        spans.append((opener.start(), runs[closer].end()))
        i = closer + 1
    return spans
