"""The public Python API (`import cleanup`) on real inputs: the seed, a broken glossary, Markdown code,
an Arabic source, Harper."""

import pytest

import cleanup
from cleanup.house import GlossaryError
from tests.conftest import ROOT

SEED = (ROOT / "seeds" / "000_34c7e98329047369.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def house():
    return cleanup.load_glossary(ROOT / "glossary")


def test_fix_text_explains_every_change_and_is_stable(house):
    outcome = cleanup.fix_text(SEED, house)
    assert outcome.changes and all(change.steps for change in outcome.changes)
    rebuilt, at = [], 0
    for change in outcome.changes:
        rebuilt += [SEED[at : change.start], outcome.corrected[change.new_start : change.new_end]]
        at = change.end
    assert "".join([*rebuilt, SEED[at:]]) == outcome.corrected
    assert not cleanup.fix_text(outcome.corrected, house).changes


def test_check_text_locates_what_fix_would_change(house):
    text = "Intro.\nThe Daash fighters ,and more."
    findings = cleanup.check_text(text, house)
    first = next(f for f in findings if f.rule.startswith("GL"))
    assert (first.line, first.column, first.text, first.replacement) == (2, 5, "Daash", "ISIS")
    assert [f.start for f in findings] == sorted(f.start for f in findings)


def test_markdown_code_is_left_alone(house):
    text = "The Daash cell.\n\n```\nDaash = 1\n```\n"
    assert cleanup.fix_text(text, house, markdown=True).corrected == text.replace("The Daash", "The ISIS")


def test_grammar_with_harper_flags_and_an_unknown_checker_is_refused(house):
    sentence = "He go to the market every days."
    assert cleanup.check_text(sentence, house) == []
    assert any(f.rule.startswith("HP:") for f in cleanup.check_text(sentence, house, grammar="harper"))
    with pytest.raises(ValueError, match="grammar must be one of"):
        cleanup.fix_text("Text.", house, grammar="word")


def test_a_broken_glossary_names_its_file_and_line(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("terms:\n  - preferred: ISIS\n    variants: [Daash\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"broken\.yaml:\d+:\d+"):
        cleanup.load_glossary(broken)


def test_no_glossary_still_runs_the_house_rules():
    assert cleanup.fix_text("Daash ,then.").corrected == "Daash, then."
