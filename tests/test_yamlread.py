"""The YAML reader's problems: each one message at its file, line and column, with advice an editor can act on."""

import pytest

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
