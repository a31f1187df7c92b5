"""Processing in the background: every article once at start (from the cache when it has the outcome),
then each article whose decisions were saved or whose file changed on disk, its edition written as
`cleanup fix` writes it; the queue's rows and progress kept as it goes. The work is done in a worker
process (its own interpreter: a save never waits for it), which is started again if it dies."""

from __future__ import annotations

import multiprocessing
import threading
from collections import OrderedDict
from multiprocessing.connection import Connection
from pathlib import Path

from ..cli.history import HistoryDamaged
from ..cli.inputs import ArticleError
from ..cli.step import Processed
from ..cli.write import WriteError
from ..decisions import DecisionsError
from .project import Article, Project
from .queue import FAILED, Row, row_of
from .saving import read_entries, version

Stale = list[dict]


class Background:
    """One thread handing articles to the worker process, saved ones first, then the first pass."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.rows: dict[str, Row] = {name: Row(name) for name in project.articles}
        self.stale: dict[str, Stale] = {}  # each article's stale decisions, as the page lists them
        self.seen: dict[str, tuple] = {}  # each article's file stamps when it was last processed
        self.waiting: OrderedDict[str, None] = OrderedDict()  # saved or changed: before the first pass
        self.first_pass: list[str] = list(project.articles)
        self.wake = threading.Condition()
        self.stopping = False
        self.working_on = ""
        self.worker: Worker | None = None
        self.thread = threading.Thread(target=self._loop, name="cleanup-serve-background", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        with self.wake:
            self.stopping = True
            self.wake.notify()
        self.thread.join(timeout=60)
        if self.worker:
            self.worker.stop()

    def again(self, name: str) -> None:
        """Process this article again (its decisions were saved, or it changed on disk)."""
        with self.wake:
            self.waiting[name] = None
            self.waiting.move_to_end(name)
            self.wake.notify()

    def progress(self) -> dict:
        """How many articles are processed and how many wait."""
        with self.wake:
            waiting = len(self.waiting) + len(self.first_pass) + bool(self.working_on)
        return {"total": len(self.rows), "waiting": waiting, "done": len(self.rows) - waiting}

    def idle(self) -> bool:
        with self.wake:
            return not self.waiting and not self.first_pass and not self.working_on

    def settled(self, name: str) -> bool:
        """Whether the article waits for no processing (its edition is as its files on disk say)."""
        with self.wake:
            return name not in self.waiting and name not in self.first_pass and self.working_on != name

    def notice_changes(self) -> list[str]:
        """The articles whose file or decisions file changed on disk since they were processed (an
        editor's new translation, a decisions file edited by hand), queued again."""
        articles = self.project.articles
        changed = [name for name, seen in list(self.seen.items()) if seen != stamps(articles[name])]
        for name in changed:
            self.again(name)
        return changed

    def _next(self) -> str | None:
        with self.wake:
            while not self.stopping and not self.waiting and not self.first_pass:
                self.wake.wait()
            if self.stopping:
                return None
            if self.waiting:
                self.working_on = self.waiting.popitem(last=False)[0]
                if self.working_on in self.first_pass:
                    self.first_pass.remove(self.working_on)
            else:
                self.working_on = self.first_pass.pop(0)
            return self.working_on

    def _loop(self) -> None:
        while (name := self._next()) is not None:
            article = self.project.articles[name]
            self.seen[name] = stamps(article)  # before: a change while it is processed is noticed
            try:
                if self.worker is None or not self.worker.alive():
                    self.worker = Worker(self.project.argv)
                row, stale = self.worker.refresh(name)
                self.rows[name], self.stale[name] = Row(**row), stale
            except (EOFError, OSError, BrokenPipeError):  # the worker died on this article: it alone fails
                self.rows[name] = Row(name, FAILED, message="processing this article stopped the worker")
                self.worker = None
            finally:
                with self.wake:
                    self.working_on = ""


class Worker:
    """The worker process: given an article's name, it processes the article and writes its edition."""

    def __init__(self, argv: list[str]) -> None:
        context = multiprocessing.get_context("spawn")  # a fresh interpreter: no threads or locks inherited
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=_serve_worker, args=(argv, theirs), daemon=True)
        self.process.start()
        theirs.close()

    def alive(self) -> bool:
        return self.process.is_alive()

    def refresh(self, name: str) -> tuple[dict, Stale]:
        self.connection.send(name)
        return self.connection.recv()

    def stop(self) -> None:
        self.connection.close()
        self.process.join(timeout=30)
        if self.process.is_alive():
            self.process.kill()


def _serve_worker(argv: list[str], connection: Connection) -> None:
    """The worker process's loop: the project built once, then one article at a time until the pipe closes."""
    project = Project(argv)
    while True:
        try:
            name = connection.recv()
        except EOFError:
            return
        connection.send(refreshed(project, project.articles[name]))


def refreshed(project: Project, article: Article) -> tuple[dict, Stale]:
    """Process one article as it is on disk now, write its edition; its queue row and stale decisions."""
    now = version(article)
    result, key, decided = project.process(article)
    if not isinstance(result, Processed):
        return Row(article.name, FAILED, version=now, message=getattr(result, "message", "")).plain(), []
    try:
        project.write(article, result.outcome, decided, key)
        entries = read_entries(article)
    except (WriteError, HistoryDamaged, ArticleError, DecisionsError) as error:
        return Row(article.name, FAILED, version=now, message=str(error)).plain(), []
    stale = [
        {"rule": d.rule, "before": d.before, "after": d.after, "decision": d.verdict} for d in result.outcome.stale
    ]
    return row_of(article.name, result.outcome, entries, now).plain(), stale


def stamps(article: Article) -> tuple:
    """What tells that an article or its decisions changed on disk: size and modification time of each."""
    return tuple(_stamp(path) for path in (article.item.path, article.decisions))


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns
