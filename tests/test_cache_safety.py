"""The cache holds plain data only: nothing read from it runs as code; an entry that is planted, forged,
copied from another input or corrupted is a miss, never a wrong edition; and since entries hold changes,
never a text, not even a correctly signed entry can put a character in the edition that no change explains."""

import hashlib
import json
import os
import pickle
import re
import shutil
import stat
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.cache import Cache
from cleanup.cachekey import key_file
from cleanup.cli import main
from cleanup.house import load_glossary
from cleanup.model import Document, ProtectedSpan
from cleanup.pipeline import Settings, process
from tests.conftest import ROOT

PACKAGE = ROOT / "cleanup"
GLOSSARY = "terms:\n  - preferred: ISIS\n    variants: [Daash]\n"
ARTICLES = {"a.txt": "The Daash attack , then more.\n", "b.txt": "Another Daash cell near Mosul .\n"}


class Planted:
    """A pickle that would create a marker file if anything ever unpickled it."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


@pytest.fixture
def project(make_project):
    return make_project(GLOSSARY, {f"seeds/{name}": text for name, text in ARTICLES.items()})


def cache_entries() -> list[Path]:
    folder = Path(os.environ["XDG_CACHE_HOME"]) / "cleanup"
    return sorted(p for p in folder.rglob("*.json") if "outputs" not in p.parts)


def edition(project: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((project / "corrected").iterdir())}


def fix_edition(project: Path, *options: str) -> dict[str, bytes]:
    shutil.rmtree(project / "corrected", ignore_errors=True)
    assert main(["fix", "-q", "--grammar", "none", "--jobs", "1", *options]) == 0
    return edition(project)


def test_the_cache_lives_in_the_users_cache_folder_not_the_working_folder(project):
    fix_edition(project)
    assert len(cache_entries()) == 2
    assert sorted(p.name for p in project.iterdir()) == ["corrected", "glossary", "seeds"]


def test_a_planted_pickle_runs_no_code_and_changes_nothing(project):
    truth = fix_edition(project, "--no-cache")
    fix_edition(project)
    marker = project / "code-ran"
    for entry in cache_entries():
        entry.write_bytes(pickle.dumps(Planted(marker)))
        entry.with_suffix(".pickle").write_bytes(pickle.dumps(Planted(marker)))  # the old entry name too
    assert fix_edition(project) == truth
    assert not marker.exists()


def test_an_entry_copied_from_another_input_is_a_miss(project):
    truth = fix_edition(project, "--no-cache")
    fix_edition(project)
    first, second = cache_entries()
    shutil.copyfile(first, second)
    assert fix_edition(project) == truth


def test_an_entry_whose_outcome_was_edited_is_a_miss(project):
    truth = fix_edition(project, "--no-cache")
    fix_edition(project)
    for entry in cache_entries():
        header, findings = entry.read_text(encoding="utf-8").split("\n", 1)
        data = json.loads(findings)
        data["inserted"] = ["ISIS. WIRE MONEY TO ACCOUNT 1234."] * len(data["inserted"])
        forged = json.dumps(data).encode()
        signed = json.loads(header) | {"mac": hashlib.sha256(forged).hexdigest()}  # a plain checksum recomputed
        entry.write_bytes(json.dumps(signed).encode() + b"\n" + forged)
    assert fix_edition(project) == truth


def test_even_a_signed_entry_puts_no_unexplained_text_in_the_edition(tmp_path):
    """By construction: an entry keeps changes, never a text, so the edition is the input with recorded
    changes applied; text slipped into an outcome is not stored, and changes that do not fit are a miss."""
    cache = Cache(tmp_path, "settings", b"k" * 32)
    document = Document("The Daash attack , then more.\n")
    outcome = process(document, Settings(load_glossary([("g.yaml", GLOSSARY)])))
    key = cache.key(document.text.encode(), "utf-8", "text", [])
    cache.put(key, replace(outcome, corrected=outcome.corrected + "WIRE MONEY TO ACCOUNT 1234.\n"))
    assert cache.get(key, document) == outcome
    moved = replace(outcome.changes[0], start=len(document.text) + 5, end=len(document.text) + 9)
    cache.put(key, replace(outcome, changes=(moved, *outcome.changes[1:])))
    assert cache.get(key, document) is None
    protected = replace(document, protected=(ProtectedSpan(3, 12),))  # a Word field over the variant
    cache.put(key, outcome)
    assert cache.get(key, protected) is None


def test_a_cache_folder_every_user_may_write_is_not_used(project, capsys):
    truth = fix_edition(project, "--no-cache")
    fix_edition(project)
    folder = Path(os.environ["XDG_CACHE_HOME"]) / "cleanup"
    folder.chmod(0o777)
    for entry in cache_entries():
        entry.write_bytes(b"planted")
    capsys.readouterr()
    assert fix_edition(project) == truth
    assert capsys.readouterr().err == (
        f"cleanup: warning: {folder}: the cache folder is open to other users (mode 777); the cache is off: "
        "make it yours and not writable by every user (chmod o-w), or set cache-dir to a folder of your own\n"
    )
    assert all(entry.read_bytes() == b"planted" for entry in cache_entries())  # neither read nor written


@pytest.mark.parametrize("damage", ["readable by others", "too short", "a folder"])
def test_a_cache_key_that_is_not_the_users_alone_turns_the_cache_off(project, capsys, damage):
    truth = fix_edition(project, "--no-cache")
    fix_edition(project)
    key = key_file()
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and key.stat().st_size == 32
    if damage == "readable by others":
        key.chmod(0o644)
    elif damage == "too short":
        key.write_bytes(b"guess")
    else:
        key.unlink()
        key.mkdir()
    capsys.readouterr()
    assert fix_edition(project) == truth
    err = capsys.readouterr().err
    assert err.startswith(f"cleanup: warning: {key}: the cache's key ") and err.count("\n") == 1
    assert "the cache is off" in err and f"remove {key}" in err


CORRUPTIONS = st.tuples(
    st.sampled_from(["truncate", "flip", "splice", "garbage"]),
    st.integers(0, 1 << 20),
    st.integers(1, 255),
    st.binary(max_size=200),
)


def corrupted(raw: bytes, corruption: tuple[str, int, int, bytes]) -> bytes:
    """`raw` damaged one way; positions are taken modulo its length, so what is drawn never depends on it."""
    how, position, flip, garbage = corruption
    at = position % (len(raw) + 1)
    if how == "truncate":
        return raw[:at]
    if how == "flip":
        at %= max(len(raw), 1)
        return raw[:at] + bytes([raw[at] ^ flip]) + raw[at + 1 :] if raw else raw
    if how == "splice":
        return raw[:at] + (garbage or b"\0") + raw[at:]
    return garbage


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(CORRUPTIONS, min_size=len(ARTICLES), max_size=len(ARTICLES)))
def test_random_corruption_of_the_cache_gives_the_uncached_edition(project, corruptions):
    truth = fix_edition(project, "--no-cache")
    fix_edition(project)
    for entry, corruption in zip(cache_entries(), corruptions, strict=False):
        entry.write_bytes(corrupted(entry.read_bytes(), corruption))
    assert fix_edition(project) == truth


def test_a_fifo_in_place_of_each_cache_file_is_a_miss_never_waited_on(project):
    uncached = fix_edition(project)
    for path in (Path(os.environ["XDG_CACHE_HOME"]) / "cleanup").rglob("*.json"):
        path.unlink()
        os.mkfifo(path)  # opened with a blocking read, a FIFO would wait for a writer forever
    assert main(["fix", "-q", "--grammar", "none", "--jobs", "1"]) == 0  # the output stamps are FIFOs
    assert edition(project) == uncached
    assert fix_edition(project) == uncached  # and, with the outputs gone, the entries


def test_keys_join_their_parts_so_that_none_collide(tmp_path):
    cache = Cache(tmp_path, "settings", b"k" * 32)
    assert cache.key(b"the attack", "cp1256", "text", ()) != cache.key(b"the attackcp1256", "", "text", ())
    assert cache.key(b"text", "utf-8", "Markdown", ()) != cache.key(b"text", "utf-8", "text", ())


def test_an_empty_cache_dir_is_an_error_not_the_working_folder(project, capsys):
    (project / "cleanup.toml").write_text('cache-dir = ""\n', encoding="utf-8")
    assert main(["fix", "-q", "--grammar", "none"]) == 2
    assert capsys.readouterr().err == (
        "cleanup.toml:1:1: 'cache-dir' must not be empty; name a folder, or leave the key out for the default\n"
    )
    assert not (project / "corrected").exists()


def test_no_module_turns_data_into_code():
    """No pickle, marshal or eval/exec anywhere in the package (worker processes use multiprocessing's own pipes)."""
    forbidden = re.compile(
        r"\b(?:pickle|marshal|shelve|dill|cPickle)\.(?:loads?|open|Unpickler)\b|(?<![.\w])(?:eval|exec|__import__)\s*\("
        r"|typ\s*=\s*[\"'](?:unsafe|full)|unsafe_load|FullLoader|UnsafeLoader"
    )
    found = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if forbidden.search(line)
    ]
    assert found == []


