"""Markdown (.md): text decoded and written back as plain text is, the document marked as Markdown, so that
the pipeline reads its blocks as paragraphs and protects its markup (code, HTML, link targets, front matter,
found by `cleanup.markup` in every version of the text the fixes make)."""

from __future__ import annotations

from dataclasses import replace

from ..textio import decode
from . import Contents
from .text import Error, write

__all__ = ["Error", "read", "write"]


def read(data: bytes, encoding: str | None) -> Contents:
    return Contents(replace(decode(data, encoding), markdown=True))
