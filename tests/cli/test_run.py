"""One run built once (cli/run): its settings, what the cache's key is made of, its inputs and where fix writes
them; one document's outputs (`Edition`) written by cli/write; the glossary folder read alike by the command
line and the Python API."""

from pathlib import Path

import cleanup
from cleanup.cli.batch import outcomes
from cleanup.cli.parser import build_parser
from cleanup.cli.run import Fingerprint, start_run
from cleanup.cli.write import write_edition
from cleanup.glossary.files import folder_files, glossary_files


def _run(*argv: str, writes: bool = False):
    said: list[str] = []
    args = build_parser().parse_args(["fix" if writes else "check", "--no-cache", *argv])
    return start_run(args, said.append, writes=writes), said


def test_a_run_holds_its_settings_inputs_and_plan_and_says_what_it_loaded(project):
    (project / "seeds" / "a.txt").write_text("The Daash cell.\n", encoding="utf-8")
    run, said = _run("--grammar", "none", writes=True)
    assert [item.path for item in run.inputs] == [Path("seeds/a.txt")]
    assert run.glossary is run.settings.glossary and [t.preferred for t in run.glossary.terms] == ["ISIS", "Rasool"]
    assert run.settings.checker is None and run.cache is None and run.tally.files == 0
    assert said == ["settings: built-in defaults; glossary: glossary/house.yaml (2 entries)"]
    assert run.plan is not None and run.plan.targets == {Path("seeds/a.txt"): Path("corrected/a.txt")}
    check, _ = _run("--grammar", "none")
    assert check.plan is None  # check writes nothing


def test_the_fingerprint_changes_with_every_option_and_glossary_but_not_with_where_the_configuration_is(project):
    (project / "seeds" / "a.txt").write_text("The Daash cell.\n", encoding="utf-8")
    first = _run()[0].fingerprint
    assert _run()[0].fingerprint == first and isinstance(first, Fingerprint)
    assert first.checker is not None and first.checker.name == "harper"
    for options in (["--select", "GL"], ["--headings", "title"], ["--grammar", "none"], ["--dialect", "british"]):
        assert _run(*options)[0].fingerprint != first, options
    (project / "glossary" / "house.yaml").write_text("terms:\n  - preferred: ISIS\n    variants: [Daash]\n")
    assert _run()[0].fingerprint != first
    (project / "one.toml").write_text('[tool.cleanup]\nheadings = "title"\n', encoding="utf-8")
    (project / "two.toml").write_text('[tool.cleanup]\nheadings = "title"\n', encoding="utf-8")
    assert _run("--config", "one.toml")[0].fingerprint == _run("--config", "two.toml")[0].fingerprint
    assert _run("--config", "one.toml")[0].fingerprint.key() == _run("--config", "two.toml")[0].fingerprint.key()


def test_an_edition_is_written_with_its_records_and_in_place_with_its_history(project):
    (project / "seeds" / "a.txt").write_text("The Daash cell.\n", encoding="utf-8")
    run, _ = _run("--grammar", "none", writes=True)
    item = run.inputs[0]
    [(_, result, key)] = list(outcomes(run, None))
    edition = run.plan.edition(item, result.outcome, (), key)
    assert edition.history is None and [p.name for p in edition.records] == [
        "a.txt.diff",
        "a.txt.changes.json",
        "a.txt.report.md",
        "a.txt.html",
    ]
    write_edition(edition, run.cache)
    assert (project / "corrected" / "a.txt").read_text(encoding="utf-8") == "The ISIS cell.\n"
    assert all(path.is_file() for path in edition.records)
    in_place, _ = _run("--grammar", "none", "--in-place", writes=True)
    edition = in_place.plan.edition(item, result.outcome, (), key)
    assert edition.target == Path("seeds/a.txt") and edition.history is not None
    write_edition(edition, None)
    assert (project / "seeds" / "a.txt").read_text(encoding="utf-8") == "The ISIS cell.\n"
    assert edition.history.is_dir()


def test_a_glossary_folder_is_its_yaml_then_its_yml_files_for_the_command_line_and_the_api(tmp_path):
    for name in ("b.yaml", "a.yml", "a.yaml", "notes.txt"):
        (tmp_path / name).write_text("terms: []\n" if name != "a.yaml" else "names: [Zaid]\n", encoding="utf-8")
    assert [p.name for p in folder_files(tmp_path)] == ["a.yaml", "b.yaml", "a.yml"]
    assert folder_files(tmp_path / "missing") == []
    other = tmp_path / "other.yaml"
    assert glossary_files([tmp_path, other]) == [*folder_files(tmp_path), other]
    assert [t.preferred for t in cleanup.load_glossary(tmp_path).terms] == ["Zaid"]
