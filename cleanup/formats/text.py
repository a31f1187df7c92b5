"""Plain text (.txt): decoded as it is (byte-order mark, UTF-8, else the encoding given) and written back in
its own encoding, byte-order mark and line endings."""

from __future__ import annotations

from ..model import Outcome
from ..textio import DecodeError, decode, encode
from . import Contents

Error = DecodeError  # BinaryFile, a subclass, for a file that is not text at all


def read(data: bytes, encoding: str | None) -> Contents:
    return Contents(decode(data, encoding))


def write(original: bytes, outcome: Outcome, mode: str) -> bytes:
    """The corrected text as the original was written (the file's bytes are not needed)."""
    return encode(outcome.original, outcome.corrected)
