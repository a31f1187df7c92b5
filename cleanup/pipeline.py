"""The per-document step: a pure function from a document and settings to an outcome."""

from __future__ import annotations

from dataclasses import dataclass

from .fix import fix
from .loader import Glossary
from .model import Document, Outcome


@dataclass(frozen=True)
class Settings:
    """Everything that decides what the pipeline does to a document."""

    glossary: Glossary


def process(document: Document, settings: Settings) -> Outcome:
    """Normalize `document` and return the corrected text with every change explained."""
    result = fix(document.text, [settings.glossary.matcher.edits])
    return Outcome(document, result.text, result.changes)
