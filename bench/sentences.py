"""Where sentences start: cleanup's own rule (cleanup.text.sentence_start) against pySBD, sentencex and syntok.

Run: python bench/sentences.py --ntrex /work/corpora/NTREX-128
Joins NTREX's 1,997 English news lines (NTREX-128/newstest2019-src.eng.txt, evaluation data, not shipped)
into paragraphs of five and asks each segmenter to recover the line boundaries, then runs the abbreviation
and quotation cases in bench/sentence_cases.txt (`|` marks each sentence start). A boundary after a line
without terminal punctuation (a headline) cannot be found from the text and is counted apart. Reports
boundaries found, false boundaries (share of those reported), the cold import time (a fresh interpreter's) and
speed per million words.
A segmenter not installed (pip install pysbd sentencex syntok) is skipped.
"""

from __future__ import annotations

import argparse
import importlib
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

CASES = Path(__file__).with_name("sentence_cases.txt")
NTREX_FILE = Path("NTREX-128") / "newstest2019-src.eng.txt"
PARAGRAPH_LINES = 5
TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*\Z")
MIN_SECONDS = 1.0  # each speed run repeats the corpus until this long has passed

Segmenter = Callable[[str], set[int]]


@dataclass
class Paragraph:
    """A text and its sentence starts (offsets after the first), those that can be told from the text and those that cannot."""

    text: str
    findable: set[int] = field(default_factory=set)
    unfindable: set[int] = field(default_factory=set)


def ntrex_paragraphs(folder: Path) -> list[Paragraph]:
    """NTREX's lines joined by a space, five to a paragraph; a line boundary is findable after terminal punctuation."""
    lines = [line.strip() for line in (folder / NTREX_FILE).read_text(encoding="utf-8").splitlines() if line.strip()]
    paragraphs = []
    for first in range(0, len(lines), PARAGRAPH_LINES):
        paragraph = Paragraph("")
        for line in lines[first : first + PARAGRAPH_LINES]:
            if paragraph.text:
                ended = TERMINAL.search(paragraph.text)
                (paragraph.findable if ended else paragraph.unfindable).add(len(paragraph.text) + 1)
                paragraph.text += " "
            paragraph.text += line
        paragraphs.append(paragraph)
    return paragraphs


def case_paragraphs(path: Path) -> list[Paragraph]:
    """The cases file's lines (not blank, not starting with #), `|` marking where a sentence starts."""
    paragraphs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("|")
        paragraph = Paragraph(parts[0])
        for part in parts[1:]:
            paragraph.findable.add(len(paragraph.text) + len(part) - len(part.lstrip()))
            paragraph.text += part
        paragraphs.append(paragraph)
    return paragraphs


def starts_from_sentences(text: str, sentences: Iterable[str]) -> set[int]:
    """Sentence starts (after the first) from a segmenter's sentences, found in order in `text`."""
    starts, cursor = set(), 0
    for sentence in sentences:
        stripped = sentence.strip()
        if not stripped:
            continue
        at = text.find(stripped, cursor)
        if at < 0:
            continue
        if at > 0:
            starts.add(at)
        cursor = at + len(stripped)
    return starts


def ours() -> Segmenter:
    """cleanup.text.sentence_starts: each stop and space where sentence_start says True."""
    from cleanup.text import sentence_starts

    return lambda text: set(sentence_starts(text))


def pysbd_segmenter() -> Segmenter:
    """pySBD's English rules, with character spans."""
    pysbd = importlib.import_module("pysbd")
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return lambda text: {span.start for span in segmenter.segment(text) if span.start > 0}


def sentencex_segmenter() -> Segmenter:
    """sentencex's English segmenter (Wikimedia)."""
    sentencex = importlib.import_module("sentencex")
    return lambda text: starts_from_sentences(text, sentencex.segment("en", text))


def syntok_segmenter() -> Segmenter:
    """syntok's segmenter: each sentence's first token offset."""
    segmenter = importlib.import_module("syntok.segmenter")

    def starts(text: str) -> set[int]:
        return {s[0].offset for p in segmenter.analyze(text) for s in p if s and s[0].offset > 0}

    return starts


