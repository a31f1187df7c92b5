"""How many `name` notes `cleanup fix` writes, and how many of them are real names, written whole.

Run: python bench/name_notes.py [--code DIR] [--hadith FOLDER [--not-names FILE]] [--show]
Runs the whole command (`python -m cleanup fix --no-cache`, PYTHONPATH=DIR; default: this project)
with this project's glossary on tests/data/new_articles/*.txt|md, whose names/NAME lists are the truth: a note
is a name when its text (apostrophes folded, no possessive) is a line of that list. With `--hadith
FOLDER` (the LK Hadith Corpus's Bukhari folder: ChapterN.csv), also on the English text of its first
500 hadiths in chapter order, one document per chapter, where every note is a name but those listed
in `--not-names` (one note text a line: run-together words, terms, English words; `--show` lists the
notes for judging). A real name is a name written whole: the text around the note goes on with no
part of it (no `bin`, `Abu` or `al-` before it, none after it, no ʿayn mark or hyphen joining it on).
The corpus is read where it lies and nothing of it is written into the project.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "data" / "new_articles"
HADITHS = 500
APOSTROPHES = str.maketrans({c: "'" for c in "’‘ʼʿʾ`"})
PARTICLES = r"(?:bin|ibn|bint|abu|abi|abd|abdul|abdur|abdel|umm|banu|bani)"
ARABIC_ARTICLES = r"(?:al|el|ad|an|ar|as|ash|at|az|ez|ul|ed)"
# What joins a name to more of it, just before or just after the note.
PART_BEFORE = re.compile(rf"(?:\b{PARTICLES}[ \t]+|\b{ARABIC_ARTICLES}[-‐‑]|[-‐‑'’ʿʾ`])\Z", re.IGNORECASE)
PART_AFTER = re.compile(
    rf"(?:[-‐‑'’ʿʾ`](?!s\b)\w|[ \t]+{PARTICLES}[ \t]+\W?[A-Z]|[ \t]+{ARABIC_ARTICLES}[-‐‑]\W?[A-Z])", re.IGNORECASE
)
LAST_PARTICLE = re.compile(rf"\b{PARTICLES}\Z", re.IGNORECASE)
Note = tuple[str, bool]  # a note's text, and whether the name is written whole there
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


def whole(text: str, start: int, end: int) -> bool:
    """Whether the name at [start, end) of `text` is all of it: nothing before or after joins it on."""
    before, after = text[max(0, start - 8) : start], text[end : end + 12]
    return not (PART_BEFORE.search(before) or PART_AFTER.match(after) or LAST_PARTICLE.search(text[start:end]))


def name_notes(documents: dict[str, str], code: Path) -> dict[str, list[Note]]:
    """Every `name` note `cleanup fix` writes on each document: its text, and whether the name is whole."""
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
            text = documents[name]
            notes[name] = [
                (flag["text"], whole(text, flag["start"], flag["end"]))
                for flag in log["flags"]
                if flag["category"] == "name"
            ]
        return notes


def row(label: str, words: int, notes: list[Note], is_name, show: bool) -> tuple[str, int]:
    """A table row (words, notes, notes per 1,000 words, the share that are real names written whole),
    and the number of those."""
    real = [is_name(fold(note)) and is_whole for note, is_whole in notes]
    if show:
        for (note, _), good in zip(notes, real, strict=True):
            why = "" if good else (" (not a name)" if not is_name(fold(note)) else " (not whole)")
            print(f"  {' ' if good else '✗'} {label}: {note}{why}", file=sys.stderr)
    per_thousand = 1000 * len(notes) / max(words, 1)
    share = f"{100 * sum(real) / max(len(notes), 1):.0f}% ({sum(real)})"
    return f"| {label} | {words:,} | {len(notes)} | {per_thousand:.1f} | {share} |", sum(real)


def read_list(lines: Iterable[str]) -> set[str]:
    return {fold(line.strip()) for line in lines if line.strip() and not line.startswith("#")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--code", type=Path, default=ROOT, help="a checkout of cleanup to measure (default: this one)")
    parser.add_argument("--hadith", type=Path, help="the LK Hadith Corpus's Bukhari folder (ChapterN.csv)")
    parser.add_argument("--not-names", type=Path, help="the notes on the hadiths that are no names, one a line")
    parser.add_argument("--show", action="store_true", help="list every note (✗: not a real name) on stderr")
    args = parser.parse_args()
    code = args.code.resolve()
    print(f"cleanup at {code}\n")
    print("| text | words | name notes | per 1,000 words | real names, whole |")
    print("| --- | ---: | ---: | ---: | ---: |")
    articles = {p.name: p.read_text(encoding="utf-8") for p in sorted((ARTICLES / "names").iterdir())}
    found = name_notes({name: (ARTICLES / name).read_text(encoding="utf-8") for name in articles}, code)
    all_notes: list[Note] = []
    all_words, all_real = 0, 0
    for name, names in articles.items():
        text, truth = (ARTICLES / name).read_text(encoding="utf-8"), read_list(names.splitlines())
        line, real = row(name, len(text.split()), found[name], truth.__contains__, args.show)
        print(line)
        all_notes += found[name]
        all_words += len(text.split())
        all_real += real
    share = f"{100 * all_real / max(len(all_notes), 1):.0f}% ({all_real})"
    print(f"| **articles** | {all_words:,} | {len(all_notes)} | {1000 * len(all_notes) / all_words:.1f} | {share} |")
    if args.hadith:
        documents = hadith_documents(args.hadith)
        not_names = read_list(args.not_names.read_text(encoding="utf-8").splitlines()) if args.not_names else set()
        words = sum(len(text.split()) for text in documents.values())
        notes = [note for found in name_notes(documents, code).values() for note in found]
        label = f"Bukhari, first {HADITHS} hadiths"
        print(row(label, words, notes, lambda note: note not in not_names, args.show)[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
