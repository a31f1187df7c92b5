"""The checks against the source measured on real professional translations: 400 NTREX-128 news sentences
(CC BY-SA 4.0, tests/data/ntrex) in documents of ten, clean and with errors injected one at a time, by the
same measurement as `bench/source_precision.py` on the whole set."""

import functools
import importlib.util
import random
import sys
from collections import Counter

import pytest

from cleanup.glossary.loader import load_glossary
from cleanup.pipeline import Settings
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data" / "ntrex"
_SPEC = importlib.util.spec_from_file_location("source_precision", ROOT / "bench" / "source_precision.py")
bench = sys.modules.setdefault("source_precision", importlib.util.module_from_spec(_SPEC))
_SPEC.loader.exec_module(bench)


@pytest.fixture(scope="module")
def documents() -> list[tuple[list[str], list[str]]]:
    english = (DATA / "eng.txt").read_text(encoding="utf-8").splitlines()
    arabic = (DATA / "arb.txt").read_text(encoding="utf-8").splitlines()
    return bench.in_documents(english, arabic)


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings(load_glossary([("bench-glossary.yaml", bench.GLOSSARY)]))


def test_numbers_dropped_or_changed_in_real_translations_are_found(settings, documents):
    edits = functools.partial(bench.number_edits, rng=random.Random(11))
    recall, precision, cases, _ = bench.measure(settings, documents, edits, ("SRC001", "SRC002"))
    assert cases >= 60
    assert recall >= 0.95 and precision >= 0.95


def test_names_removed_from_real_translations_are_found(settings, documents):
    edits = functools.partial(bench.term_edits, settings=settings)
    recall, precision, cases, _ = bench.measure(settings, documents, edits, ("SRC003",))
    assert cases >= 10
    assert recall >= 0.8 and precision >= 0.9


def test_clean_professional_translations_raise_no_script_untranslated_or_missing_flags(settings, documents):
    raised = Counter(rule for english, arabic in documents for rule, _ in bench.flags(settings, english, arabic))
    assert not {rule: n for rule, n in raised.items() if rule in ("SRC005", "SRC006", "SRC007")}
