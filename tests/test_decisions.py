"""Review decisions: matched by rule, text and context; rejected changes stay out; stale ones reported."""

import json
from dataclasses import astuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.cli import main
from cleanup.decisions import DecisionFile, DecisionsError, decisions_yaml, load_decisions, match
from cleanup.house import load_glossary
from cleanup.model import Decision, Document
from cleanup.pipeline import ALL_RULES, Settings, process

ISIS_GLOSSARY = "terms:\n  - preferred: ISIS\n    variants: [Daash]\n"
GLOSSARY = load_glossary([("g.yaml", ISIS_GLOSSARY)])
SETTINGS = Settings(GLOSSARY, ALL_RULES)
TEXT = "The Daash cell left. Later the Daash cell came back , and fought.\n"


def decision(verdict: str, before: str = "Daash", left: str = "", right: str = "", rule: str = "GL:ISIS") -> Decision:
    return Decision(rule, before, "ISIS", left, right, verdict)


def test_a_rejected_change_is_left_out_and_the_rest_applied():
    second = TEXT.index("Daash", 10)
    rejected = decision("reject", left=TEXT[second - 10 : second], right=" cell came")
    outcome = process(Document(TEXT), SETTINGS, decisions=[rejected])
    assert outcome.corrected == "The ISIS cell left. Later the Daash cell came back, and fought.\n"
    assert outcome.rejected == (rejected,) and outcome.stale == ()


def test_context_picks_the_right_one_of_two_identical_changes():
    first = decision("accept", left="The ", right=" cell left")
    second = decision("accept", left="Later the ", right=" cell came")
    outcome = process(Document(TEXT), SETTINGS, decisions=[second, first])
    assert outcome.accepted == frozenset({0, 1})
    found, stale = match([second, first], TEXT, outcome.changes)
    assert found == {0: first, 1: second} and stale == []


def test_decisions_survive_edits_elsewhere_and_report_stale_ones():
    rejected = decision("reject", left="Later the ", right=" cell came")
    gone = decision("accept", before="Daesh", left="x", right="y")
    edited = "A new first sentence. " + TEXT.replace("fought", "fought hard")
    outcome = process(Document(edited), SETTINGS, decisions=[rejected, gone])
    assert "Later the Daash cell" in outcome.corrected and outcome.corrected.startswith(
        "A new first sentence. The ISIS"
    )
    assert outcome.stale == (gone,)


def test_same_words_with_unrelated_context_do_not_match():
    elsewhere = decision("reject", left="completely other", right="words entirely")
    outcome = process(Document(TEXT), SETTINGS, decisions=[elsewhere])
    assert "Daash" not in outcome.corrected and outcome.stale == (elsewhere,)


def test_fix_of_fix_with_decisions_changes_nothing():
    rejected = decision("reject", left="Later the ", right=" cell came")
    once = process(Document(TEXT), SETTINGS, decisions=[rejected])
    twice = process(Document(once.corrected), SETTINGS, decisions=[rejected])
    assert twice.corrected == once.corrected and twice.changes == ()


@pytest.mark.parametrize(
    "text, message",
    [
        ("decisions: [\n", "d.yaml:2:1: YAML syntax error"),
        ("- a\n", "d.yaml:1:1: expected “decisions:” with a list of decisions"),
        ("decisions:\n  - rule: GL:ISIS\n    decision: maybe\n", "d.yaml:2:5: a decision needs text"),
        ("decisions: []\nname: [Hurairah]\n", "d.yaml:2:1: unknown key “name”; did you mean “names”?"),
        ("decisions: []\nnames: Hurairah\n", "d.yaml:2:1: “names” must be a list of names"),
    ],
)
def test_bad_decisions_files_name_the_place(text, message):
    with pytest.raises(DecisionsError) as caught:
        load_decisions("d.yaml", text)
    assert str(caught.value).startswith(message)


@pytest.fixture
def project(make_project):
    return make_project(ISIS_GLOSSARY, {"seeds/a.txt": TEXT})


