"""Cost linear in every input: each house rule, the glossary pass, the whole pipeline, the checks against the
source and each writer run on inputs of size n and 4n in several shapes (many short lines, one long line,
a long paragraph, dense hits, no hits, many flags, a long source; tests/shapes.py writes them, for
bench/complexity.py too); the cost may grow about 4×, and a step that grows more than 5× (16× is
quadratic) fails. Ratios of CPU times taken in one run, never absolute times: each the best of three,
repeated until the smaller input takes a measurable time, and measured again for longer before a ratio over
the limit fails."""

from __future__ import annotations

import gc
import math
import time
from collections.abc import Callable, Iterator

import pytest

from cleanup.model import Document, Outcome
from cleanup.outputs.diff import unified_diff
from cleanup.outputs.records import change_log, markdown_report
from cleanup.outputs.review import review_page
from cleanup.pipeline import Settings, process, rule_context
from cleanup.rules.base import Rule
from cleanup.rules.registry import ALL_RULES
from cleanup.source.align import pair_texts
from cleanup.source.checks import source_flags
from tests.shapes import ARABIC, ARTICLE, HOUSE, SHAPES, arabic_source
from tests.wordfiles import seed_docx

LIMIT = 5.0  # the most cost may grow from n to 4n: linear grows 4×, quadratic 16×
SMALLEST = 0.003  # CPU seconds the size-n input must take, repeated, for its time to be more than noise
CONFIRM = 0.2  # the same when a ratio over LIMIT is measured again before it fails (long enough that noise is small)
UNIT = 12_000  # characters of text for n
GLOSSARY = HOUSE
CONTEXT = rule_context(Settings(GLOSSARY), markdown=False)  # what the pipeline gives the rules


def _best(step: Callable[[], object], repeats: int) -> float:
    """The best of three times of `step` run `repeats` times, the garbage collector paused."""
    gc.collect()
    gc.disable()
    try:
        times = []
        for _ in range(3):
            start = time.process_time()
            for _ in range(repeats):
                step()
            times.append(time.process_time() - start)
        return min(times)
    finally:
        gc.enable()


def growth(small: Callable[[], object], large: Callable[[], object], smallest: float = SMALLEST) -> float:
    """How many times the cost of `large` (the input 4× larger) is that of `small`."""
    start = time.process_time()
    small()
    once = max(time.process_time() - start, 1e-6)
    repeats = max(1, math.ceil(smallest / once))
    return _best(large, repeats) / max(_best(small, repeats), 1e-9)


def assert_linear(name: str, step: Callable[[int], object], sizes: tuple[int, int] = (1, 4)) -> None:
    """Fail when `step(4)` costs more than LIMIT times `step(1)` (their inputs' sizes are `sizes`, about
    1 and 4), measured twice (the second time longer)."""
    scale = 4 * sizes[0] / sizes[1]  # an input not quite 4× larger is judged as if it were
    ratio = growth(lambda: step(1), lambda: step(4)) * scale
    if ratio > LIMIT:
        ratio = growth(lambda: step(1), lambda: step(4), CONFIRM) * scale
    assert ratio <= LIMIT, f"{name}: cost grows {ratio:.1f}× from n to 4n"


def _texts(shape: str, units: int = 1) -> dict[int, str]:
    return {k: SHAPES[shape](UNIT * units * k) for k in (1, 4)}


def _sizes(texts: dict[int, str]) -> tuple[int, int]:
    return len(texts[1]), len(texts[4])


def _consume(found: Iterator[object]) -> None:
    for _ in found:
        pass


@pytest.mark.parametrize("shape", SHAPES)
def test_rules_linear(shape):
    texts = _texts(shape)
    for rule in ALL_RULES:
        assert_linear(f"{rule.id} on {shape}", lambda k, rule=rule: _consume(_findings(rule, texts[k])), _sizes(texts))


def _findings(rule: Rule, text: str) -> Iterator[object]:
    return rule.findings(text, CONTEXT)


@pytest.mark.parametrize("shape", SHAPES)
def test_glossary_pass_linear(shape):
    texts = _texts(shape, 4)  # larger: the pass is fast, and what grows with a long line is cheap per hit
    assert_linear(f"glossary on {shape}", lambda k: _consume(GLOSSARY.matcher.edits(texts[k])), _sizes(texts))


OUTCOMES: dict[tuple[str, int], Outcome] = {}


