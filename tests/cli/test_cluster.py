"""`--scheduler`: an archive worked on by a Dask cluster writes exactly what a local run writes.

The cluster is a `dask scheduler` and two `dask worker`s started as separate processes on loopback (in a
folder of their own: they get the files' bytes, never the archive's paths), and a LocalCluster."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleanup.cli import main
from tests.conftest import ROOT
from tests.crashing import crashing_run

distributed = pytest.importorskip("distributed")


def _environment() -> dict[str, str]:
    """This checkout importable by the processes the tests start."""
    paths = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory):
    """The address of a scheduler with two single-threaded workers, each a process of its own."""
    folder = tmp_path_factory.mktemp("cluster")
    address_file = folder / "scheduler.json"
    dask = [sys.executable, "-m", "dask"]
    started = [
        subprocess.Popen(
            [*dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard"]
            + ["--scheduler-file", str(address_file)],
            cwd=folder,
            env=_environment(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    ]
    try:
        deadline = time.monotonic() + 60
        while not address_file.is_file() or not address_file.read_text():
            assert time.monotonic() < deadline, "the scheduler did not start"
            time.sleep(0.2)
        address = json.loads(address_file.read_text())["address"]
        for name in ("one", "two"):
            started.append(
                subprocess.Popen(
                    [*dask, "worker", address, "--nthreads", "1", "--no-dashboard", "--name", name],
                    cwd=folder,
                    env=_environment(),
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        with distributed.Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for process in reversed(started):
            process.terminate()
        for process in started:
            process.wait(timeout=30)


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(arguments: list[str], capsys) -> tuple[int, str, str]:
    """Exit code, standard output and standard error of one command."""
    code = main(arguments)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def with_a_broken_file(archive: Path) -> Path:
    (archive / "archive" / "2020" / "broken.txt").write_bytes(b"Daash \xff\n")
    (archive / "archive" / "2019" / "notes.md").write_text("# Daash\n\nThe Daash *cell*.\n", encoding="utf-8")
    return archive


def same_as_one_local_process(archive: Path, capsys, scheduler_address: str, *options: str) -> None:
    """fix and check on the cluster: the outputs, messages and exit codes of `--jobs 1`."""
    fix = ["fix", "-q", "--no-cache", *options, "archive"]
    local = run([*fix, "--jobs", "1"], capsys)
    written = outputs(archive / "corrected")
    for path in (archive / "corrected").rglob("*"):
        if path.is_file():
            path.unlink()
    assert run([*fix, "--scheduler", scheduler_address], capsys) == local
    assert outputs(archive / "corrected") == written
    check = ["check", "--no-cache", "--format", "json", *options, "archive"]
    assert run([*check, "--scheduler", scheduler_address], capsys) == run([*check, "--jobs", "1"], capsys)


def test_a_cluster_of_separate_processes_writes_what_one_process_writes(archive, capsys, scheduler):
    with_a_broken_file(archive)
    same_as_one_local_process(archive, capsys, scheduler, "--grammar", "none")
    code, _, err = run(["fix", "-q", "--no-cache", "--grammar", "none", "--scheduler", scheduler, "archive"], capsys)
    assert code == 2 and err.startswith("archive/2020/broken.txt:1:7: not valid UTF-8 at byte 6")
    assert err.count("\n") == 1  # the broken file fails alone
    assert (
        len(list((archive / "corrected").rglob("*.txt"))) == 12
        and (archive / "corrected" / "2019" / "notes.md").is_file()
    )


def test_the_grammar_checker_and_the_cache_work_with_a_cluster(archive, capsys, scheduler):
    check = ["check", "-q", "archive/2019"]
    local = run([*check, "--no-cache", "--jobs", "1"], capsys)
    assert local[0] == 1 and "GR00" in local[1]
    assert run([*check, "--scheduler", scheduler], capsys) == local  # Harper on the workers; fills the cache
    assert run([*check, "--scheduler", scheduler], capsys) == local  # from the cache


def test_a_local_cluster_of_worker_processes_writes_what_one_process_writes(archive, capsys):
    with_a_broken_file(archive)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        same_as_one_local_process(archive, capsys, cluster.scheduler_address, "--grammar", "none")


ARCHIVE_SIZE = 1200


def test_interrupting_a_run_stops_its_work_on_the_cluster(tmp_path, scheduler):
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "house.yaml").write_text(
        "terms:\n  - preferred: ISIS\n    variants: [Daash]\n", encoding="utf-8"
    )
    seed = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    (tmp_path / "archive").mkdir()
    # Enough work that the run is still going when it is interrupted, however fast one article gets.
    for number in range(ARCHIVE_SIZE):
        (tmp_path / "archive" / f"a{number:04}.txt").write_text(f"{seed * 4} ({number})\n", encoding="utf-8")
    command = [sys.executable, "-m", "cleanup", "fix", "-q", "--no-cache", "--grammar", "none"]
    running = subprocess.Popen(
        [*command, "--scheduler", scheduler, "archive"], cwd=tmp_path, env=_environment(), stderr=subprocess.PIPE
    )
    while not (tmp_path / "corrected" / "a0002.txt").is_file():
        assert running.poll() is None, running.stderr.read() if running.stderr else ""
        time.sleep(0.05)
    running.send_signal(signal.SIGINT)
    assert running.wait(timeout=60) == 130
    assert running.stderr and b"interrupted" in running.stderr.read()
    assert len(list((tmp_path / "corrected").glob("*.txt"))) < ARCHIVE_SIZE
    with distributed.Client(scheduler) as client:
        deadline = time.monotonic() + 30
        while client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks)):
            assert time.monotonic() < deadline, "the interrupted run's tasks are still on the cluster"
            time.sleep(0.2)


def test_without_dask_the_option_says_which_extra_to_install(archive, tmp_path):
    blocked = tmp_path / "no-dask"
    (blocked / "distributed").mkdir(parents=True)
    (blocked / "distributed" / "__init__.py").write_text("raise ImportError('not installed')\n", encoding="utf-8")
    environment = _environment()
    environment["PYTHONPATH"] = os.pathsep.join([str(blocked), environment["PYTHONPATH"]])
    done = subprocess.run(
        [sys.executable, "-m", "cleanup", "fix", "--grammar", "none", "--scheduler", "tcp://127.0.0.1:1", "archive"],
        cwd=archive,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr == (
        "cleanup: --scheduler needs Dask's distributed scheduler; install it: pip install 'translation-cleanup[dask]'\n"
    )
    assert not (archive / "corrected").exists()


def test_a_file_that_kills_its_dask_workers_fails_alone(tmp_path, monkeypatch):
    import dask

    from cleanup.cli.batch import results
    from cleanup.cli.step import Failed, Processed

    monkeypatch.setenv("PYTHONPATH", _environment()["PYTHONPATH"])  # where the workers import tests.crashing
    settings, tasks = crashing_run(tmp_path, {5})
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        with distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster:
            done = list(results(tasks, settings, scheduler=cluster.scheduler_address))
    assert [type(result) for result in done] == [Failed if n == 5 else Processed for n in range(12)]
    assert done[5] == Failed(
        f"{tmp_path / 'a05.txt'}: the Dask workers checking it died (out of memory, or a crash in a checker); "
        "nothing was written for this file"
    )
    assert [r.outcome.corrected for r in done if isinstance(r, Processed)] == [
        f"ISIS {n}\n" for n in range(12) if n != 5
    ]


def test_a_scheduler_address_without_a_port_is_refused_in_one_line(archive, capsys):
    assert main(["fix", "--grammar", "none", "--scheduler", "tcp://localhost", "archive"]) == 2
    assert capsys.readouterr().err == (
        "cleanup: --scheduler tcp://localhost: missing port number in address 'localhost'; "
        "give an address such as tcp://HOST:8786\n"
    )
