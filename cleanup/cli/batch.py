"""Processing a batch of files: in order, from the cache or by the workers (here, in worker processes or on a
Dask cluster); typed results per file."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable, Generator, Iterable, Iterator
from typing import TYPE_CHECKING

from ..formats.registry import format_for
from ..lazyregex import lazy_compile
from ..model import Outcome
from ..pipeline import Settings
from ..textio import BinaryFile, DecodeError
from .console import print_error
from .errors import UsageError
from .inputs import ArticleError, Input, read_bytes, read_contents, read_source
from .progress import ProgressLine
from .run import Run
from .settings import checked_encoding
from .step import Failed, Processed, Result, Skipped, Task, process_one
from .workers import InProcess, Pool, Workers, in_order

if TYPE_CHECKING:  # a run with --no-cache never imports the cache
    from ..cache import Cache

_WORD = lazy_compile(r"\S+")


def outcomes(
    run: Run, encoding: str | None, jobs: int = 1, progress: bool = False, scheduler: str | None = None
) -> Iterator[tuple[Input, Processed | Failed, str | None]]:
    """Each of the run's inputs' result and cache key, in input order, as soon as it is ready: processed in
    `jobs` worker processes or on the Dask cluster of `scheduler`, or taken from the cache. A failure
    is reported as it comes; a binary file is reported and skipped."""
    encoding = checked_encoding(encoding)
    inputs = run.inputs
    tasks: Iterator[Task] = ((item.path, encoding, run.decisions(item).decisions, item.source) for item in inputs)
    bar = ProgressLine(sys.stderr, len(inputs)) if progress else None
    if any(item.data is not None for item in inputs):  # standard input: its bytes, here, uncached
        results = _given(inputs, tasks, run.settings)
    else:
        results = _results_in_order(tasks, run.settings, min(jobs, len(inputs)), run.cache, scheduler)
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
        results.close()  # the workers stop at once, also when the run is interrupted
        if bar:
            bar.clear()


def _results_in_order(
    tasks: Iterable[Task], settings: Settings, jobs: int, cache: Cache | None, scheduler: str | None = None
) -> Generator[tuple[Result, str | None], None, None]:
    """(result, cache key) in task order: from the cache where the input and everything in force are
    unchanged, else from the workers, a few tasks in flight at a time (so a run holds the same however
    many files it has)."""
    workers = _workers(settings, jobs, scheduler)

    def start(task: Task) -> tuple[Task, str | None, Callable[[], Result] | None]:
        key = cache_key(cache, task) if cache else None
        if cache and key and cache.has(key):
            return task, key, None  # read from the cache when its turn comes
        return task, key, workers.submit(task)

    def finish(started: tuple[Task, str | None, Callable[[], Result] | None]) -> tuple[Result, str | None]:
        task, key, running = started
        if running is None:
            assert cache and key
            outcome = _from_cache(cache, key, task)
            if outcome is not None:
                return Processed(outcome), key
            running = functools.partial(process_one, settings, *task)  # an entry that would not load
        result = running()
        if isinstance(result, Processed) and cache and key and not result.outcome.problems:
            cache.put(key, result.outcome)
        return result, key

    try:
        yield from in_order(tasks, start, finish, workers.in_flight)
    finally:
        workers.close()


def _given(
    inputs: list[Input], tasks: Iterable[Task], settings: Settings
) -> Generator[tuple[Result, str | None], None, None]:
    """(result, no cache key) of articles whose bytes were given (standard input), processed here."""
    for item, task in zip(inputs, tasks, strict=True):
        yield process_one(settings, *task, data=item.data), None


def _workers(settings: Settings, jobs: int, scheduler: str | None) -> Workers:
    """Where the files are worked on: a Dask cluster, worker processes, or this process."""
    if scheduler:
        from .cluster import Cluster  # Dask is an optional extra, imported only for a run that uses it

        return Cluster(scheduler, settings)
    return Pool(settings, jobs) if jobs > 1 else InProcess(settings)


def _from_cache(cache: Cache, key: str, task: Task) -> Outcome | None:
    """The stored outcome of a task, for its article read again (the cache holds changes, never a text);
    None when the file changed since its key was made or the entry does not check out."""
    path, encoding, _, source_path = task
    try:
        data = read_bytes(path)
        if not cache.made_from(key, data):
            return None
        contents = read_contents(path, encoding, data)
        source = read_source(source_path, encoding) if source_path else contents.source
    except (BinaryFile, DecodeError, UsageError, ArticleError):
        return None  # processed again, which reports it
    return cache.get(key, contents.document, source)


def cache_key(cache: Cache, task: Task) -> str | None:
    """The cache key of a task's input as it is on disk now; None when it cannot be read."""
    path, encoding, decisions, source = task
    try:
        data = read_bytes(path)
        source_data = read_bytes(source) if source else None
    except UsageError:
        return None  # reported when the file is processed
    return cache.key(data, encoding or "", format_for(path).name, decisions, source_data)


def results(tasks: Iterable[Task], settings: Settings, jobs: int = 1, scheduler: str | None = None) -> Iterator[Result]:
    """Each task's result, in order: in this process, in `jobs` worker processes, or on the Dask cluster
    of `scheduler`; a worker that dies costs only the file it was on."""
    return (result for result, _ in _results_in_order(tasks, settings, jobs, None, scheduler))


def show_progress(args: argparse.Namespace) -> bool:
    return not args.quiet and sys.stderr is not None and sys.stderr.isatty()


def word_count(text: str) -> int:
    """Words in `text`, counted without building a list of them (an article may be megabytes)."""
    return sum(1 for _ in _WORD.finditer(text))
