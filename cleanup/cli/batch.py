"""Processing a batch of files: in order, in worker processes, from the cache; typed results per file."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

from ..cache import Cache
from ..checkers import CheckerError
from ..decisions import DecisionFile
from ..fix import FixDidNotConverge
from ..formats.registry import format_for
from ..model import Decision, Outcome
from ..pipeline import Settings, process
from ..textio import BinaryFile, DecodeError
from .console import print_error
from .errors import DEBUG_HINT, UsageError
from .inputs import ArticleError, Input, embedded_source, read_article, read_bytes, read_source, undecodable
from .progress import ProgressLine
from .settings import checked_encoding

_WORD = regex.compile(r"\S+")


@dataclass(frozen=True)
class Processed:
    """A file processed (or taken from the cache): its outcome."""

    outcome: Outcome


@dataclass(frozen=True)
class Skipped:
    """A file that is not an article (binary): reported, not a failure."""

    why: str


@dataclass(frozen=True)
class Failed:
    """A file that could not be processed: the message names it and says what to do."""

    message: str


Result = Processed | Skipped | Failed
Task = tuple[Path, str | None, list[Decision], Path | None]  # path, encoding, decisions, source


def outcomes(
    inputs: Sequence[Input],
    settings: Settings,
    encoding: str | None,
    decisions: Callable[[Input], DecisionFile],
    jobs: int = 1,
    progress: bool = False,
    cache: Cache | None = None,
) -> Iterator[tuple[Input, Processed | Failed, str | None]]:
    """Each input's result and cache key, in input order, as soon as it is ready: processed in
    `jobs` worker processes, or taken from the cache. A failure is reported as it comes; a binary
    file is reported and skipped."""
    encoding = checked_encoding(encoding)
    tasks: list[Task] = [(item.path, encoding, decisions(item).decisions, item.source) for item in inputs]
    bar = ProgressLine(sys.stderr, len(inputs)) if progress else None
    results = _results_in_order(tasks, settings, jobs, cache)
    try:
        for item in inputs:
            if bar:
                bar.draw()  # shown while the next file is worked on
            result, key = next(results)
            if bar:
                bar.advance(word_count(result.outcome.original.text) if isinstance(result, Processed) else 0)
                bar.clear()  # whatever is printed next starts on a clean line
            if isinstance(result, Skipped):
                print_error(f"{item.path}: {result.why}")  # not a failure: it is not an article
                continue
            if isinstance(result, Failed):
                print_error(result.message)
            else:
                for decision in result.outcome.stale:
                    print_error(
                        f"{decision.where}: stale decision: {decision.rule} “{decision.before}” matches no change any more; remove it"
                    )
            yield item, result, key
    finally:
        if bar:
            bar.clear()


def _results_in_order(
    tasks: list[Task], settings: Settings, jobs: int, cache: Cache | None
) -> Iterator[tuple[Result, str | None]]:
    """(result, cache key) in task order: from the cache where the input and everything in force
    are unchanged."""
    if cache is None:
        yield from ((result, None) for result in results(tasks, settings, jobs))
        return
    keys = [_cache_key(cache, task) for task in tasks]
    stored = [key is not None and cache.has(key) for key in keys]
    computed = results([task for task, hit in zip(tasks, stored, strict=True) if not hit], settings, jobs)
    for task, key, hit in zip(tasks, keys, stored, strict=True):
        outcome = _from_cache(cache, key, task) if key and hit else None
        if outcome is not None:
            yield Processed(outcome), key
            continue
        result = next(computed) if not hit else process_one(settings, *task)  # an entry that would not load
        if isinstance(result, Processed) and key and not result.outcome.problems:
            cache.put(key, result.outcome)
        yield result, key


def _from_cache(cache: Cache, key: str, task: Task) -> Outcome | None:
    """The stored outcome of a task, for its article read again (the cache holds changes, never a text);
    None when the file changed since its key was made or the entry does not check out."""
    path, encoding, _, source_path = task
    try:
        data = read_bytes(path)
        if not cache.made_from(key, data):
            return None
        document = read_article(path, encoding, data)
        source = read_source(source_path, encoding) if source_path else embedded_source(path, data)
    except (BinaryFile, DecodeError, UsageError, ArticleError):
        return None  # processed again, which reports it
    return cache.get(key, document, source)


def _cache_key(cache: Cache, task: Task) -> str | None:
    path, encoding, decisions, source = task
    try:
        data = read_bytes(path)
        source_data = read_bytes(source) if source else None
    except UsageError:
        return None  # reported when the file is processed
    return cache.key(data, encoding or "", format_for(path).name, decisions, source_data)


def results(tasks: list[Task], settings: Settings, jobs: int) -> Iterator[Result]:
    """Each task's result, in order: in this process, or in worker processes that build their
    settings (and grammar checker) once. A worker that dies (killed for memory, a crash in a checker)
    costs only the file it was on: the files it left are run one by one in fresh workers until the
    one that kills its worker is found (it is retried once, then reported), and the rest go on."""
    if jobs <= 1 or len(tasks) <= 1:
        yield from (process_one(settings, *task) for task in tasks)
        return
    done: dict[int, Result] = {}
    remaining = list(range(len(tasks)))
    next_out, isolating = 0, False
    while remaining:
        if isolating:
            index = remaining.pop(0)
            done[index], crashed = _isolated(settings, tasks[index])
            isolating = not crashed  # the file that killed the worker is found: back to running in parallel
        else:
            isolating = _run_pool(settings, tasks, remaining, done, jobs)
            remaining = [index for index in remaining if index not in done]
        while next_out in done:
            yield done.pop(next_out)
            next_out += 1


def _run_pool(settings: Settings, tasks: list[Task], indices: list[int], results: dict[int, Result], jobs: int) -> bool:
    """Run the tasks at `indices` in worker processes, filling `results`; whether a worker died."""
    from concurrent.futures.process import BrokenProcessPool, ProcessPoolExecutor  # a one-file run needs no pool

    with ProcessPoolExecutor(
        max_workers=min(jobs, len(indices)), initializer=_start_worker, initargs=(settings,)
    ) as pool:
        futures = [(index, pool.submit(_process_in_worker, tasks[index])) for index in indices]
        for index, future in futures:
            try:
                results[index] = future.result()
            except BrokenProcessPool:
                return True
    return False


def _isolated(settings: Settings, task: Task) -> tuple[Result, bool]:
    """One task in a worker of its own, retried once in a fresh one if the worker dies; (result, died)."""
    from concurrent.futures.process import BrokenProcessPool, ProcessPoolExecutor

    for _ in range(2):
        with ProcessPoolExecutor(max_workers=1, initializer=_start_worker, initargs=(settings,)) as pool:
            try:
                return pool.submit(_process_in_worker, task).result(), False
            except BrokenProcessPool:
                continue
    message = f"{task[0]}: the process checking it died twice (out of memory, or a crash in a checker); nothing was written for this file"
    return Failed(message), True


_WORKER_SETTINGS: Settings | None = None


def _start_worker(settings: Settings) -> None:
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings


def _process_in_worker(task: Task) -> Result:
    assert _WORKER_SETTINGS is not None, "the pool's initializer sets it"
    return process_one(_WORKER_SETTINGS, *task)


def show_progress(args: argparse.Namespace) -> bool:
    return not args.quiet and sys.stderr is not None and sys.stderr.isatty()


def process_one(
    settings: Settings,
    path: Path,
    encoding: str | None,
    decisions: list[Decision],
    source_path: Path | None = None,
) -> Result:
    """One file's result: whatever goes wrong with one file never stops the others."""
    try:
        document = read_article(path, encoding)
        source = read_source(source_path, encoding) if source_path else embedded_source(path)
    except BinaryFile as error:
        return Skipped(str(error))
    except DecodeError as error:
        return Failed(undecodable(path, error))
    except (UsageError, ArticleError) as error:
        return Failed(str(error))
    try:
        return Processed(process(document, settings, decisions, source))
    except FixDidNotConverge as error:
        return Failed(
            f"{path}: {error}; nothing was written for this file. Check these rules for edits that undo each other."
        )
    except CheckerError:
        raise  # the checker is down for every file, not just this one
    except Exception as error:  # a bug: report it for this file and go on with the others
        if os.environ.get("CLEANUP_DEBUG"):
            raise
        return Failed(f"{path}: internal error: {type(error).__name__}: {error} (please report it; {DEBUG_HINT})")


def word_count(text: str) -> int:
    """Words in `text`, counted without building a list of them (an article may be megabytes)."""
    return sum(1 for _ in _WORD.finditer(text))
