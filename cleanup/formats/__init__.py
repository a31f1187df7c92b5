"""Formats an article may come in: each reader gives the pipeline a Document (its text, and the spans no rule
may edit) and each writer puts an outcome back into the format; the pipeline never sees the format.
`registry` lists them; here is what they share: `Contents`, what a reader gives, and `FormatError`, what
every format raises for a file it cannot read or write."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Document


class FormatError(Exception):
    """A file that cannot be read or written in its format; the message says why and what to do."""


@dataclass(frozen=True)
class Contents:
    """What a format reads from a file: the English text, and the Arabic source a bilingual file holds (None
    when it holds none, or sources in another language)."""

    document: Document
    source: Document | None = None
