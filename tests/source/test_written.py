"""Arabic sources as other programs write them, through `cleanup check`: presentation forms (text copied
out of a PDF), joiners, direction marks and tatweel inside words and numbers, digits of other scripts,
decimal commas; the flags still point into the source as written, and real differences are still flagged."""

import json
import unicodedata

import pytest

from cleanup.cli import main
from cleanup.source import arabic_words
from cleanup.source.folding import fold

GLOSSARY = """\
terms:
  - preferred: ISIS
    variants: [Daesh]
    source: [داعش, الدولة الإسلامية في العراق والشام]
"""


def _check(make_project, capsys, english: str, source: str) -> list[tuple[str, str, str]]:
    """(rule, English text, source text) of each SRC finding of `check` on an article and its NAME.ar.txt."""
    make_project(GLOSSARY, {"seeds/brief.txt": english, "seeds/brief.ar.txt": source})
    main(["check", "--grammar", "none", "--select", "SRC", "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    return [(f["rule"], english[f["start"] : f["end"]], f.get("source", {}).get("text", "")) for f in findings]


def _isolated(text: str) -> str:
    """Each Arabic letter as its isolated presentation form, where it has one."""
    forms = {}
    for code in range(0xFE80, 0xFEFD):
        kind, *letter = unicodedata.decomposition(chr(code)).split()
        if kind == "<isolated>" and len(letter) == 1:
            forms[chr(int(letter[0], 16))] = chr(code)
    return text.translate(str.maketrans(forms))


PDF_DAESH = "\ufea9\ufe8d\ufecb\ufeb6"  # ﺩﺍﻋﺶ: داعش in the contextual forms a PDF's text layer holds
WRITTEN_TERMS = {
    "presentation forms": f"قالت خلايا {PDF_DAESH} في بيان",
    "isolated forms, phrase": f"قالت {_isolated('الدولة الإسلامية في العراق والشام')} في بيان",
    "zero-width joiner": "قالت خلايا دا\u200dعش في بيان",
    "zero-width non-joiner and RLM": "قالت خلايا د\u200cاع\u200fش في بيان",
    "tatweel and harakat": "قالت خلايا داعـــشٌ في بيان",
}


@pytest.mark.parametrize("source", WRITTEN_TERMS.values(), ids=WRITTEN_TERMS.keys())
def test_a_term_written_in_any_of_these_forms_is_found_in_the_source(make_project, capsys, source):
    assert _check(make_project, capsys, "ISIS cells said in a statement.\n", source + "\n") == []
    # Left out of the English, it is flagged, with the source span as written.
    flags = _check(make_project, capsys, "The cells said in a statement.\n", source + "\n")
    assert [(rule, arabic_words.normalize(text)) for rule, _, text in flags] in (
        [("SRC003", "داعش")],
        [("SRC003", arabic_words.normalize("الدولة الإسلامية في العراق والشام"))],
    )
    assert flags[0][2] in source


def test_a_different_word_in_presentation_forms_is_still_not_the_term(make_project, capsys):
    flags = _check(make_project, capsys, "ISIS cells said in a statement.\n", f"قالت خلايا {_isolated('رسول')}\n")
    assert [rule for rule, _, _ in flags] == ["SRC004"]


WRITTEN_NUMBERS = {
    "RLM inside numbers": ("In 2019, 1,200 families fled.", "في عام 2\u200f019 نزحت 1\u200f,\u200f200 عائلة."),
    "bidi isolate around a number": ("In 2019, 1,200 families fled.", "في عام \u20672019\u2069 نزحت 1,200 عائلة."),
    "fullwidth digits": ("In 2019, 1,200 families fled.", "في عام ２０１９ نزحت １，２００ عائلة."),
    "Arabic-Indic digits": ("In 2019, 3.5% of families fled.", "في عام ٢٠١٩ نزحت ٣٫٥٪ من العائلات."),
    "Extended Arabic-Indic digits": ("In 2019, 1,200 families fled.", "در سال ۲۰۱۹ نزحت ۱٬۲۰۰ عائلة."),
    "decimal comma in the source": ("About 1.5 million fled.", "نزح نحو 1,5 مليون."),
    "decimal comma in the English": ("About 1,5 million fled.", "نزح نحو 1.5 مليون."),
    "narrow no-break spaces between groups": ("It cost 1,234,567 dollars.", "كلف 1\u202f234\u202f567 دولار."),
    "three decimals after a comma": ("It rose 1.234 points.", "ارتفع 1,234 نقطة."),
    "tatweel and harakat in a multiplier": ("It took 5,000 actions.", "اتخذ 5 آلـافِ إجراء."),
    "a time in Arabic-Indic digits": ("The best time is 5.30pm.", "الوقت المثالي هو ٥:٣٠ مساءً."),
}


@pytest.mark.parametrize(("english", "source"), WRITTEN_NUMBERS.values(), ids=WRITTEN_NUMBERS.keys())
def test_a_number_written_in_any_of_these_ways_matches_its_translation(make_project, capsys, english, source):
    assert _check(make_project, capsys, english + "\n", source + "\n") == []


def test_a_changed_number_is_still_flagged_with_the_source_span_as_written(make_project, capsys):
    source = "نزحت ١\u200f٬٢٠٠ عائلة و２٫５٪ من السكان.\n"
    flags = _check(make_project, capsys, "1,300 families and 2.5% fled.\n", source)
    assert sorted(flags) == [
        ("SRC001", "1,300 families and 2.5% fled.", "١\u200f٬٢٠٠"),
        ("SRC002", "1,300", source.strip()),
    ]
    flags = _check(make_project, capsys, "1,300 families and 2.6% fled.\n", "نزحت 1,200 عائلة و2,5٪ من السكان.\n")
    assert sorted(r for r, _, _ in flags) == ["SRC001", "SRC001", "SRC002", "SRC002"]


def test_a_comma_before_three_digits_groups_thousands():
    """ "1,500" is never 1.5 (a decimal is not written with a trailing zero); "1,234" may be either."""
    from cleanup.source.numbers import numbers

    assert [n.values for n in numbers("1,500 و1,234 و1,5 و12,345,678")] == [
        ("1500",),
        ("1234", "1.234"),
        ("1.5",),
        ("12345678",),
    ]


def test_arabic_in_presentation_forms_left_in_the_english_is_flagged(make_project, capsys):
    english = f"The cells of {PDF_DAESH} said in a statement.\n"
    flags = _check(make_project, capsys, english, "قالت خلايا داعش في بيان\n")
    assert ("SRC005", PDF_DAESH, "") in flags


def test_a_paragraph_left_as_its_source_copied_out_of_a_pdf_is_untranslated(make_project, capsys):
    source = "قالت خلايا داعش في بيان\n"
    flags = _check(make_project, capsys, _isolated("قالت خلايا داعش") + "\u200f في بيان\n", source)
    assert "SRC006" in [rule for rule, _, _ in flags]


def test_folding_maps_every_span_back_into_the_text_as_written():
    written = f"\u200f{PDF_DAESH}\u200d ﻻ ２０"
    folded = fold(written)
    assert folded.text == "داعش لا 20"
    assert written[slice(*folded.span(0, 4))] == PDF_DAESH
    assert written[slice(*folded.span(5, 7))] == "ﻻ"  # one ligature, two letters
    assert written[slice(*folded.span(8, 10))] == "２０"


ENGLISH = "ISIS cells killed 600 people.\n"
SOURCE = "قتلت خلايا داعش «600» شخص، بحسب التقرير.\n"


@pytest.mark.parametrize("options", [[], ["--encoding", "cp1256"]], ids=["found", "given"])
def test_a_windows_arabic_source_is_read(make_project, capsys, options):
    make_project(
        GLOSSARY, {"seeds/brief.txt": ENGLISH.replace("600", "60"), "seeds/brief.ar.txt": SOURCE.encode("cp1256")}
    )
    assert main(["check", "--grammar", "none", "--select", "SRC", "--format", "json", *options]) == 0
    findings = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert sorted((f["rule"], f.get("source", {}).get("text")) for f in findings) == [
        ("SRC001", "600"),
        ("SRC002", SOURCE.strip()),
    ]


def test_a_utf8_source_is_read_as_utf8_whatever_encoding_the_articles_are_in(make_project, capsys):
    make_project(GLOSSARY, {"seeds/brief.txt": ENGLISH.encode("cp1256"), "seeds/brief.ar.txt": SOURCE})
    assert main(["check", "--grammar", "none", "--select", "SRC", "--encoding", "cp1256"]) == 0
    assert "SRC" not in capsys.readouterr().out


def test_a_source_in_another_arabic_encoding_needs_its_name(make_project, capsys):
    make_project(
        GLOSSARY,
        {
            "seeds/brief.txt": ENGLISH,
            "seeds/brief.ar.txt": SOURCE.replace("«", "").replace("»", "").encode("iso8859-6"),
        },
    )
    assert main(["check", "--grammar", "none", "--select", "SRC"]) == 2  # the file failed
    error = capsys.readouterr().err
    assert "brief.ar.txt:1:1: not valid UTF-8 at byte 0 (0xE2), nor Windows Arabic (cp1256)" in error
    assert "--encoding NAME" in error
    assert main(["check", "--grammar", "none", "--select", "SRC", "--encoding", "iso8859-6"]) == 0
    assert "SRC" not in capsys.readouterr().out


@pytest.mark.parametrize("separator", ["\u2029", "\u2028", "\v", "\r"], ids=["U+2029", "U+2028", "VT", "CR"])
def test_source_paragraphs_broken_by_any_line_separator_pair_with_the_english(make_project, capsys, separator):
    english = "ISIS cells killed 600 people.\n\nThe report said 1,200 families fled.\n"
    source = "قتلت خلايا داعش ٦٠٠ شخص." + separator + "وقال التقرير إن ١٬٢٠٠ عائلة نزحت."
    assert _check(make_project, capsys, english, source) == []
    flags = _check(make_project, capsys, english.replace("1,200", "1,300"), source)
    assert sorted((rule, text) for rule, _, text in flags) == [
        ("SRC001", "١٬٢٠٠"),
        ("SRC002", source.split(separator)[1]),
    ]


def test_a_glossary_form_written_in_presentation_forms_matches_the_source_in_letters(make_project, capsys):
    glossary = GLOSSARY.replace("source: [داعش,", f"source: [{PDF_DAESH},")
    make_project(glossary, {"seeds/brief.txt": "ISIS cells said it.\n", "seeds/brief.ar.txt": "قالت خلايا داعش ذلك\n"})
    assert main(["check", "--grammar", "none", "--select", "SRC"]) == 0
    assert "SRC" not in capsys.readouterr().out


def test_superscripts_and_vulgar_fractions_are_not_read_as_digits():
    from cleanup.source.numbers import numbers

    assert [n.value for n in numbers("مساحة 5 كم² و½ الأرض")] == ["5"]
