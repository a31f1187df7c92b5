"""Where a sentence starts (cleanup.words.sentences): after an abbreviation's full stop and after a closing quotation
mark, asked directly and through the real command line on a small article."""

import pytest

from cleanup.cli import main
from cleanup.words.sentences import ends_sentence, sentence_start, sentence_starts


def answer_at(marked: str) -> bool | None:
    """sentence_start's answer where `‸` stands in `marked` (the mark itself removed)."""
    pos = marked.index("‸")
    return sentence_start(marked.replace("‸", ""), pos)


@pytest.mark.parametrize(
    "marked",
    [
        "Maj. Gen. ‸al-Hamdani arrived.",
        "Maj. ‸Gen. al-Hamdani arrived.",
        "He met Mr. ‸al-Rawi and Dr. al-Jubouri.",
        "He met Mr. ‸Al-Rawi.",
        "Lt. Col. ‸al-Saadi led it.",
        "Sen. ‸Graham and Rev. John spoke.",
        "the U.S. ‸al-Tanf base",
        "the U.N. ‸envoy left",
        "at 9 a.m. ‸local time",
        "Building No. ‸5 was hit.",
        "on Jan. ‸5 and Sept. 12",
        "some provinces, e.g. ‸Anbar, i.e. most",
        "Iraq vs. ‸Iran, approx. 40,000 fans",
        "Roe v. ‸Wade",
        "The novel by J. R. ‸Smith was banned.",
        "signed by A. K. ‸al-Douri",
        "J. ‸A. Smith",
        "“Who ordered it?” ‸he asked.",
        "“Get out!” ‸shouted the officer.",
        "They waited… ‸and then left.",
        "Why? ‸she asked.",
    ],
)
def test_no_sentence_starts_after_an_abbreviation_before_a_name_or_inside_one(marked):
    assert answer_at(marked) is False


@pytest.mark.parametrize(
    "marked",
    [
        "They trained in the U.S. ‸The group said so.",
        "It ended at 5 p.m. ‸He left.",
        "Weapons, vehicles, etc. ‸It was all seized.",
        "The plan was called Plan B. ‸It failed.",
        "He grew up in the U.K. ‸This was in 1990.",
        "The war ended in 2017. ‸al-Qaim was retaken.",
        'He said." ‸Al-Amiri replied.',
        'He said." ‸al-Amiri replied.',
        "They found the body.' ‸Al-Hasan said so.",
        "“We will stay.” ‸Al-Obeidi added.",
        "“Who ordered it?” ‸The question stayed.",
        "“Leave now!’ ‸They left.",
        "(It was published in 2019.) ‸It was read.",
        "They told LiverpoolFC.com. ‸I saw it.",
        "Maj. Gen.\n‸The ceremony began.",
    ],
)
def test_a_sentence_starts_after_a_real_end_and_after_a_closing_quote(marked):
    assert answer_at(marked) is True


@pytest.mark.parametrize(
    "marked",
    ["in the U.S. ‸Al-Amiri said", "on St. ‸Martin's day", "until Oct. ‸President Joko"],
)
def test_a_name_after_an_abbreviation_that_may_end_a_sentence_is_either(marked):
    assert answer_at(marked) is None


def test_a_line_ending_in_a_title_runs_on_into_the_name():
    assert sentence_start("He met Maj. Gen.\nal-Hamdani today.", 17) is False


def test_sentence_starts_finds_the_starts_inside_a_paragraph():
    text = 'Mr. al-Rawi met Dr. Haddad in the U.S. The talks failed. "We stay," he said." Al-Amiri left.'
    assert [text[pos : pos + 8] for pos in sentence_starts(text)] == ["The talk", '"We stay', "Al-Amiri"]


def test_a_sentence_starts_only_at_a_word():
    assert list(sentence_starts('Copy the words. - "Why?" "')) == []
    assert list(sentence_starts('Copy it. "Why?" He left.')) == [9, 16]


def test_ends_sentence_tells_a_stop_that_ends_one():
    text = "As U.S. officials warned, Dr. Haddad left. He"
    assert [ends_sentence(text, i) for i, c in enumerate(text) if c == "."] == [False, False, False, True]


ARTICLE = """\
Forces led by Maj. Gen. al-Hamdani and Lt. Col. Al-Saadi reached the U.S. al-Tanf base.
Mr. al-Rawi met Dr. Al-Jubouri on Jan. 5, i.e. after the talks.
"We will not leave," he said." al-Amiri replied that they would.
They found the body.' al-Hasan said it was his brother. “We will stay.” al-Obeidi added.
“Who ordered it?” al-Rawi asked.
"""

CORRECTED = """\
Forces led by Maj. Gen. al-Hamdani and Lt. Col. al-Saadi reached the U.S. al-Tanf base.
Mr. al-Rawi met Dr. al-Jubouri on Jan. 5, i.e. after the talks.
"We will not leave," he said." Al-Amiri replied that they would.
They found the body.' Al-Hasan said it was his brother. “We will stay.” Al-Obeidi added.
“Who ordered it?” al-Rawi asked.
"""


def test_the_arabic_article_follows_sentence_starts_through_the_command_line(make_project, tmp_path):
    make_project("terms: []\n", {"seeds/article.txt": ARTICLE})
    assert main(["fix", "-q", "--grammar", "none", "--no-cache", "--select", "AR", "seeds/article.txt"]) == 0
    assert (tmp_path / "corrected" / "article.txt").read_text(encoding="utf-8") == CORRECTED
