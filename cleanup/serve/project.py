"""The project a server serves: the run `cleanup fix PATH…` would make (configuration, glossary, settings,
inputs, where it writes), its articles by name, and one article processed and written exactly as fix does."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from ..cli.batch import outcomes
from ..cli.defaults import DEFAULT_INPUT
from ..cli.errors import UsageError
from ..cli.inputs import Input, decisions_finder, find_inputs, with_source
from ..cli.parser import build_parser
from ..cli.plan import Plan, plan_outputs
from ..cli.project import configuration_files
from ..cli.run import Run, start_run
from ..cli.settings import glossary_files
from ..cli.step import Failed, Processed
from ..cli.write import write_edition
from ..decisions import SUFFIX, DecisionFile, DecisionsError
from ..model import Outcome


@dataclass(frozen=True)
class Article:
    """One served article: its input, its decisions file and its corrected edition."""

    item: Input
    decisions: Path  # <output folder>/<name>.decisions.yaml, where its decisions are saved
    target: Path  # the corrected edition

    @property
    def name(self) -> str:
        return self.item.name


class Project:
    """The articles `cleanup fix` would process with these arguments, and how fix processes and writes one."""

    def __init__(self, fix_argv: list[str]) -> None:
        self.argv = fix_argv
        self.args = fix_args = build_parser().parse_args(fix_argv)
        self.run: Run = start_run(fix_args, lambda line: None, writes=True)
        assert self.run.plan is not None
        self.out_dir = self.run.plan.out_dir
        roots = [Path(path).resolve() for path in fix_args.paths or [DEFAULT_INPUT]]
        self.roots = [*roots, self.out_dir.resolve()]
        self.processing = threading.Lock()  # one article at a time: the grammar checker is not shared between threads
        self.articles: dict[str, Article] = self._served(self.run.inputs, self.run.plan)  # replaced, never changed
        self.names = self._names()  # what the folders held when the articles were last listed

    def _served(self, inputs: list[Input], plan: Plan) -> dict[str, Article]:
        """The inputs served, by name: never one a link leads out of the served folders to."""
        return {
            item.name: Article(item, self.out_dir / (item.name + SUFFIX), plan.targets[item.path])
            for item in inputs
            if self.inside(item.path)
        }

    def rescan(self) -> bool:
        """List the served folders again, as `cleanup fix` would now (an article added, removed, or given a
        source since); whether the articles changed. When they cannot be listed or planned (a folder gone, two
        articles that would be written to one file), the articles stay as they were."""
        assert self.run.plan is not None
        plan = self.run.plan
        names = self._names()
        if names == self.names:
            return False  # nothing added, removed or renamed: the listing would be the same
        self.names = names
        try:
            found = find_inputs(self.args.paths, exclude=self.out_dir, globs=self.run.config, unreadable=_quiet)
            inputs = with_source(found, self.args.source)
            plan = plan_outputs(inputs, plan.out_dir, plan.in_place, plan.notes, plan.docx_mode)
        except UsageError:
            return False
        articles = self._served(inputs, plan)
        if articles == self.articles:
            return False
        self.run = replace(self.run, inputs=inputs, plan=plan)
        self.articles = articles
        return True

    def served(self, name: str) -> Article | None:
        """The article of this name, while its file (links followed) is still in the served folders: one
        replaced by a link out since it was listed is not served."""
        article = self.articles.get(name)
        return article if article is not None and self.inside(article.item.path) else None

    def inside(self, path: Path) -> bool:
        """Whether `path`, links followed, lies in a served folder (or is a served file)."""
        resolved = path.resolve()
        return any(resolved == root or root in resolved.parents for root in self.roots)

    def settings_files(self) -> list[Path]:
        """The configuration and glossary files the run reads, as it would find them now (a file added to the
        glossary folder too): what to watch for edits on disk."""
        configs = [Path(self.args.config)] if self.args.config else list(configuration_files())
        return [*configs, *self.glossary_files()]

    def glossary_files(self) -> list[Path]:
        """The glossary files the run reads, as it would find them now."""
        return glossary_files(self.args.glossary or list(self.run.config.glossary))

    def reload_settings(self) -> None:
        """The run made again from the configuration and glossary as they are on disk now (the articles and
        where they are written kept); UsageError or GlossaryError, the run unchanged, when they do not load."""
        self.run = start_run(self.args, lambda line: None, writes=True)

    def decided(self, article: Article) -> DecisionFile:
        """The article's decisions as fix reads them now; UsageError (naming the file) when they do not read."""
        return decisions_finder(None, [article.item], self.out_dir, False)(article.item)

    def process(self, article: Article) -> tuple[Processed | Failed, str | None, DecisionFile]:
        """The article's outcome with its decisions as they are on disk now (from the cache when it has it),
        its cache key, and those decisions."""
        try:
            decided = self.decided(article)
        except (UsageError, DecisionsError) as error:
            return Failed(str(error)), None, DecisionFile(None, None, [])
        run = replace(self.run, inputs=[article.item], decisions=lambda item: decided)
        with self.processing:
            for _, result, key in outcomes(run, self.args.encoding, 1):
                return result, key, decided
        return Failed(f"{article.item.path}: not an article (binary)"), None, decided

    def _names(self) -> list[tuple[str, bool]]:
        """The names in the served folders (but hidden folders and the output folder), each with whether it is
        a link: quick to take, where listing the articles as fix does (each file's links resolved, its source
        looked for) is not."""
        found: list[tuple[str, bool]] = []
        out_dir = self.out_dir.resolve()
        folders = []
        for path in self.args.paths or [DEFAULT_INPUT]:
            found.append((path, Path(path).is_file()))
            folders.append(path)
        while folders:
            try:
                with os.scandir(folders.pop()) as entries:
                    for entry in entries:
                        found.append((entry.path, entry.is_symlink()))
                        if entry.is_dir(follow_symlinks=False) and not entry.name.startswith("."):
                            if Path(entry.path).resolve() != out_dir:
                                folders.append(entry.path)
            except OSError:
                continue
        return found

    def write(self, article: Article, outcome: Outcome, decided: DecisionFile, key: str | None) -> None:
        """Write the article's edition and records all or nothing, as `cleanup fix` writes them."""
        write_edition(self.plan_of(article).edition(article.item, outcome, decided.names, key), self.run.cache)

    def plan_of(self, article: Article) -> Plan:
        """Where the article's edition and records go (a worker process is given articles listed after it
        started: their edition's place comes with them)."""
        assert self.run.plan is not None
        return replace(self.run.plan, targets={article.item.path: article.target})


def _quiet(path: str, why: str) -> None:
    """A subfolder that cannot be read when the folders are listed again: said once, at start."""
