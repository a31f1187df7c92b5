"""`cleanup glossary check|add|schema` on real files (`suggest`: tests/upkeep/test_name_variants.py)."""

import json

import jsonschema
import pytest

from cleanup.cli import main
from cleanup.house import load_glossary
from cleanup.upkeep.schema import schema
from cleanup.yamlread import load_yaml
from tests.conftest import ROOT

COMMENTED = """\
# The house glossary. Keep entries alphabetical within each section.
terms:
  # The organization: one name throughout.
  - preferred: ISIS
    variants: [Daash, "Da'ash"]   # Daesh is added when an op-ed quotes it
    note: the centre's editions use ISIS

  - preferred: Rasool   # the spokesman
    variants:
      - Rasul

names:
  - Mosul    # city
"""


@pytest.fixture
def project(make_project):
    return make_project(COMMENTED)


def only_insertions(old: str, new: str) -> list[str]:
    """The lines of `new` that are not in `old`, asserting `old`'s lines all survive in order."""
    new_lines, added, index = new.splitlines(), [], 0
    for line in old.splitlines():
        while new_lines[index] != line:
            added.append(new_lines[index])
            index += 1
        index += 1
    return added + new_lines[index:]


def test_add_keeps_comments_order_and_formatting(project, capsys):
    assert main(["glossary", "add", "ISIS", "--variant", "Daesh"]) == 0
    assert (
        main(["glossary", "add", "al-Badia", "--variant", "alBadya", "--variant", "Badya", "--note", "the desert"]) == 0
    )
    new = (project / "glossary" / "house.yaml").read_text(encoding="utf-8")
    edited = next(line for line in new.splitlines() if "Daesh" in line)
    assert edited.startswith('    variants: [Daash, "Da\'ash", Daesh]') and edited.endswith(
        "# Daesh is added when an op-ed quotes it"
    )
    untouched = [line for line in COMMENTED.splitlines() if line.strip() and "Da'ash" not in line]
    added = only_insertions(
        "\n".join(untouched), "\n".join(line for line in new.splitlines() if line.strip() and line != edited)
    )
    assert added == ["  - preferred: al-Badia", "    variants: [alBadya, Badya]", "    note: the desert"]
    glossary = load_glossary([("g.yaml", new)])
    assert {t.preferred: t.variants for t in glossary.terms}["al-Badia"] == ("alBadya", "Badya")


def test_add_refuses_a_conflict_and_leaves_the_file_alone(project, capsys):
    assert main(["glossary", "add", "Daesh", "--variant", "Daash"]) == 2
    err = capsys.readouterr().err
    assert "variant “Daash” is listed under" in err and err.rstrip().endswith("glossary/house.yaml: not changed")
    assert (project / "glossary" / "house.yaml").read_text(encoding="utf-8") == COMMENTED


def test_schema_accepts_the_house_files_and_rejects_mistakes(capsys):
    assert main(["glossary", "schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == schema()
    validator = jsonschema.Draft202012Validator(printed)
    for name in ("house.yaml", "rules.yaml"):
        validator.validate(json.loads(json.dumps(load_yaml((ROOT / "glossary" / name).read_text(encoding="utf-8")))))
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({"terms": [{"prefered": "ISIS"}]})


def test_check_warns_about_weak_entries(project, capsys):
    (project / "glossary" / "house.yaml").write_text(
        "terms:\n"
        "  - preferred: Syrian Democratic Forces\n    variants: [SDF forces]\n"
        "  - preferred: SDF\n    variants: [Qasad]\n"
        "  - preferred: army\n    variants: [armee, force]\n",
        encoding="utf-8",
    )
    assert main(["glossary", "check"]) == 1
    captured = capsys.readouterr()
    assert "variant “force” is an ordinary English word" in captured.err
    assert "variant “armee” is an ordinary English word" not in captured.err
    assert "3 entries, 0 rules" in captured.out


def test_check_on_the_house_glossary_is_clean(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert main(["glossary", "check"]) == 0
    assert capsys.readouterr().err == ""


def test_the_shipped_schema_file_is_the_one_the_command_prints():
    assert json.loads((ROOT / "glossary" / "schema.json").read_text(encoding="utf-8")) == schema()
    assert (
        (ROOT / "glossary" / "house.yaml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=./schema.json\n")
    )
