"""Skipping unchanged work: outcomes stored under a key of the input's bytes and everything in force.

Entries are plain JSON holding changes and flags, never a text: the edition is the input, read again, with
the recorded changes applied. Each entry is signed (an HMAC with the user's secret, kept outside the cache
folder, `cachekey`); one whose signature, types or changes do not check out is a miss and the input is
processed again. Nothing read from the cache is ever run as code.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import hmac
import json
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .cachekey import check_folder, user_secret
from .model import Change, Decision, Document, Flag, Outcome, Problem, ProtectedSpan, SourcePair
from .plaindata import PlainDataError, from_plain, to_plain

# Of an entry; 1 was a pickle, 2 held the corrected text, 3 had no `quoted` steps, 4 no source alignment:
# none is read.
SCHEMA = 5

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
    import platformdirs  # only a run that uses the cache asks where it is

    return Path(platformdirs.user_cache_dir("cleanup", appauthor=False))


def _hash_parts(parts: Iterable[bytes]) -> str:
    """One digest of several parts, each length-prefixed so that no two lists of parts collide."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


@dataclass(frozen=True)
class Findings:
    """What an entry keeps of an outcome: its changes with the text each puts in, its flags, decisions and
    source alignment; never a text, so the edition is always the input with recorded changes applied."""

    changes: tuple[Change, ...]
    inserted: tuple[str, ...]
    flags: tuple[Flag, ...]
    problems: tuple[Problem, ...]
    accepted: frozenset[int]
    rejected: tuple[Decision, ...]
    stale: tuple[Decision, ...]
    dialect: str
    alignment: tuple[SourcePair, ...]

    @classmethod
    def of(cls, outcome: Outcome) -> Findings:
        inserted = tuple(outcome.corrected[change.new_start : change.new_end] for change in outcome.changes)
        return cls(
            outcome.changes,
            inserted,
            outcome.flags,
            outcome.problems,
            outcome.accepted,
            outcome.rejected,
            outcome.stale,
            outcome.dialect,
            outcome.alignment,
        )

    def outcome(self, original: Document, source: Document | None) -> Outcome | None:
        """The outcome for `original`, or None when the changes do not fit it."""
        corrected = rebuilt(original, self.changes, self.inserted)
        if corrected is None:
            return None
        return Outcome(
            original,
            corrected,
            self.changes,
            self.flags,
            self.problems,
            self.accepted,
            self.rejected,
            self.stale,
            source,
            self.alignment,
            self.dialect,
        )


def rebuilt(original: Document, changes: Sequence[Change], inserted: Sequence[str]) -> str | None:
    """The original with each change's text put in, or None unless the changes are in order, inside the
    text, clear of protected (and held) spans and boundaries, and their offsets in the corrected text agree."""
    if len(changes) != len(inserted):
        return None
    text, pieces, cursor, shift = original.text, [], 0, 0
    protected = iter(sorted((*original.protected, *original.held), key=lambda span: span.start))
    span = next(protected, None)
    for change, piece in zip(changes, inserted, strict=True):
        if not cursor <= change.start <= change.end <= len(text):
            return None
        if change.new_start != change.start + shift or change.new_end - change.new_start != len(piece):
            return None
        while span is not None and span.end <= change.start:
            span = next(protected, None)
        if span is not None and _touches(span, change) or _spans_boundary(original.boundaries, change):
            return None
        pieces += [text[cursor : change.start], piece]
        shift += len(piece) - (change.end - change.start)
        cursor = change.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _touches(span: ProtectedSpan, change: Change) -> bool:
    """Whether a change edits inside a protected span (an insertion at its edges does not)."""
    if change.start == change.end:
        return span.start < change.start < span.end
    return max(span.start, change.start) < min(span.end, change.end)


def _spans_boundary(boundaries: Sequence[int], change: Change) -> bool:
    """Whether a change reaches across a boundary (markup between two pieces of text)."""
    return bisect.bisect_left(boundaries, change.end) > bisect.bisect_right(boundaries, change.start)


