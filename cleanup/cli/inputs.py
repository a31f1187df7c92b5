"""Finding and reading a run's input files (articles, side files, decisions) with clear errors."""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..config import Config
from ..decisions import SUFFIX as DECISIONS_SUFFIX
from ..decisions import DecisionFile, DecisionsError, load_decisions
from ..formats import Contents, FormatError
from ..formats.registry import SUFFIXES, format_for, is_listed
from ..model import Document, Outcome
from ..textio import BinaryFile, DecodeError, decode, decode_arabic
from .console import print_error
from .defaults import DEFAULT_INPUT, SOURCE_SUFFIXES, listed_files
from .errors import UsageError

MAX_INPUT_BYTES = 256 << 20  # an article larger than this is refused, not read


REPORT_SUFFIX = ".report.md"


REVIEW_HEADING = b"# Review: "  # the first line of every review report
REVIEW_PAGE_SUFFIX = ".html"
REVIEW_PAGE_HEAD = (
    b'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'  # how every review page starts
)


NO_DECISIONS = DecisionFile(None, None, [])


@dataclass(frozen=True)
class Input:
    """One text file to process and where its outputs go."""

    path: Path
    name: str  # path relative to the folder it was found in, or the file name
    source: Path | None = None  # the Arabic source it was translated from, when known
    data: bytes | None = None  # its bytes, for an article read from standard input (never read from `path`)

    def read(self) -> bytes:
        """The article's bytes: those read from standard input, else the file's."""
        return self.data if self.data is not None else read_bytes(self.path)


def find_inputs(
    paths: Sequence[str],
    exclude: Path | None = None,
    globs: Config | None = None,
    unreadable: Callable[[str, str], None] | None = None,
) -> list[Input]:
    """Every text file named, or found under the named folders (filtered by the configuration's
    `include` and `exclude` globs), in a stable order. A subfolder that cannot be read is passed to
    `unreadable` (path, message), else reported as an error; the rest of the run goes on."""
    found: list[Input] = []
    for raw in paths or [DEFAULT_INPUT]:
        if not raw:
            raise UsageError("cleanup: an empty path was given; name a file or folder (`.` for the working folder)")
        path = Path(raw)
        if path.is_dir():
            files, errors = _walk(path, exclude)
            if errors and errors[0].filename == str(path):
                raise UsageError(f"{path}: cannot read this folder ({errors[0].strerror}); check its permissions")
            for error in errors:
                message = (
                    f"{error.filename}: cannot read this folder ({error.strerror}); its articles were not processed"
                )
                (unreadable or (lambda _, why: print_error(why)))(str(error.filename), message)
            files = [f for f in files if _wanted(f.relative_to(path).as_posix(), globs or Config())]
            if not files and not errors:
                raise UsageError(f"{path}: no {listed_files('or')} in this folder")
            files = [f for f in files if not is_source_file(f)]
            found.extend(Input(file, file.relative_to(path).as_posix(), source_beside(file)) for file in files)
        elif path.exists():
            found.append(Input(path, path.name, source_beside(path)))
        elif not paths:
            raise UsageError(
                f"{DEFAULT_INPUT}: no such folder (the default when no PATH is given); name articles or "
                "folders, for example: cleanup fix article.txt drafts/"
            )
        else:
            raise UsageError(f"{path}: no such file or folder")
    return found


def source_beside(article: Path) -> Path | None:
    """`NAME.ar.txt` or `NAME.ar.md` beside the article `NAME.ext`, when there (never for a bilingual file,
    which holds its own sources)."""
    if format_for(article).bilingual:
        return None
    for suffix in SOURCE_SUFFIXES:
        candidate = article.with_name(article.stem + suffix)
        if candidate != article and candidate.is_file():
            return candidate
    return None


def is_source_file(path: Path) -> bool:
    """A `NAME.ar.txt` or `NAME.ar.md` with an article `NAME.*` beside it: a source, not an article."""
    name = path.name
    for suffix in SOURCE_SUFFIXES:
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            return any(path.with_name(stem + s).is_file() for s in SUFFIXES)
    return False


