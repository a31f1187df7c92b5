"""Processing in the background: every article once at start (from the cache when it has the outcome),
then each article whose decisions were saved or whose file changed on disk, its edition written as
`cleanup fix` writes it; the queue's rows and progress kept as it goes. The work is done in a worker
process (its own interpreter: a save never waits for it), which is started again if it dies."""

from __future__ import annotations

import itertools
import multiprocessing
import threading
from collections import OrderedDict
from collections.abc import Iterable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ..cli.errors import UsageError
from ..cli.history import HistoryDamaged
from ..cli.inputs import ArticleError
from ..cli.step import Processed
from ..cli.write import WriteError
from ..decisions import DecisionsError
from ..house import GlossaryError
from .pages import article_page
from .project import Article, Project
from .queue import FAILED, Row, row_of
from .saving import read_decided, version

Stale = list[dict]
RECYCLE = 500  # requests a worker process serves before a fresh one takes over: its memory stays bounded
BIRTHS = itertools.count()  # worker processes and settings reloads in the order they happened


class Background:
    """Threads handing articles to worker processes (one each), saved ones first, then the first pass; an
    article is never worked on by two at once."""

    def __init__(self, project: Project, workers: int = 2) -> None:
        self.project = project
        self.rows: dict[str, Row] = {name: Row(name) for name in project.articles}
        self.stale: dict[str, Stale] = {}  # each article's stale decisions, as the page lists them
        self.seen: dict[str, tuple] = {}  # each article's file stamps when it was last processed
        self.waiting: OrderedDict[str, None] = OrderedDict()  # saved or changed: before the first pass
        self.first_pass: list[str] = list(project.articles)
        self.wake = threading.Condition()
        self.stopping = False
        self.working: set[str] = set()
        self.pages = PageMaker(project.argv)  # review pages, made beside the background's work
        self.reloading = threading.RLock()  # held while the settings are read again (and by a glossary edit)
        self.settings_seen = self._settings_stamps()
        self.settings_born = next(BIRTHS)  # a worker process born before reads older settings
        self.settings_problem = ""  # why the configuration or glossary on disk does not load, if it does not
        self.threads = [
            threading.Thread(target=self._loop, name=f"cleanup-serve-background-{n}", daemon=True)
            for n in range(max(1, workers))
        ]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def stop(self) -> None:
        with self.wake:
            self.stopping = True
            self.wake.notify_all()
        for thread in self.threads:
            thread.join(timeout=60)
        self.pages.stop()

    def again(self, name: str) -> None:
        """Process this article again (its decisions were saved, or it changed on disk)."""
        with self.wake:
            self.waiting[name] = None
            self.waiting.move_to_end(name)
            self.wake.notify()

    def progress(self) -> dict:
        """How many articles are processed and how many wait."""
        with self.wake:
            waiting = len(self.waiting) + len(self.first_pass) + len(self.working)
        return {"total": len(self.rows), "waiting": waiting, "done": len(self.rows) - waiting}

    def idle(self) -> bool:
        with self.wake:
            return not self.waiting and not self.first_pass and not self.working

    def settled(self, name: str) -> bool:
        """Whether the article waits for no processing (its edition is as its files on disk say)."""
        with self.wake:
            return name not in self.waiting and name not in self.first_pass and name not in self.working

    def notice_changes(self, names: Iterable[str] | None = None) -> list[str]:
        """The articles (of `names`, else all) whose file or decisions file changed on disk since they were
        processed (an editor's new translation, a decisions file edited by hand), queued again."""
        articles = self.project.articles
        chosen = list(self.seen) if names is None else [name for name in names if name in self.seen]
        changed = [name for name in chosen if self.seen[name] != stamps(articles[name])]
        for name in changed:
            self.again(name)
        return changed

    def notice_settings(self) -> bool:
        """Whether the configuration or glossary changed on disk since they were read (an editor's edit, a
        file added to the glossary folder); if so, every article is processed again with them."""
        with self.reloading:  # a glossary edit being written reloads on its own
            if self._settings_stamps() == self.settings_seen:
                return False
            self.reload_settings()
        return True

    def reload_settings(self, names: Iterable[str] | None = None) -> None:
        """Read the configuration and glossary again: the project's run made again, each worker process
        replaced by a fresh one (they read them when they start), and `names` (else every article) processed
        again. When they do not load, nothing changes and `settings_problem` says why."""
        with self.reloading:
            self.settings_seen = self._settings_stamps()
            try:
                self.project.reload_settings()
            except (UsageError, GlossaryError) as error:
                self.settings_problem = str(error)
                return
            self.settings_problem = ""
            self.settings_born = next(BIRTHS)
            self.pages.reload()
        for name in self.project.articles if names is None else names:
            self.again(name)

    def _settings_stamps(self) -> tuple:
        return tuple((path, _stamp(path)) for path in self.project.settings_files())

    def _current(self, worker: Worker) -> bool:
        """Whether a worker process may take the next article: alive, not due to be replaced, and started
        after the settings were last read."""
        return worker.alive() and worker.served < RECYCLE and worker.born > self.settings_born

    def _next(self) -> str | None:
        with self.wake:
            while not self.stopping and (name := self._free()) is None:
                self.wake.wait()
            if self.stopping or name is None:
                return None
            self.waiting.pop(name, None)
            if name in self.first_pass:
                self.first_pass.remove(name)
            self.working.add(name)
            return name

    def _free(self) -> str | None:
        """The next article no one works on: saved or changed ones first."""
        for name in self.waiting:
            if name not in self.working:
                return name
        return self.first_pass[0] if self.first_pass else None

    def _loop(self) -> None:
        worker: Worker | None = None
        while (name := self._next()) is not None:
            article = self.project.articles[name]
            self.seen[name] = stamps(article)  # before: a change while it is processed is noticed
            try:
                if worker is None or not self._current(worker):
                    if worker is not None:
                        worker.stop()
                    worker = Worker(self.project.argv)
                row, stale = worker.refresh(name)
                self.rows[name], self.stale[name] = Row(**row), stale
            except (EOFError, OSError):  # the worker died on this article: it alone fails
                self.rows[name] = Row(name, FAILED, message="processing this article stopped the worker")
                worker = None
            finally:
                with self.wake:
                    self.working.discard(name)
                    self.wake.notify_all()
        if worker is not None:
            worker.stop()


