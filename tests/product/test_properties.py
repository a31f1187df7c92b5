"""Properties that must hold for every text and glossary (hypothesis searches for counterexamples).

Texts mix English, Arabic script, emoji, combining marks, tabs, CR/LF/CRLF, every apostrophe and quote
form, URLs, Markdown code and the editor's directives; glossaries are random subsets of real entries
plus a made-up name with a made-up variant; all built-in rules run.
"""

import contextlib
import dataclasses
import itertools
from collections.abc import Iterator

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import fix as fix_engine
from cleanup.checkers.harper import HarperChecker
from cleanup.fix import changed_paragraphs
from cleanup.glossary.rereading import carried_over
from cleanup.house import load_glossary
from cleanup.model import Document, Edit, Safety, SpanSet
from cleanup.outputs.diff import unified_diff
from cleanup.outputs.findings import findings
from cleanup.pipeline import ALL_RULES, Settings, process, rule_context
from cleanup.protect import _ADDRESS_HINTS, DOMAIN, EMAIL, URL, _matches_around, directives, is_protected
from cleanup.rules import grammar
from cleanup.rules.articles import _ARTICLE, _BARE_AFTER_PREPOSITION, _MAYBE_ARTICLE, _bare_name_starts
from cleanup.rules.base import Context, Hint, RegexFinder, matches_at
from cleanup.rules.grammar import GR003, GrammarCheck
from cleanup.rules.hidden import _MIXED_WORD, _mixed_words
from cleanup.rules.repetition import _REPEATED, _REPEATED_ITEM, _item_matches, doubled_words
from cleanup.rules.spacing import _SPACE_BEFORE_NOT_AFTER_STOP, SP005
from cleanup.rules.translation import _BARE_USE_AFTER, THE_NAME, _names_used_bare, the_names
from cleanup.words.keys import TOKEN
from cleanup.words.sentences import sentence_start
from tests.conftest import ROOT

PIECES = [
    # words, names and glossary variants
    "the",
    "The",
    "army",
    "a",
    "an",
    "hour",
    "SDF",
    "ISIS",
    "Daash",
    "Da’ash",
    "Da'ash",
    "Daʼash",
    "Rasul",
    "Rasul’s",
    "alBadya",
    "al-Badya",
    "Badya",
    "Qasad",
    "Syrian Democratic forces",
    "sleeping cells",
    "Mosul",
    "Al- ",
    "al-",
    "Al-",
    "Alabama",
    "e\u0301",
    "a\u0308",
    "الرقة",
    "بادية",
    "😀",
    "🇸🇾",
    # spaces and line breaks
    " ",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    # punctuation, apostrophes and quotes
    ",",
    " ,",
    ".",
    ". .",
    "?!",
    "...",
    "…",
    ";",
    ":",
    "(",
    ")",
    "[",
    "]",
    " ( ",
    "'",
    "’",
    "‘",
    "ʼ",
    "ʿ",
    "ʾ",
    "`",
    "“",
    "”",
    '"',
    " ” ",
    "“ ",
    "1,000",
    "3.5",
    # text that must not be touched
    "http://x.com/a ,b",
    "editor@x.org",
    "<!-- cleanup: off -->",
    "<!-- cleanup: on -->",
    "<!-- cleanup: ignore SP001 -->",
    "`Daash , x`",
    "```\n",
    "# ",
    "[Daash](http://u.v/Daash ,b)",
]
ENTRIES = [
    ("ISIS", ["Daash", "Da'ash", "Daesh", "ISIL"]),
    ("Rasool", ["Rasul"]),
    ("al-Badia", ["alBadya", "al-Badya", "Badya"]),
    ("SDF", ["Qasad", "QSD"]),
    ("Syrian Democratic Forces", ["Syrian Democratic forces"]),
    ("sleeper cells", ["sleeping cells"]),
    ("Mosul", []),
    ("Raqqa", ["RAQQA", "Raqa"]),
]
SYLLABLES = ["ba", "da", "ka", "ra", "su", "ti", "mo"]