def with_source(inputs: Sequence[Input], explicit: str | None) -> list[Input]:
    """The inputs with --source FILE given to the one article named (an error for several)."""
    if not explicit:
        return list(inputs)
    if len(inputs) != 1:
        raise UsageError(f"cleanup: --source FILE applies to one article, but {len(inputs)} were given")
    source = Path(explicit)
    if format_for(inputs[0].path).bilingual:
        raise UsageError(f"{inputs[0].path}: a bilingual file holds its own sources; --source is for other articles")
    if not source.is_file():
        raise UsageError(f"{source}: no such file (the --source article)")
    return [Input(inputs[0].path, inputs[0].name, source)]


def read_source(path: Path, encoding: str | None = None, data: bytes | None = None) -> Document:
    """The Arabic source (its bytes `data`, when already read): a Word file's paragraphs, or text (with a
    byte-order mark, UTF-8, else in `encoding`, else Windows Arabic when it reads as Arabic); UsageError
    naming it when unreadable."""
    try:
        if format_for(path).plain:
            return decode_arabic(read_bytes(path) if data is None else data, encoding)
        return replace(read_article(path, None, data), parsed=None)  # a source is never written: its package goes
    except BinaryFile:
        raise UsageError(
            f"{path}: the source is not a text file (it contains NUL bytes); save it as UTF-8 text or .docx"
        ) from None
    except DecodeError as error:
        raise UsageError(f"{path}:{error}; save the source as UTF-8, or give --encoding NAME") from None
    except ArticleError as error:
        raise UsageError(str(error)) from None


def _wanted(relative: str, config: Config) -> bool:
    """Whether a file found in a folder passes the `include` and `exclude` globs."""
    return any(_glob_match(relative, g) for g in config.include) and not any(
        _glob_match(relative, g) for g in config.exclude
    )


def _glob_match(relative: str, pattern: str) -> bool:
    """fnmatch on the path inside the folder; a leading `**/` also matches files at the top."""
    return fnmatch.fnmatchcase(relative, pattern) or (
        pattern.startswith("**/") and fnmatch.fnmatchcase(relative, pattern[3:])
    )


def _walk(folder: Path, exclude: Path | None) -> tuple[list[Path], list[OSError]]:
    """The article files under `folder` (not following links to folders), and the subfolders that
    could not be read."""
    # The output folder inside an input folder holds outputs, not inputs (unless they are the same folder).
    skip = exclude.resolve() if exclude and exclude.resolve() != folder.resolve() else None
    files: list[Path] = []
    errors: list[OSError] = []
    for root, folders, names in os.walk(folder, onerror=errors.append):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in names:
            file = Path(root, name)
            if name.startswith((".", "~$")) or not is_listed(file) or not file.is_file():
                continue
            if skip and skip in file.resolve().parents:
                continue
            if _is_review_output(file):
                continue
            files.append(file)
    return sorted(files), errors


def _is_review_output(file: Path) -> bool:
    """A `NAME.report.md` or `NAME.html` review written by `fix` next to the corrected `NAME` (starting as
    they start): an output, not an article. Any other file of that name is an article (and its outputs clash)."""
    for suffix, heading in ((REPORT_SUFFIX, REVIEW_HEADING), (REVIEW_PAGE_SUFFIX, REVIEW_PAGE_HEAD)):
        if file.name.endswith(suffix) and file.with_name(file.name[: -len(suffix)]).is_file():
            try:
                with open(file, "rb") as stream:
                    return stream.read(len(heading)) == heading
            except OSError:
                return False
    return False


def decisions_finder(
    explicit: str | None, inputs: Sequence[Input], out_dir: Path, force: bool = False
) -> Callable[[Input], DecisionFile]:
    """Where each input's review decisions come from: --decisions FILE (one input only), else
    `<output folder>/<name>.decisions.yaml` when it exists. Every file is read before any work, and
    decisions made on another article are refused (unless `force`)."""
    if explicit and len(inputs) != 1:
        raise UsageError(f"cleanup: --decisions FILE applies to one article, but {len(inputs)} were given")
    found: dict[Path, DecisionFile] = {}
    for item in inputs:
        path = Path(explicit) if explicit else out_dir / (item.name + DECISIONS_SUFFIX)
        if explicit or path.is_file():
            try:
                decided = load_decisions(str(path), read_utf8(path))
            except DecisionsError as error:
                raise UsageError(str(error)) from None
            if not force and not decided.written_for(item.path.as_posix(), item.read):
                raise UsageError(
                    f"{path}:1:1: these decisions were made on {decided.article}, not on {item.path}; "
                    "give the decisions file of this article, or --force to apply them anyway"
                )
            found[item.path] = decided
    return lambda item: found.get(item.path, NO_DECISIONS)


