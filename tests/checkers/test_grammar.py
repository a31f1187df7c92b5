"""Grammar and spelling flags with the real Harper checker, and the house grammar checks on the seed."""

import pytest

from cleanup.checkers.harper import HarperChecker
from cleanup.house import load_glossary
from cleanup.model import Document, Safety, Severity
from cleanup.pipeline import ALL_RULES, Settings, process
from tests.conftest import ROOT

SEED = ROOT / "seeds" / "000_34c7e98329047369.txt"


def house():
    files = sorted((ROOT / "glossary").glob("*.yaml"))
    return load_glossary([(str(f), f.read_text(encoding="utf-8")) for f in files], [r.id for r in ALL_RULES])


def settings(glossary=None, **options) -> Settings:
    glossary = glossary or house()
    options.setdefault("checker", HarperChecker(glossary.spelling_words))
    return Settings(glossary, ALL_RULES + glossary.rules, **options)


@pytest.fixture(scope="module")
def seed_outcome():
    return process(Document(SEED.read_text(encoding="utf-8")), settings())


def test_names_and_places_are_not_called_misspellings(seed_outcome):
    spelling = [seed_outcome.original.text[f.start : f.end] for f in seed_outcome.flags if f.category == "Spelling"]
    assert spelling == []
    empty = load_glossary([("empty.yaml", "terms: []\n")])
    bare = process(
        Document(SEED.read_text(encoding="utf-8")), settings(empty, checker=HarperChecker(), every_name=True)
    )
    unknown = {bare.original.text[f.start : f.end] for f in bare.flags if f.category in ("Spelling", "name")}
    assert {"Kirkuk", "Anbar", "ISIS"} <= unknown  # what the glossary words keep away (as names, without a glossary)


def test_the_flags_an_editor_would_raise_on_the_seed(seed_outcome):
    text = seed_outcome.original.text
    found = {(flag.rule, text[flag.start : flag.end]) for flag in seed_outcome.flags}
    assert ("GR001", "the are") in found
    assert ("GR002", "a in") in found
    assert ("GR003", "analyzes") in found
    assert ("GR004", "warned,") in found
    assert ("PA001", "and") in found
    unpaired = {text.count("\n", 0, f.start) + 1 for f in seed_outcome.flags if "Quote" in f.rule or f.rule == "QU003"}
    assert unpaired == {23, 31, 33}  # not line 15, whose quotation line 17 reopens (Harper sees one paragraph)


def test_flags_point_at_the_original_text(seed_outcome):
    text = seed_outcome.original.text
    for flag in seed_outcome.flags:
        assert 0 <= flag.start <= flag.end <= len(text)
    harper = [f for f in seed_outcome.flags if f.rule.startswith("HP:")]
    assert harper and all(f.start < f.end for f in harper)


def test_harper_lint_that_repeats_a_house_flag_is_dropped(seed_outcome):
    house = [f for f in seed_outcome.flags if not f.rule.startswith("HP:")]
    for flag in seed_outcome.flags:
        if flag.rule.startswith("HP:"):
            assert not any(flag.start < h.end and h.start < flag.end for h in house), flag


def test_offsets_survive_arabic_emoji_and_several_paragraphs():
    text = "The report 😀 on Syria.\n\nIt said the army recieved orders in الرقة.\n"
    outcome = process(Document(text), settings())
    (flag,) = [f for f in outcome.flags if f.category == "Spelling"]
    assert text[flag.start : flag.end] == "recieved" and "received" in flag.suggestions
    assert flag.severity is Severity.WARNING


def test_flags_follow_the_changes_back_to_the_original():
    text = "The Daash , report said the army recieved orders.\n"
    outcome = process(Document(text), settings())
    (flag,) = [f for f in outcome.flags if f.category == "Spelling"]
    assert text[flag.start : flag.end] == "recieved"


def test_protected_and_ignored_text_is_not_flagged():
    text = "See https://example.com/recieved and <!-- cleanup: ignore HP:SpellCheck --> recieved.\nThe recieved.\n"
    outcome = process(Document(text), settings())
    flagged = [f.start for f in outcome.flags if f.category == "Spelling"]
    assert flagged == [text.rindex("recieved")]


def test_ignore_by_prefix_and_none_turn_grammar_off():
    text = "The army recieved orders.\n"
    assert not [f for f in process(Document(text), settings(ignore=("HP",))).flags]
    assert not [f for f in process(Document(text), settings(checker=None)).flags]


def test_apply_suggestions_applies_single_suggestion_flags_as_unsafe_changes():
    text = "In the opinion of the Western military analyzes, the defeat is near.\n"
    outcome = process(Document(text), settings(apply_suggestions=("grammar",)))
    assert "military analyses, the" in outcome.corrected
    (change,) = [c for c in outcome.changes if c.rule == "GR003"]
    assert change.steps[0].safety is Safety.UNSAFE
    untouched = process(Document(text), settings())
    assert untouched.corrected == text


def test_dialect_changes_what_harper_accepts():
    text = "The colour of the flag.\n"
    american = process(Document(text), settings(checker=HarperChecker(dialect="american")))
    british = process(Document(text), settings(checker=HarperChecker(dialect="british")))
    assert any(text[f.start : f.end] == "colour" for f in american.flags)
    assert not any(text[f.start : f.end] == "colour" for f in british.flags)


