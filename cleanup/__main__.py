"""`python -m cleanup` and the `cleanup` command: the command-line interface."""

import gc
import sys


def run() -> None:
    """Run the command line and exit with its code. The garbage collector stays off for the whole process:
    importing the package and a run make no cycles worth collecting (a run pauses it anyway), and a
    collector left on scans every object once more as the process ends."""
    gc.disable()
    from .cli import main

    sys.exit(main())


if __name__ == "__main__":
    run()