def glossary_yaml(entries, made_up: str) -> str:
    lines = ["terms:"]
    for preferred, variants in entries:
        lines += [f"  - preferred: {preferred!r}", f"    variants: {variants!r}"]
    variant = made_up.replace("a", "aa", 1) if "a" in made_up else made_up + "h"
    lines += [f"  - preferred: {made_up.capitalize()!r}", f"    variants: [{variant.capitalize()!r}]"]
    return "\n".join(lines) + "\n"


texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
glossaries = st.builds(
    glossary_yaml,
    st.lists(st.sampled_from(ENTRIES), unique_by=lambda e: e[0], max_size=len(ENTRIES)),
    st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=3).map("".join),
)


def run(text: str, glossary_text: str, markdown: bool, checker=None):
    glossary = load_glossary([("g.yaml", glossary_text)], [r.id for r in ALL_RULES])
    settings_ = Settings(glossary, ALL_RULES, checker=checker)
    return process(Document(text, markdown=markdown), settings_), settings_


@settings(max_examples=600, deadline=None)
@given(texts, glossaries, st.booleans())
def test_changes_replay_undo_and_cover_every_difference_once(text, glossary_text, markdown):
    outcome, _ = run(text, glossary_text, markdown)
    corrected, changes = outcome.corrected, outcome.changes
    replayed, undone, cursor, new_cursor = [], [], 0, 0
    for change in changes:
        assert cursor <= change.start <= change.end and new_cursor <= change.new_start <= change.new_end
        before, after = text[change.start : change.end], corrected[change.new_start : change.new_end]
        assert before != after and change.steps
        replayed += [text[cursor : change.start], after]
        undone += [corrected[new_cursor : change.new_start], before]
        cursor, new_cursor = change.end, change.new_end
    assert "".join(replayed) + text[cursor:] == corrected
    assert "".join(undone) + corrected[new_cursor:] == text


@settings(max_examples=600, deadline=None)
@given(texts, glossaries, st.booleans())
def test_no_change_falls_inside_protected_text(text, glossary_text, markdown):
    outcome, _ = run(text, glossary_text, markdown)
    protected = directives(text, markdown)
    for change in outcome.changes:
        assert not is_protected(protected, change.start, change.end), (change, protected.protected)


@settings(max_examples=600, deadline=None)
@given(texts, glossaries, st.booleans())
def test_fix_of_fix_changes_nothing(text, glossary_text, markdown):
    outcome, settings_ = run(text, glossary_text, markdown)
    again = process(Document(outcome.corrected, markdown=markdown), settings_)
    assert again.corrected == outcome.corrected and again.changes == ()


_LINE = regex.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def offset_of(text: str, line: int, column: int) -> int:
    """An independent reading of a 1-based line and column."""
    lines = [m.group() for m in _LINE.finditer(text)]
    return sum(len(previous) for previous in lines[: line - 1]) + column - 1


@settings(max_examples=600, deadline=None)
@given(texts, glossaries, st.booleans())
def test_report_lines_and_columns_point_at_the_text_they_name(text, glossary_text, markdown):
    outcome, _ = run(text, glossary_text, markdown)
    for finding in findings(outcome):
        assert offset_of(text, finding.line, finding.column) == finding.start
        assert offset_of(text, finding.end_line, finding.end_column) == finding.end
        assert text[finding.start : finding.end] == finding.text


@settings(max_examples=60, deadline=None)
@given(texts, glossaries)
def test_grammar_flags_point_into_the_original_too(text, glossary_text):
    outcome, _ = run(text, glossary_text, False, HarperChecker())
    for finding in findings(outcome):
        assert 0 <= finding.start <= finding.end <= len(text)
        assert offset_of(text, finding.line, finding.column) == finding.start


_HUNK = regex.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@\n")


