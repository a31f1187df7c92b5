"""Score `cleanup fix` on text it was not built on, in one Markdown table: the development and held-back
articles against hand-made gold editions, and two public corpora without gold (NTREX news, Sahih al-Bukhari).

Run: python bench/articles_eval.py [--before DIR] [--code DIR] [--grammar harper|none] [--sets dev,held,ntrex,hadith]
                                  [--ntrex FOLDER] [--hadith FOLDER] [--show]
Runs the whole command (`python -m cleanup fix --no-cache`, PYTHONPATH=DIR; default: this project) with
this project's glossary/*.yaml (or, if the checkout in DIR refuses that file, its own, and says so), one
run per corpus.

- dev: the articles in tests/data/new_articles and tests/data/new_articles/dev2; held: those in tests/data/new_articles/held*. An
  article is a file with gold/NAME and names/NAME beside it, and maybe problems/NAME (one real problem of
  the original a line: a snippet occurring exactly once, a tab, a note). The gold's edits (difflib on
  characters) and the tool's changes (its change log, checked to replay to the edition it wrote) are
  grouped into regions; where the tool's text differs from the gold's, its changes count as wrong
  (`GL:` glossary changes apart from the other rules', shown per 100 glossary changes and per 200 rule
  changes) and the gold's edits as misses. A flag other than a `name` note is useful when it overlaps
  a problem's snippet, noise otherwise; spelling flags on a word of a listed name are "name flags"; a
  `name` note on listed names is a real name. Misses, flags and name notes are also per 1,000 words.
- ntrex: English lines 401-1,997 of NTREX-128 (`--ntrex`: a folder holding
  NTREX-128/newstest2019-ref.eng-US.txt), ten lines (paragraphs) an article.
- hadith: the first 500 hadiths of Sahih al-Bukhari in the LK-Hadith-Corpus (`--hadith`: a folder holding
  Bukhari/Chapter*.csv; never copied into the project), by chapter number then row, 50 an article.
  The corpora have no gold: each has a fixed sample of 40 flags (ranked by a seeded hash of the flag's
  label key, so the same flags give the same sample) looked up in bench/labels/ntrex.tsv and hadith.tsv.
  A label line is RULE, TEXT, CONTEXT (30 characters either side, newlines as ⏎), useful|noise and an
  optional note, tab-separated; `--show` prints the sample as such lines, `?` for a flag not labelled yet
  (redirect it to a file, keep the tabs, and paste those lines into the labels file judged).

`--show` also lists the regions where tool and gold disagree, the noise flags of articles with a
problems file, name notes on no listed name, and every change made on the corpora (no gold: a person
judges each). A failed article or corpus is a row saying why.
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
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "data" / "new_articles"
LABELS = ROOT / "bench" / "labels"
SETS = ("dev", "held", "ntrex", "hadith")
TIMEOUT = 600  # seconds for one run of `cleanup fix`
NTREX_FILE = Path("NTREX-128") / "newstest2019-ref.eng-US.txt"
NTREX_FIRST, NTREX_LAST, NTREX_PER_ARTICLE = 401, 1997, 10  # lines, 1-based and inclusive
HADITHS, HADITHS_PER_ARTICLE = 500, 50

sys.path.insert(0, str(ROOT))
from tests.articlescore import (  # noqa: E402  (the scoring rules, which tests/product/test_new_articles.py holds the tool to)
    Score,
    applied,
    batches,
    context,
    counts,
    gold_edits,
    is_judged,
    is_listed,
    is_name_note,
    judged_flags,
    label_key,
    name_words,
    one_line,
    problem_spans,
    read_labels,
    sample,
    score,
)


@dataclass
class Article:
    path: Path
    label: str  # its path under tests/data/new_articles

    @property
    def folder(self) -> Path:
        return self.path.parent


def run_fix(
    code: Path, texts: list[Path], out: Path, grammar: str, glossary: list[Path]
) -> subprocess.CompletedProcess:
    """`python -m cleanup fix` of the checkout in `code` (its folder first on the path), as a user runs it."""
    environment = {**os.environ, "PYTHONPATH": str(code), "XDG_CACHE_HOME": str(out / ".cache"), "NO_COLOR": "1"}
    command = [sys.executable, "-m", "cleanup", "fix", "-q", "--no-cache", "--grammar", grammar, "--out", str(out)]
    command += [f"--glossary={path}" for path in glossary]
    try:
        return subprocess.run(
            [*command, *map(str, texts)], cwd=code, env=environment, capture_output=True, text=True, timeout=TIMEOUT
        )
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(command, 124, "", f"timed out after {TIMEOUT} s")


def choose_glossary(code: Path, out: Path) -> tuple[list[Path], str]:
    """This project's glossary if the checkout accepts it, else the checkout's own (with a note)."""
    ours = sorted((ROOT / "glossary").glob("*.yaml"))
    probe = out / ".probe" / "probe.txt"
    probe.parent.mkdir(parents=True)
    probe.write_text("The fighters of ISIL withdrew from the town.\n", encoding="utf-8")
    trial = run_fix(code, [probe], out / ".probe" / "out", "none", ours)
    if trial.returncode == 0 or not any(str(path) in trial.stderr for path in ours):
        return ours, ""
    first = trial.stderr.strip().splitlines()[0]
    return sorted(
        (code / "glossary").glob("*.yaml")
    ), f"the checkout refuses this project's glossary ({first}); its own glossary/*.yaml used"


def articles(which: str) -> list[Article]:
    """The files of a set that have a gold edition: dev (tests/data/new_articles and dev2/) or held (held/, held2/:
    each written unseen and measured once, at the end of the work it judges)."""
    folders = [ARTICLES, ARTICLES / "dev2"] if which == "dev" else sorted(ARTICLES.glob("held*"))
    found = []
    for folder in folders:
        if folder.is_dir():
            found += sorted(p for p in folder.iterdir() if p.is_file() and (folder / "gold" / p.name).is_file())
    return [Article(p, p.relative_to(ARTICLES).as_posix()) for p in found]


def read(path: Path) -> str:
    """A text as the change log's offsets index it: line endings as written."""
    with path.open(encoding="utf-8", newline="") as file:
        return file.read()


