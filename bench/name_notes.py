"""How many `name` notes `cleanup fix` writes, and how many of them are real names, written whole.

Run: python bench/name_notes.py [--code DIR] [--hadith FOLDER [--hadith-names FILE]] [--show]
Runs the whole command (`python -m cleanup fix --no-cache`, PYTHONPATH=DIR; default: this project)
with this project's glossary on tests/articles/*.txt|md, whose names/NAME lists are the truth: a note
is a real name when its text (apostrophes folded, no possessive) is a whole line of that list. With
`--hadith FOLDER` (the LK Hadith Corpus's Bukhari folder: ChapterN.csv), also on the English text of
its first 500 hadiths in chapter order, one document per chapter, judged against `--hadith-names`
(one real name a line; without it the notes are only counted, and `--show` lists them for judging).
The corpus is read where it lies and nothing of it is written into the project.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "articles"
HADITHS = 500
APOSTROPHES = str.maketrans({c: "'" for c in "’‘ʼʿʾ`"})
TIMEOUT = 900  # seconds for one run of `cleanup fix`


def fold(name: str) -> str:
    """A name as the truth lists write it: one apostrophe form, no possessive."""
    name = name.translate(APOSTROPHES)
    return name[:-2] if name.endswith("'s") else name


def hadith_documents(folder: Path, count: int = HADITHS) -> dict[str, str]:
    """The English text of the first `count` hadiths, chapter by chapter: one document per chapter."""
    documents: dict[str, str] = {}
    left, chapter = count, 1
    while left > 0 and (folder / f"Chapter{chapter}.csv").is_file():
        with (folder / f"Chapter{chapter}.csv").open(encoding="utf-8", newline="") as file:
            texts = [row["English_Hadith"].strip() for row in csv.DictReader(file)][:left]
        documents[f"chapter{chapter:03}.txt"] = "\n\n".join(texts) + "\n"
        left -= len(texts)
        chapter += 1
    return documents


def name_notes(documents: dict[str, str], code: Path) -> dict[str, list[str]]:
    """The text of every `name` note `cleanup fix` writes on each document."""
    with tempfile.TemporaryDirectory() as folder:
        seeds, out = Path(folder) / "in", Path(folder) / "out"
        seeds.mkdir()
        for name, text in documents.items():
            (seeds / name).write_text(text, encoding="utf-8")
        glossary = [f"--glossary={path}" for path in sorted((ROOT / "glossary").glob("*.yaml"))]
        command = [sys.executable, "-m", "cleanup", "fix", "-q", "--no-cache", "--out", str(out), *glossary]
        environment = {**os.environ, "PYTHONPATH": str(code), "XDG_CACHE_HOME": str(Path(folder) / "cache")}
        run = subprocess.run(
            [*command, *map(str, sorted(seeds.iterdir()))],
            cwd=code,
            env=environment,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        if run.returncode not in (0, 1):
            raise SystemExit(f"cleanup fix failed ({run.returncode}): {run.stderr.strip()[-500:]}")
        notes = {}
        for name in documents:
            log = json.loads((out / f"{name}.changes.json").read_text(encoding="utf-8"))
            notes[name] = [flag["text"] for flag in log["flags"] if flag["category"] == "name"]
        return notes


def row(label: str, words: int, notes: list[str], truth: set[str] | None, show: bool) -> str:
    """A table row: words, notes, notes per 1,000 words, and the share that are real names."""
    per_thousand = 1000 * len(notes) / max(words, 1)
    real = "—"
    if truth is not None:
        hits = sum(fold(note) in truth for note in notes)
        real = f"{100 * hits / max(len(notes), 1):.0f}% ({hits})"
    if show:
        for note in notes:
            mark = "" if truth is None else (" " if fold(note) in truth else "✗")
            print(f"  {mark} {label}: {note}", file=sys.stderr)
    return f"| {label} | {words:,} | {len(notes)} | {per_thousand:.1f} | {real} |"


def read_truth(lines: Iterable[str]) -> set[str]:
    return {fold(line.strip()) for line in lines if line.strip() and not line.startswith("#")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--code", type=Path, default=ROOT, help="a checkout of cleanup to measure (default: this one)")
    parser.add_argument("--hadith", type=Path, help="the LK Hadith Corpus's Bukhari folder (ChapterN.csv)")
    parser.add_argument("--hadith-names", type=Path, help="the real names among its notes, one a line")
    parser.add_argument("--show", action="store_true", help="list every note (✗: not a real name) on stderr")
    args = parser.parse_args()
    code = args.code.resolve()
    print(f"cleanup at {code}\n")
    print("| text | words | name notes | per 1,000 words | real names |")
    print("| --- | ---: | ---: | ---: | ---: |")
    articles = {p.name: p.read_text(encoding="utf-8") for p in sorted((ARTICLES / "names").iterdir())}
    found = name_notes({name: (ARTICLES / name).read_text(encoding="utf-8") for name in articles}, code)
    all_notes: list[str] = []
    all_words, all_hits = 0, 0
    for name, names in articles.items():
        text, notes, truth = (ARTICLES / name).read_text(encoding="utf-8"), found[name], read_truth(names.splitlines())
        print(row(name, len(text.split()), notes, truth, args.show))
        all_notes += notes
        all_words += len(text.split())
        all_hits += sum(fold(note) in truth for note in notes)
    share = f"{100 * all_hits / max(len(all_notes), 1):.0f}% ({all_hits})"
    print(f"| **articles** | {all_words:,} | {len(all_notes)} | {1000 * len(all_notes) / all_words:.1f} | {share} |")
    if args.hadith:
        documents = hadith_documents(args.hadith)
        truth = read_truth(args.hadith_names.read_text(encoding="utf-8").splitlines()) if args.hadith_names else None
        words = sum(len(text.split()) for text in documents.values())
        notes = [note for found in name_notes(documents, code).values() for note in found]
        print(row(f"Bukhari, first {HADITHS} hadiths", words, notes, truth, args.show))
    return 0


if __name__ == "__main__":
    sys.exit(main())
