"""`cleanup serve` under load: editors saving decisions at once, on loopback.

Run: python bench/serve_load.py [--articles 500] [--editors 20] [--seconds 60]
Builds an archive of articles (twelve-line slices of the seed, each numbered), runs `cleanup fix` once (the
cache holds every outcome, as on an archive in daily use), then starts `cleanup serve` on it, and
`--editors` simulated editors each open random articles and save decisions on the changes of their own (a
change's number modulo the editors), one decision a save, with a think time of 0.1-0.5 s, for `--seconds`
or `--max-saves` saves, whichever comes first. Two editors often save on one article at once: the later
save merges. (The queue's speed on such an archive: bench/serve_queue.py.)

Prints save latency (median, p95, max), saves, merges, conflicts, lost decisions (every answered save's
decision compared with the decisions file at the end: must be 0), the resident memory of the server and its workers over the run
(sampled every 5 s: must stay flat), and the time the background took to write every edition afterwards.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path

import httpx2 as httpx  # what the test extra installs (Starlette's test client uses it)
from corpus import seed_slice_project, tree_rss_kb

from cleanup.decisions import load_decisions

KEYS = ("rule", "before", "after", "context_before", "context_after")


def build(folder: Path, articles: int) -> None:
    """The seed-slice project of `articles` articles, with its outputs and cache written by `cleanup fix`."""
    seed_slice_project(folder, articles)
    subprocess.run([sys.executable, "-m", "cleanup", "fix", "-q"], cwd=folder, check=True)


class Server:
    def __init__(self, folder: Path) -> None:
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cleanup", "serve", "--port", "0"], cwd=folder, stdout=subprocess.PIPE, text=True
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        self.base, self.token = line.split("open ", 1)[1].strip().split("/?token=")
        self.client = httpx.Client(base_url=self.base, headers={"x-cleanup-token": self.token}, timeout=60)

    def progress(self) -> dict:
        return self.client.get("/api/queue").json()["progress"]

    def wait_until_idle(self, limit: float = 1800) -> float:
        """Seconds from now until every article is processed and written."""
        start = time.perf_counter()
        while self.progress()["waiting"] and time.perf_counter() - start < limit:
            time.sleep(0.1)
        return time.perf_counter() - start

    def rss_mb(self) -> float:
        """Proportional resident memory (PSS) of the server and its worker processes, in MB."""
        return tree_rss_kb(self.process.pid) / 1024

    def stop(self) -> None:
        self.client.close()
        self.process.terminate()
        self.process.wait(timeout=60)


def owner(change: dict, editors: int) -> int:
    """The editor who decides this change (none other does): by its key, which a rejection never moves."""
    return zlib.crc32(json.dumps([change[k] for k in KEYS]).encode()) % editors


class Editor(threading.Thread):
    """One editor: opens random articles and saves one decision at a time on their own changes."""

    def __init__(self, number: int, editors: int, server: Server, names: list[str], stop_at: float, budget) -> None:
        super().__init__(daemon=True)
        self.number, self.editors, self.server, self.names = number, editors, server, names
        self.stop_at, self.budget = stop_at, budget
        self.rng = random.Random(number)
        self.latencies: list[float] = []
        self.answered: dict[tuple[str, tuple], str] = {}  # (article, key) -> the verdict last saved
        self.merges = self.conflicts = self.errors = 0

    def run(self) -> None:
        client = httpx.Client(base_url=self.server.base, headers={"x-cleanup-token": self.server.token}, timeout=60)
        while time.perf_counter() < self.stop_at and self.budget():
            name = self.rng.choice(self.names)
            page = client.get(f"/article/{name}").text
            version = page.split('name="cleanup-version" content="')[1].split('"')[0]
            changes = json.loads(page.split('id="review-data">')[1].split("</script>")[0])["changes"]
            mine = [c for c in changes if owner(c, self.editors) == self.number]
            for change in mine[:3]:
                if time.perf_counter() >= self.stop_at or not self.budget():
                    break
                time.sleep(self.rng.uniform(0.1, 0.5))  # reading, then deciding
                key = tuple(change[k] for k in KEYS)
                was = self.answered.get((name, key), change["review"])
                now = "reject" if was == "accept" else "accept"
                body = {"base": version, "editor": f"editor {self.number}", "decisions": [
                    {"key": list(key), "was": was, "now": now}], "names": []}  # fmt: skip
                start = time.perf_counter()
                answer = client.post(f"/api/decisions/{name}", json=body)
                self.latencies.append(time.perf_counter() - start)
                if answer.status_code == 200:
                    version = answer.json()["version"]
                    self.merges += answer.json()["merged"]
                    self.answered[(name, key)] = now
                elif answer.status_code == 409:
                    self.conflicts += 1
                else:
                    self.errors += 1
        client.close()


def lost_decisions(folder: Path, editors: list[Editor]) -> int:
    """Answered saves whose decision is not in the article's decisions file as saved."""
    lost = 0
    for editor in editors:
        for (name, key), verdict in editor.answered.items():
            path = folder / "corrected" / f"{name}.decisions.yaml"
            decided = load_decisions(str(path), path.read_text(encoding="utf-8"))
            on_disk = {
                tuple(getattr(d, k) if k != "decision" else d.verdict for k in KEYS): d.verdict
                for d in decided.decisions
            }
            lost += on_disk.get(key) != verdict
    return lost


def load(folder: Path, editors_count: int, seconds: float, max_saves: int) -> dict:
    server = Server(folder)
    server.wait_until_idle()
    names = sorted(p.name for p in (folder / "seeds").iterdir())
    memory = [server.rss_mb()]
    saves = [0]

    def budget() -> bool:
        return sum(len(e.latencies) for e in editors) < max_saves

    stop_at = time.perf_counter() + seconds
    editors = [Editor(n, editors_count, server, names, stop_at, budget) for n in range(editors_count)]
    for editor in editors:
        editor.start()
    while any(editor.is_alive() for editor in editors):
        time.sleep(5)
        memory.append(server.rss_mb())
    drained = server.wait_until_idle()
    memory.append(server.rss_mb())
    saves[0] = sum(len(e.latencies) for e in editors)
    latencies = sorted(t for e in editors for t in e.latencies)
    server.stop()
    return {
        "saves": saves[0],
        "median_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "max_ms": latencies[-1] * 1000,
        "merges": sum(e.merges for e in editors),
        "conflicts": sum(e.conflicts for e in editors),
        "errors": sum(e.errors for e in editors),
        "lost": lost_decisions(folder, editors),
        "memory_mb": memory,
        "drained_s": drained,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--editors", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--max-saves", type=int, default=20_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cleanup-serve-load-"))
    try:
        build(folder, args.articles)
        found = load(folder, args.editors, args.seconds, args.max_saves)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    memory = found["memory_mb"]
    print(
        f"load, {args.editors} editors on {args.articles} articles for {args.seconds:.0f} s: {found['saves']} saves, "
        f"latency median {found['median_ms']:.1f} ms, p95 {found['p95_ms']:.1f} ms, max {found['max_ms']:.1f} ms; "
        f"{found['merges']} merged, {found['conflicts']} conflicts, {found['errors']} errors, "
        f"{found['lost']} lost decisions; memory (server and workers) {memory[0]:.0f} MB at start, {max(memory):.0f} MB at most, "
        f"{memory[-1]:.0f} MB at the end ({', '.join(f'{m:.0f}' for m in memory)}); every edition written {found['drained_s']:.1f} s after the last save"
    )


if __name__ == "__main__":
    main()