def change_log(original: str, out: Path, name: str) -> dict | str:
    """The change log written for `name`, checked against the original and the edition; or why it is unusable."""
    log_file = out / f"{name}.changes.json"
    if not log_file.is_file():
        return "no change log written"
    log = json.loads(log_file.read_text(encoding="utf-8"))
    misplaced = [c for c in log["changes"] if original[c["start"] : c["end"]] != c["before"]]
    if misplaced:
        return f"change log offsets do not match the text ({len(misplaced)} changes)"
    replayed = applied(original, 0, len(original), [(c["start"], c["end"], c["after"], "") for c in log["changes"]])
    if replayed != read(out / name):
        return "the change log does not replay to the edition written"
    return log


def evaluate(article: Article, out: Path, errors: dict[Path, str], shown: list[str]) -> Score | str:
    """The article's score, or why it could not be scored; its disagreements and noise flags go to `shown`."""
    try:
        original = read(article.path)
        log = change_log(original, out, article.path.name)
        if isinstance(log, str):
            return "failed: " + errors.get(article.path, log)
        gold = read(article.folder / "gold" / article.path.name)
        names_file, problems_file = (article.folder / kind / article.path.name for kind in ("names", "problems"))
        names = set(names_file.read_text(encoding="utf-8").splitlines()) if names_file.is_file() else None
        disagreements: list[str] = []
        result = score(original, gold, log, names, disagreements)
        shown += [f"- {article.label}: {d}" for d in disagreements]
        if names is not None:
            known = name_words(names)
            shown += [
                f"- {article.label}: name note on no listed name {flag_line(original, f)}"
                for f in log["flags"]
                if is_name_note(f) and not is_listed(f["text"], known)
            ]
        if problems_file.is_file():
            noise: list[dict] = []
            spans = problem_spans(original, problems_file.read_text(encoding="utf-8").splitlines())
            spans += [(start, max(end, start + 1)) for start, end, _ in gold_edits(original, gold)]
            result.add(judged_flags(log["flags"], spans, noise))
            shown += [f"- {article.label}: noise {flag_line(original, f)}" for f in noise]
        return result
    except (OSError, ValueError, KeyError, TypeError) as error:
        return f"failed: {type(error).__name__}: {error}"


