"""Where files are worked on: in this process, or in worker processes with a few files in flight per
worker, so that however many files a run has, what it holds at once stays the same."""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Protocol, TypeVar

from ..pipeline import Settings
from .step import Failed, Result, Task, process_one

if TYPE_CHECKING:  # concurrent.futures (with logging and threading) only for worker processes
    from concurrent.futures import Future, ProcessPoolExecutor

IN_FLIGHT_PER_WORKER = 4  # enough to keep a worker busy while results are collected; few enough to hold little

Item = TypeVar("Item")
Started = TypeVar("Started")
Done = TypeVar("Done")


class Workers(Protocol):
    """Runs tasks: `submit` starts one and gives what returns its result when called."""

    in_flight: int  # how many tasks to keep started and not yet collected

    def submit(self, task: Task) -> Callable[[], Result]: ...

    def close(self) -> None: ...


def in_order(
    items: Iterable[Item], start: Callable[[Item], Started], finish: Callable[[Started], Done], window: int
) -> Iterator[Done]:
    """`finish(start(item))` for each item, in order, with at most `window` items started and not yet
    finished: items are taken from `items` only as results are collected."""
    started: deque[Started] = deque()
    for item in items:
        started.append(start(item))
        if len(started) >= window:
            yield finish(started.popleft())
    while started:
        yield finish(started.popleft())


class InProcess:
    """Each task run here, when its result is asked for."""

    in_flight = 1

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def submit(self, task: Task) -> Callable[[], Result]:
        return functools.partial(process_one, self.settings, *task)

    def close(self) -> None:
        pass


class Pool:
    """Worker processes that get the settings (and build the grammar checker) once. A worker that dies
    (killed for memory, a crash in a checker) costs only the file it was on: the tasks the broken pool had
    in flight are run one by one in fresh workers (the one that kills its worker is retried once, then
    reported), and the rest go on in a new pool."""

    def __init__(self, settings: Settings, jobs: int) -> None:
        self.settings, self.jobs = settings, jobs
        self.in_flight = jobs * IN_FLIGHT_PER_WORKER
        self.executor = self._started()

    def _started(self) -> ProcessPoolExecutor:
        from concurrent.futures import ProcessPoolExecutor  # a run in one process needs none

        return ProcessPoolExecutor(max_workers=self.jobs, initializer=_start_worker, initargs=(self.settings,))

    def submit(self, task: Task) -> Callable[[], Result]:
        from concurrent.futures.process import BrokenProcessPool

        try:
            future = self.executor.submit(_process_in_worker, task)
        except BrokenProcessPool:  # a worker died since the last task was started
            self._replace(self.executor)
            future = self.executor.submit(_process_in_worker, task)
        return functools.partial(self._result, task, future, self.executor)

    def _result(self, task: Task, future: Future[Result], executor: ProcessPoolExecutor) -> Result:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return future.result()
        except BrokenProcessPool:
            self._replace(executor)
            return _isolated(self.settings, task)

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        """A new pool for the one a dying worker broke (once, whichever of its tasks tells first)."""
        if broken is self.executor:
            broken.shutdown(wait=False)
            self.executor = self._started()

    def close(self) -> None:
        self.executor.shutdown(cancel_futures=True)


def _isolated(settings: Settings, task: Task) -> Result:
    """One task in a worker of its own, retried once in a fresh one if the worker dies."""
    from concurrent.futures.process import BrokenProcessPool, ProcessPoolExecutor

    for _ in range(2):
        with ProcessPoolExecutor(max_workers=1, initializer=_start_worker, initargs=(settings,)) as pool:
            try:
                return pool.submit(_process_in_worker, task).result()
            except BrokenProcessPool:
                continue
    return Failed(
        f"{task[0]}: the process checking it died twice (out of memory, or a crash in a checker); nothing was written for this file"
    )


_WORKER_SETTINGS: Settings | None = None


def _start_worker(settings: Settings) -> None:
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings


def _process_in_worker(task: Task) -> Result:
    assert _WORKER_SETTINGS is not None, "the pool's initializer sets it"
    return process_one(_WORKER_SETTINGS, *task)
