"""Skipping unchanged work: outcomes stored under a key of the input's bytes and everything in force.

Entries are plain JSON, checked on load: a header line whose schema, key, input hash and checksum
of the rest must agree and every field must have its type, or the entry is a miss and the input is processed again.
Nothing read from the cache is ever run as code.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import platformdirs

from .model import Decision, Outcome
from .plaindata import PlainDataError, from_plain, to_plain

SCHEMA = 2  # of an entry; 1 was a pickle, never read

PACKAGE = Path(__file__).resolve().parent


def fingerprint(parts: Iterable[object]) -> str:
    """A key for everything that decides an outcome besides the input: the settings' sources, the
    options, and the code (this package's files and the checkers' versions)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode("utf-8") + b"\0")
    for source in sorted(PACKAGE.rglob("*.py")):  # every module, in subpackages too, with its place
        digest.update(source.relative_to(PACKAGE).as_posix().encode("utf-8") + b"\0" + source.read_bytes())
    for installed in _distributions(("harper_py", "language_tool_python", "regex", "markdown_it_py")):
        digest.update(installed.encode())
    return digest.hexdigest()


def _distributions(names: Sequence[str]) -> list[str]:
    """The installed `name-version.dist-info` folders of these distributions (importlib.metadata would
    say the same, but importing it costs a one-article run more than the rest of its start-up)."""
    pattern = re.compile(rf"(?:{'|'.join(names)})-[^-]+\.dist-info", re.IGNORECASE)
    found = []
    for folder in sys.path:
        with contextlib.suppress(OSError):
            found += [name for name in os.listdir(folder or ".") if pattern.fullmatch(name)]
    return sorted(found)


def default_folder() -> Path:
    """The user's cache folder for cleanup (`$XDG_CACHE_HOME/cleanup` on Linux)."""
    return Path(platformdirs.user_cache_dir("cleanup", appauthor=False))


def _hash_parts(parts: Iterable[bytes]) -> str:
    """One digest of several parts, each length-prefixed so that no two lists of parts collide."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


class Cache:
    """Outcomes on disk, one JSON file per key; unreadable, invalid or mismatched entries are misses."""

    def __init__(self, folder: Path, settings_key: str) -> None:
        self.folder = folder
        self.settings_key = settings_key
        self._inputs: dict[str, str] = {}  # key -> hash of the input bytes it was made from

    def key(
        self, data: bytes, encoding: str, markdown: bool, decisions: Sequence[Decision], source: bytes | None = None
    ) -> str:
        """The key of one input (and its Arabic source) under everything in force."""
        input_hash = hashlib.sha256(data).hexdigest()
        decided = json.dumps(to_plain(tuple(decisions)), ensure_ascii=False, sort_keys=True)
        source_hash = hashlib.sha256(source).hexdigest() if source is not None else "-"
        parts = (self.settings_key, input_hash, encoding, str(markdown), decided, source_hash)
        key = _hash_parts(part.encode("utf-8") for part in parts)
        self._inputs[key] = input_hash
        return key

    def has(self, key: str) -> bool:
        """Whether an outcome is stored under `key` (it may still fail to load)."""
        return self._path(key).is_file()

    def get(self, key: str) -> Outcome | None:
        """The outcome stored under `key`, or None when there is none or it does not check out."""
        try:
            header, payload = _read_regular(self._path(key)).split(b"\n", 1)
            entry = json.loads(header)
            checks = (
                entry
                == {"schema": SCHEMA, "key": key, "input": self._inputs.get(key), "checksum": entry.get("checksum")},
                entry["checksum"] == hashlib.sha256(payload).hexdigest(),
            )
            return from_plain(Outcome, json.loads(payload)) if all(checks) else None
        except (OSError, ValueError, KeyError, TypeError, AttributeError, PlainDataError, RecursionError):
            return None

    def put(self, key: str, outcome: Outcome) -> None:
        """Store an outcome: a header line (schema, key, input hash, checksum of the rest), then the outcome.
        A cache that cannot be written is not an error, only slower next time."""
        payload = json.dumps(to_plain(outcome), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        header = {
            "schema": SCHEMA,
            "key": key,
            "input": self._inputs.get(key),
            "checksum": hashlib.sha256(payload).hexdigest(),
        }
        self._store(self._path(key), json.dumps(header).encode("utf-8") + b"\n" + payload)

    def _store(self, path: Path, data: bytes) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except OSError:
            Path(temporary).unlink(missing_ok=True)  # a full disk leaves no temporary behind

    def outputs_current(self, key: str, outputs: Sequence[Path]) -> bool:
        """Whether `outputs` are as they were left after being written for `key` (the same content, by
        hash: an output edited by hand with its size and time kept is written again); a damaged stamp is
        a miss."""
        try:
            recorded = json.loads(_read_regular(self._stamp(key, outputs)))
        except (OSError, ValueError, RecursionError):
            return False
        return recorded == _digests(outputs)

    def remember_outputs(self, key: str, outputs: Sequence[Path]) -> None:
        """Record `outputs` as just written for `key`."""
        self._store(self._stamp(key, outputs), json.dumps(_digests(outputs)).encode("utf-8"))

    def _stamp(self, key: str, outputs: Sequence[Path]) -> Path:
        named = hashlib.sha256("\0".join([key, *map(str, outputs)]).encode("utf-8")).hexdigest()
        return self.folder / "outputs" / named[:2] / f"{named}.json"

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"


def _read_regular(path: Path) -> bytes:
    """The bytes of a cache file; OSError when it is not a regular file (a FIFO put there is never
    waited on: it is opened without blocking)."""
    with os.fdopen(
        os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)), "rb"
    ) as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise OSError(f"{path}: not a regular file")
        return stream.read()


def _digests(paths: Sequence[Path]) -> list[str | None]:
    """The SHA-256 of each file's content (None when it is missing or unreadable)."""
    found: list[str | None] = []
    for path in paths:
        try:
            with path.open("rb") as file:
                found.append(hashlib.file_digest(file, "sha256").hexdigest())
        except OSError:
            found.append(None)
    return found