def apply_unified_diff(original: str, diff: str) -> str:
    """An independent, strict reading of a unified diff as patch reads it (lines end at a line feed; a
    carriage return is part of its line): context and removed lines must match."""
    lines = [line for line in regex.split(r"(?<=\n)", original) if line]
    body = diff.split("\n", 2)[2] if diff else ""
    result, cursor = [], 0
    hunks = [m for m in _HUNK.finditer(body)]
    for index, hunk in enumerate(hunks):
        text = body[hunk.end() : hunks[index + 1].start() if index + 1 < len(hunks) else len(body)]
        a_start, a_count = int(hunk[1]), int(hunk[2] if hunk[2] is not None else 1)
        first = a_start - 1 if a_count else a_start
        result += lines[cursor:first]
        cursor = first
        entries = regex.findall(r"([ +\-])(.*?\n)(\\ No newline at end of file\n)?", text, regex.DOTALL)
        for mark, line, no_newline in entries:
            if no_newline:
                line = line[:-1]
            if mark in " -":
                assert lines[cursor] == line, (lines[cursor], line)
                cursor += 1
            if mark in " +":
                result.append(line)
    return "".join(result + lines[cursor:])


@settings(max_examples=600, deadline=None)
@given(texts, glossaries, st.booleans())
def test_unified_diff_turns_the_original_into_the_corrected_text(text, glossary_text, markdown):
    outcome, _ = run(text, glossary_text, markdown)
    diff = "".join(unified_diff(text, outcome.corrected, outcome.changes, "a", "b"))
    assert (diff == "") == (outcome.corrected == text)
    assert apply_unified_diff(text, diff) == outcome.corrected


span = st.tuples(st.integers(0, 30), st.integers(0, 8)).map(lambda p: (p[0], p[0] + p[1]))


@given(spans=st.lists(span, max_size=12), probe=span)
def test_span_set_overlap_agrees_with_comparing_every_span(spans, probe):
    start, end = probe
    expected = any(start < e and s < end or (start, end) == (s, e) for s, e in spans)
    assert SpanSet(spans).overlaps(start, end) == expected


