"""Markdown (.md): text decoded and written back as plain text is, the document marked as Markdown (so that
its code, links and front matter are protected and its blocks read as paragraphs)."""

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
