"""No wrong safe change: each class of text issue 13 reproduced, through the real command line, with the
house-style rules and a glossary an editor would write."""

import json

import pytest

from cleanup.cli import main

GLOSSARY = "terms:\n  - preferred: SDF\n    variants: [Qasad]\n  - preferred: ISIS\n    variants: [Daesh, ISIL]\nnames: [al-Baaj, al-Qaim]\n"


@pytest.fixture
def fix_text(tmp_path, make_project):
    make_project(GLOSSARY)

    def run(text: str, name: str = "a.txt", *options: str) -> str:
        (tmp_path / "seeds" / name).write_text(text, encoding="utf-8")
        assert main(["fix", "-q", "--grammar", "none", "--no-cache", f"seeds/{name}", *options]) == 0
        return (tmp_path / "corrected" / name).read_text(encoding="utf-8")

    return run


def test_dotted_names_are_never_split_and_an_unsure_stop_is_asked_about(fix_text, tmp_path):
    text = "Open java.io.File and www.Rawabet.org. It ran on Amaq.News in Iraq.The army.Fighters left.\n"
    assert (
        fix_text(text)
        == "Open java.io.File and www.Rawabet.org. It ran on Amaq.News in Iraq. The army.Fighters left.\n"
    )
    flags = json.loads((tmp_path / "corrected" / "a.txt.changes.json").read_text(encoding="utf-8"))["flags"]
    asked = [
        (flag["rule"], flag["line"], flag["column"], flag["suggestions"]) for flag in flags if flag["rule"] == "SP007"
    ]
    assert asked == [("SP007", 1, 54, [". "]), ("SP007", 1, 76, [". "])]


@pytest.mark.parametrize(
    "before, after",
    [
        ("It was a SDF-held town.\n", "It was an SDF-held town.\n"),
        ("an SDF-held town, an FBI-led raid, an NGO-run camp, an MP-led committee.\n", None),
        ("It was a ISIL-claimed attack.\n", "It was an ISIS-claimed attack.\n"),
        ("a well-known man and a one-off, a U-turn.\n", None),
        (
            "a X-ray, an T-shirt, a 18-year-old, an U-turn, an one-off.\n",
            "an X-ray, a T-shirt, an 18-year-old, a U-turn, a one-off.\n",
        ),
    ],
)
def test_a_or_an_before_a_compound_is_judged_by_its_first_element(fix_text, before, after):
    assert fix_text(before) == (after or before)


@pytest.mark.parametrize(
    "before, after",
    [
        ("He gave her her share.\n", None),
        ("He gave them them a warning. Their presents? He gave them them.\n", None),
        ("He gave in in the end.\n", None),
        ("He carried on on his own.\n", None),
        ("He had had enough.\n", None),
        ("He came to to find the town empty, as they would approve of of course.\n", None),
        ("He got an A a year ago, like The The. My my, what a day.\n", None),
        ("In the the city and and the desert.\n", "In the city and the desert.\n"),
        ("The the city fell. THE THE CITY\n", "The city fell. THE CITY\n"),
    ],
)
def test_only_doubles_that_are_never_grammatical_are_removed(fix_text, before, after):
    assert fix_text(before) == (after or before)


@pytest.mark.parametrize("name", ["a.md", "a.txt"])
def test_markdown_and_list_line_starts_are_sentence_starts(fix_text, name):
    text = "# Al-Baaj after the war\n\n- Al-Baaj is open.\n- A Qasad patrol left.\n\n> Al-Qaim was retaken.\n"
    expected = "# Al-Baaj after the war\n\n- Al-Baaj is open.\n- An SDF patrol left.\n\n> Al-Qaim was retaken.\n"
    assert fix_text(text, name) == expected


@pytest.mark.parametrize("name", ["a.md", "a.txt"])
@pytest.mark.parametrize("marker", ["*", "+", "1."])
def test_every_list_marker_starts_a_sentence(fix_text, name, marker):
    text = f"{marker} al-Hadher is open.\n{marker} A Qasad unit left.\n"
    assert fix_text(text, name) == f"{marker} Al-Hadher is open.\n{marker} An SDF unit left.\n"


