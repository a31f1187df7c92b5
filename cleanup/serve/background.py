"""Processing in the background: every article once at start, then each article whose decisions were saved
or whose file changed on disk, and each one added to the folders, its edition written as `cleanup fix`
writes it; the queue's rows and progress kept as it goes. An article whose outcome is in the cache has its
row read by the server itself (`cached`), then its outputs checked; the rest of the work is done in worker
processes (their own interpreters: a save never waits for them), started again if one dies."""

from __future__ import annotations

import itertools
import multiprocessing
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ..cli.errors import UsageError
from ..cli.history import HistoryDamaged
from ..cli.inputs import ArticleError, edition_bytes
from ..cli.step import Processed
from ..cli.write import WriteError
from ..decisions import DecisionsError
from ..house import GlossaryError
from .cached import Cached, cached_row, edition_current
from .pages import article_page
from .project import Article, Project
from .queue import FAILED, Row, row_of, stale_of
from .saving import version

Stale = list[dict]
RECYCLE = 500  # requests a worker process serves before a fresh one takes over: its memory stays bounded
BIRTHS = itertools.count()  # worker processes and settings reloads in the order they happened
LOOK = 2.0  # seconds between two looks at the served folders (when the queue asks): it may ask often


class Background:
    """Threads handing articles to worker processes (one each), saved ones first, then the first pass, and
    a thread reading rows from the cache before them; an article is never worked on by two at once."""

    def __init__(self, project: Project, workers: int = 2) -> None:
        self.project = project
        self.rows: dict[str, Row] = {name: Row(name) for name in project.articles}
        self.stale: dict[str, Stale] = {}  # each article's stale decisions, as the page lists them
        self.seen: dict[str, tuple] = {}  # each article's file stamps when it was last processed
        self.waiting: OrderedDict[str, None] = OrderedDict()  # saved or changed: before the first pass
        self.unread: OrderedDict[str, None] = OrderedDict.fromkeys(project.articles)  # rows the cache may have
        self.unchecked: OrderedDict[str, Cached] = OrderedDict()  # rows from the cache, outputs not yet checked
        self.first_pass: list[str] = []  # what the cache did not have, for the workers
        self.wake = threading.Condition()
        self.stopping = False
        self.working: set[str] = set()
        self.looked = time.monotonic()
        self.looking = threading.Lock()
        self.reloading = threading.RLock()  # held while the settings are read again (and by a glossary edit)
        self.settings_seen = self._settings_stamps()
        self.settings_born = next(BIRTHS)  # a worker process born before reads older settings
        self.settings_problem = ""  # why the configuration or glossary on disk does not load, if it does not
        self.pages = PageMaker(project.argv)  # review pages and Word editions, made beside the background's work
        self.threads = [
            threading.Thread(target=self._loop, name=f"cleanup-serve-background-{n}", daemon=True)
            for n in range(max(1, workers))
        ]
        self.threads.append(threading.Thread(target=self._read_cache, name="cleanup-serve-cache", daemon=True))

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
            self.wake.notify_all()  # a worker's thread, not only the cache's

    def queue(self) -> list[dict]:
        """Every article's row, as sent to the page."""
        with self.wake:
            rows = list(self.rows.values())
        return [row.plain() for row in rows]

    def progress(self) -> dict:
        """How many articles are processed and how many wait."""
        with self.wake:
            waiting = len(self._unsettled())
            total = len(self.rows)
        return {"total": total, "waiting": waiting, "done": total - waiting}

    def idle(self) -> bool:
        with self.wake:
            return not self._unsettled()

    def settled(self, name: str) -> bool:
        """Whether the article waits for no processing (its edition is as its files on disk say)."""
        with self.wake:
            return name not in self._unsettled()

    def _unsettled(self) -> set[str]:
        return {*self.waiting, *self.unread, *self.unchecked, *self.first_pass, *self.working}

    def notice_changes(self, names: Iterable[str] | None = None) -> list[str]:
        """The articles (of `names`, else all) whose file or decisions file changed on disk since they were
        processed (an editor's new translation, a decisions file edited by hand), queued again."""
        seen, articles = dict(self.seen), self.project.articles
        chosen = list(seen) if names is None else [name for name in names if name in seen]
        changed = [name for name in chosen if name in articles and seen[name] != stamps(articles[name])]
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

    def look(self) -> None:
        """At most every LOOK seconds: the articles added to the served folders or removed (`notice_articles`),
        then those changed on disk (`notice_changes`)."""
        if time.monotonic() < self.looked + LOOK or not self.looking.acquire(blocking=False):
            return
        try:
            self.notice_articles()
            self.notice_changes()
            self.looked = time.monotonic()
        finally:
            self.looking.release()

    def notice_articles(self) -> None:
        """List the served folders again: an article added is queued (its row read from the cache, else
        processed), one removed leaves the queue, one given a source is processed again."""
        before = self.project.articles
        if self.project.rescan():
            self._relist(before, self.project.articles)

    def _relist(self, before: dict[str, Article], after: dict[str, Article]) -> None:
        with self.wake:
            for name in before.keys() - after.keys():
                for kept in (self.rows, self.stale, self.seen, self.waiting, self.unread, self.unchecked):
                    kept.pop(name, None)
                if name in self.first_pass:
                    self.first_pass.remove(name)
            for name, article in after.items():
                if name not in before:
                    self.rows[name] = Row(name)
                    self.unread[name] = None
                elif article != before[name]:
                    self.waiting[name] = None
            self.wake.notify_all()

    def _next(self, started: bool) -> str | None:
        """The next article to process; None to stop; "" for a thread whose worker process is not `started`
        to start it once the cache's pass is over (so it is ready for the next article, and not slowing
        that pass down)."""
        with self.wake:
            while not self.stopping and (name := self._free()) is None:
                if not started and not self.unread and not self.unchecked:
                    return ""
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
        while (name := self._next(worker is not None)) is not None:
            if not name:
                worker = Worker(self.project.argv)
                continue
            article = self.project.served(name)
            try:
                if article is None:
                    continue  # removed from the folders meanwhile, or replaced by a link out
                self.seen[name] = stamps(article)  # before: a change while it is processed is noticed
                if worker is None or not self._current(worker):
                    if worker is not None:
                        worker.stop()
                    worker = Worker(self.project.argv)
                row, stale = worker.refresh(article)
                self._keep(name, Row(**row), stale)
            except (EOFError, OSError):  # the worker died on this article: it alone fails
                self._keep(name, Row(name, FAILED, message="processing this article stopped the worker"), [])
                worker = None
            finally:
                self._done(name)
        if worker is not None:
            worker.stop()

    def _keep(self, name: str, row: Row, stale: Stale) -> None:
        """Show the article's new row, unless it left the folders meanwhile."""
        with self.wake:
            if name in self.project.articles:
                self.rows[name], self.stale[name] = row, stale

    def _done(self, name: str, then: list[str] | None = None) -> None:
        with self.wake:
            self.working.discard(name)
            if then is not None and name in self.project.articles:
                then.append(name)
            self.wake.notify_all()

    def _read_cache(self) -> None:
        """The server's own pass, before the workers': each row the cache has (what it lacks goes to the
        workers), then each of those articles' outputs checked (those not as fix left them too)."""
        while (taken := self._take_unread()) is not None:
            name, article, found = taken
            try:
                if found is None:
                    self.seen[name] = stamps(article)
                    found = cached_row(self.project, article)
                    if found is not None:
                        self._keep(name, found.row, found.stale)
                        with self.wake:
                            self.unchecked[name] = found
                    missed = found is None
                else:
                    missed = not edition_current(self.project, article, found)
            except Exception:  # whatever fails here, a worker processes the article and says why
                missed = True
            self._done(name, self.first_pass if missed else None)

    def _take_unread(self) -> tuple[str, Article, Cached | None] | None:
        """The next article whose row to read from the cache, else whose outputs to check (with its row)."""
        with self.wake:
            while not self.stopping:
                for pending in (self.unread, self.unchecked):
                    while pending:
                        name, found = pending.popitem(last=False)
                        article = self.project.articles.get(name)
                        if article is not None and name not in self.working and name not in self.waiting:
                            self.working.add(name)
                            return name, article, found
                self.wake.wait()
            return None


