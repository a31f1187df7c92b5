"""`python -m cleanup` and the `cleanup` command: the command-line interface."""

import gc
import sys


def run() -> None:
    """Run the command line and exit with its code. The garbage collector stays off for the whole process:
    importing the package and a run make no cycles worth collecting (a run pauses it anyway). The interpreter
    still collects once as it exits, collector off or not, scanning every object the run made: frozen first,
    they are skipped, and the process ends at once (some 10 ms of a cold run)."""
    gc.disable()
    from .cli import main

    try:
        sys.exit(main())
    finally:
        gc.freeze()


if __name__ == "__main__":
    run()
