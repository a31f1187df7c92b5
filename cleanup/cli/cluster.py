"""The per-file step on a Dask distributed cluster (`--scheduler`): the files' bytes go to the workers in
small batches, a few batches in flight per worker thread, and the results come back in order to this
process, which keeps the cache and writes every output, exactly as a local run does."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any

from ..pipeline import Settings
from ..version import VERSION as __version__
from .errors import UsageError
from .inputs import read_bytes
from .step import Failed, Result, Task, process_one

FILES_PER_BATCH = 8  # files sent as one Dask task: a task costs the scheduler a round trip, a small file less
BYTES_PER_BATCH = 1 << 20
BATCHES_PER_THREAD = 4  # in flight per worker thread
CONNECT_SECONDS = 10

_EXTRA = "pip install 'translation-cleanup[dask]'"


class _Batch:
    """Files sent to the cluster as one task, and their results once they are back."""

    def __init__(self) -> None:
        self.items: list[tuple] = []  # each task with its file's bytes and its source's
        self.size = 0
        self.future: Any = None
        self.results: list[Result] | None = None


class Cluster:
    """The workers of the Dask scheduler at `address`. They get the run's settings once each, through Dask's
    own transport (data, and the names of cleanup's own classes: never code), and must run this version
    of cleanup. Files go in batches of a few;
    a batch whose workers die is sent again file by file, so the file that kills them fails alone."""

    def __init__(self, address: str, settings: Settings) -> None:
        try:
            from distributed import Client
            from distributed.comm.addressing import parse_address, parse_host_port
        except ImportError:
            raise UsageError(f"cleanup: --scheduler needs Dask's distributed scheduler; install it: {_EXTRA}") from None
        try:
            parse_host_port(parse_address(address)[1])
        except ValueError as error:
            raise UsageError(
                f"cleanup: --scheduler {address}: {error}; give an address such as tcp://HOST:8786"
            ) from None
        self.address, self.settings = address, settings
        try:
            self.client = Client(address, timeout=f"{CONNECT_SECONDS}s", set_as_default=False)
        except (OSError, ValueError, TypeError) as error:
            raise UsageError(
                f"cleanup: cannot reach the Dask scheduler at {address} ({error}); check the address and that it runs"
            ) from None
        self.shared = self._scattered()
        threads = sum(self.client.nthreads().values())
        self.in_flight = FILES_PER_BATCH * BATCHES_PER_THREAD * max(threads, 2)
        self.pending: set[Any] = set()
        self.batch = _Batch()

    def submit(self, task: Task) -> Callable[[], Result]:
        path, _, _, source_path = task
        try:
            data = read_bytes(path)
            source_data = read_bytes(source_path) if source_path else None
        except UsageError:  # reported here as a local run reports it
            return functools.partial(process_one, self.settings, *task)
        batch = self.batch
        batch.items.append((*task, data, source_data))
        batch.size += len(data) + len(source_data or b"")
        if len(batch.items) >= FILES_PER_BATCH or batch.size >= BYTES_PER_BATCH:
            self._send()
        return functools.partial(self._result, batch, len(batch.items) - 1)

    def _send(self) -> None:
        """Start the batch being filled on the cluster, and begin the next."""
        if self.batch.items:
            self.batch.future = self._started(self.batch.items)
            self.batch = _Batch()

    def _scattered(self) -> Any:
        """The settings on every worker (and from them on any that joins), each holding one copy."""
        return self.client.scatter([(__version__, self.settings)], broadcast=True, hash=False)[0]

    def _started(self, items: list[tuple]) -> Any:
        future = self.client.submit(_on_worker, self.shared, items, pure=False)
        self.pending.add(future)
        return future

    def _result(self, batch: _Batch, index: int) -> Result:
        if batch.future is None:
            self._send()  # the last files of the run
        if batch.results is None:
            batch.results = self._gathered(batch.future, batch.items)
            batch.items = []
        return batch.results[index]

    def _gathered(self, future: Any, items: list[tuple], again: bool = True) -> list[Result]:
        from distributed import KilledWorker
        from distributed.client import FutureCancelledError

        try:
            return future.result()
        except FutureCancelledError:
            if not again or self.shared.status == "finished":
                raise UsageError(f"cleanup: the Dask cluster at {self.address} cancelled this run's work") from None
            self.shared = self._scattered()  # the workers that held the settings died: send them again
            return self._gathered(self._started(items), items, again=False)
        except KilledWorker:
            if len(items) > 1:  # which file kills its workers: each alone
                return [self._gathered(self._started([item]), [item])[0] for item in items]
            return [
                Failed(
                    f"{items[0][0]}: the Dask workers checking it died (out of memory, or a crash in a checker); "
                    "nothing was written for this file"
                )
            ]
        except OSError as error:  # the scheduler went away
            raise UsageError(f"cleanup: lost the Dask scheduler at {self.address} ({error})") from None
        finally:
            self.pending.discard(future)

    def close(self) -> None:
        """Cancel the work still on the cluster (a run interrupted or failed) and disconnect."""
        if self.pending:
            self.client.cancel(list(self.pending), force=True)
        self.client.close()


_ONE_AT_A_TIME = threading.Lock()  # a worker's threads share one Settings (and grammar checker)


def _on_worker(shared: tuple[str, Settings], items: list[tuple]) -> list[Result]:
    """The results of a batch of files on a Dask worker."""
    version, settings = shared
    if version != __version__:
        raise UsageError(
            f"cleanup: a Dask worker runs cleanup {__version__}, this command {version}; "
            "install the same version on every worker"
        )
    with _ONE_AT_A_TIME:
        return [process_one(settings, *item) for item in items]