DECISIONS = """\
article: seeds/a.txt
decisions:
  - rule: "GL:ISIS"
    before: "Daash"
    after: "ISIS"
    context_before: "Later the "
    context_after: " cell came"
    decision: reject
  - rule: "GL:ISIS"
    before: "Daesh"
    after: "ISIS"
    context_before: "gone"
    context_after: "gone"
    decision: accept
"""


def test_cli_reads_decisions_beside_the_edition_and_warns_about_stale_ones(project, capsys):
    (project / "corrected").mkdir()
    (project / "corrected" / "a.txt.decisions.yaml").write_text(DECISIONS, encoding="utf-8")
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    assert capsys.readouterr().err == (
        "corrected/a.txt.decisions.yaml:9:5: stale decision: GL:ISIS “Daesh” matches no change any more; remove it\n"
    )
    assert "Later the Daash cell" in (project / "corrected" / "a.txt").read_text(encoding="utf-8")
    log = json.loads((project / "corrected" / "a.txt.changes.json").read_text(encoding="utf-8"))
    assert [d["before"] for d in log["rejected"]] == ["Daash"] and [d["before"] for d in log["stale"]] == ["Daesh"]
    assert "## Rejected by the editor (not applied)" in (project / "corrected" / "a.txt.report.md").read_text(
        encoding="utf-8"
    )


def test_cli_applies_a_file_saved_at_the_desk_as_one_from_the_page(project, capsys):
    """Who and when change nothing that fix writes; a dismissed flag is neither applied nor stale."""
    (project / "corrected").mkdir()
    plain = load_decisions("d", DECISIONS)
    (project / "corrected" / "a.txt.decisions.yaml").write_text(DECISIONS, encoding="utf-8")
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    page = {p.name: p.read_bytes() for p in (project / "corrected").iterdir()}
    dismissed = Decision("RW002", "to to", "", "He went ", " the", "dismiss", by="Sami", at="2026-12-05T12:00:00Z")
    desk = [Decision(*astuple(d)[:7], by="Mona", at="2026-12-05T11:51:26+00:00") for d in plain.decisions]
    saved = decisions_yaml(DecisionFile(plain.article, plain.article_sha256, desk, dismissed=(dismissed,)))
    (project / "corrected" / "a.txt.decisions.yaml").write_text(saved, encoding="utf-8")
    capsys.readouterr()
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    assert "stale decision: GL:ISIS “Daesh”" in capsys.readouterr().err
    for name in ("a.txt", "a.txt.diff", "a.txt.html"):  # the records differ only in the decisions' line numbers
        assert (project / "corrected" / name).read_bytes() == page[name]


def test_cli_decisions_option_and_check(project, capsys):
    (project / "d.yaml").write_text(DECISIONS, encoding="utf-8")
    (project / "seeds" / "a.txt").write_text("Later the Daash cell came.\n", encoding="utf-8")
    assert main(["check", "-q", "--grammar", "none"]) == 1
    assert main(["check", "-q", "--grammar", "none", "--decisions", "d.yaml", "seeds/a.txt"]) == 0
    (project / "seeds" / "b.txt").write_text("x\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["fix", "--decisions", "d.yaml"]) == 2
    assert capsys.readouterr().err == "cleanup: --decisions FILE applies to one article, but 2 were given\n"


def _brute_force_match(decisions, original, changes):
    """The matching rule as the README states it, comparing every decision with every change."""
    from cleanup.decisions import MIN_AGREEMENT, agreement, context

    pairs = []
    for number, d in enumerate(decisions):
        needed = min(MIN_AGREEMENT, len(d.context_before) + len(d.context_after))
        for index, change in enumerate(changes):
            if (change.rule.split("+")[0], original[change.start : change.end]) == (d.first_rule, d.before):
                score = agreement(d, *context(original, change))
                if score >= needed:
                    pairs.append((-score, index, number))
    found, used = {}, set()
    for _, index, number in sorted(pairs):
        if index not in found and number not in used:
            found[index], _ = decisions[number], used.add(number)
    return found, [d for number, d in enumerate(decisions) if number not in used]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["Daash ", "x ", "y ", "Daash", "\n", "ab "]), max_size=40),
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30), st.integers(0, 12), st.integers(0, 12)), max_size=12),
)
def test_the_context_index_matches_exactly_like_comparing_every_pair(words, picks):
    text = "".join(words)
    outcome = process(Document(text), Settings(GLOSSARY, ()))
    changes = outcome.changes
    decisions = []
    for which, shift, left_size, right_size in picks:
        if not changes:
            break
        change = changes[which % len(changes)]
        start = max(0, change.start - shift % 5)
        left = text[max(0, start - left_size) : start]
        right = text[change.end : change.end + right_size]
        decisions.append(Decision("GL:ISIS", "Daash", "ISIS", left, right, "accept"))
    assert match(decisions, text, changes) == _brute_force_match(decisions, text, changes)


