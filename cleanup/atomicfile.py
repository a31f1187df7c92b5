"""Files written whole or not at all (a temporary file beside, flushed to disk, then renamed over), and one
writer at a time per file: a lock per file in this process, an advisory lock on its folder across processes."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: one process at a time is the caller's affair
    fcntl = None  # type: ignore[assignment]

_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def read_or_empty(path: Path) -> bytes:
    """The file's bytes; b"" when it does not exist."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""


@contextmanager
def one_writer(path: Path) -> Iterator[None]:
    """Hold `path` against every other writer that asks the same: threads of this process wait on a lock of
    its own, other processes on an advisory lock (flock) of its folder, which leaves no lock file behind."""
    with _locks_guard:
        lock = _locks.setdefault(os.path.realpath(path), threading.Lock())
    with lock:
        if fcntl is None:
            yield
            return
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            fcntl.flock(folder, fcntl.LOCK_EX)
            yield
        finally:
            os.close(folder)  # releases the flock


def temporary_name(path: Path) -> Path:
    """A new hidden name beside `path` for a file being written, naming this process."""
    return path.with_name(f".{path.name}.cleanup-{os.getpid()}-{os.urandom(4).hex()}.tmp")


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` all at once: a hidden temporary beside it (`temporary_name`, as `cleanup fix`
    names its own, so a killed run's leftovers are cleaned alike), flushed to disk, renamed over it; the folder
    synced so the rename lasts. The file keeps its permissions."""
    temporary = temporary_name(path)
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.is_file():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # a folder that cannot be opened (Windows) cannot be synced either
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
