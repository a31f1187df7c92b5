"""Exit codes and the one error a command raises for bad input (printed as one line, exit 2)."""

from __future__ import annotations

EXIT_OK, EXIT_CHANGES, EXIT_ERROR = 0, 1, 2


DEBUG_HINT = "set CLEANUP_DEBUG=1 to see the traceback"


class UsageError(Exception):
    """A problem with the command line or the files it names; printed as one line, exit 2."""


def first_line(error: Exception) -> str:
    return (str(error).strip() or type(error).__name__).splitlines()[0]
