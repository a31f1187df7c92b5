"""Writing outputs: every file is streamed to a temporary file beside its target, then all are renamed
into place, so no file is ever half-written and no output is held whole in memory."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

_CHUNK = 1 << 16  # characters encoded and written at a time


class WriteError(Exception):
    """An output could not be written; the message names the file and what to do."""


def utf8(pieces: Iterable[str]) -> Iterator[bytes]:
    """Text pieces as UTF-8 bytes, gathered into chunks of about 64K characters."""
    gathered: list[str] = []
    size = 0
    for piece in pieces:
        gathered.append(piece)
        size += len(piece)
        if size >= _CHUNK:
            yield "".join(gathered).encode("utf-8")
            gathered, size = [], 0
    if gathered:
        yield "".join(gathered).encode("utf-8")


def write_atomically(files: Mapping[Path, Iterable[bytes]]) -> None:
    """Stream each file to a temporary file beside its target, then rename each into place; a file
    whose content is unchanged is left untouched. On any failure the temporary files are removed."""
    staged: list[tuple[Path, Path]] = []
    try:
        for target, chunks in files.items():
            temporary = _stage(target, chunks)
            if _same_content(temporary, target):
                temporary.unlink()
            else:
                staged.append((temporary, target))
        while staged:
            temporary, target = staged[0]
            try:
                os.replace(temporary, target)
            except OSError as error:
                raise WriteError(f"{target}: cannot write ({error.strerror}); check the output folder") from None
            staged.pop(0)
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)


def _stage(target: Path, chunks: Iterable[bytes]) -> Path:
    """A new temporary file beside `target` holding `chunks`, with the target's permissions (or the
    usual ones for a new file)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary, handle = _create_beside(target)
    except OSError as error:
        raise WriteError(f"{target.parent}: cannot write here ({error.strerror}); check the output folder") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
        if target.is_file():
            os.chmod(temporary, target.stat().st_mode & 0o7777)
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise WriteError(f"{target}: cannot write ({error.strerror}); check the output folder") from None
        raise
    return temporary


def _create_beside(target: Path) -> tuple[Path, int]:
    """Create a hidden temporary file next to `target`; mode 0o666 less the umask, as for any new file."""
    while True:
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return temporary, os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        except FileExistsError:
            continue


def _same_content(temporary: Path, target: Path) -> bool:
    """Whether two files hold the same bytes, read block by block."""
    try:
        if not target.is_file() or temporary.stat().st_size != target.stat().st_size:
            return False
        with open(temporary, "rb") as left, open(target, "rb") as right:
            while True:
                block = left.read(_CHUNK)
                if block != right.read(_CHUNK):
                    return False
                if not block:
                    return True
    except OSError:
        return False
