"""The record of `fix --in-place` runs, and `cleanup undo`: no in-place run is ever without a way back.

Each run that changes an article keeps, in `<output folder>/.history/<NAME>/`, the article's bytes
before the run, its diff and change log, and a line in `history.json` with the hashes of the bytes
before and after. `cleanup undo` restores the bytes before the last run, only while the article is
still as that run left it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

HISTORY = ".history"
LIST = "history.json"


class UndoRefused(Exception):
    """An article that cannot be undone; the message names it and says why."""


def history_folder(out_dir: Path, name: str) -> Path:
    return out_dir / HISTORY / name


def record_files(
    folder: Path, before: bytes, after: bytes, diff: Iterable[bytes], log: Iterable[bytes]
) -> dict[Path, Iterable[bytes]]:
    """The files that record one in-place run (to be written with its outputs, before the article)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    entry = {
        "time": stamp,
        "before_sha256": hashlib.sha256(before).hexdigest(),
        "after_sha256": hashlib.sha256(after).hexdigest(),
        "before": f"{stamp}.before",
        "diff": f"{stamp}.diff",
        "changes": f"{stamp}.changes.json",
    }
    runs = read_runs(folder) + [entry]
    return {
        folder / entry["before"]: [before],
        folder / entry["diff"]: diff,
        folder / entry["changes"]: log,
        folder / LIST: [_json(runs)],
    }


def read_runs(folder: Path) -> list[dict]:
    """The recorded runs, oldest first; none when there is no history (or it cannot be read as one)."""
    try:
        runs = json.loads((folder / LIST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(runs, list) or not all(_is_run(run) for run in runs):
        return []
    return runs


def undo_files(folder: Path, article: Path, review: dict[str, Path]) -> tuple[dict[Path, Iterable[bytes]], list[Path]]:
    """What undoing the last run writes (the article's earlier bytes, the earlier records, the shorter
    list) and removes (that run's files); UndoRefused when there is nothing to undo or the article was
    edited since."""
    runs = read_runs(folder)
    if not runs:
        raise UndoRefused(f"{article}: no in-place run is recorded in {folder}; nothing to undo")
    last = runs[-1]
    current = article.read_bytes()
    if hashlib.sha256(current).hexdigest() != last["after_sha256"]:
        raise UndoRefused(
            f"{article}: edited since the in-place run of {last['time']}; nothing was undone (undo it by hand)"
        )
    before = (folder / last["before"]).read_bytes()
    if hashlib.sha256(before).hexdigest() != last["before_sha256"]:
        raise UndoRefused(f"{folder / last['before']}: the saved copy does not match its record; nothing was undone")
    writes: dict[Path, Iterable[bytes]] = {folder / LIST: [_json(runs[:-1])]}
    removes = [folder / last[key] for key in ("before", "diff", "changes")]
    if len(runs) > 1:  # the records of the run before it describe the article again
        previous = runs[-2]
        writes[review["diff"]] = [(folder / previous["diff"]).read_bytes()]
        writes[review["changes"]] = [(folder / previous["changes"]).read_bytes()]
    else:
        removes += [path for path in review.values() if path.is_file()]
    writes[article] = [before]  # last: the article changes only once its records are right
    return writes, removes


def _is_run(run: object) -> bool:
    keys = ("time", "before_sha256", "after_sha256", "before", "diff", "changes")
    return (
        isinstance(run, dict)
        and all(isinstance(run.get(k), str) for k in keys)
        and all(_plain_name(run[k]) for k in ("before", "diff", "changes"))
    )


def _plain_name(name: str) -> bool:
    """A file name inside the history folder: no folder part, so a planted list cannot point elsewhere."""
    return bool(name) and Path(name).name == name and name not in (".", "..") and "\\" not in name


def _json(value: object) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
