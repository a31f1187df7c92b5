"""Every bad input ends in one clear message and a documented exit code; never a traceback.

One table of cases through the real command line, and a fuzz test feeding random bytes and random
glossary YAML through the same entry point.
"""

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.cli import main
from cleanup.rules import from_yaml
from tests.conftest import ROOT

GLOSSARY = "terms:\n  - preferred: ISIS\n    variants: [Daash]\n"


@dataclass
class Case:
    """A project layout, a command line, and exactly what the user must see."""

    name: str
    argv: list[str]
    code: int
    message: str  # the whole of standard error ("" for none); {tmp} is the project folder
    files: dict[str, bytes] = field(default_factory=dict)
    glossary: str = GLOSSARY
    writes: bool = False  # whether outputs may exist afterwards


CASES = [
    Case(
        "broken YAML",
        ["fix"],
        2,
        "glossary/house.yaml:3:1: YAML syntax error: did not find expected ',' or ']'; correct the YAML\n",
        glossary="terms:\n  - preferred: [ISIS\n",
    ),
    *[
        Case(
            f"glossary indented wrongly: {name}",
            ["fix"],
            2,
            message,
            glossary=glossary,
        )
        for name, glossary, message in [
            (
                "a key indented deeper",
                "terms:\n  - preferred: ISIS\n      variants: [Daash]\n",
                "glossary/house.yaml:3:15: YAML syntax error: mapping values are not allowed in this context; "
                "“variants:” is indented differently from “preferred:” on line 2: align it with “preferred” (column 5)\n",
            ),
            (
                "a key indented less",
                "terms:\n  - preferred: ISIS\n   variants: [Daash]\n",
                "glossary/house.yaml:3:4: YAML syntax error: did not find expected '-' indicator; "
                "“variants:” is indented differently from “preferred:” on line 2: align it with “preferred” (column 5)\n",
            ),
            (
                "a tab",
                "terms:\n  - preferred: ISIS\n\tvariants: [Daash]\n",
                "glossary/house.yaml:3:1: YAML syntax error: found a tab character that violates indentation; "
                "YAML indents with spaces, never tabs: replace the tab with spaces\n",
            ),
        ]
    ],
    Case(
        "conflicting variants",
        ["fix"],
        2,
        "glossary/house.yaml:5:16: variant “Daash” is listed under “Daesh” and under “ISIS” (line 3); "
        "keep it under one preferred form\n",
        glossary=GLOSSARY + "  - preferred: Daesh\n    variants: [Daash]\n",
    ),
    Case(
        "bad regex",
        ["fix"],
        2,
        "glossary/house.yaml:3:14: rule HS001: bad pattern: missing ) at position 3; correct the regex\n",
        glossary="rules:\n  - id: HS001\n    pattern: 'a(b'\n    replacement: x\n",
    ),
    Case(
        "catastrophic regex",
        ["fix", "--grammar", "none"],
        2,
        "seeds/a.txt: rule HS009 (glossary/house.yaml:2:5): pattern ran too long and was stopped; simplify it\n",
        files={"seeds/a.txt": b"a" * 60 + b"\n"},
        glossary="rules:\n  - id: HS009\n    pattern: '(a|aa)+b'\n    message: slow\n",
        writes=True,
    ),
    Case(
        "catastrophic regex over many lines",  # each line is quick; the whole document is not
        ["fix", "--grammar", "none"],
        2,
        "seeds/a.txt: rule HS009 (glossary/house.yaml:2:5): pattern ran too long and was stopped; simplify it\n",
        files={"seeds/a.txt": (b"a" * 22 + b"\n") * 40},
        glossary="rules:\n  - id: HS009\n    pattern: '(a|aa)+b'\n    message: slow\n    scope: line\n",
        writes=True,
    ),
    Case(
        "undecodable bytes",
        ["fix", "--grammar", "none"],
        2,
        "seeds/a.txt:2:4: not valid UTF-8 at byte 12 (0xFF); use --encoding NAME if the file is in another "
        "encoding (for example cp1256)\n",
        files={"seeds/a.txt": b"Daash ok\nab \xff\n"},
    ),
    Case(
        "binary file",
        ["fix", "--grammar", "none"],
        0,
        "seeds/a.txt: looks like a binary file (it contains NUL bytes); skipped\n",
        files={"seeds/a.txt": b"\x89PNG\r\n\x1a\n\x00\x00", "seeds/b.txt": b"Daash\n"},
        writes=True,
    ),
    Case("missing path", ["fix", "nowhere.txt"], 2, "nowhere.txt: no such file or folder\n"),
    Case(
        "folder without text files",
        ["fix", "empty"],
        2,
        "empty: no .txt, .md, .docx, .xlf, .xliff, .tmx, .html or .htm files or WordPress exports (.xml) in this folder\n",
        files={"empty/notes.json": b"{}"},
    ),
    Case(
        "output folder under a file",
        ["fix", "--grammar", "none", "--out", "blocker/out"],
        2,
        "blocker/out: cannot write here (Not a directory); check that it is a folder you can write to, with free space\n",
        files={"seeds/a.txt": b"Daash\n", "blocker": b"a file"},
    ),
    Case(
        "output path taken by a folder",
        ["fix", "--grammar", "none"],
        2,
        "corrected/a.txt: cannot write (Is a directory); nothing was changed for this file\n",
        files={"seeds/a.txt": b"Daash\n", "corrected/a.txt/keep": b""},
    ),
    Case(
        "output over an input",
        ["fix", "--out", "seeds"],
        2,
        "seeds/a.txt: the output seeds/a.txt would overwrite an input; choose another --out\n",
        files={"seeds/a.txt": b"Daash\n"},
    ),
    Case(
        "conflicting options: grammar",
        ["fix", "--grammar", "none", "--languagetool-url", "http://localhost:8081"],
        2,
        "cleanup: --languagetool-url only applies with --grammar languagetool (the checker is none)\n",
    ),
    Case(
        "conflicting options: dialect",
        ["check", "--grammar", "languagetool", "--dialect", "british"],
        2,
        "cleanup: --dialect only applies to Harper (--grammar harper); the checker is languagetool\n",
    ),
    Case(
        "unknown rule id",
        ["check", "--ignore", "XY"],
        2,
        "cleanup: no rule id starts with 'XY'; `cleanup rules` lists them\n",
    ),
    Case(
        "unknown encoding",
        ["fix", "--encoding", "klingon"],
        2,
        "cleanup: unknown encoding 'klingon'; use a Python codec name such as utf-8 or cp1256\n",
    ),
    Case(
        "bad configuration",
        ["fix"],
        2,
        "cleanup.toml:1:1: settings: unknown key 'selct'; did you mean 'select'?\n",
        files={"cleanup.toml": b'selct = ["SP"]\n'},
    ),
    Case(
        "bad directive",
        ["check", "-q", "--grammar", "none"],
        2,
        "seeds/a.txt:1:6: unknown directive “<!-- cleanup: of -->”: write cleanup: off, cleanup: on or cleanup: ignore ID\n",
        files={"seeds/a.txt": b"Text <!-- cleanup: of --> here.\n"},
    ),
    Case(
        "YAML alias",
        ["fix"],
        2,
        "glossary/house.yaml:2:8: aliases (*name) are not allowed here; write the value out\n",
        glossary="a: &x [Daash]\nterms: *x\n",
    ),
    Case(
        "YAML nested too deep",
        ["fix"],
        2,
        "glossary/house.yaml:1:39: nested more than 32 levels deep; flatten it\n",
        glossary="terms: " + "[" * 50_000 + "]" * 50_000 + "\n",
    ),
    *[
        Case(
            f"bad replacement template {template!r}",
            ["fix"],
            2,
            f"glossary/house.yaml:4:18: rule HS001: bad replacement: {why}; write groups as \\g<name> or \\1 "
            "and a backslash as \\\\\n",
            glossary=f"rules:\n  - id: HS001\n    pattern: 'a'\n    replacement: '{template}'\n",
        )
        for template, why in [
            ("x\\q", "bad escape \\q at position 3"),
            ("\\g<nope >", "bad character in group name at position 8"),
            ("x\\", "bad escape (end of pattern) at position 2"),
        ]
    ],
    *[
        Case(
            f"pyproject.toml shaped {shape!r}",
            ["fix", "--grammar", "none"],
            2,
            message,
            files={"seeds/a.txt": b"Daash\n", "pyproject.toml": shape.encode()},
        )
        for shape, message in [
            ("tool = 5\n", "pyproject.toml:1:1: 'tool' must be a table ([tool]); correct the file\n"),
            (
                "[tool]\ncleanup = 5\n",
                "pyproject.toml:2:1: [tool.cleanup] must be one table of settings, not int; correct the file\n",
            ),
            (
                '[[tool.cleanup]]\nout = "x"\n',
                "pyproject.toml:1:1: [tool.cleanup] must be one table of settings, not list; correct the file\n",
            ),
        ]
    ],
    Case(
        "regex compile bomb",
        ["fix"],
        2,
        "glossary/house.yaml:3:14: rule HS001: the pattern's nested repeats ask for 1,000,000,000 copies "
        "(the limit is 100,000); simplify the regex\n",
        glossary="rules:\n  - id: HS001\n    pattern: '(?:(?:(?:a{1000}){1000}){1000})'\n    replacement: x\n",
    ),
    Case(
        "NUL bytes in a decisions file",
        ["fix", "--grammar", "none", "--decisions", "d.yaml", "seeds/a.txt"],
        2,
        "d.yaml: not a text file (it contains NUL bytes); save it as UTF-8 text\n",
        files={"seeds/a.txt": b"Daash\n", "d.yaml": b"decisions: []\n\x00"},
    ),
    Case(
        "NUL bytes in the configuration",
        ["fix", "--grammar", "none"],
        2,
        "cleanup.toml: not a text file (it contains NUL bytes); save it as UTF-8 text\n",
        files={"seeds/a.txt": b"Daash\n", "cleanup.toml": b"out = 'x'\n\x00"},
    ),
    Case(
        "a typo in harper-disable",
        ["fix"],
        2,
        "cleanup.toml: harper-disable: Harper has no rule 'LongSentence'; did you mean 'LongSentences'?\n",
        files={"seeds/a.txt": b"Daash\n", "cleanup.toml": b'harper-disable = ["LongSentence"]\n'},
    ),
    Case(
        "a typo in --apply-suggestions",
        ["fix", "--apply-suggestions", "grammar,Speling"],
        2,
        "cleanup: --apply-suggestions: no flag has category 'Speling' (checker harper); did you mean 'Spelling'?\n",
        files={"seeds/a.txt": b"Daash\n"},
    ),
    Case(
        "a LanguageTool category with Harper",
        ["fix"],
        2,
        "cleanup.toml: apply-suggestions: no flag has category 'TYPOS' (checker harper); did you mean 'Typo'?\n",
        files={"seeds/a.txt": b"Daash\n", "cleanup.toml": b'apply-suggestions = ["TYPOS"]\n'},
    ),
    Case(
        "a typo in front matter disable",
        ["fix", "--grammar", "none"],
        2,
        "seeds/a.txt:2:21: front matter \u201cdisable: SP01\u201d: no rule id starts with it; `cleanup rules` lists them\n",
        files={"seeds/a.txt": b"---\ncleanup: {disable: [SP01]}\n---\nThe Daash , left.\n"},
        writes=True,  # like any bad directive: reported, the article still corrected
    ),
    Case(
        "control character in a glossary",
        ["fix"],
        2,
        "glossary/house.yaml:3:19: control character U+007F is not allowed in YAML; remove it, or write it as "
        '"\\u007f" inside double quotes\n',
        glossary='terms:\n  - preferred: ISIS\n    variants: ["Da\x7fash"]\n',
    ),
    Case(
        "control character in front matter",
        ["fix", "--grammar", "none"],
        2,
        "seeds/a.txt:2:21: front matter: control character U+009B is not allowed in YAML; remove it, or write it as "
        '"\\u009b" inside double quotes\n',
        files={"seeds/a.txt": '---\ncleanup: {allow: ["x\x9by"]}\n---\nThe Daash.\n'.encode()},
        writes=True,  # like any bad directive: reported, and the rest of the article still corrected
    ),
    Case(
        "control character in a decisions file",
        ["fix", "--grammar", "none", "--decisions", "d.yaml", "seeds/a.txt"],
        2,
        "d.yaml:2:16: control character U+007F is not allowed in YAML; remove it, or write it as "
        '"\\u007f" inside double quotes\n',
        files={"seeds/a.txt": b"Daash\n", "d.yaml": b'decisions:\n  - {rule: "GL:\x7fISIS"}\n'},
    ),
    Case(
        "a configuration nested 5,000 deep",
        ["fix", "--grammar", "none"],
        2,
        "cleanup.toml:1:37: arrays or tables nested too deep; correct the file\n",
        files={"seeds/a.txt": b"Daash\n", "cleanup.toml": ("x = " + "[" * 5000 + "]" * 5000 + "\n").encode()},
    ),
    Case(
        "a 5,000-digit number in the configuration",
        ["fix", "--grammar", "none"],
        2,
        "cleanup.toml:1:11: a number too long to read; correct the file\n",
        files={"seeds/a.txt": b"Daash\n", "cleanup.toml": ("select = [" + "1" * 5000 + "]\n").encode()},
    ),
    Case(
        "a 5,000-digit number in a glossary",
        ["fix", "--grammar", "none"],
        2,
        "glossary/house.yaml:2:16: a number too long to read; quote it if it is text\n",
        glossary="terms:\n  - preferred: " + "1" * 5000 + "\n    variants: [Daash]\n",
    ),
    Case(
        "a 5,000-digit number in a decisions file",
        ["fix", "--grammar", "none", "--decisions", "d.yaml", "seeds/a.txt"],
        2,
        "d.yaml:2:22: a number too long to read; quote it if it is text\n",
        files={
            "seeds/a.txt": b"Daash\n",
            "d.yaml": ("decisions:\n  - {context_before: " + "1" * 5000 + "}\n").encode(),
        },
    ),
    Case(
        "a file name holding a line break",
        ["fix", "--grammar", "none", "seeds/b\nc.txt"],
        2,
        "seeds/b␊c.txt:1:4: not valid UTF-8 at byte 3 (0xE9); use --encoding NAME if the file is in another "
        "encoding (for example cp1256)\n",
        files={"seeds/b\nc.txt": b"caf\xe9\n"},
    ),
    Case(
        "a folder named cleanup.toml",  # never skipped silently: the project's settings would be lost
        ["fix", "--grammar", "none"],
        2,
        "cleanup.toml: is a folder, expected a file\n",
        files={"seeds/a.txt": b"Daash\n", "cleanup.toml/x": b""},
    ),
    Case(
        "an unknown configuration key two million characters long",
        ["fix", "--grammar", "none"],
        2,
        "cleanup.toml:1:1: settings: unknown key '" + "k" * 302 + " … " + "k" * 302 + "'; allowed: select, ignore, "
        "glossary, out, unsafe-fixes, quotations, arabic-article, headings, name-notes, grammar, dialect, harper-disable, "
        "apply-suggestions, languagetool-url, languagetool-language, languagetool-enabled-rules, "
        "languagetool-disabled-rules, languagetool-enabled-categories, languagetool-disabled-categories, cache-dir, "
        "include, exclude\n",
        files={"seeds/a.txt": b"Daash\n", "cleanup.toml": b"k" * 2_000_000 + b" = 1\n"},
    ),
    Case(
        "an empty path",
        ["fix", "--grammar", "none", ""],
        2,
        "cleanup: an empty path was given; name a file or folder (`.` for the working folder)\n",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_bad_input(case, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(from_yaml, "RULE_TIMEOUT", 0.2)
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "house.yaml").write_text(case.glossary, encoding="utf-8")
    files = case.files or {"seeds/a.txt": b"Daash\n"}
    for name, data in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    code = main(case.argv)
    captured = capsys.readouterr()
    assert (code, captured.err) == (case.code, case.message.format(tmp=tmp_path))
    assert "Traceback" not in captured.out + captured.err
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.relative_to(tmp_path).as_posix() not in files]
    written = [p for p in written if p.parent.name != "glossary"]
    if not case.writes:
        assert written == [], "nothing may be written when the input is bad"
    assert not [p for p in tmp_path.rglob("*.tmp")], "no temporary file may be left"


def test_interrupted_run_leaves_no_partial_file(tmp_path, make_project, monkeypatch, capsys):
    make_project(GLOSSARY, {"seeds/a.txt": b"Daash\n"})
    calls = []

    def interrupted_replace(source, target):
        if "corrected" in Path(target).parts:  # the cache's own writes are not outputs
            calls.append(target)
            if len(calls) == 2:
                raise KeyboardInterrupt
        os.rename(source, target)

    monkeypatch.setattr(os, "replace", interrupted_replace)
    assert main(["fix", "--grammar", "none"]) == 130
    assert capsys.readouterr().err == "cleanup: interrupted; no partial files were left\n"
    left = sorted(p.name for p in (tmp_path / "corrected").iterdir())
    assert left == []  # all or nothing: the file renamed before the interruption was taken back; no temporary files


def test_in_place_rewrites_inputs_and_keeps_the_record(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "house.yaml").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_bytes(b"The Daash left.\r\n")
    assert main(["fix", "-q", "--grammar", "none", "--in-place"]) == 0
    assert (tmp_path / "seeds" / "a.txt").read_bytes() == b"The ISIS left.\r\n"
    assert sorted(p.name for p in (tmp_path / "corrected").iterdir()) == [
        ".history",
        "a.txt.changes.json",
        "a.txt.diff",
        "a.txt.html",
        "a.txt.report.md",
    ]
    assert main(["check", "--grammar", "none"]) == 0
    outside = {p.relative_to(tmp_path).parts[0] for p in tmp_path.rglob("*") if p.is_file()}
    assert outside == {"glossary", "seeds", "corrected"}  # nothing written anywhere else (the cache is the user's)


# Random glossaries: YAML-looking text built from the pieces glossaries are made of.
YAML_PIECES = [
    "terms:",
    "names:",
    "rules:",
    "\n",
    "  ",
    "    ",
    "- ",
    "preferred: ",
    "variants: ",
    "examples: ",
    "note: ",
    "id: ",
    "pattern: ",
    "replacement: ",
    "message: ",
    "safety: ",
    "from: ",
    "to: ",
    "[",
    "]",
    "{",
    "}",
    ", ",
    ": ",
    "'",
    '"',
    "Daash",
    "ISIS",
    "al-Badya",
    "Da’ash",
    "HS001",
    "(a|b)+",
    "\\1",
    "&a ",
    "*a",
    "!!str ",
    "---",
    "#",
    "123",
    "~",
    "yes",
    "ق",
    "😀",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    glossary=st.lists(st.sampled_from(YAML_PIECES), max_size=40).map("".join),
    article=st.binary(max_size=200),
)
def test_fuzz_random_bytes_and_glossaries_never_crash(glossary, article):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "glossary").mkdir()
        (root / "glossary" / "house.yaml").write_text(glossary, encoding="utf-8")
        (root / "seeds").mkdir()
        (root / "seeds" / "a.txt").write_bytes(article)
        cwd = os.getcwd()
        os.chdir(root)
        try:
            code, err = _run_quietly(["fix", "-q", "--grammar", "none"])
        finally:
            os.chdir(cwd)
        assert code in (0, 1, 2)
        assert "internal error" not in err and "Traceback" not in err, err


