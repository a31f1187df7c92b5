"""Per-check precision of the house grammar checks (GR…) against human corrections (CWEB).

Run: python bench/house_check_precision.py ../shared/data/cweb-dev [--show N]
A source sentence is in error when either annotator changed it; a check's precision is the share of
the sentences it flags that are in error (against the base rate: the share of all sentences in
error). The annotators' own corrected sentences are also checked: a flag there is a false alarm on
English a person has just corrected, so a check that raises none on them is not noisy on web text.
The house glossary gives GR010 its names. The data is evaluation data kept outside the package:
measure with it, never tune rules to it.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

import regex

from cleanup.house import load_glossary
from cleanup.model import Document
from cleanup.pipeline import Settings, process
from cleanup.rules.grammar import RULES as HOUSE_GRAMMAR
from cleanup.rules.translation import GR010
from cleanup.rules.translation import RULES as TRANSLATION_GRAMMAR

CHECKS = HOUSE_GRAMMAR + TRANSLATION_GRAMMAR
# The words each translation check starts from: a sentence holding them is one it could misjudge, so
# "0 flags on N such sentences" tells how often it was tempted, and resisted, on ordinary English.
TRIGGERS = {
    "GR005": r"\b(?:succeed|insist)(?:s|ed|ing)?\s+to\b",
    "GR006": r"\bprevent(?:s|ed|ing)?\b.*\bto\b",
    "GR007": r"\b(?:despite|in spite of|although|even though)\b.*\bbut\b",
    "GR008": r"\bmost \w+ of\b",
    "GR009": r"\b(?:stress|emphasi[sz]|complain)\w*\s+(?:on|from)\b",
    "GR010": r"\bthe\s+(?-i:\p{Lu})",
    "GR011": r"\bthe\s+\w+\s+of\b.*\b(?:is|are|was|were|has|have)\b",
    "GR012": r"^(?-i:The)(?:\s+\w+){1,3},",
}


def load(folder: Path) -> tuple[list[tuple[str, bool]], list[str]]:
    """(sentence, whether a person corrected it) for every source sentence, and every changed correction."""
    sentences, corrections = [], []
    for source_file in sorted(folder.glob("*.source")):
        sources = source_file.read_text(encoding="utf-8").splitlines()
        annotations = [source_file.with_suffix(s).read_text(encoding="utf-8").splitlines() for s in (".ann1", ".ann2")]
        sentences += [(s, any(a[i] != s for a in annotations)) for i, s in enumerate(sources)]
        corrections += [a[i] for a in annotations for i, s in enumerate(sources) if a[i] != s]
    return sentences, corrections


def flagged_by(texts: list[str], settings: Settings) -> dict[str, list[int]]:
    """For each check id, the indexes of the texts it flags."""
    flagged: dict[str, list[int]] = defaultdict(list)
    for index, text in enumerate(texts):
        for rule in sorted({flag.rule for flag in process(Document(text), settings).flags}):
            flagged[rule].append(index)
    return flagged


def every_name_glossary(texts: list[str]) -> str:
    """A glossary naming every capitalised word written after "the": GR010 then judges every such use."""
    names = {}
    for text in texts:
        for name in regex.findall(r"(?<=\b[Tt]he[ \t]+)\p{Lu}[\p{L}]*\p{L}", text):
            names.setdefault(name.casefold(), name)
    return "names:\n" + "".join(f"  - {json.dumps(name)}\n" for name in sorted(names.values()))


def exposed(rule_id: str, texts: list[str]) -> str:
    """How many texts hold the words a check starts from (a dash for checks without triggers)."""
    trigger = TRIGGERS.get(rule_id)
    if trigger is None:
        return "—"
    return f"{sum(regex.search(trigger, text, regex.IGNORECASE) is not None for text in texts):,}"


def precision(flagged: list[int], wrong: list[bool]) -> str:
    """Share of flagged sentences in error, or a dash when nothing is flagged (undefined)."""
    return f"{sum(wrong[i] for i in flagged) / len(flagged):.0%}" if flagged else "—"


def print_table(texts: list[str], wrong: list[bool], on_sources: dict, on_corrections: dict) -> None:
    """One Markdown row per check: exposure, flags, precision, false alarms on corrected sentences."""
    print("| id | sentences with its trigger words | flagged | in error | precision | flags on corrected sentences |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for rule in CHECKS:
        hits = on_sources.get(rule.id, [])
        print(
            f"| {rule.id} | {exposed(rule.id, texts)} | {len(hits)} | {sum(wrong[i] for i in hits)} "
            f"| {precision(hits, wrong)} | {len(on_corrections.get(rule.id, []))} |"
        )


def stress_article_check(texts: list[str], wrong: list[bool], show: int) -> None:
    """GR010 as if every capitalised word after "the" were a glossary name: its logic on real uses of "the"."""
    glossary = load_glossary([("every-name.yaml", every_name_glossary(texts))])
    stressed = flagged_by(texts, Settings(glossary, (GR010,))).get("GR010", [])
    print(
        f"\nGR010 with every capitalised word after “the” taken as a glossary name: {len(stressed)} flagged, "
        f"{sum(wrong[i] for i in stressed)} in error ({precision(stressed, wrong)})"
    )
    for index in stressed[:show]:
        print(f"GR010 (every name; {'corrected' if wrong[index] else 'left'}): {texts[index]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path, help="folder with CWEB-*.dev.source/.ann1/.ann2")
    parser.add_argument("--glossary", type=Path, default=Path(__file__).parent.parent / "glossary" / "house.yaml")
    parser.add_argument("--show", type=int, default=3, help="flagged sentences to print per check")
    args = parser.parse_args()
    sentences, corrections = load(args.data)
    texts = [text for text, _ in sentences]
    wrong = [w for _, w in sentences]
    glossary = load_glossary([(str(args.glossary), args.glossary.read_text(encoding="utf-8"))])
    settings = Settings(glossary, CHECKS)
    on_sources = flagged_by(texts, settings)
    on_corrections = flagged_by(corrections, settings)
    print(f"{len(texts):,} sentences, {sum(wrong):,} corrected by a person (base rate {sum(wrong) / len(wrong):.0%});")
    print(f"{len(corrections):,} corrected sentences (a flag there is a false alarm)\n")
    print_table(texts, wrong, on_sources, on_corrections)
    stress_article_check(texts, wrong, args.show)
    for rule in CHECKS:
        shown = [("source, corrected" if wrong[i] else "source, left", texts[i]) for i in on_sources.get(rule.id, [])]
        shown += [("a correction", corrections[i]) for i in on_corrections.get(rule.id, [])]
        for kind, text in shown[: args.show]:
            print(f"{rule.id} ({kind}): {text}")


if __name__ == "__main__":
    main()
