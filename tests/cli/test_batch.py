"""Folders in worker processes: the same outputs in the same order as one process; failures isolated."""

import os
import pickle
from pathlib import Path

import pytest

from cleanup.cli import main
from cleanup.house import load_glossary
from cleanup.model import Document
from cleanup.pipeline import ALL_RULES, Settings, process
from tests.conftest import ROOT
from tests.crashing import crashing_run

SEED = ROOT / "seeds" / "000_34c7e98329047369.txt"


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_workers_write_exactly_what_one_process_writes(archive, capsys):
    assert main(["fix", "-q", "--grammar", "none", "--jobs", "1", "archive", "--out", "one"]) == 0
    assert main(["fix", "-q", "--grammar", "none", "--jobs", "2", "archive", "--out", "two"]) == 0
    one, two = files_of(archive / "one"), files_of(archive / "two")
    assert len(one) == 12 * 5 and one.keys() == two.keys()
    for name in one:
        expected = one[name] if name.endswith(".txt") else one[name].replace(b"one/", b"two/")
        assert two[name] == expected, name
    capsys.readouterr()
    assert main(["check", "--grammar", "none", "--jobs", "1", "archive"]) == 1
    single = capsys.readouterr().out
    assert main(["check", "--grammar", "none", "--jobs", "2", "archive"]) == 1
    assert capsys.readouterr().out == single and single.count("\n") > 12


def test_grammar_runs_in_workers_too(archive, capsys):
    assert main(["check", "-q", "--jobs", "2", "archive/2019"]) == 1
    parallel = capsys.readouterr().out
    assert main(["check", "-q", "--jobs", "1", "archive/2019"]) == 1
    assert capsys.readouterr().out == parallel and "GR00" in parallel


def test_one_failing_file_never_stops_the_others(archive, capsys):
    (archive / "archive" / "2020" / "broken.txt").write_bytes(b"Daash \xff\n")
    assert main(["fix", "-q", "--grammar", "none", "--jobs", "2", "archive"]) == 2
    assert capsys.readouterr().err.startswith("archive/2020/broken.txt:1:7: not valid UTF-8 at byte 6")
    assert len([p for p in (archive / "corrected").rglob("*.txt")]) == 12


def test_worker_processes_hold_a_few_outcomes_at_a_time_however_many_files(archive, monkeypatch):
    """A folder run keeps nothing per article once it is written: the outcomes alive in the parent while
    an article is written are those in flight (a few per worker), not one per article done."""
    import gc

    import cleanup.cli.write as write
    from cleanup.cli.workers import IN_FLIGHT_PER_WORKER
    from cleanup.model import Outcome

    for number in range(12, 60):
        (archive / "archive" / "2021").mkdir(exist_ok=True)
        (archive / "archive" / "2021" / f"article-{number}.txt").write_text(f"Daash {number}.\n", encoding="utf-8")
    alive = []
    real = write.write_atomically

    def counting(files):
        alive.append(sum(isinstance(thing, Outcome) for thing in gc.get_objects()))
        return real(files)

    monkeypatch.setattr(write, "write_atomically", counting)
    assert main(["fix", "-q", "--grammar", "none", "--no-cache", "--jobs", "2", "archive"]) == 0
    assert len(alive) == 60 and max(alive) <= 2 * IN_FLIGHT_PER_WORKER + 1


def test_jobs_must_be_a_positive_number(archive, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["fix", "--jobs", "0"])
    assert exit_.value.code == 2 and "--jobs: expected a whole number of at least 1, not '0'" in capsys.readouterr().err


def test_the_per_document_step_is_a_pure_picklable_function():
    glossary = load_glossary([("g.yaml", (ROOT / "glossary" / "house.yaml").read_text(encoding="utf-8"))])
    settings = Settings(glossary, ALL_RULES)
    document = Document(SEED.read_text(encoding="utf-8"))
    copy = pickle.loads(pickle.dumps(settings))
    outcome = process(document, settings)
    assert pickle.loads(pickle.dumps(outcome)) == outcome == process(document, copy)


def test_a_second_run_over_an_unchanged_folder_does_no_work(archive, monkeypatch):
    import cleanup.cli.step as cli

    calls = []
    real = cli.process

    def counting(*args, **kwargs):
        calls.append(args[0].text[:20])
        return real(*args, **kwargs)

    monkeypatch.setattr(cli, "process", counting)
    assert main(["fix", "-q", "--grammar", "none", "--jobs", "1", "archive"]) == 0
    assert len(calls) == 12
    written = {p: p.stat().st_mtime_ns for p in (archive / "corrected").rglob("*") if p.is_file()}
    calls.clear()
    assert main(["fix", "-q", "--grammar", "none", "--jobs", "1", "archive"]) == 0
    assert calls == []  # every outcome came from the cache
    assert {p: p.stat().st_mtime_ns for p in (archive / "corrected").rglob("*") if p.is_file()} == written  # no writes
    (archive / "glossary" / "extra.yaml").write_text(
        "terms:\n  - preferred: Defence\n    variants: [Defense]\n", encoding="utf-8"
    )
    assert main(["fix", "-q", "--grammar", "none", "--jobs", "1", "archive"]) == 0
    assert len(calls) == 12  # a glossary edit re-processes every file (documented)
    calls.clear()
    (archive / "archive" / "2019" / "article-01.txt").write_text("Daash left.\n", encoding="utf-8")
    assert main(["fix", "-q", "--grammar", "none", "--jobs", "1", "archive"]) == 0
    assert calls == ["Daash left.\n"]  # only the edited article
    assert main(["fix", "-q", "--grammar", "none", "--jobs", "1", "--no-cache", "archive"]) == 0
    assert len(calls) == 13


