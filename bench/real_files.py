"""Real files as other programs write them: `python bench/real_files.py FOLDER [--jobs N] [--no-libreoffice] [--json]`
plants glossary variants into a copy of each Word, XLIFF and TMX file under FOLDER (one subfolder a
project), runs `cleanup fix` on the copies through the CLI and checks what it writes with its own readers:

Word: every part well-formed; the review edition's text with cleanup's changes accepted equals the clean
edition's and with them rejected the input's (other authors' revisions, fields and notes included); the
number of sections, tables, pictures, fields, links, notes, bookmarks, math, text boxes, content controls
and other people's comments and revisions unchanged; every other part kept; a second run on the editions
changes nothing and adds no comment; and LibreOffice, converting the editions headless, reads the same
accepted and rejected text (not counting the empty paragraph LibreOffice reads before a table that starts
a document: always once it holds a comment, whoever the comment's author). XLIFF and TMX: the output is the input with only target contents changed, the
encoding, BOM and line endings kept, and an input without changes written back byte for byte.

Prints one table of the classes and then each file that is not right, with a one-line reason; exits 0.
See bench/README.md for how to rebuild the folder of real files."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from xml.etree import ElementTree

from cleanup.formats.docx.fragile import UNTRACKED  # the words a change's comment warns with

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent)]
import real_bilingual  # noqa: E402
import real_word  # noqa: E402

from tests import libreoffice  # noqa: E402  (LibreOffice as an independent reader)

WORD = (".docx",)
BILINGUAL = (".xlf", ".xliff", ".tmx")
GLOSSARY = 'terms:\n  - preferred: ISIS\n    variants: [Daash, "Da\'ash"]\n'
RIGHT_EVERYWHERE = "right by the XML check and in LibreOffice"
RIGHT_BY_XML = "right by the XML check (LibreOffice not run or cannot open the input)"
ANNOUNCED = "right by the XML check; LibreOffice cannot track some changes, and each one's comment says so"
WRONG_IN_LIBREOFFICE = "right by the XML check, wrong in LibreOffice"
WORD_ROWS = (
    RIGHT_EVERYWHERE,
    RIGHT_BY_XML,
    ANNOUNCED,
    WRONG_IN_LIBREOFFICE,
    "refused with one clear line",
    "wrong",
    "crashed (internal error)",
)
BILINGUAL_ROWS = (
    "byte-identical outside edited targets",
    "refused with one clear line",
    "wrong",
    "crashed (internal error)",
)
LIBREOFFICE_SECONDS = 240
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
PARAGRAPH = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}table"


@dataclass
class Verdict:
    """One file's class (a row of the table) and, when it is not right, why."""

    path: str
    kind: str  # "word" or "bilingual"
    row: str
    reason: str = ""
    planted: int = 0
    left: int = 0  # planted variants still in the edition (in a field, a link, or next to markup)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--libreoffice", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--grammar", default="none", help="grammar checker for cleanup fix (default: none)")
    parser.add_argument(
        "--relabel",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="name the languages of bilingual files Arabic and English (default), else keep them (most refused)",
    )
    parser.add_argument("--keep", type=Path, help="keep the work folder here (inputs, editions, reruns)")
    parser.add_argument("--json", action="store_true", help="print each file's verdict as JSON instead of the table")
    args = parser.parse_args(argv)
    started = time.monotonic()
    with_libreoffice = args.libreoffice and libreoffice.soffice() is not None
    verdicts = run(args.folder, args.jobs, with_libreoffice, args.grammar, args.relabel, args.keep)
    if args.json:
        print(json.dumps([asdict(verdict) for verdict in verdicts], indent=2))
        return 0
    print(table(verdicts))
    print(f"\n{len(verdicts)} files in {time.monotonic() - started:.0f} s")
    failing = [v for v in verdicts if v.row not in (RIGHT_EVERYWHERE, RIGHT_BY_XML, BILINGUAL_ROWS[0])]
    if failing:
        print("\nFiles not right:")
        for verdict in sorted(failing, key=lambda v: (v.row, v.path)):
            print(f"  {verdict.path}: {verdict.row}: {verdict.reason}")
    kept = [v for v in verdicts if v.left and v.kind == "word"]
    if kept:
        print(
            "\nWord editions that keep planted variants (not counted wrong: a field, link, markup or a reader's gap):"
        )
        for verdict in sorted(kept, key=lambda v: v.path):
            print(f"  {verdict.path}: {verdict.left} of {verdict.planted}")
    return 0


