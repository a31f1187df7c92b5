"""House choices Harper's flags follow, through the real command line with Harper running: heading case
(`--headings`), the article's own English (`--dialect`, auto by default), and names a spelling
suggestion would turn into other words."""

import json

import pytest

from cleanup.cli import main

GLOSSARY = """\
terms:
  - preferred: ISIS
    variants: [Daash]
  - preferred: al-Badia
    variants: [alBadya]
  - preferred: SDF
    variants: [Qasad]
"""
SENTENCE_CASE_BRIEF = """\
# The ISIS cells in al-Badia: a brief

The cells of ISIS in al-Badia attacked a patrol of the SDF near the river.

## Fighting near the river

The fighting near the river went on for two days, and the security of the roads is poor.
"""
TITLE_CASE_BRIEF = """\
# The ISIS Cells In al-Badia And The SDF Response

The cells of ISIS in al-Badia attacked a patrol of the SDF. The response of the SDF was quick.

## Security Of The Roads

The security of the roads is poor.
"""
BRITISH = """\
The centre of the organisation said that its defence had analysed the threat, and the council
was in favour of the plan. The colour of the flags was grey.

The programme travelled well: the centre's analyses were published.
"""


@pytest.fixture
def project(make_project):
    return make_project(GLOSSARY)


def flags_of(project, name: str, text: str, *options: str) -> list[dict]:
    (project / "seeds" / name).write_text(text, encoding="utf-8")
    assert main(["fix", "-q", "--no-cache", *options, f"seeds/{name}"]) == 0
    return json.loads((project / "corrected" / f"{name}.changes.json").read_text(encoding="utf-8"))["flags"]


def heading_flags(flags: list[dict]) -> list[tuple[str, str, list[str]]]:
    return [(f["rule"], f["text"], f["suggestions"]) for f in flags if f["rule"] in ("HD001", "HP:UseTitleCase")]


def test_headings_are_not_checked_for_their_case_by_default(project):
    assert heading_flags(flags_of(project, "a.md", SENTENCE_CASE_BRIEF)) == []
    assert heading_flags(flags_of(project, "b.md", TITLE_CASE_BRIEF)) == []


def test_sentence_case_flags_title_case_headings_and_keeps_names_and_glossary_forms(project):
    found = heading_flags(flags_of(project, "b.md", TITLE_CASE_BRIEF, "--headings", "sentence"))
    assert found == [
        (
            "HD001",
            "The ISIS Cells In al-Badia And The SDF Response",
            ["The ISIS cells in al-Badia and the SDF response"],
        ),
        ("HD001", "Security Of The Roads", ["Security of the roads"]),
    ]
    assert heading_flags(flags_of(project, "a.md", SENTENCE_CASE_BRIEF, "--headings", "sentence")) == []


def test_sentence_case_reads_plain_text_heading_lines_but_not_sentences(project):
    text = "Security Of The Roads\n\nThe security of the roads is poor. The Army Left The City.\n"
    found = heading_flags(flags_of(project, "a.txt", text, "--headings", "sentence"))
    assert found == [("HD001", "Security Of The Roads", ["Security of the roads"])]


def test_title_case_is_harpers_and_never_respells_a_glossary_form(project):
    found = heading_flags(flags_of(project, "a.md", SENTENCE_CASE_BRIEF, "--headings", "title"))
    assert found == [
        ("HP:UseTitleCase", "# The ISIS cells in al-Badia: a brief", ["# The ISIS Cells in al-Badia: A Brief"]),
        ("HP:UseTitleCase", "## Fighting near the river", ["## Fighting near the River"]),
    ]
    (project / "cleanup.toml").write_text('headings = "title"\n', encoding="utf-8")
    assert len(heading_flags(flags_of(project, "a.md", SENTENCE_CASE_BRIEF))) == 2


def spelling(flags: list[dict]) -> list[str]:
    return [f["text"] for f in flags if f["category"] == "Spelling"]


def test_a_british_article_is_checked_as_british_and_says_so(project, capsys):
    assert spelling(flags_of(project, "a.txt", BRITISH)) == []
    assert main(["check", "--no-cache", "seeds/a.txt"]) == 0
    err = capsys.readouterr().err
    assert "; harper: as each article spells" in err.splitlines()[0]  # the settings line
    assert err.splitlines()[-1].endswith("; british spelling: 1 file")


def test_an_explicit_dialect_flags_the_other_spellings(project, capsys):
    flagged = spelling(flags_of(project, "a.txt", BRITISH, "--dialect", "american"))
    assert {"centre", "organisation", "defence", "analysed", "favour", "colour", "grey"} <= set(flagged)
    assert "analyses" not in flagged  # a plural noun in every dialect
    assert main(["check", "--no-cache", "--dialect", "american", "seeds/a.txt"]) == 0
    err = capsys.readouterr().err
    assert "; harper: american" in err.splitlines()[0]
    assert err.splitlines()[-1].endswith("; american spelling: 1 file")


def test_an_article_that_mixes_is_flagged_on_its_minority_spellings(project):
    american = "The center of the organization said its defense analyzed the threat. The colour of the flag.\n"
    assert spelling(flags_of(project, "a.txt", american)) == ["colour"]
    british = "The centre said its defence was in favour of the plan, and the colour was grey. The color changed.\n"
    assert spelling(flags_of(project, "b.txt", british)) == ["color"]


def test_a_name_is_never_suggested_as_another_word(project):
    text = "Hamdaniya was shelled on Sunday. Accoding to the army, the town is calm. Thepeople left.\n"
    flags = flags_of(project, "a.txt", text, "--name-notes", "all")
    found = [(f["text"], f["category"], f["suggestions"]) for f in flags if f["category"] in ("Spelling", "name")]
    assert found[0] == ("Hamdaniya", "name", [])
    assert found[1][:2] == ("Accoding", "Spelling") and "According" in found[1][2]  # one letter off: a typo
    assert found[2][:2] == ("Thepeople", "Spelling")  # `People` is part of it: two words glued
    assert len(found) == 3


def test_names_never_count_for_a_dialect(project):
    """`Center` and `Defense` in names (`the Wilson Center`, `the Defense Ministry`) are no American spelling."""
    text = "The Wilson Center and the Defense Ministry said the centre of the town was calm.\n"
    flags = flags_of(project, "a.txt", text)
    assert spelling(flags) == []
    log = json.loads((project / "corrected" / "a.txt.changes.json").read_text(encoding="utf-8"))
    assert log["dialect"] == "british"