def _outcome(shape: str, k: int, text: str) -> Outcome:
    if (shape, k) not in OUTCOMES:
        OUTCOMES[shape, k] = process(Document(text), Settings(GLOSSARY))
    return OUTCOMES[shape, k]


@pytest.mark.parametrize("shape", SHAPES)
def test_pipeline_linear(shape):
    texts = _texts(shape)
    assert_linear(f"pipeline on {shape}", lambda k: process(Document(texts[k]), Settings(GLOSSARY)), _sizes(texts))


WRITERS: dict[str, Callable[[Outcome], Iterator[str]]] = {
    "text diff": lambda o: unified_diff(o.original.text, o.corrected, o.changes, "a.txt", "b.txt"),
    "review page": lambda o: review_page("a.txt", "b.txt", o, {}),
    "changes.json": lambda o: change_log("a.txt", "b.txt", o),
    "report": lambda o: markdown_report("a.txt", "b.txt", o),
}


@pytest.mark.parametrize("shape", ["short lines", "one long line", "dense hits", "many flags"])
def test_writers_linear(shape):
    texts = _texts(shape)
    outcomes = {k: _outcome(shape, k, text) for k, text in texts.items()}
    for name, writer in WRITERS.items():
        assert_linear(f"{name} of {shape}", lambda k, writer=writer: "".join(writer(outcomes[k])), _sizes(texts))


def _source_flags(english: str, source: str) -> Iterator:
    """The SRC flags with the alignment they rest on, as the pipeline computes both."""
    return source_flags(english, source, pair_texts(source, english), GLOSSARY.terms)


def test_source_checks_linear_in_the_source():
    """A one-line article against a source of n and 4n lines: alignment and checks over every pair."""
    english = ARTICLE
    sources = {k: arabic_source(UNIT * 2 * k) for k in (1, 4)}
    assert_linear(
        "source checks, long source",
        lambda k: _consume(_source_flags(english, sources[k])),
        _sizes(sources),
    )
    outcomes = {k: process(Document(english), Settings(GLOSSARY), source=Document(sources[k])) for k in (1, 4)}
    for name, writer in WRITERS.items():
        assert_linear(f"{name}, long source", lambda k, writer=writer: "".join(writer(outcomes[k])), _sizes(sources))


def test_source_checks_linear_in_both():
    """An article and its source both of n and 4n paragraphs, the English a paragraph short (n beyond the
    alignment's band of 60 paragraphs around the diagonal)."""
    english = {
        k: "\n".join(f"The Daesh fighters killed {i} people in the village, an official said." for i in range(150 * k))
        for k in (1, 4)
    }
    sources = {k: "\n".join(f"{' '.join(ARABIC)} {i}" for i in range(150 * k + 1)) for k in (1, 4)}
    assert_linear("source checks, both long", lambda k: _consume(_source_flags(english[k], sources[k])))


def test_source_checks_linear_in_a_long_paragraph():
    """One paragraph on each side holding n and 4n numbers: the numbers of one side matched to the other's."""
    english = {k: " ".join(f"In {1000 + i} the fighters killed {i} people." for i in range(300 * k)) for k in (1, 4)}
    sources = {k: " ".join(f"{' '.join(ARABIC)} {2000 + i} {i}" for i in range(300 * k)) for k in (1, 4)}
    assert_linear(
        "source checks, long paragraph",
        lambda k: _consume(_source_flags(english[k], sources[k])),
        _sizes(english),
    )


def test_word_and_html_writers_linear():
    """A Word file and a web page of n and 4n paragraphs, read, corrected and written back."""
    from cleanup.formats.docx import read_docx, write_docx
    from cleanup.formats.html import read_html, write_html

    texts = {k: SHAPES["dense hits"](UNIT * k // 2) for k in (1, 4)}
    words = {k: seed_docx(text) for k, text in texts.items()}
    pages = {
        k: (
            "<html><body>" + "".join(f"<p>{_escape(line)}</p>\n" for line in text.splitlines()) + "</body></html>"
        ).encode()
        for k, text in texts.items()
    }
    word_outcomes = {k: process(read_docx(data).document, Settings(GLOSSARY)) for k, data in words.items()}
    page_outcomes = {k: process(read_html(data).document, Settings(GLOSSARY)) for k, data in pages.items()}
    assert_linear("Word writer", lambda k: write_docx(words[k], word_outcomes[k], "review"), _sizes(texts))
    assert_linear("HTML writer", lambda k: write_html(pages[k], page_outcomes[k]), _sizes(texts))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
