"""Paragraphs of a source and its translation paired: one to one when the counts agree, else by length
(Gale and Church's model: a translation's length is about proportional to its source's) with the
numbers both sides write as anchors, allowing a paragraph left out on either side and two paragraphs
translated as one or one as two."""

from __future__ import annotations

import math
import re

from ..model import Paragraph, SourcePair
from .numbers import numbers

# A line ends at any line break str.splitlines knows: the paragraph separator U+2029 (InDesign, some
# PDF and RTF converters), the line separator U+2028, Word's manual line break exported as \v too.
_BREAKS = "\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"
LINE = re.compile(f"[^{_BREAKS}]*\\S[^{_BREAKS}]*")
VARIANCE = 6.8  # Gale and Church's variance of the length difference per character
# -log of each pairing's prior probability. Gale and Church counted sentences (2-1 nine times as common as
# 1-0); between paragraphs a translator rarely merges or splits, and a paragraph left out is what QA is for.
PENALTY = {(1, 1): 0.0, (1, 0): 3.9, (0, 1): 3.9, (2, 1): 4.6, (1, 2): 4.6}
PRIOR_RATIO = 1.1  # English characters per Arabic character in translated news
BAND = 60  # how far from the diagonal the search looks, in paragraphs
# ... and at most, when the counts differ: the band widens to let a block go missing at one end, up to
# this many paragraphs, so the search stays linear in the paragraphs (a wider band made it quadratic).
MAX_BAND = 250


def pair_texts(source: str, english: str) -> list[SourcePair]:
    """The paragraphs of a source and its translation paired: line by line when both have as many lines
    laid out alike (a bilingual file's segments, articles with the same blank lines), so a line left
    empty is seen as such; else their non-blank lines aligned."""
    source_lines, english_lines = _lines(source), _lines(english)
    written = [
        (bool(source[s.start : s.end].strip()), bool(english[t.start : t.end].strip()))
        for s, t in zip(source_lines, english_lines, strict=False)
    ]
    # Line by line only when the English never has text where the source has none (else lines have shifted).
    if len(source_lines) != len(english_lines) or any(t and not s for s, t in written):
        return align(paragraphs(source), paragraphs(english), source, english)
    lines = zip(source_lines, english_lines, written, strict=True)
    return [
        SourcePair((s,), (t,)) for s, t, (has_source, _) in lines if has_source
    ]  # a blank English line: what is missing


def _lines(text: str) -> list[Paragraph]:
    """Every line of a text (blank ones too), line breaks (\\n, \\r\\n) left out."""
    found, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        found.append(Paragraph(start, end - 1 if line.endswith("\r") else end))
        start = end + 1
    return found


def paragraphs(text: str) -> list[Paragraph]:
    """The non-blank lines of a text (broken by any line or paragraph separator): one paragraph each, as
    Word files and the centre's articles write them."""
    return [Paragraph(m.start(), m.end()) for m in LINE.finditer(text)]


ANCHOR = 1.5  # cost taken off a pairing per number both sides write (at most three), added when they share none


def align(
    source: list[Paragraph], target: list[Paragraph], source_text: str = "", target_text: str = ""
) -> list[SourcePair]:
    """The source and English paragraphs paired in order (the texts give the numbers used as anchors)."""
    if len(source) == len(target):
        return [SourcePair((s,), (t,)) for s, t in zip(source, target, strict=True)]
    ratio = _ratio(source, target)
    values = (
        [{n.value for n in numbers(source_text[p.start : p.end])} for p in source],
        [{n.value for n in numbers(target_text[p.start : p.end])} for p in target],
    )
    cost, back = _search(source, target, ratio, values)
    pairs: list[SourcePair] = []
    i, j = len(source), len(target)
    while i or j:
        di, dj = back[(i, j)]
        pairs.append(SourcePair(tuple(source[i - di : i]), tuple(target[j - dj : j])))
        i, j = i - di, j - dj
    return pairs[::-1]


def _ratio(source: list[Paragraph], target: list[Paragraph]) -> float:
    """English characters per Arabic character: the texts' own ratio (skewed by a paragraph left out)
    pulled towards what news translations show (NTREX-128: 1.07)."""
    total = sum(p.end - p.start for p in source)
    measured = sum(p.end - p.start for p in target) / total if total else PRIOR_RATIO
    return math.sqrt(measured * PRIOR_RATIO)


def _search(source, target, ratio: float, values):
    """Dynamic programming over (source count, target count), within a band around the diagonal."""
    n, m = len(source), len(target)
    band = max(BAND, min(abs(n - m) + 5, MAX_BAND))
    lengths = (_prefix_lengths(source), _prefix_lengths(target))
    merged = (_pairs_merged(values[0]), _pairs_merged(values[1]))
    cost: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(n + 1):
        centre = i * m / n if n else 0
        for j in range(max(0, int(centre) - band), min(m, int(centre) + band) + 1):
            if (i, j) == (0, 0):
                continue
            best = math.inf
            for (di, dj), penalty in PENALTY.items():
                before = cost.get((i - di, j - dj))
                if before is None or i < di or j < dj:
                    continue
                total = before + penalty
                if di and dj:
                    length_s = lengths[0][i] - lengths[0][i - di]
                    length_t = lengths[1][j] - lengths[1][j - dj]
                    total += _length_cost(length_s, length_t, ratio)
                    total += _anchor_cost(merged[0][di - 1][i - 1], merged[1][dj - 1][j - 1])
                if total < best:
                    best, back[(i, j)] = total, (di, dj)
            if best < math.inf:
                cost[(i, j)] = best
    return cost, back


def _prefix_lengths(paragraphs: list[Paragraph]) -> list[int]:
    """Characters in the first k paragraphs, for every k."""
    totals = [0]
    for p in paragraphs:
        totals.append(totals[-1] + p.end - p.start)
    return totals


def _pairs_merged(values: list[set[str]]) -> tuple[list[set[str]], list[set[str]]]:
    """The numbers of each paragraph, and of each paragraph with the one before it (at the index of the later)."""
    return values, [values[k - 1] | values[k] if k else values[k] for k in range(len(values))]


def _anchor_cost(source: set[str], target: set[str]) -> float:
    """Numbers both sides write make a pairing likelier; numbers on both sides with none shared, less."""
    if not source or not target:
        return 0.0
    shared = len(source & target)
    return -ANCHOR * min(shared, 3) if shared else ANCHOR


def _length_cost(source: int, target: int, ratio: float) -> float:
    """How unlikely a translation of this length is for a source of that length."""
    expected = source * ratio
    return (target - expected) ** 2 / (VARIANCE * (expected + 1))
