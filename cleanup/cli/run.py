"""One command's run, built once and shared by its steps: the configuration, the settings and glossary made
of it and the options, what the cache's key is made of, the inputs, their review decisions, where fix
writes, the cache and the tally."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..checkers import Checker
from ..config import Config
from ..decisions import DecisionFile
from ..house import HouseGlossary, house_glossary
from ..outputs.tally import Tally
from ..pipeline import Settings
from .console import failure_recorder, print_error
from .inputs import Input, decisions_finder, find_inputs, with_source
from .plan import Plan, plan_outputs
from .project import discovery_start, loaded_summary
from .settings import GlossaryFile, grammar_said, load_config, run_glossary, run_settings
from .stdin import reads_stdin, stdin_input

if TYPE_CHECKING:  # the cache (hashing, signing, temporary files) is imported only by a run that uses it
    from ..cache import Cache


@dataclass(frozen=True)
class CheckerKey:
    """The grammar checker as the cache's key sees it (its words come from the glossary, its other options
    from the configuration)."""

    name: str
    dialect: str | None
    disabled: tuple[str, ...] | None
    title_case: bool | None
    url: str | None

    @classmethod
    def of(cls, checker: Checker) -> CheckerKey:
        options = (getattr(checker, name, None) for name in ("dialect", "disabled", "title_case", "url"))
        return cls(checker.name, *options)


@dataclass(frozen=True)
class Fingerprint:
    """Everything besides an input and the code that decides its outcome: what the cache's key is made of."""

    glossary: tuple[GlossaryFile, ...]  # each glossary file's path and text
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    unsafe_fixes: bool
    quotations: str
    arabic_article: str
    headings: str
    every_name: bool
    apply_suggestions: tuple[str, ...]
    checker: CheckerKey | None
    config: Config  # as read, wherever it was read from

    @classmethod
    def of(cls, files: Sequence[GlossaryFile], settings: Settings, config: Config) -> Fingerprint:
        checker = CheckerKey.of(settings.checker) if settings.checker else None
        return cls(
            tuple(files),
            settings.select,
            settings.ignore,
            settings.unsafe_fixes,
            settings.quotations,
            settings.arabic_article,
            settings.headings,
            settings.every_name,
            settings.apply_suggestions,
            checker,
            replace(config, path=""),
        )

    def key(self) -> str:
        """The cache's key: this, with the package's code and the checkers' versions, hashed."""
        from ..cache import fingerprint

        return fingerprint([self])


@dataclass(frozen=True)
class Run:
    """One fix or check run: built once (`start_run`), then read by each step."""

    config: Config
    glossary: HouseGlossary  # with its house rules, as the settings line counts them
    settings: Settings
    fingerprint: Fingerprint
    inputs: list[Input]
    decisions: Callable[[Input], DecisionFile]
    plan: Plan | None  # where fix writes; None for check, which writes nothing
    cache: Cache | None
    tally: Tally


def start_run(args: argparse.Namespace, say: Callable[[str], None], writes: bool = False, fixes: bool = False) -> Run:
    """The run `args` ask for: settings, then inputs (for fix, outside its output folder; when it `writes`,
    with their outputs planned), their decisions, then the line `say`s which files were loaded, then the
    cache (none for standard input)."""
    stdin = reads_stdin(args)
    start = discovery_start(args)
    config = load_config(args.config, start)
    files = run_glossary(args.glossary, config, start)
    glossary = house_glossary(files)
    settings = run_settings(args, config, glossary)
    loaded = loaded_summary(config.path, [Path(path) for path, _ in files], glossary)
    loaded += grammar_said(settings.checker)
    out_dir = Path(getattr(args, "out", None) or config.out)
    tally = Tally()
    if stdin:
        found = [stdin_input(args.stdin_filename)]
    else:
        excluded = out_dir if writes or fixes else None
        found = find_inputs(args.paths, exclude=excluded, globs=config, unreadable=failure_recorder(tally))
    inputs = with_source(found, args.source)
    notes = {term.rule: term.note for term in settings.glossary.terms if term.note}
    plan = plan_outputs(inputs, out_dir, args.in_place, notes, args.docx_mode) if writes else None
    decisions = decisions_finder(args.decisions, inputs, out_dir, args.force)
    say(loaded)
    fingerprint = Fingerprint.of(files, settings, config)
    cache = None if stdin else _open_cache(args, config, fingerprint)
    return Run(config, glossary, settings, fingerprint, inputs, decisions, plan, cache, tally)


def _open_cache(args: argparse.Namespace, config: Config, made_of: Fingerprint) -> Cache | None:
    """The run's cache, or None with `--no-cache` or when its folder or key is not the user's alone
    (said in one line: the run goes on, uncached)."""
    if args.no_cache:
        return None
    from ..cache import Cache, default_folder
    from ..cachekey import CacheRefused

    folder = Path(config.cache_dir) if config.cache_dir is not None else default_folder()  # never the working folder
    try:
        return Cache.open(folder, made_of.key())
    except CacheRefused as error:
        print_error(f"cleanup: warning: {error}")
        return None
