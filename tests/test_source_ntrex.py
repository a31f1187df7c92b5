"""The checks against the source measured on real professional translations: 400 NTREX-128 news sentences
(CC BY-SA 4.0, tests/data/ntrex) in documents of ten, clean and with errors injected one at a time."""

import random
import re
from collections import Counter
from pathlib import Path

import pytest

from cleanup.glossary.loader import load_glossary
from cleanup.model import Document
from cleanup.pipeline import Settings, process
from cleanup.source.arabic import find_forms
from cleanup.source.numbers import numbers

DATA = Path(__file__).parent / "data" / "ntrex"
NAMES = """\
terms:
  - {preferred: Trump, source: [ترامب]}
  - {preferred: China, also: [Chinese], source: [الصين]}
  - {preferred: Russia, also: [Russian], source: [روسيا]}
  - {preferred: Wales, also: [Welsh], source: [ويلز]}
  - {preferred: London, source: [لندن]}
  - {preferred: Brexit, source: [بريكست]}
  - {preferred: Facebook, source: [فيسبوك, فيس بوك]}
"""


@pytest.fixture(scope="module")
def documents() -> list[tuple[list[str], list[str]]]:
    english = (DATA / "eng.txt").read_text(encoding="utf-8").splitlines()
    arabic = (DATA / "arb.txt").read_text(encoding="utf-8").splitlines()
    return [(english[i : i + 10], arabic[i : i + 10]) for i in range(0, len(english), 10)]


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings(load_glossary([("names.yaml", NAMES)]))


def _flags(settings: Settings, english: list[str], arabic: list[str]) -> Counter:
    text = "\n".join(english)
    outcome = process(Document(text), settings, source=Document("\n".join(arabic)))
    return Counter((f.rule, text.count("\n", 0, f.start)) for f in outcome.flags if f.rule.startswith("SRC"))


def _measure(settings, documents, edits, rules) -> tuple[float, float, int]:
    """Recall and precision of `rules` on the edits (new flags elsewhere are false alarms), and the cases."""
    found = cases = false_alarms = 0
    for english, arabic in documents:
        before = _flags(settings, english, arabic)
        for index, line in edits(english, arabic):
            after = _flags(settings, [*english[:index], line, *english[index + 1 :]], arabic) - before
            raised = {key: n for key, n in after.items() if key[0] in rules}
            hit = any(at == index for _, at in raised)
            cases, found = cases + 1, found + hit
            false_alarms += sum(n for (_, at), n in raised.items() if at != index)
    return found / cases, found / max(found + false_alarms, 1), cases


def _dropped_numbers(english, arabic):
    for index, (line, source) in enumerate(zip(english, arabic, strict=True)):
        shared = {v for n in numbers(source) for v in n.values}
        candidates = [n for n in numbers(line) if shared & set(n.values) and not n.weak]
        if candidates:
            number = random.Random(index).choice(candidates)
            yield index, re.sub("  +", " ", line[: number.start] + line[number.end :])


def _removed_names(settings):
    def edits(english, arabic):
        for index, (line, source) in enumerate(zip(english, arabic, strict=True)):
            for term in settings.glossary.terms:
                pattern = re.compile(rf"\b{term.preferred}(?:'s)?\b")
                if pattern.search(line) and next(find_forms(source, term.source), None):
                    yield index, pattern.sub("it", line)
                    break

    return edits


def test_numbers_dropped_from_real_translations_are_found(settings, documents):
    recall, precision, cases = _measure(settings, documents, _dropped_numbers, ("SRC001", "SRC002"))
    assert cases >= 60
    assert recall >= 0.95 and precision >= 0.95


def test_names_removed_from_real_translations_are_found(settings, documents):
    recall, precision, cases = _measure(settings, documents, _removed_names(settings), ("SRC003",))
    assert cases >= 10
    assert recall >= 0.8 and precision >= 0.9


def test_clean_professional_translations_raise_no_script_untranslated_or_missing_flags(settings, documents):
    raised = Counter()
    for english, arabic in documents:
        raised.update(rule for rule, _ in _flags(settings, english, arabic).elements())
    assert not {rule: n for rule, n in raised.items() if rule in ("SRC005", "SRC006", "SRC007")}
