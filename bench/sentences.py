"""Where sentences start: cleanup's own rule (cleanup.words.sentences.sentence_start) against pySBD, sentencex and syntok.

Run: python bench/sentences.py --ntrex /work/corpora/NTREX-128 [--lines ../shared/data/cweb-dev/*.source] [--write]
Joins NTREX's 1,997 English news lines (NTREX-128/newstest2019-src.eng.txt, evaluation data, not shipped)
into paragraphs of five and asks each segmenter to recover the line boundaries; scores the abbreviation and
quotation cases in bench/sentence_cases.txt (`|` marks each sentence start), and any --lines files (one
sentence or paragraph a line) as NTREX. A boundary after a line without terminal punctuation (a headline)
cannot be found from the text and is counted apart. Reports boundaries found, false boundaries (a share of
those reported), the CPU time a fresh interpreter spends importing each segmenter and splitting one
sentence, and CPU seconds per million words (CPU time: other work on the machine does not skew it).
A segmenter not installed (pip install pysbd sentencex syntok) is skipped; --write puts the figures into
bench/RESULTS.md (a section of its own, which bench/compare.py keeps).
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import re
import resource
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


def line_paragraphs(path: Path) -> list[Paragraph]:
    """A file's lines joined by a space, five to a paragraph; a line boundary is findable after terminal punctuation."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
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
    """cleanup.words.sentences.sentence_starts: each stop and space where sentence_start says True."""
    from cleanup.words.sentences import sentence_starts

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


