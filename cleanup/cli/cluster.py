"""The per-file step on a Dask distributed cluster (`--scheduler`): the files' bytes go to the workers, a
few files in flight per worker thread, and the results come back in order to this process, which keeps the
cache and writes every output, exactly as a local run does."""

from __future__ import annotations

import functools
import hashlib
import pickle
import threading
from collections.abc import Callable
from typing import Any

from .. import __version__
from ..pipeline import Settings
from .errors import UsageError
from .inputs import read_bytes
from .step import Failed, Result, Task, process_one

IN_FLIGHT_PER_THREAD = 8  # a round trip through the scheduler takes longer than one to a local worker
CONNECT_SECONDS = 10

_EXTRA = "pip install 'cleanup[dask]'"


class Cluster:
    """The workers of the Dask scheduler at `address`. They get the run's settings once each, pickled here
    with the standard pickle (data, and the names of cleanup's own classes: never code), and must run this
    version of cleanup."""

    def __init__(self, address: str, settings: Settings) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise UsageError(f"cleanup: --scheduler needs Dask's distributed scheduler; install it: {_EXTRA}") from None
        self.address, self.settings = address, settings
        try:
            self.client = Client(address, timeout=f"{CONNECT_SECONDS}s", set_as_default=False)
        except (OSError, ValueError, TypeError) as error:
            raise UsageError(
                f"cleanup: cannot reach the Dask scheduler at {address} ({error}); check the address and that it runs"
            ) from None
        blob = pickle.dumps((__version__, settings))
        self.digest = hashlib.sha256(blob).hexdigest()
        self.blob = self.client.scatter(blob, hash=False)  # sent to each worker once, when it first needs it
        threads = sum(self.client.nthreads().values())
        self.in_flight = IN_FLIGHT_PER_THREAD * max(threads, 2)
        self.pending: set[Any] = set()

    def submit(self, task: Task) -> Callable[[], Result]:
        path, _, _, _, source_path = task
        try:
            data = read_bytes(path)
            source_data = read_bytes(source_path) if source_path else None
        except UsageError:  # reported here as a local run reports it
            return functools.partial(process_one, self.settings, *task)
        future = self.client.submit(_on_worker, self.digest, self.blob, (*task, data, source_data), pure=False)
        self.pending.add(future)
        return functools.partial(self._result, task, future)

    def _result(self, task: Task, future: Any) -> Result:
        from distributed import KilledWorker

        try:
            return future.result()
        except KilledWorker:
            return Failed(
                f"{task[0]}: the Dask workers checking it died (out of memory, or a crash in a checker); "
                "nothing was written for this file"
            )
        except OSError as error:  # the scheduler went away
            raise UsageError(f"cleanup: lost the Dask scheduler at {self.address} ({error})") from None
        finally:
            self.pending.discard(future)

    def close(self) -> None:
        """Cancel the work still on the cluster (a run interrupted or failed) and disconnect."""
        if self.pending:
            self.client.cancel(list(self.pending), force=True)
        self.client.close()


_SETTINGS: dict[str, Settings] = {}  # on a worker: the settings of the run it works for, unpickled once
_ONE_AT_A_TIME = threading.Lock()  # a worker's threads share one Settings (and grammar checker)


def _on_worker(digest: str, blob: bytes, task: tuple) -> Result:
    """One file's result on a Dask worker."""
    with _ONE_AT_A_TIME:
        settings = _SETTINGS.get(digest)
        if settings is None:
            version, settings = pickle.loads(blob)
            if version != __version__:
                raise UsageError(
                    f"cleanup: a Dask worker runs cleanup {__version__}, this command {version}; "
                    "install the same version on every worker"
                )
            _SETTINGS.clear()
            _SETTINGS[digest] = settings
        return process_one(settings, *task)