def flag_line(original: str, flag: dict) -> str:
    return f"{flag.get('rule', '')} `{one_line(flag['text'])}` in `{context(original, flag['start'], flag['end'])}`"


def failures(code: Path, runs: list[tuple[list[Path], Path]], grammar: str, glossary: list[Path]) -> dict[Path, str]:
    """For each text that wrote no change log, run it alone and keep the last line of its errors."""
    reasons = {}
    for texts, out in runs:
        for text in texts:
            if not (out / f"{text.name}.changes.json").is_file():
                alone = run_fix(code, [text], out, grammar, glossary)
                lines = (alone.stderr or alone.stdout).strip().splitlines()
                reasons[text] = f"exit {alone.returncode}: {lines[-1] if lines else 'no message'}"
    return reasons


def ntrex_texts(folder: Path) -> dict[str, str]:
    """NTREX English lines 401-1,997, ten lines an article, laid out as the file is: one sentence a line (a
    quotation may run over lines; blank lines would make each sentence a paragraph of its own)."""
    lines = (folder / NTREX_FILE).read_text(encoding="utf-8").splitlines()[NTREX_FIRST - 1 : NTREX_LAST]
    step = NTREX_PER_ARTICLE
    return {
        f"ntrex-{NTREX_FIRST + i:04d}.txt": "\n".join(lines[i : i + step]) + "\n" for i in range(0, len(lines), step)
    }


def hadith_texts(folder: Path) -> dict[str, str]:
    """The first 500 hadiths of Sahih al-Bukhari (English), by chapter number then row, 50 an article."""
    chapters = sorted((folder / "Bukhari").glob("Chapter*.csv"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 0))
    hadiths: list[str] = []
    for chapter in chapters:
        if len(hadiths) >= HADITHS:
            break
        with chapter.open(encoding="utf-8", newline="") as file:
            hadiths += [row["English_Hadith"].strip() for row in csv.DictReader(file)]
    if len(hadiths) < HADITHS:
        raise ValueError(f"{len(hadiths)} hadiths in {folder / 'Bukhari' / 'Chapter*.csv'}, not {HADITHS}")
    hadiths, step = hadiths[:HADITHS], HADITHS_PER_ARTICLE
    return {f"bukhari-{i + 1:03d}.txt": "\n\n".join(hadiths[i : i + step]) + "\n" for i in range(0, len(hadiths), step)}


def corpus_score(texts: dict[str, str], out: Path, labels: Path, changes: list[str], lines: list[str]) -> Score | str:
    """A corpus's counts and its labelled sample; its changes and the sample's label lines go to the lists."""
    try:
        known = read_labels(labels)
        total, keys = Score(), set()
        for name, original in texts.items():
            log = change_log(original, out, name)
            if isinstance(log, str):
                return f"failed: {name}: {log}"
            total.add(counts(original, log))
            changes += [
                f"- {name}: {c.get('rule', '')} {c['before']!r} → {c['after']!r} in `{context(original, c['start'], c['end'])}`"
                for c in log["changes"]
            ]
            keys.update(label_key(original, f) for f in log["flags"] if is_judged(f))
        for key in sample(keys):
            verdict = known.get(key)
            total.useful += verdict == "useful"
            total.noise += verdict == "noise"
            total.unlabelled += verdict is None
            lines.append(f"{key}\t{verdict or '?'}")
        return total
    except (OSError, ValueError, KeyError, TypeError) as error:
        return f"failed: {type(error).__name__}: {error}"


COLUMNS = (
    "words",
    "changes",
    "wrong",
    "glossary changes",
    "glossary wrong",
    "per 100 glossary changes",
    "rules wrong",
    "per 200 rule changes",
    "misses",
    "per 1,000 words",
    "flags",
    "name flags",
    "per 1,000 words",
    "suggestions",
    "flags (not name notes) per 1,000 words",
    "useful %",
    "name notes",
    "per 1,000 words",
    "% real names",
)


