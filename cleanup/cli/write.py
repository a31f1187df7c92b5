"""Writing outputs: a document's edition and its records (`write_edition`), and any files all or nothing:
every file is streamed to a temporary file beside its target, then all are renamed into place, so no
file is ever half-written and no output is held whole in memory."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomicfile import temporary_name
from ..formats.registry import format_for
from ..lazyregex import lazy_re_compile
from ..model import Outcome
from ..outputs.diff import unified_diff
from ..outputs.records import change_log, markdown_report
from ..outputs.review import review_page
from ..textio import diff_form, encode
from .history import history_lock, record_files
from .inputs import Input, edition_bytes, read_bytes
from .plan import Edition

if TYPE_CHECKING:  # a run with --no-cache never imports the cache
    from ..cache import Cache

_CHUNK = 1 << 16  # characters encoded and written at a time
# `.NAME.cleanup-PID-TOKEN.tmp`: the process that made it is named, so a later run can tell a stale one.
_TEMPORARY = lazy_re_compile(r"\..+\.cleanup-(\d+)-[0-9a-f]{8}\.tmp")


class WriteError(Exception):
    """An output could not be written; the message names the file and what to do."""


def write_edition(edition: Edition, cache: Cache | None) -> None:
    """Write the corrected text to its target, and its unified diff, change log, review report and
    review page, each streamed to a temporary file first, then all renamed. Outputs that are still as a
    run with the same cache key left them are not written again. In place (a history folder given), a
    run that changes the article is recorded there first, and a run that changes nothing leaves the last
    real record alone."""
    item, outcome, target, review, history = (
        edition.item,
        edition.outcome,
        edition.target,
        edition.review,
        edition.history,
    )
    cache = cache if edition.key else None
    outputs = [target, *edition.records]
    written = written_for(edition.key or "", item, edition.names, edition.docx_mode)
    if cache and cache.outputs_current(written, outputs):
        return
    diff, log, report, page = edition.records
    if history is not None and not outcome.changed and diff.is_file():
        return
    path, output = item.path.as_posix(), target.as_posix()
    corrected = edition_bytes(item.path, outcome, edition.docx_mode)
    records: dict[Path, Iterable[bytes]] = {  # the records first and the edition last: a failure never
        diff: diff_bytes(item, outcome, review.as_posix()),  # leaves an unrecorded edition
        log: utf8(change_log(path, output, outcome)),
        report: utf8(markdown_report(path, output, outcome)),
        page: utf8(review_page(path, review.as_posix(), outcome, edition.notes, edition.names)),
    }
    if history is not None and outcome.changed:
        with history_lock(history):  # two in-place runs on one article take turns
            before = _unchanged_since_read(item, outcome)
            files = record_files(
                history,
                before,
                corrected,
                diff_bytes(item, outcome, review.as_posix()),
                utf8(change_log(path, output, outcome)),
            )
            write_atomically(files | records | {target: [corrected]})
    else:
        write_atomically(records | {target: [corrected]})
    if cache:
        cache.remember_outputs(written, outputs)


def written_for(key: str, item: Input, names: Sequence[str], docx_mode: str) -> str:
    """What an edition's outputs are stamped as written for: the outcome's cache key, and what else they show."""
    return f"{key}:{item.path.as_posix()}:{json.dumps(list(names))}:{docx_mode}"


def _unchanged_since_read(item: Input, outcome: Outcome) -> bytes:
    """The article's bytes on disk now, for the history's before-copy; WriteError when they are not what
    the run read (an editor saved it meanwhile): it is then left as it is, nothing lost."""
    now = read_bytes(item.path)
    plain = format_for(item.path).plain  # the writers of other formats compare the bytes themselves
    if plain and now != encode(outcome.original, outcome.original.text):
        raise WriteError(
            f"{item.path}: changed on disk while cleanup worked on it; nothing was written for it (run again)"
        )
    return now


def diff_bytes(item: Input, outcome: Outcome, b_name: str) -> Iterator[bytes]:
    """The unified diff in the article's own encoding (with its UTF-8 byte-order mark), so that patch
    applies it to the file's bytes; UTF-8 with a note for UTF-16 and UTF-32, which patch cannot read."""
    encoding, bom, note = diff_form(outcome.original)
    lines = unified_diff(
        outcome.original.text, outcome.corrected, outcome.changes, str(item.path), b_name, bom=bom, note=note
    )
    return encoded(lines, encoding, errors="backslashreplace")  # only a file name can fall outside the encoding


