"""The project a server serves: the run `cleanup fix PATH…` would make (configuration, glossary, settings,
inputs, where it writes), its articles by name, and one article processed and written exactly as fix does."""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from pathlib import Path

from ..cli.batch import outcomes
from ..cli.errors import UsageError
from ..cli.inputs import Input, decisions_finder
from ..cli.parser import build_parser
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
        roots = [Path(path).resolve() for path in fix_args.paths or ["seeds"]]
        self.roots = [*roots, self.out_dir.resolve()]
        self.articles: dict[str, Article] = {}
        self.processing = threading.Lock()  # one article at a time: the grammar checker is not shared between threads
        for item in self.run.inputs:
            if self.inside(item.path):  # never an article a link leads out of the served folders to
                decisions = self.out_dir / (item.name + SUFFIX)
                self.articles[item.name] = Article(item, decisions, self.run.plan.targets[item.path])

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

    def write(self, article: Article, outcome: Outcome, decided: DecisionFile, key: str | None) -> None:
        """Write the article's edition and records all or nothing, as `cleanup fix` writes them."""
        assert self.run.plan is not None
        write_edition(self.run.plan.edition(article.item, outcome, decided.names, key), self.run.cache)

    def outcome(self, article: Article) -> Outcome | str:
        """The article's outcome now, or why there is none."""
        result, _, _ = self.process(article)
        return result.outcome if isinstance(result, Processed) else getattr(result, "message", "not processed")