def _run_quietly(argv: list[str]) -> tuple[int, str]:
    """Run the CLI with standard error captured."""
    import contextlib
    import io

    stream = io.StringIO()
    with contextlib.redirect_stderr(stream), contextlib.redirect_stdout(io.StringIO()):
        code = main(argv)
    return code, stream.getvalue()


def test_empty_file_is_fine(tmp_path, make_project):
    make_project(GLOSSARY, {"seeds/empty.txt": b""})
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    assert (tmp_path / "corrected" / "empty.txt").read_bytes() == b""
    assert main(["check", "-q"]) == 0


@pytest.mark.parametrize(
    "attack, shown",
    [
        ("\x1b]52;c;ZXZpbA==\x07", "␛]52;c;ZXZpbA==␇"),  # write the clipboard
        ("\x1b]0;owned\x07", "␛]0;owned␇"),  # set the window title
        ("\x1b[2J", "␛[2J"),  # clear the screen
        ("\x9b2J", "<U+009B>2J"),  # the same with an 8-bit CSI
        ("\u202eevil", "<U+202E>evil"),  # right-to-left override
    ],
)
def test_control_characters_in_an_article_are_shown_never_obeyed(tmp_path, make_project, capsys, attack, shown):
    make_project(GLOSSARY, {"seeds/a.txt": f"The Daash{attack} attack.\n"})
    assert main(["fix", "--grammar", "none", "--select", "GL"]) == 0
    fixed = capsys.readouterr()
    assert main(["check", "--grammar", "none", "--select", "GL"]) == 1
    checked = capsys.readouterr()
    printed = fixed.out + fixed.err + checked.out + checked.err
    assert shown in printed
    assert not any(c in printed for c in "\x1b\x07\x9b\u202e")
    assert (tmp_path / "corrected" / "a.txt").read_text(
        encoding="utf-8"
    ) == f"The ISIS{attack} attack.\n"  # the edition keeps them


