"""A Word file through `cleanup fix` against the same text as a .txt file: the whole command, start-up included.

Builds a 100-page article (50,000 words of the seed's sentences in paragraphs of three to six, every
paragraph in runs of a few words with every other run bold, as Word files made by editing are), saves
it as `article.txt` and as `article.docx` (python-docx, one paragraph per text line), runs
`cleanup fix -q --no-cache --grammar none` on each (median of --repeat runs, alternated) and prints
the ratio. Target: the Word file in at most 3x the time of the text file.

Usage: python bench/docx_speed.py [--words N] [--repeat N]"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import docx
from corpus import timed

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_34c7e98329047369.txt"


def article(words: int, seed: int = 5) -> str:
    """The seed's sentences in random order, in paragraphs of three to six, one paragraph a line."""
    rng = random.Random(seed)
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", SEED.read_text(encoding="utf-8")) if len(s.split()) > 5]
    paragraphs, count = [], 0
    while count < words:
        chosen = [rng.choice(sentences).replace("\n", " ") for _ in range(rng.randint(3, 6))]
        count += sum(len(s.split()) for s in chosen)
        paragraphs.append(" ".join(chosen))
    return "\n".join(paragraphs)


def save_docx(text: str, path: Path, words_per_run: int = 6) -> None:
    document = docx.Document()
    for line in text.split("\n"):
        paragraph = document.add_paragraph()
        words = line.split(" ")
        for index in range(0, len(words), words_per_run):
            tail = " " if index + words_per_run < len(words) else ""
            run = paragraph.add_run(" ".join(words[index : index + words_per_run]) + tail)
            run.bold = bool(index // words_per_run % 2)
    document.save(str(path))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cleanup = shutil.which("cleanup", path=str(Path(sys.executable).parent)) or "cleanup"
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        shutil.copytree(ROOT / "glossary", work / "glossary")
        text = article(args.words)
        (work / "article.txt").write_text(text, encoding="utf-8")
        save_docx(text, work / "article.docx")
        times: dict[str, list[float]] = {"article.txt": [], "article.docx": []}
        peaks: dict[str, float] = {}
        for _ in range(args.repeat):
            for name in times:
                seconds, peak = timed([cleanup, "fix", "-q", "--no-cache", "--grammar", "none", name], work, 600)
                times[name].append(seconds or float("nan"))
                peaks[name] = max(peaks.get(name, 0.0), peak or 0.0)
        text_time, word_time = (statistics.median(times[n]) for n in times)
        print(f"{args.words:,} words, median of {args.repeat} alternated runs of the whole command:")
        for name in times:
            print(f"  {name:13} {statistics.median(times[name]):6.2f} s  peak {peaks[name]:6.1f} MB")
        print(f"  Word file / text file: {word_time / text_time:.2f}x (target: at most 3x)")


if __name__ == "__main__":
    main()
