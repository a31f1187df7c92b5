"""Harper in a worker process the server replaces: the flags are those of Harper in process, a worker is
replaced after its lints (by a successor that takes over once warmed up), and a killed worker is replaced and asked again."""

import pytest

from cleanup.checkers.harper import HarperChecker
from cleanup.house import house_glossary
from cleanup.lsp.harperworker import HarperLints, RecycledHarper
from tests.conftest import ROOT, SEED

GLOSSARY = house_glossary([(str(p), p.read_text(encoding="utf-8")) for p in sorted((ROOT / "glossary").glob("*.yaml"))])
HARPER = HarperChecker(GLOSSARY.spelling_words)
TEXT = SEED.read_text(encoding="utf-8")
PARAGRAPHS = [paragraph for paragraph in TEXT.split("\n\n") if paragraph.strip()]


@pytest.fixture
def recycled():
    harper = RecycledHarper(HARPER, lints=4)
    yield harper
    harper.close()


def test_a_worker_is_replaced_after_its_lints_and_the_flags_stay_those_of_harper_in_process(recycled):
    in_process = HarperLints(HARPER)
    dialect = in_process.variety(TEXT)
    assert recycled.variety(TEXT) == dialect
    first = recycled.current
    for paragraph in PARAGRAPHS[:5]:
        assert recycled.lint(dialect, paragraph, False) == in_process.lint(dialect, paragraph, False)
    assert recycled.successor is not None  # started at the fifth lint; the first worker still answers
    assert recycled.current is first
    recycled.successor.wait_ready()
    for paragraph in PARAGRAPHS[5:12]:
        assert recycled.lint(dialect, paragraph, True) == in_process.lint(dialect, paragraph, True)
    assert recycled.replaced >= 1
    assert recycled.current is not first
    first.process.join(timeout=10)
    assert first.process.exitcode == 0  # the old worker exits, its pipe closed
    assert recycled.check(TEXT, [(0, len(PARAGRAPHS[0]))], False) == in_process.lint(dialect, PARAGRAPHS[0], False)


def test_a_killed_worker_is_replaced_and_asked_again(recycled):
    in_process = HarperLints(HARPER)
    dialect = in_process.variety(TEXT)
    assert recycled.lint(dialect, PARAGRAPHS[4], False) == in_process.lint(dialect, PARAGRAPHS[4], False)
    killed = recycled.current
    killed.process.kill()
    killed.process.join()
    assert recycled.lint(dialect, PARAGRAPHS[5], False) == in_process.lint(dialect, PARAGRAPHS[5], False)
    assert recycled.current is not killed
    words = ["village", "Qasad", "xqzvw"]
    assert recycled.dictionary_words(words) == in_process.dictionary_words(words)
