"""Configuration and glossaries found (not named) are read only from the project and only when the user's
own and writable by no one else: a file planted in a shared folder cannot steer a run."""

import os
from pathlib import Path

import pytest

from cleanup.cli import main


@pytest.fixture
def nested(tmp_path, monkeypatch) -> Path:
    """A project (a git checkout) inside a shared folder that holds a planted cleanup.toml."""
    (tmp_path / "cleanup.toml").write_text('out = "stolen"\n', encoding="utf-8")
    project = tmp_path / "work"
    (project / "glossary").mkdir(parents=True)
    (project / "glossary" / "house.yaml").write_text("terms:\n  - preferred: ISIS\n    variants: [Daash]\n")
    (project / "seeds").mkdir()
    (project / "seeds" / "a.txt").write_text("The Daash cell.\n", encoding="utf-8")
    (project / ".git").mkdir()
    monkeypatch.chdir(project)
    monkeypatch.setenv("NO_COLOR", "1")
    return project


def test_discovery_stops_at_the_project_root(nested, capsys):
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    assert (nested / "corrected" / "a.txt").is_file()
    assert not (nested / "stolen").exists() and not (nested.parent / "stolen").exists()


def test_a_glossary_every_user_may_write_is_read_only_when_named(nested, capsys):
    (nested / "glossary" / "house.yaml").chmod(0o664)  # group-writable, as a umask of 002 leaves it: fine
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    house = nested / "glossary" / "house.yaml"
    house.chmod(0o666)
    (nested / "corrected" / "a.txt").unlink()
    assert main(["fix", "-q", "--grammar", "none"]) == 2
    assert "glossary/house.yaml: writable by every user (mode 666)" in capsys.readouterr().err
    assert not (nested / "corrected" / "a.txt").exists()
    assert main(["fix", "-q", "--grammar", "none", "--glossary", "glossary/house.yaml"]) == 0


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="giving a file away needs root")
def test_a_configuration_of_another_user_is_read_only_when_named(nested, capsys):
    config = nested / "cleanup.toml"
    config.write_text('out = "edition"\n', encoding="utf-8")
    os.chown(config, 65534, -1)
    assert main(["fix", "-q", "--grammar", "none"]) == 2
    assert "cleanup.toml: owned by another user (uid 65534)" in capsys.readouterr().err
    assert main(["fix", "-q", "--grammar", "none", "--config", "cleanup.toml"]) == 0
    assert (nested / "edition" / "a.txt").is_file()
