"""A checker's flags worth an editor's time, through the real CLI with Harper: a house choice is no error, a
word is judged once, a brand or a foreign phrase is no misspelling, a quotation over lines is not unclosed."""

import json

import pytest

from cleanup.cli import main


@pytest.fixture
def flags(tmp_path, monkeypatch):
    """`flags(text)`: the flags `cleanup fix` (Harper, American English) raises on an article."""
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "house.yaml").write_text("terms: []\n", encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    monkeypatch.chdir(tmp_path)

    def run(text: str) -> list[dict]:
        (tmp_path / "seeds" / "a.txt").write_text(text, encoding="utf-8")
        assert main(["fix", "-q", "--no-cache", "--dialect", "american"]) == 0
        return json.loads((tmp_path / "corrected" / "a.txt.changes.json").read_text(encoding="utf-8"))["flags"]

    return run


def test_a_misspelling_is_flagged_once_with_how_often(flags):
    found = [f for f in flags("The army recieved orders. The police recieved none. All recieved it.\n")]
    spelling = [f for f in found if f["rule"] == "HP:SpellCheck"]
    assert [f["text"] for f in spelling] == ["recieved"] and "(written so 3 times)" in spelling[0]["message"]


def test_a_hyphenated_prefix_is_a_house_choice_but_a_prefix_apart_is_flagged(flags):
    found = flags("She co-stars in the show and faces re-election.\n\nThey were over paying the tax every year.\n")
    assert [f["text"] for f in found if f["rule"] == "HP:DisjointPrefixes"] == ["over paying"]


def test_brands_and_hyphenated_name_parts_are_no_misspellings(flags):
    found = flags(
        "A YouGov poll and the MeToo movement met Kim Jong-un and the HER2 team after Roe v. Wade; the goverment fell.\n"
    )
    assert [f["text"] for f in found if f["category"] == "Spelling"] == ["goverment"]


def test_a_phrase_in_another_language_is_one_flag(flags):
    found = flags("He said: Il faut bien le faire. Then he left the recieved room.\n")
    spelling = [(f["text"], f["suggestions"]) for f in found if f["category"] == "Spelling"]
    assert spelling[0] == ("faut bien le faire", []) and spelling[1][0] == "recieved"


def test_a_straight_quotation_over_one_sentence_lines_is_not_unclosed(flags):
    text = '"Every minute an ambulance brings in bodies.\nClean water is scarce," he said.\nThe army left the town.\n'
    assert [f for f in flags(text) if f["rule"] == "HP:UnclosedQuotes"] == []
    unclosed = '"Every minute an ambulance brings in bodies.\n\nClean water is scarce, he said.\n'
    assert [f["rule"] for f in flags(unclosed) if f["rule"] == "HP:UnclosedQuotes"] == ["HP:UnclosedQuotes"]


def test_acronym_plurals_and_a_dateline_in_capitals_are_no_misspellings(flags):
    found = flags("BAGHDAD, 14 March — Baghdad MPs met the NGOs. Some 2,000 families in Turkey waited.\n")
    assert [f["text"] for f in found if f["category"] == "Spelling"] == []
    assert [f["rule"] for f in found if f["rule"] in ("HP:QuantifierNumeralConflict", "HP:UpdatePlaceNames")] == []
    found = flags("NASIRIYAH — A delegation visited the prison.\n\nThe goverment said the prison was calm.\n")
    assert [f["text"] for f in found if f["category"] == "Spelling"] == ["goverment"]