# The fast paths below must find exactly what the exhaustive definition finds. Their texts add what
# trips a fast scan: letters that fold to two (ß), decomposed accents, "other numbers" next to a word
# (footnote ², ½: word characters to `re`, not to TOKEN), unusual joiners, and addresses.
SCAN_PIECES = [*PIECES, "Raqqa", "RAQQA", "ß", "STRASSE", "Daash²", "½Rasul", "x‐Qasad", "y_Daash", "Daash`s"]
SCAN_PIECES += ["Da’ash’s", "SDF, SDF", "y_SDF, SDF", "Daash`ISIS, ISIS", "Qasad (Qasad)", "ISIS, ISIS and"]
SCAN_PIECES += ["https://www.Example.COM/x?a=1", "WWW.a.iq", "a.b+c@d.sy ,e"]
SCAN_PIECES += [
    "ISIS/ ISIS",
    " or ",
    "SDF\tor SDF",
    ", and ",
    ", or ",
    "( ",
    "Syrian Democratic Forces, Syrian Democratic Forces",
]
scan_texts = st.lists(st.sampled_from(SCAN_PIECES), max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(scan_texts, glossaries)
def test_the_glossary_scan_finds_every_match_trying_every_word_finds(text, glossary_text):
    matcher = load_glossary([("g.yaml", glossary_text)]).matcher
    every_word = [token.start() for token in TOKEN.finditer(text)]
    assert list(matcher.edits(text)) == list(matcher._edits_at(text, every_word))


@settings(max_examples=400, deadline=None)
@given(scan_texts, st.lists(st.sampled_from(ENTRIES), max_size=len(ENTRIES)))
def test_repeated_items_are_found_where_an_overlapped_search_finds_them(text, entries):
    forms = frozenset(preferred for preferred, _ in entries)
    everywhere = [m.span() for m in _REPEATED_ITEM.finditer(text, overlapped=True) if m["item"] in forms]
    assert [m.span() for m in _item_matches(text, forms) if m["item"] in forms] == everywhere


@settings(max_examples=400, deadline=None)
@given(scan_texts, scan_texts, st.lists(st.sampled_from(ENTRIES), max_size=len(ENTRIES)))
def test_repeated_items_found_with_lines_kept_from_another_text_are_those_an_overlapped_search_finds(
    earlier, text, entries
):
    forms = frozenset(preferred for preferred, _ in entries)
    _item_matches(earlier + "\n" + text.replace("S", "s", 1), forms)  # lines of it kept for the next
    everywhere = [m.span() for m in _REPEATED_ITEM.finditer(text, overlapped=True) if m["item"] in forms]
    assert [m.span() for m in _item_matches(text, forms) if m["item"] in forms] == everywhere


@pytest.mark.parametrize(
    "text",
    [
        "the SDF, and SDF, or ISIS, or ISIS cells",
        "ISIS / ISIS and ISIS\tor  ISIS, Syrian Democratic Forces ( Syrian Democratic Forces )",
        "al-Badia,al-Badia, Mosul (Mosul) and S, S",
    ],
)
def test_repeated_items_after_every_mark_are_found_where_an_overlapped_search_finds_them(text):
    forms = frozenset(["SDF", "ISIS", "Syrian Democratic Forces", "al-Badia", "Mosul", "S"])
    everywhere = [m.span() for m in _REPEATED_ITEM.finditer(text, overlapped=True) if m["item"] in forms]
    assert [m.span() for m in _item_matches(text, forms) if m["item"] in forms] == everywhere
    assert len(everywhere) >= 2


@settings(max_examples=400, deadline=None)
@given(scan_texts)
def test_addresses_are_found_as_the_full_patterns_find_them_everywhere(text):
    full = {m.span() for pattern in (URL, EMAIL, DOMAIN) for m in pattern.finditer(text)}
    hinted = {m.span() for pattern, hint in _ADDRESS_HINTS for m in _matches_around(text, pattern, hint)}
    assert hinted == full


CASE_PIECES = [
    " ",
    "\t",
    "\n",
    "\r\n",
    "the",
    "The",
    "THE",
    "and",
    "ß",
    "SS",
    "ı",
    "I",
    "i",
    "ſ",
    "s",
    "K",
    "\u212a",
    "k",
]
CASE_PIECES += ["ς", "σ", "Σ", "e\u0301", "é", "-", "'", "1", "Mosul", "in ", ". ", "! ", "theMosul", "Mosul’s", "al-"]
CASE_PIECES += ["Mosul2", "Mosulʼs", "Raqqa", "Da'esh", "Al-Bab", "M", " lost", " said", ",", "the "]
case_texts = st.lists(st.sampled_from(CASE_PIECES), max_size=30).map("".join)


@settings(max_examples=500, deadline=None)
@given(case_texts)
def test_doubled_words_are_found_as_one_scan_of_the_whole_text_finds_them(text):
    assert [m.span() for m in doubled_words(text)] == [m.span() for m in _REPEATED.finditer(text)]


LINE_PIECES = [*CASE_PIECES, "\n", "\r\n", "\r", "\t", " ", "the", "The", "\u2028"]
line_texts = st.lists(st.sampled_from(LINE_PIECES), max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(line_texts, line_texts)
def test_doubled_words_read_line_by_line_with_lines_kept_from_another_text_are_those_one_scan_finds(earlier, text):
    doubled_words(earlier + "\n" + text.replace("the", "THE", 1))  # lines of it kept for the next
    found = doubled_words(text)
    assert all(match.string == text for match in found)
    assert [m.span() for m in found] == [m.span() for m in _REPEATED.finditer(text)]
    assert [m.span("gap") for m in found] == [m.span("gap") for m in _REPEATED.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(case_texts)
def test_names_used_bare_are_those_the_full_pattern_finds_bare(text):
    lowercase_word_before = r"(?<![\p{L}\-])(?!the[ \t])\p{Ll}+[ \t]+"
    names = {"Mosul", "Raqqa", "Da'esh", "Al-Bab", "M"}

    def used_bare(name: str) -> bool:
        every = regex.compile(rf"(?:{lowercase_word_before})?(?<![^ \t])({regex.escape(name)})(?![\p{{L}}\p{{M}}\-'’])")
        return any(
            _BARE_USE_AFTER.match(text, m.end())
            and (m.start(1) > m.start() or sentence_start(text, m.start(1)) is True)
            for m in every.finditer(text, overlapped=True)
        )

    assert _names_used_bare(text, names) == {name for name in names if used_bare(name)}


# Latin, Cyrillic and Greek letters (lookalikes and not), combining marks, script symbols that are no
# letters (Greek numeral sign and tonos, Cyrillic thousands sign, a Roman numeral), Arabic, spaces.
SCRIPT_PIECES = ["a", "D", "ash", "\u0430", "\u0421", "\u039b", "\u03bf", "\u0301", "\u0483", "\u0375"]
SCRIPT_PIECES += ["\u0384", "\u0482", "\u2160", "\u0645", "\u200b", " ", "\n", "-", "Москва", "Αθήνα", "1"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(SCRIPT_PIECES), max_size=30).map("".join))
def test_mixed_script_words_are_found_as_the_word_pattern_finds_them_everywhere(text):
    assert [m.span() for m in _mixed_words(text)] == [m.span() for m in _MIXED_WORD.finditer(text)]


# Rules marked local must find in a window of paragraphs (the blank lines before it included) exactly
# what they find there in the whole text: the fix loop reads only the paragraphs a pass changed again.
LOCAL_RULES = [rule for rule in ALL_RULES if rule.local]
PARAGRAPH_PIECES = [*PIECES, "\n \n", "\r\n\r\n", "\r\r", "\n\t\n\n", "The the ", "al-Baaj. ", "SDF, SDF, "]
PARAGRAPH_PIECES += ["(SDF), SDF, and ", "ISIS/ISIS ", "D\u0430ash ", "Da\u200bash", "$ 5", "\n- al-Qaim", "Lt. Col.\n"]
ARTICLES = [
    p.read_text(encoding="utf-8")
    for p in sorted([*ROOT.glob("seeds/*.txt"), *ROOT.glob("tests/data/new_articles/*.txt")])
]


def local_findings_agree(text: str, spans: list[tuple[int, int]], context) -> None:
    windows = changed_paragraphs(text, sorted(spans)) + [w for span in spans for w in changed_paragraphs(text, [span])]
    for rule in LOCAL_RULES:
        whole = [f for f in rule.findings(text, context)]
        for window in windows:
            expected = [f for f in whole if window.start <= f.start < window.end]
            piece = text[window.context : window.end]
            shifted = [
                dataclasses.replace(f, start=f.start + window.context, end=f.end + window.context)
                for f in rule.findings(piece, context)
                if window.start <= f.start + window.context < window.end
            ]
            assert shifted == expected, (rule.id, window)


AP_CONTEXT = dataclasses.replace(
    rule_context(Settings(load_glossary([("g.yaml", glossary_yaml(ENTRIES, "baka"))])), False), markdown=False
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(PARAGRAPH_PIECES), max_size=40).map("".join),
    st.lists(st.tuples(st.integers(0, 400), st.integers(0, 20)), max_size=4),
)
def test_local_rules_find_in_a_window_of_paragraphs_what_they_find_there_in_the_whole_text(text, picks):
    spans = [(min(start, len(text)), min(start + width, len(text))) for start, width in picks]
    local_findings_agree(text, spans, AP_CONTEXT)


def test_local_rules_find_in_each_paragraph_of_the_articles_what_they_find_there_in_the_whole_text():
    for text in ARTICLES:
        every_paragraph = [(start, start) for start in range(0, len(text), 97)]
        local_findings_agree(text, every_paragraph, AP_CONTEXT)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PARAGRAPH_PIECES), max_size=40).map("".join), glossaries, st.booleans())