def row(name: str, s: Score) -> str:
    """One line of the table; columns a text cannot have (no gold, no names list) are `—`."""
    graded, listed = s.graded > 0, s.listed > 0
    cells = [
        s.words,
        s.changes,
        s.wrong if graded else "—",
        s.glossary_changes,
        s.glossary_wrong if graded else "—",
        rate(s.glossary_wrong, s.glossary_changes, 100) if graded else "—",
        s.rules_wrong if graded else "—",
        rate(s.rules_wrong, s.changes - s.glossary_changes, 200) if graded else "—",
        s.misses if graded else "—",
        rate(s.misses, s.words, 1000) if graded else "—",
        s.flags,
        s.name_flags if listed else "—",
        rate(s.name_flags, s.words, 1000) if listed else "—",
        s.suggestions,
        rate(s.flags - s.name_notes - s.suggestions, s.words, 1000),
        usefulness(s),
        s.name_notes,
        rate(s.name_notes, s.words, 1000),
        f"{rate(s.real_names, s.listed_notes, 100)}" if listed else "—",
    ]
    return f"| {name} | " + " | ".join(map(str, cells)) + " |"


def rate(count: int, of: int, per: int) -> str:
    return f"{per * count / of:.1f}" if of else "—"


def usefulness(s: Score) -> str:
    judged = s.useful + s.noise
    if not judged and not s.unlabelled:
        return "—"
    shown = f"{100 * s.useful / judged:.0f}% ({s.useful}/{judged})" if judged else "—"
    return shown + (f", {s.unlabelled} unlabelled" if s.unlabelled else "")


