"""Glossary YAML: safe loading, validation with file:line:col, conflicts and example self-tests."""

import textwrap

import pytest

from cleanup.house import GlossaryError, load_glossary


def load(text: str, path: str = "g.yaml"):
    return load_glossary([(path, textwrap.dedent(text))])


def problems(text: str, path: str = "g.yaml") -> list[str]:
    with pytest.raises(GlossaryError) as caught:
        load(text, path)
    return [str(p) for p in caught.value.problems]


def test_valid_glossary_loads_terms_names_notes_and_examples():
    glossary = load(
        """\
        terms:
          - preferred: ISIS
            variants: [Daash, "Da'esh"]
            note: house style
            examples:
              - {from: "Daash's", to: "ISIS's"}
        names: [Mosul, Kirkuk]
        """
    )
    isis, mosul, kirkuk = glossary.terms
    assert (isis.preferred, isis.variants, isis.note) == ("ISIS", ("Daash", "Da'esh"), "house style")
    assert isis.examples[0].before == "Daash's" and isis.examples[0].where.line == 6
    assert (mosul.preferred, mosul.variants, kirkuk.preferred) == ("Mosul", (), "Kirkuk")


def test_empty_file_is_an_empty_glossary():
    assert load("").terms == ()


def test_syntax_error_names_line_and_column():
    assert problems("terms:\n  - preferred: [ISIS\n    variants: x\n") == [
        "g.yaml:3:13: YAML syntax error: did not find expected ',' or ']'; correct the YAML"
    ]


def test_duplicate_yaml_key_is_reported():
    found = problems("terms:\n  - preferred: ISIS\n    preferred: Daash\n")
    assert found == ["g.yaml:3:5: duplicate key “preferred” (first on line 2); keep one"]


def test_every_problem_is_reported_at_once():
    found = problems(
        """\
        terms:
          - preferred: ISIS
            varients: [Daash]
          - variants: [Rasul]
          - preferred: SDF
            variants: Qasad
          - preferred: 42
        extra: 1
        """
    )
    assert found == [
        "g.yaml:8:1: unknown top-level key “extra”; allowed: terms, names, loanwords, rules",
        "g.yaml:3:5: unknown key “varients”; did you mean “variants”?",
        "g.yaml:4:5: term has no “preferred:”; add the preferred form",
        "g.yaml:6:15: “variants” must be a list of strings",
        "g.yaml:7:16: “preferred” must be a string; put it in quotes",
    ]


def test_variant_under_two_preferred_forms_is_a_conflict():
    found = problems(
        """\
        terms:
          - preferred: ISIS
            variants: [Daash]
          - preferred: Islamic State
            variants: [daash]
        """
    )
    assert found == [
        "g.yaml:5:16: variant “daash” is listed under “Islamic State” and under “ISIS” (line 3); "
        "keep it under one preferred form"
    ]


def test_variant_that_is_another_preferred_form_is_a_conflict():
    found = problems(
        """\
        terms:
          - preferred: ISIS
          - preferred: Islamic State
            variants: [I.S, Isis]
        """
    )
    assert "g.yaml:4:21: variant “Isis” of “Islamic State” is the preferred form of another entry (line 2)" in found[1]
    assert found[0].startswith("g.yaml:4:16: “I.S” is not words separated by spaces")


def test_duplicate_entries_across_files_name_both_files():
    with pytest.raises(GlossaryError) as caught:
        load_glossary([("a.yaml", "names: [Mosul]\n"), ("b.yaml", "terms:\n  - preferred: mosul\n")])
    assert [str(p) for p in caught.value.problems] == [
        "b.yaml:2:16: duplicate entry “mosul” (a.yaml:1:9); merge the two entries"
    ]


def test_variant_equal_to_its_preferred_form_is_refused():
    assert problems("terms:\n  - preferred: ISIS\n    variants: [ISIS]\n") == [
        "g.yaml:3:16: variant “ISIS” is the preferred form itself; remove it"
    ]


def test_case_only_variant_is_allowed_and_exact():
    glossary = load("terms:\n  - preferred: Syrian Democratic Forces\n    variants: [Syrian Democratic forces]\n")
    assert glossary.terms[0].variants == ("Syrian Democratic forces",)


def test_failing_example_is_reported_where_it_is_written():
    found = problems(
        """\
        terms:
          - preferred: ISIS
            variants: [Daash]
            examples:
              - from: Daesh attacks
                to: ISIS attacks
        """
    )
    assert found == [
        "g.yaml:5:9: example of “ISIS” fails: “Daesh attacks” became “Daesh attacks”, "
        "expected “ISIS attacks”; fix the entry or the example"
    ]


def test_object_tags_are_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    found = problems(f"terms:\n  - preferred: !!python/object/apply:os.system ['touch {marker}']\n")
    assert not marker.exists()
    assert found == ["g.yaml:2:16: tags such as “!!python/object/apply:os.system” are not allowed; remove the tag"]


def test_top_level_must_be_a_mapping():
    assert problems("- ISIS\n") == [
        "g.yaml:1:1: expected a mapping with “terms:”, “names:”, “loanwords:” and/or “rules:”"
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("terms: " + "[" * 100_000 + "]" * 100_000 + "\n", "g.yaml:1:39: nested more than 32 levels deep; flatten it"),
        ("a: &x [Daash]\nterms: *x\n", "g.yaml:2:8: aliases (*name) are not allowed here; write the value out"),
        ("terms: []\n---\nterms: []\n", "g.yaml:2:1: only one YAML document per file; remove the second “---”"),
        ("terms: !custom []\n", "g.yaml:1:8: tags such as “!custom” are not allowed; remove the tag"),
        (
            "terms:\n  - {preferred: ISIS, ? [a]: b}\n",
            "g.yaml:2:25: a key must be a plain value, not a mapping or list",
        ),
    ],
)
def test_hostile_yaml_is_refused_with_a_message(text, expected):
    assert problems(text) == [expected]


def test_huge_yaml_is_refused_before_parsing(monkeypatch):
    from cleanup import yamlread

    monkeypatch.setattr(yamlread, "MAX_BYTES", 1000)
    found = problems("terms: []\n" + "# padding\n" * 200)
    assert found == ["g.yaml:1:1: the file is too large (2.0 kB; the limit is 1.0 kB); split it"]


def test_yaml_scalars_follow_the_core_schema():
    from cleanup.yamlread import load_yaml

    text = "a: [yes, no, on, 'true', true, ~, 0x1F, 1.5e3, .inf, 007, \"8\"]\n"
    data = load_yaml(text)
    assert data["a"] == ["yes", "no", "on", "true", True, None, 31, 1500.0, float("inf"), 7, "8"]
    assert data.lc.key("a") == (0, 0) and data["a"].lc.item(4) == (0, text.index(" true") + 1)
