"""Where a run finds its configuration and its glossary when none is named: the working folder,
then its parents up to the nearest project folder, as ruff finds its settings."""

from __future__ import annotations

import argparse
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import CONFIG_FILES, Config, ConfigError, parse_config
from ..glossary.files import folder_files
from .defaults import GLOSSARY_FOLDER

if TYPE_CHECKING:
    from ..house import HouseGlossary


def configuration_files(start: Path | None = None) -> Iterator[Path]:
    """cleanup.toml and pyproject.toml files from the working folder up to the project's root (a folder
    with `.git` or a pyproject.toml) or the file system's, nearest first (cleanup.toml before
    pyproject.toml in one folder), as paths relative to the working folder."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.exists() or candidate.is_symlink():  # a FIFO or folder of this name: reading it says so
                yield _relative(candidate)
        if (folder / ".git").exists() or (folder / "pyproject.toml").is_file():
            return  # the project's root: folders above it are not the project's


def discovery_start(args: argparse.Namespace) -> Path | None:
    """Where the configuration and glossary are looked for from: the folder of --stdin-filename, as if
    the article were there; None (the working folder) otherwise."""
    named = getattr(args, "stdin_filename", None)
    if not named or "-" not in (getattr(args, "paths", None) or ()):
        return None
    return Path(named).parent


def check_trusted(path: Path) -> None:
    """ConfigError unless a file found (not named) is the user's own and not writable by every user: a
    configuration or glossary in a shared folder (`/tmp`) could send articles anywhere (git's rule)."""
    try:
        info = path.stat()
    except OSError:
        return  # reading it says what is wrong
    why = ""
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        why = f"owned by another user (uid {info.st_uid})"
    elif info.st_mode & stat.S_IWOTH:  # group-writable is the norm with per-user groups (umask 002)
        why = f"writable by every user (mode {stat.S_IMODE(info.st_mode):o})"
    if why:
        raise ConfigError(
            f"{path}: {why}; cleanup reads such a file only when it is named on the command line "
            "(--config or --glossary); or make it yours and not writable by every user (chmod o-w)"
        )


def nearest_config(path: str | None, read: Callable[[Path], str], start: Path | None = None) -> Config:
    """The configuration named, else the nearest cleanup.toml, or pyproject.toml with a [tool.cleanup]
    table, from the working folder (or `start`) up; else the defaults. `read` reads a file; raises ConfigError."""
    for candidate in [Path(path)] if path else configuration_files(start):
        if not path:
            check_trusted(candidate)
        found = parse_config(candidate.as_posix(), read(candidate))
        if found is not None:
            return found
    return Config()


def glossary_folder(start: Path | None = None) -> Path:
    """`glossary/` in the working folder, else beside the nearest cleanup.toml or pyproject.toml
    above it (the project's own); the working folder's name when there is neither."""
    local = Path(GLOSSARY_FOLDER)
    if (start or Path.cwd()).joinpath(local).is_dir():
        return _relative(start / local) if start else local
    nearest = next(configuration_files(start), None)
    return nearest.parent / GLOSSARY_FOLDER if nearest else local


def _relative(path: Path) -> Path:
    """`path` as written from the working folder (`../cleanup.toml`), for messages a user can follow."""
    try:
        return Path(os.path.relpath(path))
    except ValueError:  # another drive (Windows)
        return path


def loaded_summary(config_path: str, files: Sequence[Path], glossary: HouseGlossary) -> str:
    """One line saying which configuration and glossary files a run uses, what each holds, and the
    glossary files beside them that it leaves out."""
    parts = []
    for file in files:
        name = file.as_posix()
        terms = [t for t in glossary.terms if t.where and t.where.path == str(file)]
        entries = sum(1 for t in terms if t.variants)
        rules = sum(1 for r in glossary.rules if r.defined_in.startswith(f"{file}:"))
        kinds = ((entries, "entry", "entries"), (len(terms) - entries, "name", "names"), (rules, "rule", "rules"))
        counts = [f"{n} {one if n == 1 else many}" for n, one, many in kinds if n]
        parts.append(f"{name} ({', '.join(counts) or 'empty'})")
    line = f"settings: {config_path or 'built-in defaults'}; glossary: {', '.join(parts)}"
    left_out = _left_out(files)
    if left_out:
        shown = ", ".join(p.as_posix() for p in left_out)
        line += f"; not loaded: {shown} (name it with --glossary, or in the configuration's glossary list, to use it)"
    return line


def _left_out(files: Sequence[Path]) -> list[Path]:
    """Glossary files in the folders of `files` that are not among them."""
    named = {f.resolve() for f in files}
    beside = {p for folder in {f.parent for f in files} for p in folder_files(folder)}
    return sorted(p for p in beside if p.resolve() not in named)
