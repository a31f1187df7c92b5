"""The Arabic source read beside the English: normalization and clitics, numbers in both scripts, paragraph
alignment, and the SRC checks through `cleanup check` on pairs written in the style of the centre's articles."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.cli import main
from cleanup.house import load_glossary
from cleanup.model import Document
from cleanup.pipeline import Settings, process
from cleanup.source import align as align_module
from cleanup.source import arabic_words
from cleanup.source.align import Paragraph, align, paragraphs
from cleanup.source.numbers import numbers

GLOSSARY = """\
terms:
  - preferred: ISIS
    variants: [Daash, "Da'ash", Daesh]
    source: [داعش, الدولة الإسلامية في العراق والشام]
  - preferred: Rasool
    variants: [Rasul]
    source: [رسول]
  - preferred: SDF
    variants: [Qasad]
    source: [قسد, قوات سوريا الديمقراطية]
"""

ENGLISH = """\
Remnants of ISIS in the Badia

In 2019, Daash cells killed 600 people in the Syrian desert, the report said.

The SDF said three of its fighters were wounded near Deir ez-Zor.

Rasool Ahmed, a local official, said 1,200 families had fled since June, about 3.5% of the town.
"""

ARABIC = """\
فلول داعش في البادية

في عام ٢٠١٩، قتلت خلايا داعش ٦٠٠ شخص في البادية السورية، بحسب التقرير.

وقالت قوات سوريا الديمقراطية إن ثلاثة من مقاتليها أصيبوا قرب دير الزور.