def test_the_fix_loop_reading_changed_paragraphs_again_ends_where_reading_everything_again_ends(
    text, glossary_text, markdown
):
    glossary = load_glossary([("g.yaml", glossary_text)], [r.id for r in ALL_RULES])
    everywhere = tuple(dataclasses.replace(rule, local=False) for rule in ALL_RULES)
    local = process(Document(text, markdown=markdown), Settings(glossary, ALL_RULES))
    whole = process(Document(text, markdown=markdown), Settings(glossary, everywhere))
    assert (local.corrected, local.changes, local.flags) == (whole.corrected, whole.changes, whole.flags)
    with windows_read_one_by_one():  # a short text's few windows are read as the whole text, unless told
        windowed = process(Document(text, markdown=markdown), Settings(glossary, ALL_RULES))
    assert (windowed.corrected, windowed.changes, windowed.flags) == (whole.corrected, whole.changes, whole.flags)


@contextlib.contextmanager
def windows_read_one_by_one() -> Iterator[None]:
    """The fix loop asks local rules about each changed window however little reading the whole text costs."""
    cost = fix_engine._WINDOW_COST
    fix_engine._WINDOW_COST = -(1 << 40)
    try:
        yield
    finally:
        fix_engine._WINDOW_COST = cost


VERB_PIECES = [
    *CASE_PIECES,
    "analyzes",
    "ANALYZES",
    "analyzeſ",
    "Emphasizes",
    "emphasızes",
    "synthesizes",
    "the",
    "these",
]
VERB_PIECES += ["military", "recent", "Western", " of", "-", "\u212a", "hypothesizes", "analyzes,"]


