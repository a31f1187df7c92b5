"""Whole-pipeline speed (glossary + every house rule + flags) against the glossary pass alone.

Run: python bench/pipeline_speed.py [--copies 1 10 40] [--repeat 3] [--grammar harper]
The documents are the seed article repeated, each paragraph of each copy made unique (so no checker
can answer from a cache); each run prints words per second, the cost per word against the one-copy
document (does cost grow faster than length?) and against the glossary-only pass on the same text.
"""

from __future__ import annotations

import argparse
import platform
from pathlib import Path

from corpus import best_time

from cleanup.checkers.harper import HarperChecker
from cleanup.fix import fix
from cleanup.house import load_glossary
from cleanup.model import Document
from cleanup.pipeline import ALL_RULES, Settings, process
from cleanup.words.known import known_words

ROOT = Path(__file__).resolve().parent.parent


def _unique_copy(text: str, copy: int) -> str:
    """The text with the copy number added to each non-empty line."""
    return "\n".join(f"{line} ({copy})" if line.strip() else line for line in text.split("\n"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 10, 40])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--markdown", action="store_true", help="treat the documents as Markdown")
    parser.add_argument("--grammar", choices=("none", "harper"), default="none", help="grammar checker to include")
    args = parser.parse_args()
    files = sorted((ROOT / "glossary").glob("*.yaml"))
    glossary = load_glossary([(str(f), f.read_text(encoding="utf-8")) for f in files], [r.id for r in ALL_RULES])
    checker = HarperChecker(known_words(t.preferred for t in glossary.terms)) if args.grammar == "harper" else None
    settings = Settings(glossary, ALL_RULES + glossary.rules, checker=checker)
    if checker:
        process(Document("Warm up."), settings)  # build the Linter once, as a run of many files does
    seed = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}; grammar: {args.grammar}"
    )
    print(f"{'copies':>7} {'words':>8} {'pipeline s':>11} {'words/s':>9} {'vs 1 copy':>10} {'vs glossary only':>17}")
    per_word_one = None
    for copies in sorted(args.copies):
        text = "\n\n".join(_unique_copy(seed, copy) for copy in range(copies))
        words = len(text.split())
        seconds = best_time(lambda text=text: process(Document(text, markdown=args.markdown), settings), args.repeat)
        glossary_only = best_time(lambda text=text: fix(text, [glossary.matcher.edits]), args.repeat)
        per_word = seconds / words
        per_word_one = per_word_one or per_word
        print(
            f"{copies:>7} {words:>8,} {seconds:>11.3f} {words / seconds:>9,.0f} "
            f"{per_word / per_word_one:>9.2f}x {seconds / glossary_only:>16.1f}x"
        )
    print("\nexpected: cost per word stays flat as documents grow (vs 1 copy near 1.0x)")


if __name__ == "__main__":
    main()
