"""Command-line interface (the only part of cleanup that touches the file system): `main`.

Modules by job: `parser` (commands and options), `settings` (configuration, glossary, checker),
`inputs` (finding and reading files), `batch` (processing files in order, in workers, from the
cache), `plan` and `write` (where outputs go; all-or-nothing writes), `guard` (failures as messages and exit
codes), `defaults` (where a run reads and writes), `history` (in-place runs and
undo), `progress`, `console`, `project` (configuration and glossary found up the tree), `errors`,
and `commands/` (one module per command).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..checkers import DEFAULT_DIALECT
from ..checkers.warmup import warm_up
from .parser import build_parser

__all__ = ["main", "build_parser"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code; never lets a traceback reach the user for bad input."""
    args = build_parser().parse_args(argv)
    if args.command in ("fix", "check") and args.grammar in (None, "harper"):
        warm_up(args.dialect or DEFAULT_DIALECT)  # the usual run checks grammar with Harper: start it first
    from .guard import run_guarded  # after the warm-up has started: it imports most of the package

    return run_guarded(args)
