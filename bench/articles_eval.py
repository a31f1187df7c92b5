"""Score `cleanup fix` on articles it was not built on, against hand-made gold editions.

Run: python bench/articles_eval.py [--code DIR] [--grammar harper|none] [--show]
Runs the whole command (`python -m cleanup fix --no-cache`, PYTHONPATH=DIR; default: this project)
with this project's glossary/*.yaml (or, if the checkout in DIR refuses that file, its own, and says
so) on tests/articles/*.txt|md. The gold's edits (difflib on characters against
tests/articles/gold/) and the tool's changes (its change log, checked to replay to the edition it
wrote) are grouped into regions; a region where the tool's text differs from the gold's counts its
tool changes as wrong and its gold edits as misses. Flags are counted; spelling flags whose text is a
word of a name in tests/articles/names/ are "name flags"; the names layer's `name` notes are counted
apart. Prints a Markdown table; an article that fails is a row saying why.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, fields
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "articles"
NEAR = 4  # characters between two edits that are compared as one region
APOSTROPHES = str.maketrans({c: "'" for c in "’‘ʼʿʾ`"})
TIMEOUT = 600  # seconds for one run of `cleanup fix`

Edit = tuple[int, int, str, str]  # start, end, replacement, who ("tool" or "gold")


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
        for field in fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))


@dataclass
class Disagreement:
    context: str
    tool: str
    gold: str


def gold_edits(original: str, gold: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) in the original for every difference with the gold."""
    matcher = difflib.SequenceMatcher(None, original, gold, autojunk=False)
    return [(i1, i2, gold[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def regions(edits: list[Edit]) -> list[list[Edit]]:
    """Edits grouped where they overlap or lie within a few characters
    (`the the` loses either word: the same text, aligned two ways)."""
    groups: list[list[Edit]] = []
    for edit in sorted(edits, key=lambda e: (e[0], e[1])):
        if groups and edit[0] <= max(e[1] for e in groups[-1]) + NEAR:
            groups[-1].append(edit)
        else:
            groups.append([edit])
    return groups


def word_span(text: str, start: int, end: int) -> tuple[int, int]:
    """start..end widened to the whole words it touches (for showing a region)."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def applied(original: str, start: int, end: int, edits: list[Edit]) -> str:
    """The text of original[start:end] with the given edits made."""
    out, cursor = [], start
    for s, e, replacement, _ in sorted(edits, key=lambda e: (e[0], e[1])):
        out += [original[cursor:s], replacement]
        cursor = e
    return "".join(out) + original[cursor:end]


def disagreement(original: str, start: int, end: int, mine: list[Edit], theirs: list[Edit]) -> Disagreement:
    """The region's words as the tool and the gold write them, in a little context."""
    context = original[max(0, start - 30) : end + 30].replace("\n", "⏎")
    return Disagreement(context, applied(original, start, end, mine), applied(original, start, end, theirs))


def name_words(names: set[str]) -> set[str]:
    """Every name and every word of a name, apostrophes folded, `al-`/hyphens split."""
    words = {fold(name) for name in names}
    for name in names:
        words.update(fold(word) for word in name.replace("-", " ").split())
    return words


def fold(word: str) -> str:
    """A flagged word as a name list writes it: one apostrophe form, no possessive."""
    word = word.translate(APOSTROPHES).strip("'")
    return word[:-2] if word.endswith("'s") else word


def score(original: str, gold: str, log: dict, names: set[str], disagreements: list | None = None) -> Score:
    """Changes, wrong changes, misses, flags and name flags of one article's change log."""
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
            if disagreements is not None:
                disagreements.append(disagreement(original, *word_span(original, start, end), mine, theirs))
    known = name_words(names)
    for flag in log["flags"]:
        if flag["category"] == "name":
            result.name_notes += 1
        elif flag["category"] in ("Spelling", "TYPOS") and fold(flag["text"]) in known:
            result.name_flags += 1
    return result


def run_fix(
    code: Path, articles: list[Path], out: Path, grammar: str, glossary: list[Path]
) -> subprocess.CompletedProcess:
    """`python -m cleanup fix` of the checkout in `code` (its folder first on the path), as a user runs it."""
    environment = {**os.environ, "PYTHONPATH": str(code), "XDG_CACHE_HOME": str(out / ".cache"), "NO_COLOR": "1"}
    command = [sys.executable, "-m", "cleanup", "fix", "-q", "--no-cache", "--grammar", grammar, "--out", str(out)]
    command += [f"--glossary={path}" for path in glossary]
    try:
        return subprocess.run(
            [*command, *map(str, articles)], cwd=code, env=environment, capture_output=True, text=True, timeout=TIMEOUT
        )
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(command, 124, "", f"timed out after {TIMEOUT} s")


def choose_glossary(code: Path, probe: Path, out: Path) -> tuple[list[Path], str]:
    """This project's glossary if the checkout accepts it, else the checkout's own (with a note)."""
    ours = sorted((ROOT / "glossary").glob("*.yaml"))
    trial = run_fix(code, [probe], out / ".probe", "none", ours)
    if trial.returncode == 0 or not any(str(path) in trial.stderr for path in ours):
        return ours, ""
    first = trial.stderr.strip().splitlines()[0]
    return sorted(
        (code / "glossary").glob("*.yaml")
    ), f"the checkout refuses this project's glossary ({first}); its own glossary/*.yaml used"


def evaluate(article: Path, out: Path, errors: dict[str, str], disagreements: list) -> Score | str:
    """The article's score, or why it could not be scored."""
    log_file = out / f"{article.name}.changes.json"
    if not log_file.is_file():
        return "failed: " + errors.get(article.name, "no change log written")
    try:
        log = json.loads(log_file.read_text(encoding="utf-8"))
        original, gold = read(article), read(ARTICLES / "gold" / article.name)
        names_file = ARTICLES / "names" / article.name
        names = set(names_file.read_text(encoding="utf-8").splitlines()) if names_file.is_file() else set()
        misplaced = [c for c in log["changes"] if original[c["start"] : c["end"]] != c["before"]]
        if misplaced:
            return f"failed: change log offsets do not match the article ({len(misplaced)} changes)"
        edition = read(out / article.name)
        if (
            applied(original, 0, len(original), [(c["start"], c["end"], c["after"], "tool") for c in log["changes"]])
            != edition
        ):
            return "failed: the change log does not replay to the edition written"
        return score(original, gold, log, names, disagreements)
    except (OSError, ValueError, KeyError, TypeError) as error:
        return f"failed: {type(error).__name__}: {error}"


def read(path: Path) -> str:
    """A text as the change log's offsets index it: line endings as written."""
    with path.open(encoding="utf-8", newline="") as file:
        return file.read()


def failures(code: Path, articles: list[Path], out: Path, grammar: str, glossary: list[Path]) -> dict[str, str]:
    """For each article that wrote no change log, run it alone and keep the last line of its errors."""
    reasons = {}
    for article in articles:
        if not (out / f"{article.name}.changes.json").is_file():
            alone = run_fix(code, [article], out, grammar, glossary)
            lines = (alone.stderr or alone.stdout).strip().splitlines()
            reasons[article.name] = f"exit {alone.returncode}: {lines[-1] if lines else 'no message'}"
    return reasons


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--code", type=Path, default=ROOT, help="a checkout of cleanup to score (default: this one)")
    parser.add_argument("--grammar", default="harper", choices=("harper", "none"))
    parser.add_argument("--show", action="store_true", help="list each region where the tool and the gold disagree")
    args = parser.parse_args()
    code = args.code.resolve()
    if not (code / "cleanup" / "__init__.py").is_file():
        parser.error(f"{code} is not a checkout of cleanup (no cleanup/__init__.py)")
    articles = sorted(
        p for p in ARTICLES.iterdir() if p.suffix in (".txt", ".md") and (ARTICLES / "gold" / p.name).is_file()
    )
    total, failed, shown = Score(), 0, {}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        glossary, note = choose_glossary(code, articles[0], out)
        run_fix(code, articles, out, args.grammar, glossary)
        errors = failures(code, articles, out, args.grammar, glossary)
        print(f"cleanup at {code}, grammar {args.grammar}" + (f"; {note}" if note else "") + "\n")
        print("| article | words | changes | wrong | misses | flags | name flags | per 1,000 words | name notes |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for article in articles:
            shown[article.name] = []
            found = evaluate(article, out, errors, shown[article.name])
            if isinstance(found, str):
                failed += 1
                print(f"| {article.name} | {found} ||||||||")
                continue
            total.add(found)
            print(_row(article.name, found))
    print(_row("**all**", total))
    if args.show:
        for name, disagreements in shown.items():
            for d in disagreements:
                print(f"- {name}: `{d.context}`: tool {d.tool!r}, gold {d.gold!r}")
    return 1 if failed else 0


def _row(name: str, s: Score) -> str:
    per_thousand = 1000 * s.name_flags / max(s.words, 1)
    return f"| {name} | {s.words} | {s.changes} | {s.wrong} | {s.misses} | {s.flags} | {s.name_flags} | {per_thousand:.1f} | {s.name_notes} |"


if __name__ == "__main__":
    sys.exit(main())
