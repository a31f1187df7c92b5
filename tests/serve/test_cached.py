"""The queue's rows read from the cache in the server's own process are the rows processing makes; an
article edited since is left to the workers, and so are outputs edited by hand."""

from cleanup.cli import main
from cleanup.decisions import DecisionFile, decisions_yaml
from cleanup.model import Decision
from cleanup.serve.background import refreshed
from cleanup.serve.cached import cached_row, edition_current
from cleanup.serve.command import fix_argv
from cleanup.serve.project import Project
from tests.serve.served import make_project, serve_arguments

TEXT = "The Daash fighters ,and Rasul spoke.\n"
REJECTED = Decision("GL:ISIS", "Daash", "ISIS", "The ", " fighters", "reject", by="Alice", at="2026-12-05T12:00:00Z")
GONE = Decision("GL:ISIS", "Daesh", "ISIS", "x", "y", "accept", by="Bo", at="2026-12-05T13:00:00Z")


def test_a_row_from_the_cache_is_the_row_processing_makes(tmp_path, monkeypatch):
    folder = make_project(tmp_path / "project")
    (folder / "seeds" / "short.txt").write_text(TEXT, encoding="utf-8")
    (folder / "corrected").mkdir()
    decided = DecisionFile("seeds/short.txt", None, [REJECTED, GONE], ("Mohammad Reza",))
    (folder / "corrected" / "short.txt.decisions.yaml").write_text(decisions_yaml(decided), encoding="utf-8")
    monkeypatch.chdir(folder)
    assert main(["fix", "-q"]) == 0  # the cache then holds every outcome
    project = Project(fix_argv(serve_arguments()))
    processed = Project([*fix_argv(serve_arguments()), "--no-cache"])
    for name, article in project.articles.items():
        found = cached_row(project, article)
        assert found is not None and edition_current(project, article, found)
        row, stale = refreshed(processed, processed.articles[name])
        assert (found.row.plain(), found.stale) == (row, stale)
    short = project.articles["short.txt"]
    found = cached_row(project, short)
    assert found is not None
    assert (found.row.rejected, found.row.stale, found.row.last_by) == (1, 1, "Bo")
    (folder / "corrected" / "short.txt.html").write_text("edited by hand", encoding="utf-8")
    assert not edition_current(project, short, found)
    (folder / "seeds" / "short.txt").write_text(TEXT + "More.\n", encoding="utf-8")
    assert cached_row(project, short) is None
