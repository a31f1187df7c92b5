"""How often a flagged doubled word ("the the", "had had") is one a person removes, on real web sentences.

Run: python bench/double_words.py ../shared/data/cweb-dev
Reads CWEB's line-aligned *.source / *.ann1 / *.ann2 files (evaluation data, not shipped) and finds every
word written twice in a row in the source sentences. A double counts as an error when an annotator's
correction has fewer of it than the source. Precision: the share of the doubles RW001 fixes or RW002 flags
that an annotator removed; recall: the share of removed doubles they find. The baseline flags every double
(what RW002 did before it judged word classes).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import regex

from cleanup.rules.base import Context
from cleanup.rules.repetition import RW001, RW002, doubled_words


def _count(double: str, text: str) -> int:
    """How many times the words of `double` stand in a row in `text` (any case, any spaces)."""
    first, second = double.split()
    pattern = rf"(?<![\w'’-]){regex.escape(first)}\s+{regex.escape(second)}(?![\w'’-])"
    return len(regex.findall(pattern, text, regex.IGNORECASE))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path, help="folder with CWEB-*.dev.source/.ann1/.ann2")
    parser.add_argument("--show", action="store_true", help="print every double with its verdicts")
    args = parser.parse_args()
    found: Counter[tuple[bool, bool]] = Counter()  # (flagged, removed by an annotator) -> doubles
    for source_file in sorted(args.data.glob("*.source")):
        sources = source_file.read_text(encoding="utf-8").splitlines()
        annotations = [source_file.with_suffix(s).read_text(encoding="utf-8").splitlines() for s in (".ann1", ".ann2")]
        for index, source in enumerate(sources):
            doubles = doubled_words(source)
            if not doubles:
                continue
            found_at = [f.start for rule in (RW001, RW002) for f in rule.findings(source, Context())]
            for match in doubles:
                double = match.group().lower()
                removed = any(_count(double, ann[index]) < _count(double, source) for ann in annotations)
                flagged = any(match.start() <= at < match.end() for at in found_at)
                found[flagged, removed] += 1
                if args.show:
                    print(
                        f"{'flag' if flagged else '    '} {'removed' if removed else '       '} {match.group()!r}: {source}"
                    )
    _report(found)


def _report(found: Counter[tuple[bool, bool]]) -> None:
    removed = found[True, True] + found[False, True]
    flagged = found[True, True] + found[True, False]
    total = sum(found.values())
    print(f"{total} doubled words in the source sentences, {removed} removed by an annotator")
    print(f"{'':<22} {'flagged':>8} {'precision':>10} {'recall':>7}")
    print(f"{'every double':<22} {total:>8} {_share(removed, total):>10.0%} {_share(removed, removed):>7.0%}")
    precision, recall = _share(found[True, True], flagged), _share(found[True, True], removed)
    print(f"{'RW001 + RW002':<22} {flagged:>8} {precision:>10.0%} {recall:>7.0%}")


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


if __name__ == "__main__":
    main()
