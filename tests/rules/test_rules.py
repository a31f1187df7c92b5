"""Built-in house-style rules: their own examples, realistic damage fixed, realistic text left alone."""

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.house import load_glossary
from cleanup.model import Document, Safety
from cleanup.pipeline import ALL_RULES, Settings, process
from cleanup.rules.base import Context, example_failure
from tests.conftest import ROOT

HOUSE = load_glossary(
    [
        (
            "g.yaml",
            "terms:\n"
            '  - preferred: ISIS\n    variants: [Daash, "Da\'ash"]\n'
            "  - preferred: SDF\n    variants: [Qasad]\n"
            "  - preferred: Syrian Democratic Forces\n    variants: [Syrian Democratic forces]\n"
            "  - preferred: al-Badia\n    variants: [alBadya, al-Badya, Badya]\n"
            "names: [al-Baaj, al-Jazeera]\n",
        )
    ],
    reserved_ids=[r.id for r in ALL_RULES],
)
EMPTY = load_glossary([("empty.yaml", "terms: []\n")])


def fixed(text: str, glossary=EMPTY, markdown: bool = False, **options) -> str:
    return process(Document(text, markdown=markdown), Settings(glossary, **options)).corrected


def flagged(text: str, glossary=EMPTY, **options) -> list[str]:
    return [flag.rule for flag in process(Document(text), Settings(glossary, **options)).flags]


@pytest.mark.parametrize(
    "rule, example",
    [(rule, example) for rule in ALL_RULES for example in rule.examples],
    ids=lambda value: getattr(value, "id", None) or repr(getattr(value, "before", ""))[:30],
)
def test_rule_examples_hold(rule, example):
    assert example_failure(rule, example, Context()) is None


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.id)
def test_every_rule_has_an_id_reason_and_both_kinds_of_example(rule):
    assert regex.fullmatch(r"[A-Z]{2}\d{3}", rule.id)
    assert rule.reason and "\n" not in rule.reason
    context = Context()
    positive = [e for e in rule.examples if e.found or (e.after is not None and e.after != e.before)]
    negative = [e for e in rule.examples if e not in positive]
    assert positive and negative, "each rule needs an example it acts on and one it leaves alone"
    assert all(example_failure(rule, e, context) is None for e in rule.examples)


def test_rule_ids_are_unique():
    ids = [rule.id for rule in ALL_RULES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    "before, after",
    [
        ("in the magazine , it said", "in the magazine, it said"),
        ("the ( western ) side", "the (western) side"),
        ("Mosul,Kirkuk and Diyala", "Mosul, Kirkuk and Diyala"),
        ("in late 2017. .", "in late 2017."),
        ("the areas of Al- Baaj and", "the areas of al-Baaj and"),
        ("the alBadya desert", "the al-Badia desert"),
        ("posed by a “ISIS organization”", "posed by an “ISIS organization”"),
        ("posed by a Daash cell", "posed by an ISIS cell"),
        ("forcing Syrian Democratic forces (SDF) , Qasad , and", "forcing Syrian Democratic Forces (SDF), and"),
        ("(airdrops) ,” and ” Iraqi forces focused", "(airdrops),” and “Iraqi forces focused"),
        ("in the the city", "in the city"),
        ("the  city", "the city"),
    ],
)
def test_seed_damage_is_fixed(before, after):
    assert fixed(before, HOUSE) == after


@pytest.mark.parametrize(
    "text",
    [
        "More than 1,000 fighters, 3.5 km away, at 10:30 p.m. on 1.1.2020.",
        "The U.S. army, e.g. in Iraq, i.e. the west, etc., and so on.",
        "See https://example.com/a,b/c.html, or www.rawabet.org/x?a=1&b=2 and write to editor@rawabet.org.",
        "The report ... ended. Then… nothing. Really?! Yes.",
        "Alabama, Albert, Algeria and All Saints are not Arabic names.",
        "He said: “The first part of a long statement.\n\n“The second part.”",
        "That that was so, he had had enough.",
        "An hour, an SDF unit, an FBI agent, a US report, a UN team, a UNESCO site, an ISIS cell, a one-off.",
        "A European union, a unique case, an urban area, an unusual step, an 18-year-old, an 8-hour day.",
        "Smile :) or wink ;) - both fine.",
        "The list [1] and (2) stay.",
        "Al-Baaj is open. The areas of al-Jazeera are too.",
        "Grade A students.",
    ],
)
def test_realistic_text_is_left_alone(text):
    assert fixed(text, HOUSE) == text


def test_urls_and_emails_are_never_touched():
    text = "Sources: http://site.com/a,b/c.html , and editor@rawabet.org ,ok. Also www.x.org/A.Bc,d.\n"
    expected = "Sources: http://site.com/a,b/c.html, and editor@rawabet.org ,ok. Also www.x.org/A.Bc,d.\n"
    assert fixed(text) == expected
    assert fixed("Write to first.Last@mail.com,now.") == "Write to first.Last@mail.com, now."


def test_arabic_article_capital_at_sentence_start_and_configurable():
    assert fixed("al-Hadher was taken.", EMPTY) == "Al-Hadher was taken."
    assert fixed("The town of Al-Hadher.", EMPTY) == "The town of al-Hadher."
    assert fixed("The town of al-Hadher.", EMPTY, arabic_article="capital") == "The town of Al-Hadher."


