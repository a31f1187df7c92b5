"""`cleanup fix`: write the corrected edition and its records."""

from __future__ import annotations

import argparse
from pathlib import Path

from ...decisions import DecisionFile
from ...glossary.loader import Glossary
from ...model import Outcome
from ...outputs.controls import visible
from ...outputs.diff import pieces_from_changes
from ...outputs.tally import Tally
from ..batch import Failed, outcomes, show_progress
from ..console import failure_recorder, make_console, print_error, print_note, report_problems
from ..errors import EXIT_ERROR, EXIT_OK
from ..history import HistoryDamaged, history_folder
from ..inputs import ArticleError, Input, decisions_finder, find_inputs, with_source
from ..plan import plan_outputs, write_outputs
from ..settings import run_cache, run_settings
from ..write import WriteError, remove_stale_temporaries


def run_fix(args: argparse.Namespace) -> int:
    config, settings, made_of, loaded = run_settings(args)
    out_dir = Path(args.out or config.out)
    tally = Tally()
    inputs = with_source(
        find_inputs(args.paths, exclude=out_dir, globs=config, unreadable=failure_recorder(tally)), args.source
    )
    plan = plan_outputs(inputs, out_dir, args.in_place)
    remove_stale_temporaries(out_dir)  # left by a run that was killed
    for folder in {target.parent for target in plan.values()} if args.in_place else ():
        remove_stale_temporaries(folder, recursive=False)
    show = None if args.quiet else _Display()
    if show:
        show.console.print(visible(loaded), markup=False, highlight=False, style="dim", soft_wrap=True)
    decisions = decisions_finder(args.decisions, inputs, out_dir, args.force)
    cache = run_cache(args, config, made_of)
    notes = {term.rule: term.note for term in settings.glossary.terms if term.note}
    # Each document's outputs are written as soon as it is done, so memory does not grow with the archive.
    for item, result, key in outcomes(
        inputs, settings, args.encoding, decisions, args.jobs, show_progress(args), cache, args.scheduler
    ):
        if isinstance(result, Failed):
            tally.fail(str(item.path), result.message)
            continue
        outcome = result.outcome
        history = history_folder(out_dir, item.name) if args.in_place else None
        decided = decisions(item)
        try:
            write_outputs(
                item,
                outcome,
                plan[item.path],
                out_dir / item.name,
                notes,
                cache if key else None,
                key,
                history,
                decided.names,
                args.docx_mode,
            )
        except (
            WriteError,
            HistoryDamaged,
            ArticleError,
        ) as error:  # this article's outputs: the others are still written
            print_error(str(error))
            tally.fail(str(item.path), str(error))
            continue
        _note_new_names(decided, settings.glossary, args.quiet)
        report_problems(str(item.path), outcome, tally)
        tally.add(outcome)
        if show:
            show.outcome(item, outcome, plan[item.path])
    if show:
        show.summary(tally)
    return EXIT_ERROR if tally.failures else EXIT_OK


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
