"""Harper in a worker process that the language server replaces as it grows. harper-py keeps memory for
every new text it lints (about 2.7 KB a text, never given back, even by a new Linter), and a keystroke is a
new paragraph text: so after `LINTS` lints, or once the worker's resident memory passes `RSS_KB`, a
successor is started, and takes over (the old worker exits) once it has warmed up; until then the old
worker answers, so no keystroke waits for a Linter to be built.

The worker is a fresh interpreter (multiprocessing's spawn, as `cleanup serve`'s workers): it answers
requests on its pipe one at a time and exits when the pipe closes; its standard output goes to standard
error, as the server's standard output is the editor's channel."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ..checkers import AUTO_DIALECT, CheckerError, Span, harper_dialect
from ..checkers.harper import HarperChecker
from ..model import Flag

LINTS = 500  # paragraphs a worker lints before its successor starts (it grows about 100 KB a lint at first)
RSS_KB = 400 * 1024  # a worker past this resident memory is replaced whatever its lints
RSS_EVERY = 50  # lints between two readings of the worker's memory
WARM_PARAGRAPH = "The fighters returned to the village at night."


@dataclass
class HarperLints:
    """Harper's lints of one paragraph at a time, in the dialect a document is checked in (as the
    configured checker checks a document it finds in that dialect)."""

    harper: HarperChecker
    _by_dialect: dict[str, HarperChecker] = field(default_factory=dict, init=False)

    def variety(self, text: str) -> str:
        return self.harper.variety(text)

    def dictionary_words(self, words: Collection[str]) -> frozenset[str]:
        return self.harper.dictionary_words(words)

    def lint(self, dialect: str, paragraph: str, markdown: bool) -> list[Flag]:
        """The flags of `paragraph` (offsets in it) in `dialect`."""
        if dialect not in self._by_dialect:
            self._by_dialect[dialect] = replace(self.harper, dialect=dialect)
        return self._by_dialect[dialect].check(paragraph, [(0, len(paragraph))], markdown)


@dataclass(frozen=True)
class Warm:
    """What a new worker does before it says it is ready: lint a paragraph in each dialect the server uses,
    and tell the dialect of the last document (so its first answers come as fast as the old worker's)."""

    dialects: tuple[str, ...] = ()
    paragraph: str = WARM_PARAGRAPH
    text: str = ""


class WorkerGone(Exception):
    """The worker process stopped (crashed or was killed) before it answered."""


class Worker:
    """One worker process, as the server sees it: started with the checker's settings and what to warm
    up, then asked one thing at a time."""

    def __init__(self, harper: HarperChecker, warm: Warm) -> None:
        context = multiprocessing.get_context("spawn")  # a fresh interpreter: no threads or locks inherited
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=serve, args=(theirs, harper, warm), daemon=True)
        self.process.start()
        theirs.close()
        self.lints = 0
        self.ready = False

    def is_ready(self) -> bool:
        """Whether the worker has warmed up, without waiting for it."""
        with contextlib.suppress(OSError, ValueError):
            if not self.ready and self.connection.poll(0):
                self.wait_ready()
        return self.ready

    def wait_ready(self) -> None:
        if not self.ready:
            self._receive()
            self.ready = True

    def ask(self, method: str, *args: Any) -> Any:
        """The worker's answer to `method(*args)`; raises WorkerGone when it stopped, CheckerError as Harper does."""
        self.wait_ready()
        try:
            self.connection.send((method, args))
        except (OSError, ValueError):
            raise WorkerGone from None
        return self._receive()

    def _receive(self) -> Any:
        try:
            kind, value = self.connection.recv()
        except (EOFError, OSError, ValueError):
            raise WorkerGone from None
        if kind == "error":
            raise CheckerError(value)
        return value

    def rss_kb(self) -> int:
        """The worker's resident memory (0 when it cannot be read)."""
        with contextlib.suppress(OSError, ValueError):
            for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def stop(self, wait: bool = True) -> bool:
        """Close its pipe (it exits); reap it, waiting for it only when asked. Whether it has exited."""
        self.connection.close()
        if wait:
            self.process.join(timeout=5)
            if self.process.is_alive():
                self.process.kill()
                self.process.join()
        return not self.process.is_alive()  # is_alive reaps a process that has exited


