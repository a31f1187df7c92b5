"""Glossary pass speed with a small and a large glossary on the same generated corpus.

Run: python bench/glossary_speed.py [--words 100000] [--sizes 10 10000] [--repeat 3]
Prints words per second for each glossary size and the ratio of per-word cost against the smallest.
The small glossary is a prefix of the large one and only its variants are injected, so every size
finds the same edits: the ratio isolates what glossary size costs per word.
"""

from __future__ import annotations

import argparse
import platform

from corpus import best_time, make_corpus, make_glossary

from cleanup.fix import fix
from cleanup.glossary.matcher import Matcher


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 10_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    largest = make_glossary(max(args.sizes))
    smallest = min(args.sizes)
    text = make_corpus(args.words, largest[:smallest])
    words = len(text.split())
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print(f"corpus: {words:,} words, {len(text):,} characters; variants injected from the first {smallest} terms\n")
    print(f"{'entries':>8} {'compile s':>10} {'pass s':>8} {'words/s':>12} {'edits':>7} {'cost ratio':>11}")
    baseline = None
    for size in sorted(args.sizes):
        terms = largest[:size]
        compile_time = best_time(lambda terms=terms: Matcher(terms), 1)
        matcher = Matcher(terms)
        seconds = best_time(lambda matcher=matcher: fix(text, [matcher.edits]), args.repeat)
        edits = len(fix(text, [matcher.edits]).changes)
        baseline = baseline or seconds
        print(
            f"{size:>8,} {compile_time:>10.3f} {seconds:>8.3f} {words / seconds:>12,.0f} {edits:>7,} {seconds / baseline:>10.2f}x"
        )
    print("\ntarget: the largest glossary costs at most 1.5x the smallest per word")


if __name__ == "__main__":
    main()