def run(
    folder: Path, jobs: int, with_libreoffice: bool, grammar: str, relabel: bool = True, keep: Path | None = None
) -> list[Verdict]:
    """Every real file under `folder` planted, fixed through the CLI and judged."""
    work = Path(keep or tempfile.mkdtemp(prefix="real-files-"))
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in WORD + BILINGUAL)
    names = {path: f"{index:04d}{path.suffix.lower()}" for index, path in enumerate(files)}
    try:
        planted = _plant(files, names, work / "in", relabel)
        (work / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
        words = [p for p in files if p.suffix.lower() in WORD]
        errors = {
            "clean": _fix(work, "in", "clean", "clean", jobs, grammar),
            "review": _fix(work, "in", "review", "review", jobs, grammar),
        }
        _copy_editions(work, words, names)
        # each edition again in its own mode: a clean edition fixed in review mode would rightly gain its flags' comments
        errors["rerun"] = _fix(work, "rerun-in", "rerun", "review", jobs, grammar)
        errors["rerun"] |= _fix(work, "rerun-clean-in", "rerun", "clean", jobs, grammar)
        tasks = [(str(p.relative_to(folder)), names[p], str(work), errors, with_libreoffice, planted[p]) for p in files]
        with ProcessPoolExecutor(max(1, jobs)) as pool:
            return list(pool.map(_judge, tasks))
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


def _plant(files: list[Path], names: dict[Path, str], into: Path, relabel: bool) -> dict[Path, int]:
    """Each file's planted copy under its number (the input beside a bilingual one, its languages named
    Arabic and English when `relabel`), and how many variants were planted."""
    into.mkdir(parents=True, exist_ok=True)
    planted: dict[Path, int] = {}
    for path in files:
        data = path.read_bytes()
        name = names[path]
        try:
            if path.suffix.lower() in WORD:
                copy, planted[path] = real_word.plant(data)
            else:
                data = real_bilingual.relabel(data) if relabel else data
                copy, planted[path] = real_bilingual.plant(data)
        except real_word.Unreadable:
            copy, planted[path] = data, 0
        (into / name).write_bytes(copy)
        if path.suffix.lower() in BILINGUAL:
            (into / ("orig-" + name)).write_bytes(data)
    return planted


def _fix(work: Path, inputs: str, out: str, mode: str, jobs: int, grammar: str) -> dict[str, str]:
    """`cleanup fix` on the files of a folder in one Word mode; each file's error line by file name. An
    error that stops the whole run is pinned on its file by running the unfinished files again in halves."""
    names = sorted(p.name for p in (work / inputs).iterdir())
    errors: dict[str, str] = {}
    pending = [names]
    while pending:
        group = pending.pop()
        stopped = _fix_files(work, [f"{inputs}/{n}" for n in group], out, mode, jobs, grammar, errors)
        unfinished = [n for n in group if n not in errors and not (work / out / (n + ".changes.json")).is_file()]
        if stopped and len(unfinished) == 1:
            errors[unfinished[0]] = stopped
        elif stopped and unfinished:
            pending += [unfinished[: len(unfinished) // 2], unfinished[len(unfinished) // 2 :]]
        else:
            errors.update({n: "internal error: no output written and no message" for n in unfinished})
    return errors


def _fix_files(
    work: Path, files: list[str], out: str, mode: str, jobs: int, grammar: str, errors: dict[str, str]
) -> str:
    """One `cleanup fix` run: each file's error line into `errors`; the line that stopped the run, if one did."""
    command = [sys.executable, "-m", "cleanup", "fix", "--glossary", "glossary.yaml", "--grammar", grammar]
    command += ["--no-cache", "-q", "--jobs", str(jobs), "--docx-mode", mode, "--out", out, *files]
    project = str(Path(__file__).resolve().parent.parent)
    environment = dict(os.environ, NO_COLOR="1", PYTHONPATH=os.environ.get("PYTHONPATH") or project)
    finished = subprocess.run(command, cwd=work, capture_output=True, text=True, env=environment, timeout=7200)
    stopped = ""
    given = set(files)
    for line in finished.stderr.splitlines():
        head, _, message = line.partition(": ")
        if head in given and message:
            name = Path(head).name
            errors[name] = (errors[name] + " / " if name in errors else "") + message
        elif line.strip() and not stopped:
            stopped = line.strip()
    return stopped or (f"exit status {finished.returncode}" if finished.returncode not in (0, 1, 2) else "")


def _copy_editions(work: Path, words: list[Path], names: dict[Path, str]) -> None:
    """The review and clean Word editions, and the bilingual outputs, as inputs of the second run."""
    rerun = work / "rerun-in"
    rerun.mkdir(exist_ok=True)
    for output in (work / "review").glob("*"):
        if output.suffix in WORD + BILINGUAL and not output.name.startswith("orig-"):
            shutil.copyfile(output, rerun / ("review-" + output.name))
    rerun_clean = work / "rerun-clean-in"
    rerun_clean.mkdir(exist_ok=True)
    for output in (work / "clean").glob("*.docx"):
        shutil.copyfile(output, rerun_clean / ("clean-" + output.name))


def _judge(task: tuple[str, str, str, dict[str, dict[str, str]], bool, int]) -> Verdict:
    path, name, folder, errors, with_libreoffice, planted = task
    work = Path(folder)
    kind = "word" if name.endswith(WORD) else "bilingual"
    try:
        if kind == "word":
            row, reason = _judge_word(work, name, errors, with_libreoffice)
        else:
            row, reason = _judge_bilingual(work, name, errors)
    except Exception as error:  # a file the bench's own readers cannot follow: counted, never hidden
        row, reason = "wrong", f"bench could not check it: {type(error).__name__}: {error}"
    return Verdict(path, kind, row, reason, planted, _left(work, name) if planted else 0)


def _left(work: Path, name: str) -> int:
    """How many planted variants the (review) edition still has."""
    edition = work / ("review" if name.endswith(WORD) else "clean") / name
    if not edition.is_file():
        return 0
    if name.endswith(WORD):
        try:
            return real_word.text(real_word.read_package(edition.read_bytes()), "accept").count("Daash")
        except Exception:  # an edition the reader cannot follow is already counted wrong
            return 0
    return edition.read_bytes().count(b"Daash")


def _refusal(name: str, errors: dict[str, dict[str, str]], runs: tuple[str, ...]) -> tuple[str, str] | None:
    """The row and reason when a run refused the file or crashed on it, else None."""
    messages = {run: errors[run][name] for run in runs if name in errors[run]}
    if not messages:
        return None
    text = " | ".join(f"{run}: {message}" for run, message in messages.items())
    if any("internal error" in m or "Traceback" in m for m in messages.values()):
        return "crashed (internal error)", text
    if len(messages) != len(runs):
        return "wrong", "refused in one mode only: " + text
    return "refused with one clear line", next(iter(messages.values()))


def _judge_word(work: Path, name: str, errors: dict[str, dict[str, str]], with_libreoffice: bool) -> tuple[str, str]:
    refused = _refusal(name, errors, ("clean", "review"))
    if refused:
        return refused
    planted = work / "in" / name
    clean, review = work / "clean" / name, work / "review" / name
    if not (clean.is_file() and review.is_file()):
        return "crashed (internal error)", "no edition written and no message: " + errors["clean"].get("", "")
    problems = [p for p in (_xml_check(planted, clean, review), _rerun_check(work, name, errors)) if p]
    row, seen = _libreoffice_check(work, name, planted, clean, review) if with_libreoffice else (RIGHT_BY_XML, "")
    if problems:
        return "wrong", "; ".join(problems + ([f"LibreOffice: {seen}"] if seen else []))
    return row, seen


def _xml_check(planted: Path, clean: Path, review: Path) -> str:
    """Empty when the editions are right by the independent XML reader, else the first thing wrong."""
    before = real_word.read_package(planted.read_bytes())
    editions = {
        "clean": real_word.read_package(clean.read_bytes()),
        "review": real_word.read_package(review.read_bytes()),
    }
    for mode, parts in editions.items():
        bad = real_word.malformed_parts(parts)
        if bad:
            return f"{mode} edition: part not well-formed: {bad[0]}"
        lost = sorted(set(before) - set(parts))
        if lost:
            return f"{mode} edition: part lost: {lost[0]}"
        for part, data in before.items():
            if not part.endswith((".xml", ".rels")) and parts[part] != data:
                return f"{mode} edition: binary part changed: {part}"
    expected_accept = real_word.text(editions["clean"], "plain")
    accept, reject = real_word.text(editions["review"], "accept"), real_word.text(editions["review"], "reject")
    original = real_word.text(before, "plain")
    if accept != expected_accept:
        return "review accepted differs from clean: " + _first_difference(accept, expected_accept)
    if reject != original:
        return "review rejected differs from input: " + _first_difference(reject, original)
    if real_word.text(editions["clean"], "reject") != expected_accept:
        return "clean edition has cleanup's tracked changes"
    counted = real_word.counts(before)
    for mode, parts in editions.items():
        after = real_word.counts(parts)
        for part, tally in counted.items():
            found = after.get(part)
            if part == "comments":
                tally, found = real_word.others(tally), real_word.others(after["comments"])
            if found != tally:
                return f"{mode} edition: {part}: counts {_count_difference(tally, found)}"
    if editions["clean"] and real_word.comment_authors(editions["clean"])[real_word.AUTHOR]:
        return "clean edition has cleanup's comments"
    return ""


def _rerun_check(work: Path, name: str, errors: dict[str, dict[str, str]]) -> str:
    """Empty when fixing each edition again changes nothing and adds no comment."""
    for edition in ("review", "clean"):
        again = f"{edition}-{name}"
        if again in errors["rerun"]:
            return f"second run on the {edition} edition: {errors['rerun'][again]}"
        record = work / "rerun" / (again + ".changes.json")
        if not record.is_file():
            return f"second run on the {edition} edition wrote nothing"
        changes = json.loads(record.read_text(encoding="utf-8"))["changes"]
        if changes:
            first = changes[0]
            return f"second run on the {edition} edition changes again: {first.get('rule')}: {first.get('before')!r} -> {first.get('after')!r}"
        comments = real_word.comment_texts(real_word.read_package((work / edition / name).read_bytes()))
        added = real_word.comment_texts(real_word.read_package((work / "rerun" / again).read_bytes())) - comments
        if added:
            first = next(iter(added))[:90]
            return f"second run on the {edition} edition adds {added.total()} comments, e.g. {first!r}"
    return ""


def _libreoffice_check(work: Path, name: str, planted: Path, clean: Path, review: Path) -> tuple[str, str]:
    """LibreOffice's accepted and rejected text of the review edition against its reading of the others."""
    folder = work / "lo" / name
    folder.mkdir(parents=True, exist_ok=True)
    copies = {label: folder / f"bench-{label}-copy.docx" for label in ("input", "clean", "review")}
    for label, document in zip(copies, (planted, clean, review), strict=True):
        shutil.copyfile(document, copies[label])
    _convert(list(copies.values()), folder)
    readings = {}
    for label, copy in copies.items():
        try:
            read = libreoffice.read_odt(copy.with_suffix(".odt"))
        except Exception as error:  # no ODT written (timeout, crash) or one LibreOffice wrote wrong
            if label == "input":
                return RIGHT_BY_XML, ""
            return WRONG_IN_LIBREOFFICE, f"LibreOffice cannot read the {label} edition: {str(error)[:120]}"
        # a FILENAME field shows the copy's name (one no article writes): the three copies read as one name
        read.accepted, read.rejected = (t.replace(copy.name, "document.docx") for t in (read.accepted, read.rejected))
        if real_word.starts_with_table(real_word.read_package(copy.read_bytes())) and _paragraph_before_table(copy):
            read.accepted, read.rejected = (t.removeprefix("\n") for t in (read.accepted, read.rejected))
        readings[label] = read
    announced = any(UNTRACKED in text for author, text in readings["review"].comments if author == "cleanup")
    differs = WRONG_IN_LIBREOFFICE if not announced else ANNOUNCED
    if readings["review"].accepted != readings["clean"].accepted:
        return differs, "accepted differs from clean: " + _first_difference(
            readings["review"].accepted, readings["clean"].accepted
        )
    if readings["review"].rejected != readings["input"].rejected:
        return differs, "rejected differs from input: " + _first_difference(
            readings["review"].rejected, readings["input"].rejected
        )
    return RIGHT_EVERYWHERE, ""


def _paragraph_before_table(copy: Path) -> bool:
    """Whether LibreOffice's reading of `copy` (its ODT) begins with a paragraph before a table: one it
    added, when the Word file begins with the table."""
    with zipfile.ZipFile(copy.with_suffix(".odt")) as odt:
        body = ElementTree.fromstring(odt.read("content.xml")).find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
    blocks = [child.tag for child in (body if body is not None else []) if child.tag in (PARAGRAPH, TABLE)]
    return blocks[:2] == [PARAGRAPH, TABLE]


def _convert(documents: list[Path], folder: Path) -> None:
    """`documents` as ODT beside them by one headless LibreOffice with its own profile, bounded in time."""
    command = ["soffice", f"-env:UserInstallation=file://{folder.resolve()}/profile", "--headless", "--norestore"]
    command += ["--convert-to", "odt", "--outdir", str(folder), *map(str, documents)]
    try:
        subprocess.run(command, capture_output=True, timeout=LIBREOFFICE_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        pass  # the documents not converted in time have no ODT: counted as unreadable


def _judge_bilingual(work: Path, name: str, errors: dict[str, dict[str, str]]) -> tuple[str, str]:
    refused = _refusal(name, errors, ("clean",))
    original_refused = _refusal("orig-" + name, errors, ("clean",))
    if refused or original_refused:
        if refused and original_refused and refused[0] == original_refused[0]:
            return refused
        return (refused or original_refused or ("", ""))[0], "planted copy and input differ: " + str(
            refused or original_refused
        )
    for prefix in ("", "orig-"):
        before = (work / "in" / (prefix + name)).read_bytes()
        output = work / "clean" / (prefix + name)
        if not output.is_file():
            return "crashed (internal error)", "no output written and no message"
        after = output.read_bytes()
        changes = json.loads((work / "clean" / (prefix + name + ".changes.json")).read_text(encoding="utf-8"))[
            "changes"
        ]
        label = "input" if prefix else "planted copy"
        problem = (
            real_bilingual.well_formed(after)
            or real_bilingual.encoding_kept(before, after)
            or real_bilingual.first_difference_outside_targets(before, after)
        )
        if problem:
            return "wrong", f"{label}: {problem}"
        if not changes and after != before:
            return "wrong", f"{label}: no change, yet a target's bytes differ: " + real_bilingual.first_difference(
                before, after
            )
    again = "review-" + name
    if again in errors["rerun"]:
        return "wrong", f"second run: {errors['rerun'][again]}"
    record = work / "rerun" / (again + ".changes.json")
    if record.is_file() and json.loads(record.read_text(encoding="utf-8"))["changes"]:
        return "wrong", "second run changes again"
    return BILINGUAL_ROWS[0], ""


def _first_difference(got: str, expected: str) -> str:
    at = next((i for i, (a, b) in enumerate(zip(got, expected, strict=False)) if a != b), min(len(got), len(expected)))
    return f"at {at}: {got[max(0, at - 25) : at + 35]!r} vs {expected[max(0, at - 25) : at + 35]!r}"


def _count_difference(before: Counter[str], after: Counter[str] | None) -> str:
    after = after or Counter()
    return ", ".join(
        f"{k} {before[k]} -> {after[k]}" for k in sorted(set(before) | set(after)) if before[k] != after[k]
    )


def table(verdicts: list[Verdict]) -> str:
    """The classes as a Markdown table per kind, with each project's count."""
    lines = []
    for kind, rows, title in (("word", WORD_ROWS, "Word files"), ("bilingual", BILINGUAL_ROWS, "XLIFF/TMX files")):
        chosen = [v for v in verdicts if v.kind == kind]
        if not chosen:
            continue
        projects = sorted({v.path.split(os.sep)[0] for v in chosen})
        lines.append(f"\n{title}: {len(chosen)} from {len(projects)} projects\n")
        lines.append("| class | " + " | ".join(projects) + " | all |")
        lines.append("|---" * (len(projects) + 2) + "|")
        tally = Counter((v.row, v.path.split(os.sep)[0]) for v in chosen)
        for row in rows:
            counts = [tally[row, p] for p in projects]
            lines.append(f"| {row} | " + " | ".join(map(str, counts)) + f" | {sum(counts)} |")
        planted = sum(v.planted for v in chosen)
        files, left = sum(1 for v in chosen if v.planted), sum(v.left for v in chosen)
        where = "" if kind == "word" else " (TMX source segments included)"
        lines.append(f"\nvariants planted: {planted} in {files} files; left in the editions{where}: {left}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