def test_in_place_writes_the_records_first_and_the_input_last(tmp_path, make_project, capsys):
    make_project(GLOSSARY, {"seeds/a.txt": b"The Daash left.\n"})
    (tmp_path / "corrected" / "a.txt.diff").mkdir(parents=True)  # the diff cannot be written
    assert main(["fix", "-q", "--grammar", "none", "--in-place"]) == 2
    assert (
        "corrected/a.txt.diff: cannot write (Is a directory); nothing was changed for this file"
        in capsys.readouterr().err
    )
    assert (tmp_path / "seeds" / "a.txt").read_bytes() == b"The Daash left.\n"  # no unrecorded rewrite
    assert sorted(p.name for p in (tmp_path / "corrected").iterdir() if p.name != ".history") == ["a.txt.diff"]
    assert not [
        p for p in (tmp_path / "corrected" / ".history").rglob("*") if p.is_file() and p.name != ".lock"
    ]  # no history of a run that did not happen (the lock runs take turns on is no record)
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_failed_write_leaves_the_previous_edition_and_its_records_together(tmp_path, make_project, capsys):
    make_project(GLOSSARY, {"seeds/a.txt": b"The Daash left.\n"})
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "corrected").iterdir()}
    (tmp_path / "seeds" / "a.txt").write_bytes(b"The Daash came back.\n")
    (tmp_path / "corrected" / "a.txt.html").unlink()
    (tmp_path / "corrected" / "a.txt.html").mkdir()  # the review page cannot be replaced
    before.pop("a.txt.html")
    assert main(["fix", "-q", "--grammar", "none", "--no-cache"]) == 2
    after = {p.name: p.read_bytes() for p in (tmp_path / "corrected").iterdir() if p.is_file()}
    assert after == before  # the diff and change log renamed before the failure were put back
    assert not list(tmp_path.rglob("*.tmp"))