# Each candidate: how to build it, and what a one-article run would pay in a fresh interpreter (import, first call).
FIRST_CALL = "Mr. al-Rawi met Dr. Haddad in the U.S. The talks failed."
CANDIDATES: dict[str, tuple[Callable[[], Segmenter], str]] = {
    "cleanup (ours)": (
        ours,
        f"from cleanup.words.sentences import sentence_starts; list(sentence_starts({FIRST_CALL!r}))",
    ),
    "pySBD": (pysbd_segmenter, f"import pysbd; pysbd.Segmenter(language='en', clean=False).segment({FIRST_CALL!r})"),
    "sentencex": (sentencex_segmenter, f"import sentencex; list(sentencex.segment('en', {FIRST_CALL!r}))"),
    "syntok": (syntok_segmenter, f"import syntok.segmenter as s; list(s.analyze({FIRST_CALL!r}))"),
}
IMPORT_RUNS = 9


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

    def found_share(self) -> float:
        """Percent of the findable boundaries found."""
        return 100 * self.found / max(1, self.findable)

    def false_share(self) -> float:
        """Percent of the reported boundaries that are false."""
        return 100 * self.false / max(1, self.reported)

    def line(self) -> str:
        """Found %, false % and the unfindable ones found."""
        return (
            f"found {self.found}/{self.findable} ({self.found_share():.2f}%), "
            f"false {self.false}/{self.reported} ({self.false_share():.2f}%), "
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
    """CPU seconds per million words (steady under other load), the paragraphs segmented again and
    again for at least MIN_SECONDS."""
    words = sum(len(p.text.split()) for p in paragraphs)
    done, began = 0, time.process_time()
    while time.process_time() - began < MIN_SECONDS:
        for paragraph in paragraphs:
            segment(paragraph.text)
        done += words
    return (time.process_time() - began) / done * 1e6


def cold_start(code: str) -> float:
    """CPU seconds a fresh interpreter spends running `code` (an import and a first call), beyond starting
    (median of IMPORT_RUNS)."""

    def run(code: str) -> float:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-c", code], check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime

    bare = statistics.median(run("pass") for _ in range(IMPORT_RUNS))
    return max(0.0, statistics.median(run(code) for _ in range(IMPORT_RUNS)) - bare)


RESULTS = Path(__file__).with_name("RESULTS.md")
SECTION = "## Sentence boundaries: cleanup's own rule against pySBD, sentencex and syntok"


@dataclass
class Result:
    """One segmenter's figures."""

    name: str
    cold: float
    per_million: float
    news: Score
    cases: Score
    more: dict[str, Score]


def results_section(rows: list[Result], words: int) -> str:
    """The RESULTS.md section: one row per segmenter, and one per segmenter and --lines file."""
    machine = f"{platform.machine()}, {os.cpu_count()} cores, CPython {platform.python_version()}"
    lines = [
        SECTION,
        "",
        f"Written by `python bench/sentences.py --ntrex FOLDER [--lines FILE ...] --write` on {time.strftime('%Y-%m-%d')};",
        f"machine: {machine}.",
        f"NTREX's English lines joined five to a paragraph ({words:,} words); a boundary after a line without",
        "terminal punctuation (a headline) cannot be found and is counted apart; false = boundaries reported",
        "where no line ends, as a share of those reported (some are real sentence ends inside a line); cases =",
        "bench/sentence_cases.txt (abbreviations and closing quotes). Times are CPU",
        "time: a fresh interpreter importing the segmenter and splitting one sentence (cleanup's is mostly the",
        "`regex` module every cleanup run imports anyway), and splitting the NTREX paragraphs again and again.",
        "All three libraries are MIT-licensed; cleanup keeps its own rule (cleanup/words/sentences.py): the most accurate",
        "here, with no new dependency and no start-up cost of its own.",
        "",
        "| segmenter | NTREX found | NTREX false | unfindable found | cases found | cases false | cold start | s per million words |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r.name} | {r.news.found_share():.2f}% | {r.news.false_share():.2f}% "
            f"| {r.news.unfindable_found}/{r.news.unfindable} | {r.cases.found_share():.2f}% "
            f"| {r.cases.false_share():.2f}% | {r.cold * 1000:.0f} ms | {r.per_million:.2f} |"
        )
    lines += ["", "Targets: at least 99.5% of the findable NTREX boundaries, at most 0.5% false.", ""]
    if any(r.more for r in rows):
        lines += ["Other files of one sentence or paragraph a line (`--lines`), scored as NTREX:", ""]
        lines += ["| segmenter | file | found | false | unfindable found |", "| --- | --- | ---: | ---: | ---: |"]
        for r in rows:
            lines += [
                f"| {r.name} | {file} | {s.found_share():.2f}% | {s.false_share():.2f}% | {s.unfindable_found}/{s.unfindable} |"
                for file, s in r.more.items()
            ]
        lines.append("")
    return "\n".join(lines)


def write_section(section: str) -> None:
    """Put the section into RESULTS.md in place of its last version (at the end if none)."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    start = text.find(SECTION)
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + len(SECTION))
        text = text[:start] + section + ("" if end < 0 else text[end:])
    RESULTS.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ntrex", type=Path, required=True, help="folder holding NTREX-128/newstest2019-src.eng.txt")
    parser.add_argument("--cases", type=Path, default=CASES, help="abbreviation and quotation cases (`|` marks starts)")
    parser.add_argument("--show", type=int, default=10, help="misses and false boundaries to print per segmenter")
    parser.add_argument("--write", action="store_true", help="write the figures into bench/RESULTS.md")
    parser.add_argument("--lines", type=Path, nargs="*", default=[], help="more files of one sentence a line to score")
    args = parser.parse_args()
    news, cases = line_paragraphs(args.ntrex / NTREX_FILE), case_paragraphs(args.cases)
    more = {path.name: line_paragraphs(path) for path in args.lines}
    words = sum(len(p.text.split()) for p in news)
    print(f"NTREX: {len(news)} paragraphs, {words:,} words; cases: {len(cases)} paragraphs\n")
    rows: list[Result] = []
    for name, (make, first_call) in CANDIDATES.items():
        try:
            segment = make()
        except ImportError:
            print(f"{name}: not installed\n")
            continue
        result = Result(
            name,
            cold_start(first_call),
            speed(segment, news),
            score(segment, news),
            score(segment, cases),
            {label: score(segment, paragraphs) for label, paragraphs in more.items()},
        )
        rows.append(result)
        print(f"{name}: cold start {result.cold * 1000:.0f} ms, {result.per_million:.2f} s per million words")
        print(f"  NTREX: {result.news.line()}")
        print(f"  cases: {result.cases.line()}")
        for label, more_score in result.more.items():
            print(f"  {label}: {more_score.line()}")
        misses, falses = result.news.misses + result.cases.misses, result.news.falses + result.cases.falses
        for label, shown in (("missed", misses), ("false", falses)):
            for example in shown[: args.show]:
                print(f"    {label}: {example}")
        print()
    if args.write:
        write_section(results_section(rows, words))


if __name__ == "__main__":
    main()
