"""`fix --in-place` keeps every run's record, and `cleanup undo` walks the runs back to the original."""

import fcntl
import json
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.cli import main
from cleanup.cli.history import read_runs

GLOSSARY = "terms:\n  - preferred: ISIS\n    variants: [Daash]\n  - preferred: Daesh-free\n    variants: [ISIS-free]\n"


@pytest.fixture
def project(make_project):
    return make_project(GLOSSARY)


def fix_in_place() -> int:
    return main(["fix", "-q", "--grammar", "none", "--no-cache", "--in-place"])


def test_a_second_run_that_changes_nothing_keeps_the_record_and_undo_restores_the_original(project, capsys):
    article = project / "seeds" / "a.txt"
    original = b"The Daash cell , left.\r\n"
    article.write_bytes(original)
    assert fix_in_place() == 0
    record = (project / "corrected" / "a.txt.diff").read_bytes()
    assert fix_in_place() == 0
    assert (project / "corrected" / "a.txt.diff").read_bytes() == record  # not emptied by the run that changed nothing
    assert json.loads((project / "corrected" / "a.txt.changes.json").read_text(encoding="utf-8"))["changes"]
    assert main(["undo"]) == 0
    assert article.read_bytes() == original
    assert not (project / "corrected" / "a.txt.diff").exists()  # no record of a run that no longer stands
    assert main(["undo"]) == 2
    assert (
        "seeds/a.txt: no in-place run is recorded in corrected/.history/a.txt; nothing to undo"
        in capsys.readouterr().err
    )


def test_undo_refuses_an_article_edited_since_the_run(project, capsys):
    article = project / "seeds" / "a.txt"
    article.write_bytes(b"The Daash cell.\n")
    assert fix_in_place() == 0
    article.write_bytes(article.read_bytes() + b"An editor's line.\n")
    assert main(["undo"]) == 2
    assert "seeds/a.txt: edited since the in-place run of" in capsys.readouterr().err
    assert article.read_bytes() == b"The ISIS cell.\nAn editor's line.\n"


def test_a_planted_history_cannot_make_undo_touch_another_file(project, capsys):
    article = project / "seeds" / "a.txt"
    article.write_bytes(b"The Daash cell.\n")
    assert fix_in_place() == 0
    listing = project / "corrected" / ".history" / "a.txt" / "history.json"
    runs = json.loads(listing.read_text(encoding="utf-8"))
    runs[-1]["before"] = "../../../glossary/house.yaml"
    listing.write_text(json.dumps(runs), encoding="utf-8")
    assert main(["undo"]) == 2
    assert "history.json: damaged (not a list of runs)" in capsys.readouterr().err
    assert article.read_bytes() == b"The ISIS cell.\n"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    words=st.lists(
        st.sampled_from(["Daash", "ISIS-free", "cell", " ,", "\r\n", "\n", "é", "😀"]), min_size=1, max_size=12
    ),
    steps=st.lists(st.sampled_from(["fix", "undo"]), max_size=6),
)
def test_any_sequence_of_in_place_runs_and_undos_leads_back_to_the_original(project, words, steps):
    article = project / "seeds" / "a.txt"
    original = " ".join(words).encode("utf-8")
    article.write_bytes(original)
    for step in steps:
        assert (fix_in_place() if step == "fix" else main(["undo"])) in (0, 2)
    while main(["undo"]) == 0:
        pass
    assert article.read_bytes() == original
    for leftover in (project / "corrected").rglob("*"):
        leftover.unlink() if leftover.is_file() else None


def damage(project, how: str) -> None:
    """Damage the history list of seeds/a.txt one way or another."""
    listing = project / "corrected" / ".history" / "a.txt" / "history.json"
    if how == "a bad byte":
        listing.write_bytes(listing.read_bytes().replace(b"[", b"[\xff", 1))
    elif how == "nested 5,000 deep":
        listing.write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    elif how == "a FIFO":
        listing.unlink()
        os.mkfifo(listing)


@pytest.mark.parametrize("how", ["a bad byte", "nested 5,000 deep", "a FIFO"])
def test_a_damaged_history_is_refused_never_replaced(project, capsys, how):
    article = project / "seeds" / "a.txt"
    article.write_bytes(b"The Daash cell.\n")
    assert fix_in_place() == 0
    listing = project / "corrected" / ".history" / "a.txt" / "history.json"
    damage(project, how)
    kept = None if how == "a FIFO" else listing.read_bytes()
    assert main(["undo"]) == 2  # a FIFO is never opened: undo answers at once
    assert "history.json: damaged (" in capsys.readouterr().err
    article.write_bytes(b"The Daash cell again.\n")
    (project / "seeds" / "b.txt").write_bytes(b"Daash left.\n")
    assert fix_in_place() == 2  # that article fails alone; the other is still done
    error = capsys.readouterr().err
    assert "corrected/.history/a.txt/history.json: damaged (" in error and "move the list aside" in error
    assert article.read_bytes() == b"The Daash cell again.\n"  # not rewritten without a record
    assert (project / "seeds" / "b.txt").read_bytes() == b"ISIS left.\n"
    if kept is not None:
        assert listing.read_bytes() == kept  # never silently replaced


