"""Precision and recall of the checks against the Arabic source (SRC001-SRC007) on a public parallel news set.

NTREX-128 (Microsoft, CC BY-SA 4.0: https://github.com/MicrosoftTranslator/NTREX) has 1,997 English news
sentences with Arabic translations made by professionals. Documents of ten sentences (one a line) are
checked clean, then with errors injected into the English one at a time:
- numbers: a number the source also writes is dropped, or changed (a digit doubled) -> SRC001 expected;
- terms: a proper noun from a small bilingual glossary (written below, with its Arabic forms) is removed
  where the source has it -> SRC003 expected; one the source line lacks is added -> SRC004;
- an Arabic word of the source left in the English -> SRC005; a line left as its source -> SRC006;
  a line left empty -> SRC007.
A flag counts as found when it is on the edited line with the rule expected; a new flag of that rule
anywhere else in the edited document is a false alarm. Flags raised on the clean pairs are counted
apart: NTREX's translations themselves differ from their sources in places (30,000 pupils against
٣٠٠ ألف), which is what the checks are for.

Usage: python bench/source_precision.py [--ntrex FOLDER] [--json]   (FOLDER: a clone of the NTREX repository;
without it, its first 400 pairs in tests/data/ntrex)"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from cleanup.house import load_glossary
from cleanup.model import Document
from cleanup.pipeline import Settings, process
from cleanup.source.numbers import numbers

GLOSSARY = """\
terms:
  - {preferred: Trump, source: [ترامب]}
  - {preferred: China, also: [Chinese], source: [الصين]}
  - {preferred: Russia, also: [Russian], source: [روسيا]}
  - {preferred: Iran, also: [Iranian], source: [إيران]}
  - {preferred: Israel, also: [Israeli], source: [إسرائيل]}
  - {preferred: Syria, also: [Syrian], source: [سوريا, سورية]}
  - {preferred: France, also: [French], source: [فرنسا]}
  - {preferred: Germany, also: [German], source: [ألمانيا]}
  - {preferred: Japan, also: [Japanese], source: [اليابان]}
  - {preferred: India, also: [Indian], source: [الهند]}
  - {preferred: London, source: [لندن]}
  - {preferred: Washington, source: [واشنطن]}
  - {preferred: Brexit, source: [بريكست, البريكست]}
  - {preferred: Facebook, source: [فيسبوك, فيس بوك]}
  - {preferred: Scotland, also: [Scottish], source: [اسكتلندا]}
  - {preferred: Wales, also: [Welsh], source: [ويلز]}
  - {preferred: NASA, source: [ناسا]}