@pytest.mark.parametrize("name", ["a.md", "a.txt"])
def test_a_line_that_may_continue_the_one_before_is_left_alone(fix_text, name):
    wrapped = "The war was over in the areas of\nal-Hadher and\nAl-Shaddadi, posed by\nA Qasad patrol.\n\n> It reached\n> Al-Hadher.\n"
    assert fix_text(wrapped, name) == wrapped.replace("Qasad", "SDF")
    titled = "Al-Hadher after the war\nal-Hadher is open.\n"
    assert fix_text(titled, name) == titled


@pytest.mark.parametrize("name", ["a.md", "a.txt"])
def test_a_line_after_a_finished_sentence_or_a_blank_line_starts_one(fix_text, name):
    text = "The war ended.\nal-Hadher is open.\n\nal-Shaddadi too.\n\n> It ended.\n> al-Hadher is open.\n"
    expected = "The war ended.\nAl-Hadher is open.\n\nAl-Shaddadi too.\n\n> It ended.\n> Al-Hadher is open.\n"
    assert fix_text(text, name) == expected


def test_table_cells_start_sentences(fix_text):
    text = "| Town | Held by |\n| --- | --- |\n| Al-Baaj | A Qasad unit |\n"
    assert fix_text(text, "a.md") == "| Town | Held by |\n| --- | --- |\n| Al-Baaj | An SDF unit |\n"


def test_a_full_stop_that_starts_a_word_keeps_its_space(fix_text):
    text = "They receive .au audio, .wav files and .NET code , then stop .\n"
    assert fix_text(text) == "They receive .au audio, .wav files and .NET code, then stop.\n"


def test_a_space_on_the_wrong_side_of_a_full_stop_is_flagged_not_changed(fix_text, tmp_path):
    text = "It was held by the army .The next day it fell, and .NET code stayed.\n"
    assert fix_text(text) == text
    flags = json.loads((tmp_path / "corrected" / "a.txt.changes.json").read_text(encoding="utf-8"))["flags"]
    assert [(flag["rule"], flag["text"], flag["suggestions"]) for flag in flags if flag["rule"] == "SP005"] == [
        ("SP005", " .", [". "])
    ]


@pytest.mark.parametrize(
    "before, after",
    [
        ("ISIS, Daesh and al-Qaeda.\n", "ISIS and al-Qaeda.\n"),
        ("the SDF, Qasad, which fought.\n", "the SDF, which fought.\n"),
        (
            "the SDF, Qasad, said so; the Syrian Democratic Forces (SDF), Qasad, is here.\n",
            "the SDF said so; the Syrian Democratic Forces (SDF) is here.\n",
        ),
        ("the SDF, Qasad, the army and ISIS.\n", "the SDF, the army and ISIS.\n"),
        ("the SDF (Qasad), the army and ISIS.\n", "the SDF, the army and ISIS.\n"),
        ("the SDF,Qasad and the coalition.\n", "the SDF and the coalition.\n"),
        ("the SDF, Qasad, and the coalition.\n", "the SDF and the coalition.\n"),
        ("the ISIS, Daesh and al-Qaeda.\n", "the ISIS and al-Qaeda.\n"),
        ("the SDF (Qasad) attacked.\n", "the SDF attacked.\n"),
        ("New York, New York, and Qasad.\n", "New York, New York, and SDF.\n"),
    ],
)
def test_a_list_that_names_the_same_thing_twice_loses_the_repeat(fix_text, before, after):
    assert fix_text(before) == after


def test_a_repeat_whose_comma_cannot_be_judged_is_an_unsafe_fix(fix_text, tmp_path):
    text = "The SDF, Qasad, also said that the SDF, Qasad, however, held the town.\n"
    assert fix_text(text) == text.replace("Qasad", "SDF")
    flags = json.loads((tmp_path / "corrected" / "a.txt.changes.json").read_text(encoding="utf-8"))["flags"]
    assert [(flag["rule"], flag["line"], flag["column"]) for flag in flags] == [("AP003", 1, 8), ("AP003", 1, 39)]
    assert fix_text("The SDF, Qasad, fought on.\n", "b.txt", "--unsafe-fixes") == "The SDF fought on.\n"


def test_fix_is_stable_on_these_classes(fix_text):
    text = "- A Qasad patrol met a SDF-held town; the SDF,Qasad and the the army gave in in the end .\n"
    once = fix_text(text)
    assert fix_text(once, "b.txt") == once
