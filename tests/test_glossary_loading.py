"""Glossary YAML: safe loading, validation with file:line:col, conflicts and example self-tests."""

import textwrap

import pytest

from cleanup.loader import GlossaryError, load_glossary


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
        "g.yaml:3:13: YAML syntax error: expected ',' or ']', but got ':'; correct the YAML"
    ]


def test_duplicate_yaml_key_is_reported():
    found = problems("terms:\n  - preferred: ISIS\n    preferred: Daash\n")
    assert len(found) == 1 and found[0].startswith("g.yaml:3:5: YAML syntax error: found duplicate key")


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
        "g.yaml:8:1: unknown top-level key “extra”; allowed: terms, names, rules",
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
    assert found == ["g.yaml:2:16: “preferred” must be a string; put it in quotes"]


def test_top_level_must_be_a_mapping():
    assert problems("- ISIS\n") == ["g.yaml:1:1: expected a mapping with “terms:”, “names:” and/or “rules:”"]