def test_outputs_of_two_inputs_that_would_clash_are_refused(tmp_path, make_project, capsys):
    make_project(GLOSSARY, {"seeds/x.txt": b"One.\n", "seeds/x.txt.report.md": b"An article, not a report.\n"})
    assert main(["fix", "-q", "--grammar", "none"]) == 2
    assert capsys.readouterr().err == (
        "seeds/x.txt.report.md and seeds/x.txt would both be written to corrected/x.txt.report.md; rename one of them\n"
    )
    assert not (tmp_path / "corrected").exists()


def test_in_place_writes_through_a_symbolic_link_and_never_copies_setuid(tmp_path, make_project):
    make_project(GLOSSARY, {"real/a.txt": b"The Daash left.\n"})
    (tmp_path / "real" / "a.txt").chmod(0o4755)
    (tmp_path / "seeds" / "a.txt").symlink_to(tmp_path / "real" / "a.txt")
    assert main(["fix", "-q", "--grammar", "none", "--in-place", "seeds/a.txt"]) == 0
    assert (tmp_path / "seeds" / "a.txt").is_symlink()
    assert (tmp_path / "real" / "a.txt").read_bytes() == b"The ISIS left.\n"
    assert (tmp_path / "real" / "a.txt").stat().st_mode & 0o7777 == 0o755