def read_utf8(path: Path) -> str:
    """A side file (glossary, configuration, decisions) that must be UTF-8 text."""
    try:
        return decode(read_bytes(path)).text
    except BinaryFile:
        raise UsageError(f"{path}: not a text file (it contains NUL bytes); save it as UTF-8 text") from None
    except DecodeError as error:
        raise UsageError(f"{path}:{error}; save the file as UTF-8") from None


class ArticleError(Exception):
    """An article that cannot be read in its format (a damaged Word file); the message names the file."""


def read_article(path: Path, encoding: str | None, data: bytes | None = None) -> Document:
    """An article (its bytes `data`, when already read) as a Document: a Word file's paragraphs, a
    bilingual file's English targets, a web page's text, a WordPress export's posts, or a text file decoded
    (DecodeError, BinaryFile)."""
    return read_contents(path, encoding, data).document


def read_contents(path: Path, encoding: str | None, data: bytes | None = None) -> Contents:
    """An article read once: its Document, and the Arabic sources a bilingual file holds."""
    try:
        return format_for(path).read(read_bytes(path) if data is None else data, encoding)
    except FormatError as error:
        raise ArticleError(f"{path}: {error}") from None


def embedded_source(path: Path, data: bytes | None = None) -> Document | None:
    """The Arabic sources of a bilingual file (XLIFF, TMX), one segment a line; None for other files and for
    a bilingual file whose sources are in another language."""
    form = format_for(path)
    if not form.bilingual:
        return None
    try:
        return form.read(read_bytes(path) if data is None else data).source
    except FormatError as error:
        raise ArticleError(f"{path}: {error}") from None


def edition_bytes(path: Path, outcome: Outcome, docx_mode: str, data: bytes | None = None) -> bytes:
    """The corrected edition as a file: a Word file with its changes tracked (or made), a web page or a
    WordPress export with its text corrected, or the text encoded as the article was (`data`: the
    article's bytes, when not read from `path`)."""
    form = format_for(path)
    original = b"" if form.plain else data if data is not None else read_bytes(path)  # text: from the outcome alone
    try:
        return form.write(original, outcome, docx_mode)
    except FormatError as error:  # this file's edition alone cannot be written: the others still are
        raise ArticleError(f"{path}: {error}") from None


def read_document(path: Path, encoding: str | None) -> Document | None:
    """A file's text for the tools (a Word file's paragraphs too); None after printing why it cannot be
    read. A binary file raises BinaryFile."""
    try:
        return read_article(path, encoding)
    except BinaryFile:
        raise
    except DecodeError as error:
        print_error(undecodable(path, error))
    except ArticleError as error:
        print_error(str(error))
    return None


def read_texts(inputs: Sequence[Input]) -> Iterator[tuple[Input, Document]]:
    """The text of each article that can be read; the others are reported and skipped."""
    for item in inputs:
        try:
            document = read_document(item.path, None)
        except BinaryFile as error:
            print_error(f"{item.path}: {error}")
            continue
        if document is not None:
            yield item, document


def undecodable(path: Path, error: DecodeError) -> str:
    return f"{path}:{error}; use --encoding NAME if the file is in another encoding (for example cp1256)"


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_INPUT_BYTES; never a device, FIFO or socket."""
    try:  # opened without blocking, so that a FIFO with no writer is refused rather than waited on
        with os.fdopen(
            os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)), "rb"
        ) as stream:
            mode = os.fstat(stream.fileno()).st_mode
            if stat.S_ISDIR(mode):
                raise UsageError(f"{path}: is a folder, expected a file")
            if not stat.S_ISREG(mode):
                raise UsageError(f"{path}: not a regular file (a device, pipe or socket); give a text file")
            data = stream.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder, expected a file") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot read ({error.strerror})") from None
    if len(data) > MAX_INPUT_BYTES:
        raise UsageError(f"{path}: larger than {MAX_INPUT_BYTES >> 20} MB; split it into articles")
    return data
