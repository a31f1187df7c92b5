"""Fixtures shared by the test modules."""

import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC_PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]  # what a user reads: README and the site
SEED = ROOT / "seeds" / "000_34c7e98329047369.txt"


@pytest.fixture
def archive(tmp_path, monkeypatch):
    """Twelve articles in archive/2019 and archive/2020, each a different slice of the seed, with the
    house glossary, as the working directory."""
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    lines = SEED.read_text(encoding="utf-8").splitlines(keepends=True)
    for number in range(12):
        folder = tmp_path / "archive" / ("2019" if number % 2 else "2020")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"article-{number:02}.txt").write_text("".join(lines[number : number + 12]), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


MakeProject = Callable[..., Path]
# A small house glossary: two entries, one variant with an apostrophe.
TWO_ENTRIES = """\
terms:
  - preferred: ISIS
    variants: [Daash, "Da'ash"]
  - preferred: Rasool
    variants: [Rasul]
"""


@pytest.fixture
def make_project(tmp_path, monkeypatch) -> MakeProject:
    """A function that lays out a project in tmp_path as the working directory, without colour:
    glossary/<glossary_name> holding `glossary`, an empty seeds/, and `files` (paths from the project)."""

    def make(glossary: str, files: Mapping[str, str | bytes] = {}, glossary_name: str = "house.yaml") -> Path:
        monkeypatch.chdir(tmp_path)
        monkeypatch.setenv("NO_COLOR", "1")
        (tmp_path / "glossary").mkdir(exist_ok=True)
        (tmp_path / "glossary" / glossary_name).write_text(glossary, encoding="utf-8")
        (tmp_path / "seeds").mkdir(exist_ok=True)
        for name, data in files.items():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                (tmp_path / name).write_bytes(data)
            else:
                (tmp_path / name).write_text(data, encoding="utf-8")
        return tmp_path

    return make


@pytest.fixture
def project(make_project) -> Path:
    """A folder laid out like the project (seeds/, glossary/house.yaml with two entries) as the working directory."""
    return make_project(TWO_ENTRIES)


@pytest.fixture(autouse=True)
def own_cache_folder(tmp_path_factory, monkeypatch):
    """Each test gets its own user cache folder and cache key, so no test reads another's cache (or the developer's)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("xdg-state")))
