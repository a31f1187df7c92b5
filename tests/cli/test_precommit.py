"""The hooks of `.pre-commit-hooks.yaml`, run by pre-commit itself (`try-repo`, which installs this package from a
git repository into an environment of its own, from PyPI) in a repository of articles."""

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT

PACKAGE_FILES = ["cleanup", "pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml"]


def git(folder, *arguments: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *arguments],
        cwd=folder,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="session")
def hook_repository(tmp_path_factory):
    """This working tree's package and hooks, committed in a repository of their own (try-repo installs what
    HEAD holds), and one pre-commit cache for the session (the hook environment is built once)."""
    folder = tmp_path_factory.mktemp("hook-repository")
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z", "--", *PACKAGE_FILES],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    for name in filter(None, listed.stdout.decode().split("\0")):
        if (ROOT / name).is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, folder / name)
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "the package and its hooks")
    return folder, tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def articles(tmp_path):
    """A repository of articles with the house glossary: one bad article, one clean, an Arabic source and
    an output folder that the hooks must leave alone."""
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    (tmp_path / "cleanup.toml").write_text('grammar = "none"\n', encoding="utf-8")
    (tmp_path / "bad.txt").write_text("The Daash moved , on.\n", encoding="utf-8")
    (tmp_path / "clean.md").write_text("# A title\n\nA clean line.\n", encoding="utf-8")
    (tmp_path / "bad.ar.txt").write_text("تحرك داعش.\n", encoding="utf-8")
    (tmp_path / "corrected").mkdir()
    (tmp_path / "corrected" / "old.txt").write_text("Daash , left as written.\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    return tmp_path


def try_repo(hooks, folder, hook: str, *files: str) -> subprocess.CompletedProcess:
    repository, home = hooks
    selection = ["--files", *files] if files else ["--all-files"]
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(repository), hook, *selection, "--color", "never"],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"},
        check=False,
    )


def test_the_check_hook_fails_a_bad_commit_with_the_findings(hook_repository, articles):
    done = try_repo(hook_repository, articles, "cleanup-check", "bad.txt")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "bad.txt:1:5: error: GL:ISIS “Daash” → “ISIS”" in done.stdout
    assert "bad.txt:1:16: error: SP001" in done.stdout


def test_the_check_hook_passes_clean_articles_and_skips_sources_and_outputs(hook_repository, articles):
    (articles / "bad.txt").write_text("The ISIS moved, on.\n", encoding="utf-8")
    done = try_repo(hook_repository, articles, "cleanup-check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout and "bad.ar.txt" not in done.stdout and "corrected/" not in done.stdout


def test_the_fix_hook_rewrites_the_article(hook_repository, articles):
    done = try_repo(hook_repository, articles, "cleanup-fix", "bad.txt", "clean.md")
    assert done.returncode == 1 and "files were modified by this hook" in done.stdout, done.stdout + done.stderr
    assert (articles / "bad.txt").read_text(encoding="utf-8") == "The ISIS moved, on.\n"
    assert (articles / "clean.md").read_text(encoding="utf-8") == "# A title\n\nA clean line.\n"
    assert (articles / "corrected" / "bad.txt.changes.json").is_file()  # the change is recorded
    again = try_repo(hook_repository, articles, "cleanup-fix", "bad.txt", "clean.md")
    assert again.returncode == 0, again.stdout + again.stderr