class Worker:
    """A worker process: given an article (as the server lists it), it processes the article and writes its
    edition, or makes its review page or a Word edition; one request at a time (callers take turns)."""

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

    def refresh(self, article: Article) -> tuple[dict, Stale]:
        """Process the article and write its edition: its queue row and stale decisions."""
        return self._ask(("refresh", article))

    def page(self, article: Article, token: str) -> tuple[int, str]:
        """The article's review page as served (200), or why there is none (422)."""
        return self._ask(("page", article, token))

    def edition(self, article: Article, mode: str) -> tuple[int, bytes | str]:
        """A Word article's edition in `mode` (200), or why there is none (422)."""
        return self._ask(("edition", article, mode))

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
        kind, article, *rest = request
        connection.send(WORK[kind](project, article, *rest))


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
    except (WriteError, HistoryDamaged, ArticleError, DecisionsError) as error:
        return Row(article.name, FAILED, version=now, message=str(error)).plain(), []
    return row_of(article.name, result.outcome, decided, now).plain(), stale_of(result.outcome)


def edition_of(project: Project, article: Article, mode: str) -> tuple[int, bytes | str]:
    """A Word article's edition in `mode` (200), or 422 and why not: in fix's mode, the file fix's steps
    write (tracked changes carry the time they were written: a second rendering would differ); the other
    mode rendered now."""
    result, key, decided = project.process(article)
    if not isinstance(result, Processed):
        return 422, getattr(result, "message", "this file cannot be written")
    try:
        if mode != project.plan_of(article).docx_mode:
            return 200, edition_bytes(article.item.path, result.outcome, mode)
        project.write(article, result.outcome, decided, key)
        return 200, article.target.read_bytes()
    except (WriteError, HistoryDamaged, ArticleError, OSError) as error:
        return 422, str(error)