@pytest.mark.parametrize("codec", ["unicode_escape", "utf-7", "hz", "base64", "rot13"])
def test_encodings_that_do_not_give_back_the_same_bytes_are_refused(tmp_path, make_project, capsys, codec):
    make_project(GLOSSARY, {"seeds/a.txt": b"The Daash left.\n"})
    assert main(["fix", "-q", "--grammar", "none", "--encoding", codec]) == 2
    assert capsys.readouterr().err == (
        f"cleanup: encoding {codec!r} cannot be used: it does not give back the bytes it read; "
        "use a text encoding such as utf-8, utf-16-le or cp1256\n"
    )
    assert not (tmp_path / "corrected").exists()


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16", "utf-8-sig", "utf-32-le"])
def test_a_file_without_a_byte_order_mark_is_written_back_without_one(tmp_path, make_project, codec):
    python_codec = {"utf-16": "utf-16-le", "utf-8-sig": "utf-8"}.get(codec, codec)
    original = "The Daash left.\r\nعربي\r\n".encode(python_codec)
    make_project(GLOSSARY, {"seeds/a.txt": original})
    assert main(["fix", "-q", "--grammar", "none", "--encoding", codec]) == 0
    assert (tmp_path / "corrected" / "a.txt").read_bytes() == "The ISIS left.\r\nعربي\r\n".encode(python_codec)


