"""The checks against the source measured on real professional translations: 400 NTREX-128 news sentences
(CC BY-SA 4.0, tests/data/ntrex) in documents of ten, clean and with errors injected one at a time, by
`bench/source_precision.py` itself, run as a user runs it on that excerpt (the whole set: `--ntrex`)."""

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def measured() -> dict:
    """The benchmark's measurements on the excerpt, as its --json prints them."""
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "source_precision.py"), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout)


def injected(measured: dict, *rules: str) -> dict:
    """The measurement of the errors the given rules are expected to find."""
    return next(row for row in measured["injected"] if tuple(row["rules"]) == rules)


def test_numbers_dropped_or_changed_in_real_translations_are_found(measured):
    numbers = injected(measured, "SRC001", "SRC002")
    assert numbers["cases"] >= 60
    assert numbers["recall"] >= 0.95 and numbers["precision"] >= 0.95


def test_names_removed_from_real_translations_are_found(measured):
    names = injected(measured, "SRC003")
    assert names["cases"] >= 10
    assert names["recall"] >= 0.8 and names["precision"] >= 0.9


def test_clean_professional_translations_raise_no_script_untranslated_or_missing_flags(measured):
    assert measured["pairs"] == 400
    assert not {rule: n for rule, n in measured["clean"].items() if rule in ("SRC005", "SRC006", "SRC007")}
