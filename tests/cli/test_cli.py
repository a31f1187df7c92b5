"""The command line on real files: outputs, exit codes, and clear errors without tracebacks."""

import argparse
import codecs
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cleanup.cli import main
from cleanup.cli.parser import build_parser, command_parsers
from tests.conftest import ROOT, TWO_ENTRIES

SEED = ROOT / "seeds" / "000_34c7e98329047369.txt"
GLOSSARY = TWO_ENTRIES


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_fix_writes_edition_diff_and_change_log(project, capsys):
    write(project / "seeds" / "a.txt", "Rasul said Daash’s cells\r\nare active.\r\n".encode())
    assert main(["fix"]) == 0
    out = project / "corrected"
    assert (out / "a.txt").read_bytes() == "Rasool said ISIS’s cells\r\nare active.\r\n".encode()
    log = json.loads((out / "a.txt.changes.json").read_text(encoding="utf-8"))
    assert [(c["line"], c["column"], c["before"], c["after"], c["rule"]) for c in log["changes"]] == [
        (1, 1, "Rasul", "Rasool", "GL:Rasool"),
        (1, 12, "Daash", "ISIS", "GL:ISIS"),
    ]
    assert all(c["reason"].startswith("house glossary: use") for c in log["changes"])
    shown = capsys.readouterr().out
    assert "[-Rasul-]{+Rasool+}" in shown and "[-Daash-]{+ISIS+}" in shown
    assert "GL:ISIS" in shown  # the summary table


def test_unified_diff_applies_with_patch(project, tmp_path_factory):
    shutil.copy(SEED, project / "seeds" / SEED.name)
    assert main(["fix", "-q"]) == 0
    work = tmp_path_factory.mktemp("patch")
    shutil.copy(SEED, work / "x.txt")
    subprocess.run(
        ["patch", "-s", "-o", "y.txt", "x.txt", str(project / "corrected" / f"{SEED.name}.diff")], cwd=work, check=True
    )
    assert (work / "y.txt").read_bytes() == (project / "corrected" / SEED.name).read_bytes()


