"""Peak memory of `cleanup fix` over an archive, by the number of articles: it must stay flat.

Run: python bench/archive_memory.py [--counts 500 2000 6000] [--jobs 2] [--words 1000] [--scheduler URL]
Writes folders of distinct articles of about `--words` words (the seed's paragraphs, rotated and
numbered), runs `cleanup fix FOLDER --jobs N --grammar none --no-cache -q` on each, and prints the
peak resident memory of the largest process (the parent: what it keeps per article shows here) and the
peak of the whole command with its worker processes (PSS, sampled every 20 ms), each also per thousand
articles. Flat means the peaks at the largest count within 1.2x of those at the smallest.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from corpus import ROOT, tree_rss_kb


def write_articles(folder: Path, count: int, words: int) -> None:
    """`count` distinct articles of about `words` words from the seed's paragraphs."""
    seed = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    paragraphs = [p for p in seed.split("\n\n") if p.strip()]
    folder.mkdir(parents=True)
    for number in range(count):
        chosen, total, at = [], 0, number
        while total < words:
            paragraph = paragraphs[at % len(paragraphs)]
            chosen.append(f"{paragraph} ({number})")
            total += len(paragraph.split())
            at += 1
        (folder / f"article-{number:06d}.txt").write_text("\n\n".join(chosen) + "\n", encoding="utf-8")


def measured(command: list[str]) -> tuple[float, float, float]:
    """Seconds, peak of the largest process (MB) and peak of the process tree (MB, sampled) of a
    command, run in a fresh process of its own so the largest-process figure is this command's alone."""
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", probe, *command], stdout=subprocess.PIPE, text=True)
    peak_tree = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not done.is_set():
            peak_tree = max(peak_tree, tree_rss_kb(process.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    out, _ = process.communicate()
    done.set()
    sampler.join()
    seconds = time.perf_counter() - start
    if process.returncode:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}")
    return seconds, int(out.split()[-1]) / 1024, peak_tree / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--counts", type=int, nargs="+", default=[500, 2000, 6000], help="articles per run")
    parser.add_argument("--words", type=int, default=1000, help="words per article")
    parser.add_argument("--jobs", type=int, default=2, help="--jobs of the runs")
    parser.add_argument("--scheduler", help="run on this Dask scheduler (--scheduler) instead of local workers")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    mode = f"--scheduler {args.scheduler}" if args.scheduler else f"--jobs {args.jobs}"
    print(f"cleanup fix FOLDER {mode} --grammar none --no-cache -q, articles of ~{args.words} words\n")
    print("| articles | seconds | peak, largest process | per 1,000 articles | peak, whole tree | per 1,000 articles |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    peaks = []
    with tempfile.TemporaryDirectory() as work:
        for count in args.counts:
            folder = Path(work, f"a{count}")
            write_articles(folder, count, args.words)
            command = [sys.executable, "-m", "cleanup", "fix", str(folder), "--out", str(Path(work, f"o{count}"))]
            command += ["--scheduler", args.scheduler] if args.scheduler else ["--jobs", str(args.jobs)]
            command += ["--grammar", "none", "--no-cache", "-q"]
            seconds, largest, tree = measured(command)
            peaks.append((largest, tree))
            thousands = count / 1000
            print(
                f"| {count:,} | {seconds:.1f} | {largest:.0f} MB | {largest / thousands:.1f} MB "
                f"| {tree:.0f} MB | {tree / thousands:.1f} MB |"
            )
    (first_largest, first_tree), (last_largest, last_tree) = peaks[0], peaks[-1]
    print(
        f"\ngrowth from {args.counts[0]:,} to {args.counts[-1]:,} articles: largest process "
        f"{last_largest / first_largest:.2f}x, whole tree {last_tree / first_tree:.2f}x (target: at most 1.2x)"
    )


if __name__ == "__main__":
    main()
