"""Cost per million words of each input shape, and how it grows from n to 4n: cost linear in every input.

Run: python bench/complexity.py [--words 50000] [--select GL] [--repeat 1]
Writes each shape (many short lines, one long line, one long paragraph, dense hits, no hits, many flags,
a one-line article with a long Arabic source) at about n and 4n words, runs the whole command
`cleanup fix --grammar none` on each (start-up included; `--select` passes rule prefixes on), and prints
seconds and CPU seconds per million words at each size and the ratio 4n/n (about 4 when linear, 16 when
quadratic; under 4 where start-up weighs). The shapes are the ones tests/product/test_complexity.py times for
each rule, the glossary pass, the source checks and each writer.
"""

from __future__ import annotations

import argparse
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.shapes import ARTICLE, SHAPES, arabic_source  # noqa: E402  (the inputs tests/product/test_complexity.py times)

CHARACTERS_PER_WORD = 6


def run(shape: str, words: int, work: Path, select: str | None, repeat: int) -> tuple[float, float, int]:
    """Best wall and CPU seconds of the whole command on the shape at about `words`, and its words."""
    folder = work / f"{shape.replace(' ', '-')}-{words}"
    folder.mkdir()
    shutil.copytree(ROOT / "glossary", folder / "glossary")
    command = [sys.executable, "-m", "cleanup", "fix", "--no-cache", "-q", "--grammar", "none", "--out", "out"]
    if select:
        command += ["--select", select]
    if shape == "long source":
        source = arabic_source(words * CHARACTERS_PER_WORD)
        (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
        (folder / "article.ar.txt").write_text(source, encoding="utf-8")
        command += ["--source", "article.ar.txt", "article.txt"]
        counted = len(source.split())
    else:
        text = SHAPES[shape](words * CHARACTERS_PER_WORD)
        (folder / "article.txt").write_text(text, encoding="utf-8")
        command.append("article.txt")
        counted = len(text.split())
    best_wall, best_cpu = float("inf"), float("inf")
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, cwd=folder, check=False, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    return best_wall, best_cpu, counted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=50_000, help="n: words of the smaller input of each shape")
    parser.add_argument("--select", help="rule id prefixes to run (as `cleanup fix --select`), e.g. GL")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each command; the best is kept")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print(f"`cleanup fix --grammar none{' --select ' + args.select if args.select else ''}`, whole command")
    print(
        f"{'shape':<16} {'words n':>9} {'s':>6} {'s/M words':>10} {'CPU s/M':>8} "
        f"{'words 4n':>9} {'s':>6} {'s/M words':>10} {'CPU s/M':>8} {'4n/n':>5} {'CPU 4n/n':>9}"
    )
    with tempfile.TemporaryDirectory() as work:
        for shape in [*SHAPES, "long source"]:
            small = run(shape, args.words, Path(work), args.select, args.repeat)
            large = run(shape, 4 * args.words, Path(work), args.select, args.repeat)
            cells = []
            for wall, cpu, words in (small, large):
                cells.append(f"{words:>9,} {wall:>6.1f} {wall / words * 1e6:>10.1f} {cpu / words * 1e6:>8.1f}")
            print(f"{shape:<16} {cells[0]} {cells[1]} {large[0] / small[0]:>5.1f} {large[1] / small[1]:>9.1f}")
    print("\nlong source: a one-line article against an Arabic source of n and 4n words (words of the source)")
    print("expected: 4n/n about 4 (linear; less where start-up weighs), never near 16 (quadratic)")


if __name__ == "__main__":
    main()