def test_unknown_keys_and_control_characters_in_a_decisions_file_are_named(tmp_path):
    typo = "decisions:\n  - rule: GL:ISIS\n    before: Daash\n    after: ISIS\n    contex_before: ''\n    decision: reject\n"
    with pytest.raises(DecisionsError) as raised:
        load_decisions("d.yaml", typo)
    assert str(raised.value) == "d.yaml:5:5: unknown key “contex_before” in a decision; did you mean “context_before”?"
    control = 'decisions:\n  - rule: GL:ISIS\n    before: "Da\x7fash"\n'
    with pytest.raises(DecisionsError) as raised:
        load_decisions("d.yaml", control)
    assert str(raised.value) == (
        'd.yaml:3:16: control character U+007F is not allowed in YAML; remove it, or write it as "\\u007f" inside double quotes'
    )


def test_decisions_made_on_another_article_are_refused_unless_forced(tmp_path, make_project, capsys):
    make_project(ISIS_GLOSSARY, {"seeds/a.txt": "The Daash cell.\n", "seeds/b.txt": "The Daash cell.\n"})
    made_on_a = (
        'article: "seeds/a.txt"\narticle_sha256: "0000"\ndecisions:\n'
        '  - {rule: "GL:ISIS", before: Daash, after: ISIS, context_before: "The ", context_after: " cell.", decision: reject}\n'
    )
    (tmp_path / "d.yaml").write_text(made_on_a, encoding="utf-8")
    assert main(["fix", "-q", "--grammar", "none", "--decisions", "d.yaml", "seeds/b.txt"]) == 2
    assert capsys.readouterr().err == (
        "d.yaml:1:1: these decisions were made on seeds/a.txt, not on seeds/b.txt; "
        "give the decisions file of this article, or --force to apply them anyway\n"
    )
    assert not (tmp_path / "corrected").exists()
    assert main(["fix", "-q", "--grammar", "none", "--decisions", "d.yaml", "--force", "seeds/b.txt"]) == 0
    assert (tmp_path / "corrected" / "b.txt").read_text(encoding="utf-8") == "The Daash cell.\n"
    # The article edited since: still its own decisions (decisions survive edits).
    (tmp_path / "seeds" / "a.txt").write_text("The Daash cell. More text.\n", encoding="utf-8")
    assert main(["fix", "-q", "--grammar", "none", "--decisions", "d.yaml", "seeds/a.txt"]) == 0
    # A renamed article whose bytes are the ones decided on: accepted.
    import hashlib

    renamed = tmp_path / "seeds" / "renamed.txt"
    renamed.write_text("The Daash cell.\n", encoding="utf-8")
    digest = hashlib.sha256(renamed.read_bytes()).hexdigest()
    (tmp_path / "d.yaml").write_text(made_on_a.replace('"0000"', f'"{digest}"'), encoding="utf-8")
    assert main(["fix", "-q", "--grammar", "none", "--decisions", "d.yaml", "seeds/renamed.txt"]) == 0