وقال المسؤول المحلي رسول أحمد إن ١٬٢٠٠ عائلة نزحت منذ حزيران، أي نحو ٣٫٥٪ من سكان البلدة.
"""


def _source_flags(english: str, source: str) -> list:
    outcome = process(Document(english), Settings(load_glossary([("g.yaml", GLOSSARY)])), source=Document(source))
    return [(f.rule, english[f.start : f.end], source[f.source_start : f.source_end]) for f in outcome.flags if f.rule.startswith("SRC")]  # fmt: skip


def test_a_faithful_translation_raises_no_source_flag():
    assert _source_flags(ENGLISH, ARABIC) == []


def test_a_number_changed_in_translation_is_flagged_on_both_sides():
    found = _source_flags(ENGLISH.replace("killed 600", "killed 60"), ARABIC)
    assert [(rule, src) for rule, _, src in found if rule == "SRC001"] == [("SRC001", "٦٠٠")]
    assert [text for rule, text, _ in found if rule == "SRC002"] == ["60"]


def test_a_dropped_percentage_and_a_dropped_count_are_flagged():
    english = ENGLISH.replace(", about 3.5% of the town", "").replace("1,200 families", "families")
    found = sorted(src for rule, _, src in _source_flags(english, ARABIC) if rule == "SRC001")
    assert found == ["١٬٢٠٠", "٣٫٥"]


def test_a_glossary_term_missing_from_the_translation_is_flagged_with_its_arabic_form():
    english = ENGLISH.replace("The SDF said", "The forces said")
    assert ("SRC003", "قوات سوريا الديمقراطية") in [(r, s) for r, _, s in _source_flags(english, ARABIC)]


def test_a_term_in_the_translation_that_the_source_does_not_have_is_flagged():
    english = ENGLISH.replace("near Deir ez-Zor", "near Deir ez-Zor, where ISIS once ruled")
    assert [(r, t) for r, t, _ in _source_flags(english, ARABIC) if r == "SRC004"] == [("SRC004", "ISIS")]


def test_arabic_left_in_the_english_and_an_untranslated_paragraph_are_flagged():
    english = ENGLISH.replace("near Deir ez-Zor", "near دير الزور")
    assert ("SRC005", "دير الزور") in [(r, t) for r, t, _ in _source_flags(english, ARABIC)]
    lines = ENGLISH.split("\n")
    lines[2] = ARABIC.split("\n")[2]
    assert "SRC006" in [r for r, _, _ in _source_flags("\n".join(lines), ARABIC)]


def test_a_source_paragraph_with_no_translation_is_flagged_where_it_would_be():
    english = "\n".join(line for line in ENGLISH.split("\n") if not line.startswith("The SDF"))
    found = [(r, s) for r, _, s in _source_flags(english, ARABIC) if r == "SRC007"]
    assert found == [("SRC007", ARABIC.split("\n")[4])]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("قتل ٦٠٠ شخص عام ٢٠١٩", ["600", "2019"]),
        ("نحو ٣٫٥٪ و١٬٢٠٠ عائلة", ["3.5", "1200"]),
        ("۱۲۰ نفر", ["120"]),  # Persian digits
        ("١٫٥ مليون و٢٠٠ ألف", ["1500000", "200000"]),
        ("In 2019, 1,200 families and 3.50% of 1.5 million", ["2019", "1200", "3.5", "1500000"]),
        ("the 1990s and 2014-2017", ["1990", "2014", "2017"]),
    ],
)
def test_numbers_are_read_as_values_in_either_script(text, values):
    assert [n.value for n in numbers(text)] == values


def test_english_number_words_count_only_when_asked():
    assert [n.value for n in numbers("three cells and six hundred men", words=True)] == ["3", "600"]
    assert numbers("three cells") == []


ARABIC_WORDS = st.sampled_from(
    ["داعش", "رسول", "الدولة", "الإسلامية", "في", "العراق", "والشام", "قسد", "مدينة", "الموصل"]
)
MARKS = st.sampled_from(
    [
        "\u064e",
        "\u064f",
        "\u0650",
        "\u0651",
        "\u0652",
        "\u064b",
        "\u0640",
        "\u200d",
        "\u200c",
        "\u200f",
        "\u061c",
        "\u2067",
    ]
)


@given(st.lists(ARABIC_WORDS, min_size=1, max_size=8), st.data())
@settings(max_examples=150, deadline=None)
def test_diacritics_tatweel_and_format_characters_never_change_a_match(words, data):
    """Adding harakat, tatweel, joiners or direction marks anywhere inside words finds the same forms."""
    text = " ".join(words)
    marked = "".join(
        letter + (data.draw(MARKS) if letter != " " and data.draw(st.booleans()) else "") for letter in text
    )
    forms = ["داعش", "الدولة الإسلامية في العراق والشام", "رسول", "قسد"]
    plain = [form for _, _, form in arabic_words.find_forms(text, forms)]
    assert [form for _, _, form in arabic_words.find_forms(marked, forms)] == plain


@given(st.sampled_from(["و", "ف", "ب", "ل", "ك", "وب", "فل", "ول", "وال", "بال", "فال", "لل"]))
def test_clitics_before_a_word_still_match_it(clitic):
    word = "داعش" if clitic != "لل" else "داعش"
    assert [form for _, _, form in arabic_words.find_forms(clitic + word, ["داعش"])] == ["داعش"]


@pytest.mark.parametrize(("written", "normal"), [("أحمد", "احمد"), ("إسلام", "اسلام"), ("مدرسة", "مدرسه"), ("مستشفى", "مستشفي"), ("مؤتمر", "موتمر")])  # fmt: skip
def test_letter_forms_are_unified(written, normal):
    assert arabic_words.normalize(written) == normal


def test_a_word_that_only_contains_a_form_does_not_match_it():
    assert list(arabic_words.find_forms("رسولية ورسولي", ["رسول"])) == []


def test_paragraphs_pair_one_to_one_when_counts_agree_and_by_length_and_numbers_otherwise():
    source = (
        "أ ب ت ث ج ح خ د ذ ر ز ٢٠١٩\n"
        "سطر ثان طويل لم يترجمه أحد إلى الإنجليزية ولا يذكر أي رقم على الإطلاق في نصه\n"
        "سطر ثالث فيه ١٢٠٠ و٦٠٠ وأشياء أخرى كثيرة جدا هنا"
    )
    english = "A line of some length that mentions 2019\nA third line with 1200 and 600 and many other things here"
    pairs = align(paragraphs(source), paragraphs(english), source, english)
    shapes = [(len(p.source), len(p.target)) for p in pairs]
    assert shapes == [(1, 1), (1, 0), (1, 1)]


def _paragraphs_of(lengths: list[int]) -> list[Paragraph]:
    found, start = [], 0
    for length in lengths:
        found.append(Paragraph(start, start + length))
        start += length + 1
    return found


def test_aligning_paragraph_counts_that_differ_costs_work_linear_in_the_paragraphs(monkeypatch):
    """Half the English paragraphs of a long text: the search once widened its band with the difference, so
    its work grew with the square of the paragraphs; it is counted here (pairings weighed), not timed, with
    narrower bands than the real ones so that the texts are past them at a size a test can afford."""
    monkeypatch.setattr(align_module, "BAND", 10)
    monkeypatch.setattr(align_module, "MAX_BAND", 20)
    weighed = []
    counted = align_module._length_cost
    monkeypatch.setattr(align_module, "_length_cost", lambda *a: weighed.append(1) or counted(*a))
    work = []
    for size in (400, 1600):
        weighed.clear()
        align(_paragraphs_of([90, 130] * (size // 2)), _paragraphs_of([240] * (size // 2)))
        work.append(len(weighed))
    assert work[1] / work[0] < 5, work


def test_a_block_left_untranslated_at_the_end_is_still_found():
    kept = [100 + (k * 37) % 90 for k in range(200)]
    source = _paragraphs_of(kept + [150] * 40)  # the last forty paragraphs were never translated
    pairs = align(source, _paragraphs_of([round(length * 1.1) for length in kept]))
    assert [(len(p.source), len(p.target)) for p in pairs] == [(1, 1)] * 200 + [(1, 0)] * 40


def test_check_finds_the_source_beside_the_article_and_reports_source_spans(make_project, capsys):
    project = make_project(
        GLOSSARY,
        {"seeds/brief.txt": ENGLISH.replace("killed 600", "killed 60"), "seeds/brief.ar.txt": ARABIC},
    )
    assert main(["check", "--grammar", "none", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [f["path"] for f in report["files"]] == ["seeds/brief.txt"]  # the source is not an article
    flags = {f["rule"]: f for f in report["files"][0]["findings"] if f["rule"].startswith("SRC")}
    assert flags["SRC001"]["source"] | {} == {"start": 51, "end": 54, "line": 3, "column": 30, "text": "٦٠٠"}
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    log = json.loads((project / "corrected" / "brief.txt.changes.json").read_text(encoding="utf-8"))
    assert {f["rule"] for f in log["flags"]} >= {"SRC001", "SRC002"}
    assert all("source" in f for f in log["flags"] if f["rule"].startswith("SRC"))
    report = (project / "corrected" / "brief.txt.report.md").read_text(encoding="utf-8")
    assert "## Source beside the English" in report
    assert "| 3 | In 2019, Daash cells killed 60 people" in report  # each English paragraph beside its source line


def test_source_option_names_the_source_of_one_article(make_project, capsys):
    make_project(GLOSSARY, {"en.txt": ENGLISH.replace("600", "60"), "ar.txt": ARABIC})
    assert main(["check", "en.txt", "--source", "ar.txt", "--grammar", "none", "--select", "SRC"]) == 0
    assert "SRC001 the source has the number 600 here" in capsys.readouterr().out
    assert main(["check", "en.txt", "--grammar", "none", "--select", "SRC"]) == 0  # no source: no SRC flags
    assert "SRC" not in capsys.readouterr().out
    assert main(["check", "en.txt", "--source", "ar.txt", "--grammar", "none", "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    spans = {
        (f["rule"], f["start"], f["end"], f["source"]["start"], f["source"]["end"]) for f in findings if "source" in f
    }
    english = ENGLISH.replace("600", "60")
    assert ("SRC002", english.index("60 people"), english.index("60 people") + 2) in {s[:3] for s in spans}
    assert ("SRC001", ARABIC.index("٦٠٠"), ARABIC.index("٦٠٠") + 3) in {(s[0], s[3], s[4]) for s in spans}
    assert main(["check", "ar.txt", "--source", "ar.txt", "--grammar", "none", "--select", "SRC001,SRC002"]) == 0
    assert "SRC00" not in capsys.readouterr().out  # a text against itself: no number differs


def test_everything_else_works_unchanged_without_a_source(make_project, capsys):
    make_project(GLOSSARY, {"seeds/a.txt": ENGLISH})
    assert main(["check", "--grammar", "none", "--format", "json"]) == 1
    assert not [f for f in json.loads(capsys.readouterr().out)["files"][0]["findings"] if f["rule"].startswith("SRC")]


def test_a_source_form_without_arabic_letters_is_a_glossary_error():
    with pytest.raises(Exception, match="source form “Daesh” has no Arabic letters"):
        load_glossary([("g.yaml", "terms:\n  - preferred: ISIS\n    source: [Daesh]\n")])


ARCHIVE = {
    "seeds/one.txt": "Spokesman Yahya Rasul said the operation began at dawn.\n\nRasul added that the villages of Wadi Hauran were cleared.\n",  # fmt: skip
    "seeds/one.ar.txt": "قال المتحدث يحيى رسول إن العملية بدأت فجرا.\n\nوأضاف رسول أن قرى وادي حوران طهرت.\n",
    "seeds/two.txt": "Yehya Rasool told reporters that the Wadi Horan operation was over.\n",
    "seeds/two.ar.txt": "وقال يحيى رسول للصحفيين إن عملية وادي حوران انتهت.\n",
}


def test_suggest_with_sources_gives_each_name_the_arabic_form_it_renders(make_project, capsys):
    """One Arabic name rendered two ways across an archive is proposed as one entry with its Arabic
    form; a word that only co-occurs (عملية, in both pairs with Yahya) is not taken for it."""
    make_project("terms: []\n", ARCHIVE)
    assert main(["glossary", "suggest", "--source", "--yaml"]) == 0
    proposed = load_glossary([("proposed.yaml", capsys.readouterr().out)]).terms
    assert {frozenset((term.preferred, *term.variants)) for term in proposed} >= {frozenset({"Rasool", "Rasul"})}
    sources = {arabic_words.normalize(form) for term in proposed for form in term.source}
    assert sources == {arabic_words.normalize(w) for w in ("رسول", "يحيى", "حوران")}


def test_the_glossary_tools_read_word_files_and_skip_what_they_cannot_read(make_project, capsys):
    from tests.wordfiles import build_docx

    make_project("terms: []\n", {"seeds/a.docx": build_docx([[("text", "Yahya Rasul and Yehya Rasool met.")]])})
    (Path.cwd() / "seeds" / "b.txt").write_bytes(b"\x00\x01binary")
    assert main(["glossary", "names"]) == 0
    assert main(["glossary", "suggest"]) == 0
    output = capsys.readouterr()
    assert "Rasool" in output.out and "internal error" not in output.err


def test_a_word_article_and_its_arabic_word_source_are_read_as_a_pair(make_project, capsys):
    from tests.wordfiles import build_docx

    english = [[("text", line)] for line in ENGLISH.replace("killed 600", "killed 60").split("\n") if line]
    arabic_lines = [[("text", line)] for line in ARABIC.split("\n") if line]
    make_project(GLOSSARY, {"seeds/brief.docx": build_docx(english), "seeds/brief.ar.docx": build_docx(arabic_lines)})
    assert main(["check", "--grammar", "none", "--select", "SRC"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("seeds/brief.docx:") and "SRC001 the source has the number 600 here" in out
    assert "brief.ar.docx:" not in out  # the source is not an article


@pytest.mark.parametrize(("also", "flagged"), [("", True), ("    also: [Welsh]\n", False)])
def test_an_also_word_renders_the_source_form_without_being_a_variant(also, flagged):
    glossary = "terms:\n  - preferred: Wales\n    source: [ويلز]\n" + also
    settings = Settings(load_glossary([("g.yaml", glossary)]))
    outcome = process(Document("The Welsh assembly met."), settings, source=Document("اجتمع برلمان ويلز."))
    assert ("SRC003" in [f.rule for f in outcome.flags]) is flagged
    assert outcome.corrected == "The Welsh assembly met."  # never replaced


SLEEPER_ARCHIVE = {
    "seeds/a.txt": "Sleeper cells attacked the village of Hit at night.\n\nThe army hunted sleeping cells near the border.\n",
    "seeds/a.ar.txt": "هاجمت الخلايا النائمة قرية هيت ليلا.\n\nطارد الجيش الخلايا النائمة قرب الحدود.\n",
    "seeds/b.txt": "Officials warned of sleeper cells in Mosul.\n\nSleeping cells remain active in the desert.\n",
    "seeds/b.ar.txt": "حذر مسؤولون من الخلايا النائمة في الموصل.\n\nلا تزال الخلايا النائمة نشطة في الصحراء.\n",
    "seeds/c.txt": "The border crossing reopened on Monday.\n\nRain fell across the desert region.\n",
    "seeds/c.ar.txt": "أعيد فتح المعبر الحدودي يوم الاثنين.\n\nهطلت الأمطار على منطقة الصحراء.\n",
}


def test_suggest_with_sources_reports_a_source_word_rendered_two_ways(make_project, capsys):
    """النائمة is "sleeper" in two paragraphs and "sleeping" in two: reported with counts, and offered
    as a commented glossary entry with its Arabic form; "cells", which goes with both, is not."""
    make_project("terms: []\n", SLEEPER_ARCHIVE)
    assert main(["glossary", "suggest", "--source"]) == 0
    table = capsys.readouterr().out
    assert "Source words rendered more than one" in table and "sleeper (2), sleeping (2)" in table
    assert main(["glossary", "suggest", "--source", "--yaml"]) == 0
    entries = capsys.readouterr().out
    assert "  # - preferred: sleeper\n  #   variants: [sleeping]\n" in entries
    assert "cells (" not in entries
    assert "# خلايا نايمه is rendered sleeper (2), sleeping (2)" in entries  # the two words, as a phrase


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("restaurant", "restaurants", True), ("celebrated", "celebrating", True), ("stopped", "stops", True),
     ("averaged", "average", True), ("sleeper", "sleeping", False), ("rain", "rainfall", False)],
)  # fmt: skip
def test_inflections_of_one_word_are_not_two_renderings(a, b, same):
    from cleanup.upkeep.renderings import _inflections

    assert _inflections(a, b) is same
