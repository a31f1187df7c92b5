"""`cleanup fix`: write the corrected edition and its records."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ...decisions import DecisionFile
from ...glossary.loader import Glossary
from ...model import Outcome
from ...outputs.controls import visible
from ...outputs.diff import pieces_from_changes
from ...outputs.tally import Tally
from ..batch import Failed, outcomes, show_progress
from ..console import make_console, print_error, print_note, report_problems
from ..errors import EXIT_CHANGES, EXIT_ERROR, EXIT_OK, UsageError
from ..history import HistoryDamaged
from ..inputs import ArticleError, Input, edition_bytes
from ..run import start_run
from ..stdin import reads_stdin
from ..write import WriteError, diff_bytes, remove_stale_temporaries, write_edition


def run_fix(args: argparse.Namespace) -> int:
    if args.diff or reads_stdin(args):
        return _run_to_stdout(args)
    show = None if args.quiet else _Display()
    run = start_run(args, show.settings if show else _say_nothing, writes=True)
    plan, tally = run.plan, run.tally
    assert plan is not None
    remove_stale_temporaries(plan.out_dir)  # left by a run that was killed
    for folder in {target.parent for target in plan.targets.values()} if args.in_place else ():
        remove_stale_temporaries(folder, recursive=False)
    # Each document's outputs are written as soon as it is done, so memory does not grow with the archive.
    for item, result, key in outcomes(run, args.encoding, args.jobs, show_progress(args), args.scheduler):
        if isinstance(result, Failed):
            tally.fail(str(item.path), result.message)
            continue
        outcome = result.outcome
        decided = run.decisions(item)
        try:
            write_edition(plan.edition(item, outcome, decided.names, key), run.cache)
        except (WriteError, HistoryDamaged, ArticleError) as error:  # this article's: the others are still written
            print_error(str(error))
            tally.fail(str(item.path), str(error))
            continue
        _note_new_names(decided, run.glossary, args.quiet)
        report_problems(str(item.path), outcome, tally)
        tally.add(outcome)
        if show:
            show.outcome(item, outcome, plan.targets[item.path])
    if show:
        show.summary(tally)
    return EXIT_ERROR if tally.failures else EXIT_OK


def _run_to_stdout(args: argparse.Namespace) -> int:
    """`fix --diff` (the unified diff of every file that would change; exit 1 if one would) and `fix -` (the
    corrected article read from standard input): to standard output, nothing written to disk, no records."""
    if args.in_place:
        raise UsageError(f"cleanup: --in-place rewrites files; it does not go with {'--diff' if args.diff else '-'}")
    run = start_run(args, lambda line: print_note(line, args.quiet), fixes=True)
    tally, out = run.tally, sys.stdout.buffer
    for item, result, _ in outcomes(run, args.encoding, args.jobs, show_progress(args), args.scheduler):
        if isinstance(result, Failed):
            tally.fail(str(item.path), result.message)
            continue
        outcome = result.outcome
        report_problems(str(item.path), outcome, tally)
        tally.add(outcome)
        try:
            pieces = diff_bytes(item, outcome, item.path.as_posix()) if args.diff else [_edition(item, outcome, args)]
        except ArticleError as error:
            print_error(str(error))
            tally.fail(str(item.path), str(error))
            continue
        out.writelines(pieces)
        out.flush()
    print_note(tally.line(), args.quiet)
    if tally.failures:
        return EXIT_ERROR
    return EXIT_CHANGES if args.diff and tally.changed else EXIT_OK


def _edition(item: Input, outcome: Outcome, args: argparse.Namespace) -> bytes:
    """The corrected article as its file would be (a Word file too), from the bytes read."""
    return edition_bytes(item.path, outcome, args.docx_mode, item.data)


def _say_nothing(line: str) -> None:
    """A quiet run does not say which files it loaded."""


def _note_new_names(decided: DecisionFile, glossary: Glossary, quiet: bool) -> None:
    """Say when names confirmed in review are not in the glossary yet, and how to add them."""
    new = [name for name in decided.names if name not in glossary.forms]
    if new:
        print_note(
            f"{decided.path}: {len(new)} name(s) confirmed in review are not in the glossary yet "
            f"({', '.join(new)}); add them: cleanup glossary add --names-from {decided.path}",
            quiet,
        )


class _Display:
    """What a run that is not quiet prints: each document's word diff and flags, then the summary. The
    terminal renderer (rich) is imported here, so a quiet run never loads it."""

    def __init__(self) -> None:
        from ...outputs import terminal

        self.terminal = terminal
        self.console = make_console(quiet=False)

    def settings(self, line: str) -> None:
        self.console.print(visible(line), markup=False, highlight=False, style="dim", soft_wrap=True)

    def outcome(self, item: Input, outcome: Outcome, target: Path) -> None:
        if outcome.changes:
            title = f"{item.path} → {target} ({len(outcome.changes)} changes)"
            pieces = pieces_from_changes(outcome.original.text, outcome.corrected, outcome.changes)
            self.terminal.print_word_diff(self.console, title, pieces)
        self.terminal.print_flags(self.console, str(item.path), outcome)

    def summary(self, tally: Tally) -> None:
        for table in self.terminal.summary_tables(tally):
            self.console.print(table)
        if tally.spelling:
            self.console.print(tally.spelling, markup=False, highlight=False, style="dim")
