"""Word documents (.docx): the text of every paragraph in, the corrected edition out as tracked changes."""

from __future__ import annotations

from dataclasses import replace

from ...model import Outcome, Parsed
from .. import Contents
from .package import DocxError
from .revisions import write_docx
from .text import read_docx

Error = DocxError

__all__ = ["DocxError", "Error", "read", "read_docx", "write", "write_docx"]


def read(data: bytes, encoding: str | None) -> Contents:
    docx = read_docx(data)
    return Contents(replace(docx.document, parsed=Parsed(data, docx)))  # the writer edits this package


def write(original: bytes, outcome: Outcome, mode: str) -> bytes:
    return write_docx(original, outcome, mode)
