"""Skipping unchanged work: outcomes stored under a key of the input's bytes and everything in force."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Iterable, Sequence
from importlib import metadata
from pathlib import Path

from .model import Outcome

PACKAGE = Path(__file__).resolve().parent


def fingerprint(parts: Iterable[object]) -> str:
    """A key for everything that decides an outcome besides the input: the settings' sources, the
    options, and the code (this package's files and the checkers' versions)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode("utf-8") + b"\0")
    for source in sorted(PACKAGE.glob("*.py")):
        digest.update(source.read_bytes())
    for package in ("harper-py", "language-tool-python", "regex", "markdown-it-py"):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            pass
    return digest.hexdigest()


class Cache:
    """Outcomes on disk, one file per key; unreadable or stale entries are simply recomputed."""

    def __init__(self, folder: Path, settings_key: str) -> None:
        self.folder = folder
        self.settings_key = settings_key

    def key(self, data: bytes, markdown: bool, decisions: object) -> str:
        digest = hashlib.sha256(self.settings_key.encode())
        digest.update(data)
        digest.update(repr((markdown, decisions)).encode("utf-8"))
        return digest.hexdigest()

    def has(self, key: str) -> bool:
        """Whether an outcome is stored under `key` (it may still fail to load)."""
        return self._path(key).is_file()

    def get(self, key: str) -> Outcome | None:
        try:
            with open(self._path(key), "rb") as stream:
                outcome = pickle.load(stream)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
            return None
        return outcome if isinstance(outcome, Outcome) else None

    def put(self, key: str, outcome: Outcome) -> None:
        """Store an outcome; a cache that cannot be written is not an error, only slower next time."""
        self._store(self._path(key), pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))

    def _store(self, path: Path, data: bytes) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except OSError:
            pass

    def outputs_current(self, key: str, outputs: Sequence[Path]) -> bool:
        """Whether `outputs` are as they were left after being written for `key` (same size and
        modification time): then writing them again would change nothing."""
        try:
            recorded = json.loads(self._stamp(key, outputs).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return recorded == _stats(outputs)

    def remember_outputs(self, key: str, outputs: Sequence[Path]) -> None:
        """Record `outputs` as just written for `key`."""
        self._store(self._stamp(key, outputs), json.dumps(_stats(outputs)).encode("utf-8"))

    def _stamp(self, key: str, outputs: Sequence[Path]) -> Path:
        named = hashlib.sha256("\0".join([key, *map(str, outputs)]).encode("utf-8")).hexdigest()
        return self.folder / "outputs" / named[:2] / f"{named}.json"

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"


def _stats(paths: Sequence[Path]) -> list[list[object] | None]:
    """Size and modification time of each file (None when it is missing)."""
    found: list[list[object] | None] = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            found.append(None)
            continue
        found.append([info.st_size, info.st_mtime_ns])
    return found
