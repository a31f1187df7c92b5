"""Running a command with every failure turned into a message and an exit code, never a traceback."""

from __future__ import annotations

import argparse
import os
import sys

from ..checkers import CheckerError
from ..gcpause import paused_garbage_collection
from ..model import ProblemsError
from .console import print_error
from .errors import DEBUG_HINT, EXIT_CHANGES, EXIT_ERROR, UsageError
from .write import WriteError


def run_guarded(args: argparse.Namespace) -> int:
    """Run the command `args` names; bad input (a glossary, a file, a checker) gets one message each."""
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
