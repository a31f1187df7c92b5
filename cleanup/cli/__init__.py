"""Command-line interface (the only part of cleanup that touches the file system): `main`.

Modules by job: `parser` (commands and options), `settings` (configuration, glossary, checker),
`inputs` (finding and reading files), `batch` (processing files in order, in workers, from the
cache), `plan` and `write` (where outputs go; all-or-nothing writes), `history` (in-place runs and
undo), `progress`, `console`, `project` (configuration and glossary found up the tree), `errors`,
and `commands/` (one module per command).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from ..checkers.harper import CheckerError
from ..model import ProblemsError
from ..yamlread import paused_garbage_collection
from .console import print_error
from .errors import DEBUG_HINT, EXIT_CHANGES, EXIT_ERROR, UsageError
from .parser import build_parser
from .write import WriteError

__all__ = ["main", "build_parser"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code; never lets a traceback reach the user for bad input."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with paused_garbage_collection():  # a run builds millions of small acyclic objects on large files
            return args.handler(args)
    except ProblemsError as error:  # a glossary, a decisions file: every problem with its place
        for problem in error.problems:
            print_error(str(problem))
    except (UsageError, WriteError) as error:
        print_error(str(error))
    except CheckerError as error:
        print_error(f"cleanup: {error}")
    except BrokenPipeError:
        # The reader stopped early (`cleanup check | head`): not an error worth a message.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_CHANGES
    except KeyboardInterrupt:
        print_error("cleanup: interrupted; no partial files were left")
        return 130
    except Exception as error:  # a bug, not bad input: say so briefly unless asked for details
        if os.environ.get("CLEANUP_DEBUG"):
            raise
        print_error(f"cleanup: internal error: {type(error).__name__}: {error} (please report it; {DEBUG_HINT})")
    return EXIT_ERROR