def verbs_as_nouns_agree(text: str, piece: int) -> None:
    kept, grammar._PIECE = grammar._PIECE, piece  # pieces of 3 characters: cut after every line break
    try:
        found = [(f.start, f.end) for f in GR003.findings(text, Context())]
    finally:
        grammar._PIECE = kept
    assert found == [m.span("flag") for m in GR003.find.pattern.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(VERB_PIECES), max_size=30).map("".join), st.sampled_from([1 << 20, 3]))
def test_verbs_used_as_nouns_are_found_as_the_pattern_finds_them_everywhere(text, piece):
    verbs_as_nouns_agree(text, piece)


def test_verbs_used_as_nouns_are_found_in_every_piece_of_the_text():
    text = "The view of the military analyzes, he said.\nIn\nrecent synthesizes of it\nthe Western ANALYZEſ.\n"
    verbs_as_nouns_agree(text, 3)
    assert len(list(GR003.findings(text, Context()))) == 3


# Rules tried only where a standard-library hint says they may match must find what trying everywhere finds.
HINT_PIECES = [
    *PARAGRAPH_PIECES,
    "the are",
    "their are",
    "a in",
    "an of",
    "an and",
    "a at",
    "( x",
    "[\t",
    "$ 5",
    "£\t5",
]
HINT_PIECES += ["succeeded to expel", "insists to ", "stressed on the", "complained from ", "emphasised on", "x"]
HINT_PIECES += ["army .The", " .Net", "Da\u200b\u200cash", "\u001c", "x  ,", "the\tis", "Its were", "bathe are", "an"]
HINT_PIECES += ["the most important of them are", "The leaders of the group is", "tthe most ", "The number of "]
HINT_PIECES += ["Mosul,Kirkuk", "Iraq.The", "”.See", ",Ǆa", ".Ǳx", "Москва,Киев", "x.²", "java.io", "U.S.A"]
HINT_PIECES += ["30 %", "\t%", ",,", ";", ":", "; .", "Al- Baaj", "al-\t", "l-", "€ 5", "¥", "a .", "\t.", ")"]


def without_hints(rule):
    find = rule.find
    if isinstance(find, RegexFinder):
        return dataclasses.replace(rule, find=dataclasses.replace(find, hint=None))
    if isinstance(find, GrammarCheck) and isinstance(find.starts, Hint):
        return dataclasses.replace(rule, find=dataclasses.replace(find, starts=None))
    return None


HINTED = [
    (rule, without_hints(rule))
    for rule in ALL_RULES
    if getattr(rule.find, "hint", None) or isinstance(getattr(rule.find, "starts", None), Hint)
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(HINT_PIECES), max_size=40).map("".join))
def test_hinted_rules_find_what_trying_everywhere_finds(text):
    assert len(HINTED) >= 6
    for hinted, everywhere in HINTED:
        assert list(hinted.findings(text, Context())) == list(everywhere.findings(text, Context())), hinted.id
    space_before_stop = [m.span() for m in _SPACE_BEFORE_NOT_AFTER_STOP.finditer(text)]
    assert [(f.start, f.end) for f in SP005.findings(text, Context())] == space_before_stop