class Cache:
    """Outcomes on disk, one JSON file per key, signed with the user's secret; an entry that does not
    check out (unsigned, another key's, damaged, changes that do not fit the input) is a miss."""

    def __init__(self, folder: Path, settings_key: str, secret: bytes) -> None:
        self.folder = folder
        self.settings_key = settings_key
        self._secret = secret
        self._inputs: dict[str, str] = {}  # key -> hash of the input bytes it was made from

    @classmethod
    def open(cls, folder: Path, settings_key: str) -> Cache:
        """The cache in `folder`, signed with the user's secret; CacheRefused when either is not the user's."""
        check_folder(folder)
        return cls(folder, settings_key, user_secret())

    def key(
        self, data: bytes, encoding: str, form: str, decisions: Sequence[Decision], source: bytes | None = None
    ) -> str:
        """The key of one input (and its Arabic source) read in the format named `form`, under everything in
        force."""
        input_hash = hashlib.sha256(data).hexdigest()
        decided = json.dumps(to_plain(tuple(decisions)), ensure_ascii=False, sort_keys=True)
        source_hash = hashlib.sha256(source).hexdigest() if source is not None else "-"
        parts = (self.settings_key, input_hash, encoding, form, decided, source_hash)
        key = _hash_parts(part.encode("utf-8") for part in parts)
        self._inputs[key] = input_hash
        return key

    def made_from(self, key: str, data: bytes) -> bool:
        """Whether `key` was made from exactly these input bytes."""
        return self._inputs.get(key) == hashlib.sha256(data).hexdigest()

    def has(self, key: str) -> bool:
        """Whether an outcome is stored under `key` (it may still fail to load)."""
        return self._path(key).is_file()

    def get(self, key: str, original: Document, source: Document | None = None) -> Outcome | None:
        """The outcome stored under `key` for `original` (read from the input, never from the cache), or
        None when there is none or it does not check out."""
        found = self.findings(key)
        return found.outcome(original, source) if found is not None else None

    def findings(self, key: str) -> Findings | None:
        """The findings stored under `key` (counted without the input, as the serve queue does), or None when
        there are none or they do not check out."""
        try:
            header, payload = _read_regular(self._path(key)).split(b"\n", 1)
            entry = json.loads(header)
            if not (
                isinstance(entry, dict) and hmac.compare_digest(str(entry.get("mac")), self._entry_mac(key, payload))
            ):
                return None
            return from_plain(Findings, json.loads(payload))
        except (OSError, ValueError, KeyError, TypeError, AttributeError, PlainDataError, RecursionError):
            return None

    def put(self, key: str, outcome: Outcome) -> None:
        """Store an outcome's findings: a header line (schema, key, signature), then the findings.
        A cache that cannot be written is not an error, only slower next time."""
        payload = json.dumps(to_plain(Findings.of(outcome)), ensure_ascii=False, separators=(",", ":")).encode()
        header = {"schema": SCHEMA, "key": key, "mac": self._entry_mac(key, payload)}
        self._store(self._path(key), json.dumps(header).encode("utf-8") + b"\n" + payload)

    def _entry_mac(self, key: str, payload: bytes) -> str:
        """The signature of an entry: its schema, key, the input it was made from and its findings."""
        parts = (b"entry", str(SCHEMA).encode(), key.encode(), str(self._inputs.get(key)).encode(), payload)
        return self._mac(parts)

    def _mac(self, parts: Iterable[bytes]) -> str:
        signature = hmac.new(self._secret, digestmod=hashlib.sha256)
        for part in parts:
            signature.update(len(part).to_bytes(8, "big") + part)
        return signature.hexdigest()

    def _store(self, path: Path, data: bytes) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
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
        hash: an output edited by hand with its size and time kept is written again); a damaged or
        forged stamp is a miss."""
        try:
            recorded = _read_regular(self._stamp(key, outputs))
        except OSError:
            return False
        return hmac.compare_digest(recorded, self._outputs_mac(key, outputs).encode())

    def remember_outputs(self, key: str, outputs: Sequence[Path]) -> None:
        """Record `outputs` as just written for `key`."""
        self._store(self._stamp(key, outputs), self._outputs_mac(key, outputs).encode())

    def _outputs_mac(self, key: str, outputs: Sequence[Path]) -> str:
        digests = [digest or "-" for digest in _digests(outputs)]
        return self._mac(
            [b"outputs", key.encode(), *(str(path).encode() for path in outputs), *map(str.encode, digests)]
        )

    def _stamp(self, key: str, outputs: Sequence[Path]) -> Path:
        named = hashlib.sha256("\0".join([key, *map(str, outputs)]).encode("utf-8")).hexdigest()
        return self.folder / "outputs" / named[:2] / f"{named}.mac"

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
