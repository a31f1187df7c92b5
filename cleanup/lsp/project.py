"""What the server checks with: the settings and the glossary files, loaded by the command line's own
functions (handed in as `load`), and names added to the glossary with its comments kept."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ..house import GlossaryError, house_glossary
from ..pipeline import Settings
from ..upkeep.adding import add_names
from .paragraphs import OpenDocuments, open_documents


class SetupError(Exception):
    """The configuration or glossary cannot be read for a reason with no place in a file (one message)."""


@dataclass(frozen=True)
class Project:
    """The settings documents are checked with (Harper in a worker process), the glossary files they were
    made of (absolute paths), and with Harper each open document's lints kept per paragraph."""

    settings: Settings
    glossary_files: tuple[Path, ...]
    documents: OpenDocuments | None = None

    @classmethod
    def of(cls, settings: Settings, files: list[str]) -> Project:
        documents = open_documents(settings.checker)
        if documents is not None:
            settings = replace(settings, checker=documents.linter)  # type: ignore[arg-type]  # a Checker too
        return cls(settings, tuple(Path(path).resolve() for path in files), documents)

    def settings_for(self, uri: str) -> Settings:
        """The settings the document is checked with: with Harper, its own kept lints."""
        if self.documents is None:
            return self.settings
        return replace(self.settings, checker=self.documents.checker(uri))

    def close(self, uri: str) -> None:
        """Forget what was kept for a closed document."""
        if self.documents is not None:
            self.documents.close(uri)

    def stop(self) -> None:
        """Let go of the project (a new one was loaded, or the server stops): its worker process exits."""
        if self.documents is not None:
            self.documents.stop()

    def names_file(self) -> Path:
        """The file names are added to: the glossary's house.yaml, as `cleanup glossary add` writes, else its first."""
        return next((path for path in self.glossary_files if path.name == "house.yaml"), self.glossary_files[0])


Load = Callable[[], Project]  # raises GlossaryError (problems with file, line, column) or SetupError


def add_name(project: Project, name: str) -> Path:
    """Add `name` to the glossary's names in place (comments kept), only if the glossary still loads with it;
    raises GlossaryError otherwise. Returns the file written."""
    target = project.names_file()
    text = target.read_text(encoding="utf-8")
    new_text = add_names(text, [name])
    others = [(str(path), path.read_text(encoding="utf-8")) for path in project.glossary_files if path != target]
    house_glossary([*others, (str(target), new_text)])  # raises GlossaryError: the file is left as it was
    _write_atomically(target, new_text)
    return target


def _write_atomically(path: Path, text: str) -> None:
    """Replace the file's text in one step (an editor watching it never reads half of it)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temporary, path.stat().st_mode & 0o777)  # the file keeps its permissions
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


__all__ = ["GlossaryError", "Load", "Project", "SetupError", "add_name"]
