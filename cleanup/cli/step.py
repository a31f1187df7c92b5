"""The per-file step every worker runs (in this process, a worker process or a cluster's worker): one
file read and processed, whatever goes wrong with it turned into a typed result for that file alone."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..checkers import CheckerError
from ..fix import FixDidNotConverge
from ..model import Decision, Outcome
from ..pipeline import Settings, process
from ..textio import BinaryFile, DecodeError
from .errors import DEBUG_HINT, UsageError
from .inputs import ArticleError, read_contents, read_source, undecodable


@dataclass(frozen=True)
class Processed:
    """A file processed (or taken from the cache): its outcome."""

    outcome: Outcome


@dataclass(frozen=True)
class Skipped:
    """A file that is not an article (binary): reported, not a failure."""

    why: str


@dataclass(frozen=True)
class Failed:
    """A file that could not be processed: the message names it and says what to do."""

    message: str


Result = Processed | Skipped | Failed
Task = tuple[Path, str | None, list[Decision], Path | None]  # path, encoding, decisions, source


def process_one(
    settings: Settings,
    path: Path,
    encoding: str | None,
    decisions: list[Decision],
    source_path: Path | None = None,
    data: bytes | None = None,
    source_data: bytes | None = None,
) -> Result:
    """One file's result (its bytes and its source's given when already read): whatever goes wrong with
    one file never stops the others."""
    try:
        contents = read_contents(path, encoding, data)
        source = read_source(source_path, encoding, source_data) if source_path else contents.source
    except BinaryFile as error:
        return Skipped(str(error))
    except DecodeError as error:
        return Failed(undecodable(path, error))
    except (UsageError, ArticleError) as error:
        return Failed(str(error))
    try:
        return Processed(process(contents.document, settings, decisions, source))
    except FixDidNotConverge as error:
        return Failed(
            f"{path}: {error}; nothing was written for this file. Check these rules for edits that undo each other."
        )
    except CheckerError:
        raise  # the checker is down for every file, not just this one
    except Exception as error:  # a bug: report it for this file and go on with the others
        if os.environ.get("CLEANUP_DEBUG"):
            raise
        return Failed(f"{path}: internal error: {type(error).__name__}: {error} (please report it; {DEBUG_HINT})")