def test_the_code_fingerprint_covers_modules_in_subpackages_and_their_places(tmp_path, monkeypatch):
    import cleanup.cache as cache_module

    package = tmp_path / "pkg"
    (package / "rules").mkdir(parents=True)
    (package / "a.py").write_text("X = 1\n", encoding="utf-8")
    (package / "rules" / "b.py").write_text("Y = 2\n", encoding="utf-8")
    monkeypatch.setattr(cache_module, "PACKAGE", package)
    first = cache_module.fingerprint(["settings"])
    (package / "rules" / "b.py").write_text("Y = 3\n", encoding="utf-8")  # a module in a subpackage edited
    second = cache_module.fingerprint(["settings"])
    (package / "rules" / "b.py").rename(package / "b.py")  # the same code moved
    third = cache_module.fingerprint(["settings"])
    assert len({first, second, third}) == 3


def test_an_output_edited_with_its_size_and_time_kept_is_written_again(tmp_path, make_project, monkeypatch):
    """Outputs are judged current by their content, not by size and modification time (`cp -p`, `touch -r`)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    make_project("terms:\n  - preferred: ISIS\n    variants: [Daash]\n", {"seeds/a.txt": b"The Daash cell left.\n"})
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    edition = tmp_path / "corrected" / "a.txt"
    written = edition.read_bytes()
    stat = edition.stat()
    edition.write_bytes(written.replace(b"cell", b"CELL"))  # the same size
    os.utime(edition, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the same time
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    assert edition.read_bytes() == written
    stamps = list((tmp_path / "cache").rglob("outputs/*/*.mac"))
    assert stamps
    for stamp in stamps:
        stamp.write_text("[" * 5000 + "]" * 5000, encoding="utf-8")  # a damaged stamp is a miss, not an error
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    assert edition.read_bytes() == written