def test_undo_refuses_when_a_saved_copy_is_gone(project, capsys):
    article = project / "seeds" / "a.txt"
    article.write_bytes(b"The Daash cell.\n")
    assert fix_in_place() == 0
    for saved in (project / "corrected" / ".history" / "a.txt").glob("*.before"):
        saved.unlink()
    assert main(["undo"]) == 2
    assert "the saved copy is missing; nothing was undone" in capsys.readouterr().err
    assert article.read_bytes() == b"The ISIS cell.\n"


def test_an_unwritable_output_fails_that_article_alone(project, capsys):
    (project / "seeds" / "a.txt").write_bytes(b"The Daash cell.\n")
    (project / "seeds" / "b.txt").write_bytes(b"Daash left.\n")
    (project / "corrected" / "a.txt.diff").mkdir(parents=True)  # a folder where an output should go
    for jobs in ("1", "2"):
        assert main(["fix", "-q", "--grammar", "none", "--no-cache", "--jobs", jobs]) == 2
        assert "corrected/a.txt.diff: cannot write" in capsys.readouterr().err
        assert (project / "corrected" / "b.txt").read_bytes() == b"ISIS left.\n"
        assert not (project / "corrected" / "a.txt").exists()
        (project / "corrected" / "b.txt").unlink()


def test_an_article_saved_by_an_editor_during_the_run_is_never_overwritten(project, capsys, monkeypatch):
    """A writer appends a line while `fix --in-place` works: the run refuses that article, the line stays."""
    from cleanup.cli import step

    article = project / "seeds" / "a.txt"
    article.write_bytes(b"The Daash cell.\n")
    real = step.process

    def editor_saves_meanwhile(*args, **kwargs):
        outcome = real(*args, **kwargs)
        with article.open("ab") as file:
            file.write(b"An editor's new line.\n")
        return outcome

    monkeypatch.setattr(step, "process", editor_saves_meanwhile)
    assert fix_in_place() == 2
    assert (
        "seeds/a.txt: changed on disk while cleanup worked on it; nothing was written for it" in capsys.readouterr().err
    )
    assert article.read_bytes() == b"The Daash cell.\nAn editor's new line.\n"
    assert not list((project / "corrected" / ".history" / "a.txt").glob("*.before"))  # no record of a run not made
    monkeypatch.setattr(step, "process", real)
    assert fix_in_place() == 0  # the next run takes the editor's line in
    assert article.read_bytes() == b"The ISIS cell.\nAn editor's new line.\n"
    assert main(["undo"]) == 0
    assert article.read_bytes() == b"The Daash cell.\nAn editor's new line.\n"


def test_undo_list_shows_the_runs_and_with_a_damaged_list_the_saved_copies(project, capsys):
    article = project / "seeds" / "a.txt"
    article.write_bytes(b"The Daash cell.\n")
    assert fix_in_place() == 0
    capsys.readouterr()
    assert main(["undo", "--list"]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith("seeds/a.txt:\n  ") and "saved copy" in shown and "(missing)" not in shown
    damage(project, "a bad byte")
    assert main(["undo", "--list"]) == 0
    shown = capsys.readouterr().out
    assert "history.json: damaged (" in shown and ".before: sha256 " in shown
    assert article.read_bytes() == b"The ISIS cell.\n"  # listing undoes nothing


def in_place_process() -> subprocess.Popen:
    """`cleanup fix --in-place` over the project in a process of its own."""
    command = [sys.executable, "-m", "cleanup", "fix", "-q", "--grammar", "none", "--no-cache", "--in-place"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_an_in_place_run_in_another_process_waits_for_the_articles_history_lock(project):
    """While another process holds an article's history, an in-place run neither writes nor records it."""
    article = project / "seeds" / "a.txt"
    article.write_bytes(b"The Daash cell.\n")
    folder = project / "corrected" / ".history" / "a.txt"
    folder.mkdir(parents=True)
    with open(folder / ".lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        run = in_place_process()
        with pytest.raises(subprocess.TimeoutExpired):
            run.wait(timeout=4)  # ample for a one-line article: it is waiting
        assert article.read_bytes() == b"The Daash cell.\n" and not list(folder.glob("*.before"))
        fcntl.flock(lock, fcntl.LOCK_UN)
    assert run.wait(timeout=60) == 0, run.stderr.read() if run.stderr else ""
    assert article.read_bytes() == b"The ISIS cell.\n"
    assert len(list(folder.glob("*.before"))) == 1


def test_two_in_place_runs_at_once_leave_one_record_and_lose_nothing(project):
    """Run together, one run changes the article and the other finds it done or changed under it: one
    record, and undo brings back the original byte for byte."""
    article = project / "seeds" / "a.txt"
    original = b"The Daash cell.\n" * 2000
    for _ in range(3):
        article.write_bytes(original)
        first, second = in_place_process(), in_place_process()
        codes = {first.wait(timeout=120), second.wait(timeout=120)}
        assert codes <= {0, 2}
        assert article.read_bytes() == original.replace(b"Daash", b"ISIS")
        assert len(read_runs(project / "corrected" / ".history" / "a.txt")) == 1
        assert main(["undo"]) == 0
        assert article.read_bytes() == original
