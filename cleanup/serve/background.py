"""Processing in the background: every article once at start (from the cache when it has the outcome),
then each article whose decisions were saved or whose file changed on disk, its edition written as
`cleanup fix` writes it; the queue's rows and progress kept as it goes."""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

from ..cli.history import HistoryDamaged
from ..cli.inputs import ArticleError
from ..cli.step import Processed
from ..cli.write import WriteError
from ..decisions import DecisionsError
from .project import Article, Project
from .queue import FAILED, Row, row_of
from .saving import read_entries, version


class Background:
    """One thread that processes articles, those waiting longest first, saved ones before the first pass."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.rows: dict[str, Row] = {name: Row(name) for name in project.articles}
        self.stale: dict[str, list[dict]] = {}  # each article's stale decisions, as the page lists them
        self.seen: dict[str, tuple] = {}  # each article's file stamps when it was last processed
        self.waiting: OrderedDict[str, None] = OrderedDict()  # saved or changed: before the first pass
        self.first_pass: list[str] = list(project.articles)
        self.wake = threading.Condition()
        self.stopping = False
        self.thread = threading.Thread(target=self._loop, name="cleanup-serve-background", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        with self.wake:
            self.stopping = True
            self.wake.notify()
        self.thread.join(timeout=30)

    def again(self, name: str) -> None:
        """Process this article again (its decisions were saved, or it changed on disk)."""
        with self.wake:
            self.waiting[name] = None
            self.waiting.move_to_end(name)
            self.wake.notify()

    def progress(self) -> dict:
        """How many articles are processed and how many wait."""
        with self.wake:
            waiting = len(self.waiting) + len(self.first_pass)
        return {"total": len(self.rows), "waiting": waiting, "done": len(self.rows) - waiting}

    def idle(self) -> bool:
        with self.wake:
            return not self.waiting and not self.first_pass and not self.busy

    busy = False
    working_on = ""

    def settled(self, name: str) -> bool:
        """Whether the article waits for no processing (its edition is as its files on disk say)."""
        with self.wake:
            return name not in self.waiting and name not in self.first_pass and self.working_on != name

    def notice_changes(self) -> list[str]:
        """The articles whose file or decisions file changed on disk since they were processed (an
        editor's new translation, a decisions file edited by hand), queued again."""
        changed = [
            name
            for name, article in self.project.articles.items()
            if name in self.seen and self.seen[name] != stamps(article)
        ]
        for name in changed:
            self.again(name)
        return changed

    def _next(self) -> str | None:
        with self.wake:
            while not self.stopping and not self.waiting and not self.first_pass:
                self.wake.wait()
            if self.stopping:
                return None
            self.busy = True
            if self.waiting:
                self.working_on = self.waiting.popitem(last=False)[0]
                if self.working_on in self.first_pass:
                    self.first_pass.remove(self.working_on)
            else:
                self.working_on = self.first_pass.pop(0)
            return self.working_on

    def _loop(self) -> None:
        while (name := self._next()) is not None:
            try:
                self.rows[name] = self.refresh(self.project.articles[name])
            except Exception as error:  # noqa: BLE001 (one article's failure never stops the others)
                self.rows[name] = Row(name, FAILED, message=f"{type(error).__name__}: {error}")
            finally:
                with self.wake:
                    self.busy, self.working_on = False, ""

    def refresh(self, article: Article) -> Row:
        """Process one article as it is on disk now, write its edition, and give its row."""
        before = stamps(article)
        now = version(article)
        result, key, decided = self.project.process(article)
        if not isinstance(result, Processed):
            self.seen[article.name] = before
            return Row(article.name, FAILED, version=now, message=getattr(result, "message", ""))
        try:
            self.project.write(article, result.outcome, decided, key)
            entries = read_entries(article)
        except (WriteError, HistoryDamaged, ArticleError, DecisionsError) as error:
            self.seen[article.name] = before
            return Row(article.name, FAILED, version=now, message=str(error))
        self.seen[article.name] = before
        self.stale[article.name] = [
            {"rule": d.rule, "before": d.before, "after": d.after, "decision": d.verdict} for d in result.outcome.stale
        ]
        return row_of(article.name, result.outcome, entries, now)


def stamps(article: Article) -> tuple:
    """What tells that an article or its decisions changed on disk: size and modification time of each."""
    return tuple(_stamp(path) for path in (article.item.path, article.decisions))


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns
