"""Hard-wrapped plain text: a paragraph is the run of lines the wrapping filled, not each line."""

import json
import shutil
import textwrap

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.cli import main
from cleanup.words.paragraphs import ends_with_stop, paragraphs
from tests.conftest import ROOT

PARAGRAPHS = (
    "Every Ramadan readers send this column questions about the fast, and every year most of them turn on "
    "the same point: does an act of worship count if the intention behind it was not spoken aloud? The "
    "answer begins with a hadith which the scholars place at the head of their books.",
    "The Messenger of Allah said: “Actions are only by intentions, and every person will have only what he "
    "intended.” The hadith is narrated by al-Bukhari and Muslim, and it is reported that it holds a third "
    "of knowledge.",
)
LIST = "Three points follow:\n- intention is of the heart\n- it need not be spoken\n- it must come before the act\n"
WRAPPED = (
    "Intention comes first\n\nBy Sheikh Abd al-Sattar al-Hiti\n\n"
    + "".join(textwrap.fill(paragraph, width=76, break_on_hyphens=False) + "\n\n" for paragraph in PARAGRAPHS)
    + LIST
)


def test_a_hard_wrapped_paragraph_is_one_paragraph_and_a_list_stays_items():
    found = [WRAPPED[start:end] for start, end in paragraphs(WRAPPED, markdown=False)]
    assert [" ".join(paragraph.split()) for paragraph in found[2:4]] == list(PARAGRAPHS)
    assert found[4:] == [
        "Three points follow:",
        "- intention is of the heart",
        "- it need not be spoken",
        "- it must come before the act",
    ]


def test_lines_that_are_paragraphs_stay_paragraphs():
    seed = (ROOT / "seeds" / "000_34c7e98329047369.txt").read_text(encoding="utf-8")
    lines = [line for line in seed.splitlines() if line.strip()]
    assert len(paragraphs(seed, markdown=False)) == len(lines)
    one_sentence_a_line = "\n".join(["The army said the road was open again on Monday after the attack."] * 6)
    assert len(paragraphs(one_sentence_a_line, markdown=False)) == 6


def test_a_hard_wrapped_article_raises_no_line_flags(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "column.txt").write_text(WRAPPED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    log = json.loads((tmp_path / "corrected" / "column.txt.changes.json").read_text(encoding="utf-8"))
    assert [f["rule"] for f in log["flags"] if f["rule"].startswith(("PA", "QU"))] == []
    broken = WRAPPED.replace("year most of them", "year. most of them").replace("the intention behind", "the intention")
    (tmp_path / "seeds" / "column.txt").write_text(broken + "\nthe end of the column, which has no final stop at all\n")
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    log = json.loads((tmp_path / "corrected" / "column.txt.changes.json").read_text(encoding="utf-8"))
    assert sorted(f["rule"] for f in log["flags"]) == ["PA001", "PA002"]


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="a .!?…:;”’\"')]\t\n«", max_size=12))
def test_a_line_ends_with_a_stop_where_the_pattern_anchored_at_its_end_says_so(line):
    pattern = regex.compile(r"[.!?…:;][”’\"')\]]*[ \t]*\Z")
    assert ends_with_stop(line) == bool(pattern.search(line))
    assert ends_with_stop("x" + line, 1) == bool(pattern.search(line))


# A non-blank line as `regex` defines it: the oracle for the standard engine's faster pattern.
_REGEX_NON_BLANK_LINE = regex.compile(r"(?:(?<=[\r\n])|\A)[^\r\n]*\S[^\r\n]*")
LINE_PIECES = ["a", "Mosul", " ", "\t", "\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\u2028", "\u3000"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(LINE_PIECES), max_size=30).map("".join))
def test_non_blank_lines_are_those_regex_finds(text):
    from cleanup.words.paragraphs import _NON_BLANK_LINE

    assert [m.span() for m in _NON_BLANK_LINE.finditer(text)] == [
        m.span() for m in _REGEX_NON_BLANK_LINE.finditer(text)
    ]
