"""How outputs are written: one document at a time, with the permissions users expect (streamed JSON: tests/outputs/test_jsonstream.py)."""

import gc
import os
import stat
from pathlib import Path

import pytest

from cleanup.cli import main


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_outputs_get_the_usual_permissions(archive, umask_022):
    assert main(["fix", "-q", "--grammar", "none", "archive"]) == 0
    written = [p for p in (archive / "corrected").rglob("*") if p.is_file()]
    assert len(written) == 12 * 5
    assert {mode(p) for p in written} == {0o644}  # as any new file under umask 022, not a private 0600


def test_in_place_keeps_the_original_files_permissions(archive, umask_022):
    article = archive / "archive" / "2020" / "article-00.txt"
    article.chmod(0o640)
    before = article.read_text(encoding="utf-8")
    assert main(["fix", "-q", "--grammar", "none", "--in-place", str(article)]) == 0
    assert article.read_text(encoding="utf-8") != before and mode(article) == 0o640


def test_each_document_is_written_before_the_next_is_processed(archive, monkeypatch):
    """Outputs are not held back until the whole archive is done, so memory does not grow with it."""
    import cleanup.cli.step as cli

    written_before = []
    real = cli.process

    def recording(document, *args, **kwargs):
        written_before.append(len(list((archive / "corrected").rglob("*.txt"))))
        return real(document, *args, **kwargs)

    monkeypatch.setattr(cli, "process", recording)
    assert main(["fix", "-q", "--grammar", "none", "--no-cache", "--jobs", "1", "archive"]) == 0
    assert written_before == list(range(12))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_run_leaves_no_garbage_that_grows_with_the_archive(archive, jobs):
    """The CLI pauses the cycle collector, so any reference cycle made per document would never be
    freed: the unreachable garbage of twelve documents must be that of one (in this process, and beside
    worker processes)."""

    def garbage_after(paths: list[str]) -> int:
        gc.collect()
        gc.disable()
        try:
            assert main(["fix", "-q", "--no-cache", "--jobs", jobs, *paths]) == 0
            return gc.collect()
        finally:
            gc.enable()

    one_article = "archive/2020/article-00.txt"
    garbage_after(
        ["archive"]
    )  # the first run imports and builds what the process keeps (Harper's linter, the pool's modules)
    one = garbage_after([one_article])
    assert garbage_after(["archive"]) == one