def test_the_run_summary_counts_rejected_changes(project, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    (project / "corrected").mkdir()
    (project / "corrected" / "a.txt.decisions.yaml").write_text(DECISIONS, encoding="utf-8")
    assert main(["fix", "--grammar", "none"]) == 0
    out = capsys.readouterr().out
    assert "1 of 1 files changed; 1 change rejected in review, left as written" in out
    assert "“Daash” → “ISIS”, rejected in review" not in out  # GL:ISIS made changes: its own reason is kept
    assert main(["check", "--grammar", "none"]) == 1
    assert capsys.readouterr().err.splitlines()[-1].endswith("; 1 rejected in review")


def test_a_decisions_file_with_no_decisions_and_names_reads():
    read = load_decisions("d.yaml", "article: a.txt\ndecisions:\nnames: [Qutaybah Zubaydi]\n")
    assert (read.decisions, read.names, read.path) == ([], ("Qutaybah Zubaydi",), "d.yaml")


def test_who_and_when_are_read_and_ignored_for_applying():
    text = (
        "decisions:\n  - rule: GL:ISIS\n    before: Daash\n    after: ISIS\n    context_before: 'Later the '\n"
        "    context_after: ' cell came'\n    decision: reject\n    by: Mona\n    at: 2026-12-05T11:51:26Z\n"
    )
    (loaded,) = load_decisions("d.yaml", text).decisions
    assert (loaded.by, loaded.at) == ("Mona", "2026-12-05T11:51:26Z")
    plain = decision("reject", left="Later the ", right=" cell came")
    with_who = process(Document(TEXT), SETTINGS, decisions=[loaded])
    assert with_who.corrected == process(Document(TEXT), SETTINGS, decisions=[plain]).corrected
    assert with_who.rejected == (loaded,) and with_who.stale == ()


@pytest.mark.parametrize(
    "extra, message",
    [
        ("    at: yesterday\n", "d.yaml:2:5: “at” must be an ISO 8601 time"),
        ("    by: [Mona]\n", "d.yaml:2:5: “by” must be"),
    ],
)
def test_bad_who_or_when_is_named(extra, message):
    text = "decisions:\n  - rule: GL:ISIS\n    before: Daash\n    after: ISIS\n    decision: accept\n" + extra
    with pytest.raises(DecisionsError) as caught:
        load_decisions("d.yaml", text)
    assert str(caught.value).startswith(message)


def test_dismissed_flags_are_kept_apart_and_never_stale():
    text = (
        "decisions:\n  - rule: GR001\n    before: 'an'\n    after: ''\n    context_before: 'x'\n"
        "    context_after: 'y'\n    decision: dismiss\n    by: Mona\n"
    )
    loaded = load_decisions("d.yaml", text)
    assert loaded.decisions == [] and [d.rule for d in loaded.dismissed] == ["GR001"]
    assert process(Document(TEXT), SETTINGS, decisions=loaded.decisions).stale == ()


_texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
_decisions = st.builds(
    Decision,
    rule=st.from_regex(r"GL:[A-Za-z]{1,6}|[A-Z]{2}[0-9]{3}", fullmatch=True),
    before=_texts,
    after=_texts,
    context_before=_texts,
    context_after=_texts,
    verdict=st.sampled_from(["accept", "reject", "dismiss"]),
    by=_texts,
    at=st.sampled_from(["", "2026-12-05T11:51:26Z", "2026-01-01T00:00:00+00:00"]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_decisions, max_size=5), st.lists(_texts.filter(str.strip), max_size=3, unique=True), _texts)
def test_a_written_decisions_file_reads_back_the_same(decisions, names, article):
    written = DecisionFile(
        article,
        "9f86d0",
        [d for d in decisions if d.verdict != "dismiss"],
        tuple(sorted(names)),
        dismissed=tuple(d for d in decisions if d.verdict == "dismiss"),
    )
    again = load_decisions("d.yaml", decisions_yaml(written))
    assert _plain(again) == _plain(written)


def _plain(file: DecisionFile) -> tuple:
    def fields(d: Decision) -> tuple:
        return (d.rule, d.before, d.after, d.context_before, d.context_after, d.verdict, d.by, d.at)

    return (
        file.article,
        file.article_sha256,
        [fields(d) for d in file.decisions],
        [fields(d) for d in file.dismissed],
        file.names,
    )
