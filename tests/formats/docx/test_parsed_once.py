"""A Word file is parsed once a run: the package its reader parsed travels with the document to the writer,
which writes from it what it would write from the bytes parsed again; an outcome that crossed a process
boundary (pickled) comes without it, and the writer parses the bytes again."""

import pickle
from datetime import UTC, datetime

import pytest

from cleanup.cli import main
from cleanup.formats import docx
from cleanup.formats.docx import text as docx_text
from cleanup.house import load_glossary
from cleanup.pipeline import Settings, process
from tests.conftest import SEED, TWO_ENTRIES
from tests.wordfiles import seed_docx

WHEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


@pytest.fixture
def parses(monkeypatch) -> list[int]:
    """Each Word package opened from now on, counted."""
    opened: list[int] = []
    real = docx_text.open_package

    def counted(data: bytes):
        opened.append(len(data))
        return real(data)

    monkeypatch.setattr(docx_text, "open_package", counted)
    return opened


def test_fix_parses_a_word_file_once_also_from_the_cache(make_project, parses):
    project = make_project(TWO_ENTRIES, {"seeds/seed.docx": seed_docx(SEED.read_text(encoding="utf-8"))})
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    assert len(parses) == 1  # read, then written from what was read
    (project / "corrected" / "seed.docx").unlink()
    assert main(["fix", "-q", "--grammar", "none"]) == 0  # from the cache: the article is read, then written
    assert len(parses) == 2 and (project / "corrected" / "seed.docx").is_file()


def _outcome(data: bytes):
    glossary = load_glossary([("house.yaml", TWO_ENTRIES)])
    return process(docx.read(data, None).document, Settings(glossary))


def test_the_package_read_writes_what_the_bytes_parsed_again_write(parses):
    data = seed_docx(SEED.read_text(encoding="utf-8"))
    for mode in ("review", "clean"):
        outcome = _outcome(data)
        assert outcome.changes
        from_reading = docx.write_docx(data, outcome, mode, when=WHEN)
        again = docx.write_docx(data, outcome, mode, when=WHEN)  # the reading is taken: parsed again
        assert from_reading == again
    assert len(parses) == 4  # each reading once, and each second write again


def test_a_pickled_outcome_comes_without_the_package_and_its_writer_parses_again(parses):
    data = seed_docx(SEED.read_text(encoding="utf-8"))
    outcome = pickle.loads(pickle.dumps(_outcome(data)))
    assert docx.write_docx(data, outcome, when=WHEN) == docx.write_docx(data, _outcome(data), when=WHEN)
    assert len(parses) == 3  # two readings, and the pickled outcome's write


def test_other_bytes_than_those_read_are_parsed_and_refused_when_their_text_differs(parses):
    data = seed_docx(SEED.read_text(encoding="utf-8"))
    other = seed_docx(SEED.read_text(encoding="utf-8").replace("the", "a", 1))
    with pytest.raises(docx.DocxError, match="has changed since it was read"):
        docx.write_docx(other, _outcome(data))
