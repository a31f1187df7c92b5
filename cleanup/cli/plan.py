"""Where each input's outputs go, and writing them all or nothing (records first, edition last)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from ..cache import Cache
from ..formats.registry import format_for
from ..model import Outcome
from ..outputs.diff import unified_diff
from ..outputs.records import change_log, markdown_report
from ..outputs.review import review_page
from ..textio import diff_form, encode
from .errors import UsageError
from .history import history_lock, record_files
from .inputs import REPORT_SUFFIX, REVIEW_PAGE_SUFFIX, Input, edition_bytes, read_bytes
from .write import WriteError, encoded, utf8, write_atomically

REVIEW_SUFFIXES = (".diff", ".changes.json", REPORT_SUFFIX, REVIEW_PAGE_SUFFIX)


def plan_outputs(inputs: Sequence[Input], out_dir: Path, in_place: bool) -> dict[Path, Path]:
    """Where each input's corrected text goes: its own path with --in-place, else under `out_dir`.
    Refuses to overwrite an input (unless in place) or to write two inputs to one file. Outputs are
    told apart by their names under `out_dir` (no path kept per output: an archive's plan stays small)."""
    plan: dict[Path, Path] = {}
    inside_out = _names_under(inputs, out_dir.resolve())
    claimed: dict[str, Path] = {}  # the name of each input's edition under `out_dir`, and the input
    for item in inputs:
        names = [item.name, *(item.name + suffix for suffix in REVIEW_SUFFIXES)]
        if not in_place and item.name in inside_out or any(name in inside_out for name in names[1:]):
            raise UsageError(
                f"{item.path}: the output {out_dir / item.name} would overwrite an input; choose another --out"
            )
        for name in names:
            other = _claimant(claimed, name)
            if other is not None and other != item.path:
                raise UsageError(
                    f"{item.path} and {other} would both be written to {out_dir / name}; rename one of them"
                )
        claimed[item.name] = item.path
        plan[item.path] = real_file(item.path) if in_place else out_dir / item.name
    return plan


def _names_under(inputs: Sequence[Input], folder: Path) -> set[str]:
    """The names under `folder` (resolved) of the inputs that are in it."""
    names = set()
    for item in inputs:
        resolved = item.path.resolve()
        if folder in resolved.parents:
            names.add(resolved.relative_to(folder).as_posix())
    return names


def _claimant(claimed: dict[str, Path], name: str) -> Path | None:
    """The input that already has an output of this name: its edition, or one of its review files."""
    if name in claimed:
        return claimed[name]
    for suffix in REVIEW_SUFFIXES:
        if name.endswith(suffix) and name[: -len(suffix)] in claimed:
            return claimed[name[: -len(suffix)]]
    return None


def real_file(path: Path) -> Path:
    """The file a path names: --in-place writes through a symbolic link to the file it points at."""
    return path.resolve() if path.is_symlink() else path


def review_path(target: Path, suffix: str) -> Path:
    return target.with_name(target.name + suffix)


def write_outputs(
    item: Input,
    outcome: Outcome,
    target: Path,
    review: Path,
    notes: dict[str, str],
    cache: Cache | None,
    key: str | None,
    history: Path | None = None,
    names: Sequence[str] = (),
    docx_mode: str = "review",
) -> None:
    """Write the corrected text to `target`, and its unified diff, change log, review report and
    review page next to `review`, each streamed to a temporary file first, then all renamed. Outputs
    that are still as a run with the same cache key left them are not written again. In place
    (`history` given), a run that changes the article is recorded there first, and a run that
    changes nothing leaves the last real record alone."""
    outputs = [target, *(review_path(review, suffix) for suffix in REVIEW_SUFFIXES)]
    written_for = f"{key}:{item.path.as_posix()}:{json.dumps(list(names))}:{docx_mode}"  # and what else they show
    if cache and cache.outputs_current(written_for, outputs):
        return
    _, diff, log, report, page = outputs
    if history is not None and not outcome.changed and diff.is_file():
        return
    path, output = item.path.as_posix(), target.as_posix()
    edition = edition_bytes(item.path, outcome, docx_mode)
    records: dict[Path, Iterable[bytes]] = {  # the records first and the edition last: a failure never
        diff: _diff_bytes(item, outcome, review),  # leaves an unrecorded edition
        log: utf8(change_log(path, output, outcome)),
        report: utf8(markdown_report(path, output, outcome)),
        page: utf8(review_page(path, review.as_posix(), outcome, notes, names)),
    }
    if history is not None and outcome.changed:
        with history_lock(history):  # two in-place runs on one article take turns
            before = _unchanged_since_read(item, outcome)
            files = record_files(
                history, before, edition, _diff_bytes(item, outcome, review), utf8(change_log(path, output, outcome))
            )
            write_atomically(files | records | {target: [edition]})
    else:
        write_atomically(records | {target: [edition]})
    if cache:
        cache.remember_outputs(written_for, outputs)


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


def _diff_bytes(item: Input, outcome: Outcome, review: Path) -> Iterator[bytes]:
    """The unified diff in the article's own encoding (with its UTF-8 byte-order mark), so that patch
    applies it to the file's bytes; UTF-8 with a note for UTF-16 and UTF-32, which patch cannot read."""
    encoding, bom, note = diff_form(outcome.original)
    lines = unified_diff(
        outcome.original.text, outcome.corrected, outcome.changes, str(item.path), review.as_posix(), bom=bom, note=note
    )
    return encoded(lines, encoding, errors="backslashreplace")  # only a file name can fall outside the encoding
