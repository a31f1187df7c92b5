"""Direct tests of the small modules the command line is built on: yamlread, config, diff, render, cache."""

import pytest

from cleanup.cache import Cache
from cleanup.config import ConfigError, parse_config
from cleanup.house import load_glossary
from cleanup.model import Document
from cleanup.outputs.diff import Piece, pieces_from_texts, quoted_name
from cleanup.outputs.tally import Tally
from cleanup.pipeline import Settings, process
from cleanup.yamlread import Fields, YamlProblem, load_yaml, syntax_advice, yaml_problem


def test_fields_report_positions_types_and_unknown_keys():
    data = load_yaml("terms:\n  - preferd: ISIS\n    note: 5\n")
    fields = Fields("g.yaml")
    entry = data["terms"][0]
    fields.unknown_keys(entry, ("preferred", "note"), "term key")
    assert not fields.is_text(entry["note"], fields.value_at(entry, "note"), "a note")
    assert [str(p) for p in fields.problems] == [
        "g.yaml:2:5: unknown term key “preferd”; did you mean “preferred”?",
        "g.yaml:3:11: a note must be a string; put it in quotes",
    ]
    assert str(fields.item_at(data["terms"], 0)) == "g.yaml:2:5"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a: [1\n", "x.yaml:2:1: YAML syntax error: did not find expected ',' or ']'; correct the YAML"),
        ("a: 1\na: 2\n", "x.yaml:2:1: duplicate key “a” (first on line 1); keep one"),
    ],
)
def test_yaml_problem_is_one_positioned_message(text, expected):
    with pytest.raises(Exception) as caught:
        load_yaml(text)
    got = str(yaml_problem(caught.value, "x.yaml", text))
    assert got.split(";")[0] == expected.split(";")[0]


def test_yaml_problem_counts_lines_before_the_yaml():
    assert (
        str(yaml_problem(YamlProblem(0, 4, "bad"), "", "", lines_before=1, subject="front matter: "))
        == ":2:5: front matter: bad"  # the article's path is filled in by the caller
    )


def test_syntax_advice_names_the_key_to_align_with_and_knows_tabs():
    text = "terms:\n  - preferred: ISIS\n      variants: [x]\n"
    assert (
        syntax_advice(text, 2, 14)
        == "“variants:” is indented differently from “preferred:” on line 2: align it with “preferred” (column 5)"
    )
    assert syntax_advice("a:\n\tb: 1\n", 1, 0) == "YAML indents with spaces, never tabs: replace the tab with spaces"
    assert syntax_advice("a: [1\n", 5, 0) == "correct the YAML"


def test_config_paths_are_relative_to_the_file_and_keys_are_checked():
    config = parse_config("../proj/cleanup.toml", 'out = "edition"\nglossary = ["g/a.yaml", "/abs/b.yaml"]\n')
    assert (config.out, config.glossary, config.path) == (
        "../proj/edition",
        ("../proj/g/a.yaml", "/abs/b.yaml"),
        "../proj/cleanup.toml",
    )
    assert parse_config("pyproject.toml", '[project]\nname = "x"\n') is None
    with pytest.raises(ConfigError, match=r"cleanup.toml:2:1: settings: unknown key 'selct'; did you mean 'select'\?"):
        parse_config("cleanup.toml", '\nselct = ["SP"]\n')


def test_word_pieces_cover_both_texts():
    pieces = pieces_from_texts("The Daash cell , left.", "The ISIS cell, left.")
    assert "".join(p.before for p in pieces) == "The Daash cell , left."
    assert "".join(p.after for p in pieces) == "The ISIS cell, left."
    assert Piece("a", "a").changed is False and Piece("a", "b").changed is True


def test_quoted_names_follow_gits_escapes():
    assert quoted_name("a.txt") == "a.txt"
    assert quoted_name('new\nline "x".txt') == '"new\\nline \\"x\\".txt"'


def test_tally_counts_a_chained_change_once_under_its_combined_id():
    glossary = load_glossary([("g.yaml", "terms:\n  - preferred: SDF\n    variants: [Qasad]\n")])
    outcome = process(Document("The SDF (Qasad) held , and SDF, Qasad, fought.\n"), Settings(glossary))
    tally = Tally()
    tally.add(outcome)
    assert tally.total_changes == len(outcome.changes) == sum(tally.changes.values())
    assert any("+" in rule for rule in tally.changes)


def test_cache_keys_differ_by_every_part_and_entries_round_trip(tmp_path):
    cache = Cache(tmp_path, "settings", b"k" * 32)
    keys = {
        cache.key(b"ab", "utf-8", "text", []),
        cache.key(b"a", "butf-8", "text", []),
        cache.key(b"ab", "utf-8", "Markdown", []),
    }
    assert len(keys) == 3
    document = Document("The Daash cell.\n")
    outcome = process(
        document, Settings(load_glossary([("g.yaml", "terms:\n  - preferred: ISIS\n    variants: [Daash]\n")]))
    )
    key = cache.key(b"The Daash cell.\n", "utf-8", "text", [])
    assert cache.get(key, document) is None
    cache.put(key, outcome)
    assert cache.has(key) and cache.get(key, document) == outcome
    assert cache.get(key, Document("Daash")) is None  # changes that do not fit the text read
    other = Cache(tmp_path, "other settings", b"k" * 32)
    assert other.key(b"The Daash cell.\n", "utf-8", "text", []) != key
    assert Cache(tmp_path, "settings", b"x" * 32).get(key, document) is None  # signed with another user's key
