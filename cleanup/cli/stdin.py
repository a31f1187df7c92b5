"""An article read from standard input (`-`): its bytes, the name it goes by (`--stdin-filename`: its format by
the suffix, and where its configuration and glossary are found), read as a file is read."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import UsageError
from .inputs import MAX_INPUT_BYTES, Input, source_beside

STDIN = "-"


def reads_stdin(args: argparse.Namespace) -> bool:
    """Whether the run reads its one article from standard input; `-` among other paths, or a
    --stdin-filename without `-`, is a usage error."""
    paths: Sequence[str] = getattr(args, "paths", None) or ()
    named = getattr(args, "stdin_filename", None)
    if STDIN not in paths:
        if named is not None:
            raise UsageError("cleanup: --stdin-filename names the article read from standard input; give `-` as PATH")
        return False
    if len(paths) > 1:
        raise UsageError("cleanup: `-` (standard input) must be the only PATH")
    if named is not None and not named.strip():
        raise UsageError("cleanup: --stdin-filename is empty; give the article's file name, for example draft.md")
    return True


def stdin_input(named: str | None) -> Input:
    """The article on standard input, read whole (at most MAX_INPUT_BYTES), under the name given (else `-`,
    read as text); an Arabic source beside a named file is its source, as for a file."""
    path = Path(named) if named else Path(STDIN)
    return Input(path, path.name or STDIN, source_beside(path) if named else None, read_stdin())


def read_stdin() -> bytes:
    """Standard input's bytes, as they are (no newline translation, no decoding)."""
    stream = sys.stdin.buffer if sys.stdin is not None else None
    if stream is None:
        raise UsageError("cleanup: `-` reads standard input, but there is none")
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise UsageError(f"-: larger than {MAX_INPUT_BYTES >> 20} MB; split it into articles")
    return data