# Each candidate: how to build it, and the module whose cold import a one-article run would pay.
CANDIDATES: dict[str, tuple[Callable[[], Segmenter], str]] = {
    "cleanup (ours)": (ours, "cleanup.text"),
    "pySBD": (pysbd_segmenter, "pysbd"),
    "sentencex": (sentencex_segmenter, "sentencex"),
    "syntok": (syntok_segmenter, "syntok.segmenter"),
}
IMPORT_RUNS = 5


@dataclass
class Score:
    """Boundaries found and reported on a set of paragraphs."""

    findable: int = 0
    found: int = 0
    unfindable: int = 0
    unfindable_found: int = 0
    reported: int = 0
    false: int = 0
    misses: list[str] = field(default_factory=list)
    falses: list[str] = field(default_factory=list)

    def add(self, paragraph: Paragraph, starts: set[int]) -> None:
        """Count one paragraph's boundaries, keeping a little context of each miss and false one."""
        self.findable += len(paragraph.findable)
        self.found += len(paragraph.findable & starts)
        self.unfindable += len(paragraph.unfindable)
        self.unfindable_found += len(paragraph.unfindable & starts)
        self.reported += len(starts)
        wrong = starts - paragraph.findable - paragraph.unfindable
        self.false += len(wrong)
        self.misses += [_around(paragraph.text, at) for at in sorted(paragraph.findable - starts)]
        self.falses += [_around(paragraph.text, at) for at in sorted(wrong)]

    def line(self) -> str:
        """Found %, false % and the unfindable ones found."""
        found = 100 * self.found / max(1, self.findable)
        false = 100 * self.false / max(1, self.reported)
        return (
            f"found {self.found}/{self.findable} ({found:.2f}%), false {self.false}/{self.reported} ({false:.2f}%), "
            f"unfindable found {self.unfindable_found}/{self.unfindable}"
        )


def _around(text: str, at: int) -> str:
    return f"{text[max(0, at - 40) : at]}‖{text[at : at + 30]}"


def score(segment: Segmenter, paragraphs: list[Paragraph]) -> Score:
    """The segmenter's boundaries on each paragraph against the true ones."""
    result = Score()
    for paragraph in paragraphs:
        result.add(paragraph, segment(paragraph.text))
    return result


def speed(segment: Segmenter, paragraphs: list[Paragraph]) -> float:
    """Seconds per million words, the paragraphs segmented again and again for at least MIN_SECONDS."""
    words = sum(len(p.text.split()) for p in paragraphs)
    done, began = 0, time.perf_counter()
    while time.perf_counter() - began < MIN_SECONDS:
        for paragraph in paragraphs:
            segment(paragraph.text)
        done += words
    return (time.perf_counter() - began) / done * 1e6


def cold_import(module: str) -> float:
    """Seconds a fresh interpreter spends importing `module`, beyond starting (median of IMPORT_RUNS)."""

    def run(code: str) -> float:
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - began

    bare = statistics.median(run("pass") for _ in range(IMPORT_RUNS))
    return max(0.0, statistics.median(run(f"import {module}") for _ in range(IMPORT_RUNS)) - bare)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ntrex", type=Path, required=True, help="folder holding NTREX-128/newstest2019-src.eng.txt")
    parser.add_argument("--cases", type=Path, default=CASES, help="abbreviation and quotation cases (`|` marks starts)")
    parser.add_argument("--show", type=int, default=10, help="misses and false boundaries to print per segmenter")
    args = parser.parse_args()
    news, cases = ntrex_paragraphs(args.ntrex), case_paragraphs(args.cases)
    words = sum(len(p.text.split()) for p in news)
    print(f"NTREX: {len(news)} paragraphs, {words:,} words; cases: {len(cases)} paragraphs\n")
    for name, (make, module) in CANDIDATES.items():
        try:
            segment = make()
        except ImportError:
            print(f"{name}: not installed\n")
            continue
        on_news, on_cases = score(segment, news), score(segment, cases)
        print(
            f"{name}: cold import {cold_import(module) * 1000:.0f} ms, {speed(segment, news):.2f} s per million words"
        )
        print(f"  NTREX: {on_news.line()}")
        print(f"  cases: {on_cases.line()}")
        for label, shown in (("missed", on_news.misses + on_cases.misses), ("false", on_news.falses + on_cases.falses)):
            for example in shown[: args.show]:
                print(f"    {label}: {example}")
        print()


if __name__ == "__main__":
    main()
