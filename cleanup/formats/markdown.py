"""Markdown (.md): text decoded and written back as plain text is, the document marked as Markdown, so that
the pipeline reads its blocks as paragraphs and protects its markup (code, HTML, link targets, front matter,
found by `cleanup.markup` in every version of the text the fixes make)."""

from __future__ import annotations

from dataclasses import replace

from ..model import Outcome
from ..textio import DecodeError, decode, encode
from . import Contents

Error = DecodeError  # BinaryFile, a subclass, for a file that is not text at all


def read(data: bytes, encoding: str | None) -> Contents:
    return Contents(replace(decode(data, encoding), markdown=True))


def write(original: bytes, outcome: Outcome, mode: str) -> bytes:
    return encode(outcome.original, outcome.corrected)