def message_row(name: str, message: str) -> str:
    return f"| {name} | {message} |" + "|" * (len(COLUMNS) - 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--code", type=Path, default=ROOT, help="a checkout of cleanup to score (default: this one)")
    parser.add_argument(
        "--before", type=Path, help="another checkout (an older commit) whose totals are shown beside this one's"
    )
    parser.add_argument("--grammar", default="harper", choices=("harper", "none"))
    parser.add_argument("--sets", default=",".join(SETS), help="rows to measure, of " + ",".join(SETS))
    parser.add_argument("--ntrex", type=Path, help="a folder holding " + str(NTREX_FILE))
    parser.add_argument("--hadith", type=Path, help="a folder holding Bukhari/Chapter*.csv (LK-Hadith-Corpus)")
    parser.add_argument(
        "--show", action="store_true", help="list disagreements, noise flags, corpus changes, unlabelled flags"
    )
    args = parser.parse_args()
    code = args.code.resolve()
    if not (code / "cleanup" / "__init__.py").is_file():
        parser.error(f"{code} is not a checkout of cleanup (no cleanup/__init__.py)")
    sets = args.sets.split(",")
    if unknown := set(sets) - set(SETS):
        parser.error(f"unknown sets {', '.join(sorted(unknown))}; choose from {','.join(SETS)}")
    corpora = {"ntrex": args.ntrex, "hadith": args.hadith}
    if args.before is None:
        return measure(code, args.grammar, sets, corpora, args.show)
    before = args.before.resolve()
    if not (before / "cleanup" / "__init__.py").is_file():
        parser.error(f"{before} is not a checkout of cleanup (no cleanup/__init__.py)")
    return compare(before, code, args.grammar, sets, corpora, args.show)


TITLES = {"ntrex": "**NTREX** lines 401–1,997", "hadith": "**Bukhari** hadiths 1–500"}


@dataclass
class Table:
    rows: list[str] = field(default_factory=list)
    shown: list[str] = field(default_factory=list)  # printed under the table with --show
    failed: int = 0


def measure(code: Path, grammar: str, sets: list[str], corpora: dict[str, Path | None], show: bool) -> int:
    """Run the chosen sets, one `cleanup fix` a corpus side by side, and print the table; 1 if a row failed."""
    table, note = collect(code, grammar, sets, corpora)
    print_table(f"cleanup at {code}, grammar {grammar}" + (f"; {note}" if note else ""), table.rows)
    if show and table.shown:
        print("\n" + "\n".join(table.shown))
    return 1 if table.failed else 0


def compare(
    before: Path, after: Path, grammar: str, sets: list[str], corpora: dict[str, Path | None], show: bool
) -> int:
    """One table of each set's totals, before and after, then the articles' rows after."""
    old, old_note = collect(before, grammar, sets, corpora)
    new, new_note = collect(after, grammar, sets, corpora)
    totals = [
        row.replace("| ", f"| {when}: ", 1)
        for pair in zip(_totals(old.rows), _totals(new.rows), strict=False)
        for when, row in zip(("before", "after"), pair, strict=True)
    ]
    notes = "; ".join(note for note in (old_note, new_note) if note)
    print_table(
        f"before: cleanup at {before}; after: cleanup at {after}; grammar {grammar}" + (f"; {notes}" if notes else ""),
        totals,
    )
    print()
    print_table("after, article by article", new.rows)
    if show and new.shown:
        print("\n" + "\n".join(new.shown))
    return 1 if old.failed or new.failed else 0


def _totals(rows: list[str]) -> list[str]:
    """The rows of sets and corpora (their names in bold)."""
    return [row for row in rows if row.startswith("| **")]


def print_table(title: str, rows: list[str]) -> None:
    print(title + "\n")
    print("| | " + " | ".join(COLUMNS) + " |")
    print("| --- |" + " ---: |" * len(COLUMNS))
    print("\n".join(rows))


def collect(code: Path, grammar: str, sets: list[str], corpora: dict[str, Path | None]) -> tuple[Table, str]:
    """The table of one checkout: a row per article and per set, and a note on the glossary used."""
    chosen = {name: articles(name) for name in ("dev", "held") if name in sets}
    table = Table()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        glossary, note = choose_glossary(code, out)
        texts = {name: corpus_texts(name, where) for name, where in corpora.items() if name in sets and where}
        runs = [
            (paths, out / f"articles-{i}")
            for i, paths in enumerate(batches([a.path for g in chosen.values() for a in g]))
        ]
        runs += [
            (write_texts(t, out / name / "in"), out / name / "out") for name, t in texts.items() if isinstance(t, dict)
        ]
        with ThreadPoolExecutor() as pool:
            list(pool.map(lambda run: run_fix(code, run[0], run[1], grammar, glossary), runs))
        errors = failures(code, runs, grammar, glossary)
        written_to = {path: where for paths, where in runs for path in paths}
        for name, group in chosen.items():
            set_rows(name, group, written_to, errors, table)
        for name in ("ntrex", "hadith"):
            if name in sets:
                corpus_row(name, texts.get(name, f"not given (--{name} FOLDER)"), out / name / "out", table)
    return table, note


def corpus_texts(name: str, folder: Path) -> dict[str, str] | str:
    """The corpus's articles by file name, or why they could not be read."""
    try:
        return ntrex_texts(folder) if name == "ntrex" else hadith_texts(folder)
    except (OSError, ValueError, KeyError) as error:
        return f"failed: {type(error).__name__}: {error}"


def set_rows(
    name: str, group: list[Article], written_to: dict[Path, Path], errors: dict[Path, str], table: Table
) -> None:
    """A row for each article of a set, then the set's total."""
    total, failed = Score(), 0
    for article in group:
        found = evaluate(article, written_to[article.path], errors, table.shown)
        if isinstance(found, str):
            failed += 1
            table.rows.append(message_row(article.label, found))
        else:
            total.add(found)
            table.rows.append(row(article.label, found))
    table.failed += failed
    if not group:
        table.rows.append(message_row(f"**{name}**", "no articles with a gold edition"))
        return
    counted = f"{len(group)} article{'s' * (len(group) != 1)}" + (
        f", {failed} failed and not counted" if failed else ""
    )
    table.rows.append(row(f"**{name}** ({counted})", total))


def corpus_row(name: str, texts: dict[str, str] | str, out: Path, table: Table) -> None:
    """The corpus's row; its changes and its sample of flags (as label lines) go under the table."""
    if isinstance(texts, str):
        table.failed += texts.startswith("failed")
        table.rows.append(message_row(TITLES[name], texts))
        return
    changes: list[str] = []
    picked: list[str] = []
    found = corpus_score(texts, out, LABELS / f"{name}.tsv", changes, picked)
    if isinstance(found, str):
        table.failed += 1
        table.rows.append(message_row(TITLES[name], found))
        return
    table.rows.append(row(TITLES[name], found))
    table.shown += [f"\n{name}: {len(changes)} changes (no gold: judge each)", *changes]
    table.shown += [
        f"\n{name}: the sample of flags as lines of bench/labels/{name}.tsv (`?`: not labelled yet)",
        *picked,
    ]


def write_texts(texts: dict[str, str], folder: Path) -> list[Path]:
    folder.mkdir(parents=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")
    return [folder / name for name in texts]


if __name__ == "__main__":
    sys.exit(main())