ARTICLE_PIECES = [*HINT_PIECES, "A", "An", "a ", "an\t", "x", "1", "'", "’", "ʼ", "-", "É", "Ω", "ΩΣ", "é"]
ARTICLE_PIECES += ["of", "by", "to", "for", "among", " SDF", "S", "S1", "U.N", "fromSDF", "\tISIS,", "ofa", "Aan "]
ARTICLE_PIECES += ["the", "The ", "Tthe ", "tthe\t", "he ", "Mosul", "-the ", "ÉTAT"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(ARTICLE_PIECES), max_size=40).map("".join))
def test_articles_and_bare_names_are_found_where_trying_everywhere_finds_them(text):
    hinted = [m.span() for m in matches_at(_ARTICLE, text, _MAYBE_ARTICLE(text))]
    assert hinted == [m.span() for m in _ARTICLE.finditer(text)]
    hinted = [m.span() for m in matches_at(_BARE_AFTER_PREPOSITION, text, _bare_name_starts(text))]
    assert hinted == [m.span() for m in _BARE_AFTER_PREPOSITION.finditer(text)]
    assert [m.span() for m in the_names(text)] == [m.span() for m in THE_NAME.finditer(text)]


# A fix pass's edits, random pieces of text put in at random places: the glossary's reading of the text
# after them, carried over from the reading before (the changed paragraphs read again), must be the
# reading of the text afresh. The glossary names a person and a sense, whose facts reach beyond a match.
REREAD_GLOSSARY = load_glossary(
    [
        (
            "g.yaml",
            glossary_yaml(ENTRIES[:4], "baka")
            + "  - preferred: Rasoul\n    variants: [Rasol]\n    person: Yahya Rasoul\n"
            + "  - preferred: sleeper cells\n    variants: [sleeping cells]\n    sense_words: [ISIS, attack]\n",
        )
    ],
    [r.id for r in ALL_RULES],
).matcher
REREAD_PIECES = ["Rasol ", "Yahya ", "Yahya Rasol. ", "known", " as ", "(Arabic: ", "attack ", "\n", "\n\n", "word "]
REREAD_PIECES += ["sleeping cells ", "the ", ", a word", "“", "”", "in Arabic", " al ", "al-", "Baaka ", "Badya "]
REREAD_PIECES += ["ISIS ", "Daash", ". ", "\r\n\r\n", "Qasad "]


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(st.sampled_from(REREAD_PIECES), max_size=30),
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 3), st.sampled_from(["", *REREAD_PIECES])), max_size=4),
)
def test_a_glossary_reading_carried_over_a_pass_is_the_reading_afresh(pieces, picks):
    before = "".join(pieces)
    offsets = [0, *itertools.accumulate(map(len, pieces))]  # edits replace whole pieces
    edits = fix_engine.select_edits(
        Edit(offsets[min(at, len(pieces))], offsets[min(at + count, len(pieces))], piece, "X", "", Safety.SAFE)
        for at, count, piece in picks
    )
    text = fix_engine.apply_edits(before, edits)
    windows = changed_paragraphs(text, *fix_engine._new_spans(edits))
    carried = carried_over(REREAD_GLOSSARY, before, list(REREAD_GLOSSARY.edits(before)), text, windows)
    if edits and "Yahya" not in before + text:
        assert carried is not None
    if carried is not None:
        assert carried == list(REREAD_GLOSSARY.edits(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="\n \ta.", max_size=60))
def test_blank_lines_without_a_cr_are_found_as_the_general_pattern_finds_them(text):
    assert [m.span() for m in fix_engine._BLANK_LF_LINES.finditer(text)] == [
        m.span() for m in fix_engine._BLANK_LINES.finditer(text)
    ]