def test_article_follows_a_glossary_declared_article():
    glossary = load_glossary([("g.yaml", "terms:\n  - preferred: Hashd\n    variants: [Hashed]\n    article: an\n")])
    assert fixed("a Hashed unit", glossary) == "an Hashd unit"


def test_article_is_recomputed_after_substitution():
    glossary = load_glossary([("g.yaml", "terms:\n  - preferred: ISIS\n    variants: [Daesh]\n")])
    assert fixed("a Daesh cell", glossary) == "an ISIS cell"


def test_all_capitals_headline_keeps_its_article():
    assert fixed("A NEW OFFENSIVE IN ANBAR", EMPTY) == "A NEW OFFENSIVE IN ANBAR"


def test_flags_are_reported_not_applied():
    text = "and he noted ,” but its cells are hiding in desert areas and mountain ranges near the border line\n"
    outcome = process(Document(text), Settings(EMPTY))
    assert {"PA001", "QU003", "PA002"} <= {flag.rule for flag in outcome.flags}
    assert outcome.corrected == text.replace(" ,”", ",”")


def test_repeated_content_word_is_flagged_not_fixed():
    assert flagged("The army army moved.") == ["RW002"]
    assert fixed("The army army moved.") == "The army army moved."


def test_select_and_ignore_by_prefix():
    text = "the magazine , it said  so"
    assert fixed(text, EMPTY, select=("SP001",)) == "the magazine, it said  so"
    assert fixed(text, EMPTY, ignore=("SP",)) == text


def test_unsafe_rules_are_flags_until_asked():
    from cleanup.rules.base import RuleExample, regex_rule

    rule = regex_rule(
        "XX001", "colour to color", Safety.UNSAFE, r"\bcolour\b", "color", [RuleExample("colour", "color")]
    )
    rules = ALL_RULES + (rule,)
    outcome = process(Document("The colour."), Settings(EMPTY, rules))
    assert outcome.corrected == "The colour." and [f.rule for f in outcome.flags] == ["XX001"]
    assert "--unsafe-fixes" in outcome.flags[0].message and outcome.flags[0].suggestions == ("color",)
    assert fixed("The colour.", EMPTY, rules=rules, unsafe_fixes=True) == "The color."


TOKENS = [
    "the",
    "The",
    " ",
    "  ",
    ",",
    " ,",
    ".",
    ". .",
    "“",
    "”",
    " ” ",
    "a",
    "an",
    "Al- ",
    "al-",
    "alBadya",
    "Baaj",
    "Daash",
    "SDF",
    "(SDF)",
    "(",
    ")",
    "hour",
    "ISIS",
    "\n",
    "\n\n",
    "Mosul",
    "1,000",
    "3.5",
    "...",
    "…",
    "?!",
    "http://x.com/a,b",
    "army",
    "and",
    "Syrian Democratic forces",
    "Qasad",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=30).map("".join))
def test_pipeline_is_idempotent_and_every_change_is_explained(text):
    outcome = process(Document(text), Settings(HOUSE))
    again = process(Document(outcome.corrected), Settings(HOUSE))
    assert again.corrected == outcome.corrected
    rebuilt, cursor = [], 0
    for change in outcome.changes:
        assert change.steps, "a change without a rule"
        rebuilt += [text[cursor : change.start], outcome.corrected[change.new_start : change.new_end]]
        cursor = change.end
    assert "".join(rebuilt) + text[cursor:] == outcome.corrected


def test_every_rule_a_rule_module_defines_is_registered_once():
    import importlib
    import pkgutil

    import cleanup.rules
    from cleanup.rules.base import Rule
    from cleanup.rules.registry import ALL_RULES, RULE_MODULES

    registered = [rule.id for rule in ALL_RULES]
    assert len(registered) == len(set(registered)), "a rule id is registered twice"
    names = {info.name for info in pkgutil.iter_modules(cleanup.rules.__path__)} - {"base", "registry", "from_yaml"}
    assert {module.__name__.rsplit(".", 1)[1] for module in RULE_MODULES} == names, (
        "a rule module is not in the registry"
    )
    for name in names:
        module = importlib.import_module(f"cleanup.rules.{name}")
        defined = {value.id for value in vars(module).values() if isinstance(value, Rule)}
        assert defined == {rule.id for rule in module.RULES}, f"cleanup/rules/{name}.py defines rules it does not list"


def test_every_built_in_rule_is_documented_and_knows_where_it_is_defined():

    from cleanup.rules.registry import ALL_RULES

    root = ROOT
    for rule in ALL_RULES:
        assert rule.doc and rule.why and rule.fix_safety, rule.id
        path, line = rule.defined_in.rsplit(":", 1)
        assert (root / path).read_text(encoding="utf-8").splitlines()[int(line) - 1].startswith(f"{rule.id} = "), (
            rule.id
        )


def test_cleanup_rules_explains_a_rule_as_ruff_does(capsys, monkeypatch):

    from cleanup.cli import main

    monkeypatch.setenv("COLUMNS", "300")
    house = ROOT / "glossary" / "house.yaml"
    assert main(["rules", "SP005", "--glossary", str(house)]) == 0
    out = capsys.readouterr().out
    headings = [line for line in out.splitlines() if line in ("What it does", "Why", "Fix safety", "Examples")]
    assert headings == ["What it does", "Why", "Fix safety", "Examples"]
    assert "defined in: cleanup/rules/spacing.py:" in out and "no fix: it is reported for a person to judge" in out
