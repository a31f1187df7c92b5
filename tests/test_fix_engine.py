"""The edit engine: one-pass application, conflicts, attribution to the original, and the fix loop."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.fix import (
    FixDidNotConverge,
    Window,
    apply_edits,
    changed_paragraphs,
    compose,
    conflicts,
    fix,
    select_edits,
)
from cleanup.model import Edit


def edit(start, end, replacement, rule="R1"):
    return Edit(start, end, replacement, rule, f"reason of {rule}")


def replay(original, corrected, changes):
    """Rebuild the corrected text from the original and the change log alone."""
    out, cursor = [], 0
    for change in changes:
        out += [original[cursor : change.start], corrected[change.new_start : change.new_end]]
        cursor = change.end
    return "".join(out + [original[cursor:]])


def undo(original, corrected, changes):
    """Rebuild the original from the corrected text and the change log alone."""
    out, cursor = [], 0
    for change in changes:
        out += [corrected[cursor : change.new_start], original[change.start : change.end]]
        cursor = change.new_end
    return "".join(out + [corrected[cursor:]])


def test_apply_edits_in_one_pass():
    assert apply_edits("abcdef", [edit(0, 1, "X"), edit(3, 3, "-"), edit(4, 6, "")]) == "Xbc-d"


def test_conflicts():
    assert conflicts(edit(0, 3, ""), edit(2, 4, ""))
    assert not conflicts(edit(0, 2, ""), edit(2, 4, ""))
    assert conflicts(edit(2, 2, "a"), edit(2, 2, "b"))
    assert conflicts(edit(1, 4, ""), edit(2, 2, "b"))
    assert not conflicts(edit(2, 2, "a"), edit(2, 4, ""))


def test_select_edits_is_deterministic_and_prefers_earlier_then_longer():
    edits = [edit(2, 5, "b", "B"), edit(0, 3, "a", "A"), edit(0, 4, "c", "C"), edit(6, 6, "i")]
    chosen = select_edits(edits)
    assert [e.rule for e in chosen] == ["C", "R1"]
    assert select_edits(list(reversed(edits))) == chosen


def test_fix_reaches_a_fixpoint_and_chains_attribution():
    def glue(text):  # "alX" -> "al-X"
        i = text.find("alB")
        return [edit(i + 2, i + 2, "-", "AR")] if i >= 0 else []

    def term(text):  # "al-Badya" -> "al-Badia"
        i = text.find("al-Badya")
        return [edit(i, i + 8, "al-Badia", "GL")] if i >= 0 else []

    result = fix("in alBadya now", [glue, term])
    assert result.text == "in al-Badia now"
    (change,) = result.changes
    assert change.rule == "AR+GL"
    assert ("in alBadya now"[change.start : change.end], result.text[change.new_start : change.new_end]) == (
        "alBadya",
        "al-Badia",
    )


def test_fix_that_never_settles_fails_naming_the_rules():
    def flip(text):
        return [edit(0, 1, "b" if text[0] == "a" else "a", "FLIP")]

    with pytest.raises(FixDidNotConverge) as caught:
        fix("a", [flip])
    assert caught.value.rules == ("FLIP",)


def test_edits_that_undo_each_other_leave_no_change():
    state = {"n": 0}

    def there_and_back(text):
        state["n"] += 1
        return {1: [edit(0, 1, "X")], 2: [edit(0, 1, "a")]}.get(state["n"], [])

    result = fix("abc", [there_and_back])
    assert result.text == "abc" and result.changes == ()


@st.composite
def edit_passes(draw):
    original = draw(st.text(alphabet="ab \n’é", max_size=12))
    passes = draw(
        st.lists(
            st.lists(st.tuples(st.integers(0, 14), st.integers(0, 3), st.text("xyab", max_size=3)), max_size=4),
            min_size=1,
            max_size=4,
        )
    )
    return original, passes


@settings(max_examples=2000, deadline=None)
@given(edit_passes())
def test_changes_always_explain_the_corrected_text(case):
    """Whatever the passes, the change log replays and undoes exactly, with no overlaps."""
    original, passes = case
    text, changes = original, ()
    for number, raw in enumerate(passes):
        edits = select_edits(edit(min(s, len(text)), min(s + n, len(text)), r, f"R{number}") for s, n, r in raw)
        new_text, changes = compose(original, text, changes, edits)
        assert new_text == apply_edits(text, edits)
        text = new_text
    assert replay(original, text, changes) == text
    assert undo(original, text, changes) == original
    for left, right in zip(changes, changes[1:], strict=False):
        assert left.end <= right.start and left.new_end <= right.new_start
    for change in changes:
        assert original[change.start : change.end] != text[change.new_start : change.new_end]


def test_changes_are_narrowed_to_whole_changed_words():
    def dedupe(text):
        return [edit(0, len(text), text.split("\n\n")[0], "WEB")] if text.count("Title") == 2 else []

    def term(text):
        i = text.find("Rasul")
        return [edit(i - 4, i + 5, "the Rasool", "GL")] if i >= 0 else []

    result = fix("Title\n\nTitle", [dedupe])
    assert [(c.start, c.end, result.text[c.new_start : c.new_end]) for c in result.changes] == [(5, 12, "")]
    result = fix("So the Rasul said", [term])
    assert [("So the Rasul said"[c.start : c.end], result.text[c.new_start : c.new_end]) for c in result.changes] == [
        ("Rasul", "Rasool")
    ]


def test_corrected_offsets_map_back_to_the_original():
    from cleanup.fix import OriginalOffsets

    original = "the are , and Daash ."

    def rules(text):
        edits = []
        if " ," in text:
            edits.append(edit(text.index(" ,"), text.index(" ,") + 1, "", "SP"))
        if "Daash" in text:
            edits.append(edit(text.index("Daash"), text.index("Daash") + 5, "ISIS", "GL"))
        return edits

    result = fix(original, [rules])
    corrected = result.text
    offsets = OriginalOffsets(result.changes)
    assert corrected == "the are, and ISIS ."
    span = (corrected.index("the are"), corrected.index("the are") + 7)
    assert original[offsets.start(span[0]) : offsets.end(span[1])] == "the are"
    isis = (corrected.index("ISIS"), corrected.index("ISIS") + 4)
    assert original[offsets.start(isis[0]) : offsets.end(isis[1])] == "Daash"
    inside = corrected.index("ISIS") + 2
    assert offsets.start(inside) == original.index("Daash") and offsets.end(inside) == original.index("Daash") + 5


def test_a_windows_line_ending_is_one_line_break_not_a_blank_line():
    """`the\\r\\nal-the` is one paragraph (a hard-wrapped line): the window of a change on its second line
    starts at the paragraph's start, where a rule reading `al-` as a sentence start would be wrong."""
    assert changed_paragraphs("the\r\nal-the", [(6, 7)]) == [Window(0, 0, 12)]
    assert changed_paragraphs("the\r\n\r\nal-the", [(8, 9)]) == [Window(3, 7, 14)]