class Worker:
    """A worker process: given an article's name, it processes the article and writes its edition, or
    makes its review page; one request at a time (callers from several threads take turns)."""

    def __init__(self, argv: list[str]) -> None:
        context = multiprocessing.get_context("spawn")  # a fresh interpreter: no threads or locks inherited
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=_serve_worker, args=(argv, theirs), daemon=True)
        self.process.start()
        theirs.close()
        self.turn = threading.Lock()
        self.served = 0
        self.born = next(BIRTHS)

    def alive(self) -> bool:
        return self.process.is_alive()

    def refresh(self, name: str) -> tuple[dict, Stale]:
        """Process the article and write its edition: its queue row and stale decisions."""
        return self._ask(("refresh", name))

    def page(self, name: str, token: str) -> tuple[int, str]:
        """The article's review page as served (200), or why there is none (422)."""
        return self._ask(("page", name, token))

    def _ask(self, request: tuple) -> Any:
        with self.turn:
            self.served += 1
            self.connection.send(request)
            return self.connection.recv()

    def stop(self) -> None:
        with self.turn:  # after the request in flight, if any
            self.connection.close()
        self.process.join(timeout=30)
        if self.process.is_alive():
            self.process.kill()


def _serve_worker(argv: list[str], connection: Connection) -> None:
    """The worker process's loop: the project built once, then one article at a time until the pipe closes."""
    project = Project(argv)
    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        kind, name, *rest = request
        article = project.articles[name]
        connection.send(refreshed(project, article) if kind == "refresh" else page_of(project, article, *rest))


def page_of(project: Project, article: Article, token: str) -> tuple[int, str]:
    """The article's review page as the server sends it, on its version now; or 422 and why not."""
    now = version(article)
    result, _, decided = project.process(article)
    if not isinstance(result, Processed):
        return 422, getattr(result, "message", "this file cannot be reviewed")
    return 200, "".join(article_page(project, article, result.outcome, decided, token, now))


def refreshed(project: Project, article: Article) -> tuple[dict, Stale]:
    """Process one article as it is on disk now, write its edition; its queue row and stale decisions."""
    now = version(article)
    result, key, decided = project.process(article)
    if not isinstance(result, Processed):
        return Row(article.name, FAILED, version=now, message=getattr(result, "message", "")).plain(), []
    try:
        project.write(article, result.outcome, decided, key)
        saved = read_decided(article)
    except (WriteError, HistoryDamaged, ArticleError, DecisionsError) as error:
        return Row(article.name, FAILED, version=now, message=str(error)).plain(), []
    stale = [
        {"rule": d.rule, "before": d.before, "after": d.after, "decision": d.verdict} for d in result.outcome.stale
    ]
    return row_of(article.name, result.outcome, saved, now).plain(), stale


def stamps(article: Article) -> tuple:
    """What tells that an article or its decisions changed on disk: size and modification time of each."""
    return tuple(_stamp(path) for path in (article.item.path, article.decisions))


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns


class PageMaker:
    """Review pages made in a worker process of their own (processing an article is heavy: the server's
    interpreter stays free for saves), started again if it dies."""

    def __init__(self, argv: list[str]) -> None:
        self.argv = argv
        self.worker: Worker | None = None
        self.starting = threading.Lock()

    def page(self, name: str, token: str) -> tuple[int, str]:
        with self.starting:
            if self.worker is None or not self.worker.alive() or self.worker.served >= RECYCLE:
                if self.worker is not None:
                    threading.Thread(target=self.worker.stop, daemon=True).start()  # after its last page
                self.worker = Worker(self.argv)
            worker = self.worker
        try:
            return worker.page(name, token)
        except (EOFError, OSError):
            return 422, "making this article's page stopped its worker; try again"

    def reload(self) -> None:
        """Pages from a fresh worker process from now on (the configuration or glossary changed)."""
        with self.starting:
            retired, self.worker = self.worker, None
        if retired is not None:
            threading.Thread(target=retired.stop, daemon=True).start()  # after its last page

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop()
