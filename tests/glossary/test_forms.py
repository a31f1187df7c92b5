"""The glossary's forms wherever translators write them, and never where a term is only named.

Every case runs through the real command line on a file, with a glossary an editor would write."""

import json

import pytest

from cleanup.cli import main

GLOSSARY = """\
terms:
  - preferred: ISIS
    variants: [Daash, "Da'ash", Daesh, ISIL]
  - preferred: SDF
    variants: [Qasad]
  - preferred: Syrian Democratic Forces
    variants: [Syrian Democratic forces]
  - preferred: sleeper cells
    variants: [sleeping cells]
  - preferred: al-Badia
    variants: [al-Badya, Badya]
  - preferred: Rasool
    variants: [Rasul]
    sense: name
    unless: ["Rasul Allah"]
names:
  - Foreign Policy
"""


@pytest.fixture
def run_fix(tmp_path, monkeypatch):
    """Write `text` as an article, run `cleanup fix` on it, and return the corrected text and changes."""
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "house.yaml").write_text(GLOSSARY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")

    def run(text: str, name: str = "article.txt") -> tuple[str, list[dict]]:
        (tmp_path / "seeds").mkdir(exist_ok=True)
        (tmp_path / "seeds" / name).write_text(text, encoding="utf-8")
        code = main(["fix", "seeds", "--grammar", "none", "--select", "GL,AA", "--no-cache", "-q"])
        assert code == 0
        corrected = (tmp_path / "corrected" / name).read_text(encoding="utf-8")
        changes = json.loads((tmp_path / "corrected" / f"{name}.changes.json").read_text(encoding="utf-8"))
        return corrected, changes["changes"]

    return run


@pytest.mark.parametrize(
    "before, after",
    [
        ("the anti-Daesh coalition", "the anti-ISIS coalition"),
        ("Anti-Daesh operations cost more", "Anti-ISIS operations cost more"),  # capital for the sentence
        ("# Pro-Qasad tribes", "# Pro-SDF tribes"),
        ("Daesh-affiliated groups", "ISIS-affiliated groups"),
        ("a ISIL-claimed attack", "an ISIS-claimed attack"),
        ("the pro-Qasad tribes and Qasad-held towns", "the pro-SDF tribes and SDF-held towns"),
        ("a sleeping cell in the desert", "a sleeper cell in the desert"),
        ("sleeping-cell attacks", "sleeper-cell attacks"),
        ("Sleeping cell members", "Sleeper cell members"),
        ("the Syrian democratic forces said", "the Syrian Democratic Forces said"),
        ("the Syrian democratic Forces said", "the Syrian Democratic Forces said"),
        ("Brigadier Yahya Rasul said", "Brigadier Yahya Rasool said"),
        ("Rasul’s statement", "Rasool’s statement"),
    ],
)
def test_forms_translators_write_are_normalized(run_fix, before, after):
    corrected, changes = run_fix(before + ".\n")
    assert corrected == after + ".\n"
    assert all(change["rule"].startswith(("GL:", "AA001")) for change in changes)


@pytest.mark.parametrize(
    "text",
    [
        # A term named as a word is a mention, not a use.
        "The SDF, known in Arabic as Qasad, said so.",
        "The group, which it calls Daesh, said so.",
        "The group (Arabic: Da’ash) said so.",
        "The word “Daash” is Arabic.",
        "He said the SDF, Qasad in Arabic, was there.",
        # Arabic articles and particles are part of a name, not an English affix.
        "The bin-Daash clan and Abu-Daash.",
        "Al-Daash said so. Bin-Daash left.",
        # A capitalised first part mid-sentence is a name's, not an English prefix's.
        "They met Anti-Daash and Pro-Qasad there.",
        # Rasul means messenger: not the spokesman's name.
        "The Rasul of Allah said, and Rasul Allah said, and his Rasul.",
        # Capitals missing only count mid-sentence on names that have variants; headlines have extra capitals.
        "Syrian democratic forces are not named here. SYRIAN DEMOCRATIC FORCES. The Syrian Democratic Forces.",
        "Its foreign policy and Foreign policy matter.",
        # A singular is derived only for a phrase: a one-word variant keeps its exact spelling.
        "The cell slept.",
    ],
)
def test_mentions_and_other_senses_are_left_alone(run_fix, text):
    corrected, changes = run_fix(text + "\n")
    assert corrected == text + "\n"
    assert changes == []


def test_an_unless_phrase_must_hold_a_variant(tmp_path, monkeypatch, capsys):
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "house.yaml").write_text(
        'terms:\n  - preferred: Rasool\n    variants: [Rasul]\n    unless: ["the messenger"]\n    sense: title\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["glossary", "check"]) == 2
    err = capsys.readouterr().err
    assert "glossary/house.yaml:4:14: “unless” phrase “the messenger” holds none of the entry's variants" in err
    assert "glossary/house.yaml:5:12: “sense” must be one of: name" in err


def test_a_failing_unless_example_is_reported(tmp_path, monkeypatch, capsys):
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "house.yaml").write_text(
        'terms:\n  - preferred: Rasool\n    variants: [Rasul]\n    unless: ["Rasul Allah"]\n'
        '    examples:\n      - {from: "Rasul Allah said", to: "Rasool Allah said"}\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["glossary", "check"]) == 2
    assert "example of “Rasool” fails: “Rasul Allah said” became “Rasul Allah said”" in capsys.readouterr().err


def test_fix_is_stable_on_its_own_output(run_fix):
    text = "A ISIL-claimed raid by a sleeping cell near the anti-Daesh line, the Syrian democratic forces said.\n"
    corrected, _ = run_fix(text)
    again, changes = run_fix(corrected, "again.txt")
    assert again == corrected and changes == []
