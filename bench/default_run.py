"""Where the default run's time goes beyond the glossary pass, in process, on compare.py's corpus.

Run: python bench/default_run.py [--words 1000000] [--entries 10000] [--repeat 3]
The text and glossary are those of `bench/compare.py`. Printed, in processor seconds (best of `--repeat`):
the glossary pass and the default run (`process` with no house rule, and with every built-in rule); each
rule reading the original once (the fix rules) or the corrected text once (the flag rules); and the
records (change log, report, review page) of both outcomes. The rules' single readings and the flags'
records are what any fix loop pays beyond the glossary pass, next to the budget that 1.5x leaves.
"""

from __future__ import annotations

import argparse
import multiprocessing
import platform
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

from compare import corpus, glossary_yaml
from corpus import best_time, make_glossary

from cleanup.house import load_glossary
from cleanup.model import Document, Outcome, Safety
from cleanup.outputs.records import change_log, markdown_report
from cleanup.outputs.review import review_page
from cleanup.pipeline import ALL_RULES, Settings, process, rule_context


def cpu(action: Callable[[], object], repeat: int) -> float:
    """The least processor time of `repeat` runs of `action`."""
    return best_time(action, repeat, time.process_time)


def records(outcome: Outcome) -> None:
    """Every record a run writes of an outcome, encoded as the CLI encodes them."""
    for pieces in (
        change_log("a.txt", "b.txt", outcome),
        markdown_report("a.txt", "b.txt", outcome),
        review_page("a.txt", "b.html", outcome, {}, ()),
    ):
        for piece in pieces:
            piece.encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    terms = make_glossary(args.entries)
    text, _ = corpus(args.words, terms)
    yaml = glossary_yaml(terms)
    glossary = load_glossary([("house.yaml", yaml)], [rule.id for rule in ALL_RULES])
    alone, every = Settings(glossary, ()), Settings(glossary, ALL_RULES)
    document = Document(text)
    glossary_pass = cpu(lambda: process(document, alone), args.repeat)
    default_run = cpu(lambda: process(document, every), args.repeat)
    outcome_alone, outcome = process(document, alone), process(document, every)
    print(
        f"machine: {platform.machine()}, CPython {platform.python_version()}; {args.words:,} words, {args.entries:,} entries"
    )
    print(f"glossary pass {glossary_pass:.2f} s, default run {default_run:.2f} s: {default_run / glossary_pass:.2f}x\n")
    reads = {
        **_single_reads(text, yaml, Safety.FLAG, False),
        **_single_reads(outcome.corrected, yaml, Safety.FLAG, True),
    }
    print("| rule | reads | processor s |\n| --- | --- | ---: |")
    for rule in ALL_RULES:
        if reads[rule.id] >= 0.01:
            print(f"| {rule.id} | {'corrected' if rule.safety is Safety.FLAG else 'original'} | {reads[rule.id]:.3f} |")
    flag_records = cpu(lambda: records(outcome), args.repeat) - cpu(lambda: records(outcome_alone), args.repeat)
    print(f"\nevery rule reading its text once: {sum(reads.values()):.2f} s; the flags' records: {flag_records:.2f} s")
    print(
        f"the default run beyond the glossary pass: {default_run - glossary_pass:.2f} s, and {flag_records:.2f} s of records"
    )


def _single_reads(text: str, yaml: str, flags: Safety, wanted: bool) -> dict[str, float]:
    """Each rule whose safety is (or, unless `wanted`, is not) `flags` reading `text` once, in a fresh
    process: no reading kept from another text (doubled words, paragraphs) makes one cheaper."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(_read_each, text, yaml, flags, wanted).result()


def _read_each(text: str, yaml: str, flags: Safety, wanted: bool) -> dict[str, float]:
    glossary = load_glossary([("house.yaml", yaml)], [rule.id for rule in ALL_RULES])
    context = rule_context(Settings(glossary, ALL_RULES), False)
    chosen = [rule for rule in ALL_RULES if (rule.safety is flags) == wanted]
    return {rule.id: cpu(lambda rule=rule: list(rule.findings(text, context)), 1) for rule in chosen}


if __name__ == "__main__":
    main()