def test_encoding_bom_and_line_endings_survive(project):
    text = "Daash\r\nRasul\n\rend"
    write(project / "seeds" / "bom8.txt", codecs.BOM_UTF8 + text.encode("utf-8"))
    write(project / "seeds" / "utf16.txt", codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert main(["fix", "-q"]) == 0
    expected = "ISIS\r\nRasool\n\rend"
    assert (project / "corrected" / "bom8.txt").read_bytes() == codecs.BOM_UTF8 + expected.encode("utf-8")
    assert (project / "corrected" / "utf16.txt").read_bytes() == codecs.BOM_UTF16_LE + expected.encode("utf-16-le")


def test_folders_keep_their_structure_and_skip_other_files(project):
    write(project / "seeds" / "2024" / "b.md", b"Daash\n")
    write(project / "seeds" / "notes.json", b"{}")
    assert main(["fix", "-q", "seeds", "--out", "edition"]) == 0
    assert (project / "edition" / "2024" / "b.md").read_bytes() == b"ISIS\n"
    assert not (project / "edition" / "notes.json").exists()


def test_check_exits_1_with_findings_and_0_when_clean(project, capsys):
    write(project / "seeds" / "a.txt", b"A clean line.\nThe Daash left.\n")
    assert main(["check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "seeds/a.txt:2:5: error: GL:ISIS “Daash” → “ISIS”: house glossary: use “ISIS”"
    ]
    assert not (project / "corrected").exists()
    write(project / "seeds" / "a.txt", b"A clean line.\nThe ISIS left.\n")
    assert main(["check"]) == 0


def test_fix_on_its_own_output_changes_nothing(project):
    shutil.copy(SEED, project / "seeds" / SEED.name)
    assert main(["fix", "-q"]) == 0
    assert main(["check", "corrected"]) == 0
    assert main(["fix", "-q", "corrected", "--out", "again"]) == 0
    assert (project / "again" / SEED.name).read_bytes() == (project / "corrected" / SEED.name).read_bytes()


def test_glossary_syntax_error_is_one_line_and_writes_nothing(project, capsys):
    write(project / "seeds" / "a.txt", b"Daash\n")
    (project / "glossary" / "house.yaml").write_text("terms:\n  - preferred: [ISIS\n", encoding="utf-8")
    assert main(["fix"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("glossary/house.yaml:3:1: YAML syntax error")
    assert not (project / "corrected").exists()


def test_conflicting_variant_is_one_line_and_writes_nothing(project, capsys):
    write(project / "seeds" / "a.txt", b"Daash\n")
    write(project / "glossary" / "extra.yaml", b"terms:\n  - preferred: Islamic State\n    variants: [Daash]\n")
    assert main(["fix"]) == 2
    assert capsys.readouterr().err == (
        "glossary/house.yaml:3:16: variant “Daash” is listed under “ISIS” and under “Islamic State” "
        "(glossary/extra.yaml:3:16); keep it under one preferred form\n"
    )
    assert not (project / "corrected").exists()


@pytest.mark.parametrize(
    "argv, message",
    [
        (["fix", "missing.txt"], "missing.txt: no such file or folder\n"),
        (["fix", "--glossary", "nope.yaml"], "nope.yaml: no such file\n"),
        (
            ["fix", "--encoding", "klingon"],
            "cleanup: unknown encoding 'klingon'; use a Python codec name such as utf-8 or cp1256\n",
        ),
        (
            ["fix", "empty"],
            "empty: no .txt, .md, .docx, .xlf, .xliff, .tmx, .html or .htm files or WordPress exports (.xml) in this folder\n",
        ),
        (
            ["fix", "seeds", "--out", "seeds"],
            "seeds/a.txt: the output seeds/a.txt would overwrite an input; choose another --out\n",
        ),
    ],
)
def test_bad_arguments_give_one_clear_line(project, capsys, argv, message):
    write(project / "seeds" / "a.txt", b"Daash\n")
    (project / "empty").mkdir()
    assert main(argv) == 2
    assert capsys.readouterr().err == message
    assert (project / "seeds" / "a.txt").read_bytes() == b"Daash\n"


def test_undecodable_file_is_reported_and_others_still_written(project, capsys):
    write(project / "seeds" / "bad.txt", b"Rasul \xff\n")
    write(project / "seeds" / "good.txt", b"Rasul\n")
    assert main(["fix", "-q"]) == 2
    assert capsys.readouterr().err == (
        "seeds/bad.txt:1:7: not valid UTF-8 at byte 6 (0xFF); "
        "use --encoding NAME if the file is in another encoding (for example cp1256)\n"
    )
    assert (project / "corrected" / "good.txt").read_bytes() == b"Rasool\n"
    assert not (project / "corrected" / "bad.txt").exists()
    assert main(["fix", "-q", "seeds/bad.txt", "--encoding", "latin-1"]) == 0
    assert (project / "corrected" / "bad.txt").read_bytes() == b"Rasool \xff\n"


def test_diff_command_shows_word_changes(project, capsys):
    a = write(project / "a.txt", b"one two three\nfour five\n")
    b = write(project / "b.txt", b"one 2 three\nfour five\n")
    assert main(["diff", str(a), str(b)]) == 1
    assert "    1 one [-two-]{+2+} three" in capsys.readouterr().out
    assert main(["diff", str(a), str(a)]) == 0


def test_installed_entry_points_run_without_traceback(project):
    write(project / "seeds" / "a.txt", b"Daash\n")
    (project / "glossary" / "house.yaml").write_text("terms: [", encoding="utf-8")
    script = Path(sys.executable).parent / "cleanup"
    for command in ([sys.executable, "-m", "cleanup", "check"], [str(script), "check"]):
        done = subprocess.run(command, capture_output=True, text=True)
        assert done.returncode == 2, done
        assert "Traceback" not in done.stderr
        assert done.stderr.startswith("glossary/house.yaml:2:1: YAML syntax error: ")  # the end of the file


def test_a_plain_run_imports_no_cache_workers_checker_or_timestamps(project):
    """Start-up cost: a fix of a text file without grammar or cache never loads what it does not use."""
    write(project / "seeds" / "a.txt", b"Rasul said Daash fled.\n")
    unused = ("cleanup.cache", "concurrent.futures", "cleanup.checkers.harper", "cleanup.checkers.languagetool")
    unused += ("html", "datetime", "hmac", "tempfile", "difflib", "cleanup.outputs.reports", "cleanup.checkers.warmup")
    run = "import sys; from cleanup.__main__ import run; sys.argv[1:] = ['fix', '-q', '--no-cache', '--grammar', 'none']\n"
    run += f"try:\n    run()\nfinally:\n    print([name for name in {unused!r} if name in sys.modules])"
    done = subprocess.run([sys.executable, "-c", run], cwd=project, capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (0, "[]\n"), done.stderr
    assert (project / "corrected" / "a.txt").read_text(encoding="utf-8") == "Rasool said ISIS fled.\n"


@pytest.mark.parametrize(
    "argv",
    [
        ["fix", "-q", "--no-cache", "--grammar", "none"],
        ["check", "--format", "json", "a.txt"],
        ["serve", "--port", "0"],
        ["diff", "a", "b"],
        ["undo", "--list"],
        ["rules", "SP001"],
        ["lsp", "--grammar", "none"],
        ["glossary", "add", "ISIS", "--variant", "Daesh"],
        ["glossary", "suggest", "--limit", "3"],
        ["fix", "check", "--select", "GL"],
    ],
)
def test_the_parser_built_for_a_command_parses_and_helps_as_the_whole_one(argv):
    """A run builds only the options of the command its words name (start-up cost): it parses them, and
    prints that command's help, exactly as the parser of every command does."""

    def parsed(parser: argparse.ArgumentParser) -> dict:
        found = vars(parser.parse_args(argv))
        handler = found.pop("handler")
        found.pop("subcommands")
        return found | {"handler": [cell.cell_contents for cell in handler.__closure__]}

    whole, built = build_parser(), build_parser(argv)
    assert parsed(built) == parsed(whole)
    name = " ".join(argv[:2]) if argv[0] == "glossary" else argv[0]
    assert command_parsers(built)[name].format_help() == command_parsers(whole)[name].format_help()
    assert built.format_usage() == whole.format_usage()  # what an error the command leaves over shows


@pytest.mark.parametrize(
    "argv",
    [[], ["-h"], ["--version"], ["fi"], ["fix", "--bogus"], ["--bogus", "fix", "--no-cache"], ["glossary"]]
    + [["glossary", "add", "--names-from"], ["rules", "--format", "x"], ["fix", "--jobs", "0"], ["bogus", "fix"]],
)
def test_the_parser_built_for_any_words_refuses_and_helps_as_the_whole_one(argv, capsys):
    """Help, version and every refusal read the same from the parser built for the words."""
    said = []
    for parser in (build_parser(), build_parser(argv)):
        with pytest.raises(SystemExit) as exit:
            parser.parse_args(argv)
        said.append((exit.value.code, capsys.readouterr()))
    assert said[0] == said[1]


def test_rules_lists_every_rule_and_explains_one(project, capsys):
    (project / "glossary" / "rules.yaml").write_text(
        "rules:\n  - id: HS001\n    reason: no per cent sign\n    pattern: '%'\n    replacement: ' per cent'\n"
        "    examples: [{from: '5%', to: '5 per cent'}]\n",
        encoding="utf-8",
    )
    assert main(["rules"]) == 0
    listing = capsys.readouterr().out
    for rule_id in ("SP001", "AR002", "AA001", "QU003", "PA002", "HS001"):
        assert rule_id in listing
    assert main(["rules", "SP001"]) == 0
    explained = capsys.readouterr().out
    assert "no space before" in explained and "the magazine , it said" in explained and "safe" in explained
    assert main(["rules", "HS001"]) == 0
    assert "glossary/rules.yaml" in capsys.readouterr().out
    assert main(["rules", "ZZ999"]) == 2
    assert capsys.readouterr().err == "cleanup: no rule or glossary entry 'ZZ999'; `cleanup rules` lists them\n"
    assert main(["rules", "SP01"]) == 2
    assert capsys.readouterr().err == "cleanup: no rule or glossary entry 'SP01'; did you mean 'SP001'?\n"


def test_rules_explains_the_checks_that_only_flag(project, capsys):
    """The checks against the Arabic source and the name notes are no rules of the registry, yet their
    ids appear in every report: `cleanup rules ID` explains them too."""
    assert main(["rules", "SRC001"]) == 0
    explained = " ".join(capsys.readouterr().out.split())  # as read, not as wrapped
    assert "SRC001 (flag)" in explained and "compared as values" in explained and "no fix" in explained
    assert main(["rules", "NM001"]) == 0
    assert "never a suggestion" in " ".join(capsys.readouterr().out.split())
    assert main(["rules", "SRC01"]) == 2
    assert "did you mean 'SRC001'?" in capsys.readouterr().err


def test_rules_explains_a_glossary_entry(project, monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "200")
    (project / "glossary" / "house.yaml").write_text(
        GLOSSARY + "    note: the spokesman's spelling\n    unless: [Rasul Allah]\n"
        "    examples: [{from: Rasul said, to: Rasool said}, {from: Rasul Allah, to: Rasul Allah}]\n"
        "names: [Hurairah]\n",
        encoding="utf-8",
    )
    assert main(["rules"]) == 0
    assert "and 2 glossary entries and 1 name, each a rule GL:<preferred form>" in capsys.readouterr().out
    assert main(["rules", "GL:Rasool"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:6] == [
        "GL:Rasool (safe, or a suggestion): glossary entry: use “Rasool”",
        "defined in: glossary/house.yaml:4:16",
        "  preferred:    Rasool",
        "  variants:     “Rasul”",
        "  unless:       “Rasul Allah” (the variant is left alone there)",
        "  note:         the spokesman's spelling",
    ]
    assert lines[-2:] == ["  fixes:        “Rasul said” → “Rasool said”", "  leaves alone: “Rasul Allah”"]
    assert main(["rules", "GL:Hurairah"]) == 0
    assert capsys.readouterr().out.startswith(
        "GL:Hurairah: glossary name: “Hurairah” is never flagged as a misspelling\n"
    )
    assert main(["rules", "gl:isis"]) == 2
    assert capsys.readouterr().err == "cleanup: no rule or glossary entry 'gl:isis'; did you mean 'GL:ISIS'?\n"


def test_check_prints_flags_and_fail_on_sets_the_exit_code(project, capsys):
    write(project / "seeds" / "a.txt", b"The army army moved.\n")
    assert main(["check"]) == 0
    assert (
        capsys.readouterr().out
        == "seeds/a.txt:1:5: warning: RW002 repeated word \u201carmy\u201d: check that it is meant\n"
    )
    assert main(["check", "--fail-on", "warning"]) == 1
    write(project / "seeds" / "a.txt", b"The Daash moved.\n")
    assert main(["check", "--fail-on", "never"]) == 0
    assert main(["check", "--fail-on", "error"]) == 1


def test_select_ignore_and_unknown_ids(project, capsys):
    write(project / "seeds" / "a.txt", b"The Daash , here.\n")
    assert main(["fix", "-q", "--select", "GL"]) == 0
    assert (project / "corrected" / "a.txt").read_bytes() == b"The ISIS , here.\n"
    assert main(["fix", "-q", "--ignore", "GL:ISIS"]) == 0
    assert (project / "corrected" / "a.txt").read_bytes() == b"The Daash, here.\n"
    assert main(["fix", "-q", "--ignore", "SX"]) == 2
    assert capsys.readouterr().err == "cleanup: no rule id starts with 'SX'; `cleanup rules` lists them\n"


def test_configuration_in_pyproject_and_cleanup_toml(project, capsys):
    write(project / "seeds" / "a.txt", b"The Daash , here.\n")
    write(project / "pyproject.toml", b'[project]\nname = "x"\n\n[tool.cleanup]\nignore = ["SP001"]\nout = "edition"\n')
    assert main(["fix", "-q"]) == 0
    assert (project / "edition" / "a.txt").read_bytes() == b"The ISIS , here.\n"
    write(project / "cleanup.toml", b'select = ["SP"]\n')  # cleanup.toml wins over pyproject.toml
    assert main(["fix", "-q"]) == 0
    assert (project / "corrected" / "a.txt").read_bytes() == b"The Daash, here.\n"
    assert main(["fix", "-q", "--select", "GL"]) == 0  # the command line wins over the file
    assert (project / "corrected" / "a.txt").read_bytes() == b"The ISIS , here.\n"


def test_the_documented_configuration_example_works_pasted_into_either_file(project):
    from dataclasses import replace

    from cleanup.config import parse_config

    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    example = page.split("## Configuration", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    assert example.startswith("[tool.cleanup]\n")
    as_cleanup_toml = parse_config("cleanup.toml", example)
    assert as_cleanup_toml == parse_config("cleanup.toml", example.removeprefix("[tool.cleanup]\n"))
    assert replace(as_cleanup_toml, path="") == replace(parse_config("pyproject.toml", example), path="")
    write(project / "seeds" / "a.txt", b"The Daash , here.\n")
    write(project / "cleanup.toml", example.replace("/var/cache/cleanup", str(project / "cache")).encode())
    write(project / "glossary" / "rules.yaml", b"rules: []\n")
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    assert (project / "corrected" / "a.txt").read_bytes() == b"The ISIS, here.\n"


@pytest.mark.parametrize(
    "content, message",
    [
        (
            b'out = "x"\n\n[tool.cleanup]\nselect = []\n',
            "cleanup.toml:3:1: [tool.cleanup] and settings at the top in one file;",
        ),
        (
            b'[tool.cleanup]\nout = "x"\n[tool.ruff]\nline-length = 1\n',
            "cleanup.toml:3:1: [tool.ruff] is not for cleanup;",
        ),
        (b'select = ["SP"\n', "cleanup.toml:2:1: TOML syntax error: "),
        (b'\nselct = ["SP"]\n', "cleanup.toml:2:1: settings: unknown key 'selct'; did you mean 'select'?"),
        (b'quotations = "maybe"\n', "cleanup.toml:1:1: 'quotations' must be 'normalize' or 'keep'"),
        (b"unsafe-fixes = 1\n", "cleanup.toml:1:1: 'unsafe-fixes' must be true or false"),
    ],
)
def test_bad_configuration_is_one_line_naming_the_place(project, capsys, content, message):
    write(project / "seeds" / "a.txt", b"Daash\n")
    write(project / "cleanup.toml", content)
    assert main(["fix"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(message)
    assert not (project / "corrected").exists()


def test_markdown_input_keeps_code_and_links(project):
    write(project / "seeds" / "a.md", b"Daash , said `Daash , x` [Daash](https://x.org/Daash).\n")
    assert main(["fix", "-q"]) == 0
    assert (project / "corrected" / "a.md").read_text(encoding="utf-8") == (
        "ISIS, said `Daash , x` [ISIS](https://x.org/Daash).\n"
    )


def test_bad_directive_exits_2_naming_file_line_and_column(project, capsys):
    write(project / "seeds" / "a.md", b"Text.\n\n<!-- cleanup: of -->\n")
    assert main(["check"]) == 2
    settings_line, message = capsys.readouterr().err.splitlines()[:2]
    assert settings_line.startswith("settings: ") and message.startswith("seeds/a.md:3:1: unknown directive")


@pytest.mark.parametrize("name", ["glossary/house.yaml", "cleanup.toml"])
def test_undecodable_glossary_or_config_names_line_and_column(project, capsys, name):
    write(project / "seeds" / "a.txt", b"Daash\n")
    write(project / name, b"# ok\n# caf\xe9\n")
    assert main(["fix"]) == 2
    assert capsys.readouterr().err == f"{name}:2:6: not valid UTF-8 at byte 10 (0xE9); save the file as UTF-8\n"
    assert not (project / "corrected").exists()


def test_grammar_from_configuration_and_command_line(project, capsys):
    write(project / "seeds" / "a.txt", b"The army recieved orders.\n")
    assert main(["check"]) == 0
    assert "HP:SpellCheck" in capsys.readouterr().out
    write(project / "cleanup.toml", b'grammar = "none"\n')
    assert main(["check"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["check", "--grammar", "harper", "--ignore", "HP:SpellCheck"]) == 0
    assert capsys.readouterr().out == ""
    write(project / "cleanup.toml", b'dialect = "klingon"\n')
    assert main(["check"]) == 2
    assert "'dialect' must be 'auto' or 'american' or 'british' or" in capsys.readouterr().err


def test_output_cut_short_by_the_reader_is_not_an_error(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "house.yaml").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "seeds" / "a.txt").write_text("Daash , x.\n" * 2000, encoding="utf-8")
    command = f"{sys.executable} -m cleanup check --grammar none | head -1"
    result = subprocess.run(["bash", "-c", command], cwd=tmp_path, capture_output=True, text=True)
    assert result.stdout.startswith("seeds/a.txt:1:1: error: GL:ISIS")
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "name, data",
    [
        ("cr.txt", b"The Daash cell\rmoved , then\rRasul spoke.\r"),
        ("mixed.txt", b"The Daash cell\r\nmoved\n, then\rRasul spoke.\n\rend Daash"),
        ("bom.txt", codecs.BOM_UTF8 + b"Daash said Rasul.\nSecond line.\n"),
        ("cp1256.txt", "The Daash cell\nقال الرسول Rasul\n".encode("cp1256")),
        ("new\nline.txt", b"The Daash cell moved.\n"),
    ],
)
def test_the_diff_applies_with_patch_and_git_apply(project, tmp_path_factory, name, data):
    write(project / "seeds" / name, data)
    options = ["--encoding", "cp1256"] if name.startswith("cp1256") else []
    assert main(["fix", "-q", "--grammar", "none", *options]) == 0
    diff = project / "corrected" / f"{name}.diff"
    corrected = (project / "corrected" / name).read_bytes()
    work = tmp_path_factory.mktemp("patch")
    (work / "x.txt").write_bytes(data)
    subprocess.run(["patch", "-s", "--binary", "-o", "y.txt", "x.txt", str(diff)], cwd=work, check=True)
    assert (work / "y.txt").read_bytes() == corrected
    repo = tmp_path_factory.mktemp("git")  # git apply patches the file the +++ line names
    write(repo / "corrected" / name, data)
    subprocess.run(["git", "apply", "-p0", str(diff)], cwd=repo, check=True, capture_output=True)
    assert (repo / "corrected" / name).read_bytes() == corrected


def test_a_utf16_diff_says_it_is_for_reading_only(project):
    write(project / "seeds" / "u.txt", codecs.BOM_UTF16_LE + "The Daash cell.\n".encode("utf-16-le"))
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    first = (project / "corrected" / "u.txt.diff").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# For reading only: the article is UTF-16-LE, which patch and git apply cannot read")


def test_from_a_subfolder_the_project_configuration_and_glossary_are_found(project, monkeypatch, capsys):
    write(project / "cleanup.toml", b'out = "edition"\n')
    write(project / "drafts" / "new" / "x.txt", b"The Daash , here.\n")
    monkeypatch.chdir(project / "drafts" / "new")
    assert main(["fix", "x.txt", "--grammar", "none"]) == 0
    assert (project / "edition" / "x.txt").read_bytes() == b"The ISIS, here.\n"  # `out` is relative to cleanup.toml
    assert capsys.readouterr().out.startswith("settings: ../../cleanup.toml; glossary: ../../glossary/house.yaml (")


def test_outside_a_project_the_messages_say_what_is_missing(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "x.txt", b"The Daash left.\n")
    write(tmp_path / "terms.yaml", GLOSSARY.encode())
    assert main(["fix", "-q", "--glossary", "terms.yaml"]) == 2
    assert capsys.readouterr().err == (
        "seeds: no such folder (the default when no PATH is given); name articles or folders, "
        "for example: cleanup fix article.txt drafts/\n"
    )
    assert main(["fix", "x.txt"]) == 2
    assert capsys.readouterr().err == (
        "cleanup: no glossary: no glossary/*.yaml here or beside a cleanup.toml or pyproject.toml above; "
        "pass --glossary FILE\n"
    )


def test_a_glossary_file_left_out_is_named(project, capsys):
    write(
        project / "glossary" / "rules.yaml", b"rules:\n  - id: HS001\n    pattern: 'colour'\n    replacement: color\n"
    )
    write(project / "seeds" / "a.txt", b"The Daash colour.\n")
    assert main(["check", "--grammar", "none", "--glossary", "glossary/house.yaml"]) == 1  # says so on stderr
    err = capsys.readouterr().err
    assert "; not loaded: glossary/rules.yaml (name it with --glossary" in err
    assert main(["check", "--grammar", "none"]) == 1
    assert "glossary/rules.yaml (1 rule)" in capsys.readouterr().err
