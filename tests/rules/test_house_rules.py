"""Rules editors write in YAML: loading, self-tests, clear errors, timeouts, and the house file itself."""

import pytest

from cleanup.cli import main
from cleanup.house import GlossaryError, load_glossary
from cleanup.model import Document, Safety
from cleanup.pipeline import ALL_RULES, Settings, process
from cleanup.rules import from_yaml
from cleanup.rules.base import Context, example_failure
from tests.conftest import ROOT

RESERVED = [rule.id for rule in ALL_RULES]


def load(text: str):
    return load_glossary([("r.yaml", text)], reserved_ids=RESERVED)


def problems(text: str) -> list[str]:
    with pytest.raises(GlossaryError) as caught:
        load(text)
    return [str(p) for p in caught.value.problems]


def run(glossary, text: str, **options):
    return process(Document(text), Settings(glossary, ALL_RULES + glossary.rules, **options))


def test_fix_rule_with_groups_and_examples():
    glossary = load(
        "rules:\n"
        "  - id: HS001\n"
        "    reason: write per cent as a word\n"
        "    pattern: '(?P<n>\\d+) ?%'\n"
        "    replacement: '\\g<n> per cent'\n"
        "    examples:\n"
        "      - {from: 'rose 5 %', to: 'rose 5 per cent'}\n"
        "      - {no_match: 'the % sign'}\n"
    )
    (rule,) = glossary.rules
    assert (rule.id, rule.safety, rule.reason) == ("HS001", Safety.SAFE, "write per cent as a word")
    outcome = run(glossary, "Attacks rose 40% in May.")
    assert outcome.corrected == "Attacks rose 40 per cent in May."
    assert [change.rule for change in outcome.changes] == ["HS001"]


def test_flag_rule_reports_its_message():
    glossary = load(
        "rules:\n"
        "  - id: HS002\n"
        "    pattern: '\\bsources said\\b'\n"
        "    message: name the source or say why it cannot be named\n"
        "    examples: [{match: 'sources said so'}, {no_match: 'the sources say'}]\n"
    )
    outcome = run(glossary, "Sources said so, and sources said more.")
    assert outcome.corrected == "Sources said so, and sources said more."
    assert [(f.rule, f.message) for f in outcome.flags] == [("HS002", "name the source or say why it cannot be named")]


def test_line_scope_sees_one_line_at_a_time():
    glossary = load("rules:\n  - id: HS003\n    pattern: '^Page \\d+$'\n    replacement: ''\n    scope: line\n")
    assert run(glossary, "Text.\nPage 3\nMore.\n").corrected == "Text.\n\nMore.\n"


def test_unsafe_rule_needs_unsafe_fixes():
    glossary = load("rules:\n  - id: HS004\n    pattern: '\\bwhilst\\b'\n    replacement: while\n    safety: unsafe\n")
    assert run(glossary, "It fell whilst we slept.").corrected == "It fell whilst we slept."
    assert run(glossary, "It fell whilst we slept.", unsafe_fixes=True).corrected == "It fell while we slept."


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "rules:\n  - id: HS001\n    pattern: 'a(b'\n    replacement: x\n",
            "r.yaml:3:14: rule HS001: bad pattern: missing ) at position 3; correct the regex",
        ),
        (
            "rules:\n  - id: HS001\n    pattern: a\n    replacement: '\\g<n>'\n",
            "r.yaml:4:18: rule HS001: the replacement names group n, which the pattern does not have",
        ),
        (
            "rules:\n  - id: SP001\n    pattern: a\n    replacement: b\n",
            "r.yaml:2:5: rule id SP001 is already taken; choose another id",
        ),
        (
            "rules:\n  - id: hs1\n    pattern: a\n    replacement: b\n",
            "r.yaml:2:9: a rule id is capitals and digits, like WEB001",
        ),
        (
            "rules:\n  - id: HS001\n    pattern: a\n",
            "r.yaml:2:5: rule HS001: give either “replacement:” (a fix) or “message:” (a flag)",
        ),
        (
            "rules:\n  - id: HS001\n    pattern: a\n    message: m\n    safety: safe\n",
            "r.yaml:5:13: rule HS001: a rule with “replacement:” is safe or unsafe; one with “message:” is flag",
        ),
        (
            "rules:\n  - id: HS001\n    pattern: a\n    replacement: b\n    scope: page\n",
            "r.yaml:5:12: rule HS001: “scope” must be one of document, line",
        ),
        (
            "rules:\n  - id: HS001\n    pattern: cat\n    replacement: dog\n    examples: [{from: a cat, to: a cow}]\n",
            "r.yaml:2:5: example of rule HS001 fails: “a cat” became “a dog”, expected “a cow”; fix the rule or the example",
        ),
        (
            "rules:\n  - id: HS001\n    pattern: cat\n    replacement: dog\n    exmples: []\n",
            "r.yaml:5:5: unknown rule key “exmples”; did you mean “examples”?",
        ),
    ],
)
def test_broken_rules_are_reported_with_file_line_and_id(text, expected):
    assert problems(text) == [expected]


