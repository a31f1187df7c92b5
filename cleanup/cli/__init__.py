"""Command-line interface (the only part of cleanup that touches the file system): `main`.

Modules by job: `parser` (commands and options), `run` (one run, built once), `settings` (configuration,
glossary, checker), `grammar` (the checker asked for), `inputs` (finding and reading files), `batch`
(processing files in order, in workers, from the cache), `step` (the per-file step a worker runs),
`workers` (this process or worker processes, a few files in flight each), `cluster` (a Dask cluster),
`plan` and `write` (where outputs go; writing them all or nothing), `guard` (failures as messages and
exit codes), `defaults` (where a run reads and writes), `history` (in-place runs and undo), `progress`,
`console`, `project` (configuration and glossary found up the tree), `errors`, and `commands/` (one
module per command).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ..checkers import harper_dialect
from ..config import Config, ConfigError
from .grammar import chosen_grammar
from .parser import build_parser
from .project import discovery_start, nearest_config

__all__ = ["main", "build_parser"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code; never lets a traceback reach the user for bad input."""
    words = sys.argv[1:] if argv is None else argv
    args = build_parser(words).parse_args(words)
    dialect = _harper_dialect(args)
    if dialect:
        from ..checkers.warmup import warm_up  # only for Harper: a run without it never loads the warm-up

        warm_up(dialect)  # the usual run checks grammar with Harper: start loading it first
    from .guard import run_guarded  # after the warm-up has started: it imports most of the package

    return run_guarded(args)


def _harper_dialect(args: argparse.Namespace) -> str | None:
    """The Harper dialect a fix or check run will use (None: no Harper), from the options and the
    configuration file, read here without loading the rest of the package; a configuration that does not
    read is reported later, by the run itself."""
    if args.command not in ("fix", "check"):  # `lsp` lints in a worker process (lsp/harperworker)
        return None
    try:
        config = nearest_config(args.config, _regular_file_text, discovery_start(args))
    except (ConfigError, OSError, ValueError):
        config = Config()
    grammar = chosen_grammar(args, config)
    return harper_dialect(grammar.dialect) if grammar.backend == "harper" else None


def _regular_file_text(path: Path) -> str:
    """A configuration file's text; never opens a FIFO or device (that would wait for a writer): the
    run itself refuses those with a message."""
    if not path.is_file():
        raise OSError(f"{path}: not a regular file")
    return path.read_text(encoding="utf-8")
