"""`check --changed-since REF`: the lines of each article changed since a git commit, read with git itself, and an
outcome cut down to the changes and flags on them (so an old archive can adopt the tool one edit at a time)."""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

from ..model import LineIndex, Outcome
from .errors import UsageError

_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)
EVERY_LINE = None  # an untracked file, or one git diffs as binary: every line counts as changed


def check_ref(ref: str) -> None:
    """UsageError (one line) unless the working folder is in a git repository that knows `ref` as a commit."""
    _git(Path.cwd(), "rev-parse", "--git-dir", why="not in a git repository; --changed-since compares with git")
    if not ref or ref.startswith("-"):
        raise UsageError(f"cleanup: --changed-since {ref!r}: not a git commit")
    _git(
        Path.cwd(),
        "rev-parse",
        "--verify",
        "--quiet",
        "--end-of-options",
        f"{ref}^{{commit}}",
        why=f"--changed-since {ref}: no such commit in this repository",
    )


def changed_lines(path: Path, ref: str, data: bytes | None = None) -> set[int] | None:
    """The 1-based lines of `path` (as it is now, or as `data` when its bytes were read from standard input)
    that differ from `ref`; EVERY_LINE for an untracked file or one git diffs as binary."""
    folder, name = path.parent, path.name
    tracked = subprocess.run(
        ["git", "ls-files", "--error-unmatch", "--", name], cwd=folder, capture_output=True, check=False
    )
    if tracked.returncode != 0:
        return EVERY_LINE
    options = ("--unified=0", "--no-color", "--no-ext-diff", "--no-textconv")
    diff: bytes | None
    if data is None:
        diff = _git(folder, "diff", *options, ref, "--", name, why=f"{path}: git diff {ref} failed")
    else:
        diff = _diff_given(folder, name, ref, data, options)
    return _lines_of(diff)


def _diff_given(folder: Path, name: str, ref: str, data: bytes, options: tuple[str, ...]) -> bytes | None:
    """git's diff of the file `name` at `ref` against `data` (None when `ref` has no such file)."""
    shown = subprocess.run(["git", "show", f"{ref}:./{name}"], cwd=folder, capture_output=True, check=False)
    if shown.returncode != 0:
        return None
    with tempfile.TemporaryDirectory() as scratch:
        before, after = Path(scratch, "before"), Path(scratch, "after")
        before.write_bytes(shown.stdout)
        after.write_bytes(data)
        done = subprocess.run(
            ["git", "diff", "--no-index", *options, "--", str(before), str(after)], capture_output=True, check=False
        )
    if done.returncode not in (0, 1):  # 1: they differ
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(
            f"cleanup: git diff of standard input against {ref} failed" + (f" ({said[0]})" if said else "")
        )
    return done.stdout


def _lines_of(diff: bytes | None) -> set[int] | None:
    """The new side's lines that a diff without context changes; EVERY_LINE for none or a binary diff."""
    if diff is None or re.search(rb"^Binary files ", diff, re.M):
        return EVERY_LINE
    lines: set[int] = set()
    for match in _HUNK.finditer(diff):
        first, count = int(match[1]), int(match[2] if match[2] is not None else 1)
        lines.update(range(first, first + count))  # a deletion (count 0) changes no line that is left
    return lines


def on_lines(outcome: Outcome, lines: set[int] | None) -> Outcome:
    """The outcome with only the changes and flags whose lines meet `lines` (all of them for EVERY_LINE)."""
    if lines is EVERY_LINE:
        return outcome
    index = LineIndex(outcome.original.text)

    def meets(start: int, end: int) -> bool:
        first, last = index.position(start)[0], index.position(max(start, end - 1))[0]
        return any(line in lines for line in range(first, last + 1))

    changes = tuple(c for c in outcome.changes if meets(c.start, c.end))
    flags = tuple(f for f in outcome.flags if meets(f.start, f.end))
    if not changes:  # nothing left to fix here: the file counts as unchanged
        return replace(outcome, corrected=outcome.original.text, changes=(), flags=flags, accepted=frozenset())
    return replace(outcome, changes=changes, flags=flags)


def _git(folder: Path, *arguments: str, why: str) -> bytes:
    """git's output; UsageError with `why` and git's own first line when it fails or is not installed."""
    try:
        done = subprocess.run(["git", *arguments], cwd=folder, capture_output=True, check=False)
    except OSError as error:
        raise UsageError(f"cleanup: --changed-since needs git ({error.strerror})") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"cleanup: {why}" + (f" ({said[0]})" if said else ""))
    return done.stdout