def test_all_problems_of_a_file_are_reported_at_once():
    found = problems(
        "rules:\n  - id: HS001\n    pattern: 'a(b'\n    replacement: x\n"
        "  - id: HS002\n    pattern: '[z'\n    message: m\n"
    )
    assert [p.split(": ")[1] for p in found] == ["rule HS001", "rule HS002"]


CATASTROPHIC = "rules:\n  - id: HS009\n    pattern: '(a|aa)+b'\n    message: slow\n"


def test_pattern_that_runs_too_long_is_stopped_and_others_still_run(monkeypatch):
    monkeypatch.setattr(from_yaml, "RULE_TIMEOUT", 0.2)
    glossary = load(CATASTROPHIC)
    outcome = run(glossary, "The report , " + "a" * 60 + "\n")
    assert outcome.corrected.startswith("The report, ")  # SP001 still ran
    assert [p.message for p in outcome.problems] == [
        "rule HS009 (r.yaml:2:5): pattern ran too long and was stopped; simplify it"
    ]


def test_timeout_exits_2_but_writes_the_other_fixes(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(from_yaml, "RULE_TIMEOUT", 0.2)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "rules.yaml").write_text(CATASTROPHIC, encoding="utf-8")
    (tmp_path / "a.txt").write_text("The report , " + "a" * 60 + "\n", encoding="utf-8")
    assert main(["fix", "-q", "a.txt"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == ["a.txt: rule HS009 (glossary/rules.yaml:2:5): pattern ran too long and was stopped; simplify it"]
    assert (tmp_path / "corrected" / "a.txt").read_text(encoding="utf-8").startswith("The report, ")


def test_example_that_runs_too_long_is_a_load_problem(monkeypatch):
    monkeypatch.setattr(from_yaml, "RULE_TIMEOUT", 0.2)
    found = problems(CATASTROPHIC + f"    examples: [{{no_match: {'a' * 60}}}]\n")
    assert len(found) == 1 and "ran longer than 0.2 s" in found[0] and found[0].startswith("r.yaml:2:5:")


def house():
    files = sorted((ROOT / "glossary").glob("*.yaml"))
    return load_glossary([(str(f), f.read_text(encoding="utf-8")) for f in files], reserved_ids=RESERVED)


def test_house_rules_file_has_self_tested_rules_for_the_web_leftovers():
    rules = {rule.id: rule for rule in house().rules}
    assert {"WEB001", "WEB002", "WEB003"} <= set(rules)
    for rule in rules.values():
        assert rule.examples and all(example_failure(rule, e, Context()) is None for e in rule.examples)


def test_house_rules_remove_the_seed_web_leftovers():
    seed = (ROOT / "seeds" / "000_34c7e98329047369.txt").read_text(encoding="utf-8")
    outcome = run(house(), seed)
    title = seed.splitlines()[0]
    assert outcome.corrected.count(title) == 1
    assert "- in Releases" not in outcome.corrected and "Comments Off on" not in outcome.corrected
    web = [c for c in outcome.changes if c.rule.startswith("WEB")]
    assert sorted(c.rule for c in web) == ["WEB001", "WEB002", "WEB003"]
