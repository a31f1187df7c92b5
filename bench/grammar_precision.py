"""Sentence-level precision and recall of grammar flagging against human corrections (CWEB).

Run: python bench/grammar_precision.py ../shared/data/cweb-dev [--limit N]
A sentence is in error when either annotator changed it. A sentence counts as flagged by a checker
when it raises at least one flag on it. Prints precision, recall and F0.5 for Harper alone, the
house checks alone (every built-in flag rule, no glossary) and both, plus lint speed, with Harper's
spelling flags and the names layer's `name` notes (NM001: spelling flags on words that look like
names) as rows of their own; then each house check, and each Harper rule with ten or more flags.
The data is evaluation data kept outside the package: measure with it, never tune rules to it.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from cleanup.checkers.harper import HarperChecker
from cleanup.glossary.names import NAME_RULE
from cleanup.house import load_glossary
from cleanup.model import Document, Safety
from cleanup.pipeline import ALL_RULES, Settings, process


def load(folder: Path, limit: int | None) -> list[tuple[str, bool]]:
    """(sentence, whether a person corrected it) for every source sentence."""
    sentences = []
    for source_file in sorted(folder.glob("*.source")):
        sources = source_file.read_text(encoding="utf-8").splitlines()
        annotations = [source_file.with_suffix(s).read_text(encoding="utf-8").splitlines() for s in (".ann1", ".ann2")]
        sentences += [(s, any(a[i] != s for a in annotations)) for i, s in enumerate(sources)]
    return sentences[:limit] if limit else sentences


def scores(flagged: list[bool], wrong: list[bool]) -> str:
    true_positive = sum(f and w for f, w in zip(flagged, wrong, strict=True))
    precision = true_positive / max(sum(flagged), 1)
    recall = true_positive / max(sum(wrong), 1)
    f_half = 1.25 * precision * recall / (0.25 * precision + recall) if precision + recall else 0.0
    return f"{sum(flagged):>8,} {precision:>10.1%} {recall:>8.1%} {f_half:>6.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path, help="folder with CWEB-*.dev.source/.ann1/.ann2")
    parser.add_argument("--limit", type=int, help="only the first N sentences")
    args = parser.parse_args()
    sentences = load(args.data, args.limit)
    glossary = load_glossary([("none.yaml", "terms: []\n")])
    flag_rules = tuple(rule for rule in ALL_RULES if rule.safety is Safety.FLAG)
    harper = Settings(glossary, (), checker=HarperChecker())
    house = Settings(glossary, flag_rules)
    start = time.perf_counter()
    harper_rules = [{flag.rule for flag in process(Document(s), harper).flags} for s, _ in sentences]
    harper_seconds = time.perf_counter() - start
    harper_flags = [bool(rules) for rules in harper_rules]
    house_rules = [{flag.rule for flag in process(Document(s), house).flags} for s, _ in sentences]
    house_flags = [bool(rules) for rules in house_rules]
    wrong = [w for _, w in sentences]
    print(f"{len(sentences):,} sentences, {sum(wrong):,} corrected by a person ({sum(wrong) / len(sentences):.0%})")
    print(f"Harper: {len(sentences) / harper_seconds:,.0f} sentences/s\n")
    print(f"{'checker':<14} {'flagged':>8} {'precision':>10} {'recall':>8} {'F0.5':>6}")
    print(f"{'Harper':<14} {scores(harper_flags, wrong)}")
    print(f"{'  SpellCheck':<14} {scores(['HP:SpellCheck' in rules for rules in harper_rules], wrong)}")
    print(f"{'  names':<14} {scores([NAME_RULE in rules for rules in harper_rules], wrong)}")
    print(f"{'house checks':<14} {scores(house_flags, wrong)}")
    print(f"{'both':<14} {scores([a or b for a, b in zip(harper_flags, house_flags, strict=True)], wrong)}")
    print(f"{'(flag all)':<14} {scores([True] * len(wrong), wrong)}")
    print(f"\nHouse checks, each\n{'rule':<28} {'flagged':>8} {'precision':>10} {'recall':>8} {'F0.5':>6}")
    for rule in flag_rules:
        print(f"{rule.id:<28} {scores([rule.id in rules for rules in house_rules], wrong)}")
    print(
        f"\nHarper rules raising 10 or more flags (NM001: the names layer's notes)\n{'rule':<28} {'flagged':>8} {'precision':>10} {'recall':>8} {'F0.5':>6}"
    )
    counts = Counter(rule for rules in harper_rules for rule in rules)
    for rule, count in counts.most_common():
        if count >= 10:
            print(f"{rule:<28} {scores([rule in rules for rules in harper_rules], wrong)}")


if __name__ == "__main__":
    main()
