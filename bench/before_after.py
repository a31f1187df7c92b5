"""The same whole commands on two revisions of cleanup, alternated in one run: is a change within noise?

Run: python bench/before_after.py BEFORE [AFTER] [--runs 5] [--words 100000] [--entries 10000] [--articles 300]
Each revision is checked out into a temporary folder and installed as a user installs it (not editable)
into a virtual environment of its own. Then every workload runs once per revision per round, the
revisions taking turns, and the table gives each one's median wall seconds, median processor seconds
(user and system), peak memory, the ratio AFTER/BEFORE of the processor seconds (the figure a
shared machine disturbs least) and whether every run of both wrote the same corrected editions. Workloads: the seed cold without grammar; the glossary pass and the
default run (every rule) on WORDS words with an ENTRIES-entry glossary; a folder of ARTICLES articles
with --jobs 2; `check --format json` on the seed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from compare import corpus, glossary_yaml
from corpus import make_glossary

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_34c7e98329047369.txt"
BASE = ["--no-cache", "--grammar", "none"]
RECORDS = (".diff", ".changes.json", ".report.md", ".html", ".decisions.yaml")


def install(revision: str, work: Path) -> Path:
    """The revision checked out and installed into a venv of its own; the path of its `cleanup` command."""
    checkout, venv = work / f"src-{revision}", work / f"venv-{revision}"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(checkout), revision], check=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", str(checkout)], check=True)
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(checkout)], check=True)
    return venv / "bin" / "cleanup"


def workloads(args, work: Path) -> dict[str, tuple[list[str], Path]]:
    """Each workload's arguments and the folder it runs in (made once, copied fresh before each run)."""
    terms = make_glossary(args.entries)
    text, _ = corpus(args.words, terms)
    big = work / "big"
    (big / "seeds").mkdir(parents=True)
    (big / "glossary").mkdir()
    (big / "seeds" / "corpus.txt").write_text(text, encoding="utf-8")
    (big / "glossary" / "big.yaml").write_text(glossary_yaml(terms), encoding="utf-8")
    seed = work / "seed"
    (seed / "seeds").mkdir(parents=True)
    shutil.copy(SEED, seed / "seeds" / SEED.name)
    shutil.copytree(ROOT / "glossary", seed / "glossary")
    archive = work / "archive"
    (archive / "seeds").mkdir(parents=True)
    shutil.copytree(ROOT / "glossary", archive / "glossary")
    paragraphs = SEED.read_text(encoding="utf-8").split("\n\n")
    for number in range(args.articles):
        shuffled = paragraphs[number % len(paragraphs) :] + paragraphs[: number % len(paragraphs)]
        (archive / "seeds" / f"a{number:05}.txt").write_text("\n\n".join(shuffled), encoding="utf-8")
    return {
        "seed, cold, no grammar": (["fix", "-q", *BASE], seed),
        f"{args.words:,} words × {args.entries:,} entries, --select GL": (["fix", "-q", *BASE, "--select", "GL"], big),
        f"{args.words:,} words × {args.entries:,} entries, every rule": (["fix", "-q", *BASE], big),
        f"{args.articles} articles, --jobs 2": (["fix", "-q", *BASE, "--jobs", "2"], archive),
        "seed, check --format json": (["check", "-q", *BASE, "--format", "json"], seed),
    }


def run_once(command: Path, arguments: list[str], template: Path, work: Path) -> tuple[float, float, float, str]:
    """Wall seconds, processor seconds and peak memory (MB) of one whole command in a fresh copy of `template`,
    and a digest of the corrected editions it wrote (not their records, whose format may change)."""
    folder = work / "run"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(template, folder)
    report = folder / ".time"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        ["/usr/bin/time", "-f", "%M", "-o", str(report), str(command), *arguments],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "XDG_CACHE_HOME": str(work / "cache")},
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, int(report.read_text().split()[-1]) / 1024, editions_digest(folder / "corrected")


def editions_digest(folder: Path) -> str:
    """One hash over every edition under `folder` (its records left out), "" when there is none."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
        if path.is_file() and not path.name.endswith(RECORDS) and ".history" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest() if folder.is_dir() else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before")
    parser.add_argument("after", nargs="?", default="HEAD")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cleanup-before-after-") as folder:
        work = Path(folder)
        commands = {
            name: install(revision, work) for name, revision in (("before", args.before), ("after", args.after))
        }
        jobs = workloads(args, work)
        figures: dict[tuple[str, str], list[tuple[float, float, float, str]]] = {}
        for _ in range(args.runs):
            for job, (arguments, template) in jobs.items():
                for name, command in commands.items():
                    figures.setdefault((job, name), []).append(run_once(command, arguments, template, work))
        print(table(jobs, figures, args))


def table(jobs, figures, args) -> str:
    lines = [
        f"before {args.before}, after {args.after}; medians of {args.runs} runs, alternated",
        "",
        "| workload | before: wall s, CPU s, MB | after: wall s, CPU s, MB | CPU after/before | same editions |",
        "| --- | --- | --- | ---: | --- |",
    ]
    for job in jobs:
        medians = {
            name: [statistics.median(run[k] for run in figures[job, name]) for k in range(3)]
            for name in ("before", "after")
        }
        same = len({run[3] for name in ("before", "after") for run in figures[job, name]}) == 1
        cells = [f"{wall:.2f}, {cpu:.2f}, {peak:.0f}" for wall, cpu, peak in medians.values()]
        ratio = medians["after"][1] / medians["before"][1]
        lines.append(f"| {job} | {cells[0]} | {cells[1]} | {ratio:.2f}× | {'yes' if same else 'NO'} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
