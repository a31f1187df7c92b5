"""Harper's lints kept per paragraph: after any edits, a check gives what a full check of the same text gives,
an edit inside one paragraph lints that paragraph alone, and what is kept is bounded by the open documents."""

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.checkers.harper import HarperChecker
from cleanup.house import house_glossary
from cleanup.lsp.harperworker import HarperLints
from cleanup.lsp.paragraphs import OpenDocuments, ParagraphLints
from cleanup.model import Document
from cleanup.pipeline import Settings, process
from cleanup.rules.registry import ALL_RULES
from tests.conftest import ROOT, SEED

GLOSSARY = house_glossary([(str(p), p.read_text(encoding="utf-8")) for p in sorted((ROOT / "glossary").glob("*.yaml"))])
FULL = Settings(GLOSSARY, ALL_RULES + GLOSSARY.rules, checker=HarperChecker(GLOSSARY.spelling_words))
LINTS = HarperLints(HarperChecker(GLOSSARY.spelling_words))
KEPT = replace(FULL, checker=ParagraphLints(LINTS))
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
    checker = ParagraphLints(LINTS)
    kept = replace(FULL, checker=checker)
    process(Document(START), kept)
    before = checker.linted
    paragraphs = START.split("\n\n")
    paragraphs[2] = paragraphs[2].replace(" the ", " teh ", 1)
    process(Document("\n\n".join(paragraphs)), kept)
    assert checker.linted - before == 1


def test_a_document_keeps_its_paragraphs_and_a_few_recent_ones():
    """Along many edits a document keeps its current paragraphs and at most `recent` others."""
    checker = ParagraphLints(LINTS, recent=3)
    kept = replace(FULL, checker=checker)
    paragraphs = START.split("\n\n")
    for number in range(10):
        paragraphs[1] = f"{paragraphs[1]} {number}"
        process(Document("\n\n".join(paragraphs)), kept)
    assert len(checker.paragraphs()) <= len(paragraphs) + 3
    linted = checker.linted
    process(Document("\n\n".join(paragraphs)), kept)
    assert checker.linted == linted  # the current paragraphs are all kept


def test_a_closed_document_leaves_nothing_kept():
    """Two documents open, one closed: only the open one's paragraphs are kept."""
    documents = OpenDocuments(LINTS)
    first, second = START, "\n\n".join(SEED.read_text(encoding="utf-8").split("\n\n")[12:16])
    for uri, text in (("file:///first.txt", first), ("file:///second.txt", second)):
        process(Document(text), replace(FULL, checker=documents.checker(uri)))
    first_kept = documents.checker("file:///first.txt").paragraphs()
    second_kept = documents.checker("file:///second.txt").paragraphs()
    assert first_kept - second_kept
    documents.close("file:///first.txt")
    kept = set().union(*(checker.paragraphs() for checker in documents.by_uri.values()))
    assert kept == second_kept
