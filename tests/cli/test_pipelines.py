"""What pipelines use: an article on standard input (`-`, `--stdin-filename`), `fix --diff`, and `check`'s
`--output-file`, `--exit-zero`, `--statistics` and `--changed-since REF` (with a real git repository)."""

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections import Counter

import pytest

from cleanup.cli import main
from tests.conftest import TWO_ENTRIES
from tests.wordfiles import seed_docx

ARTICLE = "The army army moved , with Daash.\nA clean line.\n"


def cleanup(folder, *arguments: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    """`cleanup ARGUMENTS` run as a pipeline runs it, with `stdin` on its standard input."""
    environment = {**os.environ, "NO_COLOR": "1"}
    command = [sys.executable, "-m", "cleanup", *arguments]
    return subprocess.run(command, cwd=folder, input=stdin, capture_output=True, env=environment, check=False)


@pytest.fixture
def project(make_project):
    return make_project(TWO_ENTRIES, {"seeds/a.txt": ARTICLE})


def test_fix_from_standard_input_writes_what_fix_writes_for_the_file_and_nothing_to_disk(project):
    data = "\ufeffThe Daash moved ,with Rasul.\r\nSecond line\r\n".encode()  # a BOM, CRLF line endings
    (project / "seeds" / "b.txt").write_bytes(data)
    assert main(["fix", "-q", "--grammar", "none", "seeds/b.txt", "--out", "edition"]) == 0
    done = cleanup(project, "fix", "-", "--grammar", "none", stdin=data)
    assert done.returncode == 0 and done.stdout == (project / "edition" / "b.txt").read_bytes()
    assert done.stdout.startswith("\ufeffThe ISIS".encode()) and b"\r\nSecond line\r\n" in done.stdout
    assert not (project / "corrected").exists()
    assert "1 of 1 file(s)" in done.stderr.decode()


def test_check_from_standard_input_names_it_and_reads_it_by_the_suffix_of_stdin_filename(project):
    markdown = b"# Title\n\nThe Daash left `Daash` alone.\n"
    plain = cleanup(project, "check", "-", "--grammar", "none", stdin=markdown)
    named = cleanup(project, "check", "-", "--stdin-filename", "drafts/x.md", "--grammar", "none", stdin=markdown)
    assert plain.returncode == named.returncode == 1
    assert plain.stdout.decode().count("GL:ISIS") == 2  # as text, the code span is prose
    assert named.stdout.decode().splitlines() == [
        "drafts/x.md:3:5: error: GL:ISIS “Daash” → “ISIS”: house glossary: use “ISIS”"
    ]  # as Markdown, the code span is left alone


def test_stdin_filename_finds_the_configuration_from_its_folder(project):
    (project / "sub").mkdir()
    (project / "sub" / "cleanup.toml").write_text(
        'select = ["SP"]\nglossary = ["../glossary/house.yaml"]\n', encoding="utf-8"
    )
    here = cleanup(project, "check", "-", "--stdin-filename", "x.txt", "--grammar", "none", stdin=ARTICLE.encode())
    there = cleanup(project, "check", "-", "--stdin-filename", "sub/x.txt", "--grammar", "none", stdin=ARTICLE.encode())
    assert {"GL:ISIS", "SP001", "RW002"} <= {line.split()[2] for line in here.stdout.decode().splitlines()}
    assert [line.split()[2] for line in there.stdout.decode().splitlines()] == ["SP001"]
    assert "settings: sub/cleanup.toml" in there.stderr.decode()


def test_a_word_file_from_standard_input_comes_back_as_a_word_file(project):
    data = seed_docx("The Daash moved.\nA clean line.")
    done = cleanup(
        project, "fix", "-", "--stdin-filename", "a.docx", "--docx-mode", "clean", "--grammar", "none", stdin=data
    )
    assert done.returncode == 0 and zipfile.is_zipfile(io.BytesIO(done.stdout))
    again = cleanup(project, "check", "-", "--stdin-filename", "a.docx", "--grammar", "none", stdin=done.stdout)
    assert again.returncode == 0 and again.stdout == b""


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["check", "-", "seeds/a.txt"], "cleanup: `-` (standard input) must be the only PATH\n"),
        (["check", "seeds/a.txt", "--stdin-filename", "x.md"], "cleanup: --stdin-filename names the article read"),
        (["fix", "-", "--in-place"], "cleanup: --in-place rewrites files; it does not go with -\n"),
        (["check", "--statistics", "--format", "json"], "cleanup: --statistics prints counts as text"),
    ],
)
def test_options_that_do_not_go_together_are_one_line_and_exit_2(project, capsys, arguments, said):
    assert main([*arguments, "--grammar", "none"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(said) and err.count("\n") == 1


def test_an_undecodable_standard_input_fails_with_exit_2_and_prints_no_text(project):
    done = cleanup(project, "fix", "-", "--grammar", "none", stdin=b"The Daash \xff.\n")
    assert done.returncode == 2 and done.stdout == b"" and "\n-:1:11: not valid UTF-8" in done.stderr.decode()


def test_fix_diff_prints_a_diff_patch_applies_and_writes_nothing(project, tmp_path_factory):
    (project / "seeds" / "clean.txt").write_text("A clean line.\n", encoding="utf-8")
    done = cleanup(project, "fix", "--diff", "--grammar", "none")
    assert done.returncode == 1 and not (project / "corrected").exists()
    assert done.stdout.decode().startswith("--- seeds/a.txt\n+++ seeds/a.txt\n@@ -1,2 +1,2 @@\n")
    assert "clean.txt" not in done.stdout.decode()
    copy = tmp_path_factory.mktemp("patched")
    shutil.copytree(project / "seeds", copy / "seeds")
    subprocess.run(["patch", "-p0", "--quiet"], cwd=copy, input=done.stdout, check=True)
    assert main(["fix", "-q", "--grammar", "none", "--out", str(copy / "fixed")]) == 0
    assert (copy / "seeds" / "a.txt").read_bytes() == (copy / "fixed" / "a.txt").read_bytes()
    assert cleanup(project, "fix", "--diff", "--grammar", "none", "seeds/clean.txt").returncode == 0
    piped = cleanup(project, "fix", "--diff", "-", "--grammar", "none", stdin=ARTICLE.encode())
    assert piped.returncode == 1 and piped.stdout.decode().startswith("--- -\n+++ -\n")


def test_output_file_holds_what_standard_output_would_and_is_written_whole(project, capsys):
    assert main(["check", "--grammar", "none", "--format", "sarif"]) == 1
    printed = capsys.readouterr().out
    assert main(["check", "--grammar", "none", "--format", "sarif", "--output-file", "report.sarif"]) == 1
    assert capsys.readouterr().out == ""
    assert (project / "report.sarif").read_text(encoding="utf-8") == printed
    assert [p.name for p in project.iterdir() if p.name.startswith(".report.sarif")] == []  # no temporary left
    assert main(["check", "--grammar", "none", "--output-file", "report.txt"]) == 1
    assert (project / "report.txt").read_text(encoding="utf-8").count("\n") == 3


def test_exit_zero_keeps_exit_2_for_errors(project, capsys):
    assert main(["check", "--grammar", "none", "--exit-zero"]) == 0
    assert "error: GL:ISIS" in capsys.readouterr().out
    (project / "seeds" / "bad.txt").write_bytes(b"\xff\n")
    assert main(["check", "--grammar", "none", "--exit-zero"]) == 2


def test_statistics_count_the_findings_of_each_rule(project, capsys):
    (project / "seeds" / "b.txt").write_text("Daash and Daash, Rasul ,x.\n", encoding="utf-8")
    assert main(["check", "--grammar", "none"]) == 1
    findings = Counter(line.split()[2] for line in capsys.readouterr().out.splitlines())
    assert main(["check", "--grammar", "none", "--statistics"]) == 1
    rows = [line.split(maxsplit=3) for line in capsys.readouterr().out.splitlines()]
    assert {rule: int(count) for count, rule, *_ in rows} == findings
    assert [int(count) for count, *_ in rows] == sorted(findings.values(), reverse=True)
    assert rows[0][:3] == ["3", "GL:ISIS", "error"] and rows[0][3] == "house glossary: use “ISIS”"


def git(folder, *arguments: str) -> None:
    subprocess.run(["git", *arguments], cwd=folder, check=True, capture_output=True)


@pytest.fixture
def repository(project):
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "the archive as it was")
    return project


def test_changed_since_reports_only_findings_on_lines_changed_since_the_commit(repository, capsys):
    article = repository / "seeds" / "a.txt"
    article.write_text(
        ARTICLE.replace("A clean line.", "A new line about Rasul.") + "More Daash ,here.\n", encoding="utf-8"
    )
    (repository / "seeds" / "new.txt").write_text("The Daash.\n", encoding="utf-8")  # untracked: all of it
    assert main(["check", "--grammar", "none", "--changed-since", "HEAD", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    found = {(file["path"], f["line"], f["rule"]) for file in report["files"] for f in file["findings"]}
    assert found == {
        ("seeds/a.txt", 2, "GL:Rasool"),
        ("seeds/a.txt", 3, "GL:ISIS"),
        ("seeds/a.txt", 3, "SP001"),
        ("seeds/a.txt", 3, "SP004"),
        ("seeds/new.txt", 1, "GL:ISIS"),
    }  # line 1's old findings are left for later


def test_changed_since_passes_when_only_old_lines_have_findings(repository, capsys):
    assert main(["check", "--grammar", "none", "--changed-since", "HEAD", "--fail-on", "warning"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["check", "--grammar", "none", "--fail-on", "warning"]) == 1


def test_changed_since_reads_standard_input_under_its_name(repository):
    text = ARTICLE + "Daash again.\n"
    done = cleanup(repository, "check", "-", "--stdin-filename", "seeds/a.txt", "--changed-since", "HEAD", "--grammar", "none", stdin=text.encode())  # fmt: skip
    (repository / "seeds" / "a.txt").write_text(text, encoding="utf-8")
    on_disk = cleanup(repository, "check", "seeds/a.txt", "--changed-since", "HEAD", "--grammar", "none")
    assert done.stdout == on_disk.stdout and done.stdout.decode().startswith("seeds/a.txt:3:1: error: GL:ISIS")


def test_changed_since_an_unknown_commit_or_outside_git_is_one_line_and_exit_2(repository, tmp_path_factory, capsys):
    assert main(["check", "--grammar", "none", "--changed-since", "no-such-branch"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "cleanup: --changed-since no-such-branch: no such commit in this repository"
    )
    outside = tmp_path_factory.mktemp("outside")
    shutil.copytree(repository / "seeds", outside / "seeds")
    shutil.copytree(repository / "glossary", outside / "glossary")
    done = cleanup(outside, "check", "--grammar", "none", "--changed-since", "HEAD")
    err = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in err
    assert err.splitlines()[-1].startswith("cleanup: not in a git repository; --changed-since compares with git")
