"""`cleanup diff`: a word-level diff of any two text files."""

from __future__ import annotations

import argparse
from pathlib import Path

from ...outputs.diff import pieces_from_texts
from ...outputs.terminal import print_word_diff
from ...textio import BinaryFile
from ..console import make_console
from ..errors import EXIT_CHANGES, EXIT_ERROR, EXIT_OK, UsageError
from ..inputs import read_document
from ..settings import checked_encoding


def run_diff(args: argparse.Namespace) -> int:
    encoding = checked_encoding(args.encoding)
    try:
        a, b = (read_document(Path(p), encoding) for p in (args.a, args.b))
    except BinaryFile as error:
        raise UsageError(f"cleanup diff: {error}") from None
    if a is None or b is None:
        return EXIT_ERROR
    pieces = pieces_from_texts(a.text, b.text)
    if a.text == b.text:
        return EXIT_OK
    print_word_diff(make_console(False), f"{args.a} → {args.b}", pieces)
    return EXIT_CHANGES