WORK: dict[str, Callable[..., Any]] = {
    "refresh": refreshed,
    "page": page_of,
    "edition": edition_of,
}  # a worker's requests, by kind


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
    """Review pages and Word editions made in a worker process of their own (processing an article is
    heavy: the server's interpreter stays free for saves), started again if it dies."""

    def __init__(self, argv: list[str]) -> None:
        self.argv = argv
        self.worker: Worker | None = None
        self.starting = threading.Lock()

    def page(self, article: Article, token: str) -> tuple[int, str]:
        try:
            return self._worker().page(article, token)
        except (EOFError, OSError):
            return 422, "making this article's page stopped its worker; try again"

    def edition(self, article: Article, mode: str) -> tuple[int, bytes | str]:
        try:
            return self._worker().edition(article, mode)
        except (EOFError, OSError):
            return 422, "making this Word edition stopped its worker; try again"

    def _worker(self) -> Worker:
        with self.starting:
            if self.worker is None or not self.worker.alive() or self.worker.served >= RECYCLE:
                if self.worker is not None:
                    threading.Thread(target=self.worker.stop, daemon=True).start()  # after its last request
                self.worker = Worker(self.argv)
            return self.worker

    def reload(self) -> None:
        """Pages from a fresh worker process from now on (the configuration or glossary changed)."""
        with self.starting:
            retired, self.worker = self.worker, None
        if retired is not None:
            threading.Thread(target=retired.stop, daemon=True).start()  # after its last request

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop()
