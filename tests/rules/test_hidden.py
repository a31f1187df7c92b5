"""No gate a zero-width space walks through: every glossary variant, hidden by an invisible character or
forged with a lookalike letter, is found by `check` and normalized by `fix` (through the real CLI)."""

import json

import pytest

from cleanup.cli import main
from cleanup.house import load_glossary
from cleanup.rules.hidden import LOOKALIKES
from cleanup.words.marks import INVISIBLE
from tests.conftest import ROOT

HOUSE = load_glossary([(str(p), p.read_text(encoding="utf-8")) for p in sorted((ROOT / "glossary").glob("*.yaml"))])
LATIN_OF = {chr(k): v for k, v in LOOKALIKES.items()}
FORGERY = {latin: lookalike for lookalike, latin in LATIN_OF.items()}  # a lookalike for each Latin letter it mimics


def hidden_forms() -> list[tuple[str, str]]:
    """(variant, a hidden form of it): an invisible character at each place inside it, and each letter
    that has a lookalike swapped for it."""
    forms = []
    for term in HOUSE.terms:
        for variant in term.variants:
            if " " in variant:
                continue
            for at in range(1, len(variant)):
                if variant[at - 1].isalpha() and variant[at].isalpha():
                    forms += [(variant, variant[:at] + mark + variant[at:]) for mark in INVISIBLE]
            for at, letter in enumerate(variant):
                if letter in FORGERY and letter != FORGERY[letter]:
                    forms.append((variant, variant[:at] + FORGERY[letter] + variant[at + 1 :]))
    return forms


FORMS = hidden_forms()


def test_every_variant_has_hidden_forms_to_measure():
    assert len(FORMS) > 150  # the house glossary's one-word variants, hidden every way


@pytest.fixture
def house(tmp_path, monkeypatch):
    (tmp_path / "glossary").mkdir()
    for path in (ROOT / "glossary").glob("*.yaml"):
        (tmp_path / "glossary" / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_hidden_variant_fails_the_gate_and_is_normalized(house, capsys):
    """One article holding every hidden form, each in a sentence where the plain variant is changed."""
    lines = [f"On day {i} Yahya Rasool said the {hidden} fighters attacked." for i, (_, hidden) in enumerate(FORMS)]
    (house / "seeds" / "a.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["check", "-q", "--no-cache", "--grammar", "none", "--fail-on", "warning"]) == 1
    capsys.readouterr()
    assert main(["fix", "-q", "--no-cache", "--grammar", "none"]) == 0
    edition = (house / "corrected" / "a.txt").read_text(encoding="utf-8").splitlines()
    plain = [f"On day {i} Yahya Rasool said the {variant} fighters attacked." for i, (variant, _) in enumerate(FORMS)]
    (house / "seeds" / "b.txt").write_text("\n".join(plain) + "\n", encoding="utf-8")
    assert main(["fix", "-q", "--no-cache", "--grammar", "none", "seeds/b.txt"]) == 0
    expected = (house / "corrected" / "b.txt").read_text(encoding="utf-8").splitlines()
    missed = [(hidden, got) for (_, hidden), got, want in zip(FORMS, edition, expected, strict=True) if got != want]
    assert missed == []
    log = json.loads((house / "corrected" / "a.txt.changes.json").read_text(encoding="utf-8"))
    assert all("UC00" in c["rule"] for c in log["changes"])  # each change explains the hidden letter it undid


def test_words_of_other_scripts_and_joiners_in_arabic_stay(house):
    text = "Москва, Αθήνα and می\u200cخواهم stay.\n"
    (house / "seeds" / "a.txt").write_text(text, encoding="utf-8")
    assert main(["fix", "-q", "--no-cache", "--grammar", "none"]) == 0
    assert (house / "corrected" / "a.txt").read_text(encoding="utf-8") == text