def test_include_and_exclude_globs_from_configuration(archive, capsys):
    (archive / "cleanup.toml").write_text('exclude = ["2019/*"]\n', encoding="utf-8")
    assert main(["fix", "-q", "--grammar", "none", "archive"]) == 0
    assert sorted(p.parent.name for p in (archive / "corrected").rglob("*.txt")) == ["2020"] * 6
    (archive / "cleanup.toml").write_text('include = ["**/article-0[0-3].txt"]\n', encoding="utf-8")
    assert main(["check", "-q", "--grammar", "none", "--no-cache", "archive"]) == 1
    assert {line.split(":")[0] for line in capsys.readouterr().out.splitlines()} == {
        f"archive/{year}/article-0{n}.txt" for year, n in (("2020", 0), ("2019", 1), ("2020", 2), ("2019", 3))
    }


def test_a_file_whose_fixes_never_settle_fails_alone_and_is_listed_at_the_end(archive, capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    (archive / "glossary" / "flip.yaml").write_text(
        "rules:\n"
        "  - {id: HS001, reason: one way, pattern: colour, replacement: color}\n"
        "  - {id: HS002, reason: the other way, pattern: color, replacement: colour}\n",
        encoding="utf-8",
    )
    (archive / "archive" / "2020" / "flip.txt").write_text("The colour of Daash.\n", encoding="utf-8")
    assert main(["fix", "--grammar", "none", "--jobs", "2", "archive"]) == 2
    captured = capsys.readouterr()
    assert "archive/2020/flip.txt: fixes did not settle after 10 passes" in captured.err
    assert (
        len(list((archive / "corrected").rglob("*.txt"))) == 12
        and not (archive / "corrected" / "2020" / "flip.txt").exists()
    )
    summary = captured.out[captured.out.index("Files that failed") :]
    assert "archive/2020/flip.txt" in summary and "fixes did not settle" in summary


def test_a_bug_met_in_one_file_is_reported_for_it_and_the_others_are_written(archive, capsys, monkeypatch):
    import cleanup.cli.step as cli

    real = cli.process

    def failing_on_one(document, *args, **kwargs):
        if document.text.startswith("Daash then"):
            raise ValueError("something unexpected")
        return real(document, *args, **kwargs)

    monkeypatch.setattr(cli, "process", failing_on_one)
    (archive / "archive" / "2020" / "odd.txt").write_text("Daash then.\n", encoding="utf-8")
    assert main(["fix", "-q", "--grammar", "none", "--jobs", "1", "archive"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("archive/2020/odd.txt: internal error: ValueError: something unexpected (please report it;")
    assert len(list((archive / "corrected").rglob("*.txt"))) == 12


def test_a_progress_bar_is_shown_when_standard_error_is_a_terminal(archive):
    import pty
    import subprocess
    import sys

    main_side, terminal_side = pty.openpty()
    done = subprocess.run(
        [sys.executable, "-m", "cleanup", "fix", "--grammar", "none", "--no-cache", "--jobs", "1", "archive"],
        stdout=subprocess.PIPE,
        stderr=terminal_side,
        cwd=archive,
        env={**os.environ, "COLUMNS": "120"},
    )
    os.close(terminal_side)
    shown = b""
    while True:
        try:
            chunk = os.read(main_side, 65536)
        except OSError:  # the terminal's other side is closed: everything has been read
            break
        if not chunk:
            break
        shown += chunk
    os.close(main_side)
    assert done.returncode == 0
    assert b"11/12 files" in shown and b"words/s" in shown and b"left" in shown
    assert shown.endswith(b"\r\x1b[2K")  # cleared at the end: nothing of it stays on the terminal
    piped = subprocess.run(
        [sys.executable, "-m", "cleanup", "fix", "--grammar", "none", "--no-cache", "archive"],
        capture_output=True,
        cwd=archive,
    )
    assert piped.returncode == 0 and b"words/s" not in piped.stderr


def test_a_cached_run_writes_nothing_yet_restores_an_output_someone_removed_or_edited(archive, monkeypatch):
    import cleanup.cli.write as write

    written = []
    real = write.write_atomically

    def counting(files):  # the outputs are generated only as they are written, here; the edition comes last
        written.append(list(files)[-1].name)
        return real(files)

    monkeypatch.setattr(write, "write_atomically", counting)
    assert main(["fix", "-q", "--grammar", "none", "archive"]) == 0
    assert len(written) == 12
    before = files_of(archive / "corrected")
    written.clear()
    assert main(["fix", "-q", "--grammar", "none", "archive"]) == 0
    assert written == []  # nothing regenerated, not even to compare
    (archive / "corrected" / "2019" / "article-03.txt.html").unlink()
    (archive / "corrected" / "2020" / "article-04.txt").write_text("edited by hand\n", encoding="utf-8")
    assert main(["fix", "-q", "--grammar", "none", "archive"]) == 0
    assert sorted(written) == ["article-03.txt", "article-04.txt"]
    assert files_of(archive / "corrected") == before


def test_a_worker_that_dies_costs_only_its_file(tmp_path):
    from cleanup.cli.batch import Failed, Processed, results

    settings, tasks = crashing_run(tmp_path, {3, 9})
    done = list(results(tasks, settings, jobs=2))
    assert [type(result) for result in done] == [Failed if n in (3, 9) else Processed for n in range(12)]
    assert done[3] == Failed(
        f"{tmp_path / 'a03.txt'}: the process checking it died twice (out of memory, or a crash in a checker); nothing was written for this file"
    )
    assert [r.outcome.corrected for r in done if isinstance(r, Processed)] == [
        f"ISIS {n}\n" for n in range(12) if n not in (3, 9)
    ]
