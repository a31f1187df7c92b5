"""One very large file through `cleanup fix`: time and memory grow linearly, not quadratically.

Run: python bench/large_file.py [--sizes 5 10 50] (megabytes)
Builds files of the seed article repeated (each paragraph made unique) to each size, runs
`cleanup fix --grammar none` on each in a temporary folder, and prints seconds, MB/s, peak memory
and the cost per MB against the smallest file. Grammar is left out: Harper's own speed is measured
by bench/pipeline_speed.py.
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


def make_text(size_mb: float) -> str:
    """The seed repeated until it reaches `size_mb`, each copy's lines numbered to keep them unique."""
    seed = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    copies, total, copy = [], 0, 0
    while total < size_mb * 1_000_000:
        text = "\n".join(f"{line} ({copy})" if line.strip() else line for line in seed.split("\n"))
        copies.append(text)
        total += len(text.encode("utf-8")) + 2
        copy += 1
    return "\n\n".join(copies)


def run(size_mb: float, work: Path) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of one `cleanup fix` on a file of `size_mb`."""
    folder = work / f"{size_mb:g}mb"
    (folder / "seeds").mkdir(parents=True)
    shutil.copytree(ROOT / "glossary", folder / "glossary")
    (folder / "seeds" / "big.txt").write_text(make_text(size_mb), encoding="utf-8")
    command = [sys.executable, "-m", "cleanup", "fix", "-q", "--grammar", "none"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(command, cwd=folder, check=True)
    seconds = time.perf_counter() - start
    peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="+", default=[5, 10, 50], help="file sizes in MB")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print(f"{'MB':>5} {'seconds':>8} {'MB/s':>6} {'peak MB':>8} {'cost per MB vs smallest':>24}")
    baseline = None
    with tempfile.TemporaryDirectory() as work:
        for size in sorted(args.sizes):
            seconds, peak = run(size, Path(work))
            per_mb = seconds / size
            baseline = baseline or per_mb
            print(f"{size:>5g} {seconds:>8.1f} {size / seconds:>6.2f} {peak:>8.0f} {per_mb / baseline:>23.2f}x")
    print("\nexpected: cost per MB near 1.0x at every size (linear), peak memory a small multiple of the file")


if __name__ == "__main__":
    main()
