"""Harper's lints kept per paragraph: after any edits, a check gives what a full check of the same text gives,
and an edit inside one paragraph lints that paragraph alone."""

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.checkers.harper import HarperChecker
from cleanup.house import house_glossary
from cleanup.lsp.paragraphs import ParagraphLints
from cleanup.model import Document
from cleanup.pipeline import Settings, process
from cleanup.rules.registry import ALL_RULES
from tests.conftest import ROOT, SEED

GLOSSARY = house_glossary([(str(p), p.read_text(encoding="utf-8")) for p in sorted((ROOT / "glossary").glob("*.yaml"))])
FULL = Settings(GLOSSARY, ALL_RULES + GLOSSARY.rules, checker=HarperChecker(GLOSSARY.spelling_words))
KEPT = replace(FULL, checker=ParagraphLints(HarperChecker(GLOSSARY.spelling_words)))
START = "\n\n".join(SEED.read_text(encoding="utf-8").split("\n\n")[6:12])
PIECES = ("colour ", "color ", "the the ", "\n\n", "\n", "Daash ", " ,", "“", "teh ", "centre ", "🙂", "## ", "")

edits = st.lists(st.tuples(st.floats(0, 1), st.integers(0, 12), st.sampled_from(PIECES)), min_size=1, max_size=6)


def edited(text: str, at: float, removed: int, inserted: str) -> str:
    start = int(at * len(text))
    return text[:start] + inserted + text[start + removed :]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits, st.booleans())
def test_kept_lints_give_what_a_full_check_gives(changes, markdown):
    """Each version along random edits (new paragraphs, joined ones, British spellings that turn the article's
    dialect) is checked with the kept lints and in full: the outcomes are equal."""
    text = START
    for at, removed, inserted in changes:
        text = edited(text, at, removed, inserted)
        document = Document(text, markdown=markdown)
        kept, full = process(document, KEPT), process(document, FULL)
        assert (kept.flags, kept.changes, kept.corrected) == (full.flags, full.changes, full.corrected)


def test_an_edit_in_one_paragraph_lints_that_paragraph_alone():
    checker = ParagraphLints(HarperChecker(GLOSSARY.spelling_words))
    kept = replace(FULL, checker=checker)
    process(Document(START), kept)
    before = checker.linted
    paragraphs = START.split("\n\n")
    paragraphs[2] = paragraphs[2].replace(" the ", " teh ", 1)
    process(Document("\n\n".join(paragraphs)), kept)
    assert checker.linted - before == 1
