"""The names layer, on Harper for real and through the command line: spelling flags are about spelling,
and a name the glossary does not know is one note an editor can act on."""

import json

import pytest

from cleanup.cli import main

GLOSSARY = """\
terms:
  - preferred: ISIS
    variants: [Daash]
  - preferred: Rasool
    variants: [Rasul]
names: [Mosul]
"""


@pytest.fixture
def project(make_project):
    return make_project(GLOSSARY)


def flags_of(project, text: str, *options: str) -> list[dict]:
    """The flags of `fix` on `text`, with a name note on every unknown name (`--name-notes all`)."""
    (project / "seeds" / "a.txt").write_text(text, encoding="utf-8")
    assert main(["fix", "-q", "--no-cache", "--name-notes", "all", *options]) == 0
    return json.loads((project / "corrected" / "a.txt.changes.json").read_text(encoding="utf-8"))["flags"]


def test_glossary_forms_with_possessives_are_never_spelling_flags(project):
    flags = flags_of(project, "ISIS's fighters and Rasool’s men and Rasool's aide left Mosul.\n")
    assert [f for f in flags if f["category"] == "Spelling"] == []


def test_a_form_the_editor_kept_by_rejecting_a_change_is_not_a_misspelling(project):
    (project / "corrected").mkdir()
    (project / "corrected" / "a.txt.decisions.yaml").write_text(
        'decisions:\n  - {rule: "GL:Rasool", before: Rasul, after: Rasool, context_before: "The spokesman ",'
        ' context_after: " said so.", decision: reject}\n',
        encoding="utf-8",
    )
    flags = flags_of(project, "The spokesman Rasul said so.\n")
    assert (project / "corrected" / "a.txt").read_text(encoding="utf-8") == "The spokesman Rasul said so.\n"
    assert flags == []


def test_unknown_names_are_one_note_per_distinct_name(project):
    text = (
        "Fighters left Deir ez-Zor for al-Qaim, said Abu Hurairah. Sahih al-Bukhari is cited.\n"
        "Later Deir ez-Zor and al-Qaim were quiet, and Hashd units moved. The Hashd stayed.\n"
    )
    flags = flags_of(project, text)
    names = [
        (text[f["start"] : f["end"]], f["rule"], f["category"], f["severity"]) for f in flags if f["category"] == "name"
    ]
    assert [n for n, *_ in names] == ["Deir ez-Zor", "al-Qaim", "Abu Hurairah", "Sahih al-Bukhari", "Hashd"]
    assert {(rule, category, severity) for _, rule, category, severity in names} == {("NM001", "name", "note")}
    assert all(
        f["message"].startswith("unknown name “") and f["suggestions"] == [] for f in flags if f["category"] == "name"
    )
    assert [f for f in flags if f["category"] == "Spelling"] == []


def test_a_misspelled_word_at_a_sentence_start_is_still_a_spelling_flag(project):
    flags = flags_of(project, "Accoding to the report, the army left.\n")
    assert [(f["rule"], f["text"]) for f in flags] == [("HP:SpellCheck", "Accoding")]


@pytest.mark.parametrize("mark", ["`", "ʿ", "ʾ"])
def test_harper_never_cuts_a_name_at_an_ayn_hamza_or_backtick(project, mark):
    name = f"Sha{mark}lan"
    flags = flags_of(project, f"The {name} tribe met the {name} elders.\n")
    assert [(f["text"], f["category"]) for f in flags] == [(name, "name")]


def test_apply_suggestions_never_respells_names_or_quotations(project):
    text = (
        "They met Abu Hurairah and al-Kubaisi. The crowd chanted “the tommorow is ours”, "
        "and the neccessary step was taken.\n"
    )
    (project / "seeds" / "a.txt").write_text(text, encoding="utf-8")
    assert main(["fix", "-q", "--no-cache", "--apply-suggestions", "Spelling"]) == 0
    corrected = (project / "corrected" / "a.txt").read_text(encoding="utf-8")
    assert corrected == text.replace("neccessary", "necessary")


