"""The record of `fix --in-place` runs, and `cleanup undo`: no in-place run is ever without a way back.

Each run that changes an article keeps, in `<output folder>/.history/<NAME>/`, the article's bytes
before the run, its diff and change log, and a line in `history.json` with the hashes of the bytes
before and after. `cleanup undo` restores the bytes before the last run, only while the article is
still as that run left it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

HISTORY = ".history"
LIST = "history.json"


class UndoRefused(Exception):
    """An article that cannot be undone; the message names it and says why."""


class HistoryDamaged(UndoRefused):
    """A history list that cannot be read as one: never replaced, so no earlier run loses its way back."""


def history_folder(out_dir: Path, name: str) -> Path:
    return out_dir / HISTORY / name


@contextlib.contextmanager
def history_lock(folder: Path, create: bool = True) -> Iterator[None]:
    """Hold the article's history for one in-place run or undo: another on the same article waits (POSIX
    `flock`; where there is none, runs are not serialized). Without `create`, a history not there yet
    is not made (there is nothing to guard)."""
    if not create and not folder.is_dir():
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "a+b") as handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_UN)


def record_files(
    folder: Path, before: bytes, after: bytes, diff: Iterable[bytes], log: Iterable[bytes]
) -> dict[Path, Iterable[bytes]]:
    """The files that record one in-place run (to be written with its outputs, before the article)."""
    from datetime import UTC, datetime  # only an in-place run is recorded

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
    """The recorded runs, oldest first; none when there is no history yet. HistoryDamaged when the list
    is there but cannot be read as one (a bad byte, deep nesting, not a regular file)."""
    path = folder / LIST
    if not path.exists() and not path.is_symlink():
        return []
    if not path.is_file():
        raise _damaged(path, "not a regular file")
    try:
        runs = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as error:
        raise _damaged(path, type(error).__name__) from None
    if not isinstance(runs, list) or not all(_is_run(run) for run in runs):
        raise _damaged(path, "not a list of runs")
    return runs


def _damaged(path: Path, why: str) -> HistoryDamaged:
    return HistoryDamaged(
        f"{path}: damaged ({why}); nothing was written for this article. The copies it recorded (*.before) "
        "are beside it: keep them, and move the list aside to start a new history"
    )


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
    before = _saved(folder / last["before"])
    if hashlib.sha256(before).hexdigest() != last["before_sha256"]:
        raise UndoRefused(f"{folder / last['before']}: the saved copy does not match its record; nothing was undone")
    writes: dict[Path, Iterable[bytes]] = {folder / LIST: [_json(runs[:-1])]}
    removes = [folder / last[key] for key in ("before", "diff", "changes")]
    if len(runs) > 1:  # the records of the run before it describe the article again
        previous = runs[-2]
        writes[review["diff"]] = [_saved(folder / previous["diff"])]
        writes[review["changes"]] = [_saved(folder / previous["changes"])]
    else:
        removes += [path for path in review.values() if path.is_file()]
    writes[article] = [before]  # last: the article changes only once its records are right
    return writes, removes


def recorded(folder: Path) -> list[str]:
    """What `undo --list` says of one article: its runs, oldest first, or, when the list is damaged, the
    saved copies beside it (each with its hash, to be matched by hand)."""
    try:
        runs = read_runs(folder)
    except HistoryDamaged as error:
        copies = sorted(folder.glob("*.before"))
        return [str(error), *(f"{copy.name}: {_digest(copy)}" for copy in copies)]
    if not runs:
        return ["no in-place run recorded"]
    return [
        f"{run['time']}: before sha256 {run['before_sha256'][:16]}, after {run['after_sha256'][:16]}, "
        f"saved copy {run['before']}" + ("" if (folder / run["before"]).is_file() else " (missing)")
        for run in runs
    ]


def _digest(path: Path) -> str:
    try:
        return f"sha256 {hashlib.sha256(path.read_bytes()).hexdigest()[:16]}"
    except OSError as error:
        return f"unreadable ({error.strerror})"


def _saved(path: Path) -> bytes:
    """A file the history recorded; UndoRefused when it is gone or unreadable (nothing is undone then)."""
    if not path.is_file():
        raise UndoRefused(f"{path}: the saved copy is missing; nothing was undone")
    try:
        return path.read_bytes()
    except OSError as error:
        raise UndoRefused(f"{path}: the saved copy cannot be read ({error.strerror}); nothing was undone") from None


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