def test_a_linter_replaced_every_paragraph_flags_as_one_kept(monkeypatch):
    """A long text's Linter is replaced every so many paragraphs (its lint cache grows to about 85 MB); a new
    one, configured alike, must flag the same."""
    from cleanup.checkers import harper
    from cleanup.words.paragraphs import paragraphs

    text = SEED.read_text(encoding="utf-8")
    words = house().spelling_words
    kept = HarperChecker(words).check(text, paragraphs(text, False), False)
    monkeypatch.setattr(harper, "RECYCLE_AFTER", 1)
    assert HarperChecker(words).check(text, paragraphs(text, False), False) == kept
    assert len(kept) > 5


def test_a_paragraph_with_a_huge_word_is_not_given_to_harper(tmp_path, monkeypatch):
    """Harper asks for memory by the square of a word's length (100,000 characters: about 30 GB, then a
    crash of the whole process); such a paragraph is noted, not checked, and the rest is checked."""
    from cleanup.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "house.yaml").write_text("terms: []\n", encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("X" * 100_000 + " end.\n\nThe goverment left.\n", encoding="utf-8")
    assert main(["fix", "-q", "--no-cache"]) == 0
    import json

    flags = json.loads((tmp_path / "corrected" / "a.txt.changes.json").read_text(encoding="utf-8"))["flags"]
    assert [(f["rule"], f["severity"]) for f in flags] == [("HP:NotChecked", "note"), ("HP:SpellCheck", "warning")]
    assert flags[0]["message"] == "paragraph not checked for grammar: it holds a word of 100,000 characters; split it"


@pytest.mark.parametrize("dialect", ["american", "british"])
def test_harper_loading_in_the_background_serves_one_file_and_forked_workers_alike(make_project, dialect):
    """The Linter starts loading before the package is imported; a run of one file uses it, and worker
    processes forked for several files never inherit one half-built (they would hang or crash)."""
    import json

    from cleanup.cli import main

    files = {f"seeds/{name}.txt": "The goverment left.\n" for name in "abc"}
    project = make_project("terms: []\n", files)
    assert main(["fix", "-q", "--no-cache", "--dialect", dialect, "seeds/a.txt"]) == 0
    assert main(["fix", "-q", "--no-cache", "--dialect", dialect, "--jobs", "2", "--out", "many"]) == 0
    for out, names in (("corrected", "a"), ("many", "abc")):
        for name in names:
            log = json.loads((project / out / f"{name}.txt.changes.json").read_text(encoding="utf-8"))
            assert [flag["text"] for flag in log["flags"]] == ["goverment"]


def test_a_title_case_suggestion_keeps_the_glossary_forms_as_written():
    """Harper's title case for a heading would respell `ISIS` and `al-Badia`; the suggestion keeps them,
    and a heading whose only change would be a glossary form is not flagged at all."""
    text = "# The Daash cells in alBadya\n\nThe report.\n\n# Fighting in alBadya\n\nThe end.\n"
    glossary = house()
    title_case = HarperChecker(glossary.spelling_words, title_case=True)
    outcome = process(Document(text, markdown=True), settings(glossary, checker=title_case))
    titles = [f for f in outcome.flags if f.rule == "HP:UseTitleCase"]
    assert [f.suggestions for f in titles] == [("# The ISIS Cells in al-Badia",)]


def test_only_case_changes_are_corrected_and_only_whole_forms():
    from cleanup.glossary.suggestions import keep_glossary_forms
    from cleanup.model import Flag

    text = "ISIS and ISISes, near Mosul."
    case_only = Flag(0, len(text), "HP:X", "m", ("Isis And Isises, Near Mosul.",))
    other_word = Flag(0, 4, "HP:Y", "m", ("Daesh",))
    kept = keep_glossary_forms([case_only, other_word], text, frozenset({"ISIS", "Mosul"}))
    assert [f.suggestions for f in kept] == [("ISIS And Isises, Near Mosul.",), ("Daesh",)]
    assert keep_glossary_forms([Flag(0, 4, "HP:Z", "m", ("Isis",))], text, frozenset({"ISIS"})) == []


@pytest.mark.parametrize(
    "configuration, options, started",
    [
        ("", [], ["american"]),
        ('grammar = "none"\n', [], []),
        ('grammar = "none"\n', ["--grammar", "harper"], ["american"]),
        ('dialect = "british"\n', [], ["british"]),
        ('dialect = "british"\n', ["--dialect", "indian"], ["indian"]),
        ("", ["--grammar", "languagetool", "--languagetool-url", "http://127.0.0.1:9"], []),
        ("grammar = [broken\n", [], ["american"]),  # the run itself reports the bad file
    ],
)
def test_harper_starts_loading_only_for_a_run_that_will_use_it(
    make_project, monkeypatch, configuration, options, started
):
    import cleanup.checkers.warmup as warmup
    import cleanup.cli as cli

    calls: list[str] = []
    monkeypatch.setattr(warmup, "warm_up", calls.append)  # the command line imports it when a run needs it
    project = make_project("terms: []\n", {"seeds/a.txt": "Text.\n"})
    if configuration:
        (project / "cleanup.toml").write_text(configuration, encoding="utf-8")
    cli.main(["check", "-q", "--no-cache", *options])
    assert calls == started