def test_devices_and_pipes_are_refused_not_read_forever(tmp_path, make_project, capsys):
    make_project(GLOSSARY, {"seeds/a.txt": b"The Daash left.\n"})
    os.mkfifo(tmp_path / "pipe")
    assert main(["fix", "-q", "--grammar", "none", "/dev/zero", "pipe", "seeds/a.txt"]) == 2
    err = capsys.readouterr().err
    assert "/dev/zero: not a regular file (a device, pipe or socket); give a text file\n" in err
    assert "pipe: not a regular file (a device, pipe or socket); give a text file\n" in err
    assert (tmp_path / "corrected" / "a.txt").read_bytes() == b"The ISIS left.\n"  # the others are still done


def test_a_fifo_named_cleanup_toml_is_refused_not_skipped_or_waited_on(tmp_path, make_project, capsys):
    make_project(GLOSSARY, {"seeds/a.txt": b"The Daash left.\n"})
    os.mkfifo(tmp_path / "cleanup.toml")
    assert main(["fix", "-q", "--grammar", "none"]) == 2
    assert capsys.readouterr().err == (
        "cleanup.toml: not a regular file (a device, pipe or socket); give a text file\n"
    )


def test_a_file_over_the_size_cap_fails_alone(tmp_path, make_project, monkeypatch, capsys):
    import cleanup.cli.inputs as inputs

    monkeypatch.setattr(inputs, "MAX_INPUT_BYTES", 1 << 20)
    make_project(GLOSSARY, {"seeds/a.txt": b"The Daash left.\n", "seeds/big.txt": b"word " * (1 << 18)})
    assert main(["fix", "-q", "--grammar", "none"]) == 2
    assert "seeds/big.txt: larger than 1 MB; split it into articles\n" in capsys.readouterr().err
    assert sorted(
        p.name for p in (tmp_path / "corrected").iterdir() if not p.name.endswith((".diff", ".json", ".md", ".html"))
    ) == ["a.txt"]


