"""`cleanup serve`'s queue on an archive whose outcomes are in the cache: how soon every row is filled.

Run: python bench/serve_queue.py [--articles 1000] [--runs 3] [--edited 0]
Builds an archive of `--articles` twelve-line slices of the seed, runs `cleanup fix` once (the cache holds
every outcome, as on an archive in daily use), edits `--edited` of them (processed anew in the
background), then starts `cleanup serve` `--runs` times and times, from the start of the command: the
server answering, the queue page and its rows answered, every row filled (none "processing"), and the
background idle. After the last run's start it adds one article to the folder and times until the queue
lists it and until its row is filled. Prints each run and the medians.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from serve_load import Server, build

MEASURES = ("answering", "opened", "filled", "idle")


def filled(server: Server, names: set[str] | None = None) -> bool:
    """Whether every row (of `names`, else all) is listed and no longer processing."""
    rows = {row["name"]: row["status"] for row in server.client.get("/api/queue").json()["rows"]}
    wanted = rows.keys() if names is None else names
    return all(rows.get(name, "processing") != "processing" for name in wanted)


def listed(server: Server, name: str) -> bool:
    return any(row["name"] == name for row in server.client.get("/api/queue").json()["rows"])


def until(check, limit: float = 600) -> float:
    """Seconds from now until `check()` holds (asked every 0.1 s, as the page asks every 1 s); infinity when it
    does not within `limit`."""
    start = time.perf_counter()
    while not check():
        if time.perf_counter() - start > limit:
            return float("inf")
        time.sleep(0.1)
    return time.perf_counter() - start


def one_run(folder: Path) -> dict[str, float]:
    """Seconds from the command's start to each of MEASURES."""
    server = Server(folder)
    try:
        found = {"answering": time.perf_counter() - server.started}
        page, rows = server.client.get("/"), server.client.get("/api/queue")
        assert page.status_code == rows.status_code == 200
        found["opened"] = time.perf_counter() - server.started
        until(lambda: filled(server))
        found["filled"] = time.perf_counter() - server.started
        until(lambda: not server.progress()["waiting"])
        found["idle"] = time.perf_counter() - server.started
    finally:
        stop(server)
    return found


def stop(server: Server) -> None:
    """Stop the server and wait for its worker processes to end (a worker still starting would take the
    next run's processor time: uvicorn ends the server on SIGTERM before it stops them)."""
    workers = descendants(server.process.pid)
    server.stop()
    until(lambda: not any(Path(f"/proc/{pid}").exists() for pid in workers), limit=120)


def descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            children = [int(child) for child in (task / "children").read_text().split()]
            found += children
            todo += children
    return found


def added_article(folder: Path) -> tuple[float, float]:
    """Seconds from an article added to a served folder until the queue lists it, and until its row is filled."""
    server = Server(folder)
    try:
        until(lambda: not server.progress()["waiting"])
        article = folder / "seeds" / "added-later.txt"
        shutil.copy(next((folder / "seeds").glob("article-*.txt")), article)
        with article.open("a", encoding="utf-8") as stream:
            stream.write("Added after the start.\n")
        seen = until(lambda: listed(server, article.name), limit=30)
        ready = seen + until(lambda: filled(server, {article.name}), limit=30)
        article.unlink()
    finally:
        stop(server)
    return seen, ready


def edit(folder: Path, count: int) -> None:
    """Append a line to the first `count` articles: their cached outcomes no longer apply."""
    for article in sorted((folder / "seeds").glob("article-*.txt"))[:count]:
        with article.open("a", encoding="utf-8") as stream:
            stream.write("Edited since the last run.\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--edited", type=int, default=0, help="articles edited after the cache was filled")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cleanup-serve-queue-"))
    try:
        build(folder, args.articles)
        edit(folder, args.edited)
        runs = []
        for number in range(args.runs):
            if args.edited and number:  # each run finds the edited articles new again
                edit(folder, args.edited)
            runs.append(one_run(folder))
            print(f"run {number + 1}: " + ", ".join(f"{m} {runs[-1][m]:.2f} s" for m in MEASURES), flush=True)
        seen, ready = added_article(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    medians = {m: statistics.median(run[m] for run in runs) for m in MEASURES}
    print(
        f"queue, {args.articles} articles from the cache ({args.edited} edited), median of {args.runs} runs: "
        f"server answering {medians['answering']:.2f} s after start, queue page and rows {medians['opened']:.2f} s, "
        f"every row filled {medians['filled']:.2f} s ({medians['filled'] - medians['answering']:.2f} s after it answered), "
        f"background idle {medians['idle']:.2f} s; "
        f"an article added while serving listed {seen:.2f} s later, its row filled {ready:.2f} s later"
    )


if __name__ == "__main__":
    main()
