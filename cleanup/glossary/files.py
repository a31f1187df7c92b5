"""Which files a glossary folder holds, for every interface that reads one (the command line, the Python API)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def folder_files(folder: Path) -> list[Path]:
    """The glossary files in `folder`: its *.yaml files, then its *.yml files, each sorted by name; none
    when it is not a folder."""
    return sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))


def glossary_files(paths: Iterable[Path]) -> list[Path]:
    """Each path, a folder standing for the glossary files it holds."""
    return [file for path in paths for file in (folder_files(path) if path.is_dir() else [path])]
