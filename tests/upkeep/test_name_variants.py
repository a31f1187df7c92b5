"""`cleanup glossary suggest` through the real command line: romanization variants found together,
different names, possessives and quotes kept apart, and the house glossary never contradicted."""

import re

import pytest

from cleanup.cli import main
from cleanup.glossary.name_keys import same_name
from cleanup.house import load_glossary
from cleanup.upkeep.name_variants import suggest
from tests.conftest import ROOT, TWO_ENTRIES

SEED = ROOT / "seeds" / "000_34c7e98329047369.txt"
HOUSE = TWO_ENTRIES


def article(*names: str) -> str:
    """An article that names each form once, mid-sentence."""
    return "".join(f"Officials said {name} would attend the talks in the city.\n" for name in names)


def proposed(capsys, *args: str) -> dict[str, list[str]]:
    """Run `glossary suggest --yaml` and read its output back as a glossary: {preferred: variants}."""
    assert main(["glossary", "suggest", "seeds", "--yaml", *args]) == 0
    out = capsys.readouterr().out
    return {t.preferred: list(t.variants) for t in load_glossary([("suggested.yaml", out)]).terms}


def forms_of(found: dict[str, list[str]]) -> list[set[str]]:
    return [{preferred, *variants} for preferred, variants in found.items()]


@pytest.mark.parametrize(
    "spellings",
    [
        ("Deir ez-Zor", "Deir Ezzor", "Deir al-Zour"),  # sun-letter article, glued, plain
        ("Abu Hurairah", "Abu Huraira", "Abu Hurayrah"),  # final h, y for i
        ("ʿAishah", "Aisha"),  # a leading ʿayn is part of the name
        ("Al Suwaidi", "al-Suwaidi"),  # the article with a space or a hyphen
        ("Qasim", "Kasim"),  # q/k
        ("Bashir", "Bachir"),  # sh/ch
        ("Majed", "Majid"),  # e for i
        ("Mahdi", "Mehdi"),  # e for a
        ("Mansour", "Mansur"),  # ou/u
        ("Hassan", "Hasan"),  # doubled letters
        ("Fadhil", "Fadil"),  # dh for d
        ("Gamal", "Jamal"),  # Egyptian g for j
        ("Rayane", "Rayan"),  # French final e
        ("Abdel Kader", "Abdulqadir"),  # ʿAbd al- compounds
        ("Noureddine", "Nur al-Din"),  # ad-Dīn compounds
        ("Safar", "Sfar"),  # Maghrebi dropped first vowel
    ],
)
def test_romanization_variants_are_proposed_as_one_entry(project, capsys, spellings):
    (project / "seeds" / "a.txt").write_text(article(*spellings), encoding="utf-8")
    assert forms_of(proposed(capsys)) == [set(spellings)]


@pytest.mark.parametrize(
    "names",
    [("Hassan", "Hussein"), ("Ahmed", "Hamad"), ("Kamal", "Jamal"), ("Mahmoud", "Muhammad"), ("Hamid", "Hamad")],
)
def test_different_names_are_never_paired(project, capsys, names):
    (project / "seeds" / "a.txt").write_text(article(*names, *names), encoding="utf-8")
    assert proposed(capsys) == {}
    assert not same_name(*names)


@pytest.mark.parametrize(
    "text",
    [
        "Anas spoke first. Anas's brother and Anas’s cousin spoke later.\n",  # possessives
        "They said 'praise be to Allah' and Allah' was quoted; Allah is great.\n",  # a closing quote
        "He wrote 'Aishah' in quotes, and Aishah answered.\n",  # an opening quote
    ],
)
def test_possessives_and_quotes_are_not_spellings(project, capsys, text):
    (project / "seeds" / "a.txt").write_text(text, encoding="utf-8")
    assert proposed(capsys) == {}


def test_a_leading_apostrophe_is_read_past_and_left_out_of_the_form(project, capsys):
    (project / "seeds" / "a.txt").write_text(article("'Aishah", "’Aishah", "Aisha"), encoding="utf-8")
    assert forms_of(proposed(capsys)) == [{"Aishah", "Aisha"}]


def test_the_backtick_is_an_apostrophe_inside_a_name_so_no_name_is_cut(project, capsys):
    (project / "seeds" / "a.txt").write_text(article("Mus`ab", "Musab", "Mus"), encoding="utf-8")
    assert forms_of(proposed(capsys)) == [{"Mus`ab", "Musab"}]