def test_a_killed_run_leaves_temporaries_that_the_next_run_removes(tmp_path, make_project):
    import signal
    import subprocess
    import sys
    import time

    make_project(GLOSSARY, {f"seeds/a{n}.txt": b"The Daash left.\n" * 3000 for n in range(6)})
    run = subprocess.Popen(
        [sys.executable, "-m", "cleanup", "fix", "-q", "--grammar", "none", "--jobs", "1", "--no-cache"]
    )
    deadline = time.monotonic() + 60
    while not list((tmp_path / "corrected").glob(".*.tmp")) and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.001)
    run.send_signal(signal.SIGKILL)
    run.wait()
    left = list((tmp_path / "corrected").glob(".*.tmp"))
    (tmp_path / "corrected" / ".x.txt.cleanup-1-0123abcd.tmp").write_bytes(b"")  # pid 1 is alive: another run's
    assert main(["fix", "-q", "--grammar", "none", "--jobs", "1", "--no-cache"]) == 0
    remaining = sorted(p.name for p in (tmp_path / "corrected").glob(".*.tmp"))
    assert remaining == [".x.txt.cleanup-1-0123abcd.tmp"]
    assert left, "the killed run should have left a temporary file to clean up"


def test_a_title_repeated_many_times_settles_in_one_fix(tmp_path, make_project):
    import shutil

    make_project(GLOSSARY, {"seeds/a.txt": b"The title\n\n" * 14 + b"The Daash text.\n"})
    shutil.copy(ROOT / "glossary" / "rules.yaml", tmp_path / "glossary" / "rules.yaml")
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    assert (tmp_path / "corrected" / "a.txt").read_bytes() == b"The title\n\nThe ISIS text.\n"


