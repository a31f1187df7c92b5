"""Score `cleanup fix` on articles it was not built on, against hand-made gold editions.

Run: python bench/articles_eval.py [--code DIR] [--grammar harper|none]
Runs the whole command (`python -m cleanup fix`, with the glossary of the checkout in DIR; default:
this project) on tests/articles/*.txt|md and compares each corrected text with tests/articles/gold/:
differences are grouped into regions of the original; a region where the tool's text differs from the
gold's counts its tool changes as wrong and its gold edits as misses. Flags are counted, and
spelling flags whose text is a word of a name in tests/articles/names/ are "name flags"; the names
layer's `name` notes are counted apart. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "articles"
NEAR = 4  # characters between two edits that are compared as one region


@dataclass
class Score:
    words: int = 0
    changes: int = 0
    wrong: int = 0
    misses: int = 0
    flags: int = 0
    name_flags: int = 0
    name_notes: int = 0

    def add(self, other: Score) -> None:
        for field in self.__dataclass_fields__:
            setattr(self, field, getattr(self, field) + getattr(other, field))


def gold_edits(original: str, gold: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) in the original for every difference with the gold."""
    matcher = difflib.SequenceMatcher(None, original, gold, autojunk=False)
    return [(i1, i2, gold[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def regions(edits: list[tuple[int, int, str, str]]) -> list[list[tuple[int, int, str, str]]]:
    """Edits (start, end, replacement, who) grouped where they overlap or lie within a few characters
    (`the the` loses either word: the same text, aligned two ways)."""
    groups: list[list] = []
    for edit in sorted(edits, key=lambda e: (e[0], e[1])):
        if groups and edit[0] <= max(e[1] for e in groups[-1]) + NEAR:
            groups[-1].append(edit)
        else:
            groups.append([edit])
    return groups


def applied(original: str, start: int, end: int, edits: list[tuple[int, int, str, str]]) -> str:
    out, cursor = [], start
    for s, e, replacement, _ in sorted(edits, key=lambda e: (e[0], e[1])):
        out += [original[cursor:s], replacement]
        cursor = e
    return "".join(out) + original[cursor:end]


def score(original: str, gold: str, log: dict, names: set[str], show: bool = False) -> Score:
    tool = [(c["start"], c["end"], c["after"], "tool") for c in log["changes"]]
    wanted = [(s, e, r, "gold") for s, e, r in gold_edits(original, gold)]
    result = Score(words=len(original.split()), changes=len(tool), flags=len(log["flags"]))
    for group in regions(tool + wanted):
        start, end = min(e[0] for e in group), max(e[1] for e in group)
        mine = [e for e in group if e[3] == "tool"]
        theirs = [e for e in group if e[3] == "gold"]
        if applied(original, start, end, mine) != applied(original, start, end, theirs):
            result.wrong += len(mine)
            result.misses += len(theirs)
            if show:
                context = original[max(0, start - 25) : end + 25].replace("\n", "⏎")
                print(f"    {context!r}: tool {applied(original, start, end, mine)!r}, gold {applied(original, start, end, theirs)!r}")
    name_words = {word for name in names for word in name.replace("-", " ").split()}
    for flag in log["flags"]:
        if flag["category"] == "name":
            result.name_notes += 1
        elif flag["category"] in ("Spelling", "TYPOS") and (flag["text"] in name_words or flag["text"] in names):
            result.name_flags += 1
    return result


def run_fix(code: Path, articles: list[Path], out: Path, grammar: str) -> None:
    environment = {**os.environ, "PYTHONPATH": str(code), "XDG_CACHE_HOME": str(out / "cache")}
    command = [sys.executable, "-m", "cleanup", "fix", "-q", "--no-cache", "--grammar", grammar, "--out", str(out)]
    subprocess.run([*command, *map(str, articles)], cwd=code, env=environment, check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--code", type=Path, default=ROOT, help="a checkout of cleanup to score (default: this one)")
    parser.add_argument("--grammar", default="harper", choices=("harper", "none"))
    parser.add_argument("--show", action="store_true", help="print each region where the tool and the gold disagree")
    args = parser.parse_args()
    articles = sorted(p for p in ARTICLES.iterdir() if (ARTICLES / "gold" / p.name).is_file())
    total = Score()
    print("| article | words | changes | wrong | misses | flags | name flags | per 1,000 words | name notes |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        run_fix(args.code.resolve(), articles, out, args.grammar)
        for article in articles:
            log_file = out / f"{article.name}.changes.json"
            if not log_file.is_file():
                print(f"| {article.name} | failed: no change log written |")
                continue
            log = json.loads(log_file.read_text(encoding="utf-8"))
            names = set((ARTICLES / "names" / article.name).read_text(encoding="utf-8").splitlines())
            original = article.read_text(encoding="utf-8")
            found = score(original, (ARTICLES / "gold" / article.name).read_text(encoding="utf-8"), log, names, args.show)
            total.add(found)
            print(_row(article.name, found))
    print(_row("**all**", total))


def _row(name: str, s: Score) -> str:
    per_thousand = 1000 * s.name_flags / max(s.words, 1)
    return f"| {name} | {s.words} | {s.changes} | {s.wrong} | {s.misses} | {s.flags} | {s.name_flags} | {per_thousand:.1f} | {s.name_notes} |"


if __name__ == "__main__":
    main()
