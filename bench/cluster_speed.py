"""Throughput of `cleanup fix` over many small articles: local worker processes beside a Dask cluster.

Run: python bench/cluster_speed.py [--articles 10000] [--words 150]
Writes `--articles` distinct articles of about `--words` words (the seed's paragraphs, numbered), then times
`cleanup fix FOLDER --grammar none --no-cache -q` with `--jobs 2`, and with `--scheduler` on a
`dask scheduler` with one, then two single-threaded `dask worker`s, each a process of its own on loopback
(started and stopped here). Prints seconds, articles per second and words per second of each, and checks
that every run wrote the same files.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from archive_memory import write_articles

ROOT = Path(__file__).resolve().parent.parent


def environment() -> dict[str, str]:
    """This checkout importable by the commands and the cluster's processes."""
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


def timed_fix(folder: Path, out: Path, where: list[str]) -> float:
    command = [sys.executable, "-m", "cleanup", "fix", str(folder), "--out", str(out), *where]
    start = time.perf_counter()
    subprocess.run([*command, "--grammar", "none", "--no-cache", "-q"], check=True, cwd=ROOT, env=environment())
    return time.perf_counter() - start


class DaskCluster:
    """A `dask scheduler` and `workers` single-threaded `dask worker`s, each a process, on loopback."""

    def __init__(self, folder: Path, workers: int) -> None:
        folder.mkdir()
        address_file = folder / "scheduler.json"
        dask = [sys.executable, "-m", "dask"]
        quiet = {"cwd": folder, "env": environment(), "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        scheduler = [*dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard"]
        self.processes = [subprocess.Popen([*scheduler, "--scheduler-file", str(address_file)], **quiet)]
        while not address_file.is_file() or not address_file.read_text():
            time.sleep(0.2)
        self.address = json.loads(address_file.read_text())["address"]
        for number in range(workers):
            worker = [*dask, "worker", self.address, "--nthreads", "1", "--no-dashboard", "--name", f"w{number}"]
            self.processes.append(subprocess.Popen(worker, **quiet))
        from distributed import Client

        with Client(self.address, timeout="30s") as client:
            client.wait_for_workers(workers, timeout=120)

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            process.wait(timeout=60)


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by its path there, its own folder's name left out of the records."""
    name = folder.name.encode()
    return {
        p.relative_to(folder).as_posix(): p.read_bytes().replace(name + b"/", b"OUT/")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=150, help="words per article")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"{args.articles:,} articles of ~{args.words} words, cleanup fix --grammar none --no-cache -q\n")
    print("| run | seconds | articles/s | words/s |")
    print("| --- | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work, "archive")
        write_articles(folder, args.articles, args.words)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in folder.iterdir())
        written = []

        def report(label: str, seconds: float, out: Path) -> None:
            written.append(files_of(out))
            print(f"| {label} | {seconds:.1f} | {args.articles / seconds:,.0f} | {words / seconds:,.0f} |", flush=True)

        out = Path(work, "local")
        report("`--jobs 2`", timed_fix(folder, out, ["--jobs", "2"]), out)
        for workers in (1, 2):
            cluster = DaskCluster(Path(work, f"cluster{workers}"), workers)
            try:
                out = Path(work, f"dask{workers}")
                seconds = timed_fix(folder, out, ["--scheduler", cluster.address])
            finally:
                cluster.stop()
            report(f"`--scheduler`, {workers} worker{'s' if workers > 1 else ''}", seconds, out)
    print("\nsame files from every run:", all(files == written[0] for files in written))


if __name__ == "__main__":
    main()
