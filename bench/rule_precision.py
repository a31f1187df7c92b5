"""How often the safe house-style fixes agree with human correctors, on sentences from real websites.

Run: python bench/rule_precision.py ../shared/data/cweb-dev
Reads CWEB's line-aligned *.source / *.ann1 / *.ann2 files (evaluation data, not shipped), applies
the built-in rules (no glossary) to every source sentence, and counts, per rule, the changes that
bring the sentence closer to at least one annotator's correction against those that do not.
A change no annotator made is not always wrong (annotators miss things), so "agreed" is a floor
on precision; read the disagreements it prints before changing a rule.
"""

from __future__ import annotations

import argparse
import difflib
from collections import Counter
from pathlib import Path

from cleanup.house import load_glossary
from cleanup.model import Document
from cleanup.pipeline import Settings, process


def distance(a: str, b: str) -> int:
    """Characters to change to turn `a` into `b` (from difflib's alignment; close to edit distance)."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")


def agrees(source: str, change_alone: str, annotations: list[str]) -> bool:
    """Whether the change on its own brings the sentence closer to at least one human correction."""
    return any(distance(change_alone, ann) < distance(source, ann) for ann in annotations)


def changes_alone(outcome):
    """Each change as (rule, the source with only that change applied)."""
    source = outcome.original.text
    for change in outcome.changes:
        after = outcome.corrected[change.new_start : change.new_end]
        yield change.rule, source[: change.start] + after + source[change.end :]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path, help="folder with CWEB-*.dev.source/.ann1/.ann2")
    parser.add_argument("--show", type=int, default=5, help="disagreements to print per rule")
    args = parser.parse_args()
    settings = Settings(load_glossary([("none.yaml", "terms: []\n")]))
    agreed: Counter[str] = Counter()
    disagreed: Counter[str] = Counter()
    shown: dict[str, list[str]] = {}
    flagged: Counter[str] = Counter()
    flagged_changed: Counter[str] = Counter()
    sentences = corrected = 0
    for source_file in sorted(args.data.glob("*.source")):
        sources = source_file.read_text(encoding="utf-8").splitlines()
        annotations = [source_file.with_suffix(s).read_text(encoding="utf-8").splitlines() for s in (".ann1", ".ann2")]
        for index, source in enumerate(sources):
            sentences += 1
            outcome = process(Document(source), settings)
            humans = [ann[index] for ann in annotations]
            corrected += any(human != source for human in humans)
            for rule in {flag.rule for flag in outcome.flags}:
                flagged[rule] += 1
                flagged_changed[rule] += any(human != source for human in humans)
            for rule, alone in changes_alone(outcome):
                if agrees(source, alone, humans):
                    agreed[rule] += 1
                else:
                    disagreed[rule] += 1
                    shown.setdefault(rule, []).append(f"    {source!r}\n ->  {alone!r}")
    print(f"{sentences:,} sentences\n{'rule':<12} {'agreed':>7} {'not made by annotators':>23} {'agreement':>10}")
    for rule in sorted(set(agreed) | set(disagreed)):
        total = agreed[rule] + disagreed[rule]
        print(f"{rule:<12} {agreed[rule]:>7} {disagreed[rule]:>23} {agreed[rule] / total:>9.0%}")
    print(
        f"\n{'flag':<12} {'sentences':>9} {'corrected by a person':>22}   (all sentences: {corrected / sentences:.0%})"
    )
    for rule in sorted(flagged):
        print(f"{rule:<12} {flagged[rule]:>9} {flagged_changed[rule] / flagged[rule]:>21.0%}")
    for rule, lines in sorted(shown.items()) if args.show else ():
        print(f"\n{rule}: changes no annotator made (first {args.show})")
        print("\n".join(lines[: args.show]))


if __name__ == "__main__":
    main()
