"""The glossary from the editors' desk: each entry's use across an archive, `suggest`'s proposals as edits,
unknown names, and edits made in place, checked before they are written, with the articles they touch."""

import pytest

from cleanup.house import GlossaryError, house_glossary
from cleanup.upkeep.archive_usage import archive_usage
from cleanup.upkeep.candidates import ENTRY, VARIANT, candidates, names_unknown
from cleanup.upkeep.editing import affected_articles, entry_edit, names_edit, variant_edit, write_edit

HOUSE = """\
# The house glossary.
terms:
  # The organization: one name throughout.
  - preferred: ISIS
    variants: [Daash, "Da'ash"]   # Daesh is added when an op-ed quotes it

  - preferred: Syrian Democratic Forces
    variants: [Syrian Democratic forces]

names:
  - Mosul    # city
"""
ARTICLES = [
    ("a.txt", "The Daash fighters left Mosul. ISIS came back. The Syrian Democratic forces held.\n"),
    ("b.txt", "Da’ash and Daash again, and Daesh once. The Syrian Democratic Forces agreed.\n"),
    ("c.txt", "Nothing here.\n"),
]


@pytest.fixture
def house(tmp_path):
    path = tmp_path / "house.yaml"
    path.write_text(HOUSE, encoding="utf-8")
    return path


def test_each_entry_counts_its_forms_and_the_articles_they_are_in():
    usage = {entry.rule: entry for entry in archive_usage(house_glossary([("g.yaml", HOUSE)]), ARTICLES)}
    isis = usage["GL:ISIS"]
    assert (isis.preferred.count, isis.preferred.articles) == (1, ["a.txt"])
    assert [(v.form, v.count, v.articles, v.listed) for v in isis.variants] == [
        ("Daash", 2, ["a.txt", "b.txt"], True),
        ("Da'ash", 1, ["b.txt"], True),
    ]
    assert isis.articles == ["a.txt", "b.txt"] and isis.where is not None and isis.where.line == 4
    forces = usage["GL:Syrian-Democratic-Forces"]  # written in its variant's case, it is no use of the preferred form
    assert (forces.preferred.count, forces.variants[0].count) == (1, 1)
    assert usage["GL:Mosul"].preferred.articles == ["a.txt"]


def test_a_variant_is_added_in_place_checked_and_written(house):
    files = [(str(house), HOUSE)]
    edit = variant_edit(files, "ISIS", ["Daesh"])
    assert edit.path == str(house) and "Daesh" in {v for t in edit.glossary.terms for v in t.variants}
    assert "# Daesh is added when an op-ed quotes it" in edit.after and "# city" in edit.after
    assert affected_articles(edit.forms, ARTICLES) == ["a.txt", "b.txt"]
    write_edit(edit)
    assert house.read_text(encoding="utf-8") == edit.after
    assert [p.name for p in house.parent.iterdir()] == ["house.yaml"]


def test_a_bad_edit_names_the_place_and_writes_nothing(house):
    files = [(str(house), HOUSE)]
    with pytest.raises(GlossaryError) as caught:
        variant_edit(files, "ISIS", ["Syrian Democratic Forces"])
    assert str(caught.value).startswith(f"{house}:")
    assert all(problem.where.line and problem.where.column for problem in caught.value.problems)
    assert house.read_text(encoding="utf-8") == HOUSE
    with pytest.raises(GlossaryError, match="no entry “IS”"):
        variant_edit(files, "IS", ["Daesh"])


def test_an_edit_of_a_file_changed_since_it_was_read_is_refused(house):
    edit = variant_edit([(str(house), HOUSE)], "ISIS", ["Daesh"])
    house.write_text(HOUSE + "loanwords: [Zakat]\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="changed on disk since it was read"):
        write_edit(edit)
    assert house.read_text(encoding="utf-8").endswith("loanwords: [Zakat]\n")


def test_a_new_entry_and_new_names(house, tmp_path):
    files = [(str(house), HOUSE)]
    entry = entry_edit(files, str(house), "Rasool", ["Rasul"], note="the spokesman")
    assert entry.after.startswith(HOUSE.split("names:")[0].rstrip("\n")) and entry.forms == ("Rasool", "Rasul")
    with pytest.raises(GlossaryError, match="“isis” is an entry already"):
        entry_edit(files, str(house), "isis", ["Daesh"])
    other = tmp_path / "people.yaml"
    names = names_edit(files, str(other), ["Hamid Faraj", "Mosul"])
    assert names.after == "names:\n  - Hamid Faraj\n" and names.forms == ("Hamid Faraj",)
    write_edit(names)
    assert other.read_text(encoding="utf-8") == names.after
    assert names_edit(files, str(house), ["Mosul"]).after == HOUSE  # nothing missing: nothing to write


def test_suggestions_become_edits_and_unknown_names_are_listed():
    glossary = house_glossary([("g.yaml", "terms:\n  - preferred: Rasool\n    variants: [Rasul]\n")])
    said = "Officials said {} would attend the talks in the city.\n"
    articles = [("a.txt", "".join(said.format(name) for name in ("Rasool", "Rasoul", "Hassan", "Hasan", "Hassan")))]
    found = {(c.action, c.preferred, c.variants) for c in candidates(glossary, articles)}
    assert found == {(VARIANT, "Rasool", ("Rasoul",)), (ENTRY, "Hassan", ("Hasan",))}
    articles.append(("b.txt", "Yahya Rasool spoke. Qutaybah Zubaydi and Qutayba Zubaydi met.\n"))
    english = set("officials said would attend the talks in city spoke and met yahya".split())
    unknown = {n.name: n for n in names_unknown(glossary, articles[1:], english.__contains__)}
    assert set(unknown) == {"Qutaybah Zubaydi", "Qutayba Zubaydi"}
    assert [(str(n.first), n.count, n.articles) for n in unknown.values()] == [
        ("b.txt:1:42", 1, ["b.txt"]),
        ("b.txt:1:21", 1, ["b.txt"]),
    ]


def test_lists_written_over_several_lines_keep_their_lines():
    text = HOUSE.replace(
        "[Syrian Democratic forces]", "[Syrian Democratic forces,\n               Syrian democratic Forces]"
    )
    files = [("g.yaml", text)]
    assert names_edit(files, "g.yaml", ["Raqqa"]).after == text + "  - Raqqa\n"
    variant = variant_edit(files, "ISIS", ["Daesh"]).after
    assert "[Syrian Democratic forces,\n               Syrian democratic Forces]" in variant