def _without_permission_override() -> list[str]:
    """A prefix that runs a command unable to bypass file permissions (as root: without the two
    capabilities that let root read any folder)."""
    import shutil

    if os.geteuid() != 0:
        return []
    assert shutil.which("setpriv"), "setpriv (util-linux) is needed to test unreadable folders as root"
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def _run_with_folder_mode(folder: Path, mode: int, *args: str) -> subprocess.CompletedProcess:
    """Run cleanup with `folder` set to `mode` (and no permission override, as root); restore it after."""
    folder.chmod(mode)
    try:
        command = [*_without_permission_override(), sys.executable, "-m", "cleanup", *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize("command", ["fix", "check"])
def test_an_unreadable_subfolder_is_reported_and_the_rest_processed(tmp_path, make_project, command):
    make_project(GLOSSARY, {"seeds/a.txt": b"The Daash left.\n", "seeds/locked/b.txt": b"The Daash left.\n"})
    run = _run_with_folder_mode(tmp_path / "seeds" / "locked", 0, command, "--grammar", "none", "--no-cache")
    assert run.returncode == 2
    assert "seeds/locked: cannot read this folder (Permission denied); its articles were not processed\n" in run.stderr
    assert "Files that failed" in run.stdout or command == "check"
    if command == "fix":
        assert (tmp_path / "corrected" / "a.txt").read_bytes() == b"The ISIS left.\n"
        assert not (tmp_path / "corrected" / "locked").exists()


def test_an_unreadable_folder_given_says_so(tmp_path, make_project):
    make_project(GLOSSARY, {"seeds/a.txt": b"The Daash left.\n"})
    run = _run_with_folder_mode(tmp_path / "seeds", 0, "fix", "--grammar", "none")
    assert (run.returncode, run.stderr) == (
        2,
        "seeds: cannot read this folder (Permission denied); check its permissions\n",
    )


def test_in_place_into_a_read_only_folder_names_that_folder_and_changes_nothing(tmp_path, make_project):
    make_project(GLOSSARY, {"seeds/a.txt": b"The Daash left.\n"})
    run = _run_with_folder_mode(tmp_path / "seeds", 0o555, "fix", "-q", "--in-place", "--grammar", "none", "--no-cache")
    assert run.returncode == 2
    assert run.stderr.startswith(
        "seeds: cannot write here (Permission denied); check that it is a folder you can write to, with free space"
    )
    assert (tmp_path / "seeds" / "a.txt").read_bytes() == b"The Daash left.\n"
    assert not list((tmp_path / "corrected").glob("a.txt*")), "no records of a change that was not made"


@pytest.mark.parametrize(
    ("glossary", "code"), [("terms:\n  - preferred: [x\n", 2), (GLOSSARY, 1)], ids=["broken glossary", "findings"]
)
def test_with_standard_error_closed_the_exit_code_still_tells_and_the_report_stays_clean(tmp_path, glossary, code):
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "house.yaml").write_text(glossary, encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_bytes(b"The Daash left.\n")
    command = [sys.executable, "-m", "cleanup", "check", "--grammar", "none", "--format", "json"]
    done = subprocess.run(command, cwd=tmp_path, stdout=subprocess.PIPE, preexec_fn=_close_stderr)
    assert done.returncode == code
    if code == 2:
        assert done.stdout == b""
    else:  # the report alone, parsed whole: no message slipped into it
        assert [f["rule"] for f in json.loads(done.stdout)["files"][0]["findings"]] == ["GL:ISIS"]


def _close_stderr() -> None:
    os.close(2)