def utf8(pieces: Iterable[str]) -> Iterator[bytes]:
    """Text pieces as UTF-8 bytes, gathered into chunks of about 64K characters."""
    return encoded(pieces, "utf-8")


def encoded(pieces: Iterable[str], encoding: str, errors: str = "strict") -> Iterator[bytes]:
    """Text pieces as bytes in `encoding`, gathered into chunks of about 64K characters."""
    gathered: list[str] = []
    size = 0
    for piece in pieces:
        gathered.append(piece)
        size += len(piece)
        if size >= _CHUNK:
            yield "".join(gathered).encode(encoding, errors)
            gathered, size = [], 0
    if gathered:
        yield "".join(gathered).encode(encoding, errors)


def write_atomically(files: Mapping[Path, Iterable[bytes]]) -> None:
    """Stream each file to a temporary file beside its target, then rename them into place in the
    given order, all or nothing: when one rename fails, the files already renamed are put back as
    they were. A file whose content is unchanged is left untouched; no temporary file is left."""
    staged: list[tuple[Path, Path]] = []
    try:
        for target, chunks in files.items():
            temporary = _stage(target, chunks)
            if _same_content(temporary, target):
                temporary.unlink()
            else:
                staged.append((temporary, target))
        _rename_all(staged)
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)


def _rename_all(staged: list[tuple[Path, Path]]) -> None:
    """Rename each staged file onto its target; on a failure, restore every target renamed before it."""
    done: list[tuple[Path, Path | None]] = []  # (target, backup of what it was, or None if it was new)
    try:
        while staged:
            temporary, target = staged[0]
            backup = _backup(target)
            try:
                os.replace(temporary, target)
            except OSError as error:
                if backup is not None:
                    backup.unlink(missing_ok=True)
                raise WriteError(
                    f"{target}: cannot write ({error.strerror}); nothing was changed for this file"
                ) from None
            done.append((target, backup))
            staged.pop(0)
    except BaseException:
        for target, backup in reversed(done):
            if backup is None:
                target.unlink(missing_ok=True)
            else:
                os.replace(backup, target)
        raise
    for _, backup in done:
        if backup is not None:
            backup.unlink(missing_ok=True)


def _backup(target: Path) -> Path | None:
    """A hard link to the file now at `target` (no copy), or None when there is none."""
    if not target.is_file():
        return None
    while True:
        backup = temporary_name(target)
        try:
            os.link(target, backup)
            return backup
        except FileExistsError:
            continue
        except OSError as error:
            raise WriteError(
                f"{target}: cannot keep the old file while writing ({error.strerror}); check the folder"
            ) from None


def _stage(target: Path, chunks: Iterable[bytes]) -> Path:
    """A new temporary file beside `target` holding `chunks`, with the target's read, write and execute
    permissions (or the usual ones for a new file)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary, handle = _create_beside(target)
    except OSError as error:
        raise WriteError(
            f"{target.parent}: cannot write here ({error.strerror}); check that it is a folder you can write to, with free space"
        ) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
        if target.is_file():
            os.chmod(temporary, target.stat().st_mode & 0o777)  # never setuid, setgid or sticky
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise WriteError(
                f"{target}: cannot write ({error.strerror}); check that its folder is one you can write to, with free space"
            ) from None
        raise
    return temporary


def remove_stale_temporaries(folder: Path, recursive: bool = True) -> int:
    """Delete temporary files that a killed run of cleanup left in `folder` (and below) whose process
    is gone; files of runs still going on are kept. Returns how many were removed."""
    removed = 0
    found_files = (folder.rglob if recursive else folder.glob)(".*.tmp") if folder.is_dir() else ()
    for path in found_files:
        found = _TEMPORARY.fullmatch(path.name)
        if found and not _process_alive(int(found.group(1))):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


def _create_beside(target: Path) -> tuple[Path, int]:
    """Create a hidden temporary file next to `target`; mode 0o666 less the umask, as for any new file."""
    while True:
        temporary = temporary_name(target)
        try:
            return temporary, os.open(
                temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666
            )
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
