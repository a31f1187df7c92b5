"""No wrong safe change: each class of text issue 13 reproduced, through the real command line, with the
house-style rules and a glossary an editor would write."""

import pytest

from cleanup.cli import main

GLOSSARY = "terms:\n  - preferred: SDF\n    variants: [Qasad]\n  - preferred: ISIS\n    variants: [Daesh, ISIL]\nnames: [al-Baaj, al-Qaim]\n"


@pytest.fixture
def fix_text(tmp_path, monkeypatch):
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "house.yaml").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")

    def run(text: str, name: str = "a.txt", *options: str) -> str:
        (tmp_path / "seeds" / name).write_text(text, encoding="utf-8")
        assert main(["fix", "-q", "--grammar", "none", "--no-cache", f"seeds/{name}", *options]) == 0
        return (tmp_path / "corrected" / name).read_text(encoding="utf-8")

    return run


@pytest.mark.parametrize(
    "before, after",
    [
        ("It was a SDF-held town.\n", "It was an SDF-held town.\n"),
        ("an SDF-held town, an FBI-led raid, an NGO-run camp, an MP-led committee.\n", None),
        ("It was a ISIL-claimed attack.\n", "It was an ISIS-claimed attack.\n"),
        ("a well-known man and a one-off, a U-turn.\n", None),
    ],
)
def test_a_or_an_before_a_compound_is_judged_by_its_first_element(fix_text, before, after):
    assert fix_text(before) == (after or before)


@pytest.mark.parametrize(
    "before, after",
    [
        ("He gave her her share.\n", None),
        ("He gave in in the end.\n", None),
        ("He carried on on his own.\n", None),
        ("He had had enough.\n", None),
        ("In the the city and and the desert.\n", "In the city and the desert.\n"),
    ],
)
def test_only_doubles_that_are_never_grammatical_are_removed(fix_text, before, after):
    assert fix_text(before) == (after or before)


@pytest.mark.parametrize("name", ["a.md", "a.txt"])
def test_markdown_and_list_line_starts_are_sentence_starts(fix_text, name):
    text = "# Al-Baaj after the war\n\n- Al-Baaj is open.\n- A Qasad patrol left.\n\n> Al-Qaim was retaken.\n"
    expected = "# Al-Baaj after the war\n\n- Al-Baaj is open.\n- An SDF patrol left.\n\n> Al-Qaim was retaken.\n"
    assert fix_text(text, name) == expected


def test_table_cells_start_sentences(fix_text):
    text = "| Town | Held by |\n| --- | --- |\n| Al-Baaj | A Qasad unit |\n"
    assert fix_text(text, "a.md") == "| Town | Held by |\n| --- | --- |\n| Al-Baaj | An SDF unit |\n"


def test_a_full_stop_that_starts_a_word_keeps_its_space(fix_text):
    text = "They receive .au audio, .wav files and .NET code , then stop .\n"
    assert fix_text(text) == "They receive .au audio, .wav files and .NET code, then stop.\n"


@pytest.mark.parametrize(
    "before, after",
    [
        ("the SDF,Qasad and the coalition.\n", "the SDF and the coalition.\n"),
        ("the SDF, Qasad, and the coalition.\n", "the SDF and the coalition.\n"),
        ("the ISIS, Daesh and al-Qaeda.\n", "the ISIS and al-Qaeda.\n"),
        ("the SDF (Qasad) attacked.\n", "the SDF attacked.\n"),
        ("New York, New York, and Qasad.\n", "New York, New York, and SDF.\n"),
    ],
)
def test_a_list_that_names_the_same_thing_twice_loses_the_repeat(fix_text, before, after):
    assert fix_text(before) == after


def test_fix_is_stable_on_these_classes(fix_text):
    text = "- A Qasad patrol met a SDF-held town; the SDF,Qasad and the the army gave in in the end .\n"
    once = fix_text(text)
    assert fix_text(once, "b.txt") == once