def test_glossary_names_lists_unknown_names_by_frequency(project, capsys):
    (project / "seeds" / "a.txt").write_text(
        "Fighters left Deir ez-Zor. The Hashd stayed near al-Qaim, and Hashd units met Abu Hurairah in Mosul.\n",
        encoding="utf-8",
    )
    (project / "seeds" / "b.txt").write_text(
        "Later the Hashd returned to Deir ez-Zor, Rasool said.\n", encoding="utf-8"
    )
    assert main(["glossary", "names", "--yaml"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "names:"
    listed = [line.split('"')[1] for line in lines[1:]]
    assert listed == ["Hashd", "Deir ez-Zor", "Abu Hurairah", "al-Qaim"]
    assert lines[1].endswith("# 3× seeds/a.txt:1:32")


def test_a_glossary_variant_written_with_another_apostrophe_is_not_an_unknown_name(project, capsys):
    (project / "glossary" / "house.yaml").write_text(
        GLOSSARY.replace("[Daash]", '[Daash, "Da\'esh"]'), encoding="utf-8"
    )
    (project / "seeds" / "a.txt").write_text("The cells of Da`esh and Daʿesh met Hashd units.\n", encoding="utf-8")
    assert main(["glossary", "names", "--yaml"]) == 0
    assert [line.split('"')[1] for line in capsys.readouterr().out.splitlines()[1:]] == ["Hashd"]


@pytest.mark.parametrize(
    "text, config",
    [
        ("---\ncleanup: {allow: [Daash]}\n---\nThe cells of Daash met again.\n", None),
        ("The group, known in Arabic as Daash, met again.\n", None),
        ("The crowd chanted “down with Daash” again.\n", 'quotations = "keep"\n'),
    ],
    ids=["front-matter-allow", "mention", "quotations-keep"],
)
def test_a_variant_the_text_keeps_is_not_a_misspelling(project, text, config):
    if config:
        (project / "cleanup.toml").write_text(config, encoding="utf-8")
    flags = flags_of(project, text)
    assert "Daash" in (project / "corrected" / "a.txt").read_text(encoding="utf-8")
    assert [f for f in flags if f["category"] in ("Spelling", "name")] == []


def test_the_ibn_of_a_name_is_part_of_the_name(project):
    flags = flags_of(project, "It was narrated by Anas ibn Malik and later by Anas ibn Malik again.\n")
    assert [(f["text"], f["category"]) for f in flags] == [("Anas ibn Malik", "name")]


def test_an_allah_ending_marks_a_name_at_a_sentence_start(project):
    flags = flags_of(project, "Nasrallah said the army had left.\n")
    assert [(f["text"], f["category"]) for f in flags] == [("Nasrallah", "name")]


def test_capitals_on_a_title_line_are_no_evidence_of_a_name(project):
    flags = flags_of(project, "Recomended Reading For The Week\n\nThe army left Hajin.\n")
    assert [(f["text"], f["category"]) for f in flags] == [("Recomended", "Spelling"), ("Hajin", "name")]


def test_a_name_on_a_title_line_is_a_name_when_the_text_writes_it_so(project):
    flags = flags_of(project, "Fighters Leave Hajin For Good\n\nThe army left Hajin in the night.\n")
    assert [(f["text"], f["line"], f["category"]) for f in flags] == [("Hajin", 1, "name")]


def test_apply_suggestions_never_respells_a_capitalised_word_even_at_a_sentence_start(project):
    text = "Hurairah said the neccessary step was taken.\n"
    flags = flags_of(project, text, "--apply-suggestions", "Spelling")
    assert (project / "corrected" / "a.txt").read_text(encoding="utf-8") == text.replace("neccessary", "necessary")
    # `Hurrah` is another word, not a respelling: the flag is a name note, with nothing to apply
    assert [(f["text"], f["category"], f["suggestions"]) for f in flags] == [("Hurairah", "name", [])]


def test_glossary_names_prints_a_table_of_names_spellings_and_first_places(project, capsys):
    (project / "seeds" / "a.txt").write_text("Fighters left for al-Qaim with Anas ibn Malik.\n", encoding="utf-8")
    (project / "seeds" / "b.txt").write_text("Later the army reached Al-Qaim and Mosul.\n", encoding="utf-8")
    assert main(["glossary", "names"]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = [[cell.strip() for cell in line.split("│")[1:-1]] for line in lines if line.count("│") == 5]
    assert rows == [
        ["al-Qaim", "2", "al-Qaim, Al-Qaim", "seeds/a.txt:1:19"],
        ["Anas ibn Malik", "1", "Anas ibn Malik", "seeds/a.txt:1:32"],
    ]


def spelling_and_names(flags: list[dict]) -> list[tuple[str, str, list[str]]]:
    return [(f["text"], f["category"], f["suggestions"]) for f in flags if f["category"] in ("Spelling", "name")]


def test_two_words_run_together_are_a_spelling_flag_with_the_split(project):
    text = (
        "The people asked who they were. Thepeople replied that they had left.\n"
        "He said the mercy ofAllah is wide. Isaid that I had said so, and the intention was good.\n"
    )
    flags = flags_of(project, text)
    found = [(t, c, s) for t, c, s in spelling_and_names(flags)]
    assert found == [
        ("Thepeople", "Spelling", ["The people"]),
        ("ofAllah", "Spelling", ["of Allah"]),
        ("Isaid", "Spelling", ["I said"]),
    ]
    assert [f["rule"] for f in flags if f["text"] == "Thepeople"] == ["HP:SpellCheck"]
    assert "runs two words together" in next(f["message"] for f in flags if f["text"] == "Isaid")


@pytest.mark.parametrize(
    "name",
    ["Nasrallah", "Abdullah", "Abdelkader", "Daraa", "Anas", "Inas", "Hisham", "Ismat", "Hashem", "Atwan", "Asmar"],
)
def test_a_name_is_never_split_into_words_even_when_its_parts_are_words_of_the_text(project, name):
    text = (
        f"{name} came with the ham, the mat, the hem, the wan mar of war, Allah, as, in.\nThey said {name} had come.\n"
    )
    assert [(t, c) for t, c, _ in spelling_and_names(flags_of(project, text))] == [(name, "name")]


@pytest.mark.parametrize(
    "text",
    [
        "They paid Zakat and prayed two rak'at after Tayammum, as the Sunnah says.\n",
        "The Hajj and Umrah pilgrims in Ihram heard the Adhan and the Khutbah before Salat.\n",
        "A fatwa on sharia, Wudu and Iftar in Ramadan was read out after the Eid Takbir.\n",
        "The Hadith scholars weighed each Isnad and Matn of the Sahih collections; Fiqh and Dhikr followed.\n",
        "He faced the Qibla with the Ummah, asked the Mufti what is Halal and Haram, and made Dua.\n",
        "Alhamdulillah, he said: the Shahada, Iqama and Tashahhud were said.\n",
        "The Zakah, the Sunna, rakat and raka'at are spelled many ways, and Hadiths are many.\n",
    ],
)
def test_arabic_religious_terms_are_neither_misspellings_nor_names(project, text):
    assert spelling_and_names(flags_of(project, text)) == []


def test_a_glossary_extends_the_terms_and_names_beside_them_are_still_names(project):
    text = "She went with a Mahram and paid Zakat, said Abu Hurairah.\n"
    assert spelling_and_names(flags_of(project, text)) == [
        ("Mahram", "name", []),
        ("Abu Hurairah", "name", []),
    ]
    (project / "glossary" / "house.yaml").write_text(GLOSSARY + "loanwords: [Mahram]\n", encoding="utf-8")
    assert spelling_and_names(flags_of(project, text)) == [("Abu Hurairah", "name", [])]


@pytest.mark.parametrize(
    "text, name",
    [
        ("The envoy Abd al-Rahman al-Hamdani arrived.\n", "Abd al-Rahman al-Hamdani"),
        ("Fighters loyal to Abu Bakr al-Baghdadi left.\n", "Abu Bakr al-Baghdadi"),
        ("Songs of Umm Kulthum were played.\n", "Umm Kulthum"),
        ("It was narrated by Umar bin Al-Khattab in Medina.\n", "Umar bin Al-Khattab"),
        ("It was narrated by Ibn `Umar in Medina.\n", "Ibn `Umar"),
        ("The cabinet of Adel Abdul Mahdi fell.\n", "Adel Abdul Mahdi"),
        ("The spokesman Nasser al-Ghannam said so.\n", "Nasser al-Ghannam"),
        ("The son Hamza bin Laden spoke.\n", "Hamza bin Laden"),
    ],
)
def test_a_name_is_reported_whole(project, text, name):
    assert [t for t, c, _ in spelling_and_names(flags_of(project, text)) if c == "name"] == [name]


@pytest.mark.parametrize(
    "text, name",
    [
        ("The preacher Sheikh al-Hamdani arrived.\n", "al-Hamdani"),  # a title is no part of the name
        ("Yesterday al-Qaim fell, and the Hashd units stayed.\n", "al-Qaim"),  # nor an English word before it
        ("They met the Hashd at the border.\n", "Hashd"),
    ],
)
def test_a_whole_name_takes_no_english_word(project, text, name):
    assert [t for t, c, _ in spelling_and_names(flags_of(project, text)) if c == "name"][0] == name


def test_a_one_word_name_inside_a_longer_one_is_not_noted_again(project):
    text = "Umar bin Al-Khattab spoke. Later Umar left for Medina, and Hafsa stayed.\n"
    assert [t for t, c, _ in spelling_and_names(flags_of(project, text)) if c == "name"] == [
        "Umar bin Al-Khattab",
        "Hafsa",
    ]


def test_an_ordinary_word_starting_a_sentence_is_no_name(project):
    text = "Afterwards Hurairah left the town. They met again afterwards.\n"
    # American English, where Harper's dictionary calls `afterwards` a misspelling: still no name
    assert spelling_and_names(flags_of(project, text, "--dialect", "american")) == [
        ("Afterwards", "Spelling", ["Afterwords", "Afterward", "Afterword's"]),
        ("Hurairah", "name", []),
        ("afterwards", "Spelling", ["afterwords", "afterward", "afterword's"]),
    ]


def test_a_name_starting_a_sentence_before_another_is_still_a_name(project):
    text = "Hurairah Hamdani left the town. They met again later.\n"
    assert spelling_and_names(flags_of(project, text)) == [("Hurairah Hamdani", "name", [])]


def test_a_name_takes_marks_inside_its_words_but_never_a_word_run_together(project):
    text = (
        "It was narrated by Amr bin Sa`id and Az-Zubair bin Al-`Awwam.\n"
        "So Irequested Al-Miqdad bin Al-Aswad to ask, and the people asked.\n"
        "They said Umar spoke. Then Ibn `Umaradded that they had added it.\n"
    )
    found = spelling_and_names(flags_of(project, text))
    assert [(t, c) for t, c, _ in found if c == "name"] == [
        ("Amr bin Sa`id", "name"),
        ("Az-Zubair bin Al-`Awwam", "name"),
        ("Al-Miqdad bin Al-Aswad", "name"),
        ("Ibn `Umar", "name"),
    ]
    assert [(t, s) for t, c, s in found if c == "Spelling"] == [
        ("Irequested", ["I requested"]),
        ("Umaradded", ["Umar added"]),
    ]


def test_glossary_names_lists_neither_words_run_together_nor_terms(project, capsys):
    (project / "seeds" / "a.txt").write_text(
        "The people asked. Thepeople replied that they paid the Zakat, said Abu Hurairah and TheProphet.\n",
        encoding="utf-8",
    )
    assert main(["glossary", "names", "--yaml"]) == 0
    assert [line.split('"')[1] for line in capsys.readouterr().out.splitlines()[1:]] == ["Abu Hurairah"]


def test_a_name_takes_its_ayn_but_not_a_quotation_mark(project):
    text = "It was narrated by 'Umar bin Al-Khattab. He said, 'Hafsa left', and they put it in 'Al-Harra'.\n"
    assert [t for t, c, _ in spelling_and_names(flags_of(project, text)) if c == "name"] == [
        "'Umar bin Al-Khattab",
        "Hafsa",
        "Al-Harra",
    ]


def test_by_default_only_a_name_spelled_like_another_is_noted(project):
    text = (
        "Brig. Yahya Rasoul said the road to Hamdaniya is open. Abd al-Sattar al-Hiti met Qutaybah Zubaydi "
        "in Makhool, and they drove on from Makhoul.\n"
    )
    (project / "seeds" / "a.txt").write_text(text, encoding="utf-8")
    assert main(["fix", "-q", "--no-cache"]) == 0
    flags = json.loads((project / "corrected" / "a.txt.changes.json").read_text(encoding="utf-8"))["flags"]
    notes = [(f["text"], f["message"]) for f in flags if f["category"] == "name"]
    assert [name for name, _ in notes] == ["Rasoul", "Makhool", "Makhoul"]  # each of the two spelled like the other
    assert "spelled like “Rasool”" in notes[0][1] and "spelled like “Makhoul”" in notes[1][1]
    assert not [f for f in flags if f["category"] == "Spelling"]  # the other names are no misspellings either


def test_a_name_in_capitals_is_the_same_spelling_as_in_lowercase(project):
    text = "Nasiriyah Prison Raises Concern\n\nNASIRIYAH — A delegation visited the prison in Nasiriyah on Monday.\n"
    (project / "seeds" / "a.txt").write_text(text, encoding="utf-8")
    assert main(["fix", "-q", "--no-cache"]) == 0
    flags = json.loads((project / "corrected" / "a.txt.changes.json").read_text(encoding="utf-8"))["flags"]
    assert [f["text"] for f in flags if f["category"] == "name"] == []


def test_the_run_into_a_word_is_split_even_when_the_word_is_written_nowhere_else(project):
    flags = flags_of(project, "Thepeople of the village said it. Theresa May met Thebes.\n")
    found = [(f["text"], f["category"], f["suggestions"]) for f in flags if f["category"] in ("Spelling", "name")]
    assert found[0] == ("Thepeople", "Spelling", ["The people"])
    assert all(text != "Theresa" or category == "name" for text, category, _ in found)
