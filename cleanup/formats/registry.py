"""The one list of formats an article may come in, and which one a file is in (by its suffix). Each format's
module is imported only when a file in it is read, so a run on text files never loads an XML parser."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from ..model import Outcome
    from . import Contents


class FormatModule(Protocol):
    """What a format's module gives: a reader, a writer and the error both raise."""

    Error: type[Exception]

    def read(self, data: bytes, encoding: str | None) -> Contents:
        """The file's contents; `encoding` is the one the user gave (--encoding), else None."""

    def write(self, original: bytes, outcome: Outcome, mode: str) -> bytes:
        """The corrected file, from the bytes read and the outcome; `mode` is Word's (`review` or `clean`)."""


@dataclass(frozen=True)
class Format:
    """A format: its name, the suffixes that name its files, and its module (under `cleanup.formats`)."""

    name: str
    suffixes: tuple[str, ...]
    module: str
    # Text as it is, no markup around it: an Arabic source in it is decoded as Arabic, an edition is written from
    # the outcome alone, and an in-place run compares its bytes itself (other writers compare them as they splice).
    plain: bool = False
    bilingual: bool = False  # holds its own Arabic sources, segment by segment
    sources: bool = False  # an Arabic source beside an article may be in it (NAME.ar.txt)
    files: str = ""  # how its files are named in a listing, when not by their suffix alone
    glob: str = ""  # the files a folder is searched for, when not every file with one of its suffixes

    @property
    def globs(self) -> tuple[str, ...]:
        """The names of its files a folder is searched for."""
        return (self.glob,) if self.glob else tuple(f"*{suffix}" for suffix in self.suffixes)

    def read(self, data: bytes, encoding: str | None = None) -> Contents:
        """The contents of a file in this format (its module's Error when it is not one)."""
        return self._module().read(data, encoding)

    def write(self, original: bytes, outcome: Outcome, mode: str = "review") -> bytes:
        """The corrected edition of a file in this format, from the bytes read (its module's Error when it
        cannot be written)."""
        return self._module().write(original, outcome, mode)

    @property
    def error(self) -> type[Exception]:
        """What its reader and writer raise for a file they cannot read or write."""
        return self._module().Error

    def _module(self) -> FormatModule:
        return cast(FormatModule, importlib.import_module(f"{__package__}.{self.module}"))


TEXT = Format("text", (".txt",), "text", plain=True, sources=True)
FORMATS = (
    TEXT,
    Format("Markdown", (".md",), "markdown", plain=True, sources=True),
    Format("Word", (".docx",), "docx", sources=True),
    Format("XLIFF", (".xlf", ".xliff"), "bilingual", bilingual=True),
    Format("TMX", (".tmx",), "bilingual", bilingual=True),
    Format("HTML", (".html", ".htm"), "html"),
    # As WordPress names its exports; any .xml file named on the command line is read as one too.
    Format("WordPress export", (".xml",), "wxr", files="WordPress export", glob="*.WordPress.*.xml"),
)
_BY_SUFFIX = {suffix: entry for entry in FORMATS for suffix in entry.suffixes}
SUFFIXES = tuple(_BY_SUFFIX)
# The files a folder is searched for (the configuration's default `include`).
GLOBS = tuple(f"**/{glob}" for entry in FORMATS for glob in entry.globs)


def format_for(path: PurePath) -> Format:
    """The format a file is in, by its suffix; text for a suffix no format claims (a file named explicitly)."""
    return _BY_SUFFIX.get(path.suffix.lower(), TEXT)


def is_listed(path: PurePath) -> bool:
    """Whether a file's suffix names one of the formats (a file found in a folder is read only then)."""
    return path.suffix.lower() in _BY_SUFFIX