def test_the_house_glossary_is_read_by_default_and_a_known_variant_extends_its_entry(project, capsys):
    (project / "seeds" / "a.txt").write_text(article("Daash", "Da’ash", "Daash", "Daesh"), encoding="utf-8")
    assert proposed(capsys) == {"ISIS": ["Daesh"]}  # never "preferred: Daash"
    assert main(["glossary", "suggest", "seeds"]) == 0
    table = capsys.readouterr().out
    assert "│ ISIS (0)" in table and "[in glossary]" in table and "│ Daesh (1)" in table and "Daash" not in table


def test_a_named_glossary_replaces_the_house_one(project, capsys):
    (project / "other.yaml").write_text("names: [Mosul]\n", encoding="utf-8")
    (project / "seeds" / "a.txt").write_text(article("Daash", "Da’ash", "Daash"), encoding="utf-8")
    assert proposed(capsys, "--glossary", "other.yaml") == {"Daash": ["Da’ash"]}
    assert proposed(capsys) == {}  # the house glossary holds both spellings


def test_a_new_spelling_of_a_glossary_name_is_proposed_alone(project, capsys):
    (project / "seeds" / "a.txt").write_text(article("Rasoul"), encoding="utf-8")
    assert proposed(capsys) == {"Rasool": ["Rasoul"]}


def test_two_glossary_entries_are_never_merged(project, capsys):
    (project / "glossary" / "house.yaml").write_text("names: [Majid, Majed]\n", encoding="utf-8")
    (project / "seeds" / "a.txt").write_text(article("Majid", "Majed", "Majeed"), encoding="utf-8")
    assert proposed(capsys) == {}


def test_without_any_glossary_every_name_is_new(project, capsys):
    (project / "glossary" / "house.yaml").unlink()
    (project / "seeds" / "a.txt").write_text(article("Rasul", "Rasool", "Rasool"), encoding="utf-8")
    assert proposed(capsys) == {"Rasool": ["Rasul"]}


def test_on_the_seed_the_house_glossary_covers_every_pair(monkeypatch, capsys):
    found = suggest([("seed", SEED.read_text(encoding="utf-8"))])
    assert [sorted(f.text for f in s.forms) for s in found] == [["Daash", "Da’ash"], ["Rasool", "Rasul"]]
    monkeypatch.chdir(ROOT)
    assert main(["glossary", "suggest", "seeds"]) == 0
    assert "(0)" in capsys.readouterr().out


def test_suggest_yaml_is_a_valid_glossary_and_names_where(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert main(["glossary", "suggest", "seeds", "--yaml", "--glossary", "glossary/rules.yaml"]) == 0
    out = capsys.readouterr().out
    glossary = load_glossary([("s.yaml", out)])
    assert {t.preferred for t in glossary.terms} == {"Daash", "Rasool"}
    assert re.search(r"# Rasool \(1\), Rasul \(1\) — seeds/000_34c7e98329047369\.txt:\d+", out)


def test_suggest_extends_an_entry_that_covers_one_spelling():
    text = "Muhammad spoke. Later Mohammed spoke again, and Muhammad left."
    (found,) = suggest([("a", text)], covered=[("Muhammad", [])])
    assert (found.extends, [v.text for v in found.variants]) == ("Muhammad", ["Mohammed"])


def test_suggest_pairs_compound_names_and_never_look_alike_names():
    text = (
        "Abu Huraira narrated it. Hassan met Hussein, and Ahmed met Hamad in Kirkuk.\n"
        "Later Abu Hurairah was quoted again, and Abu Huraira too.\n"
    )
    found = suggest([("a", text)])
    assert [(s.preferred.text, [v.text for v in s.variants]) for s in found] == [("Abu Huraira", ["Abu Hurairah"])]
    assert found[0].preferred.count == 2 and found[0].preferred.places[0] == ("a", 1, 1)


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Rasool", "Rasul", True),
        ("Daash", "Da’ash", True),
        ("Mohammed", "Muhammad", True),
        ("Abu Huraira", "Abu Hurairah", True),
        ("alBadya", "al-Badya", True),
        ("Omar", "Umar", True),
        ("Deir ez-Zor", "Deir Ezzor", True),
        ("Abdessamad", "Abdul Samad", True),
        ("Hassan", "Hussein", False),
        ("Ahmed", "Hamad", False),
        ("Kirkuk", "Kirkus", False),
        ("Hasan", "Hosni", False),
        ("Omar", "Amr", False),
        ("Nasser", "Nasr", False),
    ],
)
def test_romanization_fold(a, b, same):
    assert same_name(a, b) is same
