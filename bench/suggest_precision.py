"""Precision and recall of `cleanup glossary suggest` on real romanization variants of Arabic names.

Run: python bench/suggest_precision.py ../shared/data/name-variants-dev/arabic-name-variants.tsv [--pairs 500]
Each test document holds two names: two spellings of one name from the list (a true pair: the two
most frequent distinct spellings of a row) or the most frequent spellings of two different names
(a false pair; half of them chosen as the most similar-looking of a random sample, to be hard).
A pair counts as proposed when one suggestion holds both forms; `al-X` and `Al-X` are one spelling
(suggest writes a form's article one way; its capital is the house rules' business). The list is
noisy (some rows mix names); the held-out half is used elsewhere, so nothing here is tuned to
single names.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from cleanup.checkers.harper import english_word_test
from cleanup.upkeep.name_variants import spelling_similarity, suggest

TEMPLATE = "In a statement, {a} said the talks would continue. Officials close to {b} confirmed the meeting.\n"


def load_rows(path: Path) -> list[list[str]]:
    """The distinct spellings of each name (case differences merged), most frequent first."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        spellings, seen = [], set()
        for item in parts[2].split(" | "):
            text, _, count = item.rpartition(":")
            if text and text[0].isupper() and text.lower() not in seen and int(count) >= 2:
                spellings.append(text)
                seen.add(text.lower())
        rows.append(spellings)
    return rows


def spelling(form: str) -> str:
    """A form with its article's capital dropped: `Al-Qarni` at a sentence start is `al-Qarni`."""
    return form[0].lower() + form[1:] if form[:3] in ("Al-", "El-") else form


def proposed(a: str, b: str, is_english_word) -> bool:
    found = suggest([("doc", TEMPLATE.format(a=a, b=b))], is_english_word=is_english_word)
    return any({spelling(a), spelling(b)} <= {spelling(f.text) for f in s.forms} for s in found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path)
    parser.add_argument("--pairs", type=int, default=500, help="true and false pairs each")
    args = parser.parse_args()
    rng = random.Random(5)
    rows = [r for r in load_rows(args.data) if r]
    with_variants = [r for r in rows if len(r) >= 2]
    true_pairs = [(r[0], r[1]) for r in rng.sample(with_variants, min(args.pairs, len(with_variants)))]
    false_pairs = []
    for index in range(args.pairs):
        first, *others = rng.sample(rows, 51)
        if index % 2:
            second = max(others, key=lambda r: spelling_similarity(first[0], r[0]))  # a look-alike name
        else:
            second = others[0]
        if first[0].lower() != second[0].lower():
            false_pairs.append((first[0], second[0]))
    english = english_word_test()
    found_true = sum(proposed(a, b, english) for a, b in true_pairs)
    found_false = [(a, b) for a, b in false_pairs if proposed(a, b, english)]
    precision = found_true / max(found_true + len(found_false), 1)
    recall = found_true / max(len(true_pairs), 1)
    print(f"true pairs: {len(true_pairs)}, false pairs: {len(false_pairs)}")
    print(f"proposed: {found_true} true, {len(found_false)} false")
    print(f"precision {precision:.1%}, recall {recall:.1%}")
    print("false pairs proposed (first 10):", ", ".join(f"{a}/{b}" for a, b in found_false[:10]))


if __name__ == "__main__":
    main()
