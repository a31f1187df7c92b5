"""A second run over an unchanged archive: how long does `cleanup fix` take when there is nothing to do?

Run: python bench/cached_rerun.py [--articles 1000]
Builds a folder of articles (twelve-line slices of the seed, each numbered), runs `cleanup fix` once
to fill the cache, then again on the unchanged folder, then once more after editing one article.
Prints wall seconds of each, the second run's ratio to the first, and its cost per thousand files
beyond start-up (measured by a run on one cached file). Each run is a new process.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import seed_slice_project


def timed_fix(folder: Path, *paths: str) -> float:
    start = time.perf_counter()
    environment = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache")}  # a cache of its own: a cold first run
    subprocess.run([sys.executable, "-m", "cleanup", "fix", "-q", *paths], cwd=folder, check=True, env=environment)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cleanup-rerun-"))
    try:
        seed_slice_project(folder, args.articles)
        first = timed_fix(folder)
        second = timed_fix(folder)
        one = timed_fix(folder, "seeds/article-00001.txt")  # start-up plus one cached file
        edited = folder / "seeds" / "article-00000.txt"
        edited.write_text(edited.read_text(encoding="utf-8") + "Daash again.\n", encoding="utf-8")
        third = timed_fix(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    per_thousand = (second - one) / (args.articles - 1) * 1000
    print(
        f"{args.articles} articles: first run {first:.2f} s; second run, unchanged {second:.2f} s "
        f"({second / first:.3f}x the first): start-up {one:.2f} s (one cached file) plus {per_thousand:.2f} s "
        f"per thousand files; after editing one article {third:.2f} s"
    )


if __name__ == "__main__":
    main()