class RecycledHarper:
    """Harper's lints from a worker process, replaced after `lints` lints (or past `rss_kb` of memory) by a
    successor that takes over once warmed up; a worker that stops is replaced and asked again."""

    name = "harper"

    def __init__(self, harper: HarperChecker, lints: int = LINTS, rss_kb: int = RSS_KB) -> None:
        self.harper = harper
        self.lints, self.rss_kb = lints, rss_kb
        self.replaced = 0  # workers replaced: what a test counts
        self._variety = ("", "")  # the last text asked about, and its dialect
        self._known: dict[str, bool] = {}  # words asked about: in Harper's dictionary or not
        self._warm = Warm()
        self._too_big = False
        self._exiting: list[Worker] = []  # workers told to exit, not yet reaped
        self.current = Worker(harper, self._start_warm())
        self.successor: Worker | None = None

    def variety(self, text: str) -> str:
        if self.harper.dialect != AUTO_DIALECT:
            return self.harper.dialect
        if self._variety[0] != text:
            self._variety = (text, self._ask("variety", text))
            self._warm = replace(self._warm, text=text)
        return self._variety[1]

    def dictionary_words(self, words: Collection[str]) -> frozenset[str]:
        new = [word for word in words if word not in self._known]
        if new:
            known = self._ask("dictionary_words", new)
            self._known.update((word, word in known) for word in new)
        return frozenset(word for word in words if self._known[word])

    def lint(self, dialect: str, paragraph: str, markdown: bool) -> list[Flag]:
        self._recycle()
        flags = self._ask("lint", dialect, paragraph, markdown)
        self.current.lints += 1
        if dialect not in self._warm.dialects:
            self._warm = replace(self._warm, dialects=(*self._warm.dialects, dialect))
        if self.current.lints % RSS_EVERY == 0:
            self._too_big = self.current.rss_kb() > self.rss_kb
        return flags

    def check(self, text: str, paragraphs: Sequence[Span], markdown: bool) -> list[Flag]:
        """Flags for `text` as HarperChecker.check gives them, each paragraph linted by the worker."""
        dialect = self.variety(text)
        flags: list[Flag] = []
        for start, end in paragraphs:
            found = self.lint(dialect, text[start:end], markdown)
            flags += [replace(flag, start=flag.start + start, end=flag.end + start) for flag in found]
        return flags

    def close(self) -> None:
        """Stop every worker, waiting for each to exit."""
        for worker in (self.current, self.successor, *self._exiting):
            if worker is not None:
                worker.stop()
        self.successor, self._exiting = None, []

    def _recycle(self) -> None:
        """Start the successor when the worker is due; hand over to it once it is ready (without waiting);
        reap the old workers that have exited."""
        if self._exiting:
            self._exiting = [worker for worker in self._exiting if not worker.stop(wait=False)]
        if self.successor is None and (self.current.lints >= self.lints or self._too_big):
            self.successor = Worker(self.harper, self._start_warm())
        if self.successor is not None and self.successor.is_ready():
            self._hand_over()

    def _start_warm(self) -> Warm:
        dialects = self._warm.dialects or (harper_dialect(self.harper.dialect),)
        return replace(self._warm, dialects=dialects)

    def _hand_over(self) -> None:
        """The successor (started now if there is none) takes over; the old worker exits."""
        old = self.current
        self.current = self.successor or Worker(self.harper, self._start_warm())
        self.successor = None
        self._too_big = False
        self.replaced += 1
        old.stop(wait=False)  # no keystroke waits for it to exit: it is reaped later
        self._exiting.append(old)

    def _ask(self, method: str, *args: Any) -> Any:
        """The current worker's answer; a worker that stopped is replaced and asked once more."""
        try:
            return self.current.ask(method, *args)
        except WorkerGone:
            print(
                f"cleanup: Harper's worker process stopped ({self.current.process.exitcode}); another takes over",
                file=sys.stderr,
            )
            self._hand_over()
        try:
            return self.current.ask(method, *args)
        except WorkerGone:
            raise CheckerError("Harper's worker process stopped twice in a row; see the server's log") from None


def serve(connection: Connection, harper: HarperChecker, warm: Warm) -> None:
    """The worker's loop: warm up as told, say so, then answer each request until the pipe closes."""
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a library's print must not reach the editor's channel
    lints = HarperLints(harper)
    try:
        if warm.text:
            lints.variety(warm.text)
        for dialect in warm.dialects:
            lints.lint(dialect, warm.paragraph, False)
    except CheckerError as error:  # Harper is not installed: said, as each later start says it
        connection.send(("error", str(error)))
        return
    connection.send(("ok", "ready"))
    while True:
        try:
            method, args = connection.recv()
        except EOFError:
            return
        try:
            answer = ("ok", getattr(lints, method)(*args))
        except CheckerError as error:
            answer = ("error", str(error))
        connection.send(answer)
