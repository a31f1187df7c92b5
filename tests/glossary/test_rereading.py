"""A glossary reading carried over a fix pass: the changed paragraphs read again, and what a match reads
beyond them (a cue before it in the paragraph above, whether the text names a person) taken into account."""

from cleanup.fix import _new_spans, apply_edits, changed_paragraphs
from cleanup.glossary.rereading import carried_over
from cleanup.house import load_glossary
from cleanup.model import Edit, Safety

GLOSSARY = """terms:
  - preferred: Rasoul
    variants: [Rasol]
    person: Yahya Rasoul
  - preferred: SDF
    variants: [Qasad]
"""
MATCHER = load_glossary([("g.yaml", GLOSSARY)]).matcher


def carried(before: str, *edits: tuple[int, int, str]) -> tuple[list | None, list]:
    """The reading of the edited text carried over from the reading of `before`, and the reading afresh."""
    made = [Edit(start, end, new, "X", "", Safety.SAFE) for start, end, new in edits]
    text = apply_edits(before, made)
    windows = changed_paragraphs(text, *_new_spans(made))
    return carried_over(MATCHER, before, list(MATCHER.edits(before)), text, windows), list(MATCHER.edits(text))


def test_matches_outside_the_changed_paragraphs_are_moved_and_the_changed_ones_read_again():
    before = "Qasad moved.\n\nThe  Qasad units.\n\nQasad left, Qasad stayed.\n"
    got, afresh = carried(before, (17, 18, ""))
    assert got == afresh and [e.start for e in got] == [0, 18, 32, 44]


def test_a_cue_at_the_end_of_a_changed_paragraph_is_read_by_the_match_after_it():
    before = "It is kn own\n\n as Qasad.\n"  # "known … as": a mention's cue reaches back over the blank line
    got, afresh = carried(before, (8, 9, ""))
    assert afresh == [] and got == afresh


def test_a_pass_that_names_or_unnames_the_person_reads_everything_again():
    before = "Yahya Rasol spoke.\n\nRasol left.\n"
    got, afresh = carried(before, (0, 6, ""))
    assert got is None and [e.safety for e in afresh] == [Safety.UNSAFE, Safety.UNSAFE]
    got, afresh = carried("Rasol spoke.\n\nRasol left.\n", (0, 0, "Yahya "))
    assert got is None and [e.safety for e in afresh] == [Safety.SAFE, Safety.SAFE]


def test_a_text_that_is_not_the_one_read_changed_inside_the_windows_is_read_again():
    made = [Edit(0, 0, "The ", "X", "", Safety.SAFE)]
    text = apply_edits("Qasad moved.\n\nQasad left.\n", made)
    windows = changed_paragraphs(text, *_new_spans(made))
    other = "Qasad moved.\n\nQasad went.\n"
    assert carried_over(MATCHER, other, list(MATCHER.edits(other)), text, windows) is None