"""
DOCUMENT = 10  # sentences a document
EXCERPT = Path(__file__).resolve().parent.parent / "tests" / "data" / "ntrex"


def excerpt() -> list[tuple[list[str], list[str]]]:
    """The first 400 pairs, kept in tests/data/ntrex."""
    english = (EXCERPT / "eng.txt").read_text(encoding="utf-8").splitlines()
    return in_documents(english, (EXCERPT / "arb.txt").read_text(encoding="utf-8").splitlines())


def documents(folder: Path) -> list[tuple[list[str], list[str]]]:
    arabic = (folder / "NTREX-128" / "newstest2019-ref.arb.txt").read_text(encoding="utf-8").splitlines()
    english = (folder / "NTREX-128" / "newstest2019-ref.eng-US.txt").read_text(encoding="utf-8").splitlines()
    return in_documents(english, arabic)


def in_documents(english: list[str], arabic: list[str]) -> list[tuple[list[str], list[str]]]:
    """Sentence pairs in documents of DOCUMENT sentences, one a line."""
    return [(english[i : i + DOCUMENT], arabic[i : i + DOCUMENT]) for i in range(0, len(english), DOCUMENT)]


def flags(settings: Settings, english: list[str], arabic: list[str]) -> list[tuple[str, int]]:
    """(rule, English line) of every SRC flag."""
    text = "\n".join(english)
    outcome = process(Document(text), settings, source=Document("\n".join(arabic)))
    return [(f.rule, text.count("\n", 0, f.start)) for f in outcome.flags if f.rule.startswith("SRC")]


def number_edits(english: list[str], arabic: list[str], rng: random.Random):
    """(line, edited line) for one number per line that both sides write as a number (not a decade,
    ordinal, time or fraction, which the source may write in words)."""
    for index, (line, source) in enumerate(zip(english, arabic, strict=True)):
        shared = {value for n in numbers(source) for value in n.values}
        candidates = [n for n in numbers(line) if shared & set(n.values) and not n.weak]
        if not candidates:
            continue
        number = rng.choice(candidates)
        written = line[number.start : number.end]
        if rng.random() < 0.5:
            edited = line[: number.start] + line[number.end :]  # dropped
        else:
            edited = line[: number.start] + written[0] + written + line[number.end :]  # a digit doubled
        yield index, re.sub(r"  +", " ", edited)


def term_edits(english: list[str], arabic: list[str], settings: Settings):
    from cleanup.source.arabic_words import find_forms

    for index, (line, source) in enumerate(zip(english, arabic, strict=True)):
        for term in settings.glossary.terms:
            pattern = re.compile(rf"\b{re.escape(term.preferred)}(?:'s)?\b")
            if pattern.search(line) and next(find_forms(source, term.source), None):
                yield index, pattern.sub("it", line)
                break


def arabic_edits(english: list[str], arabic: list[str], rng: random.Random):
    """An Arabic word of the source left in the English line (SRC005)."""
    for index, (line, source) in enumerate(zip(english, arabic, strict=True)):
        words = [w for w in source.split() if len(w) > 3]
        if words and rng.random() < 0.3:
            position = rng.choice([m.end() for m in re.finditer(r"\s", line)] or [len(line)])
            yield index, line[:position] + rng.choice(words) + " " + line[position:]


def untranslated_edits(english: list[str], arabic: list[str], rng: random.Random):
    """A line left as its source (SRC006)."""
    index = rng.randrange(len(english))
    yield index, arabic[index]


def dropped_edits(english: list[str], arabic: list[str], rng: random.Random):
    """A line left empty (SRC007): the segment is there, its translation is not."""
    index = rng.randrange(len(english))
    yield index, ""


def added_term_edits(english: list[str], arabic: list[str], settings: Settings, rng: random.Random):
    """A glossary name the source line does not have, added to the English (SRC004)."""
    from cleanup.source.arabic_words import find_forms

    for index, (line, source) in enumerate(zip(english, arabic, strict=True)):
        absent = [t for t in settings.glossary.terms if next(find_forms(source, t.source), None) is None]
        absent = [t for t in absent if t.preferred not in line]
        if absent and rng.random() < 0.3:
            yield index, f"{line.rstrip('.')} in {rng.choice(absent).preferred}."


def measure(settings: Settings, docs, edits_of, rules: tuple[str, ...]) -> tuple[float, float, int, int]:
    """Recall and precision of `rules` on the injected errors (a new flag of those rules anywhere else in
    the document is a false alarm), the number of cases and of false alarms."""
    found = missed = false_alarms = 0
    for english, arabic in docs:
        before = Counter((rule, line) for rule, line in flags(settings, english, arabic) if rule in rules)
        for index, edited in edits_of(english, arabic):
            lines = [*english[:index], edited, *english[index + 1 :]]
            raised = Counter((rule, line) for rule, line in flags(settings, lines, arabic) if rule in rules)
            hit = any(line == index for _, line in raised)
            found, missed = found + hit, missed + (not hit)
            false_alarms += sum(
                ((raised - before) - Counter({k: v for k, v in raised.items() if k[1] == index})).values()
            )
    total = found + missed
    precision = found / (found + false_alarms) if found + false_alarms else 0.0
    return (found / total if total else 0.0), precision, total, false_alarms


def injections(settings: Settings, rng: random.Random) -> list[tuple[str, tuple[str, ...], Callable]]:
    """Each kind of error injected: its name, the rules expected to find it, and its edits of a document."""
    return [
        ("number dropped or changed (SRC001/SRC002)", ("SRC001", "SRC002"), lambda e, a: number_edits(e, a, rng)),
        ("glossary term removed (SRC003)", ("SRC003",), lambda e, a: term_edits(e, a, settings)),
        ("glossary name added (SRC004)", ("SRC004",), lambda e, a: added_term_edits(e, a, settings, rng)),
        ("Arabic word left in the English (SRC005)", ("SRC005",), lambda e, a: arabic_edits(e, a, rng)),
        ("line left untranslated (SRC006)", ("SRC006",), lambda e, a: untranslated_edits(e, a, rng)),
        ("line left empty (SRC007)", ("SRC007",), lambda e, a: dropped_edits(e, a, rng)),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--ntrex",
        type=Path,
        help="a clone of github.com/MicrosoftTranslator/NTREX (default: its first 400 pairs, in tests/data/ntrex)",
    )
    parser.add_argument("--json", action="store_true", help="print the measurements as one JSON object")
    args = parser.parse_args()
    settings = Settings(load_glossary([("bench-glossary.yaml", GLOSSARY)]))
    docs = documents(args.ntrex) if args.ntrex else excerpt()
    clean = Counter(rule for english, arabic in docs for rule, _ in flags(settings, english, arabic))
    rng = random.Random(11)  # the injections draw from it in turn, in this order
    rows = [(name, rules, *measure(settings, docs, edits, rules)) for name, rules, edits in injections(settings, rng)]
    lines = sum(len(e) for e, _ in docs)
    if args.json:
        keys = ("error", "rules", "recall", "precision", "cases", "false_alarms")
        injected = [dict(zip(keys, row, strict=True)) for row in rows]
        print(
            json.dumps(
                {"documents": len(docs), "pairs": lines, "clean": dict(sorted(clean.items())), "injected": injected}
            )
        )
        return
    print(f"{len(docs)} documents, {lines} sentence pairs. SRC flags on the clean pairs: {dict(sorted(clean.items()))}")
    print("\n| injected error | cases | recall | precision | false alarms |\n| --- | ---: | ---: | ---: | ---: |")
    for name, _, recall, precision, cases, false_alarms in rows:
        print(f"| {name} | {cases} | {recall:.1%} | {precision:.1%} | {false_alarms} |")


if __name__ == "__main__":
    main()
